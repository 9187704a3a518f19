// SPDX-License-Identifier: MIT
// Timeouts beyond Zig's tests 12-14 (in tests/conformance): updated and
// linked; poll add, remove, multishot and update; and cancel, by user_data
// and by fd (Zig's tests 15 and 18 do the same on sockets).
#include <poll.h>
#include <unistd.h>
#include <cerrno>

#include "tests/support/files.h"
#include "tests/support/fring_test.h"
#include "tests/support/ring_util.h"

namespace fring {

namespace {

const Timespec k1ms{0, 1000000};
const Timespec k10s{10, 0};

}  // namespace

TEST_CASE("timeout_update") {
  FRING_RING(ring, 2);
  Sqe* s = test::get_sqe(ring);
  prep_timeout(*s, &k10s, 0, 0);
  sqe_set_data64(*s, 1);
  test::submit(ring, 1);
  s = test::get_sqe(ring);
  prep_timeout_update(*s, &k1ms, 1, 0);
  sqe_set_data64(*s, 2);
  test::submit(ring, 1);
  const auto res = test::reap_each(ring, 2);
  if (res.at(2).res == -EINVAL && !test::kernel_at_least(5, 11)) {
    FRING_SKIP("kernel lacks timeout_flag::update (Linux 5.11)");
  }
  CHECK(res.at(2).res == 0);
  CHECK(res.at(1).res == -ETIME);  // fired after the new, short expiry
}

TEST_CASE("link_timeout cancels a request that takes too long") {
  FRING_RING(ring, 2);
  test::Pipe p;
  Sqe* s = test::get_sqe(ring);
  prep_poll_add(*s, p.fds[0], POLLIN);  // nothing is ever written
  sqe_set_flags(*s, sqe_flag::io_link);
  sqe_set_data64(*s, 1);
  s = test::get_sqe(ring);
  prep_link_timeout(*s, &k1ms, 0);
  sqe_set_data64(*s, 2);
  test::submit(ring, 2);
  const auto res = test::reap_each(ring, 2);
  CHECK((res.at(1).res == -ECANCELED || res.at(1).res == -EINTR));
  CHECK((res.at(2).res == -ETIME || res.at(2).res == -EALREADY));
}

TEST_CASE("link_timeout is cancelled when the request completes first") {
  FRING_RING(ring, 2);
  Sqe* s = test::get_sqe(ring);
  prep_nop(*s);
  sqe_set_flags(*s, sqe_flag::io_link);
  sqe_set_data64(*s, 1);
  s = test::get_sqe(ring);
  prep_link_timeout(*s, &k10s, 0);
  sqe_set_data64(*s, 2);
  test::submit(ring, 2);
  const auto res = test::reap_each(ring, 2);
  CHECK(res.at(1).res == 0);
  CHECK(res.at(2).res == -ECANCELED);
}

TEST_CASE("poll_add/poll_remove") {
  FRING_RING(ring, 2);
  test::Pipe p;
  Sqe* s = test::get_sqe(ring);
  prep_poll_add(*s, p.fds[0], POLLIN);
  sqe_set_data64(*s, 1);
  test::submit(ring, 1);
  CHECK(test::error_of(ring.peek_cqe()) == Errno::eagain);  // not readable yet
  REQUIRE(write(p.fds[1], "x", 1) == 1);
  auto res = test::reap_each(ring, 1);
  CHECK((res.at(1).res & POLLIN) != 0);
  char c;
  REQUIRE(read(p.fds[0], &c, 1) == 1);
  // Arm again, then remove it.
  s = test::get_sqe(ring);
  prep_poll_add(*s, p.fds[0], POLLIN);
  sqe_set_data64(*s, 2);
  test::submit(ring, 1);
  s = test::get_sqe(ring);
  prep_poll_remove(*s, 2);
  sqe_set_data64(*s, 3);
  test::submit(ring, 1);
  res = test::reap_each(ring, 2);
  CHECK(res.at(2).res == -ECANCELED);
  CHECK(res.at(3).res == 0);
}

TEST_CASE("poll multishot and update") {
  FRING_RING(ring, 4);
  test::Pipe p;
  Sqe* s = test::get_sqe(ring);
  prep_poll_multishot(*s, p.fds[0], POLLIN);
  sqe_set_data64(*s, 1);
  test::submit(ring, 1);
  REQUIRE(write(p.fds[1], "x", 1) == 1);
  auto cqe = ring.wait_cqe();
  REQUIRE(cqe.ok());
  if (cqe.value()->res == -EINVAL && !test::kernel_at_least(5, 13)) {
    FRING_SKIP("kernel lacks multishot poll (Linux 5.13)");
  }
  CHECK(cqe.value()->user_data == 1);
  CHECK((cqe.value()->flags & cqe_flag::more) != 0);
  ring.cqe_seen(cqe.value());
  char c;
  REQUIRE(read(p.fds[0], &c, 1) == 1);
  // Rename it and make it one-shot-cancelled by removal.
  s = test::get_sqe(ring);
  prep_poll_update(*s, 1, 5, 0, poll_flag::update_user_data);  // events must be 0 unless updated
  sqe_set_data64(*s, 2);
  test::submit(ring, 1);
  CHECK(test::reap_each(ring, 1).at(2).res == 0);
  s = test::get_sqe(ring);
  prep_poll_remove(*s, 5);
  sqe_set_data64(*s, 3);
  test::submit(ring, 1);
  const auto res = test::reap_each(ring, 2);
  CHECK(res.at(3).res == 0);
  CHECK(res.at(5).res == -ECANCELED);
}

TEST_CASE("cancel") {
  FRING_RING(ring, 4);
  test::Pipe p;
  Sqe* s = test::get_sqe(ring);
  prep_poll_add(*s, p.fds[0], POLLIN);
  sqe_set_data64(*s, 0x11);
  test::submit(ring, 1);
  s = test::get_sqe(ring);
  prep_cancel64(*s, 0x11, 0);
  sqe_set_data64(*s, 0x22);
  test::submit(ring, 1);
  auto res = test::reap_each(ring, 2);
  CHECK(res.at(0x11).res == -ECANCELED);
  CHECK(res.at(0x22).res == 0);
  // Nothing to cancel.
  s = test::get_sqe(ring);
  prep_cancel(*s, &p, 0);
  sqe_set_data64(*s, 0x33);
  test::submit(ring, 1);
  CHECK(test::reap_each(ring, 1).at(0x33).res == -ENOENT);
  // By file descriptor, all of them.
  for (uint64_t i = 0; i < 2; ++i) {
    s = test::get_sqe(ring);
    prep_poll_add(*s, p.fds[0], POLLIN);
    sqe_set_data64(*s, 0x40 + i);
  }
  test::submit(ring, 2);
  s = test::get_sqe(ring);
  prep_cancel_fd(*s, p.fds[0], cancel_flag::all);
  sqe_set_data64(*s, 0x50);
  test::submit(ring, 1);
  auto first = ring.wait_cqe();
  REQUIRE(first.ok());
  if (first.value()->user_data == 0x50 && first.value()->res == -EINVAL &&
      !test::kernel_at_least(5, 19)) {
    FRING_SKIP("kernel lacks cancel_flag::fd (Linux 5.19)");
  }
  res = test::reap_each(ring, 3);
  CHECK(res.at(0x40).res == -ECANCELED);
  CHECK(res.at(0x41).res == -ECANCELED);
  CHECK(res.at(0x50).res == 2);  // with ALL, res counts the cancelled requests
}

}  // namespace fring
