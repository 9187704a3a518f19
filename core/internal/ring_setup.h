// SPDX-License-Identifier: MIT
// The cold members of Ring: set-up (mapped, in caller memory, or from an
// existing fd), teardown, resizing, the registered ring fd and the enter
// flags. core/ring.h declares them and includes this file at its end, so
// either header gives the whole Ring.
#ifndef FRING_CORE_INTERNAL_RING_SETUP_H
#define FRING_CORE_INTERNAL_RING_SETUP_H

#ifndef FRING_CORE_RING_H
#error "fring/core/internal/ring_setup.h is part of fring/core/ring.h: include that"
#endif

#include <stddef.h>
#include <stdint.h>

#include "fring/core/barrier.h"
#include "fring/core/result.h"
#include "fring/core/ring_mem.h"
#include "fring/core/uapi/io_uring.h"
#include "fring/syscall/syscall.h"

namespace fring {

namespace detail {

template <class T>
T* at(void* base, uint32_t offset) noexcept {
  return reinterpret_cast<T*>(static_cast<char*>(base) + offset);
}

inline Result<void*> map_ring_area(size_t size, uint64_t offset, int fd) noexcept {
  const long r = sys::mmap(nullptr, size, prot::read | prot::write,
                           map_flag::shared | map_flag::populate, fd, static_cast<long>(offset));
  if (is_raw_error(r)) return static_cast<Errno>(-r);
  return reinterpret_cast<void*>(r);
}

}  // namespace detail

inline Result<Ring> Ring::queue_init_params(unsigned entries, Params& p) noexcept {
  return init_params<Ring>(entries, p);
}

inline Result<Ring> Ring::queue_init_mem(unsigned entries, Params& p, void* buf,
                                         size_t buf_size) noexcept {
  return init_mem<Ring>(entries, p, buf, buf_size);
}

inline Result<Ring> Ring::queue_mmap(int fd, Params& p) noexcept { return init_mmap<Ring>(fd, p); }

template <class R>
inline Result<R> Ring::init_params(unsigned entries, Params& p) noexcept {
  // Without caller memory the kernel would be handed null addresses.
  if (p.flags & setup::no_mmap) return Errno::einval;
  return setup_mapped<R>(entries, p);
}

template <class R>
inline Result<R> Ring::init_mem(unsigned entries, Params& p, void* buf, size_t buf_size) noexcept {
  p.flags |= setup::no_mmap;
  return setup_in<R>(entries, p, buf, buf_size);
}

template <class R>
inline Result<R> Ring::init_mmap(int fd, Params& p) noexcept {
  if (fd < 0) return Errno::ebadf;
  if (p.flags & setup::no_mmap) return Errno::einval;
  R ring;
  ring.flags_ = p.flags;
  ring.features_ = p.features;
  const Result<void> mapped = map_rings(fd, p, ring.flags_, ring.features_, ring.sq_, ring.cq_);
  if (!mapped.ok()) return mapped.error();  // `ring` unmaps what was mapped; the fd stays open
  ring.fd_ = fd;
  ring.enter_fd_ = fd;
  return ring;
}

// Sets up through `attempt(Params&)`, which calls io_uring_setup() and
// returns its raw result: with setup::no_sqarray added, and once more as
// `p` asks when the kernel refuses the flag (EINVAL: before 6.6). `p` gets
// what the kernel filled in for the attempt that worked. Returns the fd (or
// registered index), or -errno.
template <class Attempt>
inline long Ring::setup_fd(Params& p, Attempt attempt) noexcept {
  if (!(p.flags & setup::no_sqarray)) {
    Params without_array = p;
    without_array.flags |= setup::no_sqarray;
    const long fd = attempt(without_array);
    if (!detail::is_raw_error(fd)) p = without_array;
    if (fd != -static_cast<long>(Errno::einval)) return fd;
  }
  return attempt(p);
}

// io_uring_setup() (setup_fd()), then the kernel's mappings.
template <class R>
inline Result<R> Ring::setup_mapped(unsigned entries, Params& p) noexcept {
  if (entries == 0) return Errno::einval;
  const long fd = setup_fd(p, [entries](Params& q) { return sys::uring_setup(entries, &q); });
  if (detail::is_raw_error(fd)) return static_cast<Errno>(-fd);
  R ring;
  ring.fd_ = static_cast<int>(fd);
  ring.enter_fd_ = ring.fd_;
  ring.flags_ = p.flags;
  ring.features_ = p.features;
  // On failure `ring` goes out of scope and its destructor undoes, in
  // reverse order, whatever map_rings() had mapped, then closes the fd.
  FRING_TRY(map_rings(ring.fd_, p, ring.flags_, ring.features_, ring.sq_, ring.cq_));
  return ring;
}

// io_uring_setup() (setup_fd(), setup::no_mmap) on the rings and SQEs
// laid out in the caller's `buf`.
template <class R>
inline Result<R> Ring::setup_in(unsigned entries, Params& p, void* buf, size_t buf_size) noexcept {
  const size_t page = detail::page_size();
  const uintptr_t base = reinterpret_cast<uintptr_t>(buf);
  // The kernel pins both areas by whole pages.
  if (base == 0 || (base & (page - 1)) != 0) return Errno::einval;
  // The layout depends on the flags of each attempt (the SQ index array);
  // the rings follow the SQEs of the attempt that worked, the last one.
  size_t sqes_size = 0;
  const long fd = setup_fd(p, [&](Params& q) -> long {
    const Result<detail::RingLayout> layout = detail::ring_layout(entries, q, page);
    if (!layout.ok()) return -static_cast<long>(layout.error());
    if (buf_size < layout->sqes_size + layout->rings_size) return -static_cast<long>(Errno::enomem);
    // Some kernels (6.12, for one) take the heads and tails as they find them:
    // start from zeroed rings, whatever the memory held before (an earlier ring).
    __builtin_memset(static_cast<char*>(buf) + layout->sqes_size, 0, layout->rings_size);
    q.sq_off.user_addr = base;
    q.cq_off.user_addr = base + layout->sqes_size;
    sqes_size = layout->sqes_size;
    return sys::uring_setup(entries, &q);
  });
  if (detail::is_raw_error(fd)) return static_cast<Errno>(-fd);
  R ring;
  ring.int_flags_ = kAppMem;
  if (p.flags & setup::registered_fd_only) {
    // The kernel registered the ring and returned the index: there is no fd.
    ring.enter_fd_ = static_cast<int>(fd);
    ring.enter_flags_ = enter::registered_ring;
    ring.int_flags_ |= kRegRegRing;
  } else {
    ring.fd_ = static_cast<int>(fd);
    ring.enter_fd_ = ring.fd_;
  }
  ring.flags_ = p.flags;
  ring.features_ = p.features;
  ring.sq_.sqes = static_cast<Sqe*>(buf);
  ring.sq_.ring_ptr = static_cast<char*>(buf) + sqes_size;
  ring.cq_.ring_ptr = ring.sq_.ring_ptr;
  point_into_rings(p, ring.flags_, ring.sq_, ring.cq_);
  return ring;
}

inline void Ring::queue_exit() noexcept {
  if (!(int_flags_ & kAppMem)) unmap_rings(sq_, cq_);
  // A registered ring fd holds a reference to the ring: drop it before close.
  if (enter_flags_ & enter::registered_ring) (void)drop_ring_fd();
  if (fd_ >= 0) (void)sys::close(fd_);
  reset();
}

inline Result<void> Ring::resize_rings(Params& p) noexcept {
  if (flags_ & setup::no_mmap) return Errno::einval;
  if (fd_ < 0) return Errno::ebadf;
  // Published SQEs are copied by the kernel; unpublished ones would stay behind
  // in the old SQE array. An SQ_REWIND ring publishes nothing (the kernel
  // reads its SQEs from slot 0 at each submit), so its queued SQEs are
  // carried over below, and must fit.
  const uint32_t rewound = (flags_ & setup::sq_rewind) ? sq_.sqe_tail : 0;
  if (rewound > p.sq_entries) return Errno::eoverflow;
  (void)flush_sq(flags_);
  p.sq_off = SqOffsets{};
  p.cq_off = CqOffsets{};
  FRING_TRY(register_op(reg_op::resize_rings, &p, 1));
  // The kernel leaves sq_off.array at 0 here (it fills it in only at set-up),
  // though the new rings have an index array where they always do.
  if (!(flags_ & setup::no_sqarray) && p.sq_off.array == 0) {
    p.sq_off.array =
        static_cast<uint32_t>(detail::sq_array_offset(p.cq_off.cqes, p.cq_entries, flags_));
  }
  Sq sq{};
  Cq cq{};
  const Result<void> mapped = map_rings(fd_, p, flags_, features_, sq, cq);
  if (!mapped.ok()) {
    unmap_rings(sq, cq);
    return mapped.error();
  }
  // The kernel kept the head and tail values, so our indices carry over
  // (point_into_rings() read them from the new rings); an SQ_REWIND ring's
  // queued SQEs move to the new array's first slots.
  if (rewound != 0) {
    __builtin_memcpy(sq.sqes, sq_.sqes, (size_t{rewound} * sizeof(Sqe)) << sqe_shift());
    sq.sqe_tail = rewound;
  }
  unmap_rings(sq_, cq_);
  sq_ = sq;
  cq_ = cq;
  return {};
}

inline Result<void> Ring::register_ring_fd() noexcept {
  if (enter_flags_ & enter::registered_ring) return Errno::eexist;
  if (fd_ < 0) return Errno::ebadf;
  RsrcUpdate up{};
  up.offset = ~0U;  // let the kernel pick a slot
  up.data = static_cast<uint64_t>(fd_);
  const long r = sys::uring_register(fd_, reg_op::ring_fds, &up, 1);
  if (detail::is_raw_error(r)) return static_cast<Errno>(-r);
  enter_fd_ = static_cast<int>(up.offset);
  enter_flags_ |= enter::registered_ring;
  if (features_ & feat::reg_reg_ring) int_flags_ |= kRegRegRing;
  return {};
}

inline Result<void> Ring::unregister_ring_fd() noexcept {
  if (!(enter_flags_ & enter::registered_ring)) return Errno::einval;
  // After close_ring_fd() the registered fd is the ring's only handle.
  if (fd_ < 0) return Errno::ebadf;
  return drop_ring_fd();
}

inline Result<void> Ring::drop_ring_fd() noexcept {
  RsrcUpdate up{};
  up.offset = static_cast<uint32_t>(enter_fd_);
  FRING_TRY(register_op(reg_op::unregister_ring_fds, &up, 1));
  enter_flags_ &= ~enter::registered_ring;
  int_flags_ &= ~kRegRegRing;
  enter_fd_ = fd_;
  return {};
}

inline Result<void> Ring::close_ring_fd() noexcept {
  if (!(features_ & feat::reg_reg_ring)) return Errno::eopnotsupp;
  if (!(enter_flags_ & enter::registered_ring)) return Errno::einval;
  if (fd_ < 0) return Errno::ebadf;
  (void)sys::close(fd_);
  fd_ = -1;
  return {};
}

inline Result<void> Ring::ring_dontfork() noexcept {
  // Caller memory (queue_init_mem) is the caller's to mark.
  if (sq_.ring_ptr == nullptr || sq_.sqes == nullptr || cq_.ring_ptr == nullptr ||
      (int_flags_ & kAppMem)) {
    return Errno::einval;
  }
  FRING_TRY(status_from(sys::madvise(sq_.sqes, sq_.sqes_sz, madv::dontfork)));
  FRING_TRY(status_from(sys::madvise(sq_.ring_ptr, sq_.ring_sz, madv::dontfork)));
  if (cq_.ring_ptr != sq_.ring_ptr) {
    FRING_TRY(status_from(sys::madvise(cq_.ring_ptr, cq_.ring_sz, madv::dontfork)));
  }
  return {};
}

inline Result<void> Ring::set_iowait(bool enable_iowait) noexcept {
  if (!(features_ & feat::no_iowait)) return Errno::eopnotsupp;
  if (enable_iowait) {
    enter_flags_ &= ~enter::no_iowait;
  } else {
    enter_flags_ |= enter::no_iowait;
  }
  return {};
}

// Maps the SQ ring, the CQ ring (shared with the SQ ring's mapping under
// feat::single_mmap) and the SQE array. Each pointer is stored as soon
// as its mmap succeeds, so unmap_rings() can undo a partial set-up.
inline Result<void> Ring::map_rings(int fd, const Params& p, uint32_t flags, uint32_t features,
                                    Sq& sq, Cq& cq) noexcept {
  // With setup::no_sqarray the SQ ring holds only the heads, tails
  // and flags, which come first in the one region both rings share.
  size_t sq_size = detail::kRingsHeader;
  if (!(flags & setup::no_sqarray)) sq_size = p.sq_off.array + p.sq_entries * sizeof(uint32_t);
  size_t cq_size = p.cq_off.cqes + ((p.cq_entries * sizeof(Cqe)) << cqe_shift_from_flags(flags));
  const bool single = (features & feat::single_mmap) != 0;
  if (single) {
    if (cq_size > sq_size) sq_size = cq_size;
    cq_size = sq_size;
  }
  FRING_TRY_ASSIGN(sq.ring_ptr, detail::map_ring_area(sq_size, mmap_off::sq_ring, fd));
  sq.ring_sz = sq_size;
  if (single) {
    cq.ring_ptr = sq.ring_ptr;
  } else {
    FRING_TRY_ASSIGN(cq.ring_ptr, detail::map_ring_area(cq_size, mmap_off::cq_ring, fd));
  }
  cq.ring_sz = cq_size;
  const size_t sqes_size = (p.sq_entries * sizeof(Sqe)) << sqe_shift_from_flags(flags);
  FRING_TRY_ASSIGN(void* sqes, detail::map_ring_area(sqes_size, mmap_off::sqes, fd));
  sq.sqes = static_cast<Sqe*>(sqes);
  sq.sqes_sz = sqes_size;
  point_into_rings(p, flags, sq, cq);
  return {};
}

// Sets the head, tail, flags and array pointers from the kernel's offsets
// into sq.ring_ptr and cq.ring_ptr, and fills the SQ index array.
inline void Ring::point_into_rings(const Params& p, uint32_t flags, Sq& sq, Cq& cq) noexcept {
  void* sqr = sq.ring_ptr;
  sq.khead = detail::at<uint32_t>(sqr, p.sq_off.head);
  sq.ktail = detail::at<uint32_t>(sqr, p.sq_off.tail);
  sq.kflags = detail::at<uint32_t>(sqr, p.sq_off.flags);
  sq.kdropped = detail::at<uint32_t>(sqr, p.sq_off.dropped);
  sq.ring_mask = *detail::at<uint32_t>(sqr, p.sq_off.ring_mask);
  sq.ring_entries = *detail::at<uint32_t>(sqr, p.sq_off.ring_entries);
  if (!(flags & setup::no_sqarray)) {
    sq.array = detail::at<uint32_t>(sqr, p.sq_off.array);
    // Identity mapping, written once: SQE slot i is submitted as index i.
    // The kernel reads it only inside io_uring_enter, which orders these stores.
    for (uint32_t i = 0; i < sq.ring_entries; ++i) write_once(&sq.array[i], i);
  }
  void* cqr = cq.ring_ptr;
  cq.khead = detail::at<uint32_t>(cqr, p.cq_off.head);
  cq.ktail = detail::at<uint32_t>(cqr, p.cq_off.tail);
  cq.koverflow = detail::at<uint32_t>(cqr, p.cq_off.overflow);
  cq.cqes = detail::at<Cqe>(cqr, p.cq_off.cqes);
  if (p.cq_off.flags != 0) cq.kflags = detail::at<uint32_t>(cqr, p.cq_off.flags);
  cq.ring_mask = *detail::at<uint32_t>(cqr, p.cq_off.ring_mask);
  cq.ring_entries = *detail::at<uint32_t>(cqr, p.cq_off.ring_entries);
  sq.slot_log2 = 6 + sqe_shift_from_flags(flags);
  cq.slot_log2 = 4 + cqe_shift_from_flags(flags);
  // Pick up where the kernel's indices are: 0 on a new ring, anything after
  // a resize. SQ_REWIND rings fill from slot 0 on every submit.
  if (flags & setup::sq_rewind) {
    sq.sqe_tail = 0;
    sq.sqe_limit = sq.ring_entries;
  } else {
    sq.sqe_tail = read_once(sq.ktail);
    sq.sqe_limit = read_once(sq.khead) + sq.ring_entries;
  }
}

inline void Ring::unmap_rings(Sq& sq, Cq& cq) noexcept {
  if (sq.sqes != nullptr) (void)sys::munmap(sq.sqes, sq.sqes_sz);
  if (cq.ring_ptr != nullptr && cq.ring_ptr != sq.ring_ptr) {
    (void)sys::munmap(cq.ring_ptr, cq.ring_sz);
  }
  if (sq.ring_ptr != nullptr) (void)sys::munmap(sq.ring_ptr, sq.ring_sz);
}

}  // namespace fring

#endif  // FRING_CORE_INTERNAL_RING_SETUP_H
