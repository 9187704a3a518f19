// SPDX-License-Identifier: MIT
// co_cp SRC DST: copies a file with fring/co and no libc at all: eight
// coroutines, each with its own 64 KiB block, take the next block of SRC,
// read it whole and write it to DST at the same offset (finishing short
// reads and writes), until a read finds the end of the file. Files are opened and closed
// through the ring; frames come from a fixed pool. Errors are named on
// stderr with exit status 1; 77 where io_uring is unavailable.
#include "fring/arch/start.h"
#include "fring/co/co.h"
#include "fring/fring.h"

namespace {

using namespace fring;

constexpr unsigned kWorkers = 8;
constexpr unsigned kBlockSize = 64 * 1024;
alignas(4096) char blocks[kWorkers][kBlockSize];

constexpr int kFailed = 1;
constexpr int kUnsupported = 77;

void say(const char* s) {
  size_t n = 0;
  while (s[n] != '\0') ++n;
  (void)sys::write(2, s, n);
}

// "co_cp: WHAT NAME: ENAME (message)"; returns the exit status.
int fail(const char* what, const char* name, Errno e) {
  say("co_cp: ");
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

struct Copy {
  StaticRing<0>& ring;
  int in;
  int out;
  uint64_t next = 0;  // the next block to take
  bool failed = false;
};

// Copies blocks until the end of the file; the first error stops every worker.
co::Task<Result<void>> worker(co::FrameStorage&, Copy& c, char* block) {
  while (!c.failed) {
    const uint64_t offset = c.next;
    c.next += kBlockSize;
    // Fill the block (a short read is read on), then write all of it.
    unsigned have = 0;
    while (have < kBlockSize) {
      auto got = co_await co::read(c.ring, c.in, block + have, kBlockSize - have, offset + have);
      if (!got) {
        c.failed = true;
        co_return got.error();
      }
      if (got.value() == 0) break;
      have += static_cast<unsigned>(got.value());
    }
    for (unsigned done = 0; done < have;) {
      auto put = co_await co::write(c.ring, c.out, block + done, have - done, offset + done);
      if (!put) {
        c.failed = true;
        co_return put.error();
      }
      done += static_cast<unsigned>(put.value());
    }
    if (have < kBlockSize) break;  // the end of the file
  }
  co_return {};
}

// Opens both files, runs the workers, closes both.
co::Task<Result<void>> copy(co::FrameStorage& fs, StaticRing<0>& ring, const char* src,
                            const char* dst, const char** failed_on) {
  *failed_on = src;
  FRING_CO_TRY_ASSIGN(const int in, co_await co::openat(ring, at::fdcwd, src,
                                                        open_flag::rdonly | open_flag::cloexec, 0));
  *failed_on = dst;
  FRING_CO_TRY_ASSIGN(const int out, co_await co::openat(ring, at::fdcwd, dst,
                                                         open_flag::wronly | open_flag::creat |
                                                             open_flag::trunc | open_flag::cloexec,
                                                         0644));
  Copy c{ring, in, out};
  co::Task<Result<void>> workers[kWorkers];
  for (unsigned i = 0; i < kWorkers; ++i) workers[i] = worker(fs, c, blocks[i]);
  Result<void> status;
  for (auto& w : workers) {
    if (auto r = co_await w; !r && status.ok()) status = r;
  }
  FRING_CO_TRY(co_await co::close(ring, in));
  FRING_CO_TRY(co_await co::close(ring, out));
  co_return status;
}

}  // namespace

extern "C" int fring_main(int argc, char** argv, char**) {
  if (argc != 3) {
    say("usage: co_cp SRC DST\n");
    return kFailed;
  }
  auto made = StaticRing<0>::queue_init(2 * kWorkers);
  if (!made) {
    if (made == Errno::enosys || made == Errno::eperm) {
      say("co_cp: unsupported here: io_uring unavailable (qemu-user, or a kernel without it)\n");
      return kUnsupported;
    }
    return fail("setting up", "io_uring", made.error());
  }
  // Here, not a global: without libc's start files no global constructor runs.
  co::FramePool<1024, kWorkers + 1> frames;
  const char* failed_on = argv[1];
  const Result<void> done =
      co::run(made.value(), copy(frames, made.value(), argv[1], argv[2], &failed_on));
  if (!done) return fail("copying", failed_on, done.error());
  return 0;
}
