// SPDX-License-Identifier: MIT
// Ring: one io_uring instance. Getting SQEs, submitting, waiting and reaping
// CQEs are inline, so the syscall lands in the caller's loop. The hot path is
// written once, as templates over the ring's shape and mode (the
// setup:: flags in kShapeFlags): Ring reads them at run time, and
// StaticRing<kShape> (core/static_ring.h) fixes them at compile time, so
// that what its shape makes impossible costs nothing. Set-up, teardown and
// remapping are cold and live in core/internal/ring_setup.h, the slow paths
// of the waits in core/internal/ring_wait.h: parts of this header, included
// at its end.
#ifndef FRING_CORE_RING_H
#define FRING_CORE_RING_H

#include <stddef.h>
#include <stdint.h>

#include "fring/core/barrier.h"
#include "fring/core/cqe.h"
#include "fring/core/prep/nop.h"
#include "fring/core/result.h"
#include "fring/core/ring_mem.h"
#include "fring/core/sqe.h"
#include "fring/core/uapi/io_uring.h"
#include "fring/core/uapi/kernel_ptr.h"
#include "fring/syscall/syscall.h"

namespace fring {

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
              "fring supports little-endian targets only (poll masks, buffer-ring tail)");

/// The setup:: flags that decide how user space drives a ring: the
/// slot sizes (SQE128, CQE32, and the mixed rings), who consumes the SQ and
/// reaps the CQ (SQPOLL, IOPOLL), and where SQEs go (SQ_REWIND). A
/// StaticRing fixes these at compile time; every other flag stays a run-time
/// choice of either ring type.
inline constexpr uint32_t kShapeFlags = setup::sqpoll | setup::iopoll | setup::sqe128 |
                                        setup::cqe32 | setup::sqe_mixed | setup::cqe_mixed |
                                        setup::sq_rewind;

namespace detail {

// The shape argument of Ring's hot-path templates that means "read the
// flags of this ring at run time" (all bits set: no real ring has them all).
inline constexpr uint32_t kRuntimeShape = ~0U;

// What the heads, flags and CQEs of a Ring that has no ring (default
// constructed, moved from, torn down) point to: zeroes, so that its SQ looks
// full and its CQ empty without a null test on the hot path. Read-only data:
// the two words fring writes (the SQ tail, the CQ head) point into the
// empty Ring itself instead (Ring::reset()).
struct EmptyRing {
  uint32_t sq_head, sq_flags, sq_dropped, cq_tail, cq_overflow;
  Cqe cqes[2];  // a 32-byte slot, with ring_mask 0
};
// Hidden: reached without a GOT, and one per program or library is fine.
[[gnu::visibility("hidden")]] inline constexpr EmptyRing kEmptyRing{};

// A word of kEmptyRing, as the ring pointers hold it (never written through).
[[gnu::always_inline]] inline uint32_t* empty_word(const uint32_t& word) noexcept {
  return const_cast<uint32_t*>(&word);
}

}  // namespace detail

/// The user-space view of the submission queue (a Ring fills it in).
struct Sq {
  uint32_t* khead;     // kernel: first SQE it has not consumed
  uint32_t* ktail;     // us: one past the last SQE handed over
  uint32_t* kflags;    // sq_flag:: bits
  uint32_t* kdropped;  // invalid SQEs the kernel skipped
  uint32_t* array;     // index array (null with setup::no_sqarray)
  Sqe* sqes;
  uint32_t sqe_tail;   // next SQE get_sqe() hands out
  uint32_t sqe_limit;  // get_sqe() hands out SQEs up to here: a head seen + ring_entries
  uint32_t ring_mask;
  uint32_t ring_entries;
  uint32_t slot_log2;  // log2 of an SQE slot's bytes: 7 with setup::sqe128
  size_t ring_sz;      // bytes mapped at ring_ptr (0: caller memory)
  void* ring_ptr;
  size_t sqes_sz;  // bytes mapped at sqes (0: caller memory)
};

/// The user-space view of the completion queue (a Ring fills it in).
struct Cq {
  uint32_t* khead;      // us: first CQE not yet consumed
  uint32_t* ktail;      // kernel: one past the last CQE posted
  uint32_t* kflags;     // cq_flag:: bits (null before Linux 5.8)
  uint32_t* koverflow;  // CQEs lost (kernels without feat::nodrop)
  Cqe* cqes;
  uint32_t ring_mask;
  uint32_t ring_entries;
  uint32_t slot_log2;  // log2 of a CQE slot's bytes: 5 with setup::cqe32
  size_t ring_sz;
  void* ring_ptr;
};

/// A position in the CQ ring for walking ready CQEs without consuming them.
/// `head` counts CQ slots: after a walk, `head` minus the starting head is
/// what cq_advance() takes.
struct CqeIter {
  Cqe* cqes;
  uint32_t mask;
  uint32_t shift;
  uint32_t head;
  uint32_t tail;
  bool mixed;  // setup::cqe_mixed: padding and two-slot CQEs possible
};

namespace detail {

// Where CQ position `index` of walk `it` is, from the walk's own fields.
struct CqeOfIter {
  const CqeIter& it;
  [[nodiscard, gnu::always_inline]] Cqe* operator()(uint32_t index) const noexcept {
    return &it.cqes[(index & it.mask) << it.shift];
  }
};

// The CQ reader, the one that peek, batch, the iterator and for_each share:
// sets `*cqe` to the next CQE of the walk `it`, with `it.head` moved over
// any padding in front of it (cqe_flag::skip) to the CQE itself, which the
// caller steps past with cq_step(); false, with `it.head` at the stop, where
// the walk ends: at its tail, or before a 32-byte CQE that the tail or the
// end of the CQE array would cut (none the kernel wrote: mixed_cqe_whole()).
// Only setup::cqe_mixed rings have padding and two-slot CQEs: `kMixed`
// false reads one CQE per slot, which is a tail test and an index. `where`
// finds the CQE of a CQ position (a Ring's own knows its slot size).
template <bool kMixed, class Where>
[[nodiscard, gnu::always_inline]] inline bool next_cqe(CqeIter& it, Cqe** cqe,
                                                       Where where) noexcept {
  for (; it.head != it.tail; ++it.head) {
    *cqe = where(it.head);
    if constexpr (!kMixed) {
      return true;
    } else if (__builtin_expect(((*cqe)->flags & cqe_flag::skip) == 0, 1)) {
      return mixed_cqe_whole(**cqe, it.head, it.tail, it.mask);
    }
  }
  return false;
}

// The CQ slots the CQE next_cqe() found takes.
template <bool kMixed>
[[nodiscard, gnu::always_inline]] inline unsigned cq_step(const Cqe& cqe) noexcept {
  if constexpr (kMixed) return cqe_nr(cqe);
  return 1;
}

}  // namespace detail

