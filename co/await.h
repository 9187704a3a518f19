// SPDX-License-Identifier: MIT
// Awaiting one request, or a linked chain of them: co::request() takes a prep
// step for any opcode and resumes with the Completion (result and flags);
// co::read(), co::write(), ... are its short forms resuming with a
// Result<int>; co::link() submits a chain and resumes when every CQE of it is
// in; co::with_timeout() links a timeout to one request. A short form's
// user_data is its frame (tagged kOneShot), where the reaper writes the
// result; every other request's Op lives in the awaiting frame, and its
// user_data is the Op's address.
#ifndef FRING_CO_AWAIT_H
#define FRING_CO_AWAIT_H

#include <stddef.h>
#include <stdint.h>
#include <coroutine>

#include "fring/co/frame.h"
#include "fring/core/cqe.h"
#include "fring/core/prep.h"
#include "fring/core/result.h"
#include "fring/core/ring.h"
#include "fring/core/sqe.h"

namespace fring::co {

/// What a request completed with: its `cqe.res` and `cqe.flags` (and, from
/// a 32-byte CQE, its second half). For a request that posts more than one
/// CQE (a zero-copy send: the result, then the notification), the result is
/// the first CQE's and the flags are the first's plus cqe_flag::notif.
struct Completion {
  int32_t res;
  uint32_t flags;
  uint64_t big[2];

  /// res as a Result. Errors: the request's (-errno in res). No liburing
  /// equivalent (it reads cqe->res). Any kernel.
  [[nodiscard]] Result<int> result() const noexcept { return result_from<int>(res); }
  /// True when the CQE had cqe_flag::more (a stream's item other than its
  /// last). No liburing equivalent. Available since Linux 5.19.
  [[nodiscard]] bool more() const noexcept { return (flags & cqe_flag::more) != 0; }
  /// True when a provided buffer was used (cqe_flag::buffer). No liburing
  /// equivalent. Available since Linux 5.7.
  [[nodiscard]] bool has_buffer() const noexcept { return (flags & cqe_flag::buffer) != 0; }
  /// The provided buffer's id (when has_buffer()). No liburing equivalent.
  /// Available since Linux 5.7.
  [[nodiscard]] uint16_t buffer_id() const noexcept {
    return static_cast<uint16_t>(flags >> cqe_flag::buffer_shift);
  }
};

namespace detail {

inline Completion completion_of(const Op& op) noexcept {
  return Completion{op.res, op.flags, {op.big[0], op.big[1]}};
}

// Records a CQE into `op`; true when it was the request's last. A request
// that posts several (cqe_flag::more, then one without) keeps the first
// CQE's result and adds cqe_flag::notif from a zero-copy notification.
inline bool record(Op& op, const Cqe& cqe) noexcept {
  if (cqe.flags & cqe_flag::more) {
    op.res = cqe.res;
    op.flags = cqe.flags & ~cqe_flag::more;
    return false;
  }
  if (cqe.flags & cqe_flag::notif) {
    op.flags |= cqe_flag::notif;
  } else {
    op.res = cqe.res;
    op.flags = cqe.flags;
  }
  return true;
}

inline Step request_cqe(Op& op, const Cqe& cqe) noexcept {
  if (!record(op, cqe)) return Step::keep;
  untrack(*op.frame, op);
  return Step::resume;
}

// The awaiters suspend unconditionally (a void await_suspend()) and keep
// everything that may call a function out of the coroutine, in a function
// called last: a tail call, so that a coroutine body that makes no call of
// its own needs no registers saved on entry. When such a function cannot
// submit (no SQE even after a submit), it resumes the coroutine itself with
// the error; the coroutine counts as suspended from before await_suspend()
// on, and nothing touches the frame after it.

// co::request()'s submission: an SQE (128 bytes for request128()) made by
// `prep`, with the Op's address as user_data.
template <bool kBig, class RingT, class Prep>
[[gnu::noinline]] void submit_request(RingT& ring, Prep& prep, Op& op, FrameBase& f) noexcept {
  Sqe* sqe = kBig ? ring.get_sqe128() : next_sqe(ring);
  if (sqe == nullptr) {
    op.res = -static_cast<int32_t>(Errno::ebusy);
    f.wake.resume();
    return;
  }
  prep(*sqe);
  // The layer must see every CQE: the last one is what frees the frame.
  sqe->flags = static_cast<uint8_t>(sqe->flags & ~sqe_flag::cqe_skip_success);
  sqe_set_data(*sqe, &op);
  op.on_cqe = request_cqe;
  op.ring = &ring;
  track(f, op);
}

// The awaiter of co::request(): one request of any opcode, which may post
// several CQEs; its Op lives in the awaiting frame, and the coroutine
// resumes with the Completion once the last CQE is in.
template <class RingT, class Prep, bool kBig>
struct Request {
  RingT& ring;
  Prep prep;
  Op op;

