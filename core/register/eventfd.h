// SPDX-License-Identifier: MIT
// An eventfd the kernel signals when it posts CQEs, so a ring can be waited
// on with poll/epoll or from another event loop.
#ifndef FRING_CORE_REGISTER_EVENTFD_H
#define FRING_CORE_REGISTER_EVENTFD_H

#include "fring/core/ring.h"

namespace fring {

/// Makes the kernel signal eventfd `fd` whenever it posts CQEs to `ring`.
/// Errors: ebusy (an eventfd is already registered), ebadf / einval (`fd`
/// is not an eventfd), enomem. Matches io_uring_register_eventfd() in
/// liburing. Available since Linux 5.1.
inline Result<void> register_eventfd(Ring& ring, int fd) noexcept {
  FRING_TRY(ring.register_op(reg_op::eventfd, &fd, 1));
  return {};
}

/// Like register_eventfd(), but the kernel signals `fd` only for requests
/// that complete asynchronously (in an io-wq worker), not for those that
/// complete inline during submission. Errors: as register_eventfd().
/// Matches io_uring_register_eventfd_async() in liburing.
/// Available since Linux 5.6.
inline Result<void> register_eventfd_async(Ring& ring, int fd) noexcept {
  FRING_TRY(ring.register_op(reg_op::eventfd_async, &fd, 1));
  return {};
}

/// Stops signalling the registered eventfd (the fd itself stays open).
/// Errors: enxio when none is registered. Matches
/// io_uring_unregister_eventfd() in liburing. Available since Linux 5.1.
inline Result<void> unregister_eventfd(Ring& ring) noexcept {
  FRING_TRY(ring.register_op(reg_op::unregister_eventfd, nullptr, 0));
  return {};
}

}  // namespace fring

#endif  // FRING_CORE_REGISTER_EVENTFD_H
