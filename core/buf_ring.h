// SPDX-License-Identifier: MIT
// Provided-buffer rings: a ring of buffer descriptors shared with the kernel,
// from which requests flagged sqe_flag::buffer_select take a buffer. We fill
// entries and move the tail; the kernel consumes from the head. Raw
// registration, an owning BufRing made by setup_buf_ring(), and the inline
// helpers that add buffers and publish them.
#ifndef FRING_CORE_BUF_RING_H
#define FRING_CORE_BUF_RING_H

#include <stddef.h>
#include <stdint.h>

#include "fring/core/barrier.h"
#include "fring/core/result.h"
#include "fring/core/ring.h"
#include "fring/core/uapi/io_uring.h"
#include "fring/core/uapi/kernel_ptr.h"
#include "fring/syscall/syscall.h"

namespace fring {

// ---------------------------------------------------------------------------
// Registration.

/// Registers the buffer ring described by `arg` (ring_addr, ring_entries,
/// bgid; ring_addr 0 with buf_ring_flag::mmap) after OR-ing buf_ring_flag::
/// `flags` into arg->flags. The ring holds a power of two of at most 32768
/// entries; user memory must be page-aligned. Errors: einval (bad entries, alignment or
/// flags, including buf_ring_flag::mmap before Linux 6.4 and buf_ring_flag::inc
/// before 6.12, or `flags` wider than 16 bits), eexist (the group already has
/// a ring or provided buffers), efault, enomem. Matches
/// io_uring_register_buf_ring() in liburing. Available since Linux 5.19.
inline Result<void> register_buf_ring(Ring& ring, KernelPtr<BufReg> arg, unsigned flags) noexcept {
  if (flags > 0xffffU) return Errno::einval;
  arg.get()->flags = static_cast<uint16_t>(arg.get()->flags | flags);
  FRING_TRY(ring.register_op(reg_op::pbuf_ring, arg.get(), 1));
  return {};
}

/// Unregisters the buffer ring of group `bgid`; the kernel stops using its
/// memory. Errors: enoent (no such group; older kernels, 6.1 among them, say
/// einval for an unused group id below 64), einval (the group holds legacy
/// provided buffers, not a ring). Matches io_uring_unregister_buf_ring() in
/// liburing. Available since Linux 5.19.
inline Result<void> unregister_buf_ring(Ring& ring, uint16_t bgid) noexcept {
  BufReg reg{};
  reg.bgid = bgid;
  FRING_TRY(ring.register_op(reg_op::unregister_pbuf_ring, &reg, 1));
  return {};
}

/// The kernel's head of the buffer ring of group `buf_group`: the index of
/// the next entry it will take (an entry being consumed incrementally stays
/// at the head until it is used up). Errors: enoent (no such group), einval
/// (a group of legacy provided buffers; or a kernel before Linux 6.8).
/// Matches io_uring_buf_ring_head() in liburing (which returns the head
/// through a pointer). Available since Linux 6.8.
inline Result<uint16_t> buf_ring_head(Ring& ring, uint16_t buf_group) noexcept {
  BufStatus status{};
  status.buf_group = buf_group;
  FRING_TRY(ring.register_op(reg_op::pbuf_status, &status, 1));
  return static_cast<uint16_t>(status.head);
}

// ---------------------------------------------------------------------------
// Filling the ring. These touch only our side (entries and the tail).

/// The ring's entries: the kernel's `br->bufs[]`, which overlays the header
/// (entry 0's `resv` is the tail, so never write an entry's `resv`).
/// No liburing helper (C code indexes br->bufs). Available since Linux 5.19.
[[nodiscard, gnu::always_inline]] inline Buf* buf_ring_bufs(KernelPtr<PbufRing> br) noexcept {
  // The kernel's array of Buf, which PbufRing's fields overlay.
  return reinterpret_cast<Buf*>(br.get());
}

/// The index mask of a ring of `ring_entries` entries, for buf_ring_add().
/// Matches io_uring_buf_ring_mask() in liburing. Available since Linux 5.19.
[[nodiscard, gnu::always_inline]] constexpr uint16_t buf_ring_mask(uint32_t ring_entries) noexcept {
  return static_cast<uint16_t>(ring_entries - 1);
}

/// Empties a freshly mapped ring (tail 0). setup_buf_ring() calls it; call it
/// yourself only for a ring you register with register_buf_ring().
/// Matches io_uring_buf_ring_init() in liburing. Available since Linux 5.19.
[[gnu::always_inline]] inline void buf_ring_init(KernelPtr<PbufRing> br) noexcept {
  // An empty ring publishes no entry, so no earlier store needs ordering.
  write_once(&br.get()->tail, 0);
}

/// Writes buffer `addr` of `len` bytes with id `bid` into the entry
/// `buf_offset` places past the current tail (`mask` from buf_ring_mask()).
/// The kernel sees it only after buf_ring_advance(). Matches
/// io_uring_buf_ring_add() in liburing. Available since Linux 5.19.
[[gnu::always_inline]] inline void buf_ring_add(KernelPtr<PbufRing> br, void* addr, unsigned len,
                                                uint16_t bid, uint16_t mask,
                                                int buf_offset) noexcept {
  // Only we write the tail, so our last store is what we read back.
  const int index = (read_once(&br.get()->tail) + buf_offset) & mask;
  Buf& buf = buf_ring_bufs(br)[static_cast<unsigned>(index)];
  buf.addr = reinterpret_cast<uintptr_t>(addr);
  buf.len = len;
  buf.bid = bid;
}

/// Publishes the `count` entries written by buf_ring_add() since the last
/// advance. Matches io_uring_buf_ring_advance() in liburing.
/// Available since Linux 5.19.
[[gnu::always_inline]] inline void buf_ring_advance(KernelPtr<PbufRing> br, int count) noexcept {
  uint16_t* tail = &br.get()->tail;
  // Ensure the kernel sees the new entries before the tail that publishes them.
  store_release(tail, static_cast<uint16_t>(read_once(tail) + count));
}

/// Publishes `buf_count` new entries and marks `cq_count` CQEs of `ring`
/// consumed. With buf_ring_flag::inc the counts differ: a CQE flagged
/// cqe_flag::buf_more leaves its buffer with the kernel, so it is not
/// added back. Matches __io_uring_buf_ring_cq_advance() in liburing.
/// Available since Linux 5.19.
[[gnu::always_inline]] inline void buf_ring_cq_advance(Ring& ring, KernelPtr<PbufRing> br,
                                                       int cq_count, int buf_count) noexcept {
  buf_ring_advance(br, buf_count);
  ring.cq_advance(static_cast<unsigned>(cq_count));
}

/// Publishes `count` entries re-added while handling `count` CQEs, and marks
/// those CQEs consumed. Matches io_uring_buf_ring_cq_advance() in liburing.
/// Available since Linux 5.19.
[[gnu::always_inline]] inline void buf_ring_cq_advance(Ring& ring, KernelPtr<PbufRing> br,
                                                       int count) noexcept {
  buf_ring_cq_advance(ring, br, count, count);
}

/// How many published entries of group `bgid` (whose ring is `br`) the kernel
/// has not yet taken. Errors: as buf_ring_head(). Matches
/// io_uring_buf_ring_available() in liburing. Available since Linux 6.8.
inline Result<unsigned> buf_ring_available(Ring& ring, KernelPtr<PbufRing> br,
                                           uint16_t bgid) noexcept {
  FRING_TRY_ASSIGN(const uint16_t head, buf_ring_head(ring, bgid));
  // Only we write the tail, so our last store is what we read back.
  return static_cast<unsigned>(static_cast<uint16_t>(read_once(&br.get()->tail) - head));
}

/// True when the buffer that `cqe` used (cqe_flag::buffer) was only partly
/// filled and stays with the kernel: the next completion from the group
/// continues in it right after this one's data. Only rings set up with
/// buf_ring_flag::inc do this; never add such a buffer back yet. No liburing
/// helper (it tests cqe->flags). Available since Linux 6.12.
[[nodiscard, gnu::always_inline]] inline bool cqe_buffer_more(const Cqe& cqe) noexcept {
  return (cqe.flags & cqe_flag::buf_more) != 0;
}

// ---------------------------------------------------------------------------
// An owned ring.

/// A setup_buf_ring() flag of fring's own (above the kernel's 16 bits):
/// incremental consumption (buf_ring_flag::inc) where the kernel has it
/// (Linux 6.12), whole buffers where it does not, instead of an error; the
/// BufRing's incremental() says which. No liburing equivalent (liburing
/// fails). Any kernel with buffer rings (Linux 5.19).
inline constexpr unsigned buf_ring_inc_or_whole = 1U << 16;

class BufRing;
inline Result<BufRing> setup_buf_ring(Ring& ring, unsigned nentries, uint16_t bgid,
                                      unsigned flags) noexcept;
inline Result<void> free_buf_ring(Ring& ring, BufRing& br) noexcept;

/// A registered buffer ring and its mapping, made by setup_buf_ring(): it
/// owns both. Destroying it (or assigning to it) unregisters the group from
/// the Ring it was set up on and unmaps the ring, so the group id is free
/// again; free_buf_ring() does the same and reports errors. keep_registered()
/// makes it leave the registration to the Ring (the kernel drops the group
/// when the Ring is torn down) and only unmap. It refers to that Ring
/// object: set it up once the Ring is where it stays, and destroy it first.
/// Move-only.
class BufRing {
 public:
  BufRing(BufRing&& other) noexcept { take(other); }
  BufRing& operator=(BufRing&& other) noexcept {
    if (this != &other) {
      release();
      take(other);
    }
    return *this;
  }
  BufRing(const BufRing&) = delete;
  BufRing& operator=(const BufRing&) = delete;
  ~BufRing() { release(); }

