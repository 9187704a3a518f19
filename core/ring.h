// SPDX-License-Identifier: MIT
// Ring: one io_uring instance. Getting SQEs, submitting, waiting and reaping
// CQEs are inline, so the syscall lands in the caller's loop; they handle
// every ring shape (64- or 128-byte SQEs, 16- or 32-byte CQEs, and the mixed
// rings that hold both). Set-up, teardown and remapping are cold and live in
// core/ring_setup.h; the slow paths of timed and registered waits live in
// core/ring_wait.h. This header includes both at its end.
#ifndef FRING_CORE_RING_H
#define FRING_CORE_RING_H

#include <stddef.h>
#include <stdint.h>

#include "fring/core/barrier.h"
#include "fring/core/prep/rw.h"
#include "fring/core/result.h"
#include "fring/core/ring_mem.h"
#include "fring/core/uapi/io_uring.h"
#include "fring/syscall/syscall.h"

namespace fring {

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
              "fring supports little-endian targets only (poll masks, buffer-ring tail)");

/// The user-space view of the submission queue.
struct Sq {
  uint32_t* khead = nullptr;     // kernel: first SQE it has not consumed
  uint32_t* ktail = nullptr;     // us: one past the last SQE handed to the kernel
  uint32_t* kflags = nullptr;    // IORING_SQ_* flags
  uint32_t* kdropped = nullptr;  // invalid SQEs the kernel skipped
  uint32_t* array = nullptr;     // index array (null with IORING_SETUP_NO_SQARRAY)
  Sqe* sqes = nullptr;
  uint32_t sqe_head = 0;  // first SQE not yet published to the kernel
  uint32_t sqe_tail = 0;  // next SQE get_sqe() hands out
  uint32_t ring_mask = 0;
  uint32_t ring_entries = 0;
  size_t ring_sz = 0;  // bytes mapped at ring_ptr (0: caller memory)
  void* ring_ptr = nullptr;
  size_t sqes_sz = 0;  // bytes mapped at sqes (0: caller memory)
};

/// The user-space view of the completion queue.
struct Cq {
  uint32_t* khead = nullptr;      // us: first CQE not yet consumed
  uint32_t* ktail = nullptr;      // kernel: one past the last CQE posted
  uint32_t* kflags = nullptr;     // IORING_CQ_* flags, written by us (null before Linux 5.8)
  uint32_t* koverflow = nullptr;  // CQEs lost (kernels without IORING_FEAT_NODROP)
  Cqe* cqes = nullptr;
  uint32_t ring_mask = 0;
  uint32_t ring_entries = 0;
  size_t ring_sz = 0;
  void* ring_ptr = nullptr;
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
};

/// How many CQ slots `cqe` takes: 2 for a 32-byte CQE of an
/// IORING_SETUP_CQE_MIXED ring (IORING_CQE_F_32), else 1 (also on CQE32
/// rings, whose slots are 32 bytes). Matches io_uring_cqe_nr() in liburing.
/// Available since Linux 5.1 (2 only since Linux 6.18).
[[nodiscard, gnu::always_inline]] inline unsigned cqe_nr(const Cqe& cqe) noexcept {
  return 1U << ((cqe.flags & IORING_CQE_F_32) != 0 ? 1 : 0);
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
  sqe.__pad2[0] = 0;
}

/// One io_uring instance. Move-only; the destructor tears it down.
class Ring {
 public:
  // -------------------------------------------------------------------------
  // Set-up and teardown (bodies in core/ring_setup.h).

  /// Sets up a ring with `entries` SQEs (rounded up to a power of two by the
  /// kernel) and IORING_SETUP_* `flags`.
  /// Errors: einval (0 entries, bad flags), enomem, emfile/enfile, eperm (io_uring
  /// disabled), enosys (no io_uring, e.g. qemu-user). Nothing leaks on error.
  /// Matches io_uring_queue_init() in liburing. Available since Linux 5.1.
  static Result<Ring> queue_init(unsigned entries, uint32_t flags = 0) noexcept {
    Params p{};
    p.flags = flags;
    return queue_init_params(entries, p);
  }

  /// Sets up a ring from `p` (flags, cq_entries with CQSIZE, sq_thread_cpu/idle
  /// with SQPOLL, wq_fd with ATTACH_WQ); the kernel writes the sizes, features
  /// and offsets back into `p`. Maps the rings with one mmap for both when the
  /// kernel has IORING_FEAT_SINGLE_MMAP, two otherwise, plus one for the SQEs.
  /// Errors: as queue_init(); einval with IORING_SETUP_NO_MMAP (use
  /// queue_init_mem()). On any failure every mapping made so far is unmapped
  /// and the fd closed. Matches io_uring_queue_init_params() in liburing.
  /// Available since Linux 5.1 (each flag has its own minimum).
  static Result<Ring> queue_init_params(unsigned entries, Params& p) noexcept;

