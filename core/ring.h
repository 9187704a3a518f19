// SPDX-License-Identifier: MIT
// Ring: one io_uring instance. Set-up maps the shared rings, teardown unmaps
// them and closes the fd (RAII, no exceptions). Getting SQEs, submitting and
// reaping CQEs are inline, so the syscall lands in the caller's loop.
#ifndef FRING_CORE_RING_H
#define FRING_CORE_RING_H

#include <stddef.h>
#include <stdint.h>

#include "fring/core/barrier.h"
#include "fring/core/result.h"
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
  size_t ring_sz = 0;
  void* ring_ptr = nullptr;
  size_t sqes_sz = 0;
};

/// The user-space view of the completion queue.
struct Cq {
  uint32_t* khead = nullptr;      // us: first CQE not yet consumed
  uint32_t* ktail = nullptr;      // kernel: one past the last CQE posted
  uint32_t* kflags = nullptr;     // IORING_CQ_* flags
  uint32_t* koverflow = nullptr;  // CQEs lost (kernels without IORING_FEAT_NODROP)
  Cqe* cqes = nullptr;
  uint32_t ring_mask = 0;
  uint32_t ring_entries = 0;
  size_t ring_sz = 0;
  void* ring_ptr = nullptr;
};

/// A position in the CQ ring for walking ready CQEs without consuming them.
struct CqeIter {
  Cqe* cqes;
  uint32_t mask;
  uint32_t shift;
  uint32_t head;
  uint32_t tail;
};

/// One io_uring instance. Move-only; the destructor tears it down.
class Ring {
 public:
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
  /// Errors: as queue_init(); on any failure every mapping made so far is
  /// unmapped and the fd closed. Matches io_uring_queue_init_params() in
  /// liburing. Available since Linux 5.1 (each flag has its own minimum).
  static Result<Ring> queue_init_params(unsigned entries, Params& p) noexcept {
    if (entries == 0) return Errno::einval;
    const long fd = sys::io_uring_setup(entries, &p);
    if (detail::is_raw_error(fd)) return static_cast<Errno>(-fd);
    Ring ring;
    ring.fd_ = static_cast<int>(fd);
    ring.enter_fd_ = ring.fd_;
    ring.flags_ = p.flags;
    ring.features_ = p.features;
    // On failure `ring` goes out of scope and its destructor undoes, in
    // reverse order, whatever map_rings() had mapped, then closes the fd.
    FRING_TRY(ring.map_rings(p));
    return ring;
  }

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

  /// Tears the ring down: unmaps the SQEs and rings, unregisters a registered
  /// ring fd, closes the fd. Safe to call twice; the destructor calls it.
  /// Matches io_uring_queue_exit() in liburing. Available since Linux 5.1.
  void queue_exit() noexcept {
    if (sq_.sqes != nullptr) (void)sys::munmap(sq_.sqes, sq_.sqes_sz);
    if (cq_.ring_ptr != nullptr && cq_.ring_ptr != sq_.ring_ptr) {
      (void)sys::munmap(cq_.ring_ptr, cq_.ring_sz);
    }
    if (sq_.ring_ptr != nullptr) (void)sys::munmap(sq_.ring_ptr, sq_.ring_sz);
    // A registered ring fd holds a reference to the ring: drop it before close.
    if (int_flags_ & kRegRing) (void)unregister_ring_fd();
    if (fd_ >= 0) (void)sys::close(fd_);
    reset();
  }

  // -------------------------------------------------------------------------
  // Submission.

  /// The next free SQE, or nullptr when the SQ is full (submit, then retry).
  /// The SQE holds stale data: fill it with a prep_* helper, which writes every
  /// field. Matches io_uring_get_sqe() in liburing. Available since Linux 5.1.
  [[nodiscard, gnu::always_inline]] Sqe* get_sqe() noexcept {
    const uint32_t next = sq_.sqe_tail + 1;
    if (next - load_sq_head() > sq_.ring_entries) return nullptr;
    Sqe* sqe = sqe_at(sq_.sqe_tail);
    sq_.sqe_tail = next;
    return sqe;
  }

  /// Hands every SQE obtained since the last submit to the kernel.
  /// Returns how many the kernel consumed; with SQPOLL, how many SQEs the
  /// kernel thread has yet to consume (earlier ones included). Errors: ebusy (CQ overflow
  /// backlog full), eagain, ebadr (CQEs dropped), eintr, and per-SQE errors
  /// such as einval/efault for the first bad SQE. Matches io_uring_submit()
  /// in liburing. Available since Linux 5.1.
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

  /// SQEs obtained but not yet consumed by the kernel.
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

