// SPDX-License-Identifier: MIT
// Result<T>, Errno names and messages, and the FRING_TRY macros.
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <string>

#include "tests/support/fring_test.h"

using fring::Errno;
using fring::Result;

namespace {

struct MoveOnly {
  explicit MoveOnly(int v) : value(v) {}
  MoveOnly(MoveOnly&& o) noexcept : value(o.value) { o.value = -1; }
  MoveOnly& operator=(MoveOnly&&) = delete;
  MoveOnly(const MoveOnly&) = delete;
  int value;
};

int destroyed = 0;
struct Counted {
  Counted() = default;
  Counted(const Counted&) = default;
  ~Counted() { ++destroyed; }
};

Result<int> parse(long raw) { return fring::result_from<int>(raw); }

Result<int> doubled(long raw) {
  FRING_TRY_ASSIGN(int v, parse(raw));
  return v * 2;
}

Result<void> check_positive(long raw) {
  FRING_TRY(parse(raw));
  return {};
}

// Runs `f` in a child process and reports whether it died from a trap.
template <class F>
bool traps(F f) {
  fflush(stdout);
  const pid_t child = fork();
  if (child == 0) {
    // doctest's crash handlers would report the trap as a test failure.
    signal(SIGILL, SIG_DFL);
    signal(SIGTRAP, SIG_DFL);
    f();
    _exit(0);
  }
  int status = 0;
  waitpid(child, &status, 0);
  return WIFSIGNALED(status) && (WTERMSIG(status) == SIGILL || WTERMSIG(status) == SIGTRAP);
}

}  // namespace

TEST_CASE("result_from applies the -4095 window") {
  CHECK(parse(0).value() == 0);
  CHECK(parse(17).value() == 17);
  CHECK(fring::test::error_of(parse(-1)) == Errno::eperm);
  CHECK(fring::test::error_of(parse(-EINVAL)) == Errno::einval);
  CHECK(fring::test::error_of(parse(-4095)) == static_cast<Errno>(4095));
  CHECK(parse(-4096).ok());  // outside the window: a value, not an error
  const auto addr = fring::result_from<unsigned long>(-4096L);
  CHECK(addr.ok());
  CHECK(fring::status_from(0).ok());
  CHECK(fring::status_from(5).ok());
  CHECK(fring::test::error_of(fring::status_from(-ENOMEM)) == Errno::enomem);
}

TEST_CASE("Result holds move-only values and destroys them once") {
  Result<MoveOnly> r = MoveOnly(5);
  REQUIRE(r.ok());
  CHECK(r->value == 5);
  MoveOnly taken = std::move(r).value();
  CHECK(taken.value == 5);
  Result<MoveOnly> moved = std::move(r);
  CHECK(moved.ok());

  destroyed = 0;
  {
    Result<Counted> a = Counted{};
    const int after_temporary = destroyed;
    Result<Counted> b = a;
    b = a;
    Result<Counted> e = Errno::eagain;
    e = b;
    CHECK(e.ok());
    CHECK(destroyed == after_temporary + 1);  // the value e replaced in b
  }
  CHECK(destroyed >= 4);
  CHECK(Result<int>(Errno::eio).value_or(9) == 9);
  CHECK(Result<int>(3).value_or(9) == 3);
}

TEST_CASE("TRY propagates errors and values") {
  CHECK(doubled(21).value() == 42);
  CHECK(fring::test::error_of(doubled(-EBADF)) == Errno::ebadf);
  CHECK(check_positive(1).ok());
  CHECK(fring::test::error_of(check_positive(-EAGAIN)) == Errno::eagain);
}

TEST_CASE("misuse traps instead of aborting") {
  CHECK(traps([] { (void)Result<int>(Errno::eio).value(); }));
  CHECK(traps([] { (void)Result<int>(1).error(); }));
  CHECK(traps([] { (void)Result<void>().error(); }));
  CHECK(traps([] { Result<int> r(static_cast<Errno>(0)); (void)r; }));
  CHECK_FALSE(traps([] { (void)Result<int>(1).value(); }));
}

TEST_CASE("errno names and messages match libc") {
  // Every Linux errno up to EHWPOISON (41 and 58 are unused aliases).
  for (int e = 1; e <= 133; ++e) {
    if (e == 41 || e == 58) continue;
    CAPTURE(e);
    const Errno err = static_cast<Errno>(e);
    CHECK(std::string(fring::errno_name(err)) == strerrorname_np(e));
    CHECK(std::string(fring::errno_message(err)) == strerror(e));
  }
  CHECK(std::string(fring::errno_name(Errno::enotsupp)) == "ENOTSUPP");
  CHECK(std::string(fring::errno_name(static_cast<Errno>(999))) == "E?");
  CHECK(std::string(fring::errno_message(static_cast<Errno>(999))) == "Unknown error");
  static_assert(fring::errno_name(Errno::etime)[1] == 'T', "usable in constant expressions");
}
