// SPDX-License-Identifier: MIT
// The NOP round trip on liburing (the system's liburing-dev, linked
// statically), the same loop as nop_fring.cc in liburing's words.
#include <liburing.h>

#include "bench/nop.h"

namespace bench {
namespace {

[[gnu::noinline]] void liburing_loop(io_uring* ring, unsigned batch, unsigned iterations) {
  const uint64_t want = batch_sum(batch);
  for (unsigned i = 0; i < iterations; ++i) {
    for (unsigned j = 1; j <= batch; ++j) {
      io_uring_sqe* sqe = io_uring_get_sqe(ring);
      if (sqe == nullptr) failed("liburing", "get_sqe: SQ full", j);
      io_uring_prep_nop(sqe);
      io_uring_sqe_set_data64(sqe, j);
    }
    const int submitted = io_uring_submit_and_wait(ring, batch);
    if (submitted < 0) failed("liburing", "submit_and_wait", submitted);
    uint64_t sum = 0;
    unsigned seen = 0;
    unsigned head;
    io_uring_cqe* cqe;
    io_uring_for_each_cqe(ring, head, cqe) {
      if (cqe->res != 0) failed("liburing", "NOP res", cqe->res);
      sum += cqe->user_data;
      ++seen;
    }
    if (sum != want) failed("liburing", "user_data sum", static_cast<long>(sum));
    io_uring_cq_advance(ring, seen);
  }
}

}  // namespace

NopImpl liburing_nop_impl() {
  return NopImpl{
      "liburing",
      [](Mode mode, unsigned entries) -> void* {
        const unsigned flags =
            mode == Mode::defer ? IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN : 0;
        auto* ring = new io_uring;
        if (const int r = io_uring_queue_init(entries, ring, flags); r < 0) {
          failed("liburing", "io_uring_queue_init", r);
        }
        if (mode == Mode::defer) {
          if (const int r = io_uring_register_ring_fd(ring); r < 0) {
            failed("liburing", "io_uring_register_ring_fd", r);
          }
        }
        return ring;
      },
      [](void* ring, unsigned batch, unsigned iterations) {
        liburing_loop(static_cast<io_uring*>(ring), batch, iterations);
      },
      [](void* ring) {
        io_uring_queue_exit(static_cast<io_uring*>(ring));
        delete static_cast<io_uring*>(ring);
      },
  };
}

}  // namespace bench