  bool await_ready() noexcept { return false; }
  template <class P>
  void await_suspend(std::coroutine_handle<P> h) noexcept {
    submit_request<kBig>(ring, prep, op, h.promise());
  }
  Completion await_resume() noexcept { return completion_of(op); }
};

// A short form's submission when the SQ is full: submits to make room, then
// fills the SQE, or resumes the coroutine with -EBUSY.
template <class RingT, class Prep>
[[gnu::noinline]] void submit_after_full(RingT& ring, Prep& prep, FrameBase& f) noexcept {
  Sqe* sqe = sqe_after_submit(ring);
  if (sqe == nullptr) {
    f.res = -static_cast<int32_t>(Errno::ebusy);
    f.wake.resume();
    return;
  }
  f.pending = &ring;
  prep(*sqe);
  sqe_set_data64(*sqe, reinterpret_cast<uintptr_t>(&f) | kOneShot);
}

// The awaiter of the short forms: a request that posts exactly one CQE,
// made by one of fring's prep helpers (which write every SQE field, flags
// included). Its user_data is the frame's address with kOneShot; the reaper
// writes cqe.res into the frame, and the coroutine resumes with it as a
// Result<int>. No Op, no list: the frame's `pending` says that one is in
// flight, and where.
template <class RingT, class Prep>
struct Call {
  RingT& ring;
  Prep prep;
  FrameBase* frame;  // set by await_suspend(): where the result lands

  Call(RingT& r, Prep p) noexcept : ring(r), prep(p) {}
  bool await_ready() noexcept { return false; }
  template <class P>
  [[gnu::always_inline]] void await_suspend(std::coroutine_handle<P> h) noexcept {
    FrameBase& f = h.promise();
    frame = &f;
    Sqe* sqe = ring.get_sqe();
    if (__builtin_expect(sqe == nullptr, 0)) return submit_after_full(ring, prep, f);
    f.pending = &ring;
    prep(*sqe);
    sqe_set_data64(*sqe, reinterpret_cast<uintptr_t>(&f) | kOneShot);
  }
  [[gnu::always_inline]] Result<int> await_resume() noexcept {
    // cqe.res is a count or -errno: any negative value is an error.
    const int32_t res = frame->res;
    if (__builtin_expect(res < 0, 0)) return static_cast<Errno>(-res);
    return res;
  }
};

// One Op of a linked chain: the chain resumes its frame when the last of its
// Ops has its last CQE.
struct LinkOp {
  Op op;
  unsigned* remaining;
};

inline Step link_cqe(Op& op, const Cqe& cqe) noexcept {
  if (!record(op, cqe)) return Step::keep;
  untrack(*op.frame, op);
  unsigned& remaining = *reinterpret_cast<LinkOp&>(op).remaining;
  return --remaining == 0 ? Step::resume : Step::keep;
}

// The prep steps of a chain, without <tuple>.
template <class... F>
struct Pack {
  void fill(Sqe**) noexcept {}
};
template <class F, class... R>
struct Pack<F, R...> {
  F first;
  Pack<R...> rest;
  void fill(Sqe** sqes) noexcept {
    first(**sqes);
    rest.fill(sqes + 1);
  }
};

template <class F, class... R>
Pack<F, R...> pack(F f, R... r) noexcept {
  if constexpr (sizeof...(R) == 0) {
    return {f, {}};
  } else {
    return {f, pack(r...)};
  }
}

template <class L>
void submit_link(L& l, FrameBase& frame) noexcept;

// Submits the chain in one piece (a submit inside it would cut the links)
// and resumes when every request of it has its last CQE.
template <class RingT, class... Preps>
struct Link {
  static constexpr unsigned kCount = sizeof...(Preps);
  RingT& ring;
  Pack<Preps...> preps;
  LinkOp ops[kCount] = {};
  unsigned remaining = 0;

