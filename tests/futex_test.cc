// SPDX-License-Identifier: MIT
// Futexes through the ring: a futex wait woken by a futex wake, a wait that
// finds a different value, and futex_waitv reporting which futex woke it.
// (Zig's test 36, waitid, is in tests/conformance.)
#include <linux/futex.h>
#include <unistd.h>
#include <cerrno>

#include "tests/support/fring_test.h"
#include "tests/support/ring_util.h"

namespace fring {

namespace {

// FUTEX2_* flags of linux/futex.h (Linux 6.7; Debian 12's headers predate
// them): a 32-bit futex private to this process.
constexpr uint32_t kFutex2SizeU32 = 0x02;
constexpr uint32_t kFutex2Private = 128;
constexpr uint32_t kFlags = kFutex2SizeU32 | kFutex2Private;

}  // namespace

TEST_CASE("futex_wait woken by futex_wake") {
  FRING_REQUIRE_OP(op::futex_wait);
  FRING_REQUIRE_OP(op::futex_wake);
  FRING_RING(ring, 4);
  uint32_t futex = 0;
  Sqe* s = test::get_sqe(ring);
  prep_futex_wait(*s, &futex, 0, FUTEX_BITSET_MATCH_ANY, kFlags, 0);
  sqe_set_data64(*s, 1);
  test::submit(ring, 1);
  // The futex still holds 0: the wait is armed and nothing has completed.
  CHECK(test::error_of(ring.peek_cqe()) == Errno::eagain);
  futex = 1;
  s = test::get_sqe(ring);
  prep_futex_wake(*s, &futex, 1, FUTEX_BITSET_MATCH_ANY, kFlags, 0);
  sqe_set_data64(*s, 2);
  test::submit(ring, 1);
  // The waiter (user_data 1) and the waker (2) complete in either order.
  const auto got = test::reap_each(ring, 2);
  CHECK(got.at(1).res == 0);
  CHECK(got.at(2).res == 1);  // one waiter woken
  // Nobody is waiting any more.
  prep_futex_wake(*test::get_sqe(ring), &futex, 1, FUTEX_BITSET_MATCH_ANY, kFlags, 0);
  CHECK(test::complete(ring).res == 0);
}

TEST_CASE("futex_wait on a futex that holds another value") {
  FRING_REQUIRE_OP(op::futex_wait);
  FRING_RING(ring, 2);
  uint32_t futex = 5;
  prep_futex_wait(*test::get_sqe(ring), &futex, 4, FUTEX_BITSET_MATCH_ANY, kFlags, 0);
  CHECK(test::complete(ring).res == -EAGAIN);
  // io_uring's own flags field must be 0.
  prep_futex_wait(*test::get_sqe(ring), &futex, 5, FUTEX_BITSET_MATCH_ANY, kFlags, 1);
  CHECK(test::complete(ring).res == -EINVAL);
}

TEST_CASE("futex_waitv reports the futex that woke it") {
  FRING_REQUIRE_OP(op::futex_waitv);
  FRING_REQUIRE_OP(op::futex_wake);
  FRING_RING(ring, 4);
  uint32_t futexes[2] = {0, 0};
  FutexWaitv v[2] = {};
  for (int i = 0; i < 2; ++i) {
    v[i].val = 0;
    v[i].uaddr = reinterpret_cast<uintptr_t>(&futexes[i]);
    v[i].flags = kFlags;
  }
  Sqe* s = test::get_sqe(ring);
  prep_futex_waitv(*s, v, 2, 0);
  sqe_set_data64(*s, 1);
  test::submit(ring, 1);
  CHECK(test::error_of(ring.peek_cqe()) == Errno::eagain);
  s = test::get_sqe(ring);
  prep_futex_wake(*s, &futexes[1], 1, FUTEX_BITSET_MATCH_ANY, kFlags, 0);
  sqe_set_data64(*s, 2);
  test::submit(ring, 1);
  const auto got = test::reap_each(ring, 2);
  CHECK(got.at(1).res == 1);  // the index of futexes[1]
  CHECK(got.at(2).res == 1);
  // A futex that does not hold its value fails the whole wait.
  futexes[0] = 3;
  prep_futex_waitv(*test::get_sqe(ring), v, 2, 0);
  CHECK(test::complete(ring).res == -EAGAIN);
}

}  // namespace fring
