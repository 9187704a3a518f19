// SPDX-License-Identifier: MIT
// What the kernel's user_data points at, and the rules of its lifetime.
// Every co::Task promise is a FrameBase. A one-shot request of the short
// forms (co::nop(), co::read(), ...) carries its frame's address, tagged, as
// user_data: the reaper writes the result into the frame and resumes it, with
// nothing else to look up. The other requests (chains, streams, request())
// carry the address of an Op with a handler, which the frame lists while it
// is in flight. A frame whose task is destroyed while requests are in flight
// is abandoned: they are cancelled, and it (with its buffers, and the frames
// of the tasks it awaits) is freed when the last of their CQEs has been
// reaped, never before.
#ifndef FRING_CO_FRAME_H
#define FRING_CO_FRAME_H

#include <stdint.h>
#include <coroutine>

#include "fring/co/storage.h"
#include "fring/core/prep/cancel.h"
#include "fring/core/ring.h"
#include "fring/core/sqe.h"

namespace fring::co::detail {

struct FrameBase;
struct Op;

// The tags in the low bits of a user_data the layer sets (frames and Ops are
// 8-byte aligned, so an untagged address has bits 0 to 2 clear). kOneShot
// marks a frame's one-shot request: the reaper's fast path tests that bit
// alone. Every other value (an Op's address, a frame with kCancelTag, or 0)
// takes the slow path.
inline constexpr uint64_t kOneShot = 1;
// A cancel of a chain member whose CQE the reaper must see (retry_cancels()).
// Other cancels carry 0, which the reaper skips.
inline constexpr uint64_t kCancelTag = 2;

// What the reaper does after an Op's handler has seen a CQE.
enum class Step : uint8_t {
  keep,    // nothing to resume
  resume,  // resume the Op's frame
  stall,   // leave this CQE in the CQ for now (a full stream queue)
};

// A request whose CQEs go through a handler: a member of a chain, a stream,
// or one made by co::request(). Its user_data is its address.
struct Op {
  Step (*on_cqe)(Op& op, const Cqe& cqe) noexcept = nullptr;  // called for each CQE
  FrameBase* frame = nullptr;                                 // the frame that awaits it
  Op* next = nullptr;                                         // the frame's list of Ops in flight
  Ring* ring = nullptr;  // where it was submitted (for its cancel)
  int32_t res = 0;
  uint32_t flags = 0;
  uint64_t big[2] = {0, 0};  // the second half of a 32-byte CQE
  bool linked = false;       // a member of a chain (see cancel_op())
  bool cancelling = false;   // a cancel was asked for
};

// The part of every co::Task promise that the layer works with.
struct FrameBase {
  // What the reaper's fast path reads and writes, together.
  std::coroutine_handle<> wake;  // resumed at a CQE; null once abandoned
  int32_t res = 0;               // the last one-shot request's cqe.res
  uint32_t flags = 0;            // and its cqe.flags
  Ring* pending = nullptr;       // the ring of the one-shot request in flight

  std::coroutine_handle<> self;          // this frame
  std::coroutine_handle<> continuation;  // resumed when this task returns
  FrameBase* parent = nullptr;           // the frame awaiting this one
  FrameBase* child = nullptr;            // the frame this one awaits
  FrameBase** child_owner = nullptr;     // the Task that owns `child`
  Op* ops = nullptr;                     // Ops in flight
  FrameStorage* storage = nullptr;
  FrameBase* next_ready = nullptr;  // co::Ready's list
  unsigned cancels = 0;             // cancels in flight whose CQE names this frame
  bool started = false;
  bool detached = false;  // spawned: frees itself when it returns
  bool queued = false;    // on a co::Ready list

