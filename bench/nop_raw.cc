// SPDX-License-Identifier: MIT
// The NOP round trip on the hand-written ring of raw_ring.h: the floor.
// It does what the library loops do, minus what a hand-written loop knows
// it can skip: no per-SQE check for room (every SQE prepared is submitted,
// and the kernel's return says it took them all), and the ring state lives
// in registers for the whole loop.
#include "bench/nop.h"
#include "bench/raw_ring.h"

namespace bench {
namespace {

[[gnu::noinline]] void raw_loop(raw::Ring& ring, unsigned batch, unsigned iterations) {
  raw::Ring r = ring;
  const uint64_t want = batch_sum(batch);
  for (unsigned i = 0; i < iterations; ++i) {
    for (unsigned j = 1; j <= batch; ++j) raw::prep(raw::next_sqe(r), raw::kOpNop, -1, 0, 0, 0, j);
    const long submitted = raw::submit_and_wait(r, batch, batch);
    if (submitted != static_cast<long>(batch)) failed("raw", "io_uring_enter", submitted);
    const uint32_t tail = raw::cq_tail(r);
    uint64_t sum = 0;
    for (; r.cq_head != tail; ++r.cq_head) {
      const raw::Cqe& cqe = raw::cqe_at_head(r);
      if (cqe.res != 0) failed("raw", "NOP res", cqe.res);
      sum += cqe.user_data;
    }
    if (sum != want) failed("raw", "user_data sum", static_cast<long>(sum));
    raw::cq_release(r);
  }
  ring.sq_tail = r.sq_tail;
  ring.cq_head = r.cq_head;
}

}  // namespace

NopImpl raw_nop_impl() {
  return NopImpl{
      "raw",
      [](Mode mode, unsigned entries) -> void* {
        auto* ring = new raw::Ring;
        const uint32_t flags =
            mode == Mode::defer ? raw::kSetupSingleIssuer | raw::kSetupDeferTaskrun : 0;
        if (const long r = raw::setup(*ring, entries, flags); r < 0) failed("raw", "setup", r);
        if (mode == Mode::defer) {
          if (const long r = raw::register_ring_fd(*ring); r < 0) {
            failed("raw", "register_ring_fd", r);
          }
        }
        return ring;
      },
      [](void* ring, unsigned batch, unsigned iterations) {
        raw_loop(*static_cast<raw::Ring*>(ring), batch, iterations);
      },
      [](void* ring) {
        raw::teardown(*static_cast<raw::Ring*>(ring));
        delete static_cast<raw::Ring*>(ring);
      },
  };
}

}  // namespace bench
