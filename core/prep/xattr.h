// SPDX-License-Identifier: MIT
// Prep helpers for extended attributes, on an open file or by path.
#ifndef FRING_CORE_PREP_XATTR_H
#define FRING_CORE_PREP_XATTR_H

#include <stdint.h>

#include "fring/core/prep/base.h"

namespace fring {

/// Sets extended attribute `name` ("user.x", "trusted.x"...) of open file `fd`
/// to the `len` bytes at `value`, with XATTR_CREATE or XATTR_REPLACE in
/// `flags` (0: either), as fsetxattr(2); res is 0 or -errno (-EEXIST with
/// XATTR_CREATE, -ENODATA with XATTR_REPLACE, -EOPNOTSUPP when the file
/// system has no such namespace, -EPERM, -ERANGE, -E2BIG). Matches
/// io_uring_prep_fsetxattr() in liburing. Available since Linux 5.19.
[[gnu::always_inline]] inline void prep_fsetxattr(Sqe& sqe, int fd, const char* name,
                                                  const char* value, int flags,
                                                  unsigned len) noexcept {
  prep_rw(sqe, op::fsetxattr, fd, detail::addr_of(name), len, detail::addr_of(value));
  sqe.xattr_flags = static_cast<uint32_t>(flags);
}

/// prep_fsetxattr() on the file at `path` (following symlinks), as
/// setxattr(2); res as prep_fsetxattr(), plus path errors such as -ENOENT.
/// Matches io_uring_prep_setxattr() in liburing. Available since Linux 5.19.
[[gnu::always_inline]] inline void prep_setxattr(Sqe& sqe, const char* name, const char* value,
                                                 const char* path, int flags,
                                                 unsigned len) noexcept {
  prep_rw(sqe, op::setxattr, 0, detail::addr_of(name), len, detail::addr_of(value));
  sqe.addr3 = detail::addr_of(path);
  sqe.xattr_flags = static_cast<uint32_t>(flags);
}

/// Reads extended attribute `name` of open file `fd` into the `len` bytes at
/// `value` (len 0: only its size), as fgetxattr(2); res is the value's size or
/// -errno (-ENODATA when absent, -ERANGE when `len` is too small,
/// -EOPNOTSUPP). Matches io_uring_prep_fgetxattr() in liburing.
/// Available since Linux 5.19.
[[gnu::always_inline]] inline void prep_fgetxattr(Sqe& sqe, int fd, const char* name, char* value,
                                                  unsigned len) noexcept {
  prep_rw(sqe, op::fgetxattr, fd, detail::addr_of(name), len, detail::addr_of(value));
}

/// prep_fgetxattr() on the file at `path` (following symlinks), as
/// getxattr(2); res as prep_fgetxattr(), plus path errors such as -ENOENT.
/// Matches io_uring_prep_getxattr() in liburing. Available since Linux 5.19.
[[gnu::always_inline]] inline void prep_getxattr(Sqe& sqe, const char* name, char* value,
                                                 const char* path, unsigned len) noexcept {
  prep_rw(sqe, op::getxattr, 0, detail::addr_of(name), len, detail::addr_of(value));
  sqe.addr3 = detail::addr_of(path);
}

}  // namespace fring

#endif  // FRING_CORE_PREP_XATTR_H
