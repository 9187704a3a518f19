// SPDX-License-Identifier: MIT
// From a completion to the provided buffer it filled, checked. The buffer id
// and length in a CQE come from the CQ ring, which the process can write as
// well as the kernel, so they are checked against the group's buffers before
// a pointer is formed: a bad id or length is an error, never a stray read.
#ifndef FRING_CORE_CQE_BUFFER_H
#define FRING_CORE_CQE_BUFFER_H

#include <stddef.h>
#include <stdint.h>

#include "fring/core/cqe.h"
#include "fring/core/result.h"
#include "fring/core/uapi/io_uring.h"

namespace fring {

/// A group of `count` provided buffers of `size` bytes each, back to back
/// from `base`: buffer id `bid` starts at `base + bid * size`. This is how a
/// buffer ring is usually filled (buf_ring_add() with those addresses) and
/// what prep_provide_buffers() hands the kernel. Any kernel.
struct BufGroup {
  void* base;
  uint32_t size;   // bytes per buffer
  uint32_t count;  // buffer ids 0..count-1
};

/// The data one completion placed in a provided buffer.
struct CqeBuffer {
  uint8_t* data;  // the first byte this completion wrote
  uint32_t len;   // the bytes it wrote (cqe.res)
  uint16_t bid;   // the buffer's id
  bool more;      // cqe_flag::buf_more: the buffer stays with the kernel
};

/// The data `cqe` placed in its provided buffer of `group`, after checking
/// that the buffer id names a buffer of the group and that the cqe.res bytes,
/// starting `offset` bytes into that buffer, lie inside it. `offset` is for
/// buffer rings with buf_ring_flag::inc, where one buffer is filled by several
/// completions in turn: the bytes of buffer `bid` that earlier completions
/// flagged cqe_flag::buf_more used (pass 0 when buffers are used whole).
/// Errors: the request's own error when cqe.res is -errno (enobufs when the
/// group had no free buffer); einval when cqe.res is negative but no errno;
/// enobufs when the CQE carries no buffer (cqe_flag::buffer clear); erange
/// for a buffer id outside the group; eoverflow when the data would run past
/// the buffer's end. No liburing equivalent (C code computes the address from
/// cqe->flags itself). Available since Linux 5.7 (incremental: 6.12).
[[nodiscard]] inline Result<CqeBuffer> cqe_buffer(const Cqe& cqe, const BufGroup& group,
                                                  uint32_t offset = 0) noexcept {
  if (cqe.res < 0) {
    if (detail::is_raw_error(cqe.res)) return static_cast<Errno>(-cqe.res);
    return Errno::einval;
  }
  if (!(cqe.flags & cqe_flag::buffer)) return Errno::enobufs;
  const uint16_t bid = cqe_buffer_id(cqe);
  if (bid >= group.count) return Errno::erange;
  const uint32_t len = static_cast<uint32_t>(cqe.res);
  // One step at a time, so that no sum can wrap around.
  if (offset > group.size || len > group.size - offset) return Errno::eoverflow;
  uint8_t* buffer = static_cast<uint8_t*>(group.base) + size_t{bid} * group.size;
  return CqeBuffer{buffer + offset, len, bid, (cqe.flags & cqe_flag::buf_more) != 0};
}

}  // namespace fring

#endif  // FRING_CORE_CQE_BUFFER_H