  /// Leaves the group registered when this BufRing goes: the destructor then
  /// only unmaps, and the kernel drops the group with the Ring. No liburing
  /// equivalent (liburing's rings are not owned). Available since Linux 5.19.
  void keep_registered() noexcept { ring_ = nullptr; }

  /// The shared ring, for buf_ring_add() and friends (null once freed).
  [[nodiscard]] PbufRing* get() const noexcept { return br_; }
  /// The number of entries (a power of two).
  [[nodiscard]] unsigned entries() const noexcept { return entries_; }
  /// buf_ring_mask(entries()).
  [[nodiscard]] uint16_t mask() const noexcept { return buf_ring_mask(entries_); }
  /// The buffer group id requests select with sqe_set_buf_group().
  [[nodiscard]] uint16_t bgid() const noexcept { return bgid_; }
  /// The buf_ring_flag:: bits the kernel accepted.
  [[nodiscard]] uint16_t flags() const noexcept { return flags_; }
  /// True when buffers are consumed incrementally: always when
  /// buf_ring_flag::inc was asked for, and with buf_ring_inc_or_whole when the
  /// kernel has it.
  [[nodiscard]] bool incremental() const noexcept { return (flags_ & buf_ring_flag::inc) != 0; }

 private:
  friend Result<BufRing> setup_buf_ring(Ring& ring, unsigned nentries, uint16_t bgid,
                                        unsigned flags) noexcept;
  friend Result<void> free_buf_ring(Ring& ring, BufRing& br) noexcept;