  // Its task was destroyed while it was suspended.
  [[nodiscard]] bool abandoned() const noexcept { return !wake; }
};

// An SQE even when the SQ is full: submits (or, under SQPOLL, waits for the
// kernel thread) to make room. Null only when that fails.
[[gnu::noinline]] inline Sqe* sqe_after_submit(Ring& ring) noexcept {
  for (int tries = 0; tries < 8; ++tries) {
    if (!ring.sqring_wait().ok()) return nullptr;
    if (Sqe* sqe = ring.get_sqe()) return sqe;
  }
  return nullptr;
}

template <class RingT>
[[gnu::always_inline]] inline Sqe* next_sqe(RingT& ring) noexcept {
  Sqe* sqe = ring.get_sqe();
  if (__builtin_expect(sqe != nullptr, 1)) return sqe;
  return sqe_after_submit(ring);
}

// Links `op` into `frame`'s list of Ops in flight.
inline void track(FrameBase& frame, Op& op) noexcept {
  op.frame = &frame;
  op.next = frame.ops;
  frame.ops = &op;
}

// Unlinks `op` once its last CQE is in; it is most often the newest.
inline void untrack(FrameBase& frame, Op& op) noexcept {
  if (frame.ops == &op) {
    frame.ops = op.next;
    return;
  }
  for (Op* at = frame.ops; at != nullptr; at = at->next) {
    if (at->next == &op) {
      at->next = op.next;
      return;
    }
  }
}

// Asks the kernel to cancel `frame`'s one-shot request, if one is in flight;
// its CQE (-ECANCELED, or its own result if it completed first) then
// arrives as usual. A lone request is found: it was issued before the
// cancel's SQE was read.
inline void cancel_one_shot(FrameBase& frame) noexcept {
  if (frame.pending == nullptr) return;
  Sqe* sqe = next_sqe(*frame.pending);
  // No SQE even after a submit: the ring is failing; the request's own CQE
  // (or the ring's exit) still ends it.
  if (sqe != nullptr) prep_cancel64(*sqe, reinterpret_cast<uintptr_t>(&frame) | kOneShot, 0);
}

// Asks the kernel to cancel `op` (its CQEs then arrive as usual). A member of
// a chain is issued only when the one before it completes, so a cancel can
// miss it (-ENOENT): those cancels name the frame, which stays alive until
// their CQEs are in, and the reaper asks again while the member is still in
// flight (retry_cancels()).
inline void cancel_op(Op& op) noexcept {
  Sqe* sqe = next_sqe(*op.ring);
  if (sqe == nullptr) return;  // as in cancel_one_shot()
  prep_cancel64(*sqe, reinterpret_cast<uintptr_t>(&op), 0);
  op.cancelling = true;
  if (op.linked && op.frame != nullptr) {
    sqe_set_data64(*sqe, reinterpret_cast<uintptr_t>(op.frame) | kCancelTag);
    ++op.frame->cancels;
  }
}

// Cancels everything `frame` has in flight.
inline void cancel_frame(FrameBase& frame) noexcept {
  cancel_one_shot(frame);
  for (Op* op = frame.ops; op != nullptr; op = op->next) cancel_op(*op);
}

// Cancels every request in flight in `frame` and in the frames it awaits.
inline void cancel_chain(FrameBase& frame) noexcept {
  for (FrameBase* f = &frame; f != nullptr; f = f->child) cancel_frame(*f);
}

// A tagged cancel's CQE: asks again for the chain members still in flight
// that it may have missed.
inline void retry_cancels(FrameBase& frame, int32_t res) noexcept {
  --frame.cancels;
  if (res != -static_cast<int32_t>(Errno::enoent)) return;
  for (Op* op = frame.ops; op != nullptr; op = op->next) {
    if (op->linked && op->cancelling) cancel_op(*op);
  }
}

// Frees abandoned frames from `frame` upwards while nothing holds them.
inline void try_free(FrameBase* frame) noexcept {
  while (frame != nullptr && frame->abandoned() && frame->ops == nullptr &&
         frame->pending == nullptr && frame->child == nullptr && !frame->queued &&
         frame->cancels == 0) {
    FrameBase* parent = frame->parent;
    frame->storage->sub_draining();
    frame->self.destroy();
    if (parent == nullptr) return;
    parent->child = nullptr;
    frame = parent;
  }
}

// The task owning `frame` is gone. A frame that has not started, or has
// returned (and waits for no cancel's CQE), goes at once; a suspended one
// is abandoned with the frames it awaits, its requests are cancelled, and
// try_free() frees them as their last CQEs arrive.
inline void release(FrameBase& frame) noexcept {
  if (!frame.started || (frame.self.done() && frame.cancels == 0)) {
    frame.self.destroy();
    return;
  }
  FrameBase* bottom = &frame;
  for (FrameBase* f = &frame; f != nullptr; f = f->child) {
    f->wake = nullptr;  // abandoned: the reaper resumes it no more
    f->storage->add_draining();
    cancel_frame(*f);
    // Destroying f must not destroy the child's frame through its Task.
    if (f->child != nullptr) *f->child_owner = nullptr;
    bottom = f;
  }
  try_free(bottom);
}

}  // namespace fring::co::detail

#endif  // FRING_CO_FRAME_H
