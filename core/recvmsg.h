// SPDX-License-Identifier: MIT
// Reading the buffers a multishot recvmsg fills (prep_recvmsg_multishot()).
// Each provided buffer holds, in order: a RecvmsgOut header, the
// sender's address in the msg_namelen bytes the request's Msghdr reserved,
// the control messages in the msg_controllen bytes it reserved, then the
// payload. The header says how much of each the kernel actually wrote.
// These are pure functions over memory; none reaches the kernel. They read
// the header and control messages byte-wise: a name whose length is no
// multiple of 8 (sockaddr_in6 is 28) leaves the control messages misaligned,
// and the buffer itself may sit at any address.
#ifndef FRING_CORE_RECVMSG_H
#define FRING_CORE_RECVMSG_H

#include <stddef.h>
#include <stdint.h>

#include "fring/core/uapi/io_uring.h"
#include "fring/core/uapi/kernel_ptr.h"

namespace fring {

namespace detail {
// CMSG_ALIGN: control messages start on a word boundary.
[[gnu::always_inline]] inline size_t cmsg_align(size_t len) noexcept {
  return (len + sizeof(size_t) - 1) & ~(sizeof(size_t) - 1);
}

// Where the control area starts: after the header and the reserved name.
[[gnu::always_inline]] inline uint8_t* recvmsg_control(RecvmsgOut* o, const Msghdr* msgh) noexcept {
  return reinterpret_cast<uint8_t*>(o + 1) + static_cast<uint32_t>(msgh->msg_namelen);
}

// Reads a T at `p`, whatever its alignment.
template <class T>
[[gnu::always_inline]] inline T load_unaligned(const void* p) noexcept {
  T v;
  __builtin_memcpy(&v, p, sizeof(T));
  return v;
}

// The bytes of the control area holding messages: what the header says the
// kernel wrote, but never more than the request reserved.
[[gnu::always_inline]] inline size_t recvmsg_control_used(const RecvmsgOut* o,
                                                          const Msghdr* msgh) noexcept {
  const size_t written = load_unaligned<uint32_t>(reinterpret_cast<const uint8_t*>(o) +
                                                  offsetof(RecvmsgOut, controllen));
  return written < msgh->msg_controllen ? written : msgh->msg_controllen;
}

// The cmsg_len of the control message at `p`.
[[gnu::always_inline]] inline size_t cmsg_len_at(const uint8_t* p) noexcept {
  return load_unaligned<size_t>(p + offsetof(Cmsghdr, cmsg_len));
}
}  // namespace detail

/// Checks that a `buf_len`-byte buffer (cqe->res of the completion) is big
/// enough for the header and the name and control areas `msgh` reserved, and
/// returns it as the header; nullptr when it is not (or `buf_len` < 0).
/// Matches io_uring_recvmsg_validate() in liburing. Available since Linux 6.0.
[[gnu::always_inline]] inline RecvmsgOut* recvmsg_validate(void* buf, int buf_len,
                                                           KernelPtr<const Msghdr> msgh) noexcept {
  if (buf_len < 0) return nullptr;
  size_t left = static_cast<size_t>(buf_len);
  // One step at a time, so that no sum can wrap around.
  if (left < sizeof(RecvmsgOut)) return nullptr;
  left -= sizeof(RecvmsgOut);
  const size_t namelen = static_cast<uint32_t>(msgh.get()->msg_namelen);
  if (namelen > left) return nullptr;
  left -= namelen;
  if (msgh.get()->msg_controllen > left) return nullptr;
  return static_cast<RecvmsgOut*>(buf);
}

/// The sender's address, right after the header: min(o->namelen,
/// msgh->msg_namelen) bytes are valid (o->namelen is the address's full
/// length, larger than the space reserved when the name was cut).
/// Matches io_uring_recvmsg_name() in liburing. Available since Linux 6.0.
[[gnu::always_inline]] inline void* recvmsg_name(RecvmsgOut* o) noexcept { return o + 1; }

namespace detail {
// True when a control message starts at offset `at` of a control area of
// `end` used bytes: its header fits, and its cmsg_len covers at least the
// header and no byte past `end`. The last message may end without its
// padding (the kernel writes cmsg_len bytes and pads only between messages).
[[gnu::always_inline]] inline bool cmsg_whole_at(const uint8_t* control, size_t at,
                                                 size_t end) noexcept {
  if (at > end || end - at < sizeof(Cmsghdr)) return false;
  const size_t len = cmsg_len_at(control + at);
  return len >= sizeof(Cmsghdr) && len <= end - at;
}
}  // namespace detail

/// The first control message, or nullptr when the kernel wrote none (or its
/// length is corrupt: at least a header, and within the o->controllen bytes
/// the kernel wrote, and those in the msgh->msg_controllen reserved). It is
/// 8-byte aligned only when the buffer is and msgh->msg_namelen is a
/// multiple of 8. Matches io_uring_recvmsg_cmsg_firsthdr() in liburing
/// (which checks less). Available since Linux 6.0.
[[gnu::always_inline]] inline Cmsghdr* recvmsg_cmsg_firsthdr(
    RecvmsgOut* o, KernelPtr<const Msghdr> msgh) noexcept {
  const size_t end = detail::recvmsg_control_used(o, msgh.get());
  uint8_t* control = detail::recvmsg_control(o, msgh.get());
  if (!detail::cmsg_whole_at(control, 0, end)) return nullptr;
  return reinterpret_cast<Cmsghdr*>(control);
}

/// The control message after `cmsg`, or nullptr when `cmsg` was the last one
/// (or a length is corrupt, as recvmsg_cmsg_firsthdr() says). A last message
/// the kernel wrote without padding (o->controllen no multiple of 8) is
/// returned, as recvmsg_cmsg_firsthdr() returns a first one. Aligned as
/// recvmsg_cmsg_firsthdr() says. Matches io_uring_recvmsg_cmsg_nexthdr() in
/// liburing (which drops such a last message). Available since Linux 6.0.
[[gnu::always_inline]] inline Cmsghdr* recvmsg_cmsg_nexthdr(RecvmsgOut* o,
                                                            KernelPtr<const Msghdr> msgh,
                                                            Cmsghdr* cmsg) noexcept {
  uint8_t* control = detail::recvmsg_control(o, msgh.get());
  const size_t end = detail::recvmsg_control_used(o, msgh.get());
  // Offsets into the control area rather than pointers, so nothing can wrap.
  const size_t at = static_cast<size_t>(reinterpret_cast<uint8_t*>(cmsg) - control);
  if (!detail::cmsg_whole_at(control, at, end)) return nullptr;
  const size_t next = at + detail::cmsg_align(detail::cmsg_len_at(control + at));
  if (!detail::cmsg_whole_at(control, next, end)) return nullptr;
  return reinterpret_cast<Cmsghdr*>(control + next);
}

/// The payload: after the header and the name and control areas `msgh`
/// reserved. Matches io_uring_recvmsg_payload() in liburing.
/// Available since Linux 6.0.
[[gnu::always_inline]] inline void* recvmsg_payload(RecvmsgOut* o,
                                                    KernelPtr<const Msghdr> msgh) noexcept {
  return detail::recvmsg_control(o, msgh.get()) + msgh.get()->msg_controllen;
}

/// The payload bytes in the buffer, given its used length `buf_len`
/// (cqe->res); 0 when there are none or `buf_len` < 0. o->payloadlen is the
/// bytes the socket returned: the message's full length, larger than what
/// fitted, only when the request's flags had MSG_TRUNC (for datagram
/// sockets); without it, what was received.
/// Matches io_uring_recvmsg_payload_length() in liburing. Available since Linux 6.0.
[[gnu::always_inline]] inline unsigned recvmsg_payload_length(
    RecvmsgOut* o, int buf_len, KernelPtr<const Msghdr> msgh) noexcept {
  if (buf_len < 0) return 0;
  const uint8_t* payload = static_cast<uint8_t*>(recvmsg_payload(o, msgh));
  const size_t start = static_cast<size_t>(payload - reinterpret_cast<uint8_t*>(o));
  const size_t used = static_cast<size_t>(buf_len);
  return start < used ? static_cast<unsigned>(used - start) : 0;
}

}  // namespace fring

#endif  // FRING_CORE_RECVMSG_H