namespace detail {

// Everything a Ring holds, as one plain aggregate, so that moving a Ring or
// emptying it is a block copy. Ring inherits it privately; no member has a
// default, so that constructing one costs nothing before Ring fills it in.
struct RingState {
  Sq sq_;
  Cq cq_;
  uint32_t flags_;
  uint32_t features_;
  int fd_;
  int enter_fd_;
  uint32_t enter_flags_;  // enter:: flags added to every enter()
  uint32_t int_flags_;
  // The SQ tail and CQ head of an empty Ring: submit() stores the tail (0)
  // and cq_advance() the head, so these are the Ring's own, not read-only.
  uint32_t empty_words_[2];
};

}  // namespace detail

/// One io_uring instance whose shape and mode are read at run time (see
/// StaticRing for one fixed at compile time). Move-only; the destructor tears
/// it down. A default-constructed or moved-from Ring is empty: it has no
/// ring, get_sqe() gives nullptr, the CQ is empty, and calls that reach the
/// kernel fail with ebadf.
class Ring : private detail::RingState {
 public:
  // -------------------------------------------------------------------------
  // Set-up and teardown (bodies in core/internal/ring_setup.h).

  /// An empty ring, to be assigned one set up later. Any kernel.
  Ring() noexcept { reset(); }

  /// Sets up a ring with `entries` SQEs (rounded up to a power of two by the
  /// kernel) and setup:: `flags`, as queue_init_params() does.
  /// Errors: einval (0 entries, bad flags), enomem, emfile/enfile, eperm (io_uring
  /// disabled), enosys (no io_uring, e.g. qemu-user). Nothing leaks on error.
  /// Matches io_uring_queue_init() in liburing. Available since Linux 5.1.
  static Result<Ring> queue_init(unsigned entries, uint32_t flags = 0) noexcept {
    Params p{};
    p.flags = flags;
    return queue_init_params(entries, p);
  }

  /// Sets up a ring from `p` (flags, cq_entries with CQSIZE, sq_thread_cpu/idle
  /// with SQPOLL, wq_fd with ATTACH_WQ); the kernel writes the sizes, features,
  /// offsets and the flags in force back into `p`. Adds
  /// setup::no_sqarray (Linux 6.6) when the kernel takes it, which drops
  /// the SQ index array, and sets up without it otherwise. Maps the rings with
  /// one mmap for both when the kernel has feat::single_mmap, two
  /// otherwise, plus one for the SQEs.
  /// Errors: as queue_init(); einval with setup::no_mmap (use
  /// queue_init_mem()). On any failure every mapping made so far is unmapped
  /// and the fd closed. Matches io_uring_queue_init_params() in liburing
  /// (which leaves the SQ array on). Available since Linux 5.1 (each flag has
  /// its own minimum).
  static Result<Ring> queue_init_params(unsigned entries, Params& p) noexcept;

  /// Sets up a ring in caller memory (setup::no_mmap, added to
  /// `p.flags`): the SQEs at `buf`, the rings right after them at the next
  /// page boundary. `buf` must be page aligned and hold
  /// memory_size_params(entries, p) bytes, which is what the ring uses at
  /// most (the rest is free for, say, another ring). Adds
  /// setup::no_sqarray where the kernel takes it, as queue_init_params()
  /// does. Before Linux 6.10 each of the two areas must also be physically
  /// contiguous when larger than a page (a huge page); later kernels take any
  /// pages. The rings area is zeroed first. The memory must outlive the ring;
  /// queue_exit() leaves it alone. With setup::registered_fd_only in
  /// `p.flags` the kernel returns a registered ring index instead of an fd
  /// (fd() is then -1). Errors: einval (`buf` not page aligned, sizes the
  /// kernel refuses, kernels before 6.5), enomem (`buf_size` too small), and
  /// those of queue_init(). Matches io_uring_queue_init_mem() in liburing
  /// (which returns the bytes used). Available since Linux 6.5.
  static Result<Ring> queue_init_mem(unsigned entries, Params& p, void* buf,
                                     size_t buf_size) noexcept;

  /// Maps ring `fd` (from io_uring_setup(2), described by the `p` it filled
  /// in) and takes ownership of the fd, which queue_exit() closes. On error
  /// nothing stays mapped and the fd remains the caller's.
  /// Errors: ebadf (negative fd), einval (NO_MMAP rings), and mmap errors
  /// (enomem, enodev for an fd that is not a ring). Matches
  /// io_uring_queue_mmap() in liburing. Available since Linux 5.1.
  static Result<Ring> queue_mmap(int fd, Params& p) noexcept;

  Ring(Ring&& other) noexcept { take(other); }
  /// Tears this ring down and takes `other`'s, leaving `other` empty. A
  /// StaticRing's shape is part of its type, so moving a ring of another
  /// shape into one (through a Ring&) is misuse: it writes "fring: a ring of
  /// another shape moved into a StaticRing" to fd 2 and traps, leaving both
  /// rings as they were. Any kernel.
  Ring& operator=(Ring&& other) noexcept {
    if (this != &other) {
      if (shape_lock_ != detail::kRuntimeShape && other.has_ring() &&
          (other.flags_ & kShapeFlags) != shape_lock_) {
        detail::misuse_shape();
      }
      queue_exit();
      take(other);
    }
    return *this;
  }
  Ring(const Ring&) = delete;
  Ring& operator=(const Ring&) = delete;
  ~Ring() { queue_exit(); }

  /// Tears the ring down: unmaps the SQEs and rings (caller memory of
  /// queue_init_mem() is left alone), unregisters a registered ring fd,
  /// closes the fd, and leaves the Ring empty. Safe to call twice; the
  /// destructor calls it. Matches io_uring_queue_exit() in liburing.
  /// Available since Linux 5.1.
  void queue_exit() noexcept;

  /// Resizes the SQ and CQ to `p.sq_entries` and, with setup::cqsize in
  /// `p.flags`, `p.cq_entries` (setup::clamp allowed too), keeping every
  /// queued SQE and unreaped CQE: queued SQEs are published first, and the
  /// kernel copies them and the CQEs across (an setup::sq_rewind ring's
  /// queued SQEs, which it does not read until a submit, are copied by
  /// fring, and must fit in `p.sq_entries`). Then maps the new rings and
  /// unmaps the old ones; CQE pointers taken before are invalid afterwards.
  /// The kernel writes the new sizes and offsets into `p`.
  /// Errors: einval (rings without setup::defer_taskrun, NO_MMAP rings,
  /// bad sizes), eoverflow (the pending SQEs or CQEs do not fit; the old rings
  /// stay), ebadf (an empty ring, or after close_ring_fd(), which leaves
  /// nothing to mmap), eexist (another task of a SINGLE_ISSUER ring), enomem.
  /// An mmap failure after the kernel resized leaves the ring usable only for
  /// queue_exit(). Matches io_uring_resize_rings() in liburing.
  /// Available since Linux 6.13.
  Result<void> resize_rings(Params& p) noexcept;

  // -------------------------------------------------------------------------
  // Submission.

  /// The next free SQE, or nullptr when the SQ is full (submit, then retry) or
  /// the ring is empty. On setup::sqe128 rings the slot is 128 bytes.
  /// The SQE holds stale data: fill it with a prep_* helper, which writes all
  /// of the first 64 bytes (see initialize_sqe()). Reads the kernel's SQ head
  /// only when the copy it keeps says the SQ is full. Matches
  /// io_uring_get_sqe() in liburing (which clears the SQE).
  /// Available since Linux 5.1.
  [[nodiscard, gnu::always_inline]] Sqe* get_sqe() noexcept {
    return get_sqe_as<detail::kRuntimeShape>();
  }

