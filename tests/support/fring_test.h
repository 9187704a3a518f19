// SPDX-License-Identifier: MIT
// What every fring test includes: doctest, fring, and the skip machinery.
// A test that needs a kernel feature checks for it and calls FRING_SKIP with
// a reason naming what is missing; the summary counts and lists the reasons.
#ifndef FRING_TESTS_SUPPORT_FRING_TEST_H
#define FRING_TESTS_SUPPORT_FRING_TEST_H

#include <doctest/doctest.h>

#include "fring/fring.h"
#include "tests/support/features.h"
#include "tests/support/matrix.h"

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

/// must() for a Result<void>: fails the test when it holds an error.
inline void must(Result<void>&& result) {
  REQUIRE_MESSAGE(result.ok(), "unexpected error ", error_name(result));
}

}  // namespace fring::test

/// Skips the rest of the current test case, naming why.
#define FRING_SKIP(reason)               \
  do {                                   \
    ::fring::test::mark_skipped(reason); \
    return;                              \
  } while (0)

/// Declares `fring::Ring& name` with `entries` SQEs and IORING_SETUP_*
/// `flags` (optional), set up in the shape and mode of the runner's current
/// combination (tests/support/matrix.h): the one parameter that gives every
/// test the whole matrix. Skips the test when io_uring is unavailable, when
/// the kernel refuses the combination, or when `flags` fix the shape or mode
/// the combination would set; fails it on any other error.
#define FRING_RING(name, ...)                                                 \
  const char* name##_skip_ = nullptr;                                         \
  auto name##_result_ = ::fring::test::make_ring(&name##_skip_, __VA_ARGS__); \
  if (name##_skip_ != nullptr) FRING_SKIP(name##_skip_);                      \
  if (!name##_result_.ok()) {                                                 \
    FAIL("queue_init failed: " << ::fring::test::error_name(name##_result_)); \
  }                                                                           \
  ::fring::Ring& name = name##_result_.value()

/// For a test that sets up its rings itself, with shapes and modes of its
/// own: it runs in the runner's first combination and skips in the others,
/// naming `why` it does not follow the matrix.
#define FRING_FIXED_SETUP(why)                                                \
  do {                                                                        \
    if (const char* why_ = ::fring::test::fixed_setup(why)) FRING_SKIP(why_); \
  } while (0)

/// Skips the test when its ring has any of IORING_SETUP_* `flags` (from the
/// matrix), naming `why` the test cannot apply there.
#define FRING_SKIP_IF_RING(ring, setup_flags, why)              \
  do {                                                          \
    if (((ring).flags() & (setup_flags)) != 0) FRING_SKIP(why); \
  } while (0)

/// CHECKs that a Result is ok, printing the Errno name when it is not.
#define FRING_CHECK_OK(expr)                                                     \
  do {                                                                           \
    const auto& fring_check_r_ = (expr);                                         \
    CHECK_MESSAGE(fring_check_r_.ok(),                                           \
                  #expr " failed: ", ::fring::test::error_name(fring_check_r_)); \
  } while (0)

#endif  // FRING_TESTS_SUPPORT_FRING_TEST_H
