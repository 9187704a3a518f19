// SPDX-License-Identifier: MIT
// Synchronous cancellation: cancel requests from outside the SQ and wait,
// in the register call, until they are gone.
#ifndef FRING_CORE_REGISTER_CANCEL_H
#define FRING_CORE_REGISTER_CANCEL_H

#include "fring/core/ring.h"

namespace fring {

/// Cancels the in-flight requests that `reg` matches (as
/// op::async_cancel would: by user_data in `addr`, by `fd`, by
/// `opcode`, per the cancel_flag:: `flags`) and waits until they are
/// gone, for at most `reg->timeout` (tv_sec and tv_nsec both -1: no limit);
/// they complete with res -ECANCELED. Returns 0, or with
/// cancel_flag::all/ANY the number cancelled at once (0, not enoent,
/// when none matched). Errors: enoent (nothing matched), etime (the timeout
/// passed first), ebadf (bad `fd`), einval (unknown flags, non-zero
/// padding), eintr, efault. Matches io_uring_register_sync_cancel() in
/// liburing. Available since Linux 6.0.
inline Result<unsigned> register_sync_cancel(Ring& ring,
                                             KernelPtr<const SyncCancelReg> arg) noexcept {
  return ring.register_op(reg_op::sync_cancel, arg.get(), 1);
}

}  // namespace fring

#endif  // FRING_CORE_REGISTER_CANCEL_H
