// SPDX-License-Identifier: MIT
// StaticRing<kShape>: a Ring whose shape and mode (the kShapeFlags bits of
// its setup:: flags) are part of its type. Its hot path is Ring's,
// compiled with those flags as constants: slot shifts fold away, and the
// SQPOLL, IOPOLL, SQ_REWIND and mixed-CQE tests exist only in the rings
// that have them. It is a Ring, so every free function taking a Ring& takes
// it too (and runs the run-time-shaped path, as correct and a little slower).
#ifndef FRING_CORE_STATIC_RING_H
#define FRING_CORE_STATIC_RING_H

#include <stddef.h>
#include <stdint.h>

#include "fring/core/result.h"
#include "fring/core/ring.h"
#include "fring/core/uapi/io_uring.h"

namespace fring {

/// A ring whose kShapeFlags bits are `kShape`, fixed at compile time
/// (`StaticRing<0>`: 64-byte SQEs, 16-byte CQEs, the task submits and reaps;
/// `StaticRing<setup::sqpoll | setup::cqe32>`, ...). Set-up adds
/// `kShape` to the flags and refuses any other kShapeFlags bit; the other
/// setup:: flags (SINGLE_ISSUER, DEFER_TASKRUN, COOP_TASKRUN, CQSIZE,
/// ...) stay free. Empty when default-constructed or moved from, like Ring.
template <uint32_t kShape>
class StaticRing : public Ring {
  static_assert((kShape & ~kShapeFlags) == 0,
                "StaticRing<kShape>: kShape takes only kShapeFlags bits; pass the other "
                "setup:: flags to queue_init()");

 public:
  /// The kShapeFlags bits of this ring type.
  static constexpr uint32_t shape = kShape;

  /// An empty ring, to be assigned one set up later. No liburing
  /// equivalent (a struct io_uring before io_uring_queue_init()). Any kernel.
  StaticRing() noexcept : Ring(kShape) {}
  /// Takes `other`'s ring, leaving it empty. No liburing equivalent. Any kernel.
  StaticRing(StaticRing&& other) noexcept : Ring(static_cast<Ring&&>(other), kShape) {}
  /// Tears this ring down and takes `other`'s. No liburing equivalent. Any kernel.
  StaticRing& operator=(StaticRing&& other) noexcept = default;

  /// Ring::queue_init() with `kShape` added to `flags`. Errors: einval when
  /// `flags` has a kShapeFlags bit outside `kShape`, and those of
  /// Ring::queue_init(). Matches io_uring_queue_init() in liburing.
  /// Available since Linux 5.1 (each flag has its own minimum).
  static Result<StaticRing> queue_init(unsigned entries, uint32_t flags = 0) noexcept {
    Params p{};
    p.flags = flags;
    return queue_init_params(entries, p);
  }

  /// Ring::queue_init_params() with `kShape` added to `p.flags`. Errors:
  /// einval when `p.flags` has a kShapeFlags bit outside `kShape`, and those
  /// of Ring::queue_init_params(). Matches io_uring_queue_init_params() in
  /// liburing. Available since Linux 5.1.
  static Result<StaticRing> queue_init_params(unsigned entries, Params& p) noexcept {
    if (p.flags & kShapeFlags & ~kShape) return Errno::einval;
    p.flags |= kShape;
    return init_params<StaticRing>(entries, p);
  }

  /// Ring::queue_init_mem() with `kShape` added to `p.flags`. Errors: einval
  /// when `p.flags` has a kShapeFlags bit outside `kShape`, and those of
  /// Ring::queue_init_mem(). Matches io_uring_queue_init_mem() in liburing.
  /// Available since Linux 6.5.
  static Result<StaticRing> queue_init_mem(unsigned entries, Params& p, void* buf,
                                           size_t buf_size) noexcept {
    if (p.flags & kShapeFlags & ~kShape) return Errno::einval;
    p.flags |= kShape;
    return init_mem<StaticRing>(entries, p, buf, buf_size);
  }

