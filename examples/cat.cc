// SPDX-License-Identifier: MIT
// cat: writes each file named on the command line (or stdin, also for "-")
// to stdout, with no libc at all. One registered buffer serves every read
// (op::read_fixed) and write (op::write_fixed); files are opened
// and closed through the ring too. Errors are named on stderr; the exit
// status is 1 after any error, 77 where io_uring or a feature cat needs is
// missing (tests/examples_test.sh reports that as a skip).
#include "fring/arch/start.h"
#include "fring/fring.h"

namespace {

using namespace fring;

constexpr unsigned kBufferSize = 32 * 1024;
alignas(4096) char buffer[kBufferSize];

constexpr int kFailed = 1;
constexpr int kUnsupported = 77;

void say(const char* s) {
  size_t n = 0;
  while (s[n] != '\0') ++n;
  (void)sys::write(2, s, n);
}

// "cat: WHAT NAME: ENAME (message)"; returns the exit status that goes with it.
int fail(const char* what, const char* name, Errno e) {
  say("cat: ");
  say(what);
  say(" ");
  say(name);
  say(": ");
  say(errno_name(e));
  say(" (");
  say(errno_message(e));
  say(")\n");
  return kFailed;
}

// Submits the one request queued and returns its result.
Result<int> run(Ring& ring) {
  FRING_TRY(ring.submit_and_wait(1));
  FRING_TRY_ASSIGN(Cqe * cqe, ring.wait_cqe());
  const Result<int> res = cqe_result(*cqe);
  ring.cqe_seen(cqe);
  return res;
}

// Copies `fd` to stdout through the registered buffer (index 0), from the
// file position on (offset -1), writing short writes' rest again.
int copy(Ring& ring, int fd, const char* name) {
  for (;;) {
    prep_read_fixed(*ring.get_sqe(), fd, buffer, kBufferSize, ~0ULL, 0);
    const Result<int> got = run(ring);
    if (!got) return fail("reading", name, got.error());
    if (got.value() == 0) return 0;
    const unsigned n = static_cast<unsigned>(got.value());
    for (unsigned done = 0; done < n;) {
      prep_write_fixed(*ring.get_sqe(), 1, buffer + done, n - done, ~0ULL, 0);
      const Result<int> put = run(ring);
      if (!put) return fail("writing", "stdout", put.error());
      done += static_cast<unsigned>(put.value());
    }
  }
}

bool is_stdin(const char* arg) { return arg[0] == '-' && arg[1] == '\0'; }

}  // namespace

extern "C" int fring_main(int argc, char** argv, char**) {
  auto made = Ring::queue_init(4);
  if (!made) {
    fail("setting up", "io_uring", made.error());
    if (made == Errno::enosys || made == Errno::eperm) {
      say("cat: unsupported here: io_uring unavailable (qemu-user, or a kernel without it)\n");
      return kUnsupported;
    }
    return kFailed;
  }
  Ring& ring = made.value();
  if (!(ring.features() & feat::rw_cur_pos)) {
    say("cat: unsupported here: kernel lacks feat::rw_cur_pos (Linux 5.6)\n");
    return kUnsupported;
  }
  const Iovec registered = {buffer, sizeof(buffer)};
  if (auto r = register_buffers(ring, &registered, 1); !r) {
    return fail("registering", "the buffer", r.error());
  }
  if (argc < 2) return copy(ring, 0, "stdin");
  int status = 0;
  for (int i = 1; i < argc; ++i) {
    if (is_stdin(argv[i])) {
      if (copy(ring, 0, "stdin") != 0) status = kFailed;
      continue;
    }
    prep_openat(*ring.get_sqe(), at::fdcwd, argv[i], open_flag::rdonly | open_flag::cloexec, 0);
    const Result<int> fd = run(ring);
    if (!fd) {  // like cat(1): report it and go on with the next file
      status = fail("opening", argv[i], fd.error());
      continue;
    }
    if (copy(ring, fd.value(), argv[i]) != 0) status = kFailed;
    prep_close(*ring.get_sqe(), fd.value());
    if (const Result<int> closed = run(ring); !closed)
      status = fail("closing", argv[i], closed.error());
  }
  return status;
}
