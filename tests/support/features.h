// SPDX-License-Identifier: MIT
// Kernel feature detection for tests: each function returns the reason to
// skip ("kernel lacks op::futex_wait (Linux 6.7)") or nullptr when the
// feature is there. Detection is real: reg_op::probe for opcodes,
// reg_op::query where the kernel has it (6.18+), the params feature
// bits, and trial set-ups; the kernel version only names the reason, except
// for register operations on kernels without QUERY, which have no probe.
#ifndef FRING_TESTS_SUPPORT_FEATURES_H
#define FRING_TESTS_SUPPORT_FEATURES_H

#include <stdint.h>

#include <string>

namespace fring::test {

/// `s` as a C string that stays valid for the rest of the run (skip reasons
/// are kept by pointer); equal strings share one copy.
const char* intern(const std::string& s);

/// The running kernel's release, from uname(2).
struct KernelVersion {
  int major;
  int minor;
};
KernelVersion kernel_version();

/// True when the running kernel is release `major`.`minor` or later.
bool kernel_at_least(int major, int minor);

/// Why opcode `op` (IORING_OP_*) cannot be used here, or nullptr.
const char* missing_op(unsigned op);

/// Why register operation `op` (IORING_REGISTER_*) cannot be used, or nullptr.
const char* missing_register_op(unsigned op);

/// Why feature bit `feature` (IORING_FEAT_*, named `name`) is missing, or nullptr.
const char* missing_feature(uint32_t feature, const char* name);

/// Why set-up flag `flag` (IORING_SETUP_*, named `name`) is refused, or nullptr.
const char* missing_setup_flag(uint32_t flag, const char* name);

}  // namespace fring::test

/// Skips the test unless the kernel supports opcode `op`.
#define FRING_REQUIRE_OP(op)                                                \
  do {                                                                      \
    if (const char* why_ = ::fring::test::missing_op(op)) FRING_SKIP(why_); \
  } while (0)

/// Skips the test unless the kernel supports register operation `op`.
#define FRING_REQUIRE_REGISTER_OP(op)                                                \
  do {                                                                               \
    if (const char* why_ = ::fring::test::missing_register_op(op)) FRING_SKIP(why_); \
  } while (0)

/// Skips the test unless the kernel reports feat::<name>.
#define FRING_REQUIRE_FEATURE(name)                                                    \
  do {                                                                                 \
    if (const char* why_ = ::fring::test::missing_feature(::fring::feat::name, #name)) \
      FRING_SKIP(why_);                                                                \
  } while (0)

/// Skips the test unless the kernel accepts setup::<name>.
#define FRING_REQUIRE_SETUP_FLAG(name)                                                     \
  do {                                                                                     \
    if (const char* why_ = ::fring::test::missing_setup_flag(::fring::setup::name, #name)) \
      FRING_SKIP(why_);                                                                    \
  } while (0)

#endif  // FRING_TESTS_SUPPORT_FEATURES_H