  /// Sets up a ring in caller memory (IORING_SETUP_NO_MMAP, added to
  /// `p.flags`): the SQEs at `buf`, the rings right after them at the next
  /// page boundary. `buf` must be page aligned and hold
  /// memory_size_params(entries, p) bytes, which is what the ring uses (the
  /// rest is free for, say, another ring). Before Linux 6.10 each of the two
  /// areas must also be physically contiguous when larger than a page (a
  /// huge page); later kernels take any pages. The rings area is zeroed
  /// first. The memory must outlive the ring; queue_exit() leaves it alone. With IORING_SETUP_REGISTERED_FD_ONLY
  /// in `p.flags` the kernel returns a registered ring index instead of an
  /// fd (fd() is then -1). Errors: einval (`buf` not page aligned, sizes
  /// the kernel refuses, kernels before 6.5), enomem (`buf_size` too small),
  /// and those of queue_init(). Matches io_uring_queue_init_mem() in
  /// liburing (which returns the bytes used). Available since Linux 6.5.
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
  Ring& operator=(Ring&& other) noexcept {
    if (this != &other) {
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
  /// closes the fd. Safe to call twice; the destructor calls it.
  /// Matches io_uring_queue_exit() in liburing. Available since Linux 5.1.
  void queue_exit() noexcept;

  /// Resizes the SQ and CQ to `p.sq_entries` and, with IORING_SETUP_CQSIZE in
  /// `p.flags`, `p.cq_entries` (IORING_SETUP_CLAMP allowed too), keeping every
  /// queued SQE and unreaped CQE: queued SQEs are published first, and the
  /// kernel copies them and the CQEs across. Then maps the new rings and
  /// unmaps the old ones; CQE pointers taken before are invalid afterwards.
  /// The kernel writes the new sizes and offsets into `p`.
  /// Errors: einval (rings without IORING_SETUP_DEFER_TASKRUN, NO_MMAP rings,
  /// bad sizes), eoverflow (the pending SQEs or CQEs do not fit; the old rings
  /// stay), ebadf (after close_ring_fd(), which leaves nothing to mmap),
  /// eexist (another task of a SINGLE_ISSUER ring), enomem. An mmap failure
  /// after the kernel resized leaves the ring usable only for queue_exit().
  /// Matches io_uring_resize_rings() in liburing. Available since Linux 6.13.
  Result<void> resize_rings(Params& p) noexcept;

  // -------------------------------------------------------------------------
  // Submission.

  /// The next free SQE, or nullptr when the SQ is full (submit, then retry).
  /// On IORING_SETUP_SQE128 rings the slot is 128 bytes. The SQE holds stale
  /// data: fill it with a prep_* helper, which writes all of the first 64
  /// bytes (see initialize_sqe()). Matches io_uring_get_sqe() in liburing.
  /// Available since Linux 5.1.
  [[nodiscard, gnu::always_inline]] Sqe* get_sqe() noexcept {
    const uint32_t next = sq_.sqe_tail + 1;
    if (next - load_sq_head() > sq_.ring_entries) return nullptr;
    Sqe* sqe = sqe_at(sq_.sqe_tail);
    sq_.sqe_tail = next;
    return sqe;
  }

  /// A free 128-byte SQE (for IORING_OP_NOP128, IORING_OP_URING_CMD128), or
  /// nullptr when there is no room or the ring has neither SQE128 nor
  /// SQE_MIXED. With IORING_SETUP_SQE128 this is get_sqe(). With
  /// IORING_SETUP_SQE_MIXED the SQE takes two adjacent 64-byte slots, which
  /// must not straddle the end of the SQE array: when the next slot is the
  /// last one, it is first filled with a NOP flagged IOSQE_CQE_SKIP_SUCCESS
  /// (posting no CQE), and the SQE starts at slot 0. Only a 128-byte opcode
  /// may go in the returned SQE. Matches io_uring_get_sqe128() in liburing.
  /// Available since Linux 5.19 (SQE128), 6.19 (SQE_MIXED).
  [[nodiscard]] Sqe* get_sqe128() noexcept {
    if (flags_ & IORING_SETUP_SQE128) return get_sqe();
    if (!(flags_ & IORING_SETUP_SQE_MIXED)) return nullptr;
    uint32_t tail = sq_.sqe_tail;
    const uint32_t head = load_sq_head();
    if (((tail + 1) & sq_.ring_mask) == 0) {
      if (tail + 3 - head > sq_.ring_entries) return nullptr;  // padding plus two slots
      Sqe* pad = sqe_at(tail);
      prep_nop(*pad);
      pad->flags = IOSQE_CQE_SKIP_SUCCESS;
      ++tail;
    } else if (tail + 2 - head > sq_.ring_entries) {
      return nullptr;
    }
    sq_.sqe_tail = tail + 2;
    return sqe_at(tail);
  }

  /// The kernel's SQ head: the first SQE it has not consumed. With SQPOLL it
  /// is read with acquire ordering, so that no slot the kernel thread is still
  /// reading is reused. Matches io_uring_load_sq_head() in liburing.
  /// Available since Linux 5.1.
  [[nodiscard, gnu::always_inline]] uint32_t load_sq_head() const noexcept {
    if (flags_ & IORING_SETUP_SQPOLL) return load_acquire(sq_.khead);
    // Without SQPOLL the head moves only inside our own io_uring_enter calls.
    return read_once(sq_.khead);
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
  /// thread has yet to consume (earlier ones included). Errors: ebusy (CQ
  /// overflow backlog full), eagain, ebadr (CQEs dropped), eintr, and
  /// per-SQE errors such as einval/efault for the first bad SQE. Matches
  /// io_uring_submit() in liburing. Available since Linux 5.1.
  [[gnu::always_inline]] Result<unsigned> submit() noexcept { return submit_and_wait(0); }

  /// Submits like submit() and waits until at least `wait_nr` CQEs are ready.
  /// Returns the number of SQEs consumed. Errors: as submit(), plus eintr
  /// while waiting. Matches io_uring_submit_and_wait() in liburing.
  /// Available since Linux 5.1.
  [[gnu::always_inline]] Result<unsigned> submit_and_wait(unsigned wait_nr) noexcept {
    const unsigned submitted = flush_sq();
    unsigned flags = 0;
    bool need_enter = sq_ring_needs_enter(submitted, flags);
    if (wait_nr > 0 || cq_ring_needs_enter()) {
      flags |= IORING_ENTER_GETEVENTS;
      need_enter = true;
    }
    if (!need_enter) return submitted;
    return enter(submitted, wait_nr, flags, nullptr, sys::nsig_bytes);
  }

  /// Submits like submit(), then waits until `wait_nr` CQEs are ready, for at
  /// most `*ts` (relative; null: no limit), with signal mask `sigmask` (a
  /// kernel sigset, 8 bytes; a libc sigset_t* works; null: unchanged) in
  /// force while waiting. Sets `*cqe_ptr` to the first ready CQE (not
  /// consumed; fewer than `wait_nr` may be ready when the time ran out).
  /// Returns the number of SQEs submitted; when SQEs were submitted but no
  /// CQE arrived in time, that count with `*cqe_ptr` null.
  /// Errors: etime (nothing submitted and no CQE in time), einval with a
  /// timeout on kernels without IORING_FEAT_EXT_ARG, eintr, and those of
  /// submit(). Matches io_uring_submit_and_wait_timeout() in liburing.
  /// Available since Linux 5.1 (a timeout needs 5.11, IORING_FEAT_EXT_ARG).
  Result<unsigned> submit_and_wait_timeout(Cqe** cqe_ptr, unsigned wait_nr,
                                           const kernel_timespec* ts,
                                           const void* sigmask) noexcept {
    return submit_and_wait_ext(cqe_ptr, wait_nr, ts, 0, sigmask);
  }

  /// submit_and_wait_timeout() with a minimum wait: the kernel waits up to
  /// `min_wait_usec` for `wait_nr` CQEs, then returns as soon as at least one
  /// is ready, or waits on until `*ts` (null: no limit) for the first.
  /// Errors: einval on kernels without IORING_FEAT_MIN_TIMEOUT, and those of
  /// submit_and_wait_timeout(). Matches io_uring_submit_and_wait_min_timeout()
  /// in liburing. Available since Linux 6.12.
  Result<unsigned> submit_and_wait_min_timeout(Cqe** cqe_ptr, unsigned wait_nr,
                                               const kernel_timespec* ts, unsigned min_wait_usec,
                                               const void* sigmask) noexcept {
    if (!(features_ & IORING_FEAT_MIN_TIMEOUT)) return Errno::einval;
    return submit_and_wait_ext(cqe_ptr, wait_nr, ts, min_wait_usec, sigmask);
  }

  /// Submits like submit() and waits for `wait_nr` CQEs with the wait
  /// arguments (timeout, minimum wait, signal mask) of entry `reg_index` of
  /// the registered wait region (see register_wait_reg()). Sets `*cqe_ptr` and
  /// returns as submit_and_wait_timeout(). Errors: etime, efault (no region or
  /// `reg_index` outside it), einval (bad entry flags or sigmask_sz, kernels
  /// without IORING_FEAT_EXT_ARG, checked before anything is submitted), and
  /// those of submit(). Matches io_uring_submit_and_wait_reg() in liburing.
  /// Available since Linux 6.13.
  Result<unsigned> submit_and_wait_reg(Cqe** cqe_ptr, unsigned wait_nr,
                                       unsigned reg_index) noexcept;

  /// Submits like submit() and always enters the kernel with
  /// IORING_ENTER_GETEVENTS, flushing deferred completions (task work,
  /// the overflow backlog) into the CQ without waiting. Returns the number
  /// of SQEs submitted. Errors: as submit(). Matches
  /// io_uring_submit_and_get_events() in liburing. Available since Linux 5.1.
  Result<unsigned> submit_and_get_events() noexcept;

  /// Enters the kernel only to flush deferred completions into the CQ: task
  /// work of IORING_SETUP_DEFER_TASKRUN rings, the overflow backlog. Submits
  /// nothing and does not wait. Errors: ebadr (CQEs dropped), eintr, and
  /// those of io_uring_enter. Matches io_uring_get_events() in liburing.
  /// Available since Linux 5.1.
  Result<void> get_events() noexcept;

  /// SQEs obtained but not yet consumed by the kernel (SQ slots).
  /// Matches io_uring_sq_ready() in liburing. Available since Linux 5.1.
  [[nodiscard, gnu::always_inline]] unsigned sq_ready() const noexcept {
    return sq_.sqe_tail - load_sq_head();
  }

  /// Free SQE slots. Matches io_uring_sq_space_left() in liburing.
  /// Available since Linux 5.1.
  [[nodiscard, gnu::always_inline]] unsigned sq_space_left() const noexcept {
    return sq_.ring_entries - sq_ready();
  }

  /// With SQPOLL, waits until the kernel thread has freed at least one SQE
  /// slot; returns 0 at once when there is room or without SQPOLL.
  /// Errors: as submit(). Matches io_uring_sqring_wait() in liburing.
  /// Available since Linux 5.10 (IORING_ENTER_SQ_WAIT).
  Result<unsigned> sqring_wait() noexcept {
    if (!(flags_ & IORING_SETUP_SQPOLL) || sq_space_left() > 0) return 0u;
    return enter(0, 0, IORING_ENTER_SQ_WAIT, nullptr, sys::nsig_bytes);
  }

  // -------------------------------------------------------------------------
  // Completion.

  /// CQ slots ready to be consumed (the CQE count, except on CQE_MIXED rings
  /// where 32-byte CQEs take two slots and padding one).
  /// Matches io_uring_cq_ready() in liburing. Available since Linux 5.1.
  [[nodiscard, gnu::always_inline]] unsigned cq_ready() const noexcept {
    // Ensure we read the CQEs the kernel published before its tail store.
    return load_acquire(cq_.ktail) - read_once(cq_.khead);
  }

  /// True when the kernel holds completions in its overflow backlog, which the
  /// next reaping call flushes into the CQ. Matches io_uring_cq_has_overflow()
  /// in liburing. Available since Linux 5.5.
  [[nodiscard, gnu::always_inline]] bool cq_has_overflow() const noexcept {
    // The kernel sets this flag asynchronously; any fresh value will do.
    return (read_once(sq_.kflags) & IORING_SQ_CQ_OVERFLOW) != 0;
  }

  /// True unless eventfd notifications are turned off with
  /// cq_eventfd_toggle(). Matches io_uring_cq_eventfd_enabled() in liburing.
  /// Available since Linux 5.8 (always true before).
  [[nodiscard]] bool cq_eventfd_enabled() const noexcept {
    if (cq_.kflags == nullptr) return true;
    return (read_once(cq_.kflags) & IORING_CQ_EVENTFD_DISABLED) == 0;
  }

  /// Turns signalling of the registered eventfd (see register_eventfd()) on
  /// or off through IORING_CQ_EVENTFD_DISABLED in the CQ ring flags, without
  /// a syscall. Errors: eopnotsupp on kernels without CQ ring flags (before
  /// 5.8) when a change is asked for. Matches io_uring_cq_eventfd_toggle() in
  /// liburing. Available since Linux 5.8.
  Result<void> cq_eventfd_toggle(bool enabled) noexcept {
    if (enabled == cq_eventfd_enabled()) return {};
    if (cq_.kflags == nullptr) return Errno::eopnotsupp;
    uint32_t flags = read_once(cq_.kflags);
    if (enabled) {
      flags &= ~IORING_CQ_EVENTFD_DISABLED;
    } else {
      flags |= IORING_CQ_EVENTFD_DISABLED;
    }
    // The kernel reads the flag each time it posts; no other ordering needed.
    write_once(cq_.kflags, flags);
    return {};
  }

  /// The next ready CQE without waiting (CQE_MIXED padding is consumed and
  /// skipped). Errors: eagain when none is ready. Enters the kernel only to
  /// flush overflowed or deferred completions. Matches io_uring_peek_cqe() in
  /// liburing. Available since Linux 5.1.
  [[gnu::always_inline]] Result<Cqe*> peek_cqe() noexcept {
    unsigned available;
    if (Cqe* cqe = peek(available)) return cqe;
    return wait_for(0, 0, nullptr, sys::nsig_bytes, false);
  }

  /// Waits for one CQE and returns it (not consumed: call cqe_seen()).
  /// Errors: eintr, ebadr, and any io_uring_enter error.
  /// Matches io_uring_wait_cqe() in liburing. Available since Linux 5.1.
  [[gnu::always_inline]] Result<Cqe*> wait_cqe() noexcept { return wait_cqe_nr(1); }

  /// Waits until `wait_nr` CQ slots are ready and returns the first CQE.
  /// Errors: as wait_cqe(); eagain when `wait_nr` is 0 and none is ready.
  /// Matches io_uring_wait_cqe_nr() in liburing. Available since Linux 5.1.
  [[gnu::always_inline]] Result<Cqe*> wait_cqe_nr(unsigned wait_nr) noexcept {
    unsigned available;
    if (Cqe* cqe = peek(available); cqe != nullptr && available >= wait_nr) return cqe;
    return wait_for(wait_nr, 0, nullptr, sys::nsig_bytes, false);
  }

  /// Waits for one CQE for at most `*ts` (relative; null waits forever).
  /// Errors: etime when none came in time, eintr, and any io_uring_enter error; einval
  /// with a timeout on kernels without IORING_FEAT_EXT_ARG. Matches
  /// io_uring_wait_cqe_timeout() in liburing. Available since Linux 5.11
  /// (IORING_FEAT_EXT_ARG).
  Result<Cqe*> wait_cqe_timeout(const kernel_timespec* ts) noexcept {
    return wait_cqes(1, ts, nullptr);
  }

  /// Waits until `wait_nr` CQ slots are ready, for at most `*ts` (relative;
  /// null: no limit), with signal mask `sigmask` (as
  /// submit_and_wait_timeout(); null: unchanged) in force while waiting, and
  /// returns the first CQE; when the time runs out with fewer than `wait_nr`
  /// but at least one ready, that is a success too (cq_ready() tells how
  /// many). Submits nothing. Errors: etime (no CQE in time), eintr, einval
  /// with a timeout on kernels without IORING_FEAT_EXT_ARG, and any
  /// io_uring_enter error. Matches
  /// io_uring_wait_cqes() in liburing. Available since Linux 5.1 (a timeout
  /// needs 5.11, IORING_FEAT_EXT_ARG).
  Result<Cqe*> wait_cqes(unsigned wait_nr, const kernel_timespec* ts,
                         const void* sigmask) noexcept {
    return wait_cqes_ext(wait_nr, ts, 0, sigmask);
  }

  /// wait_cqes() with a minimum wait: the kernel waits up to `min_wait_usec`
  /// for `wait_nr` CQEs, then returns as soon as at least one is ready, or
  /// waits on until `*ts` (null: no limit) for the first. Errors: einval on
  /// kernels without IORING_FEAT_MIN_TIMEOUT, and those of wait_cqes().
  /// Matches io_uring_wait_cqes_min_timeout() in liburing.
  /// Available since Linux 6.12.
  Result<Cqe*> wait_cqes_min_timeout(unsigned wait_nr, const kernel_timespec* ts,
                                     unsigned min_wait_usec, const void* sigmask) noexcept {
    if (!(features_ & IORING_FEAT_MIN_TIMEOUT)) return Errno::einval;
    return wait_cqes_ext(wait_nr, ts, min_wait_usec, sigmask);
  }

  /// Fills `cqes` with up to `count` ready CQEs without consuming them and
  /// returns how many; flushes deferred completions first if the CQ is empty.
  /// On CQE_MIXED rings padding at the head is consumed and the batch stops
  /// before padding further on, so that calling cqe_seen() on each returned
  /// CQE consumes exactly the batch. Matches io_uring_peek_batch_cqe() in
  /// liburing. Available since Linux 5.1.
  unsigned peek_batch_cqe(Cqe** cqes, unsigned count) noexcept {
    unsigned n = batch(cqes, count);
    if (n == 0 && cq_ring_needs_flush()) {
      (void)get_events();
      n = batch(cqes, count);
    }
    return n;
  }

  /// Starts a walk over the CQEs ready now (see cqe_iter_next()).
  /// Matches io_uring_cqe_iter_init() in liburing. Available since Linux 5.1.
  [[nodiscard, gnu::always_inline]] CqeIter cqe_iter_init() const noexcept {
    // Ensure the CQE contents are visible before we trust the tail.
    return CqeIter{cq_.cqes, cq_.ring_mask, cqe_shift(), read_once(cq_.khead),
                   load_acquire(cq_.ktail)};
  }

  /// Sets `*cqe` to the next CQE of the walk; false at its end. Steps over
  /// both slots of a 32-byte CQE_MIXED CQE and over padding. Consumes
  /// nothing: follow with cq_advance(it.head - starting head).
  /// Matches io_uring_cqe_iter_next() in liburing (which also yields padding).
  /// Available since Linux 5.1.
  [[gnu::always_inline]] static bool cqe_iter_next(CqeIter& it, Cqe** cqe) noexcept {
    while (it.head != it.tail) {
      Cqe* next = &it.cqes[(it.head & it.mask) << it.shift];
      it.head += cqe_nr(*next);
      if (__builtin_expect((next->flags & IORING_CQE_F_SKIP) == 0, 1)) {
        *cqe = next;
        return true;
      }
    }
    return false;
  }

  /// Calls `f(Cqe&)` for each CQE ready now and returns the CQ slots walked
  /// (the CQE count, except on CQE_MIXED rings); consumes nothing: follow
  /// with cq_advance() of that number. Matches the io_uring_for_each_cqe()
  /// macro of liburing. Available since Linux 5.1.
  template <class F>
  [[gnu::always_inline]] unsigned for_each_cqe(F&& f) noexcept {
    CqeIter it = cqe_iter_init();
    const uint32_t start = it.head;
    Cqe* cqe;
    while (cqe_iter_next(it, &cqe)) f(*cqe);
    return it.head - start;
  }

  /// Marks `nr` CQ slots consumed, freeing them for the kernel (a 32-byte
  /// CQE of a CQE_MIXED ring takes cqe_nr() == 2).
  /// Matches io_uring_cq_advance() in liburing. Available since Linux 5.1.
  [[gnu::always_inline]] void cq_advance(unsigned nr) noexcept {
    // Ensure the kernel sees the new head only after we have read the CQEs.
    if (nr > 0) store_release(cq_.khead, read_once(cq_.khead) + nr);
  }

  /// Marks one CQE (the one peek/wait returned) consumed, with all its slots.
  /// Matches io_uring_cqe_seen() in liburing. Available since Linux 5.1.
  [[gnu::always_inline]] void cqe_seen(Cqe* cqe) noexcept {
    if (cqe != nullptr) cq_advance(cqe_nr(*cqe));
  }

  // -------------------------------------------------------------------------
  // The ring fd and enter flags (bodies in core/ring_setup.h).

  /// Registers the ring fd with itself, so that later io_uring_enter calls
  /// skip the fd lookup. Errors: eexist when already registered, ebusy,
  /// einval, enomem. Matches io_uring_register_ring_fd() in liburing.
  /// Available since Linux 5.18.
  Result<void> register_ring_fd() noexcept;

  /// Drops the registration made by register_ring_fd(). Errors: einval when
  /// none, ebadf. Matches io_uring_unregister_ring_fd() in liburing.
  /// Available since Linux 5.18.
  Result<void> unregister_ring_fd() noexcept;

  /// Closes the ring's real fd, leaving only the registered one (the ring then
  /// works only from this task). Errors: eopnotsupp without
  /// IORING_FEAT_REG_REG_RING, einval without register_ring_fd(), ebadf if
  /// already closed. Matches io_uring_close_ring_fd() in liburing.
  /// Available since Linux 6.3.
  Result<void> close_ring_fd() noexcept;

  /// Keeps the ring's mappings out of fork()ed children (MADV_DONTFORK).
  /// Errors: einval (no ring, or caller memory from queue_init_mem(), which
  /// the caller marks itself), enomem. Matches io_uring_ring_dontfork() in liburing.
  /// Available since Linux 5.1.
  Result<void> ring_dontfork() noexcept;

  /// With `enable_iowait` false, waits no longer count as I/O wait for the
  /// CPU's iowait statistics and frequency boost (IORING_ENTER_NO_IOWAIT on
  /// every later io_uring_enter); true restores the default. Errors:
  /// eopnotsupp on kernels without IORING_FEAT_NO_IOWAIT. Matches
  /// io_uring_set_iowait() in liburing. Available since Linux 6.15.
  Result<void> set_iowait(bool enable_iowait) noexcept;

  /// Calls io_uring_register(2) on this ring, through the registered ring fd
  /// when the kernel allows it. Returns the kernel's non-negative result.
  /// The typed register_* functions are built on it. Matches
  /// io_uring_register() in liburing (which takes the fd). Linux 5.1.
  Result<unsigned> register_op(unsigned opcode, const void* arg, unsigned nr_args) noexcept {
    int fd = fd_;
    if (int_flags_ & kRegRegRing) {
      fd = enter_fd_;
      opcode |= IORING_REGISTER_USE_REGISTERED_RING;
    }
    return result_from<unsigned>(sys::io_uring_register(fd, opcode, arg, nr_args));
  }

  /// Calls io_uring_enter(2) on this ring with `flags` plus enter_flags()
  /// (through the registered ring fd when there is one) and returns the
  /// number of SQEs consumed. Matches io_uring_enter2() in liburing (which
  /// takes the fd). Linux 5.1.
  [[gnu::always_inline]] Result<unsigned> enter(unsigned to_submit, unsigned min_complete,
                                                unsigned flags, const void* arg,
                                                size_t argsz) noexcept {
    return result_from<unsigned>(sys::io_uring_enter2(enter_fd_, to_submit, min_complete,
                                                      flags | enter_flags_, arg, argsz));
  }

  // -------------------------------------------------------------------------
  // Accessors.

  /// The ring fd (-1 after close_ring_fd() or with REGISTERED_FD_ONLY).
  [[nodiscard]] int fd() const noexcept { return fd_; }
  /// The fd or registered index that enter() uses.
  [[nodiscard]] int enter_fd() const noexcept { return enter_fd_; }
  /// The IORING_SETUP_* flags the ring was created with.
  [[nodiscard]] uint32_t flags() const noexcept { return flags_; }
  /// The IORING_FEAT_* bits the kernel reported.
  [[nodiscard]] uint32_t features() const noexcept { return features_; }
  /// The IORING_ENTER_* flags every enter() adds (REGISTERED_RING, NO_IOWAIT).
  [[nodiscard]] uint32_t enter_flags() const noexcept { return enter_flags_; }
  /// True when enter() goes through a registered ring index.
  [[nodiscard]] bool ring_fd_registered() const noexcept {
    return (enter_flags_ & IORING_ENTER_REGISTERED_RING) != 0;
  }
  /// The submission queue state.
  [[nodiscard]] const Sq& sq() const noexcept { return sq_; }
  /// The completion queue state.
  [[nodiscard]] const Cq& cq() const noexcept { return cq_; }

 private:
  static constexpr uint32_t kRegRegRing = 1;  // register calls may use enter_fd_
  static constexpr uint32_t kAppMem = 2;      // ring memory belongs to the caller

  Ring() noexcept = default;

  void reset() noexcept {
    sq_ = Sq{};
    cq_ = Cq{};
    flags_ = 0;
    features_ = 0;
    fd_ = -1;
    enter_fd_ = -1;
    enter_flags_ = 0;
    int_flags_ = 0;
  }

  void take(Ring& other) noexcept {
    sq_ = other.sq_;
    cq_ = other.cq_;
    flags_ = other.flags_;
    features_ = other.features_;
    fd_ = other.fd_;
    enter_fd_ = other.enter_fd_;
    enter_flags_ = other.enter_flags_;
    int_flags_ = other.int_flags_;
    other.reset();
  }

  // Cold helpers, defined in core/ring_setup.h.
  static Result<void> map_rings(int fd, const Params& p, uint32_t flags, uint32_t features,
                                Sq& sq, Cq& cq) noexcept;
  static void point_into_rings(const Params& p, uint32_t flags, Sq& sq, Cq& cq) noexcept;
  static void unmap_rings(Sq& sq, Cq& cq) noexcept;

  [[gnu::always_inline]] Sqe* sqe_at(uint32_t index) const noexcept {
    return &sq_.sqes[(index & sq_.ring_mask) << sqe_shift()];
  }
  [[gnu::always_inline]] Cqe* cqe_at(uint32_t index) const noexcept {
    return &cq_.cqes[(index & cq_.ring_mask) << cqe_shift()];
  }

  // Publishes the SQEs obtained since the last flush; returns how many SQEs
  // the kernel has yet to consume.
  [[gnu::always_inline]] unsigned flush_sq() noexcept {
    const uint32_t tail = sq_.sqe_tail;
    if (sq_.sqe_head != tail) {
      sq_.sqe_head = tail;
      if (flags_ & IORING_SETUP_SQPOLL) {
        // Ensure the SQPOLL thread sees the SQE contents before the new tail.
        store_release(sq_.ktail, tail);
      } else {
        // The kernel reads the tail only in our io_uring_enter call, which
        // orders the SQE stores before it.
        write_once(sq_.ktail, tail);
      }
    }
    // The kernel advances the head once it has read SQEs; a count needs no ordering.
    return tail - read_once(sq_.khead);
  }

  [[gnu::always_inline]] bool sq_ring_needs_enter(unsigned submit, unsigned& flags) const noexcept {
    if (submit == 0) return false;
    if (!(flags_ & IORING_SETUP_SQPOLL)) return true;
    // Ensure the kernel sees our tail store before we read its wake-up flag,
    // or a sleeping SQPOLL thread could miss the new SQEs.
    full_fence();
    if (read_once(sq_.kflags) & IORING_SQ_NEED_WAKEUP) {
      flags |= IORING_ENTER_SQ_WAKEUP;
      return true;
    }
    return false;
  }

  [[gnu::always_inline]] bool cq_ring_needs_flush() const noexcept {
    // Overflowed or deferred completions only reach the CQ inside the kernel.
    return (read_once(sq_.kflags) & (IORING_SQ_CQ_OVERFLOW | IORING_SQ_TASKRUN)) != 0;
  }

  [[gnu::always_inline]] bool cq_ring_needs_enter() const noexcept {
    return (flags_ & IORING_SETUP_IOPOLL) || cq_ring_needs_flush();
  }

  // The CQE at the head, consuming CQE_MIXED padding in front of it.
  [[gnu::always_inline]] Cqe* peek(unsigned& available) noexcept {
    for (;;) {
      // Ensure we read the CQE contents the kernel wrote before its tail store.
      const uint32_t tail = load_acquire(cq_.ktail);
      const uint32_t head = read_once(cq_.khead);
      available = tail - head;
      if (available == 0) return nullptr;
      Cqe* cqe = cqe_at(head);
      if (__builtin_expect((cqe->flags & IORING_CQE_F_SKIP) == 0, 1)) return cqe;
      cq_advance(1);
    }
  }

  // Slow paths, defined in core/ring_wait.h.
  unsigned batch(Cqe** cqes, unsigned count) noexcept;
  Result<unsigned> submit_and_wait_ext(Cqe** cqe_ptr, unsigned wait_nr, const kernel_timespec* ts,
                                       unsigned min_wait_usec, const void* sigmask) noexcept;
  Result<Cqe*> wait_cqes_ext(unsigned wait_nr, const kernel_timespec* ts, unsigned min_wait_usec,
                             const void* sigmask) noexcept;
  static io_uring_getevents_arg getevents_arg(const kernel_timespec* ts, unsigned min_wait_usec,
                                              const void* sigmask) noexcept;
  Result<Cqe*> wait_for(unsigned wait_nr, unsigned get_flags, const void* arg, size_t argsz,
                        bool has_ts) noexcept;
  Result<unsigned> get_cqe(Cqe** out, unsigned submit, unsigned wait_nr, unsigned get_flags,
                           const void* arg, size_t argsz, bool has_ts) noexcept;
  static Result<unsigned> finish(Cqe** out, Cqe* cqe, unsigned submitted, Errno error) noexcept;

  Sq sq_;
  Cq cq_;
  uint32_t flags_ = 0;
  uint32_t features_ = 0;
  int fd_ = -1;
  int enter_fd_ = -1;
  uint32_t enter_flags_ = 0;  // IORING_ENTER_* added to every enter()
  uint32_t int_flags_ = 0;
};

}  // namespace fring

#include "fring/core/ring_setup.h"
#include "fring/core/ring_wait.h"

#endif  // FRING_CORE_RING_H
