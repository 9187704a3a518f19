// SPDX-License-Identifier: MIT
// Sending and receiving over loopback TCP and UDP through the ring: Zig's
// tests 10 (accept/connect/send/recv), 11 (sendmsg/recvmsg), 15 (recv with a
// link timeout), 18 (cancelling a recv), 20 (shutdown) and 30 (send_zc), plus
// connect errors, sendto, sendmsg_zc and sends and receives from registered
// buffers.
#include <cerrno>
#include <cstring>

#include "tests/net_support.h"
#include "tests/support/ring_util.h"

namespace fring {
using namespace fring::test::net;

namespace {

constexpr uint64_t kSend = 0xeeeeeeee;
constexpr uint64_t kRecv = 0xffffffff;

const char kMsg[] = "fring over loopback";
constexpr unsigned kLen = sizeof(kMsg);

// Queues a send of kMsg from `from` linked to a recv of it on `to`.
void send_then_recv(Ring& ring, int from, int to, char* in, unsigned in_len) {
  Sqe* s = ring.get_sqe();
  prep_send(*s, from, kMsg, kLen, 0);
  sqe_set_flags(*s, IOSQE_IO_LINK);
  sqe_set_data64(*s, kSend);
  s = ring.get_sqe();
  prep_recv(*s, to, in, in_len, 0);
  sqe_set_data64(*s, kRecv);
}

// Registers one buffer of `len` bytes at `base` as fixed buffer 0; false
// (after skipping) when the memlock limit refuses it.
bool register_one(Ring& ring, void* base, size_t len) {
  const Iovec iov{base, len};
  const auto r = register_buffers(ring, &iov, 1);
  if (!r.ok() && r.error() == Errno::enomem) {
    test::mark_skipped("RLIMIT_MEMLOCK too low to register a buffer");
    return false;
  }
  REQUIRE(r.ok());
  return true;
}

}  // namespace

TEST_CASE("accept/connect/send/recv") {
  FRING_RING(ring, 16);
  TcpPair t;
  tcp_pair(ring, t);
  char in[kLen + 8] = {};
  send_then_recv(ring, t.client.get(), t.server.get(), in, sizeof(in));
  REQUIRE(ring.submit_and_wait(2).value() == 2);
  // Linked: the send completes before the recv starts.
  const Cqe sent = test::reap(ring);
  const Cqe got = test::reap(ring);
  CHECK(sent.user_data == kSend);
  CHECK(sent.res == static_cast<int>(kLen));
  CHECK(sent.flags == 0);
  CHECK(got.user_data == kRecv);
  CHECK(got.res == static_cast<int>(kLen));
  // SOCK_NONEMPTY may or may not be set (the kernel's view of the queue).
  CHECK((got.flags & ~IORING_CQE_F_SOCK_NONEMPTY) == 0);
  CHECK(std::memcmp(in, kMsg, kLen) == 0);

  // And the other way round.
  std::memset(in, 0, sizeof(in));
  send_then_recv(ring, t.server.get(), t.client.get(), in, sizeof(in));
  REQUIRE(ring.submit_and_wait(2).value() == 2);
  CHECK(test::reap(ring).res == static_cast<int>(kLen));
  CHECK(test::reap(ring).res == static_cast<int>(kLen));
  CHECK(std::memcmp(in, kMsg, kLen) == 0);
}

TEST_CASE("sendmsg/recvmsg") {
  FRING_RING(ring, 2);
  SockaddrIn server_addr;
  Fd server = bound_socket(SOCK_DGRAM, &server_addr);
  SockaddrIn client_addr;
  Fd client = bound_socket(SOCK_DGRAM, &client_addr);

  char out[] = "datagram";
  Iovec out_iov{out, sizeof(out)};
  Msghdr sm{};
  sm.msg_name = &server_addr;
  sm.msg_namelen = sizeof(server_addr);
  sm.msg_iov = &out_iov;
  sm.msg_iovlen = 1;
  char in[32] = {};
  Iovec in_iov{in, sizeof(in)};
  SockaddrIn from{};
  Msghdr rm{};
  rm.msg_name = &from;
  rm.msg_namelen = sizeof(from);
  rm.msg_iov = &in_iov;
  rm.msg_iovlen = 1;

  Sqe* s = ring.get_sqe();
  prep_sendmsg(*s, client.get(), &sm, 0);
  sqe_set_flags(*s, IOSQE_IO_LINK);
  sqe_set_data64(*s, kSend);
  s = ring.get_sqe();
  prep_recvmsg(*s, server.get(), &rm, 0);
  sqe_set_data64(*s, kRecv);
  REQUIRE(ring.submit_and_wait(2).value() == 2);
  const auto got = test::reap_each(ring, 2);
  CHECK(got.at(kSend).res == static_cast<int>(sizeof(out)));
  CHECK(got.at(kRecv).res == static_cast<int>(sizeof(out)));
  CHECK(std::memcmp(in, out, sizeof(out)) == 0);
  // The kernel filled in the sender's address.
  CHECK(rm.msg_namelen == static_cast<int32_t>(sizeof(SockaddrIn)));
  CHECK(from.sin_family == AF_INET);
  CHECK(from.sin_port == client_addr.sin_port);
  CHECK(from.sin_addr == client_addr.sin_addr);
}

TEST_CASE("accept/connect/recv/link_timeout") {
  FRING_RING(ring, 16);
  TcpPair t;
  tcp_pair(ring, t);
  char in[8];
  const kernel_timespec ts{0, 1000000};  // 1 ms; nothing is ever sent
  Sqe* s = ring.get_sqe();
  prep_recv(*s, t.server.get(), in, sizeof(in), 0);
  sqe_set_flags(*s, IOSQE_IO_LINK);
  sqe_set_data64(*s, 1);
  s = ring.get_sqe();
  prep_link_timeout(*s, &ts, 0);
  sqe_set_data64(*s, 2);
  REQUIRE(ring.submit().value() == 2);
  const auto got = test::reap_each(ring, 2);
  const int recv_res = got.at(1).res;
  const int timeout_res = got.at(2).res;
  CHECK((recv_res == -EINTR || recv_res == -ECANCELED));
  CHECK((timeout_res == -EALREADY || timeout_res == -ETIME));
}

TEST_CASE("accept/connect/recv/cancel") {
  FRING_RING(ring, 16);
  TcpPair t;
  tcp_pair(ring, t);
  char in[8];
  Sqe* s = ring.get_sqe();
  prep_recv(*s, t.server.get(), in, sizeof(in), 0);
  sqe_set_data64(*s, kRecv);
  REQUIRE(ring.submit().value() == 1);
  s = ring.get_sqe();
  prep_cancel64(*s, kRecv, 0);
  sqe_set_data64(*s, 0x99999999);
  REQUIRE(ring.submit().value() == 1);
  // In either order.
  const auto got = test::reap_each(ring, 2);
  CHECK(got.at(kRecv).res == -ECANCELED);
  CHECK(got.at(0x99999999).res == 0);
}

TEST_CASE("shutdown") {
  FRING_REQUIRE_OP(IORING_OP_SHUTDOWN);
  FRING_RING(ring, 16);
  SockaddrIn addr;
  Fd listener = tcp_listener(&addr);
  Sqe* s = ring.get_sqe();
  prep_shutdown(*s, listener.get(), SHUT_RD);
  sqe_set_data64(*s, 1);
  REQUIRE(ring.submit_and_wait(1).value() == 1);
  CHECK(test::reap(ring).res == 0);

  Fd unconnected(socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  REQUIRE(unconnected.get() >= 0);
  s = ring.get_sqe();
  prep_shutdown(*s, unconnected.get(), SHUT_RD);
  REQUIRE(ring.submit_and_wait(1).value() == 1);
  CHECK(test::reap(ring).res == -ENOTCONN);

  // On a connected pair, SHUT_WR reaches the peer as end of stream.
  TcpPair t;
  tcp_pair(ring, t);
  char in[8];
  s = ring.get_sqe();
  prep_shutdown(*s, t.client.get(), SHUT_WR);
  sqe_set_flags(*s, IOSQE_IO_LINK);
  s = ring.get_sqe();
  prep_recv(*s, t.server.get(), in, sizeof(in), 0);
  REQUIRE(ring.submit_and_wait(2).value() == 2);
  CHECK(test::reap(ring).res == 0);
  CHECK(test::reap(ring).res == 0);  // end of stream
}

TEST_CASE("connect to a closed port gives -ECONNREFUSED") {
  FRING_RING(ring, 2);
  // A bound socket that does not listen holds the port, so no one else can.
  SockaddrIn addr;
  Fd holder = bound_socket(SOCK_STREAM, &addr);
  Fd client(socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  REQUIRE(client.get() >= 0);
  Sqe* s = ring.get_sqe();
  prep_connect(*s, client.get(), as_sockaddr(addr), sizeof(addr));
  REQUIRE(ring.submit_and_wait(1).value() == 1);
  CHECK(test::reap(ring).res == -ECONNREFUSED);

  // A bad address length is refused before any packet is sent.
  s = ring.get_sqe();
  prep_connect(*s, client.get(), as_sockaddr(addr), 3);
  REQUIRE(ring.submit_and_wait(1).value() == 1);
  CHECK(test::reap(ring).res == -EINVAL);
}

TEST_CASE("sendto and send_set_addr on UDP") {
  FRING_RING(ring, 4);
  SockaddrIn server_addr;
  Fd server = bound_socket(SOCK_DGRAM, &server_addr);
  Fd client(socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
  REQUIRE(client.get() >= 0);
  char in[32] = {};

  Sqe* s = ring.get_sqe();
  prep_sendto(*s, client.get(), "abc", 3, 0, as_sockaddr(server_addr), sizeof(server_addr));
  sqe_set_data64(*s, kSend);
  REQUIRE(ring.submit_and_wait(1).value() == 1);
  const int res = test::reap(ring).res;
  if (res == -EINVAL) FRING_SKIP("kernel lacks addresses on IORING_OP_SEND (Linux 6.1)");
  CHECK(res == 3);
  s = ring.get_sqe();
  prep_recv(*s, server.get(), in, sizeof(in), 0);
  REQUIRE(ring.submit_and_wait(1).value() == 1);
  CHECK(test::reap(ring).res == 3);
  CHECK(std::memcmp(in, "abc", 3) == 0);

  s = ring.get_sqe();
  prep_send(*s, client.get(), "defg", 4, 0);
  prep_send_set_addr(*s, as_sockaddr(server_addr), sizeof(server_addr));
  sqe_set_flags(*s, IOSQE_IO_LINK);
  s = ring.get_sqe();
  prep_recv(*s, server.get(), in, sizeof(in), 0);
  REQUIRE(ring.submit_and_wait(2).value() == 2);
  CHECK(test::reap(ring).res == 4);
  CHECK(test::reap(ring).res == 4);
  CHECK(std::memcmp(in, "defg", 4) == 0);

  // Without an address an unconnected UDP socket has nowhere to send.
  s = ring.get_sqe();
  prep_send(*s, client.get(), "x", 1, 0);
  REQUIRE(ring.submit_and_wait(1).value() == 1);
  CHECK(test::reap(ring).res == -EDESTADDRREQ);
}

TEST_CASE("accept/connect/send_zc/recv") {
  FRING_REQUIRE_OP(IORING_OP_SEND_ZC);
  FRING_RING(ring, 16);
  TcpPair t;
  tcp_pair(ring, t);
  char in[kLen] = {};
  Sqe* s = ring.get_sqe();
  prep_send_zc(*s, t.client.get(), kMsg, kLen, 0, 0);
  sqe_set_flags(*s, IOSQE_IO_LINK);
  sqe_set_data64(*s, kSend);
  s = ring.get_sqe();
  prep_recv(*s, t.server.get(), in, sizeof(in), 0);
  sqe_set_data64(*s, kRecv);
  REQUIRE(ring.submit_and_wait(2).value() == 2);
  // The result comes first, with F_MORE; the notification that the buffer
  // is free again comes later, in any order with the recv.
  const Cqe first = test::reap(ring);
  CHECK(first.user_data == kSend);
  CHECK(first.res == static_cast<int>(kLen));
  CHECK(first.flags == IORING_CQE_F_MORE);
  bool notified = false;
  bool received = false;
  for (int i = 0; i < 2; ++i) {
    const Cqe c = test::reap(ring);
    if (c.user_data == kSend) {
      CHECK(c.res == 0);
      CHECK(c.flags == IORING_CQE_F_NOTIF);
      notified = true;
    } else {
      CHECK(c.user_data == kRecv);
      CHECK(c.res == static_cast<int>(kLen));
      received = true;
    }
  }
  CHECK(notified);
  CHECK(received);
  CHECK(std::memcmp(in, kMsg, kLen) == 0);
}

TEST_CASE("sendmsg_zc over UDP") {
  FRING_REQUIRE_OP(IORING_OP_SENDMSG_ZC);
  FRING_RING(ring, 4);
  SockaddrIn server_addr;
  Fd server = bound_socket(SOCK_DGRAM, &server_addr);
  Fd client(socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
  REQUIRE(client.get() >= 0);
  char a[] = "zero";
  char b[] = "copy";
  Iovec iov[2] = {{a, 4}, {b, 4}};  // gathered into one datagram
  Msghdr m{};
  m.msg_name = &server_addr;
  m.msg_namelen = sizeof(server_addr);
  m.msg_iov = iov;
  m.msg_iovlen = 2;
  Sqe* s = ring.get_sqe();
  prep_sendmsg_zc(*s, client.get(), &m, 0);
  sqe_set_data64(*s, kSend);
  REQUIRE(ring.submit_and_wait(2).ok());
  const Cqe first = test::reap(ring);
  CHECK(first.res == 8);
  CHECK(first.flags == IORING_CQE_F_MORE);
  const Cqe notif = test::reap(ring);
  CHECK(notif.user_data == kSend);
  CHECK(notif.flags == IORING_CQE_F_NOTIF);
  char in[16] = {};
  CHECK(recv(server.get(), in, sizeof(in), 0) == 8);
  CHECK(std::memcmp(in, "zerocopy", 8) == 0);
}

TEST_CASE("send_zc_fixed from a registered buffer") {
  FRING_REQUIRE_OP(IORING_OP_SEND_ZC);
  FRING_RING(ring, 4);
  alignas(4096) static char region[4096];
  if (!register_one(ring, region, sizeof(region))) return;
  TcpPair t;
  tcp_pair(ring, t);
  std::memcpy(region + 100, kMsg, kLen);
  Sqe* s = ring.get_sqe();
  prep_send_zc_fixed(*s, t.client.get(), region + 100, kLen, 0, 0, 0);
  sqe_set_data64(*s, kSend);
  REQUIRE(ring.submit_and_wait(2).ok());
  const Cqe first = test::reap(ring);
  CHECK(first.res == static_cast<int>(kLen));
  CHECK(first.flags == IORING_CQE_F_MORE);
  CHECK(test::reap(ring).flags == IORING_CQE_F_NOTIF);
  char in[kLen] = {};
  CHECK(recv(t.server.get(), in, sizeof(in), MSG_WAITALL) == static_cast<ssize_t>(kLen));
  CHECK(std::memcmp(in, kMsg, kLen) == 0);

  // Memory outside the registered buffer is refused; the notification
  // still follows.
  static char outside[16];
  s = ring.get_sqe();
  prep_send_zc_fixed(*s, t.client.get(), outside, sizeof(outside), 0, 0, 0);
  REQUIRE(ring.submit_and_wait(2).ok());
  CHECK(test::reap(ring).res == -EFAULT);
  CHECK(test::reap(ring).flags == IORING_CQE_F_NOTIF);
}

TEST_CASE("sendmsg_zc_fixed from a registered buffer") {
  FRING_REQUIRE_OP(IORING_OP_SENDMSG_ZC);
  FRING_RING(ring, 4);
  alignas(4096) static char region[4096];
  if (!register_one(ring, region, sizeof(region))) return;
  TcpPair t;
  tcp_pair(ring, t);
  std::memcpy(region, "vec", 3);
  std::memcpy(region + 2000, "tored", 5);
  Iovec iov[2] = {{region, 3}, {region + 2000, 5}};
  Msghdr m{};
  m.msg_iov = iov;
  m.msg_iovlen = 2;
  Sqe* s = ring.get_sqe();
  prep_sendmsg_zc_fixed(*s, t.client.get(), &m, 0, 0);
  sqe_set_data64(*s, kSend);
  REQUIRE(ring.submit_and_wait(1).ok());
  const Cqe first = test::reap(ring);
  if (first.res == -EINVAL) {
    FRING_SKIP("kernel lacks registered buffers for IORING_OP_SENDMSG_ZC (Linux 6.15)");
  }
  CHECK(first.res == 8);
  CHECK(first.flags == IORING_CQE_F_MORE);
  CHECK(test::reap(ring).flags == IORING_CQE_F_NOTIF);
  char in[8] = {};
  CHECK(recv(t.server.get(), in, sizeof(in), MSG_WAITALL) == 8);
  CHECK(std::memcmp(in, "vectored", 8) == 0);
}

TEST_CASE("send and recv with registered buffers") {
  FRING_RING(ring, 4);
  alignas(4096) static char region[4096];
  if (!register_one(ring, region, sizeof(region))) return;
  TcpPair t;
  tcp_pair(ring, t);
  std::memcpy(region, kMsg, kLen);
  // No liburing helper sets IORING_RECVSEND_FIXED_BUF on a plain send or
  // recv: set it, and the buffer index, after the plain helpers.
  Sqe* s = ring.get_sqe();
  prep_send(*s, t.client.get(), region, kLen, 0);
  s->ioprio = IORING_RECVSEND_FIXED_BUF;
  s->buf_index = 0;
  sqe_set_flags(*s, IOSQE_IO_LINK);
  sqe_set_data64(*s, kSend);
  s = ring.get_sqe();
  prep_recv(*s, t.server.get(), region + 2048, kLen, MSG_WAITALL);
  s->ioprio = IORING_RECVSEND_FIXED_BUF;
  s->buf_index = 0;
  sqe_set_data64(*s, kRecv);
  REQUIRE(ring.submit_and_wait(2).value() == 2);
  const auto got = test::reap_each(ring, 2);
  if (got.at(kSend).res == -EINVAL) {
    FRING_SKIP("kernel lacks IORING_RECVSEND_FIXED_BUF on IORING_OP_SEND/RECV (after 6.18)");
  }
  CHECK(got.at(kSend).res == static_cast<int>(kLen));
  CHECK(got.at(kRecv).res == static_cast<int>(kLen));
  CHECK(std::memcmp(region + 2048, kMsg, kLen) == 0);
}

}  // namespace fring
