// SPDX-License-Identifier: MIT
// co::Stream: a multishot request (accept, recv with a buffer ring, timeout,
// poll, or any other) that the coroutine iterates with `co_await s.next()`
// until the CQE without cqe_flag::more. Its record (the Op the user_data
// points at, and a queue of CQEs the coroutine has not taken yet) comes from
// the frame's FrameStorage, so a stream dropped while armed is cancelled and
// its record lives on until the kernel's last CQE; the items nobody will
// take go to its drop function (accept_stream() closes their sockets).
#ifndef FRING_CO_STREAM_H
#define FRING_CO_STREAM_H

#include <stddef.h>
#include <stdint.h>
#include <coroutine>

#include "fring/co/await.h"
#include "fring/co/frame.h"
#include "fring/co/storage.h"
#include "fring/core/prep.h"
#include "fring/core/ring.h"
#include "fring/syscall/syscall.h"

namespace fring::co {

/// What a stream does with an item nobody will take (the stream was dropped,
/// or its task destroyed): `ctx` is the pointer given with it.
using Drop = void (*)(void* ctx, const Completion& item) noexcept;

namespace detail {

struct StreamItem {
  int32_t res;
  uint32_t flags;
};

// The record of a stream, followed by its queue of `capacity` items.
struct StreamRecord {
  Op op;
  FrameStorage* storage;
  size_t bytes;
  Drop drop;
  void* drop_ctx;
  uint32_t head;
  uint32_t count;
  uint32_t capacity;
  bool armed;    // the request is in the kernel
  bool waiting;  // the frame is suspended in next()
  bool orphan;   // the Stream is gone; the record waits for the last CQE

  StreamItem* items() noexcept { return reinterpret_cast<StreamItem*>(this + 1); }
  void discard(int32_t res, uint32_t flags) noexcept {
    if (drop != nullptr) drop(drop_ctx, Completion{res, flags, {0, 0}});
  }
  void give_back() noexcept { storage->deallocate(this, bytes); }
};

inline Step stream_cqe(Op& op, const Cqe& cqe) noexcept {
  StreamRecord& r = reinterpret_cast<StreamRecord&>(op);
  const bool last = (cqe.flags & cqe_flag::more) == 0;
  if (r.orphan) {
    r.discard(cqe.res, cqe.flags);
    if (last) {
      r.storage->sub_draining();
      r.give_back();
    }
    return Step::keep;
  }
  FrameBase& frame = *op.frame;
  if (frame.abandoned()) {
    // Nobody will take it; the frame waits only for the last CQE.
    r.discard(cqe.res, cqe.flags);
  } else {
    // The CQ holds the rest until the coroutine takes an item.
    if (r.count == r.capacity) return Step::stall;
    r.items()[(r.head + r.count++) % r.capacity] = StreamItem{cqe.res, cqe.flags};
  }
  if (last) {
    untrack(frame, op);
    r.armed = false;
  }
  if (r.waiting && r.count != 0) {
    r.waiting = false;
    return Step::resume;
  }
  return Step::keep;
}

}  // namespace detail

/// A multishot request made by `prep(Sqe&)`, armed by the first next() and
/// iterated with `co_await s.next()`. Up to `kCapacity` CQEs wait in its
/// queue for the coroutine; when it is full the rest stay in the CQ (the
/// reaper leaves them there, in order, until an item is taken), so size it
/// for the burst, and take items before awaiting something that would
/// complete after them. Dropping an armed stream cancels the request; its
/// record, from the frame's storage, lives until the last CQE. No liburing
/// equivalent (it has no coroutine layer). Available since Linux 5.13 (each
/// multishot opcode has its own minimum).
template <class Prep, unsigned kCapacity = 16>
class Stream {
 public:
  /// A stream of the request `prep` makes on `ring`, not yet armed; items
  /// nobody will take go to `drop(ctx, item)` when given. No liburing
  /// equivalent. Available since Linux 5.13.
  Stream(Ring& ring, Prep prep, Drop drop = nullptr, void* ctx = nullptr) noexcept
      : ring_(ring), prep_(prep), drop_(drop), ctx_(ctx) {}
  Stream(const Stream&) = delete;
  Stream& operator=(const Stream&) = delete;

  ~Stream() {
    if (r_ == nullptr) return;
    for (; r_->count != 0; --r_->count, ++r_->head) {
      const detail::StreamItem& item = r_->items()[r_->head % r_->capacity];
      r_->discard(item.res, item.flags);
    }
    if (!r_->armed) {
      r_->give_back();
      return;
    }
    detail::untrack(*r_->op.frame, r_->op);
    r_->op.frame = nullptr;
    r_->orphan = true;
    r_->storage->add_draining();
    detail::cancel_op(r_->op);
  }

  /// Asks the kernel to end the request; next() then yields what is queued
  /// and the last CQE (-ECANCELED, or the request's own end). No liburing
  /// equivalent. Available since Linux 5.13.
  void cancel() noexcept {
    if (r_ != nullptr && r_->armed) detail::cancel_op(r_->op);
  }

  /// True once the last item (the one without cqe_flag::more) was taken.
  /// No liburing equivalent. Available since Linux 5.13.
  [[nodiscard]] bool done() const noexcept { return ended_; }

  /// Awaits the next item. Errors (in the Completion): the request's;
  /// enomem when the record does not fit in the frame's storage; ebusy
  /// when no SQE could be had; enodata after the last item. No liburing
  /// equivalent. Available since Linux 5.13.
  auto next() noexcept { return Next{*this}; }

