// SPDX-License-Identifier: MIT
// NOP round trips through fring and through liburing, on the same kernel in
// the same run: get SQEs, prep NOPs, submit and wait for the batch, reap it.
// NOPs cost the kernel almost nothing, so what differs between the two is the
// library's own work per request. Prints nanoseconds per NOP for each batch
// size (the median of alternating runs) and fring's time over liburing's.
// bench/run also runs it under callgrind to count user-space instructions.
//
// usage: nop_bench [NOPS] [fring|liburing|both] [BATCH]
//   NOPS   round trips per batch size and library (default 200000)
//   BATCH  only this batch size (default: 1, 8 and 32)
// fring first: <liburing.h> brings <linux/io_uring.h>, whose macros have the
// same names as fring's constants and would break fring's headers after them.
#include "fring/fring.h"
// clang-format off
#include <liburing.h>
// clang-format on
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <algorithm>
#include <vector>

namespace {

constexpr unsigned kBatches[] = {1, 8, 32};
constexpr unsigned kRounds = 5;  // alternating runs per library and batch
constexpr unsigned kEntries = 64;

double now_ns() {
  timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return static_cast<double>(t.tv_sec) * 1e9 + static_cast<double>(t.tv_nsec);
}

[[noreturn]] void die(const char* what, int err) {
  fprintf(stderr, "nop_bench: %s: %s\n", what, strerror(err));
  exit(1);
}

}  // namespace

// The measured loops. extern "C" and noinline, so that callgrind can count
// exactly these (bench/run toggles collection on bench_fring/bench_liburing).
extern "C" [[gnu::noinline]] void bench_fring(fring::Ring& ring, unsigned batch,
                                               unsigned iterations) {
  for (unsigned i = 0; i < iterations; ++i) {
    for (unsigned j = 0; j < batch; ++j) fring::prep_nop(*ring.get_sqe());
    if (!ring.submit_and_wait(batch).ok()) die("fring submit", EIO);
    const unsigned seen = ring.for_each_cqe([](fring::Cqe& cqe) {
      if (cqe.res != 0) die("fring NOP", -cqe.res);
    });
    ring.cq_advance(seen);
  }
}

extern "C" [[gnu::noinline]] void bench_liburing(io_uring* ring, unsigned batch,
                                                  unsigned iterations) {
  for (unsigned i = 0; i < iterations; ++i) {
    for (unsigned j = 0; j < batch; ++j) io_uring_prep_nop(io_uring_get_sqe(ring));
    if (io_uring_submit_and_wait(ring, batch) < 0) die("liburing submit", EIO);
    unsigned head;
    unsigned seen = 0;
    io_uring_cqe* cqe;
    io_uring_for_each_cqe(ring, head, cqe) {
      if (cqe->res != 0) die("liburing NOP", -cqe->res);
      ++seen;
    }
    io_uring_cq_advance(ring, seen);
  }
}

int main(int argc, char** argv) {
  const unsigned iterations = argc > 1 ? static_cast<unsigned>(atoi(argv[1])) : 200000;
  const char* which = argc > 2 ? argv[2] : "both";
  const unsigned only_batch = argc > 3 ? static_cast<unsigned>(atoi(argv[3])) : 0;
  const bool do_fring = strcmp(which, "liburing") != 0;
  const bool do_liburing = strcmp(which, "fring") != 0;

  auto fring_ring = fring::Ring::queue_init(kEntries);
  if (!fring_ring.ok()) die("fring queue_init", static_cast<int>(fring_ring.error()));
  io_uring lib_ring;
  if (const int r = io_uring_queue_init(kEntries, &lib_ring, 0); r < 0) {
    die("io_uring_queue_init", -r);
  }

  printf("NOP round trips, %u per batch size and library, median of %u alternating runs\n",
         iterations, kRounds);
  printf("fring %d.%d against the system's liburing, kernel features 0x%x\n",
         fring::major_version(), fring::minor_version(), fring_ring.value().features());
  printf("%-6s %16s %16s %14s\n", "batch", "fring ns/NOP", "liburing ns/NOP", "fring/liburing");
  for (unsigned batch : kBatches) {
    if (only_batch != 0 && batch != only_batch) continue;
    const unsigned loops = std::max(1u, iterations / batch);
    std::vector<double> f, l;
    for (unsigned round = 0; round < kRounds; ++round) {
      if (do_fring) {
        const double t0 = now_ns();
        bench_fring(fring_ring.value(), batch, loops);
        f.push_back((now_ns() - t0) / (static_cast<double>(loops) * batch));
      }
      if (do_liburing) {
        const double t0 = now_ns();
        bench_liburing(&lib_ring, batch, loops);
        l.push_back((now_ns() - t0) / (static_cast<double>(loops) * batch));
      }
    }
    std::sort(f.begin(), f.end());
    std::sort(l.begin(), l.end());
    const double fm = f.empty() ? 0 : f[f.size() / 2];
    const double lm = l.empty() ? 0 : l[l.size() / 2];
    printf("%-6u %16.1f %16.1f %14.3f\n", batch, fm, lm, (fm > 0 && lm > 0) ? fm / lm : 0.0);
  }
  io_uring_queue_exit(&lib_ring);
  return 0;
}