  /// A free 128-byte SQE (for op::nop128, op::uring_cmd128), or
  /// nullptr when there is no room or the ring has neither SQE128 nor
  /// SQE_MIXED. With setup::sqe128 this is get_sqe(). With
  /// setup::sqe_mixed the SQE takes two adjacent 64-byte slots, which
  /// must not straddle the end of the SQE array: when the next slot is the
  /// last one, it is first filled with a NOP flagged sqe_flag::cqe_skip_success
  /// (posting no CQE), and the SQE starts at slot 0. Only a 128-byte opcode
  /// may go in the returned SQE. Matches io_uring_get_sqe128() in liburing.
  /// Available since Linux 5.19 (SQE128), 6.19 (SQE_MIXED).
  [[nodiscard]] Sqe* get_sqe128() noexcept { return get_sqe128_as<detail::kRuntimeShape>(); }

  /// The kernel's SQ head: the first SQE it has not consumed. With SQPOLL it
  /// is read with acquire ordering, so that no slot the kernel thread is still
  /// reading is reused. Matches io_uring_load_sq_head() in liburing.
  /// Available since Linux 5.1.
  [[nodiscard, gnu::always_inline]] uint32_t load_sq_head() const noexcept {
    return load_sq_head_as<detail::kRuntimeShape>();
  }

  /// The SQ index to SQE slot shift of this ring (see sqe_shift_from_flags()).
  /// Matches io_uring_sqe_shift() in liburing. Available since Linux 5.19.
  [[nodiscard, gnu::always_inline]] unsigned sqe_shift() const noexcept {
    return sqe_shift_from_flags(flags_);
  }

  /// The CQ index to CQE slot shift of this ring (see cqe_shift_from_flags()).
  /// Matches io_uring_cqe_shift() in liburing. Available since Linux 5.19.
  [[nodiscard, gnu::always_inline]] unsigned cqe_shift() const noexcept {
    return cqe_shift_from_flags(flags_);
  }

  /// Hands every SQE obtained since the last submit to the kernel.
  /// Returns how many the kernel consumed (SQ slots: a 128-byte SQE of an
  /// SQE_MIXED ring counts two); with SQPOLL, how many SQEs the kernel
  /// thread has yet to consume (earlier ones included). Enters the kernel
  /// only when there is something to submit (and, with SQPOLL, only to wake
  /// the kernel thread), to reap on IOPOLL rings, or to flush completions
  /// held back in the kernel (CQ overflow, task work flagged by
  /// setup::taskrun_flag). Errors: ebusy (CQ overflow backlog full),
  /// eagain, ebadr (CQEs dropped), eintr, ebadf (an empty ring), and per-SQE
  /// errors such as einval/efault for the first bad SQE. Matches
  /// io_uring_submit() in liburing. Available since Linux 5.1.
  [[gnu::always_inline]] Result<unsigned> submit() noexcept {
    return submit_and_wait_as<detail::kRuntimeShape>(0);
  }

  /// Submits like submit() and waits until at least `wait_nr` CQEs are ready.
  /// Returns the number of SQEs consumed. Errors: as submit(), plus eintr
  /// while waiting (when nothing was submitted: the kernel reports a failed
  /// wait only then). Matches io_uring_submit_and_wait() in liburing.
  /// Available since Linux 5.1.
  [[gnu::always_inline]] Result<unsigned> submit_and_wait(unsigned wait_nr) noexcept {
    return submit_and_wait_as<detail::kRuntimeShape>(wait_nr);
  }

  /// Submits like submit(), then waits until `wait_nr` CQEs are ready, for at
  /// most `*ts` (relative; null: no limit), with signal mask `sigmask` (a
  /// kernel sigset, 8 bytes; a libc sigset_t* works; null: unchanged) in
  /// force while waiting. Sets `*cqe_ptr` to the first ready CQE (not
  /// consumed; fewer than `wait_nr` may be ready when the time ran out).
  /// Returns the number of SQEs submitted; when SQEs were submitted but no
  /// CQE arrived in time, that count with `*cqe_ptr` null.
  /// Errors: etime (nothing submitted and no CQE in time), einval with a
  /// timeout on kernels without feat::ext_arg, eintr, and those of
  /// submit(). Matches io_uring_submit_and_wait_timeout() in liburing.
  /// Available since Linux 5.1 (a timeout needs 5.11, feat::ext_arg).
  Result<unsigned> submit_and_wait_timeout(Cqe** cqe_ptr, unsigned wait_nr,
                                           KernelPtr<const Timespec> ts,
                                           const void* sigmask) noexcept {
    return submit_and_wait_ext(cqe_ptr, wait_nr, ts.get(), 0, sigmask);
  }

  /// submit_and_wait_timeout() with a minimum wait: the kernel waits up to
  /// `min_wait_usec` for `wait_nr` CQEs, then returns as soon as at least one
  /// is ready, or waits on until `*ts` (null: no limit) for the first.
  /// Errors: einval on kernels without feat::min_timeout, and those of
  /// submit_and_wait_timeout(). Matches io_uring_submit_and_wait_min_timeout()
  /// in liburing. Available since Linux 6.12.
  Result<unsigned> submit_and_wait_min_timeout(Cqe** cqe_ptr, unsigned wait_nr,
                                               KernelPtr<const Timespec> ts, unsigned min_wait_usec,
                                               const void* sigmask) noexcept {
    if (!(features_ & feat::min_timeout)) return Errno::einval;
    return submit_and_wait_ext(cqe_ptr, wait_nr, ts.get(), min_wait_usec, sigmask);
  }

  /// Submits like submit() and waits for `wait_nr` CQEs with the wait
  /// arguments (timeout, minimum wait, signal mask) of entry `reg_index` of
  /// the registered wait region (see register_wait_reg()). Sets `*cqe_ptr` and
  /// returns as submit_and_wait_timeout(). Errors: etime, efault (no region or
  /// `reg_index` outside it), einval (bad entry flags or sigmask_sz, kernels
  /// without feat::ext_arg, checked before anything is submitted), and
  /// those of submit(). Matches io_uring_submit_and_wait_reg() in liburing.
  /// Available since Linux 6.13.
  Result<unsigned> submit_and_wait_reg(Cqe** cqe_ptr, unsigned wait_nr,
                                       unsigned reg_index) noexcept;

  /// Submits like submit() and always enters the kernel with
  /// enter::getevents, flushing deferred completions (task work,
  /// the overflow backlog) into the CQ without waiting. Returns the number
  /// of SQEs submitted. Errors: as submit(). Matches
  /// io_uring_submit_and_get_events() in liburing. Available since Linux 5.1.
  Result<unsigned> submit_and_get_events() noexcept;

