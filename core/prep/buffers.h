// SPDX-License-Identifier: MIT
// Prep helpers for provided buffers: handing buffers to a group and taking
// them back (the legacy, per-request way; see core/buf_ring.h for rings), and
// the multishot read that picks a buffer from a group for every completion.
#ifndef FRING_CORE_PREP_BUFFERS_H
#define FRING_CORE_PREP_BUFFERS_H

#include <stdint.h>

#include "fring/core/prep/base.h"

namespace fring {

/// Hands `nr` buffers of `len` bytes each, laid end to end from `addr`, to
/// buffer group `bgid`, with ids `bid`, `bid + 1`, ... Requests flagged
/// sqe_flag::buffer_select with that group then take one each. res is 0 (or,
/// on some kernels, the number of buffers added) or -errno: -E2BIG (`nr` 0
/// or above 65536, `bid` above 65535), -EINVAL (a bad field, ids past 65535,
/// or a group that is a buffer ring), -EOVERFLOW (`len * nr` overflows),
/// -EFAULT, -ENOMEM.
/// Matches io_uring_prep_provide_buffers() in liburing. Available since Linux 5.7.
[[gnu::always_inline]] inline void prep_provide_buffers(Sqe& sqe, void* addr, int len, int nr,
                                                        uint16_t bgid, int bid) noexcept {
  prep_rw(sqe, op::provide_buffers, nr, detail::addr_of(addr), static_cast<uint32_t>(len),
          static_cast<uint64_t>(bid));
  sqe.buf_group = bgid;
}

/// Takes up to `nr` unused buffers back from group `bgid`. res is the number
/// removed, or -ENOENT when the group has no buffers, -EINVAL for a bad field
/// or a group that is a buffer ring. Matches io_uring_prep_remove_buffers()
/// in liburing. Available since Linux 5.7.
[[gnu::always_inline]] inline void prep_remove_buffers(Sqe& sqe, int nr, uint16_t bgid) noexcept {
  prep_rw(sqe, op::remove_buffers, nr, 0, 0, 0);
  sqe.buf_group = bgid;
}

/// Reads from pollable `fd` (a pipe, a tty, ...) each time data arrives, into
/// a buffer taken from group `buf_group`, until an error or an empty group
/// ends it. Every CQE carries cqe_flag::buffer and the buffer id; all but
/// the last carry cqe_flag::more. `nbytes` must be 0 (each read fills at
/// most one buffer); `offset` must be 0 or -1 on unseekable files. res is
/// the byte count, or -ENOBUFS when the group ran dry, -EBADFD for a file
/// that cannot be polled, -EINVAL for a bad field (or before Linux 6.7).
/// Sets sqe_flag::buffer_select in the SQE's flags: add others with |=.
/// Matches io_uring_prep_read_multishot() in liburing. Available since Linux 6.7.
[[gnu::always_inline]] inline void prep_read_multishot(Sqe& sqe, int fd, unsigned nbytes,
                                                       uint64_t offset,
                                                       uint16_t buf_group) noexcept {
  prep_rw(sqe, op::read_multishot, fd, 0, nbytes, offset);
  sqe.buf_group = buf_group;
  sqe.flags = sqe_flag::buffer_select;
}

}  // namespace fring

#endif  // FRING_CORE_PREP_BUFFERS_H
