// SPDX-License-Identifier: MIT
// The NOP round trip, one implementation per translation unit (so that no
// library's headers meet another's): fring (one entry per ring type), liburing
// and the hand-written raw ring. Each loop, per round trip of `batch` NOPs:
// get an SQE, prep a NOP and set its user_data for each; one submit-and-wait
// for the batch; walk the CQEs checking res and user_data; advance the CQ.
#ifndef FRING_BENCH_NOP_H
#define FRING_BENCH_NOP_H

#include <stdint.h>

#include <string>
#include <vector>

#include "bench/harness.h"

namespace bench {

/// One implementation, type-erased. open() sets up a ring of `entries` and
/// exits the program when it cannot; loop() performs `iterations` round
/// trips of `batch` NOPs and exits on any wrong completion.
struct NopImpl {
  const char* name;
  void* (*open)(Mode mode, unsigned entries);
  void (*loop)(void* ring, unsigned batch, unsigned iterations);
  void (*close)(void* ring);
};

/// The user_data of the j-th NOP of a batch is j (1-based); the loops check
/// that a batch's CQEs add up to this.
inline uint64_t batch_sum(unsigned batch) { return uint64_t{batch} * (batch + 1) / 2; }

std::vector<NopImpl> fring_nop_impls();  // nop_fring.cc
NopImpl co_nop_impl();                   // nop_co.cc (fring/co)
NopImpl liburing_nop_impl();             // nop_liburing.cc
NopImpl raw_nop_impl();                  // nop_raw.cc

/// Every implementation: the fring ring types, fring/co, then liburing, then
/// raw.
std::vector<NopImpl> all_nop_impls();

/// A job running `impl` on `ring` in batches of `batch`.
Job nop_job(const NopImpl& impl, void* ring, unsigned batch);

}  // namespace bench

#endif  // FRING_BENCH_NOP_H