  /// Enters the kernel only to flush deferred completions into the CQ: task
  /// work of setup::defer_taskrun rings, the overflow backlog. Submits
  /// nothing and does not wait. On a DEFER_TASKRUN ring this (or any wait) is
  /// what makes completions appear; peek_cqe() calls it when the CQ is empty.
  /// Errors: ebadr (CQEs dropped), eintr, ebadf (an empty ring), and those of
  /// io_uring_enter. Matches io_uring_get_events() in liburing.
  /// Available since Linux 5.1.
  Result<void> get_events() noexcept;

  /// SQEs obtained but not yet consumed by the kernel (SQ slots).
  /// Matches io_uring_sq_ready() in liburing. Available since Linux 5.1.
  [[nodiscard, gnu::always_inline]] unsigned sq_ready() const noexcept {
    return sq_ready_as<detail::kRuntimeShape>();
  }

  /// Free SQE slots. Matches io_uring_sq_space_left() in liburing.
  /// Available since Linux 5.1.
  [[nodiscard, gnu::always_inline]] unsigned sq_space_left() const noexcept {
    return sq_.ring_entries - sq_ready();
  }

  /// Waits until get_sqe() can hand out an SQE; returns 0 at once when one is
  /// free. With SQPOLL it first publishes the queued SQEs (waking the kernel
  /// thread if it sleeps) and then waits for the thread to consume one, so
  /// that `while (!ring.get_sqe()) ring.sqring_wait();` cannot spin. Without
  /// SQPOLL only a submit frees slots, so it submits and returns what
  /// submit() returns. Errors: as submit(). Matches io_uring_sqring_wait()
  /// in liburing (which returns at once without SQPOLL, and while SQEs are
  /// queued but unpublished). Available since Linux 5.10 (enter::sq_wait).
  Result<unsigned> sqring_wait() noexcept;

  // -------------------------------------------------------------------------
  // Completion.

  /// CQ slots ready to be consumed (the CQE count, except on CQE_MIXED rings
  /// where 32-byte CQEs take two slots and padding one); never more than the
  /// ring's entries, whatever the shared tail says (the process can write it
  /// too; the kernel treats the SQ tail the same way). Matches
  /// io_uring_cq_ready() in liburing (which does not cap it).
  /// Available since Linux 5.1.
  [[nodiscard, gnu::always_inline]] unsigned cq_ready() const noexcept {
    // Ensure we read the CQEs the kernel published before its tail store.
    const uint32_t tail = load_acquire(cq_.ktail);
    return cq_span(read_own(cq_.khead), tail);
  }

  /// True when the kernel holds completions in its overflow backlog, which the
  /// next reaping call flushes into the CQ. Matches io_uring_cq_has_overflow()
  /// in liburing. Available since Linux 5.5.
  [[nodiscard, gnu::always_inline]] bool cq_has_overflow() const noexcept {
    // The kernel sets this flag asynchronously; any fresh value will do.
    return (read_once(sq_.kflags) & sq_flag::cq_overflow) != 0;
  }

  /// True unless eventfd notifications are turned off with
  /// cq_eventfd_toggle(). Matches io_uring_cq_eventfd_enabled() in liburing.
  /// Available since Linux 5.8 (always true before).
  [[nodiscard]] bool cq_eventfd_enabled() const noexcept {
    if (cq_.kflags == nullptr) return true;
    return (read_once(cq_.kflags) & cq_flag::eventfd_disabled) == 0;
  }

  /// Turns signalling of the registered eventfd (see register_eventfd()) on
  /// or off through cq_flag::eventfd_disabled in the CQ ring flags, without
  /// a syscall. Errors: eopnotsupp on kernels without CQ ring flags (before
  /// 5.8) and on an empty ring, when a change is asked for. Matches
  /// io_uring_cq_eventfd_toggle() in liburing. Available since Linux 5.8.
  Result<void> cq_eventfd_toggle(bool enabled) noexcept {
    if (enabled == cq_eventfd_enabled()) return {};
    if (cq_.kflags == nullptr) return Errno::eopnotsupp;
    uint32_t flags = read_once(cq_.kflags);
    if (enabled) {
      flags &= ~cq_flag::eventfd_disabled;
    } else {
      flags |= cq_flag::eventfd_disabled;
    }
    // The kernel reads the flag each time it posts; no other ordering needed.
    write_once(cq_.kflags, flags);
    return {};
  }

  /// The next ready CQE without waiting (CQE_MIXED padding is consumed and
  /// skipped). Enters the kernel only when the CQ is empty and completions
  /// may be held back there: the overflow backlog, task work flagged by
  /// setup::taskrun_flag, and always on setup::defer_taskrun
  /// rings without TASKRUN_FLAG, whose completions reach the CQ only when
  /// the task enters the kernel (add TASKRUN_FLAG to make an empty peek
  /// free). Errors: eagain when none is ready, ebadf (an empty ring after
  /// such an enter). Matches io_uring_peek_cqe() in liburing (which never
  /// enters for DEFER_TASKRUN task work). Available since Linux 5.1.
  [[gnu::always_inline]] Result<Cqe*> peek_cqe() noexcept {
    return peek_cqe_as<detail::kRuntimeShape>();
  }

  /// Waits for one CQE and returns it (not consumed: call cqe_seen()).
  /// Errors: eintr, ebadr, ebadf (an empty ring), and any io_uring_enter
  /// error. Matches io_uring_wait_cqe() in liburing. Available since Linux 5.1.
  [[gnu::always_inline]] Result<Cqe*> wait_cqe() noexcept { return wait_cqe_nr(1); }

  /// Waits until `wait_nr` CQ slots are ready and returns the first CQE.
  /// Errors: as wait_cqe(); eagain when `wait_nr` is 0 and none is ready.
  /// Matches io_uring_wait_cqe_nr() in liburing. Available since Linux 5.1.
  [[gnu::always_inline]] Result<Cqe*> wait_cqe_nr(unsigned wait_nr) noexcept {
    return wait_cqe_nr_as<detail::kRuntimeShape>(wait_nr);
  }

  /// Waits for one CQE for at most `*ts` (relative; null waits forever).
  /// Errors: etime when none came in time, eintr, and any io_uring_enter error; einval
  /// with a timeout on kernels without feat::ext_arg. Matches
  /// io_uring_wait_cqe_timeout() in liburing. Available since Linux 5.11
  /// (feat::ext_arg).
  Result<Cqe*> wait_cqe_timeout(KernelPtr<const Timespec> ts) noexcept {
    return wait_cqes(1, ts, nullptr);
  }

  /// Waits until `wait_nr` CQ slots are ready, for at most `*ts` (relative;
  /// null: no limit), with signal mask `sigmask` (as
  /// submit_and_wait_timeout(); null: unchanged) in force while waiting, and
  /// returns the first CQE; when the time runs out with fewer than `wait_nr`
  /// but at least one ready, that is a success too (cq_ready() tells how
  /// many). Submits nothing. Errors: etime (no CQE in time), eintr, einval
  /// with a timeout on kernels without feat::ext_arg, and any
  /// io_uring_enter error. Matches
  /// io_uring_wait_cqes() in liburing. Available since Linux 5.1 (a timeout
  /// needs 5.11, feat::ext_arg).
  Result<Cqe*> wait_cqes(unsigned wait_nr, KernelPtr<const Timespec> ts,
                         const void* sigmask) noexcept {
    return wait_cqes_ext(wait_nr, ts.get(), 0, sigmask);
  }

