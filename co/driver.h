// SPDX-License-Identifier: MIT
// The driver: co::run(ring, task) for a program whose work is one task, and
// the pieces for a runtime with its own scheduler: submit with the ring's own
// calls, co::reap() to route CQEs to their Ops (resuming the coroutines at
// once, or queueing them on a co::Ready list), Ready::resume() to run them.
// One ring, one FrameStorage per thread; nothing here is synchronised.
#ifndef FRING_CO_DRIVER_H
#define FRING_CO_DRIVER_H

#include <stddef.h>
#include <stdint.h>
#include <coroutine>

#include "fring/co/frame.h"
#include "fring/co/storage.h"
#include "fring/co/task.h"
#include "fring/core/cqe.h"
#include "fring/core/result.h"
#include "fring/core/ring.h"

namespace fring::co {

/// Coroutines whose request completed, in completion order, waiting for
/// resume(): what co::reap(ring, ready) fills for a runtime that decides
/// when to run them. Intrusive (no memory of its own). No liburing
/// equivalent (it has no coroutine layer). Any kernel.
class Ready {
 public:
  /// Queues a frame (co::reap() calls this). No liburing equivalent.
  /// Any kernel.
  void push(detail::FrameBase& frame) noexcept {
    frame.queued = true;
    frame.next_ready = nullptr;
    if (tail_ != nullptr) {
      tail_->next_ready = &frame;
    } else {
      head_ = &frame;
    }
    tail_ = &frame;
  }

  /// True when nothing waits. No liburing equivalent. Any kernel.
  [[nodiscard]] bool empty() const noexcept { return head_ == nullptr; }

  /// Resumes every coroutine queued now (one whose task was destroyed in
  /// the meantime is freed instead); returns how many ran. No liburing
  /// equivalent. Any kernel.
  unsigned resume() noexcept {
    unsigned ran = 0;
    detail::FrameBase* f = head_;
    head_ = tail_ = nullptr;
    while (f != nullptr) {
      detail::FrameBase* next = f->next_ready;
      f->queued = false;
      if (f->abandoned()) {
        detail::try_free(f);
      } else {
        f->self.resume();
        ++ran;
      }
      f = next;
    }
    return ran;
  }