  BufRing() noexcept = default;

  [[nodiscard]] size_t size() const noexcept { return size_t{entries_} * sizeof(Buf); }

  // Undoes what this BufRing holds: the registration (unless kept), then
  // the mapping. The kernel holds its own reference to the ring's memory, so
  // either order is safe for it.
  void release() noexcept {
    if (ring_ != nullptr) (void)unregister_buf_ring(*ring_, bgid_);
    unmap();
  }

  void unmap() noexcept {
    if (br_ != nullptr) (void)sys::munmap(br_, size());
    br_ = nullptr;
    ring_ = nullptr;
  }

  void take(BufRing& other) noexcept {
    br_ = other.br_;
    ring_ = other.ring_;
    entries_ = other.entries_;
    bgid_ = other.bgid_;
    flags_ = other.flags_;
    other.br_ = nullptr;
    other.ring_ = nullptr;
    other.entries_ = 0;
    other.bgid_ = 0;
    other.flags_ = 0;
  }

  PbufRing* br_ = nullptr;
  Ring* ring_ = nullptr;  // the registration's owner; null: none to undo
  unsigned entries_ = 0;
  uint16_t bgid_ = 0;
  uint16_t flags_ = 0;
};

/// Allocates, registers and empties a ring of `nentries` entries for group
/// `bgid`. By default the ring is anonymous memory we map and the kernel
/// pins; with buf_ring_flag::mmap in `flags` the kernel allocates it and we
/// map it at mmap_off::pbuf_ring | bgid << mmap_off::pbuf_shift.
/// buf_ring_flag::inc asks for incremental consumption, and fails with einval
/// where the kernel lacks it (before Linux 6.12), as liburing does;
/// buf_ring_inc_or_whole asks for it where the kernel has it and whole
/// buffers elsewhere, and BufRing::incremental() says which the ring got.
/// Errors: as register_buf_ring() (einval for buf_ring_flag::mmap before 6.4,
/// buf_ring_flag::inc before 6.12, or flags fring does not know), enomem or
/// ebadf from mmap. On any error nothing stays mapped or registered. Matches
/// io_uring_setup_buf_ring() in liburing (which returns the error through a
/// pointer and has no buf_ring_inc_or_whole). Available since Linux 5.19.
inline Result<BufRing> setup_buf_ring(Ring& ring, unsigned nentries, uint16_t bgid,
                                      unsigned flags) noexcept {
  BufRing br;
  br.entries_ = nentries;
  br.bgid_ = bgid;
  BufReg reg{};
  reg.ring_entries = nentries;
  reg.bgid = br.bgid_;
  const bool kernel_mapped = (flags & buf_ring_flag::mmap) != 0;
  if (!kernel_mapped) {
    const long addr = sys::mmap(nullptr, br.size(), prot::read | prot::write,
                                map_flag::private_ | map_flag::anonymous, -1, 0);
    if (detail::is_raw_error(addr)) return static_cast<Errno>(-addr);
    // From here on, `br` unmaps this memory on every early return.
    br.br_ = reinterpret_cast<PbufRing*>(addr);
    reg.ring_addr = static_cast<uint64_t>(addr);
  }
  const bool inc_or_whole = (flags & buf_ring_inc_or_whole) != 0;
  if (inc_or_whole) flags = (flags & ~buf_ring_inc_or_whole) | buf_ring_flag::inc;
  Result<void> registered = register_buf_ring(ring, &reg, flags);
  if (inc_or_whole && registered == Errno::einval) {
    // Kernels before 6.12 reject the flag, and the caller accepted whole buffers.
    flags &= ~unsigned{buf_ring_flag::inc};
    reg.flags = 0;
    registered = register_buf_ring(ring, &reg, flags);
  }
  FRING_TRY(registered);
  br.flags_ = static_cast<uint16_t>(flags);
  br.ring_ = &ring;  // from here on `br` unregisters on every early return too
  if (kernel_mapped) {
    const uint64_t offset = mmap_off::pbuf_ring | (uint64_t{br.bgid_} << mmap_off::pbuf_shift);
    const long addr =
        sys::mmap(nullptr, br.size(), prot::read | prot::write,
                  map_flag::shared | map_flag::populate, ring.fd(), static_cast<long>(offset));
    if (detail::is_raw_error(addr)) return static_cast<Errno>(-addr);
    br.br_ = reinterpret_cast<PbufRing*>(addr);
  }
  buf_ring_init(br.br_);
  return br;
}

/// Unregisters `br`'s group from `ring`, then unmaps the ring; `br` is empty
/// afterwards. Errors: einval when `br` is already freed (or moved from);
/// as unregister_buf_ring() otherwise (enoent when `ring` is not the ring it
/// was set up on), in which case `br` stays as it was. Matches
/// io_uring_free_buf_ring() in liburing (which takes the entries and group
/// that BufRing carries). Available since Linux 5.19.
inline Result<void> free_buf_ring(Ring& ring, BufRing& br) noexcept {
  if (br.br_ == nullptr) return Errno::einval;
  FRING_TRY(unregister_buf_ring(ring, br.bgid_));
  br.unmap();
  return {};
}

}  // namespace fring

#endif  // FRING_CORE_BUF_RING_H
