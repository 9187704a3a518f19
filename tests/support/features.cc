// SPDX-License-Identifier: MIT
#include "tests/support/features.h"

#include <errno.h>
#include <stdio.h>
#include <sys/utsname.h>

#include <map>
#include <string>

#include "tests/support/fring_test.h"
#include "tests/support/setup_wait.h"

namespace fring::test {
namespace {

// The Linux release that added each opcode and register operation
// (shared/reference/io_uring-abi.md), used to word skip reasons.
constexpr const char* kOpSince[op::last] = {
    "5.1",  "5.1",  "5.1",  "5.1",  "5.1",  "5.1",  "5.1",  "5.1",  "5.2",  "5.3",  "5.3",
    "5.4",  "5.5",  "5.5",  "5.5",  "5.5",  "5.5",  "5.6",  "5.6",  "5.6",  "5.6",  "5.6",
    "5.6",  "5.6",  "5.6",  "5.6",  "5.6",  "5.6",  "5.6",  "5.6",  "5.7",  "5.7",  "5.7",
    "5.8",  "5.11", "5.11", "5.11", "5.15", "5.15", "5.15", "5.18", "5.19", "5.19", "5.19",
    "5.19", "5.19", "5.19", "6.0",  "6.1",  "6.7",  "6.7",  "6.7",  "6.7",  "6.7",  "6.8",
    "6.9",  "6.11", "6.11", "6.15", "6.15", "6.15", "6.15", "6.16", "6.19", "6.19",
};

struct Release {
  int major;
  int minor;
};

constexpr Release kRegisterSince[reg_op::last] = {
    {5, 1},  {5, 1},  {5, 1},  {5, 1},  {5, 1},  {5, 1},  {5, 5},  {5, 6},  {5, 6},  {5, 6},
    {5, 6},  {5, 10}, {5, 10}, {5, 13}, {5, 13}, {5, 13}, {5, 13}, {5, 14}, {5, 14}, {5, 15},
    {5, 18}, {5, 18}, {5, 19}, {5, 19}, {6, 0},  {6, 0},  {6, 8},  {6, 9},  {6, 9},  {6, 12},
    {6, 12}, {6, 13}, {6, 15}, {6, 13}, {6, 13}, {6, 18}, {6, 19}, {7, 0},
};

// The release that added each IORING_SETUP_* flag, by bit.
constexpr const char* kSetupSince[] = {
    "5.1",  "5.1", "5.1", "5.5", "5.6", "5.6", "5.10", "5.18", "5.19", "5.19", "5.19",
    "5.19", "6.0", "6.1", "6.5", "6.5", "6.6", "6.13", "6.18", "6.19", "7.0",
};

// The kernel's answer to query_op::opcodes, when it has one (6.18+).
const QueryOpcode* query() {
  static const auto answer = query_opcodes();
  return answer.ok() ? &answer.value() : nullptr;
}

}  // namespace

const char* intern(const std::string& s) {
  static std::map<std::string, std::string> kept;
  return kept.emplace(s, s).first->second.c_str();
}

KernelVersion kernel_version() {
  static KernelVersion v = [] {
    utsname u;
    KernelVersion r{0, 0};
    if (uname(&u) == 0) sscanf(u.release, "%d.%d", &r.major, &r.minor);
    return r;
  }();
  return v;
}

bool kernel_at_least(int major, int minor) {
  const KernelVersion v = kernel_version();
  return v.major > major || (v.major == major && v.minor >= minor);
}

const char* missing_op(unsigned op) {
  if (const char* why = io_uring_unavailable()) return why;
  static const auto probe = get_probe();
  if (!probe.ok())
    return intern(std::string("kernel has no reg_op::probe (") + errno_name(probe.error()) + ")");
  if (probe.value().op_supported(op)) return nullptr;
  return intern(std::string("kernel lacks IORING_OP_") + op_name(op) + " (Linux " +
                (op < op::last ? kOpSince[op] : "?") + ")");
}

const char* missing_register_op(unsigned op) {
  if (const char* why = io_uring_unavailable()) return why;
  bool supported;
  if (const QueryOpcode* q = query()) {
    supported = op < q->nr_register_opcodes;
  } else {
    // No query before 6.18 and no probe for register operations: the release
    // that added the operation decides.
    supported =
        op < reg_op::last && kernel_at_least(kRegisterSince[op].major, kRegisterSince[op].minor);
  }
  if (supported) return nullptr;
  char since[16] = "?";
  if (op < reg_op::last) {
    snprintf(since, sizeof(since), "%d.%d", kRegisterSince[op].major, kRegisterSince[op].minor);
  }
  return intern(std::string("kernel lacks IORING_") + register_op_name(op) + " (Linux " + since +
                ")");
}

const char* missing_feature(uint32_t feature, const char* name) {
  if (const char* why = io_uring_unavailable()) return why;
  static const uint32_t features = [] {
    auto ring = set_up_waiting([] { return Ring::queue_init(1); });
    // Memory still short after the wait: no feature is called missing, so the
    // test runs and its own set-up fails rather than skipping.
    if (!ring.ok() && ring.error() == Errno::enomem) return ~0u;
    return ring.ok() ? ring.value().features() : 0u;
  }();
  if (features & feature) return nullptr;
  return intern(std::string("kernel lacks feat::") + name);
}

const char* missing_setup_flag(uint32_t flag, const char* name) {
  if (const char* why = io_uring_unavailable()) return why;
  bool supported;
  if (const QueryOpcode* q = query()) {
    supported = (q->ring_setup_flags & flag) == flag;
  } else {
    // A trial set-up with the flag and whatever it cannot do without.
    Params p{};
    p.flags = flag;
    if (flag & setup::sq_aff) p.flags |= setup::sqpoll;
    if (flag & setup::defer_taskrun) p.flags |= setup::single_issuer;
    if (flag & setup::taskrun_flag) p.flags |= setup::coop_taskrun;
    if (flag & setup::registered_fd_only) p.flags |= setup::no_mmap;
    if (flag & setup::cqsize) p.cq_entries = 8;
    const long fd = uring_setup_waiting(4, &p);
    if (fd >= 0) sys::close(static_cast<int>(fd));
    // The kernel checks the flags first: EINVAL means it does not know them.
    // Anything else (EFAULT for NO_MMAP without memory, say) came later.
    supported = fd != -EINVAL;
  }
  if (supported) return nullptr;
  const unsigned bit = static_cast<unsigned>(__builtin_ctz(flag));
  const bool single =
      (flag & (flag - 1)) == 0 && bit < sizeof(kSetupSince) / sizeof(kSetupSince[0]);
  return intern(std::string("kernel lacks setup::") + name +
                (single ? std::string(" (Linux ") + kSetupSince[bit] + ")" : std::string()));
}

}  // namespace fring::test
