// SPDX-License-Identifier: MIT
// Prep helpers for epoll: changing an interest list and waiting on it.
#ifndef FRING_CORE_PREP_EPOLL_H
#define FRING_CORE_PREP_EPOLL_H

#include <stdint.h>

#include "fring/core/prep/base.h"
#include "fring/core/uapi/kernel_ptr.h"

namespace fring {

/// Adds, modifies or removes (EPOLL_CTL_* `op`) `fd` in the interest list of
/// epoll instance `epfd` with event mask and data `*ev` (ignored by
/// EPOLL_CTL_DEL), as epoll_ctl(2); res is 0 or -errno (-EEXIST, -ENOENT,
/// -EPERM for a file that cannot be polled, -EINVAL, -ELOOP). `*ev` must stay
/// valid until submitted. Matches io_uring_prep_epoll_ctl() in liburing.
/// Available since Linux 5.6.
[[gnu::always_inline]] inline void prep_epoll_ctl(Sqe& sqe, int epfd, int fd, int op,
                                                  KernelPtr<const EpollEvent> ev) noexcept {
  prep_rw(sqe, op::epoll_ctl, epfd, detail::addr_of(ev.get()), static_cast<uint32_t>(op),
          static_cast<uint32_t>(fd));
}

/// Waits until epoll instance `fd` has ready events and stores up to
/// `maxevents` of them in `events`, as epoll_wait(2) without a timeout (cancel
/// the request to stop waiting). `flags` must be 0. res is the number of
/// events stored or -errno (-EINVAL, -EFAULT, -EBADF, -ECANCELED). Matches
/// io_uring_prep_epoll_wait() in liburing. Available since Linux 6.15.
[[gnu::always_inline]] inline void prep_epoll_wait(Sqe& sqe, int fd, KernelPtr<EpollEvent> events,
                                                   int maxevents, unsigned flags) noexcept {
  prep_rw(sqe, op::epoll_wait, fd, detail::addr_of(events.get()), static_cast<uint32_t>(maxevents),
          0);
  sqe.rw_flags = static_cast<int32_t>(flags);
}

}  // namespace fring

#endif  // FRING_CORE_PREP_EPOLL_H
