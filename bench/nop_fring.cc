// SPDX-License-Identifier: MIT
// The NOP round trip on fring, written once as a template over the ring
// type: measuring another fring ring type is one line in fring_nop_impls().
#include "bench/nop.h"
#include "fring/fring.h"

namespace bench {
namespace {

template <class RingT>
[[gnu::noinline]] void fring_loop(RingT& ring, unsigned batch, unsigned iterations) {
  const uint64_t want = batch_sum(batch);
  for (unsigned i = 0; i < iterations; ++i) {
    for (unsigned j = 1; j <= batch; ++j) {
      fring::Sqe* sqe = ring.get_sqe();
      if (sqe == nullptr) failed("fring", "get_sqe: SQ full", j);
      fring::prep_nop(*sqe);
      fring::sqe_set_data64(*sqe, j);
    }
    const auto submitted = ring.submit_and_wait(batch);
    if (!submitted.ok()) failed("fring", "submit_and_wait", -static_cast<long>(submitted.error()));
    uint64_t sum = 0;
    const unsigned seen = ring.for_each_cqe([&sum](fring::Cqe& cqe) {
      if (cqe.res != 0) failed("fring", "NOP res", cqe.res);
      sum += cqe.user_data;
    });
    if (sum != want) failed("fring", "user_data sum", static_cast<long>(sum));
    ring.cq_advance(seen);
  }
}

template <class RingT>
NopImpl fring_impl(const char* name) {
  return NopImpl{
      name,
      [](Mode mode, unsigned entries) -> void* {
        const uint32_t flags =
            mode == Mode::defer ? fring::setup::single_issuer | fring::setup::defer_taskrun : 0;
        auto ring = RingT::queue_init(entries, flags);
        if (!ring.ok()) failed("fring", "queue_init", -static_cast<long>(ring.error()));
        if (mode == Mode::defer) {
          const auto registered = ring->register_ring_fd();
          if (!registered.ok()) {
            failed("fring", "register_ring_fd", -static_cast<long>(registered.error()));
          }
        }
        return new RingT(static_cast<RingT&&>(ring.value()));
      },
      [](void* ring, unsigned batch, unsigned iterations) {
        fring_loop(*static_cast<RingT*>(ring), batch, iterations);
      },
      [](void* ring) { delete static_cast<RingT*>(ring); },
  };
}

}  // namespace

// One line per fring ring type to measure; each gets its own columns and
// ratios against liburing and raw in every table.
std::vector<NopImpl> fring_nop_impls() {
  return {
      fring_impl<fring::StaticRing<0>>("fring"),
      fring_impl<fring::Ring>("fring-Ring"),
  };
}

}  // namespace bench