  /// CQEs ready to be consumed. Matches io_uring_cq_ready() in liburing.
  /// Available since Linux 5.1.
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

  /// The next ready CQE without waiting. Errors: eagain when none is ready.
  /// Enters the kernel only to flush overflowed or deferred completions.
  /// Matches io_uring_peek_cqe() in liburing. Available since Linux 5.1.
  [[gnu::always_inline]] Result<Cqe*> peek_cqe() noexcept {
    unsigned available;
    if (Cqe* cqe = peek(available)) return cqe;
    return get_cqe(0, 0, 0, nullptr, sys::nsig_bytes, false);
  }

  /// Waits for one CQE and returns it (not consumed: call cqe_seen()).
  /// Errors: eintr, ebadr, and any io_uring_enter error.
  /// Matches io_uring_wait_cqe() in liburing. Available since Linux 5.1.
  [[gnu::always_inline]] Result<Cqe*> wait_cqe() noexcept { return wait_cqe_nr(1); }

  /// Waits until `wait_nr` CQEs are ready and returns the first.
  /// Errors: as wait_cqe(); eagain when `wait_nr` is 0 and none is ready.
  /// Matches io_uring_wait_cqe_nr() in liburing. Available since Linux 5.1.
  [[gnu::always_inline]] Result<Cqe*> wait_cqe_nr(unsigned wait_nr) noexcept {
    unsigned available;
    if (Cqe* cqe = peek(available); cqe != nullptr && available >= wait_nr) return cqe;
    return get_cqe(0, wait_nr, 0, nullptr, sys::nsig_bytes, false);
  }

  /// Waits for one CQE for at most `*ts` (relative; null waits forever).
  /// Errors: etime on timeout, eintr, and any io_uring_enter error; einval on
  /// kernels without IORING_FEAT_EXT_ARG. Matches io_uring_wait_cqe_timeout()
  /// in liburing. Available since Linux 5.11 (IORING_FEAT_EXT_ARG).
  Result<Cqe*> wait_cqe_timeout(const kernel_timespec* ts) noexcept {
    unsigned available;
    if (Cqe* cqe = peek(available)) return cqe;
    if (ts == nullptr) return wait_cqe();
    if (!(features_ & IORING_FEAT_EXT_ARG)) return Errno::einval;
    io_uring_getevents_arg arg{};
    arg.sigmask_sz = sys::nsig_bytes;
    arg.ts = reinterpret_cast<uintptr_t>(ts);
    return get_cqe(0, 1, IORING_ENTER_EXT_ARG, &arg, sizeof(arg), true);
  }

  /// Fills `cqes` with up to `count` ready CQEs without consuming them and
  /// returns how many; flushes the overflow backlog first if the CQ is empty.
  /// Matches io_uring_peek_batch_cqe() in liburing. Available since Linux 5.1.
  unsigned peek_batch_cqe(Cqe** cqes, unsigned count) noexcept {
    unsigned ready = cq_ready();
    if (ready == 0 && cq_ring_needs_flush()) {
      (void)enter(0, 0, IORING_ENTER_GETEVENTS, nullptr, sys::nsig_bytes);
      ready = cq_ready();
    }
    if (count > ready) count = ready;
    const uint32_t head = read_once(cq_.khead);
    for (unsigned i = 0; i < count; ++i) cqes[i] = cqe_at(head + i);
    return count;
  }

  /// Starts a walk over the CQEs ready now (see cqe_iter_next()).
  /// Matches io_uring_cqe_iter_init() in liburing. Available since Linux 5.1.
  [[nodiscard, gnu::always_inline]] CqeIter cqe_iter_init() const noexcept {
    // Ensure the CQE contents are visible before we trust the tail.
    return CqeIter{cq_.cqes, cq_.ring_mask, cqe_shift(), read_once(cq_.khead),
                   load_acquire(cq_.ktail)};
  }

  /// Sets `*cqe` to the next CQE of the walk; false at its end. Consumes
  /// nothing: call cq_advance() with the count afterwards.
  /// Matches io_uring_cqe_iter_next() in liburing. Available since Linux 5.1.
  [[gnu::always_inline]] static bool cqe_iter_next(CqeIter& it, Cqe** cqe) noexcept {
    if (it.head == it.tail) return false;
    *cqe = &it.cqes[(it.head++ & it.mask) << it.shift];
    return true;
  }

