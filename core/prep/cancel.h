// SPDX-License-Identifier: MIT
// Prep helpers for cancelling requests in flight.
#ifndef FRING_CORE_PREP_CANCEL_H
#define FRING_CORE_PREP_CANCEL_H

#include <stdint.h>

#include "fring/core/prep/base.h"

namespace fring {

/// Cancels the request whose user_data is `user_data` (all of them with
/// cancel_flag::all, any request with cancel_flag::any). res: 0
/// (or the count with ALL), -ENOENT if none matched, -EALREADY if it was
/// running. Matches io_uring_prep_cancel64() in liburing. Available since Linux 5.5
/// (flags since 5.19).
[[gnu::always_inline]] inline void prep_cancel64(Sqe& sqe, uint64_t user_data,
                                                 unsigned flags) noexcept {
  prep_rw(sqe, op::async_cancel, -1, user_data, 0, 0);
  sqe.cancel_flags = flags;
}

/// prep_cancel64() keyed by a pointer user_data (see sqe_set_data()).
/// Matches io_uring_prep_cancel() in liburing. Available since Linux 5.5.
[[gnu::always_inline]] inline void prep_cancel(Sqe& sqe, const void* user_data,
                                               unsigned flags) noexcept {
  prep_cancel64(sqe, detail::addr_of(user_data), flags);
}

/// Cancels requests on file `fd` (a fixed-file index with
/// cancel_flag::fd_fixed). Matches io_uring_prep_cancel_fd() in liburing.
/// Available since Linux 5.19.
[[gnu::always_inline]] inline void prep_cancel_fd(Sqe& sqe, int fd, unsigned flags) noexcept {
  prep_rw(sqe, op::async_cancel, fd, 0, 0, 0);
  sqe.cancel_flags = flags | cancel_flag::fd;
}

}  // namespace fring

#endif  // FRING_CORE_PREP_CANCEL_H
