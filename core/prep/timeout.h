// SPDX-License-Identifier: MIT
// Prep helpers for timeouts: standalone, removal/update, and linked.
#ifndef FRING_CORE_PREP_TIMEOUT_H
#define FRING_CORE_PREP_TIMEOUT_H

#include <stdint.h>

#include "fring/core/prep/base.h"
#include "fring/core/uapi/kernel_ptr.h"

namespace fring {

/// A timeout that completes with -ETIME after `*ts`, or with 0 once `count`
/// other CQEs have been posted (0: time only). `flags`: timeout_flag::abs,
/// BOOTTIME/REALTIME, ETIME_SUCCESS, MULTISHOT. `*ts` must stay valid until
/// submitted. Matches io_uring_prep_timeout() in liburing.
/// Available since Linux 5.4.
[[gnu::always_inline]] inline void prep_timeout(Sqe& sqe, KernelPtr<const Timespec> ts,
                                                unsigned count, unsigned flags) noexcept {
  prep_rw(sqe, op::timeout, -1, detail::addr_of(ts.get()), 1, count);
  sqe.timeout_flags = flags;
}

/// Removes the timeout whose user_data is `user_data`: it completes with
/// -ECANCELED and this request with 0 (-ENOENT if not found, -EALREADY if it
/// is firing). Matches io_uring_prep_timeout_remove() in liburing.
/// Available since Linux 5.5.
[[gnu::always_inline]] inline void prep_timeout_remove(Sqe& sqe, uint64_t user_data,
                                                       unsigned flags) noexcept {
  prep_rw(sqe, op::timeout_remove, -1, user_data, 0, 0);
  sqe.timeout_flags = flags;
}

/// Changes the expiry of the timeout whose user_data is `user_data` to `*ts`
/// (timeout_flag::link_update in `flags` for a linked timeout). Matches
/// io_uring_prep_timeout_update() in liburing. Available since Linux 5.11.
[[gnu::always_inline]] inline void prep_timeout_update(Sqe& sqe, KernelPtr<const Timespec> ts,
                                                       uint64_t user_data,
                                                       unsigned flags) noexcept {
  prep_rw(sqe, op::timeout_remove, -1, user_data, 0, detail::addr_of(ts.get()));
  sqe.timeout_flags = flags | timeout_flag::update;
}

/// A timeout for the previous SQE, which must carry sqe_flag::io_link: if it has
/// not completed after `*ts` it is cancelled (-ECANCELED or -EINTR) and this
/// completes with -ETIME; otherwise this completes with -ECANCELED.
/// Matches io_uring_prep_link_timeout() in liburing. Available since Linux 5.5.
[[gnu::always_inline]] inline void prep_link_timeout(Sqe& sqe, KernelPtr<const Timespec> ts,
                                                     unsigned flags) noexcept {
  prep_rw(sqe, op::link_timeout, -1, detail::addr_of(ts.get()), 1, 0);
  sqe.timeout_flags = flags;
}

}  // namespace fring

#endif  // FRING_CORE_PREP_TIMEOUT_H
