// SPDX-License-Identifier: MIT
// Restrictions: on a ring created with setup::r_disabled, the set of
// SQE opcodes, SQE flags and register operations it will accept, fixed once
// and for all before enable_rings() starts it (for handing a ring to less
// trusted code).
#ifndef FRING_CORE_REGISTER_RESTRICTIONS_H
#define FRING_CORE_REGISTER_RESTRICTIONS_H

#include "fring/core/ring.h"

namespace fring {

/// Allows only what the `nr_res` rules in `res` name (restriction:: values:
/// SQE opcodes, register opcodes, allowed and required SQE flags); once the
/// ring is enabled, any other SQE completes with -EACCES and any other
/// register operation fails with eacces. Only once per ring, and only while
/// it is still disabled. Errors: ebadfd (ring not created with
/// setup::r_disabled, or already enabled), ebusy (restrictions already
/// registered), einval (unknown rule or opcode, too many rules), efault.
/// Matches io_uring_register_restrictions() in liburing.
/// Available since Linux 5.10.
inline Result<void> register_restrictions(Ring& ring, KernelPtr<const Restriction> res,
                                          unsigned nr_res) noexcept {
  FRING_TRY(ring.register_op(reg_op::restrictions, res.get(), nr_res));
  return {};
}

/// Starts a ring created with setup::r_disabled (io_uring_enter fails
/// with ebadfd until then), applying the registered restrictions. Errors:
/// ebadfd (the ring is not disabled). Matches io_uring_enable_rings() in
/// liburing. Available since Linux 5.10.
inline Result<void> enable_rings(Ring& ring) noexcept {
  FRING_TRY(ring.register_op(reg_op::enable_rings, nullptr, 0));
  return {};
}

}  // namespace fring

#endif  // FRING_CORE_REGISTER_RESTRICTIONS_H