  /// Ring::queue_mmap() for a ring whose kShapeFlags bits are exactly
  /// `kShape`. Errors: einval when they are not (the fd stays the caller's),
  /// and those of Ring::queue_mmap(). Matches io_uring_queue_mmap() in
  /// liburing. Available since Linux 5.1.
  static Result<StaticRing> queue_mmap(int fd, Params& p) noexcept {
    if ((p.flags & kShapeFlags) != kShape) return Errno::einval;
    return init_mmap<StaticRing>(fd, p);
  }

  // The hot path with the shape fixed: each is Ring's member of the same
  // name, and does and returns what that one does (docs/api.md repeats
  // Ring's facts for each).

  /// Ring::get_sqe() for this shape.
  [[nodiscard, gnu::always_inline]] Sqe* get_sqe() noexcept { return get_sqe_as<kShape>(); }
  /// Ring::get_sqe128() for this shape.
  [[nodiscard]] Sqe* get_sqe128() noexcept { return get_sqe128_as<kShape>(); }
  /// Ring::load_sq_head() for this shape.
  [[nodiscard, gnu::always_inline]] uint32_t load_sq_head() const noexcept {
    return load_sq_head_as<kShape>();
  }
  /// Ring::sqe_shift(), as a constant.
  [[nodiscard]] static constexpr unsigned sqe_shift() noexcept {
    return sqe_shift_from_flags(kShape);
  }
  /// Ring::cqe_shift(), as a constant.
  [[nodiscard]] static constexpr unsigned cqe_shift() noexcept {
    return cqe_shift_from_flags(kShape);
  }
  /// Ring::submit() for this shape.
  [[gnu::always_inline]] Result<unsigned> submit() noexcept {
    return submit_and_wait_as<kShape>(0);
  }
  /// Ring::submit_and_wait() for this shape.
  [[gnu::always_inline]] Result<unsigned> submit_and_wait(unsigned wait_nr) noexcept {
    return submit_and_wait_as<kShape>(wait_nr);
  }
  /// Ring::sq_ready() for this shape.
  [[nodiscard, gnu::always_inline]] unsigned sq_ready() const noexcept {
    return sq_ready_as<kShape>();
  }
  /// Ring::sq_space_left() for this shape.
  [[nodiscard, gnu::always_inline]] unsigned sq_space_left() const noexcept {
    return sq().ring_entries - sq_ready();
  }
  /// Ring::peek_cqe() for this shape.
  [[gnu::always_inline]] Result<Cqe*> peek_cqe() noexcept { return peek_cqe_as<kShape>(); }
  /// Ring::wait_cqe() for this shape.
  [[gnu::always_inline]] Result<Cqe*> wait_cqe() noexcept { return wait_cqe_nr_as<kShape>(1); }
  /// Ring::wait_cqe_nr() for this shape.
  [[gnu::always_inline]] Result<Cqe*> wait_cqe_nr(unsigned wait_nr) noexcept {
    return wait_cqe_nr_as<kShape>(wait_nr);
  }
  /// Ring::cqe_iter_init() for this shape.
  [[nodiscard, gnu::always_inline]] CqeIter cqe_iter_init() const noexcept {
    return cqe_iter_init_as<kShape>();
  }
  /// Ring::for_each_cqe() for this shape.
  template <class F>
  [[gnu::always_inline]] unsigned for_each_cqe(F&& f) noexcept {
    return for_each_cqe_as<kShape>(f);
  }
  /// Ring::cqe_seen() for this shape.
  [[gnu::always_inline]] void cqe_seen(Cqe* cqe) noexcept { cqe_seen_as<kShape>(cqe); }

 private:
  friend class Ring;  // set-up makes StaticRings in place
};

}  // namespace fring

#endif  // FRING_CORE_STATIC_RING_H
