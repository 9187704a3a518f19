// SPDX-License-Identifier: MIT
// Prep helpers for readiness polling.
#ifndef FRING_CORE_PREP_POLL_H
#define FRING_CORE_PREP_POLL_H

#include <stdint.h>

#include "fring/core/prep/base.h"

namespace fring {

/// Completes once `fd` has any of the poll(2) events in `poll_mask` (res is the
/// events that fired). One-shot. Matches io_uring_prep_poll_add() in liburing.
/// Available since Linux 5.1 (32-bit masks since 5.9).
[[gnu::always_inline]] inline void prep_poll_add(Sqe& sqe, int fd, unsigned poll_mask) noexcept {
  prep_rw(sqe, op::poll_add, fd, 0, 0, 0);
  sqe.poll32_events = poll_mask;  // little-endian only: no half-word swap needed
}

/// Like prep_poll_add() but keeps reporting (each CQE has cqe_flag::more
/// while armed). Matches io_uring_prep_poll_multishot() in liburing.
/// Available since Linux 5.13.
[[gnu::always_inline]] inline void prep_poll_multishot(Sqe& sqe, int fd,
                                                       unsigned poll_mask) noexcept {
  prep_poll_add(sqe, fd, poll_mask);
  sqe.len = poll_flag::add_multi;
}

/// Removes the poll request whose user_data is `user_data`: it completes with
/// -ECANCELED, this with 0 (-ENOENT if not found). Matches
/// io_uring_prep_poll_remove() in liburing. Available since Linux 5.1.
[[gnu::always_inline]] inline void prep_poll_remove(Sqe& sqe, uint64_t user_data) noexcept {
  prep_rw(sqe, op::poll_remove, -1, user_data, 0, 0);
}

/// Changes the poll request `old_user_data`: its events to `poll_mask` and/or
/// its user_data to `new_user_data`, as poll_flag::update_* in `flags` say.
/// Matches io_uring_prep_poll_update() in liburing. Available since Linux 5.13.
[[gnu::always_inline]] inline void prep_poll_update(Sqe& sqe, uint64_t old_user_data,
                                                    uint64_t new_user_data, unsigned poll_mask,
                                                    unsigned flags) noexcept {
  prep_rw(sqe, op::poll_remove, -1, old_user_data, flags, new_user_data);
  sqe.poll32_events = poll_mask;
}

}  // namespace fring

#endif  // FRING_CORE_PREP_POLL_H
