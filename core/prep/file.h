// SPDX-License-Identifier: MIT
// Prep helpers that open and close files, plainly or as direct descriptors.
#ifndef FRING_CORE_PREP_FILE_H
#define FRING_CORE_PREP_FILE_H

#include <stdint.h>

#include "fring/core/prep/base.h"

namespace fring {

/// Opens `path` relative to `dfd` (openat(2) `flags` and `mode`); res is the
/// new fd. Matches io_uring_prep_openat() in liburing. Available since Linux 5.6.
[[gnu::always_inline]] inline void prep_openat(Sqe& sqe, int dfd, const char* path, int flags,
                                               unsigned mode) noexcept {
  prep_rw(sqe, op::openat, dfd, detail::addr_of(path), mode, 0);
  sqe.open_flags = static_cast<uint32_t>(flags);
}

/// prep_openat() into fixed-file slot `file_index` (file_index_alloc:
/// any free slot, returned in res) instead of a normal fd.
/// Matches io_uring_prep_openat_direct() in liburing. Available since Linux 5.15
/// (file_index_alloc since 5.19).
[[gnu::always_inline]] inline void prep_openat_direct(Sqe& sqe, int dfd, const char* path,
                                                      int flags, unsigned mode,
                                                      unsigned file_index) noexcept {
  prep_openat(sqe, dfd, path, flags, mode);
  sqe.file_index = detail::target_slot(file_index);
}

/// Closes `fd`. Matches io_uring_prep_close() in liburing. Available since Linux 5.6.
[[gnu::always_inline]] inline void prep_close(Sqe& sqe, int fd) noexcept {
  prep_rw(sqe, op::close, fd, 0, 0, 0);
}

/// Empties fixed-file slot `file_index`. Matches io_uring_prep_close_direct()
/// in liburing. Available since Linux 5.15.
[[gnu::always_inline]] inline void prep_close_direct(Sqe& sqe, unsigned file_index) noexcept {
  prep_close(sqe, 0);
  sqe.file_index = detail::target_slot(file_index);
}

}  // namespace fring

#endif  // FRING_CORE_PREP_FILE_H
