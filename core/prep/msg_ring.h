// SPDX-License-Identifier: MIT
// Prep helpers that post to another ring: a completion carrying data, or a
// fixed file handed over to its table.
#ifndef FRING_CORE_PREP_MSG_RING_H
#define FRING_CORE_PREP_MSG_RING_H

#include <stdint.h>

#include "fring/core/prep/base.h"
#include "fring/core/prep/files.h"

namespace fring {

/// Posts a CQE to the ring whose fd is `fd` (a registered file index with
/// sqe_flag::fixed_file): its res is `len`, its user_data `data` and its flags 0.
/// `flags` must be 0 (prep_msg_ring_cqe_flags() sets the one flag a data
/// message takes). res here is 0 or -errno (-EBADFD when `fd` is not a ring
/// or the ring is disabled, -EOVERFLOW when its CQ could not take the CQE,
/// -EINVAL for any flag). Matches io_uring_prep_msg_ring() in liburing.
/// Available since Linux 5.18.
[[gnu::always_inline]] inline void prep_msg_ring(Sqe& sqe, int fd, unsigned len, uint64_t data,
                                                 unsigned flags) noexcept {
  prep_rw(sqe, op::msg_ring, fd, msg_ring_cmd::data, len, data);
  sqe.msg_ring_flags = flags;
}

/// prep_msg_ring() that also sets the target CQE's flags to `cqe_flags`
/// (msg_ring_flag::flags_pass). Kernels before 6.3 fail it with -EINVAL in
/// res. Matches io_uring_prep_msg_ring_cqe_flags() in liburing.
/// Available since Linux 6.3.
[[gnu::always_inline]] inline void prep_msg_ring_cqe_flags(Sqe& sqe, int fd, unsigned len,
                                                           uint64_t data, unsigned flags,
                                                           unsigned cqe_flags) noexcept {
  prep_msg_ring(sqe, fd, len, data, flags | msg_ring_flag::flags_pass);
  sqe.file_index = cqe_flags;
}

/// Installs this ring's fixed file `source_fd` (a slot index) into slot
/// `target_fd` of the ring whose fd is `fd` (file_index_alloc: any
/// free slot), and posts a CQE there with user_data `data` and res 0, or the
/// slot picked with ALLOC (msg_ring_flag::cqe_skip in `flags`: no CQE).
/// res here is the same 0 or slot, or -errno (-EBADF when `source_fd` is
/// empty, -EBADFD, -ENXIO when the target has no table, -ENFILE when it is
/// full, -EINVAL when `fd` is this ring, -EOVERFLOW). Matches
/// io_uring_prep_msg_ring_fd() in liburing, which takes `target_fd` as an
/// int. Available since Linux 6.0.
[[gnu::always_inline]] inline void prep_msg_ring_fd(Sqe& sqe, int fd, int source_fd,
                                                    unsigned target_fd, uint64_t data,
                                                    unsigned flags) noexcept {
  prep_rw(sqe, op::msg_ring, fd, msg_ring_cmd::send_fd, 0, data);
  sqe.addr3 = static_cast<uint32_t>(source_fd);
  sqe.file_index = detail::target_slot(target_fd);
  sqe.msg_ring_flags = flags;
}

/// prep_msg_ring_fd() into any free slot of the target ring; res, here and in
/// the target CQE, is the slot picked. Matches
/// io_uring_prep_msg_ring_fd_alloc() in liburing. Available since Linux 6.0.
[[gnu::always_inline]] inline void prep_msg_ring_fd_alloc(Sqe& sqe, int fd, int source_fd,
                                                          uint64_t data, unsigned flags) noexcept {
  prep_msg_ring_fd(sqe, fd, source_fd, file_index_alloc, data, flags);
}

}  // namespace fring

#endif  // FRING_CORE_PREP_MSG_RING_H