  /// wait_cqes() with a minimum wait: the kernel waits up to `min_wait_usec`
  /// for `wait_nr` CQEs, then returns as soon as at least one is ready, or
  /// waits on until `*ts` (null: no limit) for the first. Errors: einval on
  /// kernels without feat::min_timeout, and those of wait_cqes().
  /// Matches io_uring_wait_cqes_min_timeout() in liburing.
  /// Available since Linux 6.12.
  Result<Cqe*> wait_cqes_min_timeout(unsigned wait_nr, KernelPtr<const Timespec> ts,
                                     unsigned min_wait_usec, const void* sigmask) noexcept {
    if (!(features_ & feat::min_timeout)) return Errno::einval;
    return wait_cqes_ext(wait_nr, ts.get(), min_wait_usec, sigmask);
  }

  /// Fills `cqes` with up to `count` ready CQEs without consuming them and
  /// returns how many; flushes deferred completions first if the CQ is empty
  /// (as peek_cqe() does). On CQE_MIXED rings padding at the head is consumed
  /// and the batch stops before padding further on, so that calling
  /// cqe_seen() on each returned CQE consumes exactly the batch. Matches
  /// io_uring_peek_batch_cqe() in liburing. Available since Linux 5.1.
  unsigned peek_batch_cqe(Cqe** cqes, unsigned count) noexcept;

  /// Starts a walk over the CQEs ready now, at most the ring's entries (see
  /// cq_ready() and cqe_iter_next()).
  /// Matches io_uring_cqe_iter_init() in liburing. Available since Linux 5.1.
  [[nodiscard, gnu::always_inline]] CqeIter cqe_iter_init() const noexcept {
    return cqe_iter_init_as<detail::kRuntimeShape>();
  }

  /// Sets `*cqe` to the next CQE of the walk; false at its end. Steps over
  /// both slots of a 32-byte CQE_MIXED CQE and over padding, and ends before
  /// one that the tail or the end of the CQE array would cut. Consumes
  /// nothing: follow with cq_advance(it.head - starting head).
  /// Matches io_uring_cqe_iter_next() in liburing (which also yields padding).
  /// Available since Linux 5.1.
  [[gnu::always_inline]] static bool cqe_iter_next(CqeIter& it, Cqe** cqe) noexcept {
    const detail::CqeOfIter where{it};
    if (!(it.mixed ? detail::next_cqe<true>(it, cqe, where)
                   : detail::next_cqe<false>(it, cqe, where))) {
      return false;
    }
    it.head += it.mixed ? detail::cq_step<true>(**cqe) : detail::cq_step<false>(**cqe);
    return true;
  }

  /// Calls `f(Cqe&)` for each CQE ready now and returns the CQ slots walked
  /// (the CQE count, except on CQE_MIXED rings; at most the ring's entries,
  /// as cq_ready()); consumes nothing: follow with cq_advance() of that
  /// number. Never enters the kernel: on DEFER_TASKRUN rings completions
  /// appear only after an enter (a wait, get_events()). `f` may queue SQEs
  /// and submit them (submit(), submit_and_wait()): the walk ends at the
  /// tail it read first, so their CQEs come in a later walk; a wait inside
  /// `f` counts the walk's CQEs as ready, since they are not consumed yet.
  /// `f` must not consume CQEs of this ring (cq_advance(), cqe_seen(), or
  /// peek, wait and walk calls, which would hand out the walk's CQEs
  /// again), nor move, resize or tear down the ring. Matches the
  /// io_uring_for_each_cqe() macro of liburing. Available since Linux 5.1.
  template <class F>
  [[gnu::always_inline]] unsigned for_each_cqe(F&& f) noexcept {
    return for_each_cqe_as<detail::kRuntimeShape>(f);
  }

  /// Marks `nr` CQ slots consumed, freeing them for the kernel (a 32-byte
  /// CQE of a CQE_MIXED ring takes cqe_nr() == 2).
  /// Matches io_uring_cq_advance() in liburing. Available since Linux 5.1.
  [[gnu::always_inline]] void cq_advance(unsigned nr) noexcept {
    // Ensure the kernel sees the new head only after we have read the CQEs.
    store_release(cq_.khead, read_own(cq_.khead) + nr);
  }

  /// Marks one CQE (the one peek/wait returned) consumed, with all its slots.
  /// Matches io_uring_cqe_seen() in liburing. Available since Linux 5.1.
  [[gnu::always_inline]] void cqe_seen(Cqe* cqe) noexcept {
    cqe_seen_as<detail::kRuntimeShape>(cqe);
  }

  // -------------------------------------------------------------------------
  // The ring fd and enter flags (bodies in core/internal/ring_setup.h).

  /// Registers the ring fd with itself, so that later io_uring_enter calls
  /// skip the fd lookup. Errors: eexist when already registered, ebusy,
  /// einval, enomem, ebadf (an empty ring). Matches
  /// io_uring_register_ring_fd() in liburing. Available since Linux 5.18.
  Result<void> register_ring_fd() noexcept;

  /// Drops the registration made by register_ring_fd(). Errors: einval when
  /// none; ebadf after close_ring_fd(), which left the registered fd as the
  /// ring's only handle (queue_exit() drops it), and on an empty ring.
  /// Matches io_uring_unregister_ring_fd() in liburing (which lets the last
  /// handle go). Available since Linux 5.18.
  Result<void> unregister_ring_fd() noexcept;

  /// Closes the ring's real fd, leaving only the registered one (the ring then
  /// works only from this task). Errors: eopnotsupp without
  /// feat::reg_reg_ring, einval without register_ring_fd(), ebadf if
  /// already closed. Matches io_uring_close_ring_fd() in liburing.
  /// Available since Linux 6.3.
  Result<void> close_ring_fd() noexcept;

  /// Keeps the ring's mappings out of fork()ed children (MADV_DONTFORK).
  /// Errors: einval (an empty ring, or caller memory from queue_init_mem(),
  /// which the caller marks itself), enomem. Matches io_uring_ring_dontfork()
  /// in liburing. Available since Linux 5.1.
  Result<void> ring_dontfork() noexcept;

  /// With `enable_iowait` false, waits no longer count as I/O wait for the
  /// CPU's iowait statistics and frequency boost (enter::no_iowait on
  /// every later io_uring_enter); true restores the default. Errors:
  /// eopnotsupp on kernels without feat::no_iowait. Matches
  /// io_uring_set_iowait() in liburing. Available since Linux 6.15.
  Result<void> set_iowait(bool enable_iowait) noexcept;

