// SPDX-License-Identifier: MIT
// prep_rw: the one function that writes a whole SQE. Every prep_* helper is
// a short wrapper around it that then sets its op-specific fields.
#ifndef FRING_CORE_PREP_BASE_H
#define FRING_CORE_PREP_BASE_H

#include <stdint.h>

#include "fring/core/uapi/io_uring.h"

namespace fring {

namespace detail {
template <class T>
[[gnu::always_inline]] inline uint64_t addr_of(const T* p) noexcept {
  return reinterpret_cast<uintptr_t>(p);
}

// The SQE's file_index for direct-descriptor slot `file_index`: the kernel
// counts slots from 1 (0 means "not direct") but takes
// file_index_alloc as it is.
[[gnu::always_inline]] inline uint32_t target_slot(unsigned file_index) noexcept {
  return file_index == file_index_alloc ? file_index : file_index + 1;
}
}  // namespace detail

/// Writes every field of the first 64 bytes of `sqe`: opcode `op`, `fd`,
/// `addr`, `len` and `off` as given, everything else (flags, user_data,
/// buf_index, personality, file_index, addr3) zero. With 128-byte SQEs the
/// command area past byte 64 is left alone. Matches io_uring_prep_rw() in
/// liburing (which takes the op first and a pointer `addr`). Any kernel.
[[gnu::always_inline]] inline void prep_rw(Sqe& sqe, Op op, int fd, uint64_t addr, uint32_t len,
                                           uint64_t off) noexcept {
  sqe.opcode = op;
  sqe.flags = 0;
  sqe.ioprio = 0;
  sqe.fd = fd;
  sqe.off = off;
  sqe.addr = addr;
  sqe.len = len;
  sqe.rw_flags = 0;
  sqe.user_data = 0;
  sqe.buf_index = 0;
  sqe.personality = 0;
  sqe.file_index = 0;
  sqe.addr3 = 0;
  sqe.pad2[0] = 0;
}

}  // namespace fring

#endif  // FRING_CORE_PREP_BASE_H
