// SPDX-License-Identifier: MIT
// A seccomp filter that makes one system call fail, for provocations
// (tests/provoke_test.cc) and for running a test binary as if the kernel had
// no io_uring (tests/support/without_io_uring.cc). It applies to the calling
// thread and everything it starts or execs, for good.
#ifndef FRING_TESTS_SUPPORT_SECCOMP_H
#define FRING_TESTS_SUPPORT_SECCOMP_H

namespace fring::test {

/// Makes system call `nr` fail with `error` from now on and lets every other
/// call through (any other architecture too); false when the kernel refused
/// the filter.
bool deny_syscall(long nr, int error);

}  // namespace fring::test

#endif  // FRING_TESTS_SUPPORT_SECCOMP_H
