// SPDX-License-Identifier: MIT
// Registered (fixed) buffers: pinned once, then used by index with
// READ_FIXED/WRITE_FIXED and the *_fixed prep helpers.
#ifndef FRING_CORE_REGISTER_BUFFERS_H
#define FRING_CORE_REGISTER_BUFFERS_H

#include "fring/core/ring.h"
#include "fring/core/uapi/kernel_types.h"

namespace fring {

/// Registers `nr` buffers for fixed I/O (buffer i is index i).
/// Errors: ebusy (already registered), einval (0 or too many, bad iovec),
/// enomem (RLIMIT_MEMLOCK), efault, eopnotsupp (file-backed memory on old
/// kernels). Matches io_uring_register_buffers() in liburing.
/// Available since Linux 5.1.
inline Result<void> register_buffers(Ring& ring, const Iovec* iovecs, unsigned nr) noexcept {
  FRING_TRY(ring.register_op(IORING_REGISTER_BUFFERS, iovecs, nr));
  return {};
}

/// Drops every registered buffer. Errors: enxio when none are registered.
/// Matches io_uring_unregister_buffers() in liburing. Available since Linux 5.1.
inline Result<void> unregister_buffers(Ring& ring) noexcept {
  FRING_TRY(ring.register_op(IORING_UNREGISTER_BUFFERS, nullptr, 0));
  return {};
}

}  // namespace fring

#endif  // FRING_CORE_REGISTER_BUFFERS_H
