// SPDX-License-Identifier: MIT
#include "tests/support/matrix.h"

#include <errno.h>
#include <string.h>

#include <string>

#include "tests/support/fring_test.h"
#include "tests/support/setup_wait.h"

namespace fring::test {
namespace {

unsigned g_combo = 0;
bool g_first_pass = true;

// The IORING_SETUP_* flags by bit, as the kernel names them.
constexpr const char* kSetupNames[] = {
    "IOPOLL",        "SQPOLL",        "SQ_AFF",     "CQSIZE",
    "CLAMP",         "ATTACH_WQ",     "R_DISABLED", "SUBMIT_ALL",
    "COOP_TASKRUN",  "TASKRUN_FLAG",  "SQE128",     "CQE32",
    "SINGLE_ISSUER", "DEFER_TASKRUN", "NO_MMAP",    "REGISTERED_FD_ONLY",
    "NO_SQARRAY",    "HYBRID_IOPOLL", "CQE_MIXED",  "SQE_MIXED",
    "SQ_REWIND",
};

}  // namespace

const char* setup_refused(uint32_t flags) {
  Params p{};
  p.flags = flags;
  p.sq_thread_idle = kSqThreadIdleMs;
  const long fd = uring_setup_waiting(4, &p);
  if (fd >= 0) {
    sys::close(static_cast<int>(fd));
    return nullptr;
  }
  // Memory still short after the wait is no refusal: the test runs and its
  // own set-up fails.
  if (fd == -ENOMEM) return nullptr;
  for (unsigned bit = 0; bit < 32; ++bit) {
    const uint32_t flag = 1U << bit;
    if (!(flags & flag)) continue;
    if (const char* why = missing_setup_flag(flag, setup_flag_names(flag))) return why;
  }
  return intern(std::string("kernel refuses IORING_SETUP_") + setup_flag_names(flags) +
                " together (" + errno_name(static_cast<Errno>(-fd)) + ")");
}

Combo combo(unsigned index) {
  static std::string names[kComboCount];
  const RingKind& shape = kShapes[index / kModeCount];
  const RingKind& mode = kModes[index % kModeCount];
  if (names[index].empty()) names[index] = std::string(shape.name) + "/" + mode.name;
  return Combo{shape, mode, names[index].c_str()};
}

int combo_index(const char* name) {
  for (unsigned i = 0; i < kComboCount; ++i) {
    if (strcmp(combo(i).name, name) == 0) return static_cast<int>(i);
  }
  return -1;
}

unsigned current_combo() { return g_combo; }
void set_current_combo(unsigned index) { g_combo = index; }
bool first_pass() { return g_first_pass; }
void set_first_pass(bool first) { g_first_pass = first; }

const char* setup_flag_names(uint32_t flags) {
  std::string s;
  for (unsigned bit = 0; bit < 32; ++bit) {
    if (!(flags & (1U << bit))) continue;
    if (!s.empty()) s += '|';
    if (bit < sizeof(kSetupNames) / sizeof(kSetupNames[0])) {
      s += kSetupNames[bit];
    } else {
      s += "bit " + std::to_string(bit);
    }
  }
  return intern(s);
}

const char* combo_refused() {
  static const char* reasons[kComboCount];
  static bool known[kComboCount];
  if (const char* why = io_uring_unavailable()) return why;
  if (!known[g_combo]) {
    const Combo c = combo(g_combo);
    reasons[g_combo] = setup_refused(c.shape.flags | c.mode.flags | combo_flags());
    known[g_combo] = true;
  }
  return reasons[g_combo];
}

uint32_t combo_flags() {
  static const uint32_t no_sqarray =
      missing_setup_flag(setup::no_sqarray, "NO_SQARRAY") == nullptr ? setup::no_sqarray : 0;
  const Combo c = combo(g_combo);
  return c.shape.flags | c.mode.flags | no_sqarray;
}

Result<Ring> make_ring(const char** skip, unsigned entries, uint32_t flags) {
  note_ring_test();
  *skip = nullptr;
  if ((*skip = io_uring_unavailable()) != nullptr) return Errno::enosys;
  if ((*skip = combo_refused()) != nullptr) return Errno::einval;
  const Combo c = combo(g_combo);
  if ((flags & kShapeFlags) && c.shape.flags != 0) {
    *skip = intern(std::string("the test sets its own ring shape (IORING_SETUP_") +
                   setup_flag_names(flags & kShapeFlags) + ")");
    return Errno::einval;
  }
  if ((flags & kModeFlags) && c.mode.flags != 0) {
    *skip = intern(std::string("the test sets its own ring mode (IORING_SETUP_") +
                   setup_flag_names(flags & kModeFlags) + ")");
    return Errno::einval;
  }
  if ((combo_flags() & setup::sqe_mixed) && entries < 2) {
    // Its 128-byte SQEs take two slots.
    *skip = "an SQE_MIXED ring has at least 2 SQEs; the test asks for 1";
    return Errno::einval;
  }
  Params p{};
  p.flags = combo_flags() | flags;  // shape and mode are the combination's, or the test's
  if (p.flags & setup::sqpoll) p.sq_thread_idle = kSqThreadIdleMs;
  auto ring = set_up_waiting([&] { return Ring::queue_init_params(entries, p); });
  if (!ring.ok()) *skip = setup_skip_reason(ring.error());
  return ring;
}

const char* fixed_setup(const char* why) {
  note_ring_test();
  return first_pass() ? nullptr : why;
}

}  // namespace fring::test