  bool await_ready() noexcept { return false; }
  template <class P>
  void await_suspend(std::coroutine_handle<P> h) noexcept {
    submit_link(*this, h.promise());
  }
};

// co::link()'s submission, in one piece, or -EBUSY in every Completion.
template <class L>
[[gnu::noinline]] void submit_link(L& l, FrameBase& frame) noexcept {
  constexpr unsigned kCount = L::kCount;
  for (int tries = 0; l.ring.sq_space_left() < kCount; ++tries) {
    if (tries == 8 || !l.ring.sqring_wait().ok()) {
      for (LinkOp& op : l.ops) op.op.res = -static_cast<int32_t>(Errno::ebusy);
      frame.wake.resume();
      return;
    }
  }
  Sqe* sqes[kCount];
  for (Sqe*& sqe : sqes) sqe = l.ring.get_sqe();
  l.preps.fill(sqes);
  for (unsigned i = 0; i < kCount; ++i) {
    unsigned flags = sqes[i]->flags & ~sqe_flag::cqe_skip_success;
    if (i + 1 < kCount && !(flags & sqe_flag::io_hardlink)) flags |= sqe_flag::io_link;
    sqes[i]->flags = static_cast<uint8_t>(flags);
    sqe_set_data(*sqes[i], &l.ops[i].op);
    l.ops[i].op.on_cqe = link_cqe;
    l.ops[i].op.ring = &l.ring;
    l.ops[i].op.linked = true;
    l.ops[i].remaining = &l.remaining;
    track(frame, l.ops[i].op);
  }
  l.remaining = kCount;
}

}  // namespace detail

/// The Completions of a linked chain, in submission order.
template <unsigned kCount>
struct Linked {
  Completion at[kCount];
};

namespace detail {
template <class RingT, class... Preps>
struct LinkAll : Link<RingT, Preps...> {
  Linked<sizeof...(Preps)> await_resume() noexcept {
    Linked<sizeof...(Preps)> out;
    for (unsigned i = 0; i < sizeof...(Preps); ++i) out.at[i] = completion_of(this->ops[i].op);
    return out;
  }
};
template <class RingT, class... Preps>
struct LinkFirst : Link<RingT, Preps...> {
  Completion await_resume() noexcept { return completion_of(this->ops[0].op); }
};
}  // namespace detail

/// Awaits one request of any opcode: `prep(Sqe&)` fills the SQE (a prep_*
/// helper, flags included; sqe_flag::cqe_skip_success is cleared, since the layer
/// needs every CQE), and the coroutine resumes with the Completion once the
/// request's last CQE is in. Buffers and structs the request points at must
/// live until then (the coroutine's locals do). A multishot request posts
/// many CQEs: await it through a co::Stream. Errors (in the Completion):
/// the request's; ebusy when no SQE could be had even after a submit.
/// No liburing equivalent (it has no coroutine layer). Any kernel.
template <class RingT, class Prep>
detail::Request<RingT, Prep, false> request(RingT& ring, Prep prep) noexcept {
  return {ring, prep, {}};
}

/// request() in a 128-byte SQE (setup::sqe128, or setup::sqe_mixed): for
/// op::nop128, op::uring_cmd128 and the other big opcodes. Errors: the
/// request's; ebusy when the ring has no 128-byte SQE free. No liburing
/// equivalent. Available since Linux 5.19 (SQE128), 6.19 (SQE_MIXED).
template <class RingT, class Prep>
detail::Request<RingT, Prep, true> request128(RingT& ring, Prep prep) noexcept {
  return {ring, prep, {}};
}

/// Awaits a chain of requests linked with sqe_flag::io_link (each prep
/// step's SQE but the last gets it, unless it has sqe_flag::io_hardlink),
/// submitted together; resumes with every Completion once each request has
/// its last CQE. A failed request ends the chain: those after it complete
/// with -ECANCELED. Errors (in the Completions): the requests'; ebusy in
/// each when the SQ has no room for the chain even after a submit.
/// No liburing equivalent (liburing links by hand). Available since
/// Linux 5.3 (io_link).
template <class RingT, class... Preps>
detail::LinkAll<RingT, Preps...> link(RingT& ring, Preps... preps) noexcept {
  return {{ring, detail::pack(preps...)}};
}

/// Awaits the request `prep` makes with a link timeout of `ts` (relative, or
/// as `timeout_flags` say) after it: resumes once both CQEs are in, with the
/// request's Completion (-ECANCELED in res when the time ran out first).
/// Errors (in the Completion): the request's, ecanceled on timeout, ebusy as
/// for link(). No liburing equivalent. Available since Linux 5.5.
template <class RingT, class Prep>
auto with_timeout(RingT& ring, Prep prep, Timespec ts, unsigned timeout_flags = 0) noexcept {
  auto timer = [ts, timeout_flags](Sqe& sqe) { prep_link_timeout(sqe, &ts, timeout_flags); };
  return detail::LinkFirst<RingT, Prep, decltype(timer)>{{ring, detail::pack(prep, timer)}};
}

/// Awaits a NOP. res: 0. No liburing equivalent (see request()). Any kernel.
template <class RingT>
auto nop(RingT& ring) noexcept {
  auto prep = [](Sqe& sqe) { prep_nop(sqe); };
  return detail::Call<RingT, decltype(prep)>(ring, prep);
}

/// Awaits prep_read(): bytes read. Errors: the read's (-errno in res).
/// No liburing equivalent (see request()). Any kernel (op::read: Linux 5.6).
template <class RingT>
auto read(RingT& ring, int fd, void* buf, unsigned nbytes, uint64_t offset) noexcept {
  auto prep = [=](Sqe& sqe) { prep_read(sqe, fd, buf, nbytes, offset); };
  return detail::Call<RingT, decltype(prep)>(ring, prep);
}

/// Awaits prep_write(): bytes written. Errors: the write's (-errno in res).
/// No liburing equivalent (see request()). Available since Linux 5.6.
template <class RingT>
auto write(RingT& ring, int fd, const void* buf, unsigned nbytes, uint64_t offset) noexcept {
  auto prep = [=](Sqe& sqe) { prep_write(sqe, fd, buf, nbytes, offset); };
  return detail::Call<RingT, decltype(prep)>(ring, prep);
}

/// Awaits prep_accept() (no peer address): the new socket. Errors: the
/// accept's (-errno in res). No liburing equivalent (see request()).
/// Available since Linux 5.5.
template <class RingT>
auto accept(RingT& ring, int fd, int flags) noexcept {
  auto prep = [=](Sqe& sqe) { prep_accept(sqe, fd, nullptr, nullptr, flags); };
  return detail::Call<RingT, decltype(prep)>(ring, prep);
}

/// Awaits prep_connect() to `addr` (which must live until it resumes):
/// 0. Errors: the connect's (-errno in res). No liburing equivalent (see
/// request()). Available since Linux 5.5.
template <class RingT>
auto connect(RingT& ring, int fd, KernelPtr<const Sockaddr> addr, uint32_t addrlen) noexcept {
  auto prep = [=](Sqe& sqe) { prep_connect(sqe, fd, addr, addrlen); };
  return detail::Call<RingT, decltype(prep)>(ring, prep);
}

/// Awaits prep_recv(): bytes received (0: the peer closed). Errors: the
/// recv's (-errno in res). No liburing equivalent (see request()).
/// Available since Linux 5.6.
template <class RingT>
auto recv(RingT& ring, int fd, void* buf, size_t len, int flags) noexcept {
  auto prep = [=](Sqe& sqe) { prep_recv(sqe, fd, buf, len, flags); };
  return detail::Call<RingT, decltype(prep)>(ring, prep);
}

/// Awaits prep_send(): bytes sent. Errors: the send's (-errno in res).
/// No liburing equivalent (see request()). Available since Linux 5.6.
template <class RingT>
auto send(RingT& ring, int fd, const void* buf, size_t len, int flags) noexcept {
  auto prep = [=](Sqe& sqe) { prep_send(sqe, fd, buf, len, flags); };
  return detail::Call<RingT, decltype(prep)>(ring, prep);
}

/// Awaits prep_timeout() of `ts` (copied into the awaiter) or `count`
/// completions: 0 when `count` completions came first. Errors: etime when
/// the time passed (the usual outcome), ecanceled when cancelled. No
/// liburing equivalent (see request()). Available since Linux 5.4.
template <class RingT>
auto timeout(RingT& ring, Timespec ts, unsigned count = 0, unsigned flags = 0) noexcept {
  auto prep = [=](Sqe& sqe) { prep_timeout(sqe, &ts, count, flags); };
  return detail::Call<RingT, decltype(prep)>(ring, prep);
}

/// Awaits prep_openat() of `path` (which must live until it resumes): the
/// new fd. Errors: the open's (-errno in res). No liburing equivalent (see
/// request()). Available since Linux 5.6.
template <class RingT>
auto openat(RingT& ring, int dfd, const char* path, int flags, unsigned mode) noexcept {
  auto prep = [=](Sqe& sqe) { prep_openat(sqe, dfd, path, flags, mode); };
  return detail::Call<RingT, decltype(prep)>(ring, prep);
}

/// Awaits prep_close(): 0. Errors: the close's (-errno in res). No liburing
/// equivalent (see request()). Available since Linux 5.6.
template <class RingT>
auto close(RingT& ring, int fd) noexcept {
  auto prep = [=](Sqe& sqe) { prep_close(sqe, fd); };
  return detail::Call<RingT, decltype(prep)>(ring, prep);
}

}  // namespace fring::co

#endif  // FRING_CO_AWAIT_H