  /// Calls `f(Cqe&)` for each CQE ready now and returns how many; consumes
  /// nothing (follow with cq_advance(n)). Matches the io_uring_for_each_cqe()
  /// macro of liburing. Available since Linux 5.1.
  template <class F>
  [[gnu::always_inline]] unsigned for_each_cqe(F&& f) noexcept {
    CqeIter it = cqe_iter_init();
    Cqe* cqe;
    unsigned n = 0;
    while (cqe_iter_next(it, &cqe)) {
      f(*cqe);
      ++n;
    }
    return n;
  }

  /// Marks `nr` CQEs consumed, freeing their slots for the kernel.
  /// Matches io_uring_cq_advance() in liburing. Available since Linux 5.1.
  [[gnu::always_inline]] void cq_advance(unsigned nr) noexcept {
    // Ensure the kernel sees the new head only after we have read the CQEs.
    if (nr > 0) store_release(cq_.khead, read_once(cq_.khead) + nr);
  }

  /// Marks one CQE (the one peek/wait returned) consumed.
  /// Matches io_uring_cqe_seen() in liburing. Available since Linux 5.1.
  [[gnu::always_inline]] void cqe_seen(Cqe* cqe) noexcept {
    if (cqe != nullptr) cq_advance(1);
  }

  // -------------------------------------------------------------------------
  // The ring fd.

  /// Registers the ring fd with itself, so that later io_uring_enter calls
  /// skip the fd lookup. Errors: eexist when already registered, ebusy,
  /// einval, enomem. Matches io_uring_register_ring_fd() in liburing.
  /// Available since Linux 5.18.
  Result<void> register_ring_fd() noexcept {
    if (int_flags_ & kRegRing) return Errno::eexist;
    io_uring_rsrc_update up{};
    up.offset = ~0U;  // let the kernel pick a slot
    up.data = static_cast<uint64_t>(fd_);
    const long r = sys::io_uring_register(fd_, IORING_REGISTER_RING_FDS, &up, 1);
    if (detail::is_raw_error(r)) return static_cast<Errno>(-r);
    enter_fd_ = static_cast<int>(up.offset);
    int_flags_ |= kRegRing;
    if (features_ & IORING_FEAT_REG_REG_RING) int_flags_ |= kRegRegRing;
    return {};
  }

  /// Drops the registration made by register_ring_fd(). Errors: einval when
  /// none, ebadf. Matches io_uring_unregister_ring_fd() in liburing.
  /// Available since Linux 5.18.
  Result<void> unregister_ring_fd() noexcept {
    if (!(int_flags_ & kRegRing)) return Errno::einval;
    io_uring_rsrc_update up{};
    up.offset = static_cast<uint32_t>(enter_fd_);
    FRING_TRY(register_op(IORING_UNREGISTER_RING_FDS, &up, 1));
    int_flags_ &= ~(kRegRing | kRegRegRing);
    enter_fd_ = fd_;
    return {};
  }

  /// Closes the ring's real fd, leaving only the registered one (the ring then
  /// works only from this task). Errors: eopnotsupp without
  /// IORING_FEAT_REG_REG_RING, einval without register_ring_fd(), ebadf if
  /// already closed. Matches io_uring_close_ring_fd() in liburing.
  /// Available since Linux 6.3.
  Result<void> close_ring_fd() noexcept {
    if (!(features_ & IORING_FEAT_REG_REG_RING)) return Errno::eopnotsupp;
    if (!(int_flags_ & kRegRing)) return Errno::einval;
    if (fd_ < 0) return Errno::ebadf;
    (void)sys::close(fd_);
    fd_ = -1;
    return {};
  }

  /// Keeps the ring's mappings out of fork()ed children (MADV_DONTFORK).
  /// Errors: einval, enomem. Matches io_uring_ring_dontfork() in liburing.
  /// Available since Linux 5.1.
  Result<void> ring_dontfork() noexcept {
    if (sq_.ring_ptr == nullptr || sq_.sqes == nullptr || cq_.ring_ptr == nullptr) {
      return Errno::einval;
    }
    FRING_TRY(status_from(sys::madvise(sq_.sqes, sq_.sqes_sz, sys::madv_dontfork)));
    FRING_TRY(status_from(sys::madvise(sq_.ring_ptr, sq_.ring_sz, sys::madv_dontfork)));
    if (cq_.ring_ptr != sq_.ring_ptr) {
      FRING_TRY(status_from(sys::madvise(cq_.ring_ptr, cq_.ring_sz, sys::madv_dontfork)));
    }
    return {};
  }

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

  /// Calls io_uring_enter(2) on this ring (through the registered ring fd when
  /// there is one) and returns the number of SQEs consumed.
  /// Matches io_uring_enter2() in liburing (which takes the fd). Linux 5.1.
  [[gnu::always_inline]] Result<unsigned> enter(unsigned to_submit, unsigned min_complete,
                                                unsigned flags, const void* arg,
                                                size_t argsz) noexcept {
    if (int_flags_ & kRegRing) flags |= IORING_ENTER_REGISTERED_RING;
    return result_from<unsigned>(
        sys::io_uring_enter2(enter_fd_, to_submit, min_complete, flags, arg, argsz));
  }

