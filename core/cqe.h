// SPDX-License-Identifier: MIT
// Helpers that read a CQE: its result as a Result, user data, the buffer id
// of provided-buffer completions, the second half of 32-byte CQEs, and how
// many CQ slots it takes on a mixed ring.
#ifndef FRING_CORE_CQE_H
#define FRING_CORE_CQE_H

#include <stdint.h>

#include "fring/core/result.h"
#include "fring/core/uapi/io_uring.h"

namespace fring {

/// The request's result as a Result: `cqe.res` when it is 0 or more (bytes
/// transferred, a new fd, ...), its Errno when it is -4095..-1 (-ENOENT
/// becomes Errno::enoent). Zero-copy notifications (cqe_flag::notif)
/// carry flags in res: read those directly. Errors: the request's, whichever
/// -errno res holds. No liburing equivalent (it returns cqe->res). Any kernel.
[[nodiscard, gnu::always_inline]] inline Result<int> cqe_result(const Cqe& cqe) noexcept {
  return result_from<int>(cqe.res);
}

/// The user_data of the SQE that produced `cqe`, as a pointer.
/// Matches io_uring_cqe_get_data() in liburing. Any kernel.
[[gnu::always_inline]] inline void* cqe_get_data(const Cqe& cqe) noexcept {
  return reinterpret_cast<void*>(static_cast<uintptr_t>(cqe.user_data));
}

/// The user_data of the SQE that produced `cqe`.
/// Matches io_uring_cqe_get_data64() in liburing. Any kernel.
[[gnu::always_inline]] inline uint64_t cqe_get_data64(const Cqe& cqe) noexcept {
  return cqe.user_data;
}

/// The provided-buffer id of `cqe` (valid when cqe_flag::buffer is set).
/// No liburing helper (it shifts cqe->flags). Available since Linux 5.7.
[[gnu::always_inline]] inline uint16_t cqe_buffer_id(const Cqe& cqe) noexcept {
  return static_cast<uint16_t>(cqe.flags >> cqe_flag::buffer_shift);
}

/// The extra 16 bytes of a 32-byte CQE (setup::cqe32, or cqe_flag::cqe32
/// under CQE_MIXED): the kernel's `big_cqe[0..1]`. No liburing helper (it reads
/// cqe->big_cqe). Available since Linux 5.19.
[[gnu::always_inline]] inline const uint64_t* big_cqe(const Cqe& cqe) noexcept {
  return reinterpret_cast<const uint64_t*>(&cqe + 1);
}

/// How many CQ slots `cqe` takes: 2 for a 32-byte CQE of an
/// setup::cqe_mixed ring (cqe_flag::cqe32), else 1 (also on CQE32
/// rings, whose slots are 32 bytes). Matches io_uring_cqe_nr() in liburing.
/// Available since Linux 5.1 (2 only since Linux 6.18).
[[nodiscard, gnu::always_inline]] inline unsigned cqe_nr(const Cqe& cqe) noexcept {
  return 1U << ((cqe.flags & cqe_flag::cqe32) != 0 ? 1 : 0);
}

namespace detail {

// On a CQE_MIXED ring, true when `cqe`, at CQ position `head` with the tail
// at `tail`, lies whole before the tail and before the end of the CQE array.
// The kernel publishes both slots of a 32-byte CQE at once and pads the last
// slot rather than split one, so a CQE that fails this is no CQE the kernel
// wrote (the ring is writable by the process too): it is not handed out.
[[nodiscard, gnu::always_inline]] inline bool mixed_cqe_whole(const Cqe& cqe, uint32_t head,
                                                              uint32_t tail,
                                                              uint32_t mask) noexcept {
  if (!(cqe.flags & cqe_flag::cqe32)) return true;
  return tail - head >= 2 && (head & mask) != mask;
}

}  // namespace detail

}  // namespace fring

#endif  // FRING_CORE_CQE_H
