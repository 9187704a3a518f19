// SPDX-License-Identifier: MIT
// The slow paths of Ring, which enter the kernel anyway: waits with a
// timeout, a minimum wait, a registered wait argument or a signal mask,
// flushing deferred completions, and peek_batch_cqe's walk over the CQEs of
// mixed rings. core/ring.h declares them and includes this file at its end.
#ifndef FRING_CORE_INTERNAL_RING_WAIT_H
#define FRING_CORE_INTERNAL_RING_WAIT_H

#ifndef FRING_CORE_RING_H
#error "fring/core/internal/ring_wait.h is part of fring/core/ring.h: include that"
#endif

#include <stddef.h>
#include <stdint.h>

#include "fring/core/barrier.h"
#include "fring/core/result.h"
#include "fring/core/uapi/io_uring.h"
#include "fring/syscall/syscall.h"

namespace fring {

inline Result<unsigned> Ring::submit_and_wait_reg(Cqe** cqe_ptr, unsigned wait_nr,
                                                  unsigned reg_index) noexcept {
  if (!is_open()) return Errno::ebadf;
  if (!(features_ & feat::ext_arg)) return Errno::einval;
  // The kernel takes the byte offset of the entry in place of a pointer.
  const uintptr_t offset = uintptr_t{reg_index} * sizeof(RegWait);
  return get_cqe(cqe_ptr, flush_sq(flags_), wait_nr, enter::ext_arg | enter::ext_arg_reg,
                 reinterpret_cast<const void*>(offset), sizeof(RegWait), true);
}

inline Result<unsigned> Ring::submit_and_get_events() noexcept {
  const unsigned pending = flush_sq(flags_);
  unsigned flags = enter::getevents;
  (void)sq_ring_needs_enter(flags_, pending, flags);  // the SQPOLL wake-up
  return enter(pending, 0, flags, nullptr, sys::nsig_bytes);
}

inline Result<void> Ring::get_events() noexcept {
  FRING_TRY(enter(0, 0, enter::getevents, nullptr, sys::nsig_bytes));
  return {};
}

inline Result<unsigned> Ring::sqring_wait() noexcept {
  if (!is_open()) return Errno::ebadf;
  if (sq_space_left() > 0) return 0u;
  if (!(flags_ & setup::sqpoll)) return submit();
  // The kernel waits only while the SQ it can see is full: publish the queued
  // SQEs first (and wake the thread that is to consume them).
  const unsigned pending = flush_sq(flags_);
  unsigned flags = enter::sq_wait;
  (void)sq_ring_needs_enter(flags_, pending, flags);
  FRING_TRY(enter(0, 0, flags, nullptr, sys::nsig_bytes));
  return 0u;
}

inline unsigned Ring::peek_batch_cqe(Cqe** cqes, unsigned count) noexcept {
  unsigned n = batch(cqes, count);
  if (n == 0 && completions_held_back()) {
    (void)get_events();
    n = batch(cqes, count);
  }
  return n;
}

// True when completions may be held back in the kernel, so that an empty CQ
// is worth an io_uring_enter: the conditions of cq_ring_needs_enter(), and
// DEFER_TASKRUN rings without TASKRUN_FLAG, whose pending task work (which
// posts their CQEs) the kernel does not flag.
inline bool Ring::completions_held_back() const noexcept {
  if (cq_ring_needs_enter(flags_)) return true;
  return (flags_ & (setup::defer_taskrun | setup::taskrun_flag)) == setup::defer_taskrun;
}

// Up to `count` ready CQEs for peek_batch_cqe(), through the CQ reader. The
// caller consumes them one by one (cqe_seen()), so padding can be consumed
// only in front of the first: padding after it ends the batch.
inline unsigned Ring::batch(Cqe** cqes, unsigned count) noexcept {
  CqeIter it = cqe_iter_init_as<detail::kRuntimeShape>();
  const bool mixed = it.mixed;
  unsigned n = 0;
  while (n < count) {
    const uint32_t start = it.head;
    Cqe* cqe;
    const auto where = cqe_of<detail::kRuntimeShape>();
    if (!(mixed ? detail::next_cqe<true>(it, &cqe, where)
                : detail::next_cqe<false>(it, &cqe, where))) {
      break;
    }
    if (it.head != start) {
      if (n > 0) break;
      cq_advance(it.head - start);
    }
    cqes[n++] = cqe;
    it.head += mixed ? detail::cq_step<true>(*cqe) : detail::cq_step<false>(*cqe);
  }
  return n;
}

inline Result<unsigned> Ring::submit_and_wait_ext(Cqe** cqe_ptr, unsigned wait_nr,
                                                  const Timespec* ts, unsigned min_wait_usec,
                                                  const void* sigmask) noexcept {
  if (ts == nullptr && min_wait_usec == 0) {
    return get_cqe(cqe_ptr, flush_sq(flags_), wait_nr, 0, sigmask, sys::nsig_bytes, false);
  }
  // Checked before flushing, so that a refusal submits nothing.
  if (!is_open()) return Errno::ebadf;
  if (!(features_ & feat::ext_arg)) return Errno::einval;
  const GeteventsArg arg = getevents_arg(ts, min_wait_usec, sigmask);
  return get_cqe(cqe_ptr, flush_sq(flags_), wait_nr, enter::ext_arg, &arg, sizeof(arg),
                 ts != nullptr);
}

inline Result<Cqe*> Ring::wait_cqes_ext(unsigned wait_nr, const Timespec* ts,
                                        unsigned min_wait_usec, const void* sigmask) noexcept {
  if (ts == nullptr && min_wait_usec == 0) {
    return wait_for(wait_nr, 0, sigmask, sys::nsig_bytes, false);
  }
  if (!is_open()) return Errno::ebadf;
  if (!(features_ & feat::ext_arg)) return Errno::einval;
  const GeteventsArg arg = getevents_arg(ts, min_wait_usec, sigmask);
  return wait_for(wait_nr, enter::ext_arg, &arg, sizeof(arg), ts != nullptr);
}

inline GeteventsArg Ring::getevents_arg(const Timespec* ts, unsigned min_wait_usec,
                                        const void* sigmask) noexcept {
  GeteventsArg arg{};
  arg.sigmask = reinterpret_cast<uintptr_t>(sigmask);
  arg.sigmask_sz = sys::nsig_bytes;
  arg.min_wait_usec = min_wait_usec;
  arg.ts = reinterpret_cast<uintptr_t>(ts);
  return arg;
}

// get_cqe() for the waits, which submit nothing: a CQE or an error.
inline Result<Cqe*> Ring::wait_for(unsigned wait_nr, unsigned get_flags, const void* arg,
                                   size_t argsz, bool has_ts) noexcept {
  Cqe* cqe;
  FRING_TRY(get_cqe(&cqe, 0, wait_nr, get_flags, arg, argsz, has_ts));
  return cqe;
}

// The slow path of every wait: enters the kernel to submit `submit` SQEs
// (published by flush_sq()) and/or wait for `wait_nr` CQEs, looping until a
// CQE is there. With a timeout (`has_ts`) it enters at most once more after
// the first wait. Returns the number submitted (on SQPOLL rings, the SQEs
// handed to the kernel thread) with `*out` the first CQE; `*out` may be null
// only when something was submitted, else the error (eagain, etime, or the
// enter error) is returned: an error means nothing was submitted.
inline Result<unsigned> Ring::get_cqe(Cqe** out, unsigned submit, unsigned wait_nr,
                                      unsigned get_flags, const void* arg, size_t argsz,
                                      bool has_ts) noexcept {
  unsigned submitted = 0;
  bool looped = false;
  for (;;) {
    unsigned available;
    Cqe* cqe = peek<detail::kRuntimeShape>(available);
    unsigned flags = 0;
    bool need_enter = false;
    if (cqe == nullptr && wait_nr == 0 && submit == 0) {
      // Nothing to wait for: enter only to flush overflow or task work, once.
      if (looped || !completions_held_back()) return finish(out, nullptr, submitted, Errno::eagain);
      need_enter = true;
    }
    if (wait_nr > available || need_enter) {
      flags = enter::getevents | get_flags;
      need_enter = true;
    }
    if (sq_ring_needs_enter(flags_, submit, flags)) need_enter = true;
    if (!need_enter) {
      // On an SQPOLL ring whose thread is awake the SQEs flush_sq() published
      // are submitted already: the thread takes them without an enter.
      if (flags_ & setup::sqpoll) submitted += submit;
      return finish(out, cqe, submitted, Errno::eagain);
    }
    // The kernel applied the timeout during the first wait.
    if (looped && has_ts) return finish(out, cqe, submitted, Errno::etime);
    const Result<unsigned> consumed = enter(submit, wait_nr, flags, arg, argsz);
    if (!consumed.ok()) return finish(out, nullptr, submitted, consumed.error());
    submit -= consumed.value();
    submitted += consumed.value();
    if (cqe != nullptr) return finish(out, cqe, submitted, Errno::eagain);
    looped = true;
  }
}

inline Result<unsigned> Ring::finish(Cqe** out, Cqe* cqe, unsigned submitted,
                                     Errno error) noexcept {
  *out = cqe;
  if (cqe == nullptr && submitted == 0) return error;
  return submitted;
}

}  // namespace fring

#endif  // FRING_CORE_INTERNAL_RING_WAIT_H
