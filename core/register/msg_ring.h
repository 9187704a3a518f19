// SPDX-License-Identifier: MIT
// Posting a CQE into a ring without having a ring of one's own.
#ifndef FRING_CORE_REGISTER_MSG_RING_H
#define FRING_CORE_REGISTER_MSG_RING_H

#include "fring/core/result.h"
#include "fring/core/uapi/io_uring.h"
#include "fring/syscall/syscall.h"

namespace fring {

/// Runs the op::msg_ring request `sqe` synchronously, with no source
/// ring (io_uring_register with fd -1): posts a CQE in the ring whose fd is
/// `sqe.fd`, with user_data `sqe.off` and res `sqe.len` (and, with
/// msg_ring_flag::flags_pass, flags `sqe.file_index`). Only msg_ring_cmd::data
/// can be sent, and `sqe.flags` must be 0. Errors: einval (another opcode or
/// command, SQE flags, bad msg_ring_flags), ebadf (`sqe.fd` is not open),
/// ebadfd (`sqe.fd` is not a ring, or a disabled one), eoverflow (the target
/// CQ is full and cannot overflow). Matches io_uring_register_sync_msg() in
/// liburing. Available since Linux 6.13.
inline Result<void> register_sync_msg(const Sqe& sqe) noexcept {
  return status_from(sys::uring_register(-1, reg_op::send_msg_ring, &sqe, 1));
}

}  // namespace fring

#endif  // FRING_CORE_REGISTER_MSG_RING_H
