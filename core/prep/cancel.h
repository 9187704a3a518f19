// SPDX-License-Identifier: MIT
// Prep helpers for cancelling requests in flight.
#ifndef FRING_CORE_PREP_CANCEL_H
#define FRING_CORE_PREP_CANCEL_H

#include <stdint.h>

#include "fring/core/prep/base.h"

namespace fring {

/// Cancels the request whose user_data is `user_data` (all of them with
/// IORING_ASYNC_CANCEL_ALL, any request with IORING_ASYNC_CANCEL_ANY). res: 0
/// (or the count with ALL), -ENOENT if none matched, -EALREADY if it was
/// running. Matches io_uring_prep_cancel64() in liburing. Available since Linux 5.5
/// (flags since 5.19).
[[gnu::always_inline]] inline void prep_cancel64(Sqe& sqe, uint64_t user_data,
                                                 unsigned flags) noexcept {
  prep_rw(sqe, IORING_OP_ASYNC_CANCEL, -1, user_data, 0, 0);
  sqe.cancel_flags = flags;
}

/// prep_cancel64() keyed by a pointer user_data (see sqe_set_data()).
/// Matches io_uring_prep_cancel() in liburing. Available since Linux 5.5.
[[gnu::always_inline]] inline void prep_cancel(Sqe& sqe, const void* user_data,
                                               unsigned flags) noexcept {
  prep_cancel64(sqe, detail::addr_of(user_data), flags);
}

/// Cancels requests on file `fd` (a fixed-file index with
/// IORING_ASYNC_CANCEL_FD_FIXED). Matches io_uring_prep_cancel_fd() in liburing.
/// Available since Linux 5.19.
[[gnu::always_inline]] inline void prep_cancel_fd(Sqe& sqe, int fd, unsigned flags) noexcept {
  prep_rw(sqe, IORING_OP_ASYNC_CANCEL, fd, 0, 0, 0);
  sqe.cancel_flags = flags | IORING_ASYNC_CANCEL_FD;
}

}  // namespace fring

#endif  // FRING_CORE_PREP_CANCEL_H
