// SPDX-License-Identifier: MIT
// The shape matrix: every ring-facing test case runs once per combination of
// a ring shape (SQE and CQE sizes) and a ring mode (who submits, where task
// work runs). The runner (main.cc) selects the combination; FRING_RING makes
// each test's ring in it, so a test gets the whole matrix without asking.
#ifndef FRING_TESTS_SUPPORT_MATRIX_H
#define FRING_TESTS_SUPPORT_MATRIX_H

#include <stdint.h>

#include "fring/fring.h"

namespace fring::test {

/// A ring shape or mode: a name for the reports and its IORING_SETUP_* flags.
struct RingKind {
  const char* name;
  uint32_t flags;
};

/// The shapes: default, SQE128, CQE32, SQE128+CQE32, MIXED (SQE_MIXED+CQE_MIXED).
inline constexpr RingKind kShapes[] = {
    {"default", 0},
    {"SQE128", setup::sqe128},
    {"CQE32", setup::cqe32},
    {"SQE128+CQE32", setup::sqe128 | setup::cqe32},
    {"MIXED", setup::sqe_mixed | setup::cqe_mixed},
};

/// The modes: plain, SQPOLL, DEFER_TASKRUN (with SINGLE_ISSUER, which it
/// needs), COOP_TASKRUN (with TASKRUN_FLAG).
inline constexpr RingKind kModes[] = {
    {"plain", 0},
    {"SQPOLL", setup::sqpoll},
    {"DEFER_TASKRUN", setup::single_issuer | setup::defer_taskrun},
    {"COOP_TASKRUN", setup::coop_taskrun | setup::taskrun_flag},
};

inline constexpr unsigned kShapeCount = sizeof(kShapes) / sizeof(kShapes[0]);
inline constexpr unsigned kModeCount = sizeof(kModes) / sizeof(kModes[0]);
inline constexpr unsigned kComboCount = kShapeCount * kModeCount;

/// The set-up flags that choose a shape, and those that choose a mode. A
/// test passing any of them to FRING_RING fixes that part itself.
inline constexpr uint32_t kShapeFlags =
    setup::sqe128 | setup::cqe32 | setup::sqe_mixed | setup::cqe_mixed;
inline constexpr uint32_t kModeFlags = setup::sqpoll | setup::sq_aff | setup::coop_taskrun |
                                       setup::taskrun_flag | setup::single_issuer |
                                       setup::defer_taskrun | setup::sq_rewind;

/// The SQPOLL thread's idle time in the matrix (ms): short, so that an idle
/// thread does not spin beside the test on a one-CPU VM.
inline constexpr uint32_t kSqThreadIdleMs = 1;

/// One combination, numbered shape-major: combo / kModeCount is the shape.
struct Combo {
  const RingKind& shape;
  const RingKind& mode;
  /// "shape/mode", as the reports print it.
  const char* name;
};

/// Combination `index` (< kComboCount).
Combo combo(unsigned index);

/// The index of the combination named "shape/mode", or -1.
int combo_index(const char* name);

/// The combination the runner is in (main.cc sets it between passes).
unsigned current_combo();
void set_current_combo(unsigned index);

/// True while the runner is in its first pass, which runs every test case.
bool first_pass();
void set_first_pass(bool first);

/// The length of a loop whose length matters once, not per combination (a
/// u16 index wrapping, a CQ going round a thousand times): `full` in the
/// first pass (default/plain), `light` in the others, which check the shape
/// and mode rather than the count. Keeps the 20 passes of each VM cell
/// inside the CI budget.
inline unsigned matrix_count(unsigned full, unsigned light) { return first_pass() ? full : light; }

/// The IORING_SETUP_* names of `flags` joined with '|' ("SQE128|CQE32").
const char* setup_flag_names(uint32_t flags);

/// Why the kernel refuses IORING_SETUP_* `flags` as a whole ("kernel lacks
/// setup::sqe_mixed (Linux 6.19)", the first flag it lacks, or the
/// combination), or nullptr when it sets up a ring with them.
const char* setup_refused(uint32_t flags);

/// Why the kernel refuses the current combination ("kernel lacks
/// setup::sqe_mixed", or io_uring_unavailable()), or nullptr when it
/// sets it up.
const char* combo_refused();

/// The flags FRING_RING adds for the current combination: its shape and
/// mode, plus setup::no_sqarray where the kernel has it (6.6+).
uint32_t combo_flags();

/// Records that the running test case drives rings, so that the runner
/// repeats it in every combination.
void note_ring_test();

/// Sets up the ring of a test in the current combination: `flags` plus the
/// combination's shape and mode (a test that passes shape or mode flags
/// itself runs with them in the default shape or the plain mode, and skips
/// elsewhere). Sets `*skip` to the reason when the test must skip (no
/// io_uring, a combination the kernel refuses, a fixed shape or mode).
Result<Ring> make_ring(const char** skip, unsigned entries, uint32_t flags = 0);

/// The reason a test that sets up its rings itself skips outside the first
/// combination, or nullptr in it; also records it as ring-facing.
const char* fixed_setup(const char* why);

}  // namespace fring::test

#endif  // FRING_TESTS_SUPPORT_MATRIX_H
