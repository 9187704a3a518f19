// SPDX-License-Identifier: MIT
// Prep helpers for file-system operations: openat2 and open, statx,
// fallocate, ftruncate, fadvise/madvise, sync_file_range, and the directory
// operations (rename, unlink, mkdir, symlink, link) in their *at and
// current-directory forms.
#ifndef FRING_CORE_PREP_FS_H
#define FRING_CORE_PREP_FS_H

#include <stdint.h>

#include "fring/core/prep/base.h"
#include "fring/core/prep/file.h"
#include "fring/core/prep/files.h"
#include "fring/core/uapi/fs.h"
#include "fring/core/uapi/kernel_ptr.h"

namespace fring {

/// Opens `path` relative to `dfd` as openat2(2) does with `*how` (flags, mode
/// and RESOLVE_* restrictions); res is the new fd, or -errno such as -ENOENT,
/// -EXDEV or -ELOOP (a RESOLVE_* rule refused the path), -EAGAIN
/// (RESOLVE_CACHED could not be met), -E2BIG, -EINVAL. `*how` must stay valid
/// until submitted. Matches io_uring_prep_openat2() in liburing.
/// Available since Linux 5.6.
[[gnu::always_inline]] inline void prep_openat2(Sqe& sqe, int dfd, const char* path,
                                                KernelPtr<const OpenHow> how) noexcept {
  prep_rw(sqe, op::openat2, dfd, detail::addr_of(path), sizeof(OpenHow),
          detail::addr_of(how.get()));
}

/// prep_openat2() into fixed-file slot `file_index` (file_index_alloc:
/// any free slot) instead of a normal fd; res is 0, or the slot picked with
/// ALLOC. Extra errors in res: -ENXIO (no fixed-file table), -EINVAL (slot
/// out of range, or O_CLOEXEC in the flags), -ENFILE (no free slot).
/// Matches io_uring_prep_openat2_direct() in liburing. Available since
/// Linux 5.15 (file_index_alloc since 5.19).
[[gnu::always_inline]] inline void prep_openat2_direct(Sqe& sqe, int dfd, const char* path,
                                                       KernelPtr<const OpenHow> how,
                                                       unsigned file_index) noexcept {
  prep_openat2(sqe, dfd, path, how);
  sqe.file_index = detail::target_slot(file_index);
}

/// prep_openat() relative to the current directory. Matches
/// io_uring_prep_open() in liburing. Available since Linux 5.6.
[[gnu::always_inline]] inline void prep_open(Sqe& sqe, const char* path, int flags,
                                             unsigned mode) noexcept {
  prep_openat(sqe, at::fdcwd, path, flags, mode);
}

/// prep_openat_direct() relative to the current directory. Matches
/// io_uring_prep_open_direct() in liburing. Available since Linux 5.15
/// (file_index_alloc since 5.19).
[[gnu::always_inline]] inline void prep_open_direct(Sqe& sqe, const char* path, int flags,
                                                    unsigned mode, unsigned file_index) noexcept {
  prep_openat_direct(sqe, at::fdcwd, path, flags, mode, file_index);
}

/// Fills `*statxbuf` with the STATX_* fields in `mask` for `path` relative to
/// `dfd` (AT_* `flags`, e.g. AT_EMPTY_PATH with "" for `dfd` itself), as
/// statx(2); res is 0 or -errno (-ENOENT, -EFAULT, -EINVAL...). Matches
/// io_uring_prep_statx() in liburing. Available since Linux 5.6.
[[gnu::always_inline]] inline void prep_statx(Sqe& sqe, int dfd, const char* path, int flags,
                                              unsigned mask, KernelPtr<Statx> statxbuf) noexcept {
  prep_rw(sqe, op::statx, dfd, detail::addr_of(path), mask, detail::addr_of(statxbuf.get()));
  sqe.statx_flags = static_cast<uint32_t>(flags);
}

/// Allocates (or, with FALLOC_FL_* `mode`, punches or zeroes) `len` bytes of
/// `fd` at `offset`, as fallocate(2); res is 0 or -errno (-EOPNOTSUPP when the
/// file system cannot, -ENOSPC, -EBADF, -EINVAL). Matches
/// io_uring_prep_fallocate() in liburing. Available since Linux 5.6.
[[gnu::always_inline]] inline void prep_fallocate(Sqe& sqe, int fd, int mode, uint64_t offset,
                                                  uint64_t len) noexcept {
  prep_rw(sqe, op::fallocate, fd, len, static_cast<uint32_t>(mode), offset);
}

/// Sets the size of `fd` to `len`, as ftruncate(2); res is 0 or -errno
/// (-EINVAL for a negative size or a file not open for writing, -EBADF).
/// Matches io_uring_prep_ftruncate() in liburing. Available since Linux 6.9.
[[gnu::always_inline]] inline void prep_ftruncate(Sqe& sqe, int fd, int64_t len) noexcept {
  prep_rw(sqe, op::ftruncate, fd, 0, 0, static_cast<uint64_t>(len));
}

/// Gives POSIX_FADV_* `advice` about `len` bytes of `fd` at `offset` (0: to the
/// end), as posix_fadvise(2); res is 0 or -errno (-EINVAL for bad advice,
/// -ESPIPE on a pipe). Matches io_uring_prep_fadvise() in liburing.
/// Available since Linux 5.6.
[[gnu::always_inline]] inline void prep_fadvise(Sqe& sqe, int fd, uint64_t offset, uint32_t len,
                                                int advice) noexcept {
  prep_rw(sqe, op::fadvise, fd, 0, len, offset);
  sqe.fadvise_advice = static_cast<uint32_t>(advice);
}

/// prep_fadvise() with a 64-bit `len` (carried in sqe->addr). Kernels before
/// 6.11 fail it with -EINVAL in res. Matches io_uring_prep_fadvise64() in
/// liburing. Available since Linux 6.11.
[[gnu::always_inline]] inline void prep_fadvise64(Sqe& sqe, int fd, uint64_t offset, int64_t len,
                                                  int advice) noexcept {
  prep_rw(sqe, op::fadvise, fd, static_cast<uint64_t>(len), 0, offset);
  sqe.fadvise_advice = static_cast<uint32_t>(advice);
}

/// Gives MADV_* `advice` about `length` bytes of memory at `addr`, as
/// madvise(2); res is 0 or -errno (-EINVAL for bad advice or an unaligned
/// address, -ENOMEM for unmapped memory). Matches io_uring_prep_madvise() in
/// liburing. Available since Linux 5.6.
[[gnu::always_inline]] inline void prep_madvise(Sqe& sqe, void* addr, uint32_t length,
                                                int advice) noexcept {
  prep_rw(sqe, op::madvise, -1, detail::addr_of(addr), length, 0);
  sqe.fadvise_advice = static_cast<uint32_t>(advice);
}

/// prep_madvise() with a 64-bit `length` (carried in sqe->off). Kernels before
/// 6.11 fail it with -EINVAL in res. Matches io_uring_prep_madvise64() in
/// liburing. Available since Linux 6.11.
[[gnu::always_inline]] inline void prep_madvise64(Sqe& sqe, void* addr, int64_t length,
                                                  int advice) noexcept {
  prep_rw(sqe, op::madvise, -1, detail::addr_of(addr), 0, static_cast<uint64_t>(length));
  sqe.fadvise_advice = static_cast<uint32_t>(advice);
}

/// Starts and/or waits for write-back of `len` bytes of `fd` at `offset` (0:
/// to the end), with SYNC_FILE_RANGE_* `flags`, as sync_file_range(2); res is
/// 0 or -errno (-EINVAL for bad flags, -ESPIPE on a pipe, -EIO). Matches
/// io_uring_prep_sync_file_range() in liburing. Available since Linux 5.2.
[[gnu::always_inline]] inline void prep_sync_file_range(Sqe& sqe, int fd, unsigned len,
                                                        uint64_t offset, int flags) noexcept {
  prep_rw(sqe, op::sync_file_range, fd, 0, len, offset);
  sqe.sync_range_flags = static_cast<uint32_t>(flags);
}

/// Renames `oldpath` (relative to `olddfd`) to `newpath` (relative to
/// `newdfd`) with RENAME_* `flags`, as renameat2(2); res is 0 or -errno
/// (-ENOENT, -EEXIST with RENAME_NOREPLACE, -EXDEV across mounts...). Matches
/// io_uring_prep_renameat() in liburing. Available since Linux 5.11.
[[gnu::always_inline]] inline void prep_renameat(Sqe& sqe, int olddfd, const char* oldpath,
                                                 int newdfd, const char* newpath,
                                                 unsigned flags) noexcept {
  prep_rw(sqe, op::renameat, olddfd, detail::addr_of(oldpath), static_cast<uint32_t>(newdfd),
          detail::addr_of(newpath));
  sqe.rename_flags = flags;
}

/// prep_renameat() relative to the current directory, without flags. Matches
/// io_uring_prep_rename() in liburing. Available since Linux 5.11.
[[gnu::always_inline]] inline void prep_rename(Sqe& sqe, const char* oldpath,
                                               const char* newpath) noexcept {
  prep_renameat(sqe, at::fdcwd, oldpath, at::fdcwd, newpath, 0);
}

/// Removes `path` relative to `dfd`: a file, or with AT_REMOVEDIR in `flags`
/// an empty directory, as unlinkat(2); res is 0 or -errno (-ENOENT, -EISDIR,
/// -ENOTEMPTY...). Matches io_uring_prep_unlinkat() in liburing.
/// Available since Linux 5.11.
[[gnu::always_inline]] inline void prep_unlinkat(Sqe& sqe, int dfd, const char* path,
                                                 int flags) noexcept {
  prep_rw(sqe, op::unlinkat, dfd, detail::addr_of(path), 0, 0);
  sqe.unlink_flags = static_cast<uint32_t>(flags);
}

/// prep_unlinkat() relative to the current directory. Matches
/// io_uring_prep_unlink() in liburing. Available since Linux 5.11.
[[gnu::always_inline]] inline void prep_unlink(Sqe& sqe, const char* path, int flags) noexcept {
  prep_unlinkat(sqe, at::fdcwd, path, flags);
}

/// Creates directory `path` relative to `dfd` with `mode` (less the umask),
/// as mkdirat(2); res is 0 or -errno (-EEXIST, -ENOENT...). Matches
/// io_uring_prep_mkdirat() in liburing. Available since Linux 5.15.
[[gnu::always_inline]] inline void prep_mkdirat(Sqe& sqe, int dfd, const char* path,
                                                unsigned mode) noexcept {
  prep_rw(sqe, op::mkdirat, dfd, detail::addr_of(path), mode, 0);
}

/// prep_mkdirat() relative to the current directory. Matches
/// io_uring_prep_mkdir() in liburing. Available since Linux 5.15.
[[gnu::always_inline]] inline void prep_mkdir(Sqe& sqe, const char* path, unsigned mode) noexcept {
  prep_mkdirat(sqe, at::fdcwd, path, mode);
}

/// Creates symbolic link `linkpath` (relative to `newdirfd`) pointing to
/// `target`, as symlinkat(2); res is 0 or -errno (-EEXIST, -ENOENT...).
/// Matches io_uring_prep_symlinkat() in liburing. Available since Linux 5.15.
[[gnu::always_inline]] inline void prep_symlinkat(Sqe& sqe, const char* target, int newdirfd,
                                                  const char* linkpath) noexcept {
  prep_rw(sqe, op::symlinkat, newdirfd, detail::addr_of(target), 0, detail::addr_of(linkpath));
}

/// prep_symlinkat() relative to the current directory. Matches
/// io_uring_prep_symlink() in liburing. Available since Linux 5.15.
[[gnu::always_inline]] inline void prep_symlink(Sqe& sqe, const char* target,
                                                const char* linkpath) noexcept {
  prep_symlinkat(sqe, target, at::fdcwd, linkpath);
}

/// Creates hard link `newpath` (relative to `newdfd`) to `oldpath` (relative
/// to `olddfd`; AT_SYMLINK_FOLLOW in `flags` follows a symlink), as
/// linkat(2); res is 0 or -errno (-EEXIST, -ENOENT, -EXDEV, -EPERM on a
/// directory). Matches io_uring_prep_linkat() in liburing.
/// Available since Linux 5.15.
[[gnu::always_inline]] inline void prep_linkat(Sqe& sqe, int olddfd, const char* oldpath,
                                               int newdfd, const char* newpath,
                                               int flags) noexcept {
  prep_rw(sqe, op::linkat, olddfd, detail::addr_of(oldpath), static_cast<uint32_t>(newdfd),
          detail::addr_of(newpath));
  sqe.hardlink_flags = static_cast<uint32_t>(flags);
}

/// prep_linkat() relative to the current directory. Matches
/// io_uring_prep_link() in liburing. Available since Linux 5.15.
[[gnu::always_inline]] inline void prep_link(Sqe& sqe, const char* oldpath, const char* newpath,
                                             int flags) noexcept {
  prep_linkat(sqe, at::fdcwd, oldpath, at::fdcwd, newpath, flags);
}

}  // namespace fring

#endif  // FRING_CORE_PREP_FS_H
