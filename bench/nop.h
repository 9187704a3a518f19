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

/// How the ring is set up. defer: IORING_SETUP_SINGLE_ISSUER |
/// IORING_SETUP_DEFER_TASKRUN, with the ring fd registered.
enum class Mode { plain, defer };

inline const char* mode_name(Mode m) { return m == Mode::plain ? "plain" : "defer"; }

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

/// Reports a wrong completion and exits (cold, out of line).
[[noreturn]] void nop_failed(const char* impl, const char* what, long value);

std::vector<NopImpl> fring_nop_impls();  // nop_fring.cc
NopImpl liburing_nop_impl();             // nop_liburing.cc
NopImpl raw_nop_impl();                  // nop_raw.cc

/// Every implementation: the fring ring types, then liburing, then raw.
std::vector<NopImpl> all_nop_impls();

/// The implementations named in `names` (all when it holds "all"), in the
/// order of all_nop_impls(); exits on an unknown name.
std::vector<NopImpl> select_nop_impls(const std::vector<std::string>& names);

/// One implementation in one configuration, with its ring and its samples.
struct NopCell {
  const NopImpl* impl;
  void* ring;
  unsigned batch;
  Cell cell;
};

/// What one round saw: the order it ran the implementations in, the load
/// average at its start, and how many of its samples waited for the CPU.
struct Round {
  std::string order;
  double load;
  unsigned disturbed;
  unsigned samples;
};

/// Runs `rounds` rounds; in each, every group (the implementations of one
/// configuration) runs once, its implementations in an order rotated by one
/// each round, each cell for about `ops` NOPs. Every cell first runs once
/// untimed to warm up.
std::vector<Round> run_rounds(std::vector<std::vector<NopCell>>& groups, unsigned rounds,
                              unsigned long ops);

/// Prints the rounds as a markdown table.
void print_rounds(const std::vector<Round>& rounds);

/// "a/b" formatted as a ratio, or "-" when either is missing.
std::string ratio(double a, double b);

}  // namespace bench

#endif  // FRING_BENCH_NOP_H
