// SPDX-License-Identifier: MIT
// Prep helpers for op::uring_cmd, the pass-through to a file's own
// command handler: the generic form (64- and 128-byte SQEs), the socket
// commands (SOCKET_URING_OP_*: queue sizes, socket options, local and peer
// names) and the block-device commands (discard, zone reset).
#ifndef FRING_CORE_PREP_CMD_H
#define FRING_CORE_PREP_CMD_H

#include <stdint.h>

#include "fring/core/prep/base.h"
#include "fring/core/uapi/kernel_ptr.h"

namespace fring {

// Block-device command numbers (linux/blkdev.h: _IO(0x12, n)). Lower case
// because that header defines the upper-case names as macros.
inline constexpr uint32_t block_uring_cmd_discard = 0x1200;
inline constexpr uint32_t block_uring_cmd_zone_reset_all = 0x1201;

/// Sends command `cmd_op` to the driver behind `fd`; the command's own data
/// goes in the command area (sqe_cmd(): 16 bytes, zeroed here; 80 on an
/// setup::sqe128 ring, whose bytes 64..127 keep what they held until
/// you fill them). res is the driver's answer; -EOPNOTSUPP when the file has
/// no command handler, and for a `cmd_op` the driver does not know
/// (-EINVAL from block devices). Matches io_uring_prep_uring_cmd() in
/// liburing. Available since Linux 5.19 (sockets since 6.7).
[[gnu::always_inline]] inline void prep_uring_cmd(Sqe& sqe, uint32_t cmd_op, int fd) noexcept {
  prep_rw(sqe, op::uring_cmd, fd, 0, 0, 0);
  sqe.cmd_op = cmd_op;
}

/// prep_uring_cmd() as op::uring_cmd128, which carries an 80-byte
/// command area: `sqe` must be a 128-byte SQE (from an setup::sqe128
/// ring, or a double slot of an setup::sqe_mixed ring). Unlike the other
/// helpers it writes all 128 bytes, zeroing the command area. res: as
/// prep_uring_cmd(); -EINVAL on a ring with 64-byte SQEs only.
/// Matches io_uring_prep_uring_cmd128() in liburing (which leaves the command
/// area as it was). Available since Linux 6.19.
[[gnu::always_inline]] inline void prep_uring_cmd128(Sqe& sqe, uint32_t cmd_op, int fd) noexcept {
  prep_uring_cmd(sqe, cmd_op, fd);
  sqe.opcode = op::uring_cmd128;
  // Bytes 64..127, the second half of the big SQE, written as bytes: they
  // are no object of ours, and byte stores may alias anything.
  uint8_t* tail = reinterpret_cast<uint8_t*>(&sqe) + sizeof(Sqe);
  for (unsigned i = 0; i < sizeof(Sqe); ++i) tail[i] = 0;
}

/// A socket command on socket `fd`: `cmd_op` is socket_cmd::siocinq (res:
/// bytes waiting to be read), SIOCOUTQ (res: bytes not yet sent),
/// GETSOCKOPT (SOL_SOCKET `level` only; `optval` receives up to `optlen`
/// bytes, res is the option's length) or SETSOCKOPT (res 0); the queue
/// commands ignore the other arguments. res errors: as the socket calls
/// (-EINVAL on a listening socket for the queue commands, -ENOPROTOOPT),
/// -EOPNOTSUPP for another level with GETSOCKOPT or on kernels before 6.7.
/// Matches io_uring_prep_cmd_sock() in liburing. Available since Linux 6.7.
[[gnu::always_inline]] inline void prep_cmd_sock(Sqe& sqe, uint32_t cmd_op, int fd, int level,
                                                 int optname, void* optval, int optlen) noexcept {
  prep_uring_cmd(sqe, cmd_op, fd);
  sqe.level = static_cast<uint32_t>(level);
  sqe.optname = static_cast<uint32_t>(optname);
  sqe.optval = detail::addr_of(optval);
  sqe.optlen = static_cast<uint32_t>(optlen);
}

/// The local address of socket `fd` (the peer's with `peer` = 1), like
/// getsockname(2) / getpeername(2): written to `sockaddr`, whose size goes
/// in through `*sockaddr_len` and comes back as the address's length.
/// res: 0, or -ENOTCONN (peer of an unconnected socket), -EINVAL, -EFAULT;
/// -EOPNOTSUPP on kernels without the command. Matches
/// io_uring_prep_cmd_getsockname() in liburing. Available since Linux 6.19.
[[gnu::always_inline]] inline void prep_cmd_getsockname(Sqe& sqe, int fd,
                                                        KernelPtr<Sockaddr> sockaddr,
                                                        uint32_t* sockaddr_len, int peer) noexcept {
  prep_uring_cmd(sqe, socket_cmd::getsockname, fd);
  sqe.addr = detail::addr_of(sockaddr.get());
  sqe.addr3 = detail::addr_of(sockaddr_len);
  sqe.optlen = static_cast<uint32_t>(peer);
}

/// Discards `nbytes` at byte `offset` of block device `fd` (opened for
/// writing), like ioctl BLKDISCARD; both must be multiples of the logical
/// block size. res: 0, or -EINVAL (misaligned or past the end), -EBADF (not
/// open for writing), -EPERM (read-only device), -EOPNOTSUPP (no discard).
/// Matches io_uring_prep_cmd_discard() in liburing. Available since Linux 6.12.
[[gnu::always_inline]] inline void prep_cmd_discard(Sqe& sqe, int fd, uint64_t offset,
                                                    uint64_t nbytes) noexcept {
  prep_uring_cmd(sqe, block_uring_cmd_discard, fd);
  sqe.addr = offset;
  sqe.addr3 = nbytes;
}

/// Resets the write pointer of every zone of zoned block device `fd` (opened
/// for writing), like ioctl BLKRESETZONE over the whole device. res: 0, or
/// -EOPNOTSUPP (not a zoned device, or a kernel without the command),
/// -EBADF (read-only). Matches io_uring_prep_cmd_zone_reset_all() in
/// liburing. Available since Linux 7.x (liburing names no release yet).
[[gnu::always_inline]] inline void prep_cmd_zone_reset_all(Sqe& sqe, int fd) noexcept {
  prep_uring_cmd(sqe, block_uring_cmd_zone_reset_all, fd);
}

}  // namespace fring

#endif  // FRING_CORE_PREP_CMD_H
