// SPDX-License-Identifier: MIT
// sqpoll FILE [BLOCKS]: writes BLOCKS 4 KiB blocks (256 by default) to FILE
// through a ring with setup::sqpoll, then reads them back through it
// and checks them. A kernel thread polls the submission queue, so
// submitting is a store to shared memory; a system call is needed only to
// wake the thread once it has gone idle (sq_thread_idle ms without work),
// which fring's submit() does when the kernel flags sq_flag::need_wakeup.
// FILE is a registered (fixed) file, which SQPOLL rings required before
// Linux 5.11. Errors are named on stderr with exit status 1; 77 where the
// kernel refuses SQPOLL.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "examples/report.h"
#include "fring/fring.h"

namespace {

using example::die;

constexpr unsigned kBlock = 4096;
constexpr unsigned kInFlight = 32;

char pattern(uint64_t block, unsigned i) { return static_cast<char>('a' + (block * 7 + i) % 26); }

struct Counts {
  unsigned submits = 0;
  unsigned wakeups = 0;  // submits that found the kernel thread asleep
};

// Submits what is queued, noting whether the kernel thread had to be woken.
void submit(fring::Ring& ring, Counts& counts) {
  // Only a hint for the count: submit() reads the flag again itself.
  if (fring::load_acquire(ring.sq().kflags) & fring::sq_flag::need_wakeup) ++counts.wakeups;
  ++counts.submits;
  example::must(ring.submit(), "submitting");
}

// Runs `blocks` requests that `prep(sqe, block, buffer)` prepares, at most
// kInFlight at once, on fixed file 0; `check(block, buffer)` sees each block
// once its request has completed with a full block.
template <class Prep, class Check>
void run(fring::Ring& ring, Counts& counts, uint64_t blocks, Prep prep, Check check) {
  static char buffers[kInFlight][kBlock];
  uint64_t next = 0;
  unsigned in_flight = 0;
  uint64_t free_slots = (uint64_t{1} << kInFlight) - 1;
  while (next < blocks || in_flight > 0) {
    while (next < blocks && in_flight < kInFlight) {
      fring::Sqe* sqe = ring.get_sqe();
      if (sqe == nullptr) break;  // (the ring has room for twice kInFlight)
      const unsigned slot = static_cast<unsigned>(__builtin_ctzll(free_slots));
      free_slots &= ~(uint64_t{1} << slot);
      prep(*sqe, next, buffers[slot]);
      fring::sqe_set_flags(*sqe, fring::sqe_flag::fixed_file);
      fring::sqe_set_data64(*sqe, next << 8 | slot);
      ++next;
      ++in_flight;
    }
    submit(ring, counts);
    fring::Cqe* cqe = example::must(ring.wait_cqe(), "waiting");
    const fring::Result<int> res = fring::cqe_result(*cqe);
    const uint64_t block = cqe->user_data >> 8;
    const unsigned slot = static_cast<unsigned>(cqe->user_data & 0xff);
    ring.cqe_seen(cqe);
    if (!res) die("a request", res.error());
    if (res.value() != static_cast<int>(kBlock)) die("a short transfer");
    check(block, buffers[slot]);
    free_slots |= uint64_t{1} << slot;
    --in_flight;
  }
}

}  // namespace

int main(int argc, char** argv) {
  example::program = "sqpoll";
  if (argc < 2 || argc > 3) {
    fprintf(stderr, "usage: sqpoll FILE [BLOCKS]\n");
    return 1;
  }
  const uint64_t blocks = argc > 2 ? strtoull(argv[2], nullptr, 10) : 256;
  const int fd = open(argv[1], O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) die(argv[1], static_cast<fring::Errno>(errno));

  fring::Params p{};
  p.flags = fring::setup::sqpoll;
  p.sq_thread_idle = 50;  // ms of no work before the kernel thread sleeps
  fring::Ring ring = example::make_ring(64, p, "setup::sqpoll for unprivileged users (Linux 5.11)");
  example::must(fring::register_files(ring, &fd, 1), "registering the file");

  Counts counts;
  run(
      ring, counts, blocks,
      [](fring::Sqe& sqe, uint64_t block, char* buf) {
        for (unsigned i = 0; i < kBlock; ++i) buf[i] = pattern(block, i);
        fring::prep_write(sqe, 0, buf, kBlock, block * kBlock);
      },
      [](uint64_t, const char*) {});
  run(
      ring, counts, blocks,
      [](fring::Sqe& sqe, uint64_t block, char* buf) {
        fring::prep_read(sqe, 0, buf, kBlock, block * kBlock);
      },
      [](uint64_t block, const char* buf) {
        for (unsigned i = 0; i < kBlock; ++i) {
          if (buf[i] != pattern(block, i)) die("read back something else than was written");
        }
      });
  printf("sqpoll: wrote and read back %llu blocks; %u of %u submissions woke the kernel thread\n",
         static_cast<unsigned long long>(blocks), counts.wakeups, counts.submits);
  close(fd);
  return 0;
}
