// SPDX-License-Identifier: MIT
// The records the kernel's user_data points at, and the rules of their
// lifetime. An Op lives in the frame of the coroutine that awaits it; the
// frame's promise (FrameBase) lists the Ops it has in flight. A frame whose
// task is destroyed while Ops are in flight is abandoned: its Ops are
// cancelled, and it (with its buffers, and the frames of the tasks it awaits)
// is freed when the last of their CQEs has been reaped, never before.
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

// What the reaper does after an Op's slow path has seen a CQE.
enum class Step : uint8_t {
  keep,    // nothing to resume
  resume,  // resume the Op's frame
  stall,   // leave this CQE in the CQ for now (a full stream queue)
};

// One request in flight: the SQE's user_data is its address.
struct Op {
  FrameBase* frame = nullptr;  // the frame that awaits it
  Op* next = nullptr;          // the frame's list of Ops in flight
  // Null for a one-shot request (the reaper's fast path); else called for
  // each of its CQEs.
  Step (*on_cqe)(Op& op, const Cqe& cqe) noexcept = nullptr;
  int32_t res = 0;
  uint32_t flags = 0;
  uint64_t big[2] = {0, 0};  // the second half of a 32-byte CQE
  bool linked = false;       // a member of a chain (see cancel_op())
  bool cancelling = false;   // a cancel was asked for
};

// The part of every co::Task promise that the layer works with.
struct FrameBase {
  std::coroutine_handle<> self;          // this frame
  std::coroutine_handle<> continuation;  // resumed when this task returns
  FrameBase* parent = nullptr;           // the frame awaiting this one
  FrameBase* child = nullptr;            // the frame this one awaits
  FrameBase** child_owner = nullptr;     // the Task that owns `child`
  Op* ops = nullptr;                     // Ops in flight
  Ring* ring = nullptr;                  // where they were submitted
  FrameStorage* storage = nullptr;
  unsigned cancels = 0;             // cancels in flight whose CQE names this frame
  FrameBase* next_ready = nullptr;  // co::Ready's list
  bool started = false;
  bool detached = false;   // spawned: frees itself when it returns
  bool abandoned = false;  // its task was destroyed while it was suspended
  bool queued = false;     // on a co::Ready list
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
[[gnu::always_inline]] inline void track(FrameBase& frame, Op& op) noexcept {
  op.frame = &frame;
  op.next = frame.ops;
  frame.ops = &op;
}

// Unlinks `op` once its last CQE is in; it is most often the newest.
[[gnu::always_inline]] inline void untrack(FrameBase& frame, Op& op) noexcept {
  if (__builtin_expect(frame.ops == &op, 1)) {
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

// The user_data of a cancel whose CQE the reaper must see: its frame's
// address with the low bit set (frames are 16-byte aligned; Ops are never
// at an odd address). Other cancels carry 0, which the reaper skips.
inline constexpr uint64_t kCancelTag = 1;

// Asks the kernel to cancel `op`; its CQE (-ECANCELED, or its own result if
// it completed first) then arrives as usual. A request is found once it has
// been issued, which a lone request is by the time a later SQE is read; a
// member of a chain is issued only when the one before it completes, so a
// cancel can miss it (-ENOENT): those cancels name the frame, which stays
// alive until their CQEs are in, and the reaper asks again while the member
// is still in flight (retry_cancels()).
inline void cancel_op(Ring& ring, FrameBase* frame, Op& op) noexcept {
  Sqe* sqe = next_sqe(ring);
  // No SQE even after a submit: the ring is failing; the Op's own CQE (or
  // the ring's exit) still ends it.
  if (sqe == nullptr) return;
  prep_cancel64(*sqe, reinterpret_cast<uintptr_t>(&op), 0);
  op.cancelling = true;
  if (op.linked && frame != nullptr) {
    sqe_set_data64(*sqe, reinterpret_cast<uintptr_t>(frame) | kCancelTag);
    ++frame->cancels;
  }
}

// Cancels every Op in flight in `frame` and in the frames it awaits.
inline void cancel_chain(FrameBase& frame) noexcept {
  for (FrameBase* f = &frame; f != nullptr; f = f->child) {
    for (Op* op = f->ops; op != nullptr; op = op->next) cancel_op(*f->ring, f, *op);
  }
}

// A tagged cancel's CQE: asks again for the chain members still in flight
// that it may have missed.
inline void retry_cancels(FrameBase& frame, int32_t res) noexcept {
  --frame.cancels;
  if (res != -static_cast<int32_t>(Errno::enoent)) return;
  for (Op* op = frame.ops; op != nullptr; op = op->next) {
    if (op->linked && op->cancelling) cancel_op(*frame.ring, &frame, *op);
  }
}

// Frees abandoned frames from `frame` upwards while nothing holds them.
inline void try_free(FrameBase* frame) noexcept {
  while (frame != nullptr && frame->abandoned && frame->ops == nullptr && frame->child == nullptr &&
         !frame->queued && frame->cancels == 0) {
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
// is abandoned with the frames it awaits, its Ops are cancelled, and
// try_free() frees them as their last CQEs arrive.
inline void release(FrameBase& frame) noexcept {
  if (!frame.started || (frame.self.done() && frame.cancels == 0)) {
    frame.self.destroy();
    return;
  }
  FrameBase* bottom = &frame;
  for (FrameBase* f = &frame; f != nullptr; f = f->child) {
    f->abandoned = true;
    f->storage->add_draining();
    for (Op* op = f->ops; op != nullptr; op = op->next) cancel_op(*f->ring, f, *op);
    // Destroying f must not destroy the child's frame through its Task.
    if (f->child != nullptr) *f->child_owner = nullptr;
    bottom = f;
  }
  try_free(bottom);
}

}  // namespace fring::co::detail

#endif  // FRING_CO_FRAME_H
