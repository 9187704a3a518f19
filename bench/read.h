// SPDX-License-Identifier: MIT
// 4 KiB random reads from a page-cached file, one implementation per
// translation unit: the file and QD buffers registered, every read a
// READ_FIXED of a registered file, QD reads kept in flight. Each block of the
// file starts with its own number, which every completed read checks.
#ifndef FRING_BENCH_READ_H
#define FRING_BENCH_READ_H

#include <stdint.h>

#include <vector>

#include "bench/harness.h"

namespace bench {

inline constexpr unsigned kBlock = 4096;

/// The random block sequence (xorshift64), the same for every implementation.
inline uint64_t next_block(uint64_t& state, uint64_t blocks) {
  state ^= state << 13;
  state ^= state >> 7;
  state ^= state << 17;
  return ((state >> 32) * blocks) >> 32;
}

/// One implementation. open() sets up a ring of `qd` entries in `mode`,
/// registers `fd` and the `qd` buffers at `bufs` (kBlock bytes each), or
/// exits. run() performs `ops` reads at random blocks below `blocks`.
struct ReadImpl {
  const char* name;
  void* (*open)(Mode mode, int fd, unsigned qd, char* bufs);
  void (*run)(void* ctx, unsigned long ops, uint64_t blocks, uint64_t& seed);
  void (*close)(void* ctx);
};

/// Checks a completed read of `block` into `buf`; exits when it is wrong.
void check_read(const char* impl, int res, const char* buf, uint64_t block);

std::vector<ReadImpl> fring_read_impls();  // read_fring.cc
ReadImpl liburing_read_impl();             // read_liburing.cc

}  // namespace bench

#endif  // FRING_BENCH_READ_H
