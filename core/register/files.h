// SPDX-License-Identifier: MIT
// Registered (fixed) files: a per-ring table of file references, used by
// index with IOSQE_FIXED_FILE and by the *_direct prep helpers.
#ifndef FRING_CORE_REGISTER_FILES_H
#define FRING_CORE_REGISTER_FILES_H

#include <stdint.h>

#include "fring/core/ring.h"

namespace fring {

/// Registers `nr` file descriptors (-1 leaves a slot empty) as fixed files.
/// Errors: ebusy (already registered), einval, ebadf, emfile (over
/// RLIMIT_NOFILE), enomem. Matches io_uring_register_files() in liburing.
/// Available since Linux 5.1 (sparse -1 slots since 5.5).
inline Result<void> register_files(Ring& ring, const int* files, unsigned nr) noexcept {
  FRING_TRY(ring.register_op(IORING_REGISTER_FILES, files, nr));
  return {};
}

/// Replaces `nr` fixed-file slots starting at `off` with `files` (-1 clears a
/// slot, IORING_REGISTER_FILES_SKIP leaves it). Returns the number of slots
/// updated. Errors: enxio (no table), einval, ebadf, eoverflow.
/// Matches io_uring_register_files_update() in liburing.
/// Available since Linux 5.5.
inline Result<unsigned> register_files_update(Ring& ring, unsigned off, const int* files,
                                              unsigned nr) noexcept {
  io_uring_files_update up{};
  up.offset = off;
  up.fds = reinterpret_cast<uintptr_t>(files);
  return ring.register_op(IORING_REGISTER_FILES_UPDATE, &up, nr);
}

/// Drops the fixed-file table. Errors: enxio when there is none.
/// Matches io_uring_unregister_files() in liburing. Available since Linux 5.1.
inline Result<void> unregister_files(Ring& ring) noexcept {
  FRING_TRY(ring.register_op(IORING_UNREGISTER_FILES, nullptr, 0));
  return {};
}

}  // namespace fring

#endif  // FRING_CORE_REGISTER_FILES_H
