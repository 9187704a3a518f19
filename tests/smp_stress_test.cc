// SPDX-License-Identifier: MIT
// The multi-core stress: six threads, two each with a plain Ring, a
// SINGLE_ISSUER+DEFER_TASKRUN ring and an SQPOLL ring, run NOP round trips
// in batches of 16 and pass op::msg_ring messages around a circle of
// their rings (ring_circle.h): every NOP, send and message must come back
// exactly once with its res. Meant for several CPUs: the host, and the SMP
// cells, which boot it as /init on 4 vCPUs of multi-threaded TCG
// (tests/vm/defs.bzl). FRING_STRESS_ROUND_TRIPS sets the total number of
// NOP round trips (default kDefaultRoundTrips; as /init, the kernel command
// line's FRING_STRESS_ROUND_TRIPS=N). Prints the totals and the rate.
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "tests/ring_circle.h"
#include "tests/support/fring_test.h"

namespace fring {
namespace {

constexpr uint64_t kDefaultRoundTrips = 200000;
constexpr unsigned kBatch = 16;

double seconds() {
  timespec t{};
  clock_gettime(CLOCK_MONOTONIC, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

}  // namespace

TEST_CASE("SMP stress: rings on many threads, NOP batches and msg_ring messages, each once") {
  using test::circle::Kind;
  const std::vector<Kind> kinds = {Kind::kRing, Kind::kDeferTaskrun, Kind::kSqpoll,
                                   Kind::kRing, Kind::kDeferTaskrun, Kind::kSqpoll};
  if (const char* why = test::circle::missing_feature(kinds)) FRING_SKIP(why);
  const uint64_t wanted = test::env_count("FRING_STRESS_ROUND_TRIPS", kDefaultRoundTrips);
  const uint64_t per_round = kinds.size() * kBatch;
  const test::circle::Plan plan{(wanted + per_round - 1) / per_round, kBatch};
  const double began = seconds();
  const std::vector<test::circle::Outcome> outcomes = test::circle::run(kinds, plan);
  const double took = seconds() - began;
  uint64_t round_trips = 0, messages = 0;
  for (const test::circle::Outcome& o : outcomes) {
    round_trips += o.nops;
    messages += o.messages;
  }
  printf(
      "smp_stress_test: %zu threads on %ld CPUs: %llu NOP round trips, %llu messages in %.2f s,"
      " %.0f round trips/s\n",
      kinds.size(), sysconf(_SC_NPROCESSORS_ONLN), static_cast<unsigned long long>(round_trips),
      static_cast<unsigned long long>(messages), took, static_cast<double>(round_trips) / took);
  fflush(stdout);
  test::circle::check(outcomes, plan);
}

}  // namespace fring
