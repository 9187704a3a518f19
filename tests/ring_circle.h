// SPDX-License-Identifier: MIT
// A circle of threads, each with its own ring of a given kind, set up
// concurrently. Each runs rounds of NOP round trips in batches and sends one
// op::msg_ring message per round to the next ring of the circle, at
// most kWindow ahead of what that ring has taken in, so no CQ can overflow
// however long the run. Every NOP, every send and every message must come
// back exactly once, with the res it should have. threads_test runs a small
// circle of every kind in each kernel cell; smp_stress_test runs a long one
// on several CPUs.
#ifndef FRING_TESTS_RING_CIRCLE_H
#define FRING_TESTS_RING_CIRCLE_H

#include <stdint.h>

#include <string>
#include <vector>

namespace fring::test::circle {

enum class Kind {
  kRing,                // Ring
  kDeferTaskrun,        // StaticRing<0>, SINGLE_ISSUER | DEFER_TASKRUN
  kSqpoll,              // StaticRing<SQPOLL>, the thread idle after 1 ms
  kCallerMemory,        // Ring in caller memory (NO_MMAP, 6.10+; else mapped)
  kStaticCallerMemory,  // StaticRing<CQE32> in caller memory (the same)
};

/// How much each peer does.
struct Plan {
  uint64_t rounds;  // rounds per peer: one batch of NOPs and one message each
  unsigned batch;   // NOPs per round
};

/// What one peer did, read after its thread ended.
struct Outcome {
  std::string error;     // the first failure, empty when none
  std::string miscount;  // the first completion not seen exactly once
  uint64_t nops = 0;     // completions booked, each kind
  uint64_t sends = 0;
  uint64_t messages = 0;
};

/// Why this kernel cannot run a circle of `kinds`, or nullptr.
const char* missing_feature(const std::vector<Kind>& kinds);

/// Runs one thread per entry of `kinds`; peer i sends to peer i + 1 (the
/// last to the first). Returns each peer's outcome, in order.
std::vector<Outcome> run(const std::vector<Kind>& kinds, const Plan& plan);

/// CHECKs (doctest) that every peer finished without error and saw each of
/// its NOPs, sends and messages exactly once.
void check(const std::vector<Outcome>& outcomes, const Plan& plan);

}  // namespace fring::test::circle

#endif  // FRING_TESTS_RING_CIRCLE_H