  /// Calls io_uring_register(2) on this ring, through the registered ring fd
  /// when the kernel allows it. Returns the kernel's non-negative result.
  /// The typed register_* functions are built on it. Errors: those of the
  /// operation; ebadf on an empty ring. Matches io_uring_register() in
  /// liburing (which takes the fd). Linux 5.1.
  Result<unsigned> register_op(unsigned opcode, const void* arg, unsigned nr_args) noexcept {
    if (enter_fd_ < 0) return Errno::ebadf;  // fd -1 would mean "no ring" to the kernel
    int fd = fd_;
    if (int_flags_ & kRegRegRing) {
      fd = enter_fd_;
      opcode |= reg_op::use_registered_ring;
    }
    return result_from<unsigned>(sys::uring_register(fd, opcode, arg, nr_args));
  }

  /// Calls io_uring_enter(2) on this ring with `flags` plus enter_flags()
  /// (through the registered ring fd when there is one) and returns the
  /// number of SQEs consumed, which the ring books as submitted. Submits SQEs
  /// only if they were published (by submit() and friends). Errors: those of
  /// io_uring_enter; ebadf on an empty ring. Matches io_uring_enter2() in
  /// liburing (which takes the fd). Linux 5.1.
  [[gnu::always_inline]] Result<unsigned> enter(unsigned to_submit, unsigned min_complete,
                                                unsigned flags, const void* arg,
                                                size_t argsz) noexcept {
    const long r =
        sys::uring_enter2(enter_fd_, to_submit, min_complete, flags | enter_flags_, arg, argsz);
    if (__builtin_expect(detail::is_raw_error(r), 0)) return static_cast<Errno>(-r);
    sq_consumed(flags_, static_cast<unsigned>(r));
    return static_cast<unsigned>(r);
  }

  // -------------------------------------------------------------------------
  // Accessors.

  /// True when this Ring has a ring (it is not empty). Any kernel.
  [[nodiscard]] bool is_open() const noexcept { return enter_fd_ >= 0; }
  /// The ring fd (-1 when empty, after close_ring_fd() or with REGISTERED_FD_ONLY).
  [[nodiscard]] int fd() const noexcept { return fd_; }
  /// The fd or registered index that enter() uses (-1 when empty).
  [[nodiscard]] int enter_fd() const noexcept { return enter_fd_; }
  /// The setup:: flags in force (NO_SQARRAY included when set-up added it).
  [[nodiscard]] uint32_t flags() const noexcept { return flags_; }
  /// The feat:: bits the kernel reported.
  [[nodiscard]] uint32_t features() const noexcept { return features_; }
  /// The enter:: flags every enter() adds (REGISTERED_RING, NO_IOWAIT).
  [[nodiscard]] uint32_t enter_flags() const noexcept { return enter_flags_; }
  /// True when enter() goes through a registered ring index.
  [[nodiscard]] bool ring_fd_registered() const noexcept {
    return (enter_flags_ & enter::registered_ring) != 0;
  }
  /// The submission queue state.
  [[nodiscard]] const Sq& sq() const noexcept { return sq_; }
  /// The completion queue state.
  [[nodiscard]] const Cq& cq() const noexcept { return cq_; }

 protected:
  // A StaticRing: an empty ring, or one moved from `other`, whose
  // kShapeFlags bits must stay `shape_lock`.
  explicit Ring(uint32_t shape_lock) noexcept : shape_lock_(shape_lock) { reset(); }
  Ring(Ring&& other, uint32_t shape_lock) noexcept : shape_lock_(shape_lock) { take(other); }

  // Set-up, once, for both ring types: R is Ring or a StaticRing, made in
  // place (bodies in core/internal/ring_setup.h).
  template <class R>
  static Result<R> init_params(unsigned entries, Params& p) noexcept;
  template <class R>
  static Result<R> init_mem(unsigned entries, Params& p, void* buf, size_t buf_size) noexcept;
  template <class R>
  static Result<R> init_mmap(int fd, Params& p) noexcept;

  // -------------------------------------------------------------------------
  // The hot path, once, for both ring types. `S` is the ring's shape: the
  // kShapeFlags bits fixed at compile time (StaticRing), or
  // detail::kRuntimeShape to read them from flags_ (Ring). Each function
  // reads the shape once (shape<S>()) and tests bits of that value, which
  // are constants in a StaticRing and one register in a Ring.

  template <uint32_t S>
  [[nodiscard, gnu::always_inline]] uint32_t shape() const noexcept {
    if constexpr (S == detail::kRuntimeShape) {
      return flags_;
    } else {
      return S;
    }
  }

  // The slot of SQ index `index`: its byte offset is the masked index
  // shifted by the slot size's log2, a constant in a StaticRing and a field
  // (one load, one shift) in a Ring.
  template <uint32_t S>
  [[nodiscard, gnu::always_inline]] Sqe* sqe_at(uint32_t index) const noexcept {
    const size_t slot = index & sq_.ring_mask;
    if constexpr (S == detail::kRuntimeShape) {
      return reinterpret_cast<Sqe*>(reinterpret_cast<char*>(sq_.sqes) + (slot << sq_.slot_log2));
    } else {
      return &sq_.sqes[slot << sqe_shift_from_flags(S)];
    }
  }

  template <uint32_t S>
  [[nodiscard, gnu::always_inline]] Cqe* cqe_at(uint32_t index) const noexcept {
    const size_t slot = index & cq_.ring_mask;
    if constexpr (S == detail::kRuntimeShape) {
      return reinterpret_cast<Cqe*>(reinterpret_cast<char*>(cq_.cqes) + (slot << cq_.slot_log2));
    } else {
      return &cq_.cqes[slot << cqe_shift_from_flags(S)];
    }
  }

  // cqe_at<S> as the CQ reader's `where`.
  template <uint32_t S>
  [[nodiscard, gnu::always_inline]] auto cqe_of() const noexcept {
    return [this](uint32_t index) { return cqe_at<S>(index); };
  }

  [[nodiscard, gnu::always_inline]] uint32_t load_sq_head(uint32_t shape) const noexcept {
    // Ensure we reuse no slot before the SQPOLL thread has read it.
    if (shape & setup::sqpoll) return load_acquire(sq_.khead);
    // Without SQPOLL the head moves only inside our own io_uring_enter calls.
    return read_once(sq_.khead);
  }

  template <uint32_t S>
  [[nodiscard, gnu::always_inline]] uint32_t load_sq_head_as() const noexcept {
    return load_sq_head(shape<S>());
  }

  // The kernel's head as far as get_sqe() knows (it may lag the real one).
  [[nodiscard, gnu::always_inline]] uint32_t known_sq_head() const noexcept {
    return sq_.sqe_limit - sq_.ring_entries;
  }

  // Learns how far the kernel has consumed the SQ, so that get_sqe() can
  // hand out the slots it freed; true when at least `need` slots are free
  // after `tail` (the caller's copy of sqe_tail).
  [[gnu::always_inline]] bool refresh_sq_limit(uint32_t shape, uint32_t tail,
                                               uint32_t need) noexcept {
    // SQ_REWIND rings start over at slot 0 after each submit; the kernel's
    // head means nothing there.
    if (!(shape & setup::sq_rewind)) sq_.sqe_limit = load_sq_head(shape) + sq_.ring_entries;
    return sq_.sqe_limit - tail >= need;
  }

