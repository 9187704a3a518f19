// SPDX-License-Identifier: MIT
// Random page-cached reads on fring (see read.h), as a template over the
// ring type like the NOP loop.
#include <stdlib.h>

#include "bench/read.h"
#include "fring/fring.h"

namespace bench {
namespace {

template <class RingT>
struct Ctx {
  RingT ring;
  unsigned qd;
  char* bufs;
  std::vector<uint64_t> block;  // the block each slot's read asked for
};

template <class RingT>
[[gnu::noinline]] void fring_reads(Ctx<RingT>& c, unsigned long ops, uint64_t blocks,
                                   uint64_t& seed) {
  RingT& ring = c.ring;
  unsigned long issued = 0, done = 0;
  auto issue = [&](unsigned slot) {
    fring::Sqe* sqe = ring.get_sqe();
    if (sqe == nullptr) failed("fring", "get_sqe: SQ full", slot);
    const uint64_t block = next_block(seed, blocks);
    c.block[slot] = block;
    fring::prep_read_fixed(*sqe, 0, c.bufs + size_t{slot} * kBlock, kBlock, block * kBlock,
                           static_cast<int>(slot));
    fring::sqe_set_flags(*sqe, fring::sqe_flag::fixed_file);
    fring::sqe_set_data64(*sqe, slot);
    ++issued;
  };
  for (unsigned slot = 0; slot < c.qd && issued < ops; ++slot) issue(slot);
  while (done < ops) {
    const auto submitted = ring.submit_and_wait(1);
    if (!submitted.ok()) {
      failed("fring", "submit_and_wait", -static_cast<long>(submitted.error()));
    }
    const unsigned seen = ring.for_each_cqe([&](fring::Cqe& cqe) {
      const unsigned slot = static_cast<unsigned>(cqe.user_data);
      check_read("fring", cqe.res, c.bufs + size_t{slot} * kBlock, c.block[slot]);
      ++done;
      if (issued < ops) issue(slot);
    });
    ring.cq_advance(seen);
  }
}

template <class RingT>
ReadImpl fring_impl(const char* name) {
  return ReadImpl{
      name,
      [](Mode mode, int fd, unsigned qd, char* bufs) -> void* {
        const uint32_t flags =
            mode == Mode::defer ? fring::setup::single_issuer | fring::setup::defer_taskrun : 0;
        auto ring = RingT::queue_init(qd, flags);
        if (!ring.ok()) failed("fring", "queue_init", -static_cast<long>(ring.error()));
        if (mode == Mode::defer) {
          const auto r = ring->register_ring_fd();
          if (!r.ok()) failed("fring", "register_ring_fd", -static_cast<long>(r.error()));
        }
        if (const auto r = fring::register_files(ring.value(), &fd, 1); !r.ok()) {
          failed("fring", "register_files", -static_cast<long>(r.error()));
        }
        std::vector<fring::Iovec> iov(qd);
        for (unsigned i = 0; i < qd; ++i) iov[i] = fring::Iovec{bufs + size_t{i} * kBlock, kBlock};
        if (const auto r = fring::register_buffers(ring.value(), iov.data(), qd); !r.ok()) {
          failed("fring", "register_buffers", -static_cast<long>(r.error()));
        }
        return new Ctx<RingT>{static_cast<RingT&&>(ring.value()), qd, bufs,
                              std::vector<uint64_t>(qd)};
      },
      [](void* ctx, unsigned long ops, uint64_t blocks, uint64_t& seed) {
        fring_reads(*static_cast<Ctx<RingT>*>(ctx), ops, blocks, seed);
      },
      [](void* ctx) { delete static_cast<Ctx<RingT>*>(ctx); },
  };
}

}  // namespace

// One line per fring ring type to measure.
std::vector<ReadImpl> fring_read_impls() {
  return {
      fring_impl<fring::StaticRing<0>>("fring"),
      fring_impl<fring::Ring>("fring-Ring"),
  };
}

}  // namespace bench
