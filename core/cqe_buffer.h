// SPDX-License-Identifier: MIT
// From a completion to the provided buffers it filled, checked: one buffer
// (cqe_buffer()), or the several of a bundle (cqe_bundle()). The buffer id
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
#include "fring/core/uapi/kernel_ptr.h"

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

/// The data one completion placed in a provided buffer; or, at the end of a
/// stream, none (data null, len 0: the request took no buffer).
struct CqeBuffer {
  uint8_t* data;  // the first byte this completion wrote; null at the end of the stream
  uint32_t len;   // the bytes it wrote (cqe.res)
  uint16_t bid;   // the buffer's id
  bool more;      // cqe_flag::buf_more: the buffer stays with the kernel

  /// True for the end of a stream: res 0 with no buffer taken (the peer
  /// shut down or closed). No buffer is to be given back. No liburing
  /// equivalent. Any kernel.
  [[nodiscard]] bool end_of_stream() const noexcept { return data == nullptr; }
};

/// The data `cqe` placed in its provided buffer of `group`, after checking
/// that the buffer id names a buffer of the group and that the cqe.res bytes,
/// starting `offset` bytes into that buffer, lie inside it. `offset` is for
/// buffer rings with buf_ring_flag::inc, where one buffer is filled by several
/// completions in turn: the bytes of buffer `bid` that earlier completions
/// flagged cqe_flag::buf_more used (pass 0 when buffers are used whole).
/// A completion with res 0 that took no buffer is the end of a stream (a
/// receive when the peer shut down): a success whose end_of_stream() is
/// true, distinct from a group that ran dry (enobufs).
/// Errors: the request's own error when cqe.res is -errno (enobufs when the
/// group had no free buffer); einval when cqe.res is negative but no errno,
/// or positive with no buffer (cqe_flag::buffer clear: the request selected
/// none); erange for a buffer id outside the group; eoverflow when the data
/// would run past the buffer's end (a bundle: see cqe_bundle()). No liburing
/// equivalent (C code computes the address from cqe->flags itself).
/// Available since Linux 5.7 (incremental: 6.12).
[[nodiscard]] inline Result<CqeBuffer> cqe_buffer(const Cqe& cqe, const BufGroup& group,
                                                  uint32_t offset = 0) noexcept {
  if (cqe.res < 0) {
    if (detail::is_raw_error(cqe.res)) return static_cast<Errno>(-cqe.res);
    return Errno::einval;
  }
  if (!(cqe.flags & cqe_flag::buffer)) {
    if (cqe.res == 0) return CqeBuffer{nullptr, 0, 0, false};
    return Errno::einval;
  }
  const uint16_t bid = cqe_buffer_id(cqe);
  if (bid >= group.count) return Errno::erange;
  const uint32_t len = static_cast<uint32_t>(cqe.res);
  // One step at a time, so that no sum can wrap around.
  if (offset > group.size || len > group.size - offset) return Errno::eoverflow;
  uint8_t* buffer = static_cast<uint8_t*>(group.base) + size_t{bid} * group.size;
  return CqeBuffer{buffer + offset, len, bid, (cqe.flags & cqe_flag::buf_more) != 0};
}

/// The buffers one bundle completion filled (recvsend_flag::bundle: one CQE
/// whose res covers several buffers, taken in ring order), from
/// cqe_bundle(). Walk them with next(); then give count() buffers back.
class CqeBundle {
 public:
  /// How many buffers the completion took: the caller's ring head moves on
  /// by this many. No liburing equivalent. Available since Linux 6.10.
  [[nodiscard]] uint16_t count() const noexcept { return count_; }

  /// Sets `*out` to the next buffer, in the order the data arrived (the last
  /// may be filled in part); false after the last one. No liburing
  /// equivalent. Available since Linux 6.10.
  bool next(CqeBuffer* out) noexcept {
    if (index_ == count_) return false;
    const Buf& entry = bufs_[static_cast<uint16_t>(head_ + index_) & mask_];
    const uint32_t len = entry.len < left_ ? entry.len : left_;
    *out = CqeBuffer{static_cast<uint8_t*>(group_.base) + size_t{entry.bid} * group_.size, len,
                     entry.bid, false};
    left_ -= len;
    ++index_;
    return true;
  }

 private:
  friend Result<CqeBundle> cqe_bundle(const Cqe&, KernelPtr<const PbufRing>, uint16_t, uint16_t,
                                      const BufGroup&) noexcept;
  CqeBundle(const Buf* bufs, uint16_t mask, uint16_t head, uint16_t count, uint32_t len,
            const BufGroup& group) noexcept
      : bufs_(bufs), group_(group), left_(len), mask_(mask), head_(head), count_(count) {}

  const Buf* bufs_;
  BufGroup group_;
  uint32_t left_;  // bytes not yet handed out
  uint16_t mask_;
  uint16_t head_;
  uint16_t count_;
  uint16_t index_ = 0;
};

/// The buffers a bundle completion `cqe` filled from buffer ring `br` (of
/// `mask` + 1 entries, filled with buffers of `group`): the kernel takes
/// whole buffers in ring order from the entry at index `head`, which the
/// caller tracks (0 for a new ring, then plus each completion's count), and
/// puts the first buffer's id in the CQE. Checks every entry it walks: its
/// id names a buffer of the group and its length fits the group's buffers.
/// For rings without buf_ring_flag::inc. The end of a stream (res 0, no
/// buffer) is a bundle of no buffers. A completion that is no bundle (one
/// buffer) is a bundle of one.
/// Errors: as cqe_buffer() for the result; einval when the entry at `head`
/// does not hold the CQE's buffer id (the caller's head is out of step);
/// erange for an entry whose id is outside the group; eoverflow when an
/// entry's length exceeds the group's buffer size or res needs more than the
/// ring's entries. No liburing equivalent (C code walks br->bufs itself).
/// Available since Linux 6.10.
[[nodiscard]] inline Result<CqeBundle> cqe_bundle(const Cqe& cqe, KernelPtr<const PbufRing> br,
                                                  uint16_t mask, uint16_t head,
                                                  const BufGroup& group) noexcept {
  if (cqe.res < 0) {
    if (detail::is_raw_error(cqe.res)) return static_cast<Errno>(-cqe.res);
    return Errno::einval;
  }
  // The ring's entries: the kernel's array of Buf, which PbufRing overlays.
  // Without buf_ring_flag::inc only we write them, so plain reads see what
  // we wrote (the kernel only reads them).
  const Buf* bufs = reinterpret_cast<const Buf*>(br.get());
  const uint32_t len = static_cast<uint32_t>(cqe.res);
  if (!(cqe.flags & cqe_flag::buffer)) {
    if (len != 0) return Errno::einval;
    return CqeBundle(bufs, mask, head, 0, 0, group);
  }
  if (bufs[head & mask].bid != cqe_buffer_id(cqe)) return Errno::einval;
  // Every entry the data reaches: at least one, at most the whole ring.
  uint32_t left = len;
  uint32_t count = 0;
  do {
    if (count > mask) return Errno::eoverflow;
    const Buf& entry = bufs[static_cast<uint16_t>(head + count) & mask];
    if (entry.bid >= group.count) return Errno::erange;
    if (entry.len > group.size) return Errno::eoverflow;
    left -= entry.len < left ? entry.len : left;
    ++count;
  } while (left != 0);
  return CqeBundle(bufs, mask, head, static_cast<uint16_t>(count), len, group);
}

}  // namespace fring

#endif  // FRING_CORE_CQE_BUFFER_H
