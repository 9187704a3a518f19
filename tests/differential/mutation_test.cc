// SPDX-License-Identifier: MIT
// The differential test must catch a broken encoding: this binary links
// fring's side built with FRING_DIFF_MUTATE, whose prep_timeout() leaves
// an SQE with the wrong opcode (op::nop), and passes only when the
// differential reports a divergence (which it prints, shrunk).
#include <stdio.h>

#include "tests/differential/driver.h"
#include "tests/support/fring_test.h"

namespace fring::diff {

TEST_CASE("mutation: a wrong opcode in one prep helper makes the differential diverge") {
  if (const char* why = variant_refused(0)) FRING_SKIP(why);
  Tally tally;
  for (uint64_t i = 0; i < 200 && tally.divergences == 0; ++i)
    run_seed(seed_of(0, i), kFring, tally);
  printf("fring-diff: mutation caught after %llu sequences\n",
         static_cast<unsigned long long>(tally.sequences));
  CHECK_MESSAGE(tally.divergences > 0, "the differential missed a wrong opcode in prep_timeout");
}

}  // namespace fring::diff