  // -------------------------------------------------------------------------
  // Accessors.

  /// The ring fd (-1 after close_ring_fd()).
  [[nodiscard]] int fd() const noexcept { return fd_; }
  /// The fd or registered index that enter() uses.
  [[nodiscard]] int enter_fd() const noexcept { return enter_fd_; }
  /// The IORING_SETUP_* flags the ring was created with.
  [[nodiscard]] uint32_t flags() const noexcept { return flags_; }
  /// The IORING_FEAT_* bits the kernel reported.
  [[nodiscard]] uint32_t features() const noexcept { return features_; }
  /// True after a successful register_ring_fd().
  [[nodiscard]] bool ring_fd_registered() const noexcept { return (int_flags_ & kRegRing) != 0; }
  /// The submission queue state.
  [[nodiscard]] const Sq& sq() const noexcept { return sq_; }
  /// The completion queue state.
  [[nodiscard]] const Cq& cq() const noexcept { return cq_; }

 private:
  static constexpr uint32_t kRegRing = 1;    // enter_fd_ is a registered index
  static constexpr uint32_t kRegRegRing = 2;  // register calls may use it too

  Ring() noexcept = default;

  void reset() noexcept {
    sq_ = Sq{};
    cq_ = Cq{};
    flags_ = 0;
    features_ = 0;
    fd_ = -1;
    enter_fd_ = -1;
    int_flags_ = 0;
  }

  void take(Ring& other) noexcept {
    sq_ = other.sq_;
    cq_ = other.cq_;
    flags_ = other.flags_;
    features_ = other.features_;
    fd_ = other.fd_;
    enter_fd_ = other.enter_fd_;
    int_flags_ = other.int_flags_;
    other.reset();
  }

  template <class T>
  static T* at(void* base, uint32_t offset) noexcept {
    return reinterpret_cast<T*>(static_cast<char*>(base) + offset);
  }

  static Result<void*> map(size_t size, uint64_t offset, int fd) noexcept {
    const long r = sys::mmap(nullptr, size, sys::prot_read | sys::prot_write,
                             sys::map_shared | sys::map_populate, fd, static_cast<long>(offset));
    if (detail::is_raw_error(r)) return static_cast<Errno>(-r);
    return reinterpret_cast<void*>(r);
  }

  // Maps the SQ ring, the CQ ring (shared with the SQ ring's mapping under
  // IORING_FEAT_SINGLE_MMAP) and the SQE array. Each pointer is stored as soon
  // as its mmap succeeds, so queue_exit() can undo a partial set-up.
  Result<void> map_rings(const Params& p) noexcept {
    const size_t cqe_size = sizeof(Cqe) << ((p.flags & IORING_SETUP_CQE32) ? 1 : 0);
    size_t sq_size = p.sq_off.array + p.sq_entries * sizeof(uint32_t);
    size_t cq_size = p.cq_off.cqes + p.cq_entries * cqe_size;
    const bool single = (p.features & IORING_FEAT_SINGLE_MMAP) != 0;
    if (single) {
      if (cq_size > sq_size) sq_size = cq_size;
      cq_size = sq_size;
    }
    FRING_TRY_ASSIGN(sq_.ring_ptr, map(sq_size, IORING_OFF_SQ_RING, fd_));
    sq_.ring_sz = sq_size;
    if (single) {
      cq_.ring_ptr = sq_.ring_ptr;
    } else {
      FRING_TRY_ASSIGN(cq_.ring_ptr, map(cq_size, IORING_OFF_CQ_RING, fd_));
    }
    cq_.ring_sz = cq_size;
    const size_t sqes_size = (p.sq_entries * sizeof(Sqe)) << sqe_shift_of(p.flags);
    FRING_TRY_ASSIGN(void* sqes, map(sqes_size, IORING_OFF_SQES, fd_));
    sq_.sqes = static_cast<Sqe*>(sqes);
    sq_.sqes_sz = sqes_size;

    void* sqr = sq_.ring_ptr;
    sq_.khead = at<uint32_t>(sqr, p.sq_off.head);
    sq_.ktail = at<uint32_t>(sqr, p.sq_off.tail);
    sq_.kflags = at<uint32_t>(sqr, p.sq_off.flags);
    sq_.kdropped = at<uint32_t>(sqr, p.sq_off.dropped);
    sq_.ring_mask = *at<uint32_t>(sqr, p.sq_off.ring_mask);
    sq_.ring_entries = *at<uint32_t>(sqr, p.sq_off.ring_entries);
    if (!(p.flags & IORING_SETUP_NO_SQARRAY)) {
      sq_.array = at<uint32_t>(sqr, p.sq_off.array);
      // Identity mapping, written once: SQE slot i is submitted as index i.
      // The kernel reads it only inside io_uring_enter, which orders these stores.
      for (uint32_t i = 0; i < sq_.ring_entries; ++i) write_once(&sq_.array[i], i);
    }
    void* cqr = cq_.ring_ptr;
    cq_.khead = at<uint32_t>(cqr, p.cq_off.head);
    cq_.ktail = at<uint32_t>(cqr, p.cq_off.tail);
    cq_.koverflow = at<uint32_t>(cqr, p.cq_off.overflow);
    cq_.cqes = at<Cqe>(cqr, p.cq_off.cqes);
    if (p.cq_off.flags != 0) cq_.kflags = at<uint32_t>(cqr, p.cq_off.flags);
    cq_.ring_mask = *at<uint32_t>(cqr, p.cq_off.ring_mask);
    cq_.ring_entries = *at<uint32_t>(cqr, p.cq_off.ring_entries);
    return {};
  }

