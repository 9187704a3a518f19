// SPDX-License-Identifier: MIT
// Several threads at once, each with its own ring of a different kind (Ring,
// StaticRing with SINGLE_ISSUER+DEFER_TASKRUN, StaticRing<SQPOLL>, and a
// Ring and a StaticRing<CQE32> in caller memory where the kernel takes it),
// set up concurrently and passing op::msg_ring messages around a
// circle of rings while running NOPs (ring_circle.h): every NOP and every
// message completes exactly once. Under --config=tsan this is the test that
// gives ThreadSanitizer something to look at (fring's process-wide state,
// set-up and teardown on many threads, the reaping paths side by side).
#include "tests/ring_circle.h"
#include "tests/support/fring_test.h"

namespace fring {

TEST_CASE("threads with a ring each pass msg_ring messages around, each completion once") {
  using test::circle::Kind;
  // Two rings in caller memory, so that two threads learn the page size at once.
  const std::vector<Kind> kinds = {Kind::kRing, Kind::kDeferTaskrun, Kind::kSqpoll,
                                   Kind::kCallerMemory, Kind::kStaticCallerMemory};
  if (const char* why = test::circle::missing_feature(kinds)) FRING_SKIP(why);
  const test::circle::Plan plan{500, 1};
  test::circle::check(test::circle::run(kinds, plan), plan);
}

}  // namespace fring
