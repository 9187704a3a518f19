// SPDX-License-Identifier: MIT
// Random page-cached reads on liburing (see read.h), the loop of
// read_fring.cc in liburing's words.
#include <liburing.h>
#include <sys/uio.h>

#include "bench/read.h"

namespace bench {
namespace {

struct Ctx {
  io_uring ring;
  unsigned qd;
  char* bufs;
  std::vector<uint64_t> block;  // the block each slot's read asked for
};

[[gnu::noinline]] void liburing_reads(Ctx& c, unsigned long ops, uint64_t blocks, uint64_t& seed) {
  io_uring* ring = &c.ring;
  unsigned long issued = 0, done = 0;
  auto issue = [&](unsigned slot) {
    io_uring_sqe* sqe = io_uring_get_sqe(ring);
    if (sqe == nullptr) failed("liburing", "get_sqe: SQ full", slot);
    const uint64_t block = next_block(seed, blocks);
    c.block[slot] = block;
    io_uring_prep_read_fixed(sqe, 0, c.bufs + size_t{slot} * kBlock, kBlock, block * kBlock,
                             static_cast<int>(slot));
    io_uring_sqe_set_flags(sqe, IOSQE_FIXED_FILE);
    io_uring_sqe_set_data64(sqe, slot);
    ++issued;
  };
  for (unsigned slot = 0; slot < c.qd && issued < ops; ++slot) issue(slot);
  while (done < ops) {
    const int submitted = io_uring_submit_and_wait(ring, 1);
    if (submitted < 0) failed("liburing", "submit_and_wait", submitted);
    unsigned seen = 0;
    unsigned head;
    io_uring_cqe* cqe;
    io_uring_for_each_cqe(ring, head, cqe) {
      const unsigned slot = static_cast<unsigned>(cqe->user_data);
      check_read("liburing", cqe->res, c.bufs + size_t{slot} * kBlock, c.block[slot]);
      ++done;
      ++seen;
      if (issued < ops) issue(slot);
    }
    io_uring_cq_advance(ring, seen);
  }
}

}  // namespace

ReadImpl liburing_read_impl() {
  return ReadImpl{
      "liburing",
      [](Mode mode, int fd, unsigned qd, char* bufs) -> void* {
        auto* c = new Ctx{{}, qd, bufs, std::vector<uint64_t>(qd)};
        const unsigned flags =
            mode == Mode::defer ? IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN : 0;
        if (const int r = io_uring_queue_init(qd, &c->ring, flags); r < 0) {
          failed("liburing", "io_uring_queue_init", r);
        }
        if (mode == Mode::defer) {
          if (const int r = io_uring_register_ring_fd(&c->ring); r < 0) {
            failed("liburing", "io_uring_register_ring_fd", r);
          }
        }
        if (const int r = io_uring_register_files(&c->ring, &fd, 1); r < 0) {
          failed("liburing", "io_uring_register_files", r);
        }
        std::vector<iovec> iov(qd);
        for (unsigned i = 0; i < qd; ++i) iov[i] = iovec{bufs + size_t{i} * kBlock, kBlock};
        if (const int r = io_uring_register_buffers(&c->ring, iov.data(), qd); r < 0) {
          failed("liburing", "io_uring_register_buffers", r);
        }
        return c;
      },
      [](void* ctx, unsigned long ops, uint64_t blocks, uint64_t& seed) {
        liburing_reads(*static_cast<Ctx*>(ctx), ops, blocks, seed);
      },
      [](void* ctx) {
        io_uring_queue_exit(&static_cast<Ctx*>(ctx)->ring);
        delete static_cast<Ctx*>(ctx);
      },
  };
}

}  // namespace bench
