// SPDX-License-Identifier: MIT
// The requests that do nothing: the 64-byte NOP, and the 128-byte one for
// rings with big SQEs (setup::sqe128 or setup::sqe_mixed).
#ifndef FRING_CORE_PREP_NOP_H
#define FRING_CORE_PREP_NOP_H

#include "fring/core/prep/base.h"

namespace fring {

/// A request that does nothing and completes with res 0.
/// Matches io_uring_prep_nop() in liburing. Available since Linux 5.1.
[[gnu::always_inline]] inline void prep_nop(Sqe& sqe) noexcept {
  prep_rw(sqe, op::nop, -1, 0, 0, 0);
}

/// A request that does nothing and completes with res 0, taking a 128-byte
/// SQE: two slots of an SQE_MIXED ring (get the SQE with get_sqe128()), one
/// of an SQE128 ring. Writes the first 64 bytes like prep_nop(); the command
/// area past them is not read. res: 0, or -EINVAL on a ring with 64-byte
/// SQEs only, or in the last slot of an SQE_MIXED ring (where get_sqe128()
/// never puts it). Matches io_uring_prep_nop128() in liburing.
/// Available since Linux 6.19.
[[gnu::always_inline]] inline void prep_nop128(Sqe& sqe) noexcept {
  prep_rw(sqe, op::nop128, -1, 0, 0, 0);
}

}  // namespace fring

#endif  // FRING_CORE_PREP_NOP_H
