// SPDX-License-Identifier: MIT
// Zero-copy receive (zcrx): a NIC receive queue whose payload pages come
// from memory registered with the ring, handed to the application through
// IORING_OP_RECV_ZC and given back through a refill ring.
#ifndef FRING_CORE_REGISTER_ZCRX_H
#define FRING_CORE_REGISTER_ZCRX_H

#include "fring/core/ring.h"

namespace fring {

/// Binds receive queue `reg->if_rxq` of interface `reg->if_idx` to `ring`,
/// with the payload area `reg->area_ptr` and the refill ring region
/// `reg->region_ptr` (ZCRX_REG_NODEV: no device at all, every payload is
/// copied into the area; ZCRX_REG_IMPORT: share an exported zcrx). On
/// success the kernel fills in `reg->zcrx_id`, `reg->offsets` and the
/// area's rq_area_token. The ring must have IORING_SETUP_DEFER_TASKRUN and
/// 32-byte CQEs (IORING_SETUP_CQE32 or CQE_MIXED). Errors: eperm (no
/// CAP_NET_ADMIN), einval (ring flags, bad fields), enodev (no such
/// interface), eopnotsupp (the interface cannot provide a queue to a memory
/// provider, e.g. loopback, or a kernel without CONFIG_IO_URING_ZCRX), efault,
/// enomem. Matches io_uring_register_ifq() in liburing.
/// Available since Linux 6.15 (ZCRX_REG_NODEV and ZCRX_REG_IMPORT later).
inline Result<void> register_ifq(Ring& ring, io_uring_zcrx_ifq_reg* reg) noexcept {
  FRING_TRY(ring.register_op(IORING_REGISTER_ZCRX_IFQ, reg, 1));
  return {};
}

/// Runs control operation `ctrl->op` on zcrx `ctrl->zcrx_id` of `ring`:
/// ZCRX_CTRL_FLUSH_RQ (take back the buffers queued in the refill ring),
/// ZCRX_CTRL_EXPORT (an fd for register_ifq() with ZCRX_REG_IMPORT, written
/// to `ctrl->zc_export.zcrx_fd`), ZCRX_CTRL_ARM_NOTIFICATION. Errors: enxio
/// (no such zcrx), eopnotsupp (unknown op), einval (non-zero reserved
/// fields), efault. Matches io_uring_register_zcrx_ctrl() in liburing.
/// Available since Linux 6.19.
inline Result<void> register_zcrx_ctrl(Ring& ring, zcrx_ctrl* ctrl) noexcept {
  FRING_TRY(ring.register_op(IORING_REGISTER_ZCRX_CTRL, ctrl, 0));
  return {};
}

}  // namespace fring

#endif  // FRING_CORE_REGISTER_ZCRX_H
