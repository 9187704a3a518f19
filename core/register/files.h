// SPDX-License-Identifier: MIT
// Registered (fixed) files: a per-ring table of file references, used by
// index with sqe_flag::fixed_file and by the *_direct prep helpers. The table can
// start sparse, carry tags that come back as CQEs when a file is released,
// and reserve a range for file_index_alloc.
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
  FRING_TRY(ring.register_op(reg_op::files, files, nr));
  return {};
}

/// Registers `nr` files like register_files(), each with a tag: when slot i's
/// file is later replaced (or, since Linux 6.13, unregistered) and no
/// request uses it any more, the kernel posts a CQE with user_data tags[i]
/// and res 0. A tag of 0 posts
/// nothing; `tags` may be null. An empty (-1) slot must have tag 0. Errors:
/// as register_files(), plus einval for a tag on an empty slot. Unlike
/// liburing, never raises RLIMIT_NOFILE on emfile. Matches
/// io_uring_register_files_tags() in liburing.
/// Available since Linux 5.13 (reg_op::files2).
inline Result<void> register_files_tags(Ring& ring, const int* files, const uint64_t* tags,
                                        unsigned nr) noexcept {
  RsrcRegister reg{};
  reg.nr = nr;
  reg.data = reinterpret_cast<uintptr_t>(files);
  reg.tags = reinterpret_cast<uintptr_t>(tags);
  FRING_TRY(ring.register_op(reg_op::files2, &reg, sizeof(reg)));
  return {};
}

/// Registers a table of `nr` empty file slots, to be filled by
/// register_files_update_tag(), by direct opens (prep_openat_direct) or by
/// file_index_alloc. Errors: ebusy (a table exists), einval (0 slots,
/// or a kernel before 5.19), emfile (over RLIMIT_NOFILE; liburing raises the
/// limit and retries, fring does not), enomem. Matches
/// io_uring_register_files_sparse() in liburing.
/// Available since Linux 5.19 (rsrc_flag::register_sparse).
inline Result<void> register_files_sparse(Ring& ring, unsigned nr) noexcept {
  RsrcRegister reg{};
  reg.nr = nr;
  reg.flags = rsrc_flag::register_sparse;
  FRING_TRY(ring.register_op(reg_op::files2, &reg, sizeof(reg)));
  return {};
}

/// Replaces `nr` fixed-file slots starting at `off` with `files` (-1 clears a
/// slot, reg_op::files_skip leaves it). Returns the number of slots
/// updated. Errors: enxio (no table), einval, ebadf, eoverflow.
/// Matches io_uring_register_files_update() in liburing.
/// Available since Linux 5.5.
inline Result<unsigned> register_files_update(Ring& ring, unsigned off, const int* files,
                                              unsigned nr) noexcept {
  FilesUpdate up{};
  up.offset = off;
  up.fds = reinterpret_cast<uintptr_t>(files);
  return ring.register_op(reg_op::files_update, &up, nr);
}

/// register_files_update() that also tags the new files with `tags` (may be
/// null); the replaced files' tags, if any, come back as CQEs once released.
/// Returns the number of slots updated. Errors: as register_files_update(),
/// plus einval for a tag on a -1 or SKIP slot. Matches
/// io_uring_register_files_update_tag() in liburing.
/// Available since Linux 5.13 (reg_op::files_update2).
inline Result<unsigned> register_files_update_tag(Ring& ring, unsigned off, const int* files,
                                                  const uint64_t* tags, unsigned nr) noexcept {
  RsrcUpdate2 up{};
  up.offset = off;
  up.data = reinterpret_cast<uintptr_t>(files);
  up.tags = reinterpret_cast<uintptr_t>(tags);
  up.nr = nr;
  return ring.register_op(reg_op::files_update2, &up, sizeof(up));
}

/// Restricts file_index_alloc (direct opens, accepts and sockets that
/// let the kernel pick a slot) to slots `off` .. `off + len - 1` of the
/// fixed-file table. Errors: einval (range ends past the table, or no
/// table), eoverflow (`off + len` wraps). Matches
/// io_uring_register_file_alloc_range() in liburing. Available since Linux 6.0.
inline Result<void> register_file_alloc_range(Ring& ring, unsigned off, unsigned len) noexcept {
  FileIndexRange range{};
  range.off = off;
  range.len = len;
  FRING_TRY(ring.register_op(reg_op::file_alloc_range, &range, 0));
  return {};
}

/// Drops the fixed-file table. Errors: enxio when there is none.
/// Matches io_uring_unregister_files() in liburing. Available since Linux 5.1.
inline Result<void> unregister_files(Ring& ring) noexcept {
  FRING_TRY(ring.register_op(reg_op::unregister_files, nullptr, 0));
  return {};
}

}  // namespace fring

#endif  // FRING_CORE_REGISTER_FILES_H
