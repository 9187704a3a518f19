// SPDX-License-Identifier: MIT
// What the fault-injection units share (they are built with
// FRING_FAULT_INJECTION, so these inline helpers run through the seam too):
// a guard that proves a scenario leaked no fd and no mapping, and NOP
// batches that prove every completion comes back exactly once.
#ifndef FRING_TESTS_FAULT_SUPPORT_H
#define FRING_TESTS_FAULT_SUPPORT_H

#include <stdint.h>

#include "tests/support/fring_test.h"
#include "tests/support/leaks.h"
#include "tests/support/ring_util.h"

namespace fring::test::fault_support {

/// Counts /proc/self/fd and /proc/self/maps when made and again in check():
/// a scenario must end holding exactly what it started with. It also
/// disarms the seam on both ends, so that no plan leaks into the next test.
class NoLeaks {
 public:
  NoLeaks() : fds_(count_fds()), maps_(count_mappings()) { sys::fault::reset(); }
  ~NoLeaks() { sys::fault::reset(); }
  NoLeaks(const NoLeaks&) = delete;
  NoLeaks& operator=(const NoLeaks&) = delete;

  /// CHECKs that the fd and mapping counts are back where they started.
  void check() const {
    CHECK(count_fds() == fds_);
    CHECK(count_mappings() == maps_);
  }

 private:
  int fds_;
  int maps_;
};

/// Queues, submits and reaps `n` NOPs: the ring works and loses nothing.
template <class R>
void nops_exactly_once(R& ring, uint64_t first, unsigned n) {
  test::queue_nops(ring, first, n);
  REQUIRE(test::must(ring.submit_and_wait(n)) == n);
  test::expect_nops_once(ring, first, n);
}

}  // namespace fring::test::fault_support

#endif  // FRING_TESTS_FAULT_SUPPORT_H
