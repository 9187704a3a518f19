// SPDX-License-Identifier: MIT
// Zig's conformance tests on sending and receiving over loopback TCP and
// UDP: 10 (accept/connect/send/recv), 11 (sendmsg/recvmsg), 15 (recv with a
// link timeout), 18 (cancelling a recv), 20 (shutdown), 30 (send_zc) and 41
// (socket, socket commands, bind, listen, connect and a linked shutdown and
// close, all through the ring).
#include <cerrno>
#include <cstring>

#include "tests/net_support.h"
#include "tests/support/ring_util.h"

namespace fring {
using namespace fring::test::net;

namespace {

// Queues a send of kMsg from `from` linked to a recv of it on `to`.
void send_then_recv(Ring& ring, int from, int to, char* in, unsigned in_len) {
  Sqe* s = test::get_sqe(ring);
  prep_send(*s, from, kMsg, kLen, 0);
  sqe_set_flags(*s, sqe_flag::io_link);
  sqe_set_data64(*s, kSend);
  s = test::get_sqe(ring);
  prep_recv(*s, to, in, in_len, 0);
  sqe_set_data64(*s, kRecv);
}

}  // namespace

TEST_CASE("Zig 10: accept/connect/send/recv") {
  FRING_RING(ring, 16);
  TcpPair t;
  tcp_pair(ring, t);
  char in[kLen + 8] = {};
  send_then_recv(ring, t.client.get(), t.server.get(), in, sizeof(in));
  test::submit_and_wait(ring, 2, 2);
  // Linked: the send completes before the recv starts.
  const Cqe sent = test::reap(ring);
  const Cqe got = test::reap(ring);
  CHECK(sent.user_data == kSend);
  CHECK(sent.res == static_cast<int>(kLen));
  CHECK(sent.flags == 0);
  CHECK(got.user_data == kRecv);
  CHECK(got.res == static_cast<int>(kLen));
  // SOCK_NONEMPTY may or may not be set (the kernel's view of the queue).
  CHECK((got.flags & ~cqe_flag::sock_nonempty) == 0);
  CHECK(std::memcmp(in, kMsg, kLen) == 0);

  // And the other way round.
  std::memset(in, 0, sizeof(in));
  send_then_recv(ring, t.server.get(), t.client.get(), in, sizeof(in));
  test::submit_and_wait(ring, 2, 2);
  CHECK(test::reap(ring).res == static_cast<int>(kLen));
  CHECK(test::reap(ring).res == static_cast<int>(kLen));
  CHECK(std::memcmp(in, kMsg, kLen) == 0);
}

TEST_CASE("Zig 11: sendmsg/recvmsg") {
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

  Sqe* s = test::get_sqe(ring);
  prep_sendmsg(*s, client.get(), &sm, 0);
  sqe_set_flags(*s, sqe_flag::io_link);
  sqe_set_data64(*s, kSend);
  s = test::get_sqe(ring);
  prep_recvmsg(*s, server.get(), &rm, 0);
  sqe_set_data64(*s, kRecv);
  test::submit_and_wait(ring, 2, 2);
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

TEST_CASE("Zig 15: accept/connect/recv/link_timeout") {
  FRING_RING(ring, 16);
  TcpPair t;
  tcp_pair(ring, t);
  char in[8];
  const Timespec ts{0, 1000000};  // 1 ms; nothing is ever sent
  Sqe* s = test::get_sqe(ring);
  prep_recv(*s, t.server.get(), in, sizeof(in), 0);
  sqe_set_flags(*s, sqe_flag::io_link);
  sqe_set_data64(*s, 1);
  s = test::get_sqe(ring);
  prep_link_timeout(*s, &ts, 0);
  sqe_set_data64(*s, 2);
  test::submit(ring, 2);
  const auto got = test::reap_each(ring, 2);
  const int recv_res = got.at(1).res;
  const int timeout_res = got.at(2).res;
  CHECK((recv_res == -EINTR || recv_res == -ECANCELED));
  CHECK((timeout_res == -EALREADY || timeout_res == -ETIME));
}

TEST_CASE("Zig 18: accept/connect/recv/cancel") {
  FRING_RING(ring, 16);
  TcpPair t;
  tcp_pair(ring, t);
  char in[8];
  Sqe* s = test::get_sqe(ring);
  prep_recv(*s, t.server.get(), in, sizeof(in), 0);
  sqe_set_data64(*s, kRecv);
  test::submit(ring, 1);
  s = test::get_sqe(ring);
  prep_cancel64(*s, kRecv, 0);
  sqe_set_data64(*s, 0x99999999);
  test::submit(ring, 1);
  // In either order.
  const auto got = test::reap_each(ring, 2);
  CHECK(got.at(kRecv).res == -ECANCELED);
  CHECK(got.at(0x99999999).res == 0);
}

TEST_CASE("Zig 20: shutdown") {
  FRING_REQUIRE_OP(op::shutdown);
  FRING_RING(ring, 16);
  SockaddrIn addr;
  Fd listener = tcp_listener(&addr);
  Sqe* s = test::get_sqe(ring);
  prep_shutdown(*s, listener.get(), SHUT_RD);
  sqe_set_data64(*s, 1);
  test::submit_and_wait(ring, 1, 1);
  CHECK(test::reap(ring).res == 0);

  Fd unconnected(socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  REQUIRE(unconnected.get() >= 0);
  s = test::get_sqe(ring);
  prep_shutdown(*s, unconnected.get(), SHUT_RD);
  test::submit_and_wait(ring, 1, 1);
  CHECK(test::reap(ring).res == -ENOTCONN);

  // On a connected pair, SHUT_WR reaches the peer as end of stream.
  TcpPair t;
  tcp_pair(ring, t);
  char in[8];
  s = test::get_sqe(ring);
  prep_shutdown(*s, t.client.get(), SHUT_WR);
  sqe_set_flags(*s, sqe_flag::io_link);
  s = test::get_sqe(ring);
  prep_recv(*s, t.server.get(), in, sizeof(in), 0);
  test::submit_and_wait(ring, 2, 2);
  CHECK(test::reap(ring).res == 0);
  CHECK(test::reap(ring).res == 0);  // end of stream
}

TEST_CASE("Zig 30: accept/connect/send_zc/recv") {
  FRING_REQUIRE_OP(op::send_zc);
  FRING_RING(ring, 16);
  TcpPair t;
  tcp_pair(ring, t);
  char in[kLen] = {};
  Sqe* s = test::get_sqe(ring);
  prep_send_zc(*s, t.client.get(), kMsg, kLen, 0, 0);
  sqe_set_flags(*s, sqe_flag::io_link);
  sqe_set_data64(*s, kSend);
  s = test::get_sqe(ring);
  prep_recv(*s, t.server.get(), in, sizeof(in), 0);
  sqe_set_data64(*s, kRecv);
  test::submit_and_wait(ring, 2, 2);
  // The result comes first, with F_MORE; the notification that the buffer
  // is free again comes later, in any order with the recv.
  const Cqe first = test::reap(ring);
  CHECK(first.user_data == kSend);
  CHECK(first.res == static_cast<int>(kLen));
  CHECK(first.flags == cqe_flag::more);
  bool notified = false;
  bool received = false;
  for (int i = 0; i < 2; ++i) {
    const Cqe c = test::reap(ring);
    if (c.user_data == kSend) {
      CHECK(c.res == 0);
      CHECK(c.flags == cqe_flag::notif);
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

TEST_CASE("Zig 41: bind/listen/connect") {
  FRING_REQUIRE_OP(op::bind);
  FRING_REQUIRE_OP(op::listen);
  FRING_RING(ring, 8);
  Sqe* s = test::get_sqe(ring);
  prep_socket(*s, AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0, 0);
  test::submit_and_wait(ring, 1, 1);
  const int listen_res = test::reap(ring).res;
  REQUIRE(listen_res >= 0);
  Fd listener(listen_res);

  // SO_REUSEADDR, SO_REUSEPORT, bind and listen as one linked chain.
  int one = 1;
  SockaddrIn addr = loopback();
  s = test::get_sqe(ring);
  prep_cmd_sock(*s, socket_cmd::setsockopt, listener.get(), SOL_SOCKET, SO_REUSEADDR, &one,
                sizeof(one));
  sqe_set_flags(*s, sqe_flag::io_link);
  sqe_set_data64(*s, 1);
  s = test::get_sqe(ring);
  prep_cmd_sock(*s, socket_cmd::setsockopt, listener.get(), SOL_SOCKET, SO_REUSEPORT, &one,
                sizeof(one));
  sqe_set_flags(*s, sqe_flag::io_link);
  sqe_set_data64(*s, 2);
  s = test::get_sqe(ring);
  prep_bind(*s, listener.get(), as_sockaddr(addr), sizeof(addr));
  sqe_set_flags(*s, sqe_flag::io_link);
  sqe_set_data64(*s, 3);
  s = test::get_sqe(ring);
  prep_listen(*s, listener.get(), 128);
  sqe_set_data64(*s, 4);
  test::submit_and_wait(ring, 4, 4);
  const auto chain = test::reap_each(ring, 4);
  for (uint64_t i = 1; i <= 4; ++i) CHECK(chain.at(i).res == 0);

  int value = 0;
  s = test::get_sqe(ring);
  prep_cmd_sock(*s, socket_cmd::getsockopt, listener.get(), SOL_SOCKET, SO_REUSEADDR, &value,
                sizeof(value));
  test::submit_and_wait(ring, 1, 1);
  CHECK(test::reap(ring).res == static_cast<int>(sizeof(int)));  // the option's length
  CHECK(value == 1);
  s = test::get_sqe(ring);
  prep_cmd_sock(*s, socket_cmd::getsockopt, listener.get(), IPPROTO_TCP, 1, &value, sizeof(value));
  test::submit_and_wait(ring, 1, 1);
  CHECK(test::reap(ring).res == -EOPNOTSUPP);  // SOL_SOCKET only

  // Connect a client made by the ring; send both ways.
  addr = local_address(listener.get());
  s = test::get_sqe(ring);
  prep_socket(*s, AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0, 0);
  test::submit_and_wait(ring, 1, 1);
  const int client_res = test::reap(ring).res;
  REQUIRE(client_res >= 0);
  Fd client(client_res);
  s = test::get_sqe(ring);
  prep_accept(*s, listener.get(), nullptr, nullptr, SOCK_CLOEXEC);
  sqe_set_data64(*s, 10);
  s = test::get_sqe(ring);
  prep_connect(*s, client.get(), as_sockaddr(addr), sizeof(addr));
  sqe_set_data64(*s, 11);
  test::submit_and_wait(ring, 2, 2);
  const auto pair = test::reap_each(ring, 2);
  CHECK(pair.at(11).res == 0);
  REQUIRE(pair.at(10).res >= 0);
  Fd server(pair.at(10).res);

  char in[8];
  const int ends[2][2] = {{client.get(), server.get()}, {server.get(), client.get()}};
  for (const auto& e : ends) {
    std::memset(in, 0, sizeof(in));
    s = test::get_sqe(ring);
    prep_send(*s, e[0], "ping", 4, 0);
    sqe_set_flags(*s, sqe_flag::io_link);
    s = test::get_sqe(ring);
    prep_recv(*s, e[1], in, sizeof(in), 0);
    test::submit_and_wait(ring, 2, 2);
    CHECK(test::reap(ring).res == 4);
    CHECK(test::reap(ring).res == 4);
    CHECK(std::memcmp(in, "ping", 4) == 0);
  }

  // Shut the client down and close it, linked; the server sees end of stream.
  const int client_fd = client.get();
  s = test::get_sqe(ring);
  prep_shutdown(*s, client_fd, SHUT_RDWR);
  sqe_set_flags(*s, sqe_flag::io_link);
  s = test::get_sqe(ring);
  prep_close(*s, client_fd);
  test::submit_and_wait(ring, 2, 2);
  CHECK(test::reap(ring).res == 0);
  const int close_res = test::reap(ring).res;
  CHECK(close_res == 0);
  if (close_res == 0) client.release();
  CHECK(recv(server.get(), in, sizeof(in), 0) == 0);
}

}  // namespace fring
