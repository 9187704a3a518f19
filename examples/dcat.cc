// SPDX-License-Identifier: MIT
// dcat: writes a file to stdout with no libc at all, reading it with
// O_DIRECT (open_flag::direct_, the value of the arch it was built for)
// where the file system allows it, and through the page cache, saying so,
// where it refuses (EINVAL). Every read and write goes through the ring
// into one registered buffer, mapped with sys::mmap.
//
// Signals as a runtime on a ring handles them: SIGPIPE is ignored
// (sys::rt_sigaction), so `dcat FILE | head` ends when the reader goes
// (EPIPE) with exit status 0, not killed; SIGINT is blocked
// (sys::rt_sigprocmask) and read from a signalfd (sys::signalfd4) by a
// request kept in the ring beside the copy, so a Ctrl-C completes like any
// I/O, whatever dcat is waiting for: the copy step in flight is cancelled
// (or finishes, if it was about to), and dcat stops with "dcat: interrupted
// after N bytes" and exit status 130.
// -v says how the file was read and how long it took
// (sys::clock_gettime). Errors are named on stderr with exit status 1; 77
// where io_uring is missing.
// usage: dcat [-v] FILE
#include "fring/arch/start.h"
#include "fring/fring.h"

namespace {

using namespace fring;

// A multiple of any file system's direct I/O alignment, so every read but
// the last starts and ends on one.
constexpr unsigned kBlock = 64 * 1024;

constexpr int kFailed = 1;
constexpr int kUnsupported = 77;
constexpr int kInterrupted = 130;  // as a shell reports a SIGINT

// The user_data of the signalfd read and of the cancellation it brings; the
// copy's requests carry 0.
constexpr uint64_t kSignalRead = 1;
constexpr uint64_t kCancel = 2;

void say(const char* s) {
  size_t n = 0;
  while (s[n] != '\0') ++n;
  (void)sys::write(2, s, n);
}

void say_number(uint64_t v, unsigned base = 10) {
  char digits[24];
  char* p = digits + sizeof(digits);
  *--p = '\0';
  do {
    *--p = static_cast<char>('0' + v % base);
    v /= base;
  } while (v != 0);
  say(p);
}

// "dcat: WHAT[ NAME]: ENAME (message)"; returns the exit status that goes with it.
int fail(const char* what, Errno e, const char* name = nullptr) {
  say("dcat: ");
  say(what);
  if (name != nullptr) {
    say(" ");
    say(name);
  }
  say(": ");
  say(errno_name(e));
  say(" (");
  say(errno_message(e));
  say(")\n");
  return kFailed;
}

// Submits the copy step queued and returns its result once it completes.
// A completion of the signalfd read on the way means a SIGINT came: that is
// noted in `interrupted`, and the step is cancelled and waited for, so that
// nothing is left in flight (ecanceled, unless it completed first).
Result<int> run(Ring& ring, bool& interrupted) {
  FRING_TRY(ring.submit());
  for (;;) {
    FRING_TRY_ASSIGN(Cqe * cqe, ring.wait_cqe());
    const uint64_t what = cqe->user_data;
    const Result<int> res = cqe_result(*cqe);
    ring.cqe_seen(cqe);
    if (what == 0) return res;
    if (what == kSignalRead) {
      interrupted = true;
      Sqe* cancel = ring.get_sqe();
      prep_cancel64(*cancel, 0, 0);
      sqe_set_data64(*cancel, kCancel);
      FRING_TRY(ring.submit());
    }
  }
}

struct Options {
  bool verbose = false;
  const char* path = nullptr;
};

bool parse(int argc, char** argv, Options& options) {
  for (int i = 1; i < argc; ++i) {
    const char* a = argv[i];
    if (a[0] == '-' && a[1] == 'v' && a[2] == '\0') {
      options.verbose = true;
    } else if (options.path == nullptr) {
      options.path = a;
    } else {
      return false;
    }
  }
  return options.path != nullptr;
}

// What a SIGINT ends with.
int stopped(uint64_t copied) {
  say("dcat: interrupted after ");
  say_number(copied);
  say(" bytes\n");
  return kInterrupted;
}

int64_t milliseconds_since(const Timespec& start) {
  Timespec now{};
  (void)sys::clock_gettime(clock_id::monotonic, &now);
  return (now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1000000;
}

}  // namespace

extern "C" int fring_main(int argc, char** argv, char**) {
  Options options;
  if (!parse(argc, argv, options)) {
    say("usage: dcat [-v] FILE\n");
    return kFailed;
  }
  Timespec start{};
  (void)sys::clock_gettime(clock_id::monotonic, &start);

  // A closed stdout is EPIPE from the write, not a kill.
  Sigaction ignore{};
  ignore.disposition = sig_handler::ign;
  if (const long r = sys::rt_sigaction(sig::pipe, &ignore, nullptr); r < 0) {
    return fail("ignoring SIGPIPE", static_cast<Errno>(-r));
  }
  // SIGINT waits, blocked, to be read from the signalfd.
  const uint64_t int_bit = sig_bit(sig::int_);
  if (const long r = sys::rt_sigprocmask(sig_how::block, &int_bit, nullptr); r < 0) {
    return fail("blocking SIGINT", static_cast<Errno>(-r));
  }
  const long sfd = sys::signalfd4(-1, &int_bit, sfd_flag::cloexec);
  if (sfd < 0) return fail("making a signalfd for SIGINT", static_cast<Errno>(-sfd));

  auto made = Ring::queue_init(4);
  if (!made) {
    fail("setting up io_uring", made.error());
    if (made == Errno::enosys || made == Errno::eperm) {
      say("dcat: unsupported here: io_uring unavailable (qemu-user, or a kernel without it)\n");
      return kUnsupported;
    }
    return kFailed;
  }
  Ring& ring = made.value();
  bool interrupted = false;

  // The SIGINT watch: a read of the signalfd, in flight until a SIGINT comes.
  SignalfdSiginfo signal_info{};
  Sqe* watch = ring.get_sqe();
  prep_read(*watch, static_cast<int>(sfd), &signal_info, sizeof(signal_info), 0);
  sqe_set_data64(*watch, kSignalRead);

  // The buffer: whole pages from mmap, aligned for direct I/O.
  const long addr = sys::mmap(nullptr, kBlock, prot::read | prot::write,
                              map_flag::private_ | map_flag::anonymous, -1, 0);
  if (addr < 0 && addr >= -4095) return fail("mapping the buffer", static_cast<Errno>(-addr));
  char* const buffer = reinterpret_cast<char*>(addr);
  const Iovec iov{buffer, kBlock};
  if (const Result<void> r = register_buffers(ring, &iov, 1); !r) {
    return fail("registering the buffer", r.error());
  }

  bool direct = true;
  prep_openat(*ring.get_sqe(), at::fdcwd, options.path,
              open_flag::rdonly | open_flag::direct_ | open_flag::cloexec, 0);
  Result<int> opened = run(ring, interrupted);
  if (interrupted) return stopped(0);
  if (opened == Errno::einval) {
    direct = false;
    say("dcat: O_DIRECT refused here (EINVAL): reading through the page cache\n");
    prep_openat(*ring.get_sqe(), at::fdcwd, options.path, open_flag::rdonly | open_flag::cloexec,
                0);
    opened = run(ring, interrupted);
    if (interrupted) return stopped(0);
  }
  if (!opened) return fail("opening", opened.error(), options.path);
  const int fd = opened.value();

  // A regular file is read up to its size, never at an unaligned end; a
  // pipe or a device until it returns nothing.
  Statx st{};
  prep_statx(*ring.get_sqe(), fd, "", at::empty_path, statx_mask::type | statx_mask::size, &st);
  if (const Result<int> r = run(ring, interrupted); !r && !interrupted) {
    return fail("statx", r.error());
  }
  const bool regular = (st.stx_mode & file_mode::ifmt) == file_mode::ifreg;
  if (options.verbose) {
    say(direct ? "dcat: reading with O_DIRECT (0" : "dcat: reading buffered (O_DIRECT is 0");
    say_number(static_cast<unsigned>(open_flag::direct_), 8);
    say(" on this arch)\n");
  }

  uint64_t copied = 0;
  bool reader_gone = false;
  while (!interrupted && !reader_gone && (!regular || copied < st.stx_size)) {
    prep_read_fixed(*ring.get_sqe(), fd, buffer, kBlock, regular ? copied : ~0ULL, 0);
    const Result<int> got = run(ring, interrupted);
    if (interrupted) break;
    if (!got) return fail("reading", got.error());
    if (got.value() == 0) break;
    const unsigned n = static_cast<unsigned>(got.value());
    for (unsigned done = 0; done < n;) {
      prep_write_fixed(*ring.get_sqe(), 1, buffer + done, n - done, ~0ULL, 0);
      const Result<int> put = run(ring, interrupted);
      if (put.ok()) {
        done += static_cast<unsigned>(put.value());
        copied += static_cast<unsigned>(put.value());
      }
      if (interrupted) break;
      if (put == Errno::epipe) {
        reader_gone = true;
        break;
      }
      if (!put) return fail("writing to stdout", put.error());
    }
  }
  prep_close(*ring.get_sqe(), fd);
  (void)run(ring, interrupted);

  if (interrupted) return stopped(copied);
  if (options.verbose) {
    say("dcat: ");
    say_number(copied);
    say(reader_gone ? " bytes, then stdout's reader went away, in " : " bytes in ");
    say_number(static_cast<uint64_t>(milliseconds_since(start)));
    say(" ms\n");
  }
  return 0;
}
