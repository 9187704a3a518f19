// SPDX-License-Identifier: MIT
// The 2^32 wrap on real rings, a long run kept out of `bazel test //...`
// (tag manual). The kernel counts a ring's heads and tails from 0 itself
// (wrap_test.cc shows it ignores what caller memory holds), so each ring
// here first consumes 0xFFFFFFF0 NOPs, in batches of 32768 on a 32768/65536
// entry ring, then is resized to 8 SQ and 16 CQ entries (the kernel keeps
// the indices) and runs wrap_battery.h's rounds from 0xFFFFFFF0 across
// 0xFFFFFFFF to small indices again: a full SQ, every reaping call, a
// refused SQE mid-batch, a CQ overflow, and on CQE_MIXED rings a 32-byte
// CQE padded across slot 0xFFFFFFFF. Run one case at a time with
//   bazel run -c opt //tests:wrap_long_test -- -tc='*StaticRing<0>*'
// (README, Wraparound, has the command and the time it takes).
#include <stdio.h>
#include <time.h>

#include "tests/support/fring_test.h"
#include "tests/wrap_battery.h"

namespace fring {
using test::wrap::Battery;

namespace {

constexpr uint32_t kStart = 0xFFFFFFF0;

double seconds() {
  timespec t{};
  clock_gettime(CLOCK_MONOTONIC, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

double g_began = 0;

void progress(uint32_t done) {
  const double s = seconds() - g_began;
  printf("wrap_long_test: %10u NOPs (%5.1f%%) in %6.0f s, %.0f ns each\n", done,
         100.0 * done / kStart, s, s * 1e9 / done);
  fflush(stdout);
}

template <class R>
void across_2_32(uint32_t flags, bool big_cqes) {
  g_began = seconds();
  R ring = test::wrap::advance_then_resize<R>(kStart, flags, progress);
  progress(kStart);
  REQUIRE(*ring.sq().khead == kStart);
  REQUIRE(*ring.cq().ktail == kStart);
  Battery<R>(ring, big_cqes).run(8);
  // Past the wrap: the indices are small again.
  CHECK(*ring.sq().khead < 8 * 54);
  CHECK(*ring.cq().ktail < 8 * 54);
  CHECK(*ring.cq().khead == *ring.cq().ktail);
}

}  // namespace

TEST_CASE("wrap 2^32: Ring from 0xFFFFFFF0") {
  if (const char* why = test::missing_register_op(reg_op::resize_rings)) FRING_SKIP(why);
  across_2_32<Ring>(0, false);
}

TEST_CASE("wrap 2^32: StaticRing<0> from 0xFFFFFFF0") {
  if (const char* why = test::missing_register_op(reg_op::resize_rings)) FRING_SKIP(why);
  across_2_32<StaticRing<0>>(0, false);
}

TEST_CASE("wrap 2^32: StaticRing<CQE_MIXED> from 0xFFFFFFF0") {
  if (const char* why = test::missing_register_op(reg_op::resize_rings)) FRING_SKIP(why);
  if (const char* why = test::missing_setup_flag(setup::cqe_mixed, "CQE_MIXED")) {
    FRING_SKIP(why);
  }
  across_2_32<StaticRing<setup::cqe_mixed>>(0, true);
}

}  // namespace fring