  static constexpr uint32_t sqe_shift_of(uint32_t flags) noexcept {
    return (flags & IORING_SETUP_SQE128) ? 1 : 0;
  }
  [[gnu::always_inline]] uint32_t cqe_shift() const noexcept {
    return (flags_ & IORING_SETUP_CQE32) ? 1 : 0;
  }
  [[gnu::always_inline]] Sqe* sqe_at(uint32_t index) const noexcept {
    return &sq_.sqes[(index & sq_.ring_mask) << sqe_shift_of(flags_)];
  }
  [[gnu::always_inline]] Cqe* cqe_at(uint32_t index) const noexcept {
    return &cq_.cqes[(index & cq_.ring_mask) << cqe_shift()];
  }

  [[gnu::always_inline]] uint32_t load_sq_head() const noexcept {
    // With SQPOLL the kernel thread advances the head concurrently: acquire,
    // so that we never reuse an SQE slot it is still reading. Without SQPOLL
    // the head moves only inside our own io_uring_enter calls.
    if (flags_ & IORING_SETUP_SQPOLL) return load_acquire(sq_.khead);
    return read_once(sq_.khead);
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

  [[gnu::always_inline]] Cqe* peek(unsigned& available) const noexcept {
    // Ensure we read the CQE contents the kernel wrote before its tail store.
    const uint32_t tail = load_acquire(cq_.ktail);
    const uint32_t head = read_once(cq_.khead);
    available = tail - head;
    return available > 0 ? cqe_at(head) : nullptr;
  }

  // The slow path of every wait: enters the kernel to submit `submit` SQEs
  // and/or wait for `wait_nr` CQEs, looping until a CQE is there. With a
  // timeout (`has_ts`) it enters at most once more after the first wait.
  Result<Cqe*> get_cqe(unsigned submit, unsigned wait_nr, unsigned get_flags, const void* arg,
                       size_t argsz, bool has_ts) noexcept {
    bool looped = false;
    for (;;) {
      unsigned available;
      Cqe* cqe = peek(available);
      unsigned flags = 0;
      bool need_enter = false;
      if (cqe == nullptr && wait_nr == 0 && submit == 0) {
        // Nothing to wait for: enter only to flush overflow or task work, once.
        if (looped || !cq_ring_needs_enter()) return Errno::eagain;
        need_enter = true;
      }
      if (wait_nr > available || need_enter) {
        flags = IORING_ENTER_GETEVENTS | get_flags;
        need_enter = true;
      }
      if (sq_ring_needs_enter(submit, flags)) need_enter = true;
      if (!need_enter) {
        if (cqe != nullptr) return cqe;
        return Errno::eagain;
      }
      if (looped && has_ts) {
        if (cqe != nullptr) return cqe;
        return Errno::etime;
      }
      FRING_TRY_ASSIGN(const unsigned consumed, enter(submit, wait_nr, flags, arg, argsz));
      submit -= consumed;
      if (cqe != nullptr) return cqe;
      looped = true;
    }
  }

  Sq sq_;
  Cq cq_;
  uint32_t flags_ = 0;
  uint32_t features_ = 0;
  int fd_ = -1;
  int enter_fd_ = -1;
  uint32_t int_flags_ = 0;
};

}  // namespace fring

#endif  // FRING_CORE_RING_H
