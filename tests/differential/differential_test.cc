// SPDX-License-Identifier: MIT
// The differential test: liburing 2.15 is the oracle. Seeded random
// sequences of ring calls run side by side on a liburing ring and a fring
// ring set up alike, in every shape x mode of tests/support/matrix.h, with
// the ring fd registered or not (one test case each); every result and the
// completion streams are compared (driver.cc says how far the kernel
// defines them). A divergence prints its seed, the shortest call list that
// still diverges and both results.
//
//   bazel test //tests/differential:differential_test
//       10,000 sequences in all, shared among the variants the kernel has.
//   FRING_DIFF_SEQUENCES=1000000 bazel-bin/tests/differential/differential_test
//       the long mode, by hand (or through bazel test with
//       --test_env=FRING_DIFF_SEQUENCES and a --test_timeout to match).
//   FRING_DIFF_SEED=N (with --test_env=FRING_DIFF_SEED) replays sequence N
//       alone, in the variant its seed names, with its divergence report.
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include "tests/differential/driver.h"
#include "tests/support/fring_test.h"

namespace fring::diff {
namespace {

// The sequences each variant runs: FRING_DIFF_SEQUENCES (default 10,000)
// shared among the variants the kernel can set up.
uint64_t per_variant() {
  static uint64_t n = 0;
  if (n == 0) {
    const uint64_t total = test::env_count("FRING_DIFF_SEQUENCES", 10000);
    unsigned runnable = 0;
    for (unsigned i = 0; i < variant_count(); ++i)
      if (variant_refused(i) == nullptr) ++runnable;
    n = runnable == 0 ? 1 : (total + runnable - 1) / runnable;
  }
  return n;
}

void run_variant(unsigned index, const char* name) {
  REQUIRE(variant_name(index) == name);
  // Four rings per sequence count against RLIMIT_MEMLOCK (Linux 6.18 charges
  // rings to it): lift it where the test may (root), as a ring-heavy
  // program would.
  const rlimit unlimited = {RLIM_INFINITY, RLIM_INFINITY};
  (void)setrlimit(RLIMIT_MEMLOCK, &unlimited);
  if (const char* why = variant_refused(index)) FRING_SKIP(why);
  timespec start, end;
  clock_gettime(CLOCK_MONOTONIC, &start);
  Tally tally;
  if (const char* replay = getenv("FRING_DIFF_SEED")) {
    const uint64_t seed = strtoull(replay, nullptr, 10);
    if (variant_of_seed(seed) != index) FRING_SKIP("FRING_DIFF_SEED replays another variant");
    run_seed(seed, kFring, tally);
  } else {
    for (uint64_t i = 0; i < per_variant(); ++i) run_seed(seed_of(index, i), kFring, tally);
  }
  clock_gettime(CLOCK_MONOTONIC, &end);
  const double took = static_cast<double>(end.tv_sec - start.tv_sec) +
                      static_cast<double>(end.tv_nsec - start.tv_nsec) / 1e9;
  printf(
      "fring-diff: %s: %llu sequences, %llu calls (%llu skipped), %llu modelled differences,"
      " %llu divergences, %.1f s\n",
      name, static_cast<unsigned long long>(tally.sequences),
      static_cast<unsigned long long>(tally.calls),
      static_cast<unsigned long long>(tally.skipped_calls),
      static_cast<unsigned long long>(tally.modelled),
      static_cast<unsigned long long>(tally.divergences), took);
  fflush(stdout);
  CHECK(tally.sequences > 0);
  CHECK_MESSAGE(tally.divergences == 0, tally.first);
}

}  // namespace

#define FRING_DIFF_CASE(index, name) \
  TEST_CASE("differential " name) { run_variant(index, name); }

FRING_DIFF_CASE(0, "default/plain")
FRING_DIFF_CASE(1, "default/plain+regfd")
FRING_DIFF_CASE(2, "default/SQPOLL")
FRING_DIFF_CASE(3, "default/SQPOLL+regfd")
FRING_DIFF_CASE(4, "default/DEFER_TASKRUN")
FRING_DIFF_CASE(5, "default/DEFER_TASKRUN+regfd")
FRING_DIFF_CASE(6, "default/COOP_TASKRUN")
FRING_DIFF_CASE(7, "default/COOP_TASKRUN+regfd")
FRING_DIFF_CASE(8, "SQE128/plain")
FRING_DIFF_CASE(9, "SQE128/plain+regfd")
FRING_DIFF_CASE(10, "SQE128/SQPOLL")
FRING_DIFF_CASE(11, "SQE128/SQPOLL+regfd")
FRING_DIFF_CASE(12, "SQE128/DEFER_TASKRUN")
FRING_DIFF_CASE(13, "SQE128/DEFER_TASKRUN+regfd")
FRING_DIFF_CASE(14, "SQE128/COOP_TASKRUN")
FRING_DIFF_CASE(15, "SQE128/COOP_TASKRUN+regfd")
FRING_DIFF_CASE(16, "CQE32/plain")
FRING_DIFF_CASE(17, "CQE32/plain+regfd")
FRING_DIFF_CASE(18, "CQE32/SQPOLL")
FRING_DIFF_CASE(19, "CQE32/SQPOLL+regfd")
FRING_DIFF_CASE(20, "CQE32/DEFER_TASKRUN")
FRING_DIFF_CASE(21, "CQE32/DEFER_TASKRUN+regfd")
FRING_DIFF_CASE(22, "CQE32/COOP_TASKRUN")
FRING_DIFF_CASE(23, "CQE32/COOP_TASKRUN+regfd")
FRING_DIFF_CASE(24, "SQE128+CQE32/plain")
FRING_DIFF_CASE(25, "SQE128+CQE32/plain+regfd")
FRING_DIFF_CASE(26, "SQE128+CQE32/SQPOLL")
FRING_DIFF_CASE(27, "SQE128+CQE32/SQPOLL+regfd")
FRING_DIFF_CASE(28, "SQE128+CQE32/DEFER_TASKRUN")
FRING_DIFF_CASE(29, "SQE128+CQE32/DEFER_TASKRUN+regfd")
FRING_DIFF_CASE(30, "SQE128+CQE32/COOP_TASKRUN")
FRING_DIFF_CASE(31, "SQE128+CQE32/COOP_TASKRUN+regfd")
FRING_DIFF_CASE(32, "MIXED/plain")
FRING_DIFF_CASE(33, "MIXED/plain+regfd")
FRING_DIFF_CASE(34, "MIXED/SQPOLL")
FRING_DIFF_CASE(35, "MIXED/SQPOLL+regfd")
FRING_DIFF_CASE(36, "MIXED/DEFER_TASKRUN")
FRING_DIFF_CASE(37, "MIXED/DEFER_TASKRUN+regfd")
FRING_DIFF_CASE(38, "MIXED/COOP_TASKRUN")
FRING_DIFF_CASE(39, "MIXED/COOP_TASKRUN+regfd")

}  // namespace fring::diff
