// SPDX-License-Identifier: MIT
// The clock that io_uring_enter wait timeouts are measured against.
#ifndef FRING_CORE_REGISTER_CLOCK_H
#define FRING_CORE_REGISTER_CLOCK_H

#include "fring/core/ring.h"

namespace fring {

/// Measures `ring`'s wait timeouts (IORING_ENTER_EXT_ARG, absolute ones with
/// IORING_ENTER_ABS_TIMER) against `arg->clockid`: CLOCK_MONOTONIC (1, the
/// default) or CLOCK_BOOTTIME (7, which keeps counting through suspend).
/// Timeout SQEs are not affected. Errors: einval (another clock, non-zero
/// padding), efault. Matches io_uring_register_clock() in liburing.
/// Available since Linux 6.12.
inline Result<void> register_clock(Ring& ring, const io_uring_clock_register* arg) noexcept {
  FRING_TRY(ring.register_op(IORING_REGISTER_CLOCK, arg, 0));
  return {};
}

}  // namespace fring

#endif  // FRING_CORE_REGISTER_CLOCK_H
