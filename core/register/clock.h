// SPDX-License-Identifier: MIT
// The clock that io_uring_enter wait timeouts are measured against.
#ifndef FRING_CORE_REGISTER_CLOCK_H
#define FRING_CORE_REGISTER_CLOCK_H

#include "fring/core/ring.h"

namespace fring {

/// Measures `ring`'s wait timeouts (enter::ext_arg, absolute ones with
/// enter::abs_timer) against `arg->clockid`: CLOCK_MONOTONIC (1, the
/// default) or CLOCK_BOOTTIME (7, which keeps counting through suspend).
/// Timeout SQEs are not affected. Errors: einval (another clock, non-zero
/// padding), efault. Matches io_uring_register_clock() in liburing.
/// Available since Linux 6.12.
inline Result<void> register_clock(Ring& ring, KernelPtr<const ClockRegister> arg) noexcept {
  FRING_TRY(ring.register_op(reg_op::clock, arg.get(), 0));
  return {};
}

}  // namespace fring

#endif  // FRING_CORE_REGISTER_CLOCK_H