 private:
  struct Next {
    Stream& s;
    bool await_ready() noexcept {
      return s.ended_ || (s.r_ != nullptr && (s.r_->count != 0 || !s.r_->armed));
    }
    template <class P>
    void await_suspend(std::coroutine_handle<P> h) noexcept {
      s.wait(h.promise());
    }
    Completion await_resume() noexcept {
      if (s.ended_) return {-static_cast<int32_t>(Errno::enodata), 0, {0, 0}};
      if (s.error_ != 0) {
        s.ended_ = true;
        return {-s.error_, 0, {0, 0}};
      }
      detail::StreamRecord& r = *s.r_;
      const detail::StreamItem item = r.items()[r.head % r.capacity];
      ++r.head;
      --r.count;
      if (!(item.flags & cqe_flag::more)) s.ended_ = true;
      return {item.res, item.flags, {0, 0}};
    }
  };

  // Next's suspension, out of the coroutine (see await.h): arms the request
  // the first time, then waits for an item; resumes at once with the error
  // when arming fails.
  [[gnu::noinline]] void wait(detail::FrameBase& frame) noexcept {
    if (r_ == nullptr) {
      error_ = arm(frame);
      if (error_ != 0) {
        frame.wake.resume();
        return;
      }
    }
    r_->waiting = true;
  }

  int32_t arm(detail::FrameBase& frame) noexcept {
    const size_t bytes = sizeof(detail::StreamRecord) + kCapacity * sizeof(detail::StreamItem);
    void* mem = frame.storage->allocate(bytes);
    if (mem == nullptr) return static_cast<int32_t>(Errno::enomem);
    Sqe* sqe = detail::next_sqe(ring_);
    if (sqe == nullptr) {
      frame.storage->deallocate(mem, bytes);
      return static_cast<int32_t>(Errno::ebusy);
    }
    r_ = new (mem, fring::detail::PlaceTag{}) detail::StreamRecord{
        {}, frame.storage, bytes, drop_, ctx_, 0, 0, kCapacity, true, false, false};
    r_->op.on_cqe = detail::stream_cqe;
    r_->op.ring = &ring_;
    prep_(*sqe);
    sqe->flags = static_cast<uint8_t>(sqe->flags & ~sqe_flag::cqe_skip_success);
    sqe_set_data(*sqe, &r_->op);
    detail::track(frame, r_->op);
    return 0;
  }

  Ring& ring_;
  Prep prep_;
  Drop drop_;
  void* ctx_;
  detail::StreamRecord* r_ = nullptr;
  int32_t error_ = 0;
  bool ended_ = false;
};

namespace detail {
inline void close_accepted(void*, const Completion& item) noexcept {
  if (item.res >= 0) sys::close(item.res);
}
}  // namespace detail

/// A stream of prep_multishot_accept() on listening socket `fd`: each item's
/// res is a new socket (closed by the stream if it is dropped before taking
/// it); up to `kCapacity` wait to be taken. No liburing equivalent.
/// Available since Linux 5.19.
template <unsigned kCapacity = 16>
auto accept_stream(Ring& ring, int fd, int flags = 0) noexcept {
  auto prep = [=](Sqe& sqe) { prep_multishot_accept(sqe, fd, nullptr, nullptr, flags); };
  return Stream<decltype(prep), kCapacity>(ring, prep, detail::close_accepted);
}

/// A stream of prep_recv_multishot() on `fd`, each item in a buffer of
/// group `bgid` (Completion::buffer_id()); `drop(ctx, item)` gets the items
/// nobody will take, to give their buffers back. res 0 ends it (the peer
/// closed), -ENOBUFS when the group ran dry. Each item waiting to be taken
/// holds a buffer, so a `kCapacity` of the group's buffer count never fills.
/// No liburing equivalent. Available since Linux 6.0.
template <unsigned kCapacity = 16>
auto recv_stream(Ring& ring, int fd, uint16_t bgid, Drop drop = nullptr,
                 void* ctx = nullptr) noexcept {
  auto prep = [=](Sqe& sqe) {
    prep_recv_multishot(sqe, fd, nullptr, 0, 0);
    sqe.flags = static_cast<uint8_t>(sqe.flags | sqe_flag::buffer_select);
    sqe.buf_group = bgid;
  };
  return Stream<decltype(prep), kCapacity>(ring, prep, drop, ctx);
}

/// A stream of prep_timeout() with timeout_flag::multishot: an item every
/// `ts`, `count` times (0: until cancelled). Items have res -ETIME. No
/// liburing equivalent. Available since Linux 6.4.
inline auto timeout_stream(Ring& ring, Timespec ts, unsigned count = 0) noexcept {
  auto prep = [=](Sqe& sqe) { prep_timeout(sqe, &ts, count, timeout_flag::multishot); };
  return Stream<decltype(prep)>(ring, prep);
}

/// A stream of prep_poll_multishot() on `fd` for `poll_mask`: each item's
/// res is the ready events. No liburing equivalent. Available since Linux
/// 5.13.
inline auto poll_stream(Ring& ring, int fd, unsigned poll_mask) noexcept {
  auto prep = [=](Sqe& sqe) { prep_poll_multishot(sqe, fd, poll_mask); };
  return Stream<decltype(prep)>(ring, prep);
}

}  // namespace fring::co

#endif  // FRING_CO_STREAM_H
