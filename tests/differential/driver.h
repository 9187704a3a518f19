// SPDX-License-Identifier: MIT
// The differential test's driver: it makes seeded random sequences of ring
// calls, runs each on liburing and on fring side by side (backend.h),
// compares every result and the completion streams, and shrinks a sequence
// that diverges to the shortest one that still does.
#ifndef FRING_TESTS_DIFFERENTIAL_DRIVER_H
#define FRING_TESTS_DIFFERENTIAL_DRIVER_H

#include <stdint.h>

#include <string>

#include "tests/differential/backend.h"

namespace fring::diff {

/// A ring set-up to compare in: a combination of tests/support/matrix.h
/// (shape x mode), with ring A's fd registered or not.
struct Variant {
  unsigned combo;
  bool register_fd;
};

/// How many variants there are (every combination, fd registered or not).
unsigned variant_count();
Variant variant(unsigned index);
/// "SHAPE/MODE" or "SHAPE/MODE+regfd".
std::string variant_name(unsigned index);
/// Why the kernel cannot set up `index` (a named reason), or nullptr.
const char* variant_refused(unsigned index);

/// The seed of sequence `n` of variant `index`; the variant is in its top bits.
uint64_t seed_of(unsigned index, uint64_t n);
unsigned variant_of_seed(uint64_t seed);

/// What the runs of one variant found.
struct Tally {
  uint64_t sequences = 0;
  uint64_t calls = 0;          // calls run on both libraries
  uint64_t skipped_calls = 0;  // calls whose precondition did not hold, run on neither
  uint64_t divergences = 0;
  uint64_t modelled = 0;  // results where a documented difference applied
  std::string first;      // the report of the first divergence
};

/// Runs sequence `seed` with fring's side `fring` (kFring, or the mutated
/// build). On a divergence, shrinks it and adds the report (seed, variant,
/// the shortest diverging call list, both results) to `tally`.
void run_seed(uint64_t seed, const Backend& fring, Tally& tally);

}  // namespace fring::diff

#endif  // FRING_TESTS_DIFFERENTIAL_DRIVER_H