  template <uint32_t S>
  [[nodiscard, gnu::always_inline]] Sqe* get_sqe_as() noexcept {
    const uint32_t tail = sq_.sqe_tail;
    // A stale limit can only make the SQ look fuller than it is.
    if (__builtin_expect(tail == sq_.sqe_limit, 0) && !refresh_sq_limit(shape<S>(), tail, 1)) {
      return nullptr;
    }
    sq_.sqe_tail = tail + 1;
    return sqe_at<S>(tail);
  }

  template <uint32_t S>
  [[nodiscard]] Sqe* get_sqe128_as() noexcept {
    const uint32_t f = shape<S>();
    if (f & setup::sqe128) return get_sqe_as<S>();
    if (!(f & setup::sqe_mixed)) return nullptr;
    uint32_t tail = sq_.sqe_tail;
    const bool wraps = ((tail + 1) & sq_.ring_mask) == 0;
    const uint32_t need = wraps ? 3 : 2;  // padding plus two slots, or two
    if (sq_.sqe_limit - tail < need && !refresh_sq_limit(f, tail, need)) return nullptr;
    if (wraps) {
      Sqe* pad = sqe_at<S>(tail);
      prep_nop(*pad);
      pad->flags = sqe_flag::cqe_skip_success;
      ++tail;
    }
    sq_.sqe_tail = tail + 2;
    return sqe_at<S>(tail);
  }

  template <uint32_t S>
  [[nodiscard, gnu::always_inline]] unsigned sq_ready_as() const noexcept {
    const uint32_t f = shape<S>();
    if (f & setup::sq_rewind) return sq_.sqe_tail;
    return sq_.sqe_tail - load_sq_head(f);
  }

  // Publishes the SQEs obtained so far; returns how many SQEs the kernel has
  // yet to consume (without SQPOLL: at most that many, the count to submit).
  [[gnu::always_inline]] unsigned flush_sq(uint32_t shape) noexcept {
    const uint32_t tail = sq_.sqe_tail;
    if (__builtin_expect(!(shape & (setup::sqpoll | setup::sq_rewind)), 1)) {
      // The kernel reads the tail only in our io_uring_enter call, which
      // orders the SQE stores before it.
      write_once(sq_.ktail, tail);
      return tail - known_sq_head();
    }
    // The kernel ignores the tail of SQ_REWIND rings: everything from slot 0
    // up to the count we pass is to be submitted.
    if (shape & setup::sq_rewind) return tail;
    // Ensure the SQPOLL thread sees the SQE contents before the new tail.
    store_release(sq_.ktail, tail);
    return tail - load_sq_head(shape);
  }

  // Books `consumed` SQEs that our io_uring_enter call submitted.
  [[gnu::always_inline]] void sq_consumed(uint32_t shape, unsigned consumed) noexcept {
    if (__builtin_expect(!(shape & (setup::sqpoll | setup::sq_rewind)), 1)) {
      sq_.sqe_limit += consumed;
    } else if (shape & setup::sq_rewind) {
      rewind_sq(consumed);
    }
    // The SQPOLL thread consumes on its own; its enter returns what we asked.
  }

  // SQ_REWIND: the next submit starts at slot 0 again, so SQEs the kernel
  // did not take (it stopped at a failed link) move to the front.
  void rewind_sq(unsigned consumed) noexcept {
    const uint32_t left = sq_.sqe_tail - consumed;
    if (left != 0 && consumed != 0) {
      __builtin_memmove(sq_.sqes, sqe_at<detail::kRuntimeShape>(consumed),
                        (size_t{left} * sizeof(Sqe)) << sqe_shift());
    }
    sq_.sqe_tail = left;
  }

  // True when `pending` SQEs need an io_uring_enter to be submitted; adds
  // the SQPOLL wake-up to `flags` when the kernel thread sleeps.
  [[gnu::always_inline]] bool sq_ring_needs_enter(uint32_t shape, unsigned pending,
                                                  unsigned& flags) const noexcept {
    if (pending == 0) return false;
    if (!(shape & setup::sqpoll)) return true;
    // Ensure the kernel sees our tail store before we read its wake-up flag,
    // or a sleeping SQPOLL thread could miss the new SQEs.
    full_fence();
    if (read_once(sq_.kflags) & sq_flag::need_wakeup) {
      flags |= enter::sq_wakeup;
      return true;
    }
    return false;
  }

  [[nodiscard, gnu::always_inline]] bool cq_ring_needs_flush() const noexcept {
    // Overflowed or deferred completions only reach the CQ inside the kernel.
    return (read_once(sq_.kflags) & (sq_flag::cq_overflow | sq_flag::taskrun)) != 0;
  }

  // True when reaping needs the kernel even though nobody asked to wait:
  // IOPOLL rings reap by polling in io_uring_enter, unless the SQPOLL thread
  // polls for them; and held-back completions must be flushed.
  [[nodiscard, gnu::always_inline]] bool cq_ring_needs_enter(uint32_t shape) const noexcept {
    if ((shape & (setup::iopoll | setup::sqpoll)) == setup::iopoll) return true;
    return cq_ring_needs_flush();
  }

  template <uint32_t S>
  [[gnu::always_inline]] Result<unsigned> submit_and_wait_as(unsigned wait_nr) noexcept {
    const uint32_t f = shape<S>();
    const unsigned pending = flush_sq(f);
    unsigned flags = 0;
    bool need_enter;
    // The common case first, so that a Ring tests its shape once here.
    if (__builtin_expect(!(f & (setup::sqpoll | setup::sq_rewind)), 1)) {
      need_enter = pending != 0;
    } else {
      need_enter = sq_ring_needs_enter(f, pending, flags);
    }
    if (wait_nr > 0 || cq_ring_needs_enter(f)) {
      flags |= enter::getevents;
      need_enter = true;
    }
    if (!need_enter) return pending;
    const long r = sys::uring_enter_nosig(enter_fd_, pending, wait_nr, flags | enter_flags_);
    if (__builtin_expect(detail::is_raw_error(r), 0)) return static_cast<Errno>(-r);
    sq_consumed(f, static_cast<unsigned>(r));
    return static_cast<unsigned>(r);
  }

  // The CQ slots from `head` to the kernel's `tail`, at most the ring's
  // entries: the tail is shared memory the process can write too, and no
  // walk may go round the ring more than once.
  [[nodiscard, gnu::always_inline]] uint32_t cq_span(uint32_t head, uint32_t tail) const noexcept {
    const uint32_t n = tail - head;
    // Against the mask, which indexing keeps at hand; a full ring (and an
    // empty Ring, whose mask and entries are 0) takes the other branch.
    return __builtin_expect(n <= cq_.ring_mask, 1) ? n : cq_.ring_entries;
  }

