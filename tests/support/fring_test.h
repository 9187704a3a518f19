// SPDX-License-Identifier: MIT
// What every fring test includes: doctest, fring, and the skip machinery.
// A test that needs a kernel feature checks for it and calls FRING_SKIP with
// a reason naming what is missing; the summary counts and lists the reasons.
#ifndef FRING_TESTS_SUPPORT_FRING_TEST_H
#define FRING_TESTS_SUPPORT_FRING_TEST_H

#include <doctest/doctest.h>

#include "fring/fring.h"
#include "tests/support/features.h"

namespace fring {
/// How doctest prints an Errno in a failed CHECK or a message: by name
/// ("EINVAL"). Found by argument-dependent lookup, which doctest uses for
/// every value; its own StringMaker is never asked for an enum.
inline doctest::String toString(Errno e) {
  return static_cast<int>(e) == 0 ? doctest::String("(no error)") : doctest::String(errno_name(e));
}
}  // namespace fring

namespace fring::test {

/// Marks the running test case skipped because of `reason` (kept by pointer:
/// pass a string literal or a string that outlives the test run).
void mark_skipped(const char* reason);

/// The reason to skip when ring set-up failed with `e` because io_uring is
/// unavailable here (ENOSYS under qemu-user or an old kernel, EPERM when it is
/// disabled), or nullptr when `e` is a real failure.
const char* setup_skip_reason(Errno e);

/// Why io_uring cannot be used in this process (a setup_skip_reason()), or
/// nullptr when a plain ring can be set up.
const char* io_uring_unavailable();

/// True where the io_uring syscalls do not exist (ENOSYS from
/// io_uring_setup: qemu-user, or a kernel built without io_uring).
bool io_uring_absent();

/// A writable scratch directory: $TEST_TMPDIR under Bazel, else /tmp.
const char* tmp_dir();

/// The count in environment variable `name` (decimal, at least 1), or
/// `fallback` when it is unset; fails the test when it holds anything else.
/// As /init in a VM, the kernel command line's NAME=VALUE words set it
/// (tests/vm/run_vm.sh --env).
uint64_t env_count(const char* name, uint64_t fallback);

/// The error a Result holds, or Errno 0 when it holds a value, so that tests
/// can compare errors without trapping on an unexpected success.
template <class R>
Errno error_of(const R& result) {
  return result.ok() ? static_cast<Errno>(0) : result.error();
}

/// The error a Result holds by name ("EINVAL"), for test messages, or
/// "(no error)".
template <class R>
doctest::String error_name(const R& result) {
  return toString(error_of(result));
}

/// The value a Result holds; fails the test (naming the Errno) instead of
/// trapping when it holds an error.
template <class T>
T must(Result<T>&& result) {
  REQUIRE_MESSAGE(result.ok(), "unexpected error ", error_name(result));
  return static_cast<Result<T>&&>(result).value();
}

}  // namespace fring::test

/// Skips the rest of the current test case, naming why.
#define FRING_SKIP(reason)                \
  do {                                    \
    ::fring::test::mark_skipped(reason);  \
    return;                               \
  } while (0)

/// Declares `fring::Ring& name` set up by Ring::queue_init(args...); skips the
/// test when io_uring is unavailable, fails it on any other error.
#define FRING_RING(name, ...)                                                          \
  auto name##_result_ = ::fring::Ring::queue_init(__VA_ARGS__);                        \
  if (!name##_result_.ok()) {                                                          \
    if (const char* why_ = ::fring::test::setup_skip_reason(name##_result_.error())) { \
      FRING_SKIP(why_);                                                                \
    }                                                                                  \
    FAIL("queue_init failed: " << ::fring::test::error_name(name##_result_));          \
  }                                                                                    \
  ::fring::Ring& name = name##_result_.value()

/// CHECKs that a Result is ok, printing the Errno name when it is not.
#define FRING_CHECK_OK(expr)                                                 \
  do {                                                                       \
    const auto& fring_check_r_ = (expr);                                     \
    CHECK_MESSAGE(fring_check_r_.ok(), #expr " failed: ",                    \
                  ::fring::test::error_name(fring_check_r_));                \
  } while (0)

#endif  // FRING_TESTS_SUPPORT_FRING_TEST_H
