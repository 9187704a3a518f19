// SPDX-License-Identifier: MIT
// Prep helpers for plain file I/O: read/write (plain, vectored, fixed
// buffers) and fsync.
#ifndef FRING_CORE_PREP_RW_H
#define FRING_CORE_PREP_RW_H

#include <stdint.h>

#include "fring/core/prep/base.h"
#include "fring/core/uapi/kernel_ptr.h"

namespace fring {

/// Reads up to `nbytes` from `fd` at `offset` (-1: the file position) into
/// `buf`; res is the byte count or -errno. Matches io_uring_prep_read() in
/// liburing. Available since Linux 5.6.
[[gnu::always_inline]] inline void prep_read(Sqe& sqe, int fd, void* buf, unsigned nbytes,
                                             uint64_t offset) noexcept {
  prep_rw(sqe, op::read, fd, detail::addr_of(buf), nbytes, offset);
}

/// Writes `nbytes` of `buf` to `fd` at `offset` (-1: the file position); res is
/// the byte count or -errno. Matches io_uring_prep_write() in liburing.
/// Available since Linux 5.6.
[[gnu::always_inline]] inline void prep_write(Sqe& sqe, int fd, const void* buf, unsigned nbytes,
                                              uint64_t offset) noexcept {
  prep_rw(sqe, op::write, fd, detail::addr_of(buf), nbytes, offset);
}

/// Reads into `nr_vecs` buffers from `fd` at `offset` (preadv). The iovecs
/// must stay valid until the SQE is submitted (until completion before
/// Linux 5.5, without feat::submit_stable). Matches
/// io_uring_prep_readv() in liburing. Available since Linux 5.1.
[[gnu::always_inline]] inline void prep_readv(Sqe& sqe, int fd, KernelPtr<const Iovec> iovecs,
                                              unsigned nr_vecs, uint64_t offset) noexcept {
  prep_rw(sqe, op::readv, fd, detail::addr_of(iovecs.get()), nr_vecs, offset);
}

/// prep_readv() with preadv2 RWF_* `flags`. Matches io_uring_prep_readv2() in
/// liburing. Available since Linux 5.1.
[[gnu::always_inline]] inline void prep_readv2(Sqe& sqe, int fd, KernelPtr<const Iovec> iovecs,
                                               unsigned nr_vecs, uint64_t offset,
                                               int flags) noexcept {
  prep_readv(sqe, fd, iovecs, nr_vecs, offset);
  sqe.rw_flags = flags;
}

/// Writes `nr_vecs` buffers to `fd` at `offset` (pwritev). Matches
/// io_uring_prep_writev() in liburing. Available since Linux 5.1.
[[gnu::always_inline]] inline void prep_writev(Sqe& sqe, int fd, KernelPtr<const Iovec> iovecs,
                                               unsigned nr_vecs, uint64_t offset) noexcept {
  prep_rw(sqe, op::writev, fd, detail::addr_of(iovecs.get()), nr_vecs, offset);
}

/// prep_writev() with pwritev2 RWF_* `flags`. Matches io_uring_prep_writev2()
/// in liburing. Available since Linux 5.1.
[[gnu::always_inline]] inline void prep_writev2(Sqe& sqe, int fd, KernelPtr<const Iovec> iovecs,
                                                unsigned nr_vecs, uint64_t offset,
                                                int flags) noexcept {
  prep_writev(sqe, fd, iovecs, nr_vecs, offset);
  sqe.rw_flags = flags;
}

/// Reads into registered buffer `buf_index` (`buf` must lie inside it).
/// Errors in res: efault when `buf` is outside the buffer, einval for a bad
/// index. Matches io_uring_prep_read_fixed() in liburing. Available since Linux 5.1.
[[gnu::always_inline]] inline void prep_read_fixed(Sqe& sqe, int fd, void* buf, unsigned nbytes,
                                                   uint64_t offset, int buf_index) noexcept {
  prep_rw(sqe, op::read_fixed, fd, detail::addr_of(buf), nbytes, offset);
  sqe.buf_index = static_cast<uint16_t>(buf_index);
}

/// Writes from registered buffer `buf_index` (`buf` must lie inside it).
/// Matches io_uring_prep_write_fixed() in liburing. Available since Linux 5.1.
[[gnu::always_inline]] inline void prep_write_fixed(Sqe& sqe, int fd, const void* buf,
                                                    unsigned nbytes, uint64_t offset,
                                                    int buf_index) noexcept {
  prep_rw(sqe, op::write_fixed, fd, detail::addr_of(buf), nbytes, offset);
  sqe.buf_index = static_cast<uint16_t>(buf_index);
}

/// prep_readv2() into registered buffer `buf_index`: every iovec must lie
/// inside that buffer. res is the byte count or -errno (-EFAULT when an iovec
/// is outside the buffer, -EINVAL for a bad index). Matches
/// io_uring_prep_readv_fixed() in liburing. Available since Linux 6.15.
[[gnu::always_inline]] inline void prep_readv_fixed(Sqe& sqe, int fd, KernelPtr<const Iovec> iovecs,
                                                    unsigned nr_vecs, uint64_t offset, int flags,
                                                    int buf_index) noexcept {
  prep_rw(sqe, op::readv_fixed, fd, detail::addr_of(iovecs.get()), nr_vecs, offset);
  sqe.rw_flags = flags;
  sqe.buf_index = static_cast<uint16_t>(buf_index);
}

/// prep_writev2() from registered buffer `buf_index`: every iovec must lie
/// inside that buffer. res is the byte count or -errno (as
/// prep_readv_fixed()). Matches io_uring_prep_writev_fixed() in liburing.
/// Available since Linux 6.15.
[[gnu::always_inline]] inline void prep_writev_fixed(Sqe& sqe, int fd,
                                                     KernelPtr<const Iovec> iovecs,
                                                     unsigned nr_vecs, uint64_t offset, int flags,
                                                     int buf_index) noexcept {
  prep_rw(sqe, op::writev_fixed, fd, detail::addr_of(iovecs.get()), nr_vecs, offset);
  sqe.rw_flags = flags;
  sqe.buf_index = static_cast<uint16_t>(buf_index);
}

/// Flushes `fd` to storage; fsync_flag::datasync in `fsync_flags` makes it
/// fdatasync. Matches io_uring_prep_fsync() in liburing. Available since Linux 5.1.
[[gnu::always_inline]] inline void prep_fsync(Sqe& sqe, int fd, unsigned fsync_flags) noexcept {
  prep_rw(sqe, op::fsync, fd, 0, 0, 0);
  sqe.fsync_flags = fsync_flags;
}

}  // namespace fring

#endif  // FRING_CORE_PREP_RW_H
