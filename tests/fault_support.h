// SPDX-License-Identifier: MIT
// What the fault-injection units share (they are built with
// FRING_FAULT_INJECTION, so these inline helpers run through the seam too):
// a guard that proves a scenario leaked no fd and no mapping, and NOP
// batches that prove every completion comes back exactly once.
#ifndef FRING_TESTS_FAULT_SUPPORT_H
#define FRING_TESTS_FAULT_SUPPORT_H

#include <stdint.h>

#include <map>

#include "tests/support/fring_test.h"
#include "tests/support/leaks.h"

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

/// Queues `n` NOPs carrying user_data `first`, `first` + 1, ... unsubmitted.
template <class R>
void queue_nops(R& ring, uint64_t first, unsigned n) {
  for (unsigned i = 0; i < n; ++i) {
    Sqe* sqe = ring.get_sqe();
    REQUIRE(sqe != nullptr);
    prep_nop(*sqe);
    sqe_set_data64(*sqe, first + i);
  }
}

/// Reaps CQEs until `n` have come, checking that they carry exactly the
/// user_data `first` .. `first` + n - 1, each once, with res 0, and that the
/// CQ is empty afterwards (nothing duplicated behind them).
template <class R>
void expect_each_once(R& ring, uint64_t first, unsigned n) {
  std::map<uint64_t, unsigned> seen;
  for (unsigned i = 0; i < n; ++i) {
    auto cqe = ring.wait_cqe();
    REQUIRE_MESSAGE(cqe.ok(), "wait_cqe: ", test::error_name(cqe));
    CHECK(cqe.value()->res == 0);
    ++seen[cqe.value()->user_data];
    ring.cqe_seen(cqe.value());
  }
  CHECK(seen.size() == n);
  for (unsigned i = 0; i < n; ++i) CHECK(seen[first + i] == 1);
  CHECK(ring.cq_ready() == 0);
  CHECK(test::error_of(ring.peek_cqe()) == Errno::eagain);
}

/// Queues, submits and reaps `n` NOPs: the ring works and loses nothing.
template <class R>
void nops_exactly_once(R& ring, uint64_t first, unsigned n) {
  queue_nops(ring, first, n);
  REQUIRE(test::must(ring.submit_and_wait(n)) == n);
  expect_each_once(ring, first, n);
}

}  // namespace fring::test::fault_support

#endif  // FRING_TESTS_FAULT_SUPPORT_H
