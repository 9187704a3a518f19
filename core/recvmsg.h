// SPDX-License-Identifier: MIT
// Reading the buffers a multishot recvmsg fills (prep_recvmsg_multishot()).
// Each provided buffer holds, in order: an io_uring_recvmsg_out header, the
// sender's address in the msg_namelen bytes the request's Msghdr reserved,
// the control messages in the msg_controllen bytes it reserved, then the
// payload. The header says how much of each the kernel actually wrote.
// These are pure functions over memory; none reaches the kernel.
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
[[gnu::always_inline]] inline uint8_t* recvmsg_control(io_uring_recvmsg_out* o,
                                                        const Msghdr* msgh) noexcept {
  return reinterpret_cast<uint8_t*>(o + 1) + static_cast<uint32_t>(msgh->msg_namelen);
}
}  // namespace detail

/// Checks that a `buf_len`-byte buffer (cqe->res of the completion) is big
/// enough for the header and the name and control areas `msgh` reserved, and
/// returns it as the header; nullptr when it is not (or `buf_len` < 0).
/// Matches io_uring_recvmsg_validate() in liburing. Available since Linux 6.0.
[[gnu::always_inline]] inline io_uring_recvmsg_out* recvmsg_validate(
    void* buf, int buf_len, KernelPtr<const Msghdr> msgh) noexcept {
  if (buf_len < 0) return nullptr;
  size_t left = static_cast<size_t>(buf_len);
  // One step at a time, so that no sum can wrap around.
  if (left < sizeof(io_uring_recvmsg_out)) return nullptr;
  left -= sizeof(io_uring_recvmsg_out);
  const size_t namelen = static_cast<uint32_t>(msgh.get()->msg_namelen);
  if (namelen > left) return nullptr;
  left -= namelen;
  if (msgh.get()->msg_controllen > left) return nullptr;
  return static_cast<io_uring_recvmsg_out*>(buf);
}

/// The sender's address, right after the header: o->namelen bytes are valid
/// (the full length, which may exceed the space reserved when truncated).
/// Matches io_uring_recvmsg_name() in liburing. Available since Linux 6.0.
[[gnu::always_inline]] inline void* recvmsg_name(io_uring_recvmsg_out* o) noexcept {
  return o + 1;
}

/// The first control message, or nullptr when the kernel wrote none.
/// Matches io_uring_recvmsg_cmsg_firsthdr() in liburing. Available since Linux 6.0.
[[gnu::always_inline]] inline Cmsghdr* recvmsg_cmsg_firsthdr(
    io_uring_recvmsg_out* o, KernelPtr<const Msghdr> msgh) noexcept {
  if (o->controllen < sizeof(Cmsghdr)) return nullptr;
  return reinterpret_cast<Cmsghdr*>(detail::recvmsg_control(o, msgh.get()));
}

/// The control message after `cmsg`, or nullptr when `cmsg` was the last one
/// (or a length is corrupt: every message must fit in the o->controllen
/// bytes the kernel wrote). Matches io_uring_recvmsg_cmsg_nexthdr() in
/// liburing. Available since Linux 6.0.
[[gnu::always_inline]] inline Cmsghdr* recvmsg_cmsg_nexthdr(io_uring_recvmsg_out* o,
                                                            KernelPtr<const Msghdr> msgh,
                                                            Cmsghdr* cmsg) noexcept {
  uint8_t* control = detail::recvmsg_control(o, msgh.get());
  const size_t end = o->controllen;
  // Offsets into the control area rather than pointers, so nothing can wrap.
  const size_t at = static_cast<size_t>(reinterpret_cast<uint8_t*>(cmsg) - control);
  if (cmsg->cmsg_len < sizeof(Cmsghdr) || at > end || cmsg->cmsg_len > end - at) return nullptr;
  const size_t next = at + detail::cmsg_align(cmsg->cmsg_len);
  if (next > end || end - next < sizeof(Cmsghdr)) return nullptr;
  Cmsghdr* n = reinterpret_cast<Cmsghdr*>(control + next);
  if (n->cmsg_len > end - next || detail::cmsg_align(n->cmsg_len) > end - next) return nullptr;
  return n;
}

/// The payload: after the header and the name and control areas `msgh`
/// reserved. Matches io_uring_recvmsg_payload() in liburing.
/// Available since Linux 6.0.
[[gnu::always_inline]] inline void* recvmsg_payload(io_uring_recvmsg_out* o,
                                                    KernelPtr<const Msghdr> msgh) noexcept {
  return detail::recvmsg_control(o, msgh.get()) + msgh.get()->msg_controllen;
}

/// The payload bytes in the buffer, given its used length `buf_len`
/// (cqe->res); 0 when there are none or `buf_len` < 0. o->payloadlen is the
/// message's full length, larger when it was truncated.
/// Matches io_uring_recvmsg_payload_length() in liburing. Available since Linux 6.0.
[[gnu::always_inline]] inline unsigned recvmsg_payload_length(
    io_uring_recvmsg_out* o, int buf_len, KernelPtr<const Msghdr> msgh) noexcept {
  if (buf_len < 0) return 0;
  const uint8_t* payload = static_cast<uint8_t*>(recvmsg_payload(o, msgh));
  const size_t start = static_cast<size_t>(payload - reinterpret_cast<uint8_t*>(o));
  const size_t used = static_cast<size_t>(buf_len);
  return start < used ? static_cast<unsigned>(used - start) : 0;
}

}  // namespace fring

#endif  // FRING_CORE_RECVMSG_H
