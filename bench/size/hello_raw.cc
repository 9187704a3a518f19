// SPDX-License-Identifier: MIT
// The minimal no-libc hello on the hand-written ring of bench/raw_ring.h:
// the same program as hello_fring.cc, for the footprint floor.
#include "bench/raw_ring.h"
#include "fring/arch/start.h"

namespace {
constexpr char kLine[] = "hello from io_uring\n";
constexpr unsigned kLen = sizeof(kLine) - 1;
}  // namespace

extern "C" int fring_main(int, char**, char**) {
  raw::Ring ring;
  if (raw::setup(ring, 4, 0) != 0) return 1;
  raw::prep(raw::next_sqe(ring), raw::kOpWrite, 1, reinterpret_cast<uintptr_t>(kLine), kLen, ~0ULL,
            0);  // ~0: the file's current position
  int status = 1;
  if (raw::submit_and_wait(ring, 1, 1) == 1 && raw::cq_tail(ring) != ring.cq_head) {
    status = raw::cqe_at_head(ring).res == static_cast<int>(kLen) ? 0 : 1;
    ++ring.cq_head;
    raw::cq_release(ring);
  }
  raw::teardown(ring);
  return status;
}
