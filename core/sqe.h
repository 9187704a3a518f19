// SPDX-License-Identifier: MIT
// Helpers that adjust an SQE after a prep_* call: user data, flags, buffer
// group, personality, and the command area of big SQEs; and clearing the
// fields prep helpers leave alone, for an SQE filled by hand.
#ifndef FRING_CORE_SQE_H
#define FRING_CORE_SQE_H

#include <stdint.h>

#include "fring/core/uapi/io_uring.h"

namespace fring {

/// Stores `data` in the SQE's user_data, to come back in its CQE.
/// Matches io_uring_sqe_set_data() in liburing. Any kernel.
[[gnu::always_inline]] inline void sqe_set_data(Sqe& sqe, void* data) noexcept {
  sqe.user_data = reinterpret_cast<uintptr_t>(data);
}

/// Stores `data` in the SQE's user_data, to come back in its CQE.
/// Matches io_uring_sqe_set_data64() in liburing. Any kernel.
[[gnu::always_inline]] inline void sqe_set_data64(Sqe& sqe, uint64_t data) noexcept {
  sqe.user_data = data;
}

/// Sets the SQE's sqe_flag:: bits (replacing any set before).
/// Matches io_uring_sqe_set_flags() in liburing. Any kernel; each flag has its own
/// minimum (sqe_flag::cqe_skip_success: Linux 5.17).
[[gnu::always_inline]] inline void sqe_set_flags(Sqe& sqe, unsigned flags) noexcept {
  sqe.flags = static_cast<uint8_t>(flags);
}

/// Selects provided-buffer group `bgid` (use with sqe_flag::buffer_select).
/// Matches io_uring_sqe_set_buf_group() in liburing. Available since Linux 5.7.
[[gnu::always_inline]] inline void sqe_set_buf_group(Sqe& sqe, uint16_t bgid) noexcept {
  sqe.buf_group = bgid;
}

/// Runs the request with the credentials registered as `personality`
/// (see register_personality()). No liburing helper (it sets the field
/// directly). Available since Linux 5.6.
[[gnu::always_inline]] inline void sqe_set_personality(Sqe& sqe, uint16_t personality) noexcept {
  sqe.personality = personality;
}

/// The command area of the SQE: bytes 48..63, or 48..127 with
/// setup::sqe128 (the kernel's `cmd[]`). No liburing helper (it reads
/// sqe->cmd). Available since Linux 5.19.
[[gnu::always_inline]] inline uint8_t* sqe_cmd(Sqe& sqe) noexcept {
  return reinterpret_cast<uint8_t*>(&sqe) + 48;
}

/// Zeroes the SQE fields that no prep helper takes as an argument (flags,
/// ioprio, rw_flags, buf_index, personality, file_index, addr3 and the pad),
/// for code that fills an SQE by hand. fring's get_sqe() does not call it:
/// every prep_* helper writes all 64 bytes through prep_rw(), so clearing in
/// get_sqe() would store each field twice. Matches io_uring_initialize_sqe()
/// in liburing (which its get_sqe() calls). Any kernel.
[[gnu::always_inline]] inline void initialize_sqe(Sqe& sqe) noexcept {
  sqe.flags = 0;
  sqe.ioprio = 0;
  sqe.rw_flags = 0;
  sqe.buf_index = 0;
  sqe.personality = 0;
  sqe.file_index = 0;
  sqe.addr3 = 0;
  sqe.pad2[0] = 0;
}

}  // namespace fring

#endif  // FRING_CORE_SQE_H
