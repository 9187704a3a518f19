// SPDX-License-Identifier: MIT
// Zero-copy receive (zcrx): a NIC receive queue whose payload pages come
// from memory registered with the ring, handed to the application through
// op::recv_zc and given back through a refill ring.
#ifndef FRING_CORE_REGISTER_ZCRX_H
#define FRING_CORE_REGISTER_ZCRX_H

#include "fring/core/ring.h"

namespace fring {

/// Binds receive queue `reg->if_rxq` of interface `reg->if_idx` to `ring`,
/// with the payload area `reg->area_ptr` and the refill ring region
/// `reg->region_ptr` (zcrx_reg::nodev: no device at all, every payload is
/// copied into the area; zcrx_reg::import: share an exported zcrx). On
/// success the kernel fills in `arg->zcrx_id`, `arg->offsets` and the
/// area's rq_area_token. The ring must have setup::defer_taskrun and
/// 32-byte CQEs (setup::cqe32 or CQE_MIXED). Errors: eperm (no
/// CAP_NET_ADMIN), einval (ring flags, bad fields), enodev (no such
/// interface), eopnotsupp (the interface cannot provide a queue to a memory
/// provider, e.g. loopback, or a kernel without CONFIG_IO_URING_ZCRX), efault,
/// enomem. Matches io_uring_register_ifq() in liburing.
/// Available since Linux 6.15 (zcrx_reg::nodev and zcrx_reg::import later).
inline Result<void> register_ifq(Ring& ring, KernelPtr<ZcrxIfqReg> arg) noexcept {
  FRING_TRY(ring.register_op(reg_op::zcrx_ifq, arg.get(), 1));
  return {};
}

/// Runs control operation `ctrl->op` on zcrx `ctrl->zcrx_id` of `ring`:
/// zcrx_ctrl_cmd::flush_rq (take back the buffers queued in the refill ring),
/// zcrx_ctrl_cmd::export_ (an fd for register_ifq() with zcrx_reg::import, written
/// to `ctrl->zc_export.zcrx_fd`), zcrx_ctrl_cmd::arm_event. Errors: enxio
/// (no such zcrx), eopnotsupp (unknown op), einval (non-zero reserved
/// fields), efault. Matches io_uring_register_zcrx_ctrl() in liburing.
/// Available since Linux 6.19.
inline Result<void> register_zcrx_ctrl(Ring& ring, KernelPtr<ZcrxCtrl> ctrl) noexcept {
  FRING_TRY(ring.register_op(reg_op::zcrx_control, ctrl.get(), 0));
  return {};
}

}  // namespace fring

#endif  // FRING_CORE_REGISTER_ZCRX_H
