// SPDX-License-Identifier: MIT
// NAPI busy polling: while waiting for completions, poll the network
// devices of the ring's sockets instead of sleeping until an interrupt.
#ifndef FRING_CORE_REGISTER_NAPI_H
#define FRING_CORE_REGISTER_NAPI_H

#include "fring/core/ring.h"

namespace fring {

/// Turns on NAPI busy polling for `ring` with `napi->busy_poll_to`
/// microseconds and `napi->prefer_busy_poll`; the other fields must be 0.
/// On return `*napi` holds the previous settings. Errors: einval (IOPOLL
/// ring, non-zero padding), eopnotsupp (kernel built without
/// CONFIG_NET_RX_BUSY_POLL), efault. Matches io_uring_register_napi() in
/// liburing. Available since Linux 6.9.
inline Result<void> register_napi(Ring& ring, KernelPtr<Napi> napi) noexcept {
  FRING_TRY(ring.register_op(reg_op::napi, napi.get(), 1));
  return {};
}

/// Turns NAPI busy polling off; when `napi` is not null it receives the
/// settings in force until now. Errors: eopnotsupp (no
/// CONFIG_NET_RX_BUSY_POLL), efault. Matches io_uring_unregister_napi() in
/// liburing. Available since Linux 6.9.
inline Result<void> unregister_napi(Ring& ring, KernelPtr<Napi> napi) noexcept {
  FRING_TRY(ring.register_op(reg_op::unregister_napi, napi.get(), 1));
  return {};
}

}  // namespace fring

#endif  // FRING_CORE_REGISTER_NAPI_H
