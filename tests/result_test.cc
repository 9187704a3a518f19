// SPDX-License-Identifier: MIT
// Result<T>: the -4095 window, values, tests and comparisons, CQEs turned
// into Results, the misuse messages; Errno names and messages; FRING_TRY.
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

// The first line a child process running `f` wrote to stderr, when it died
// from a trap (qemu-user adds a line of its own about the signal after it);
// "(no trap)" when it did not.
template <class F>
std::string misuse_of(F f) {
  fflush(stdout);
  int err[2];
  REQUIRE(pipe(err) == 0);
  const pid_t child = fork();
  if (child == 0) {
    // doctest's crash handlers would report the trap as a test failure.
    signal(SIGILL, SIG_DFL);
    signal(SIGTRAP, SIG_DFL);
    dup2(err[1], 2);
    f();
    _exit(0);
  }
  close(err[1]);
  std::string text;
  char buf[256];
  for (ssize_t n; (n = read(err[0], buf, sizeof buf)) > 0;)
    text.append(buf, static_cast<size_t>(n));
  close(err[0]);
  int status = 0;
  waitpid(child, &status, 0);
  const bool trapped =
      WIFSIGNALED(status) && (WTERMSIG(status) == SIGILL || WTERMSIG(status) == SIGTRAP);
  return trapped ? text.substr(0, text.find('\n') + 1) : "(no trap)";
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

// A Result of a trivially copyable T is trivially copyable itself, so a call
// that is not inlined returns it in registers; one of any other T copies,
// moves and destroys its value.
static_assert(__is_trivially_copyable(Result<unsigned>));
static_assert(__is_trivially_copyable(Result<fring::Cqe*>));
static_assert(__is_trivially_copyable(Result<void>));
static_assert(sizeof(Result<unsigned>) == 8);
static_assert(!__is_trivially_copyable(Result<Counted>));
static_assert(!__is_trivially_copyable(Result<fring::Ring>));

namespace {
[[gnu::noinline]] Result<unsigned> opaque(long raw) { return fring::result_from<unsigned>(raw); }
}  // namespace

TEST_CASE("a trivially copyable Result copies, assigns and returns as its parts") {
  Result<unsigned> a = opaque(7);
  Result<unsigned> e = opaque(-EIO);
  REQUIRE(a.ok());
  CHECK(a.value() == 7);
  CHECK(e == Errno::eio);
  Result<unsigned> copy = e;
  CHECK(copy == Errno::eio);
  copy = a;
  CHECK(copy.value() == 7);
  e = a;
  CHECK(e.ok());
  Result<fring::Cqe*> none = static_cast<fring::Cqe*>(nullptr);
  CHECK(none.ok());
  CHECK(*none == nullptr);
}

TEST_CASE("TRY propagates errors and values") {
  CHECK(doubled(21).value() == 42);
  CHECK(fring::test::error_of(doubled(-EBADF)) == Errno::ebadf);
  CHECK(check_positive(1).ok());
  CHECK(fring::test::error_of(check_positive(-EAGAIN)) == Errno::eagain);
}

TEST_CASE("misuse writes what was misused to stderr, then traps") {
  CHECK(misuse_of([] { (void)Result<int>(Errno::enoent).value(); }) ==
        "fring: value() on errno 2\n");
  CHECK(misuse_of([] { (void)*Result<int>(Errno::eagain); }) == "fring: value() on errno 11\n");
  CHECK(misuse_of([] { (void)Result<int>(1).error(); }) == "fring: error() on a value\n");
  CHECK(misuse_of([] { (void)Result<void>().error(); }) == "fring: error() on a success\n");
  CHECK(misuse_of([] {
          Result<int> r(static_cast<Errno>(0));
          (void)r;
        }) == "fring: an error Result made from error number 0\n");
  CHECK(misuse_of([] {
          Result<void> r(static_cast<Errno>(0));
          (void)r;
        }) == "fring: an error Result made from error number 0\n");
  CHECK(misuse_of([] { (void)Result<int>(static_cast<Errno>(4095)).value(); }) ==
        "fring: value() on errno 4095\n");
  CHECK(misuse_of([] { (void)Result<int>(1).value(); }) == "(no trap)");
}

TEST_CASE("a Result tests as a bool and compares with an Errno") {
  const Result<int> good = 3;
  const Result<int> bad = Errno::enoent;
  CHECK(static_cast<bool>(good));
  CHECK_FALSE(static_cast<bool>(bad));
  if (auto r = parse(-EEXIST); !r) CHECK(r == Errno::eexist);
  CHECK(bad == Errno::enoent);
  CHECK(Errno::enoent == bad);
  CHECK(bad != Errno::eexist);
  CHECK(Errno::eexist != bad);
  CHECK_FALSE(good == Errno::enoent);  // a value equals no error
  CHECK(good != Errno::enoent);
  CHECK(Result<void>() != Errno::eio);
  CHECK(Result<void>(Errno::eio) == Errno::eio);
  CHECK(static_cast<bool>(Result<void>()));
  CHECK_FALSE(static_cast<bool>(Result<void>(Errno::eio)));
}

TEST_CASE("cqe_result turns a CQE's res into a Result") {
  fring::Cqe cqe{};
  cqe.res = 42;
  CHECK(fring::cqe_result(cqe).value() == 42);
  cqe.res = 0;
  CHECK(fring::cqe_result(cqe).value() == 0);
  cqe.res = -EBADF;
  CHECK(fring::cqe_result(cqe) == Errno::ebadf);
  cqe.res = -ECANCELED;
  CHECK(fring::cqe_result(cqe) == Errno::ecanceled);
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
