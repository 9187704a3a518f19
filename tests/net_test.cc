// SPDX-License-Identifier: MIT
// Sending and receiving over loopback TCP and UDP through the ring beyond
// Zig's tests (those are in tests/conformance): connect errors, sendto,
// sendmsg_zc, and sends and receives from registered buffers.
#include <cerrno>
#include <cstring>

#include "tests/net_support.h"
#include "tests/support/ring_util.h"

namespace fring {
using namespace fring::test::net;

namespace {

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

TEST_CASE("connect to a closed port gives -ECONNREFUSED") {
  FRING_RING(ring, 2);
  // A bound socket that does not listen holds the port, so no one else can.
  SockaddrIn addr;
  Fd holder = bound_socket(SOCK_STREAM, &addr);
  Fd client(socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  REQUIRE(client.get() >= 0);
  Sqe* s = test::get_sqe(ring);
  prep_connect(*s, client.get(), as_sockaddr(addr), sizeof(addr));
  test::submit_and_wait(ring, 1, 1);
  CHECK(test::reap(ring).res == -ECONNREFUSED);

  // A bad address length is refused before any packet is sent.
  s = test::get_sqe(ring);
  prep_connect(*s, client.get(), as_sockaddr(addr), 3);
  test::submit_and_wait(ring, 1, 1);
  CHECK(test::reap(ring).res == -EINVAL);
}

TEST_CASE("sendto and send_set_addr on UDP") {
  FRING_RING(ring, 4);
  SockaddrIn server_addr;
  Fd server = bound_socket(SOCK_DGRAM, &server_addr);
  Fd client(socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
  REQUIRE(client.get() >= 0);
  char in[32] = {};

  Sqe* s = test::get_sqe(ring);
  prep_sendto(*s, client.get(), "abc", 3, 0, as_sockaddr(server_addr), sizeof(server_addr));
  sqe_set_data64(*s, kSend);
  test::submit_and_wait(ring, 1, 1);
  const int res = test::reap(ring).res;
  if (res == -EINVAL && !test::kernel_at_least(6, 1)) {
    FRING_SKIP("kernel lacks addresses on op::send (Linux 6.1)");
  }
  CHECK(res == 3);
  s = test::get_sqe(ring);
  prep_recv(*s, server.get(), in, sizeof(in), 0);
  test::submit_and_wait(ring, 1, 1);
  CHECK(test::reap(ring).res == 3);
  CHECK(std::memcmp(in, "abc", 3) == 0);

  s = test::get_sqe(ring);
  prep_send(*s, client.get(), "defg", 4, 0);
  prep_send_set_addr(*s, as_sockaddr(server_addr), sizeof(server_addr));
  sqe_set_flags(*s, sqe_flag::io_link);
  s = test::get_sqe(ring);
  prep_recv(*s, server.get(), in, sizeof(in), 0);
  test::submit_and_wait(ring, 2, 2);
  CHECK(test::reap(ring).res == 4);
  CHECK(test::reap(ring).res == 4);
  CHECK(std::memcmp(in, "defg", 4) == 0);

  // Without an address an unconnected UDP socket has nowhere to send.
  s = test::get_sqe(ring);
  prep_send(*s, client.get(), "x", 1, 0);
  test::submit_and_wait(ring, 1, 1);
  CHECK(test::reap(ring).res == -EDESTADDRREQ);
}

TEST_CASE("sendmsg_zc over UDP") {
  FRING_REQUIRE_OP(op::sendmsg_zc);
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
  Sqe* s = test::get_sqe(ring);
  prep_sendmsg_zc(*s, client.get(), &m, 0);
  sqe_set_data64(*s, kSend);
  REQUIRE(ring.submit_and_wait(2).ok());
  const Cqe first = test::reap(ring);
  CHECK(first.res == 8);
  CHECK(first.flags == cqe_flag::more);
  const Cqe notif = test::reap(ring);
  CHECK(notif.user_data == kSend);
  CHECK(notif.flags == cqe_flag::notif);
  char in[16] = {};
  CHECK(recv(server.get(), in, sizeof(in), 0) == 8);
  CHECK(std::memcmp(in, "zerocopy", 8) == 0);
}

TEST_CASE("send_zc_fixed from a registered buffer") {
  FRING_REQUIRE_OP(op::send_zc);
  FRING_RING(ring, 4);
  alignas(4096) static char region[4096];
  if (!register_one(ring, region, sizeof(region))) return;
  TcpPair t;
  tcp_pair(ring, t);
  std::memcpy(region + 100, kMsg, kLen);
  Sqe* s = test::get_sqe(ring);
  prep_send_zc_fixed(*s, t.client.get(), region + 100, kLen, 0, 0, 0);
  sqe_set_data64(*s, kSend);
  REQUIRE(ring.submit_and_wait(2).ok());
  const Cqe first = test::reap(ring);
  CHECK(first.res == static_cast<int>(kLen));
  CHECK(first.flags == cqe_flag::more);
  CHECK(test::reap(ring).flags == cqe_flag::notif);
  char in[kLen] = {};
  CHECK(recv(t.server.get(), in, sizeof(in), MSG_WAITALL) == static_cast<ssize_t>(kLen));
  CHECK(std::memcmp(in, kMsg, kLen) == 0);

  // Memory outside the registered buffer is refused; the notification
  // still follows.
  static char outside[16];
  s = test::get_sqe(ring);
  prep_send_zc_fixed(*s, t.client.get(), outside, sizeof(outside), 0, 0, 0);
  REQUIRE(ring.submit_and_wait(2).ok());
  CHECK(test::reap(ring).res == -EFAULT);
  CHECK(test::reap(ring).flags == cqe_flag::notif);
}

TEST_CASE("sendmsg_zc_fixed from a registered buffer") {
  FRING_REQUIRE_OP(op::sendmsg_zc);
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
  Sqe* s = test::get_sqe(ring);
  prep_sendmsg_zc_fixed(*s, t.client.get(), &m, 0, 0);
  sqe_set_data64(*s, kSend);
  REQUIRE(ring.submit_and_wait(1).ok());
  const Cqe first = test::reap(ring);
  if (first.res == -EINVAL && !test::kernel_at_least(6, 15)) {
    FRING_SKIP("kernel lacks registered buffers for op::sendmsg_zc (Linux 6.15)");
  }
  CHECK(first.res == 8);
  CHECK(first.flags == cqe_flag::more);
  CHECK(test::reap(ring).flags == cqe_flag::notif);
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
  // No liburing helper sets recvsend_flag::fixed_buf on a plain send or
  // recv: set it, and the buffer index, after the plain helpers.
  Sqe* s = test::get_sqe(ring);
  prep_send(*s, t.client.get(), region, kLen, 0);
  s->ioprio = recvsend_flag::fixed_buf;
  s->buf_index = 0;
  sqe_set_flags(*s, sqe_flag::io_link);
  sqe_set_data64(*s, kSend);
  s = test::get_sqe(ring);
  prep_recv(*s, t.server.get(), region + 2048, kLen, MSG_WAITALL);
  s->ioprio = recvsend_flag::fixed_buf;
  s->buf_index = 0;
  sqe_set_data64(*s, kRecv);
  test::submit_and_wait(ring, 2, 2);
  const auto got = test::reap_each(ring, 2);
  if (got.at(kSend).res == -EINVAL && !test::kernel_at_least(6, 19)) {
    FRING_SKIP("kernel lacks recvsend_flag::fixed_buf on op::send and op::recv (Linux 6.19)");
  }
  CHECK(got.at(kSend).res == static_cast<int>(kLen));
  CHECK(got.at(kRecv).res == static_cast<int>(kLen));
  CHECK(std::memcmp(region + 2048, kMsg, kLen) == 0);
}

}  // namespace fring