 private:
  detail::FrameBase* head_ = nullptr;
  detail::FrameBase* tail_ = nullptr;
};

namespace detail {

template <class RingT>
constexpr bool kStaticShape = requires {
  RingT::shape;
};

// The ring's shape bits: a constant for a StaticRing.
template <class RingT>
[[gnu::always_inline]] inline uint32_t shape_of(const RingT& ring) noexcept {
  if constexpr (kStaticShape<RingT>) {
    return RingT::shape;
  } else {
    return ring.flags();
  }
}

// True when `cqe` is 32 bytes (its second half is to be kept).
template <class RingT>
[[gnu::always_inline]] inline bool big(const RingT& ring, const Cqe& cqe) noexcept {
  const uint32_t shape = shape_of(ring);
  if (shape & setup::cqe32) return true;
  return (shape & setup::cqe_mixed) && (cqe.flags & cqe_flag::cqe32);
}

// The reaper writes a CQE's res and flags (one 8-byte word) into a frame
// together with a null `pending`, as one 16-byte store.
static_assert(offsetof(Cqe, flags) == offsetof(Cqe, res) + 4);
static_assert(offsetof(FrameBase, flags) == offsetof(FrameBase, res) + 4);
static_assert(offsetof(FrameBase, pending) == offsetof(FrameBase, res) + 8 &&
              sizeof(FrameBase::pending) == 8);

struct Inline {
  [[gnu::always_inline]] void operator()(FrameBase& f) const noexcept { f.wake.resume(); }
};
struct Queue {
  Ready& ready;
  [[gnu::always_inline]] void operator()(FrameBase& f) const noexcept { ready.push(f); }
};

// Every CQE but a one-shot request's: an Op's (through its handler), a chain
// member's cancel (kCancelTag), or one to skip (0). Out of line, so that the
// reaper's loop holds only the fast path. Returns 0, or the CQ slots of `cqe`
// when it is to stay in the CQ for now (a stream's full queue).
template <class RingT, class Sink>
[[gnu::noinline]] unsigned route_slow(const RingT& ring, const Cqe& cqe, Sink sink) noexcept {
  const uint64_t data = cqe.user_data;
  if (data & kCancelTag) {
    FrameBase* frame = reinterpret_cast<FrameBase*>(static_cast<uintptr_t>(data & ~kCancelTag));
    retry_cancels(*frame, cqe.res);
    if (frame->abandoned()) try_free(frame);
    return 0;
  }
  Op* op = reinterpret_cast<Op*>(static_cast<uintptr_t>(data));
  if (op == nullptr) return 0;  // a cancel's own CQE
  if (big(ring, cqe)) {
    op->big[0] = big_cqe(cqe)[0];
    op->big[1] = big_cqe(cqe)[1];
  }
  FrameBase* frame = op->frame;
  const Step step = op->on_cqe(*op, cqe);
  if (step == Step::stall) return (shape_of(ring) & setup::cqe_mixed) ? cqe_nr(cqe) : 1;
  if (frame == nullptr) return 0;  // an orphaned stream's record
  if (frame->abandoned()) {
    try_free(frame);
  } else if (step == Step::resume) {
    sink(*frame);
  }
  return 0;
}

// The reaper: one test per CQE (kOneShot) separates a one-shot request's
// CQE, whose result goes into its frame before the frame resumes, from the
// rest (route_slow()).
template <class RingT, class Sink>
[[gnu::always_inline]] inline unsigned reap_into(RingT& ring, Sink sink) noexcept {
  CqeIter it = ring.cqe_iter_init();
  unsigned seen = 0;
  Cqe* cqe;
  while (Ring::cqe_iter_next(it, &cqe)) {
    const uint64_t data = cqe->user_data;
    if (__builtin_expect(data & kOneShot, 1)) {
      FrameBase* frame = reinterpret_cast<FrameBase*>(static_cast<uintptr_t>(data - kOneShot));
      // res and flags, and `pending` cleared, in one 16-byte store.
      typedef uint64_t Pair __attribute__((vector_size(16)));
      uint64_t res_flags;
      __builtin_memcpy(&res_flags, reinterpret_cast<const char*>(cqe) + offsetof(Cqe, res), 8);
      const Pair done = {res_flags, 0};
      __builtin_memcpy(reinterpret_cast<char*>(frame) + offsetof(FrameBase, res), &done, 16);
      ++seen;
      if (__builtin_expect(!frame->abandoned(), 1)) {
        sink(*frame);
      } else {
        try_free(frame);
      }
      continue;
    }
    if (const unsigned back = route_slow(ring, *cqe, sink); back != 0) {
      it.head -= back;  // this CQE stays
      break;
    }
    ++seen;
  }
  // Consumes up to where the walk stopped. Nothing else consumes CQEs
  // meanwhile (the walk would be wrong otherwise), so the head is read again
  // here rather than kept in a register through the loop.
  ring.cq_advance(it.head - read_own(ring.cq().khead));
  return seen;
}

}  // namespace detail

/// Routes every CQE ready now to the frame or Op its user_data names and
/// resumes the coroutines whose request is done, in CQ order, before
/// returning (their new SQEs wait for the next submit). Frees the frames of
/// destroyed tasks whose last CQE this was. Skips CQEs with user_data 0 (the
/// layer's cancels; a runtime's own untracked requests may use 0 too; any
/// other user_data on the ring must be the layer's). Leaves in the CQ a CQE
/// whose stream has a full queue, and those after it. Returns the CQEs
/// routed. Never enters the kernel (DEFER_TASKRUN rings need a wait first).
/// No liburing equivalent (it has no coroutine layer). Any kernel.
template <class RingT>
[[gnu::always_inline]] inline unsigned reap(RingT& ring) noexcept {
  return detail::reap_into(ring, detail::Inline{});
}

/// reap(), queueing the coroutines on `ready` instead of resuming them.
/// No liburing equivalent. Any kernel.
template <class RingT>
[[gnu::always_inline]] inline unsigned reap(RingT& ring, Ready& ready) noexcept {
  return detail::reap_into(ring, detail::Queue{ready});
}

/// One turn of the loop: submits the SQEs queued, waits for one CQE, and
/// reaps. Errors: those of Ring::submit_and_wait() but eintr, eagain and
/// ebusy, after which it reaps and returns 0. No liburing equivalent.
/// Any kernel.
template <class RingT>
[[gnu::always_inline]] inline Result<unsigned> turn(RingT& ring) noexcept {
  auto submitted = ring.submit_and_wait(1);
  if (!submitted.ok() && submitted.error() != Errno::eintr && submitted.error() != Errno::eagain &&
      submitted.error() != Errno::ebusy) {
    return submitted.error();
  }
  return reap(ring);
}

/// Runs turn() until `storage` has no frame or stream record waiting for a
/// CQE (FrameStorage::draining()): before the ring is closed, after tasks
/// were destroyed in flight. Errors: as turn(). No liburing equivalent.
/// Any kernel.
template <class RingT>
Result<void> drain(RingT& ring, FrameStorage& storage) noexcept {
  while (storage.draining() != 0) {
    auto r = turn(ring);
    if (!r.ok()) return r.error();
  }
  return {};
}

/// Starts `task` and runs turn() until it has returned and its storage has
/// nothing left in flight from destroyed tasks; returns its outcome. Other
/// tasks it spawned may still run (keep turning the ring for them).
/// Errors: enomem for a task without a frame, what the task returned, and
/// those of turn(). No liburing equivalent (it has no coroutine layer).
/// Any kernel.
template <class RingT, class T>
Result<typename Task<T>::Value> run(RingT& ring, Task<T>& task) noexcept {
  detail::FrameBase* frame = task.frame();
  if (frame == nullptr) return Errno::enomem;
  if (!frame->started) {
    frame->started = true;
    frame->self.resume();
  }
  while (!frame->self.done()) {
    auto r = turn(ring);
    if (!r.ok()) return r.error();
  }
  auto drained = drain(ring, *frame->storage);
  if (!drained.ok()) return drained.error();
  return task.result();
}

/// run() for a task made in the call: `co::run(ring, main_task(storage))`.
/// Errors: as run(). No liburing equivalent. Any kernel.
template <class RingT, class T>
Result<typename Task<T>::Value> run(RingT& ring, Task<T>&& task) noexcept {
  return run(ring, task);
}

/// Starts `task` and lets it go: it runs until its first suspension now,
/// then as the ring completes its requests, and frees its frame when it
/// returns (its outcome is dropped). Errors: enomem for a task without a
/// frame. No liburing equivalent. Any kernel.
template <class T>
Result<void> spawn(Task<T>&& task) noexcept {
  detail::FrameBase* frame = task.release();
  if (frame == nullptr) return Errno::enomem;
  frame->detached = true;
  frame->started = true;
  frame->self.resume();
  return {};
}

/// Cancels the requests `task` (and the tasks it awaits) has in flight: each
/// awaiting coroutine resumes once, with -ECANCELED in res or its
/// request's own result if that came first; streams end with their last
/// item. The cancels go out with the next submit. No liburing equivalent.
/// Available since Linux 5.5.
template <class T>
void cancel(Task<T>& task) noexcept {
  if (task.frame() != nullptr) detail::cancel_chain(*task.frame());
}

}  // namespace fring::co

#endif  // FRING_CO_DRIVER_H
