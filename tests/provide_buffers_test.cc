// SPDX-License-Identifier: MIT
// Legacy provided buffers (op::provide_buffers / REMOVE_BUFFERS)
// beyond Zig's tests 26 and 27 (those are in tests/conformance): removing
// more than a group holds, an unknown group, and ids and counts refused.
#include <cerrno>

#include "tests/support/fring_test.h"
#include "tests/support/ring_util.h"

namespace fring {

namespace {

constexpr int kGroup = 1337;
constexpr unsigned kSize = 128;

}  // namespace

TEST_CASE("remove_buffers: removes at most what is there; -ENOENT for an unknown group") {
  FRING_RING(ring, 4);
  FRING_REQUIRE_OP(op::remove_buffers);
  static char pool[2 * kSize];
  prep_provide_buffers(*test::get_sqe(ring), pool, kSize, 2, kGroup, 0);
  const int provided = test::run(ring);
  CHECK((provided == 0 || provided == 2));  // older kernels count the buffers added
  prep_remove_buffers(*test::get_sqe(ring), 10, kGroup);
  CHECK(test::run(ring) == 2);
  // The group is empty now: older kernels drop an emptied group (-ENOENT),
  // newer ones keep it and remove nothing.
  prep_remove_buffers(*test::get_sqe(ring), 1, kGroup);
  const int res = test::run(ring);
  CHECK((res == 0 || res == -ENOENT));
  prep_remove_buffers(*test::get_sqe(ring), 1, kGroup + 1);  // never provided
  CHECK(test::run(ring) == -ENOENT);
}

TEST_CASE("provide_buffers: a first id past 65535 or no buffers is -E2BIG") {
  FRING_RING(ring, 4);
  FRING_REQUIRE_OP(op::provide_buffers);
  static char pool[kSize];
  prep_provide_buffers(*test::get_sqe(ring), pool, kSize, 1, kGroup, 65536);
  CHECK(test::run(ring) == -E2BIG);
  prep_provide_buffers(*test::get_sqe(ring), pool, kSize, 0, kGroup, 0);
  CHECK(test::run(ring) == -E2BIG);
  // Nothing was added.
  prep_remove_buffers(*test::get_sqe(ring), 1, kGroup);
  CHECK(test::run(ring) == -ENOENT);
}

}  // namespace fring
