// SPDX-License-Identifier: MIT
// Zig's conformance tests on waiting: 12 (a timeout after a relative time),
// 13 (a timeout after a number of completions), 14 (timeout_remove) and 36
// (waitid on a child exiting with 7).
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cerrno>

#include "tests/support/fring_test.h"
#include "tests/support/ring_util.h"

namespace fring {

namespace {

const Timespec k10ms{0, 10000000};
const Timespec k10s{10, 0};

}  // namespace

TEST_CASE("Zig 12: timeout (after a relative time)") {
  FRING_RING(ring, 2);
  Sqe* s = test::get_sqe(ring);
  prep_timeout(*s, &k10ms, 0, 0);
  CHECK(s->opcode == op::timeout);
  CHECK(s->addr == reinterpret_cast<uintptr_t>(&k10ms));
  CHECK(s->len == 1);
  CHECK(s->off == 0);  // no completion count
  sqe_set_data64(*s, 0x55);
  test::submit(ring, 1);
  const Cqe c = test::reap(ring);
  CHECK(c.user_data == 0x55);
  CHECK(c.res == -ETIME);
  CHECK(c.flags == 0);
}

TEST_CASE("Zig 13: timeout (after a number of completions)") {
  FRING_RING(ring, 2);
  Sqe* s = test::get_sqe(ring);
  prep_timeout(*s, &k10s, 1, 0);
  CHECK(s->off == 1);
  sqe_set_data64(*s, 1);
  s = test::get_sqe(ring);
  prep_nop(*s);
  sqe_set_data64(*s, 2);
  test::submit_and_wait(ring, 2, 2);
  // The NOP's completion satisfies the count long before the 10 s are up.
  const auto got = test::reap_each(ring, 2);
  CHECK(got.at(1).res == 0);
  CHECK(got.at(2).res == 0);
}

TEST_CASE("Zig 14: timeout_remove") {
  FRING_RING(ring, 2);
  Sqe* s = test::get_sqe(ring);
  prep_timeout(*s, &k10s, 0, 0);
  sqe_set_data64(*s, 0x88888888);
  s = test::get_sqe(ring);
  prep_timeout_remove(*s, 0x88888888, 0);
  CHECK(s->opcode == op::timeout_remove);
  CHECK(s->addr == 0x88888888);
  sqe_set_data64(*s, 0x99999999);
  test::submit(ring, 2);
  // Which of the two CQEs comes first changed in Linux 5.18 and is no
  // promise: each is checked by its user_data.
  const auto got = test::reap_each(ring, 2);
  CHECK(got.at(0x88888888).res == -ECANCELED);
  CHECK(got.at(0x99999999).res == 0);
  // Removing a timeout that does not exist.
  s = test::get_sqe(ring);
  prep_timeout_remove(*s, 0x1234, 0);
  sqe_set_data64(*s, 3);
  test::submit(ring, 1);
  const Cqe c = test::reap(ring);
  CHECK(c.user_data == 3);
  CHECK(c.res == -ENOENT);
}

TEST_CASE("Zig 36: waitid") {
  FRING_REQUIRE_OP(op::waitid);
  FRING_RING(ring, 2);
  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) _exit(7);
  Siginfo info{};
  prep_waitid(*test::get_sqe(ring), P_PID, static_cast<unsigned>(pid), &info, WEXITED, 0);
  const int res = test::run(ring);
  if (res != 0) waitpid(pid, nullptr, 0);  // do not leave a zombie behind
  REQUIRE(res == 0);
  CHECK(info.si_signo == SIGCHLD);
  CHECK(info.si_code == CLD_EXITED);
  CHECK(info.sigchld.pid == pid);
  CHECK(info.sigchld.status == 7);
  // The child has been reaped.
  prep_waitid(*test::get_sqe(ring), P_PID, static_cast<unsigned>(pid), &info, WEXITED, 0);
  CHECK(test::run(ring) == -ECHILD);
}

}  // namespace fring
