// SPDX-License-Identifier: MIT
// Prep helpers for sockets: creating them (plainly or as direct descriptors),
// bind/listen/connect/accept, send and receive in their plain, vectored
// (msghdr), zero-copy, multishot and bundle forms, and shutdown.
// Per-request errors arrive in cqe->res as -errno, as the socket calls of the
// same name would set errno.
#ifndef FRING_CORE_PREP_NET_H
#define FRING_CORE_PREP_NET_H

#include <stddef.h>
#include <stdint.h>

#include "fring/core/prep/base.h"
#include "fring/core/uapi/kernel_ptr.h"

namespace fring {

// ---------------------------------------------------------------------------
// Creating sockets.

/// Creates a socket like socket(2) with `domain`, `type` (SOCK_NONBLOCK and
/// SOCK_CLOEXEC may be or'ed in) and `protocol`; `flags` is reserved (0).
/// res: the new fd, or -EAFNOSUPPORT, -EPROTONOSUPPORT, -EINVAL, -EMFILE,
/// -ENFILE, -ENOMEM. Matches io_uring_prep_socket() in liburing.
/// Available since Linux 5.19.
[[gnu::always_inline]] inline void prep_socket(Sqe& sqe, int domain, int type, int protocol,
                                               unsigned flags) noexcept {
  prep_rw(sqe, op::socket, domain, 0, static_cast<uint32_t>(protocol), static_cast<uint32_t>(type));
  sqe.rw_flags = static_cast<int32_t>(flags);
}

/// prep_socket() into fixed-file slot `file_index` instead of a normal fd
/// (file_index_alloc: any free slot). res: 0, or the slot with ALLOC;
/// -ENXIO without a registered file table, -EINVAL for a slot past its end,
/// -ENFILE when ALLOC finds it full. Matches io_uring_prep_socket_direct() in
/// liburing. Available since Linux 5.19.
[[gnu::always_inline]] inline void prep_socket_direct(Sqe& sqe, int domain, int type, int protocol,
                                                      unsigned file_index,
                                                      unsigned flags) noexcept {
  prep_socket(sqe, domain, type, protocol, flags);
  sqe.file_index = detail::target_slot(file_index);
}

/// prep_socket() into any free fixed-file slot; res is the slot or -ENFILE
/// when the table is full. Matches io_uring_prep_socket_direct_alloc() in
/// liburing. Available since Linux 5.19.
[[gnu::always_inline]] inline void prep_socket_direct_alloc(Sqe& sqe, int domain, int type,
                                                            int protocol, unsigned flags) noexcept {
  prep_socket_direct(sqe, domain, type, protocol, file_index_alloc, flags);
}

// ---------------------------------------------------------------------------
// Addresses and connections.

/// Binds socket `fd` to `addr` (`addrlen` bytes), like bind(2). res: 0, or
/// -EADDRINUSE, -EADDRNOTAVAIL, -EINVAL, -EACCES, -ENOTSOCK.
/// Matches io_uring_prep_bind() in liburing. Available since Linux 6.11.
[[gnu::always_inline]] inline void prep_bind(Sqe& sqe, int fd, KernelPtr<const Sockaddr> addr,
                                             uint32_t addrlen) noexcept {
  prep_rw(sqe, op::bind, fd, detail::addr_of(addr.get()), 0, addrlen);
}

/// Marks socket `fd` as accepting connections with a queue of `backlog`, like
/// listen(2). res: 0, or -EADDRINUSE, -EINVAL, -EOPNOTSUPP, -ENOTSOCK.
/// Matches io_uring_prep_listen() in liburing. Available since Linux 6.11.
[[gnu::always_inline]] inline void prep_listen(Sqe& sqe, int fd, int backlog) noexcept {
  prep_rw(sqe, op::listen, fd, 0, static_cast<uint32_t>(backlog), 0);
}

/// Connects socket `fd` to `addr` (`addrlen` bytes), like connect(2), waiting
/// for the handshake even on a non-blocking socket. res: 0, or
/// -ECONNREFUSED, -ETIMEDOUT, -ENETUNREACH, -EISCONN, -EALREADY, -EINVAL.
/// Matches io_uring_prep_connect() in liburing. Available since Linux 5.5.
[[gnu::always_inline]] inline void prep_connect(Sqe& sqe, int fd, KernelPtr<const Sockaddr> addr,
                                                uint32_t addrlen) noexcept {
  prep_rw(sqe, op::connect, fd, detail::addr_of(addr.get()), 0, addrlen);
}

/// Accepts one connection on listening socket `fd`, like accept4(2): the peer
/// address goes to `addr` (may be null) with its length in/out through
/// `addrlen`; `flags` takes SOCK_NONBLOCK / SOCK_CLOEXEC. res: the new fd, or
/// -EINVAL (not listening), -EMFILE, -ENFILE, -ECONNABORTED, -ENOTSOCK.
/// Matches io_uring_prep_accept() in liburing. Available since Linux 5.5.
[[gnu::always_inline]] inline void prep_accept(Sqe& sqe, int fd, KernelPtr<Sockaddr> addr,
                                               uint32_t* addrlen, int flags) noexcept {
  prep_rw(sqe, op::accept, fd, detail::addr_of(addr.get()), 0, detail::addr_of(addrlen));
  sqe.accept_flags = static_cast<uint32_t>(flags);
}

/// prep_accept() into fixed-file slot `file_index` (file_index_alloc:
/// any free slot) instead of a normal fd. res: 0, or the slot with ALLOC;
/// -ENFILE when ALLOC finds the table full, -ENXIO without a table.
/// Matches io_uring_prep_accept_direct() in liburing. Available since
/// Linux 5.15 (file_index_alloc since 5.19).
[[gnu::always_inline]] inline void prep_accept_direct(Sqe& sqe, int fd, KernelPtr<Sockaddr> addr,
                                                      uint32_t* addrlen, int flags,
                                                      unsigned file_index) noexcept {
  prep_accept(sqe, fd, addr, addrlen, flags);
  sqe.file_index = detail::target_slot(file_index);
}

/// prep_accept() that stays armed: one CQE per accepted connection, each with
/// cqe_flag::more while the request lives; a CQE without F_MORE (an error,
/// or cancellation) ends it. `addr` is overwritten by every accept.
/// Matches io_uring_prep_multishot_accept() in liburing. Available since Linux 5.19.
[[gnu::always_inline]] inline void prep_multishot_accept(Sqe& sqe, int fd, KernelPtr<Sockaddr> addr,
                                                         uint32_t* addrlen, int flags) noexcept {
  prep_accept(sqe, fd, addr, addrlen, flags);
  sqe.ioprio = accept_flag::multishot;
}

/// prep_multishot_accept() into free fixed-file slots: each CQE's res is the
/// slot taken; -ENFILE (without F_MORE) ends it once the table is full.
/// Matches io_uring_prep_multishot_accept_direct() in liburing.
/// Available since Linux 5.19.
[[gnu::always_inline]] inline void prep_multishot_accept_direct(Sqe& sqe, int fd,
                                                                KernelPtr<Sockaddr> addr,
                                                                uint32_t* addrlen,
                                                                int flags) noexcept {
  prep_multishot_accept(sqe, fd, addr, addrlen, flags);
  sqe.file_index = file_index_alloc;
}

/// Shuts down part of a full-duplex connection, like shutdown(2); `how` is
/// SHUT_RD, SHUT_WR or SHUT_RDWR. res: 0, or -ENOTCONN, -ENOTSOCK, -EINVAL.
/// Matches io_uring_prep_shutdown() in liburing. Available since Linux 5.11.
[[gnu::always_inline]] inline void prep_shutdown(Sqe& sqe, int fd, int how) noexcept {
  prep_rw(sqe, op::shutdown, fd, 0, static_cast<uint32_t>(how), 0);
}

// ---------------------------------------------------------------------------
// Sending.

/// Sends `len` bytes of `buf` on `sockfd`, like send(2) with MSG_* `flags`
/// (the kernel always adds MSG_NOSIGNAL). res: bytes sent, or -EPIPE,
/// -ECONNRESET, -ENOTCONN, -EMSGSIZE, -EAGAIN (with MSG_DONTWAIT).
/// Matches io_uring_prep_send() in liburing. Available since Linux 5.6.
[[gnu::always_inline]] inline void prep_send(Sqe& sqe, int sockfd, const void* buf, size_t len,
                                             int flags) noexcept {
  prep_rw(sqe, op::send, sockfd, detail::addr_of(buf), static_cast<uint32_t>(len), 0);
  sqe.msg_flags = static_cast<uint32_t>(flags);
}

/// Adds a destination address to a prep_send() or prep_send_zc() SQE, making
/// it sendto(2). res errors add -EINVAL (bad address length) and, on kernels
/// without the feature, -EINVAL for any address. Matches
/// io_uring_prep_send_set_addr() in liburing. Available since Linux 6.0
/// (op::send_zc) and 6.1 (op::send).
[[gnu::always_inline]] inline void prep_send_set_addr(Sqe& sqe, KernelPtr<const Sockaddr> dest_addr,
                                                      uint16_t addr_len) noexcept {
  sqe.addr2 = detail::addr_of(dest_addr.get());
  sqe.addr_len = addr_len;
}

/// prep_send() to `addr` (`addrlen` bytes), like sendto(2).
/// Matches io_uring_prep_sendto() in liburing. Available since Linux 6.1.
[[gnu::always_inline]] inline void prep_sendto(Sqe& sqe, int sockfd, const void* buf, size_t len,
                                               int flags, KernelPtr<const Sockaddr> addr,
                                               uint32_t addrlen) noexcept {
  prep_send(sqe, sockfd, buf, len, flags);
  prep_send_set_addr(sqe, addr, static_cast<uint16_t>(addrlen));
}

/// Sends as many provided buffers as are queued (up to `len` bytes, 0: no
/// limit) in one request; the caller sets sqe_flag::buffer_select and the buffer
/// group (sqe_set_buf_group()). res: bytes sent, with the first buffer id in
/// cqe->flags; -ENOBUFS when the group is empty, -EINVAL without
/// sqe_flag::buffer_select. Matches io_uring_prep_send_bundle() in liburing.
/// Available since Linux 6.10 (feat::recvsend_bundle).
[[gnu::always_inline]] inline void prep_send_bundle(Sqe& sqe, int sockfd, size_t len,
                                                    int flags) noexcept {
  prep_send(sqe, sockfd, nullptr, len, flags);
  sqe.ioprio = recvsend_flag::bundle;
}

/// Sends `len` bytes of `buf` without copying them; `zc_flags` takes
/// recvsend_flag::poll_first, recvsend_flag::send_zc_report_usage. Completes twice
/// under one user_data: first res = bytes sent (or -errno) with
/// cqe_flag::more, then, once the kernel no longer needs `buf`, a
/// notification with cqe_flag::notif (res 0, or with REPORT_USAGE
/// notif_usage_zc_copied if the data was copied after all). `buf`
/// must stay untouched until the notification. sqe_flag::cqe_skip_success gives
/// -EINVAL. Matches io_uring_prep_send_zc() in liburing. Available since Linux 6.0.
[[gnu::always_inline]] inline void prep_send_zc(Sqe& sqe, int sockfd, const void* buf, size_t len,
                                                int flags, unsigned zc_flags) noexcept {
  prep_rw(sqe, op::send_zc, sockfd, detail::addr_of(buf), static_cast<uint32_t>(len), 0);
  sqe.msg_flags = static_cast<uint32_t>(flags);
  sqe.ioprio = static_cast<uint16_t>(zc_flags);
}

/// prep_send_zc() from registered buffer `buf_index` (`buf` must lie inside
/// it). res errors add -EFAULT (outside the buffer) and -EINVAL (bad index).
/// Matches io_uring_prep_send_zc_fixed() in liburing. Available since Linux 6.0.
[[gnu::always_inline]] inline void prep_send_zc_fixed(Sqe& sqe, int sockfd, const void* buf,
                                                      size_t len, int flags, unsigned zc_flags,
                                                      unsigned buf_index) noexcept {
  prep_send_zc(sqe, sockfd, buf, len, flags, zc_flags | recvsend_flag::fixed_buf);
  sqe.buf_index = static_cast<uint16_t>(buf_index);
}

/// Sends the message `msg` describes (address, iovecs, control data), like
/// sendmsg(2) with MSG_* `flags`. res: bytes sent or -errno as prep_send().
/// Matches io_uring_prep_sendmsg() in liburing. Available since Linux 5.3.
[[gnu::always_inline]] inline void prep_sendmsg(Sqe& sqe, int fd, KernelPtr<const Msghdr> msg,
                                                unsigned flags) noexcept {
  prep_rw(sqe, op::sendmsg, fd, detail::addr_of(msg.get()), 1, 0);
  sqe.msg_flags = flags;
}

/// prep_sendmsg() without copying the data: completes like prep_send_zc(),
/// with a cqe_flag::notif CQE after the result. Matches
/// io_uring_prep_sendmsg_zc() in liburing. Available since Linux 6.1.
[[gnu::always_inline]] inline void prep_sendmsg_zc(Sqe& sqe, int fd, KernelPtr<const Msghdr> msg,
                                                   unsigned flags) noexcept {
  prep_sendmsg(sqe, fd, msg, flags);
  sqe.opcode = op::sendmsg_zc;
}

/// prep_sendmsg_zc() whose iovecs all lie inside registered buffer
/// `buf_index`. res: -EINVAL on kernels that take registered buffers only for
/// op::send_zc. Matches io_uring_prep_sendmsg_zc_fixed() in liburing.
/// Available since Linux 6.15.
[[gnu::always_inline]] inline void prep_sendmsg_zc_fixed(Sqe& sqe, int fd,
                                                         KernelPtr<const Msghdr> msg,
                                                         unsigned flags,
                                                         unsigned buf_index) noexcept {
  prep_sendmsg_zc(sqe, fd, msg, flags);
  sqe.ioprio = recvsend_flag::fixed_buf;
  sqe.buf_index = static_cast<uint16_t>(buf_index);
}

// ---------------------------------------------------------------------------
// Receiving.

/// Receives up to `len` bytes into `buf` from `sockfd`, like recv(2) with
/// MSG_* `flags`. res: bytes received (0 at end of stream), or -ECONNRESET,
/// -ENOTCONN, -EAGAIN (with MSG_DONTWAIT); cqe_flag::sock_nonempty in
/// cqe->flags when more data is waiting. With sqe_flag::buffer_select pass a null
/// `buf` and the kernel picks a provided buffer (its id in cqe->flags).
/// Matches io_uring_prep_recv() in liburing. Available since Linux 5.6.
[[gnu::always_inline]] inline void prep_recv(Sqe& sqe, int sockfd, void* buf, size_t len,
                                             int flags) noexcept {
  prep_rw(sqe, op::recv, sockfd, detail::addr_of(buf), static_cast<uint32_t>(len), 0);
  sqe.msg_flags = static_cast<uint32_t>(flags);
}

/// prep_recv() that stays armed: one CQE per receive, each into a provided
/// buffer (sqe_flag::buffer_select is required; pass a null `buf` and `len` 0)
/// with cqe_flag::more while it lives. A CQE without F_MORE ends it: res 0 at
/// end of stream, -ENOBUFS when the group ran dry, -EINVAL without buffer
/// select. Matches io_uring_prep_recv_multishot() in liburing.
/// Available since Linux 6.0.
[[gnu::always_inline]] inline void prep_recv_multishot(Sqe& sqe, int sockfd, void* buf, size_t len,
                                                       int flags) noexcept {
  prep_recv(sqe, sockfd, buf, len, flags);
  sqe.ioprio = recvsend_flag::recv_multishot;
}

/// Receives into the message `msg` describes (address, iovecs, control data),
/// like recvmsg(2) with MSG_* `flags`; the kernel updates msg_namelen,
/// msg_controllen and msg_flags. res: bytes received or -errno as
/// prep_recv(). Matches io_uring_prep_recvmsg() in liburing.
/// Available since Linux 5.3.
[[gnu::always_inline]] inline void prep_recvmsg(Sqe& sqe, int fd, KernelPtr<Msghdr> msg,
                                                unsigned flags) noexcept {
  prep_rw(sqe, op::recvmsg, fd, detail::addr_of(msg.get()), 1, 0);
  sqe.msg_flags = flags;
}

/// prep_recvmsg() that stays armed, each message into a provided buffer
/// (sqe_flag::buffer_select required) laid out as a RecvmsgOut header,
/// the name, the control data and the payload; `msg` gives only the sizes
/// reserved for name and control (read them with recvmsg_validate() and
/// friends in core/recvmsg.h). res: bytes used in the buffer; ends as
/// prep_recv_multishot(). Matches io_uring_prep_recvmsg_multishot() in liburing.
/// Available since Linux 6.0.
[[gnu::always_inline]] inline void prep_recvmsg_multishot(Sqe& sqe, int fd, KernelPtr<Msghdr> msg,
                                                          unsigned flags) noexcept {
  prep_recvmsg(sqe, fd, msg, flags);
  sqe.ioprio = recvsend_flag::recv_multishot;
}

/// Zero-copy receive on `fd` through zcrx interface queue `zcrx_ifq_idx`
/// (registered with reg_op::zcrx_ifq on a NIC's hardware RX queue):
/// the data lands in the queue's area and each CQE (32 bytes, with an
/// ZcrxCqe after it) says where. `ioprio_flags` takes
/// recvsend_flag::recv_multishot and recvsend_flag::poll_first; `len` caps the bytes
/// (0: no cap). res: bytes, or -EINVAL when the ring has no such queue or the
/// flags are wrong. No liburing helper (its tests fill the SQE by hand).
/// Available since Linux 6.15.
[[gnu::always_inline]] inline void prep_recv_zc(Sqe& sqe, int fd, unsigned len,
                                                unsigned ioprio_flags,
                                                uint32_t zcrx_ifq_idx) noexcept {
  prep_rw(sqe, op::recv_zc, fd, 0, len, 0);
  sqe.ioprio = static_cast<uint16_t>(ioprio_flags);
  sqe.zcrx_ifq_idx = zcrx_ifq_idx;
}

}  // namespace fring

#endif  // FRING_CORE_PREP_NET_H
