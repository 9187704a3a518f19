// SPDX-License-Identifier: MIT
// The NOP round trip with fring/co (C++20, so a translation unit of its
// own): `batch` tasks on a StaticRing<0>, each awaiting NOPs one after the
// other, driven by co::turn() (submit and wait for one CQE, reap, resume).
// At B=1 it is one task awaiting one NOP at a time, the plain loop's B=1.
#include "bench/nop.h"
#include "fring/co/co.h"
#include "fring/fring.h"

namespace bench {
namespace {

using Ring = fring::StaticRing<0>;
namespace co = fring::co;

struct CoRing {
  Ring ring;
  co::FramePool<512, 128> frames;
};

// Counts the NOPs that did not complete with res 0, for the loop to report:
// a call in the coroutine's body (failed()) would cost gcc's coroutine a
// register save and restore on every resumption (docs/performance.md).
co::Task<void> awaiter(co::FrameStorage&, Ring& ring, unsigned iterations, unsigned* wrong,
                       unsigned* running) {
  for (unsigned i = 0; i < iterations; ++i) {
    const fring::Result<int> r = co_await co::nop(ring);
    if (!r.ok() || r.value() != 0) ++*wrong;
  }
  --*running;
}

[[gnu::noinline]] void co_loop(CoRing& c, unsigned batch, unsigned iterations) {
  unsigned running = batch;
  unsigned wrong = 0;
  for (unsigned t = 0; t < batch; ++t) {
    if (!co::spawn(awaiter(c.frames, c.ring, iterations, &wrong, &running)).ok()) {
      failed("fring-co", "spawn: no frame", t);
    }
  }
  while (running > 0) {
    const auto turned = co::turn(c.ring);
    if (!turned.ok()) failed("fring-co", "turn", -static_cast<long>(turned.error()));
  }
  if (wrong != 0) failed("fring-co", "NOPs with res other than 0", wrong);
}

}  // namespace

NopImpl co_nop_impl() {
  return NopImpl{
      "fring-co",
      [](Mode mode, unsigned entries) -> void* {
        const uint32_t flags =
            mode == Mode::defer ? fring::setup::single_issuer | fring::setup::defer_taskrun : 0;
        auto ring = Ring::queue_init(entries, flags);
        if (!ring.ok()) failed("fring-co", "queue_init", -static_cast<long>(ring.error()));
        if (mode == Mode::defer) {
          const auto registered = ring->register_ring_fd();
          if (!registered.ok()) {
            failed("fring-co", "register_ring_fd", -static_cast<long>(registered.error()));
          }
        }
        auto* c = new CoRing;
        c->ring = static_cast<Ring&&>(ring.value());
        return c;
      },
      [](void* ring, unsigned batch, unsigned iterations) {
        co_loop(*static_cast<CoRing*>(ring), batch, iterations);
      },
      [](void* ring) { delete static_cast<CoRing*>(ring); },
  };
}

}  // namespace bench