  // The CQE at the head (the reader's first), consuming CQE_MIXED padding
  // in front of it; `available` is the CQ slots ready from it on.
  template <uint32_t S>
  [[gnu::always_inline]] Cqe* peek(unsigned& available) noexcept {
    if (!(shape<S>() & setup::cqe_mixed)) {
      // Ensure we read the CQE contents the kernel wrote before its tail store.
      const uint32_t tail = load_acquire(cq_.ktail);
      const uint32_t head = read_own(cq_.khead);
      // Only compared with a wait's count, and one CQE is read at a masked
      // index: a tail too far ahead does no harm, so it is not capped.
      available = tail - head;
      CqeIter it{cq_.cqes, cq_.ring_mask, cqe_shift_from_flags(shape<S>()), head, tail, false};
      Cqe* cqe;
      return detail::next_cqe<false>(it, &cqe, cqe_of<S>()) ? cqe : nullptr;
    }
    CqeIter it = cqe_iter_init_as<S>();
    const uint32_t head = it.head;
    Cqe* cqe;
    if (!detail::next_cqe<true>(it, &cqe, cqe_of<S>())) cqe = nullptr;
    // Padding can only be consumed: the next CQE starts after it.
    if (it.head != head) cq_advance(it.head - head);
    available = it.tail - it.head;
    return cqe;
  }

  template <uint32_t S>
  [[gnu::always_inline]] Result<Cqe*> peek_cqe_as() noexcept {
    unsigned available;
    if (Cqe* cqe = peek<S>(available)) return cqe;
    return wait_for(0, 0, nullptr, sys::nsig_bytes, false);
  }

  template <uint32_t S>
  [[gnu::always_inline]] Result<Cqe*> wait_cqe_nr_as(unsigned wait_nr) noexcept {
    unsigned available;
    if (Cqe* cqe = peek<S>(available); cqe != nullptr && available >= wait_nr) return cqe;
    return wait_for(wait_nr, 0, nullptr, sys::nsig_bytes, false);
  }

  template <uint32_t S>
  [[nodiscard, gnu::always_inline]] CqeIter cqe_iter_init_as() const noexcept {
    const uint32_t f = shape<S>();
    // Ensure the CQE contents are visible before we trust the tail.
    const uint32_t tail = load_acquire(cq_.ktail);
    const uint32_t head = read_own(cq_.khead);
    return CqeIter{cq_.cqes,
                   cq_.ring_mask,
                   (f & setup::cqe32) ? 1U : 0U,
                   head,
                   head + cq_span(head, tail),
                   (f & setup::cqe_mixed) != 0};
  }

  template <uint32_t S, class F>
  [[gnu::always_inline]] unsigned for_each_cqe_as(F& f) noexcept {
    CqeIter it = cqe_iter_init_as<S>();
    const uint32_t head = it.head;
    Cqe* cqe;
    if (!(shape<S>() & setup::cqe_mixed)) {
      // One CQE per slot: the loop the compiler can keep tight.
      while (detail::next_cqe<false>(it, &cqe, cqe_of<S>())) {
        f(*cqe);
        ++it.head;
      }
    } else {
      while (detail::next_cqe<true>(it, &cqe, cqe_of<S>())) {
        f(*cqe);
        it.head += detail::cq_step<true>(*cqe);
      }
    }
    return it.head - head;
  }

  template <uint32_t S>
  [[gnu::always_inline]] void cqe_seen_as(Cqe* cqe) noexcept {
    if (cqe == nullptr) return;
    cq_advance((shape<S>() & setup::cqe_mixed) ? cqe_nr(*cqe) : 1);
  }

 private:
  static constexpr uint32_t kRegRegRing = 1;  // register calls may use enter_fd_
  static constexpr uint32_t kAppMem = 2;      // ring memory belongs to the caller

  // The kShapeFlags bits a StaticRing's type fixes; kRuntimeShape in a Ring.
  // Outside RingState, so that moving and emptying leave it alone.
  uint32_t shape_lock_ = detail::kRuntimeShape;

  // True when this Ring has a ring (mapped or in caller memory), false when
  // it is empty: its queue pointers are on the placeholders of reset().
  [[nodiscard]] bool has_ring() const noexcept { return sq_.ktail != &empty_words_[0]; }

  // Makes this Ring empty: no ring, the queue pointers on the placeholders.
  void reset() noexcept {
    static_cast<detail::RingState&>(*this) = detail::RingState{};
    fd_ = -1;
    enter_fd_ = -1;
    sq_.slot_log2 = 6;
    cq_.slot_log2 = 4;
    const detail::EmptyRing& empty = detail::kEmptyRing;
    sq_.khead = detail::empty_word(empty.sq_head);
    sq_.ktail = &empty_words_[0];
    sq_.kflags = detail::empty_word(empty.sq_flags);
    sq_.kdropped = detail::empty_word(empty.sq_dropped);
    cq_.khead = &empty_words_[1];
    cq_.ktail = detail::empty_word(empty.cq_tail);
    cq_.koverflow = detail::empty_word(empty.cq_overflow);
    cq_.cqes = const_cast<Cqe*>(empty.cqes);
  }

  void take(Ring& other) noexcept {
    const bool empty = !other.has_ring();
    static_cast<detail::RingState&>(*this) = other;
    if (empty) reset();  // its placeholder words are other's
    other.reset();
  }

  // Cold helpers, defined in core/internal/ring_setup.h.
  Result<void> drop_ring_fd() noexcept;
  template <class Attempt>
  static long setup_fd(Params& p, Attempt attempt) noexcept;
  template <class R>
  static Result<R> setup_mapped(unsigned entries, Params& p) noexcept;
  template <class R>
  static Result<R> setup_in(unsigned entries, Params& p, void* buf, size_t buf_size) noexcept;
  static Result<void> map_rings(int fd, const Params& p, uint32_t flags, uint32_t features, Sq& sq,
                                Cq& cq) noexcept;
  static void point_into_rings(const Params& p, uint32_t flags, Sq& sq, Cq& cq) noexcept;
  static void unmap_rings(Sq& sq, Cq& cq) noexcept;

  // Slow paths, defined in core/internal/ring_wait.h.
  unsigned batch(Cqe** cqes, unsigned count) noexcept;
  Result<unsigned> submit_and_wait_ext(Cqe** cqe_ptr, unsigned wait_nr, const Timespec* ts,
                                       unsigned min_wait_usec, const void* sigmask) noexcept;
  Result<Cqe*> wait_cqes_ext(unsigned wait_nr, const Timespec* ts, unsigned min_wait_usec,
                             const void* sigmask) noexcept;
  static GeteventsArg getevents_arg(const Timespec* ts, unsigned min_wait_usec,
                                    const void* sigmask) noexcept;
  Result<Cqe*> wait_for(unsigned wait_nr, unsigned get_flags, const void* arg, size_t argsz,
                        bool has_ts) noexcept;
  Result<unsigned> get_cqe(Cqe** out, unsigned submit, unsigned wait_nr, unsigned get_flags,
                           const void* arg, size_t argsz, bool has_ts) noexcept;
  static Result<unsigned> finish(Cqe** out, Cqe* cqe, unsigned submitted, Errno error) noexcept;
  [[nodiscard]] bool completions_held_back() const noexcept;
};

}  // namespace fring

// The bodies of Ring's cold members, kept apart from the hot path above.
#include "fring/core/internal/ring_setup.h"
#include "fring/core/internal/ring_wait.h"

#endif  // FRING_CORE_RING_H
