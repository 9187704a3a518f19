// SPDX-License-Identifier: MIT
// Zig's conformance tests on sockets made and accepted through the ring: 29
// (multishot accept), 31 (accept into a direct descriptor), 32 (multishot
// accept into direct descriptors until the table is full), 33 (socket) and
// 34 (sockets into direct descriptors, closed directly).
#include <fcntl.h>

#include <cerrno>
#include <cstring>

#include "tests/net_support.h"
#include "tests/support/ring_util.h"

namespace fring {
using namespace fring::test::net;

TEST_CASE("Zig 29: accept multishot") {
  FRING_RING(ring, 4);
  SockaddrIn addr;
  Fd listener = tcp_listener(&addr);
  Sqe* s = test::get_sqe(ring);
  prep_multishot_accept(*s, listener.get(), nullptr, nullptr, SOCK_CLOEXEC);
  sqe_set_data64(*s, 1);
  test::submit(ring, 1);
  for (int i = 0; i < 4; ++i) {
    Fd client(socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    REQUIRE(client.get() >= 0);
    REQUIRE(connect(client.get(), reinterpret_cast<const sockaddr*>(&addr), sizeof(addr)) == 0);
    const Cqe c = test::reap(ring);
    if (i == 0 && c.res == -EINVAL) FRING_SKIP("kernel lacks multishot accept (Linux 5.19)");
    CHECK(c.user_data == 1);
    CHECK((c.flags & cqe_flag::more) != 0);  // still armed
    REQUIRE(c.res >= 0);
    Fd accepted(c.res);
    // The accepted end is connected to this client.
    REQUIRE(send(client.get(), "!", 1, 0) == 1);
    char in = 0;
    CHECK(recv(accepted.get(), &in, 1, 0) == 1);
    CHECK(in == '!');
  }
  cancel_and_check(ring, 1, 0, -ECANCELED);
}

TEST_CASE("Zig 31: accept_direct") {
  FRING_RING(ring, 4);
  constexpr unsigned kSlots = 2;
  test::empty_file_table(ring, kSlots);
  SockaddrIn addr;
  Fd listener = tcp_listener(&addr);
  Fd clients[kSlots + 1];
  for (unsigned i = 0; i <= kSlots; ++i) {
    clients[i].reset(socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    REQUIRE(clients[i].get() >= 0);
    SockaddrIn peer{};
    uint32_t peer_len = sizeof(peer);
    Sqe* s = test::get_sqe(ring);
    prep_accept_direct(*s, listener.get(), reinterpret_cast<Sockaddr*>(&peer), &peer_len, 0,
                       file_index_alloc);
    sqe_set_data64(*s, 1);
    s = test::get_sqe(ring);
    prep_connect(*s, clients[i].get(), as_sockaddr(addr), sizeof(addr));
    sqe_set_data64(*s, 2);
    test::submit_and_wait(ring, 2, 2);
    const auto got = test::reap_each(ring, 2);
    CHECK(got.at(2).res == 0);
    const int res = got.at(1).res;
    if (i == 0 && res == -EINVAL) FRING_SKIP("kernel lacks file_index_alloc (Linux 5.19)");
    if (i == kSlots) {
      CHECK(res == -ENFILE);  // the table is full
      break;
    }
    CHECK(res == static_cast<int>(i));  // the slot it took
    CHECK(peer_len == sizeof(SockaddrIn));
    CHECK(peer.sin_port == local_address(clients[i].get()).sin_port);

    // Receive on the direct descriptor.
    REQUIRE(send(clients[i].get(), "hi", 2, 0) == 2);
    char in[4] = {};
    s = test::get_sqe(ring);
    prep_recv(*s, res, in, 2, MSG_WAITALL);
    sqe_set_flags(*s, sqe_flag::fixed_file);
    test::submit_and_wait(ring, 1, 1);
    CHECK(test::reap(ring).res == 2);
    CHECK(std::memcmp(in, "hi", 2) == 0);
  }
}

TEST_CASE("Zig 32: accept_multishot_direct") {
  FRING_RING(ring, 4);
  constexpr unsigned kSlots = 2;
  test::empty_file_table(ring, kSlots);
  SockaddrIn addr;
  Fd listener = tcp_listener(&addr);
  Sqe* s = test::get_sqe(ring);
  prep_multishot_accept_direct(*s, listener.get(), nullptr, nullptr, 0);
  sqe_set_data64(*s, 7);
  test::submit(ring, 1);
  Fd clients[kSlots + 1];
  for (unsigned i = 0; i <= kSlots; ++i) {
    clients[i].reset(socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    REQUIRE(clients[i].get() >= 0);
    REQUIRE(connect(clients[i].get(), reinterpret_cast<const sockaddr*>(&addr), sizeof(addr)) == 0);
    const Cqe c = test::reap(ring);
    CHECK(c.user_data == 7);
    if (i == 0 && c.res == -EINVAL) FRING_SKIP("kernel lacks multishot accept (Linux 5.19)");
    if (i < kSlots) {
      CHECK(c.res == static_cast<int>(i));  // the slot it filled
      CHECK((c.flags & cqe_flag::more) != 0);
    } else {
      CHECK(c.res == -ENFILE);  // the table is full: this ends it
      CHECK((c.flags & cqe_flag::more) == 0);
    }
  }
  // The direct descriptors are live sockets.
  REQUIRE(send(clients[1].get(), "ok", 2, 0) == 2);
  char in[2] = {};
  s = test::get_sqe(ring);
  prep_recv(*s, 1, in, sizeof(in), MSG_WAITALL);
  sqe_set_flags(*s, sqe_flag::fixed_file);
  test::submit(ring, 1);
  CHECK(test::reap(ring).res == 2);
  CHECK(std::memcmp(in, "ok", 2) == 0);
}

TEST_CASE("Zig 33: socket") {
  FRING_REQUIRE_OP(op::socket);
  FRING_RING(ring, 2);
  Sqe* s = test::get_sqe(ring);
  prep_socket(*s, AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0, 0);
  test::submit_and_wait(ring, 1, 1);
  const int res = test::reap(ring).res;
  REQUIRE(res > 2);
  Fd fd(res);
  int type = 0;
  socklen_t len = sizeof(type);
  CHECK(getsockopt(fd.get(), SOL_SOCKET, SO_TYPE, &type, &len) == 0);
  CHECK(type == SOCK_STREAM);
  CHECK((fcntl(fd.get(), F_GETFD) & FD_CLOEXEC) != 0);

  s = test::get_sqe(ring);
  prep_socket(*s, 12345, SOCK_STREAM, 0, 0);  // no such address family
  test::submit_and_wait(ring, 1, 1);
  CHECK(test::reap(ring).res == -EAFNOSUPPORT);
}

TEST_CASE("Zig 34: socket_direct/socket_direct_alloc/close_direct") {
  FRING_REQUIRE_OP(op::socket);
  FRING_RING(ring, 4);
  test::empty_file_table(ring, 3);
  Sqe* s = test::get_sqe(ring);
  prep_socket_direct(*s, AF_INET, SOCK_STREAM, 0, 0, 0);
  s = test::get_sqe(ring);
  prep_socket_direct(*s, AF_INET, SOCK_STREAM, 0, 1, 0);
  test::submit_and_wait(ring, 2, 2);
  CHECK(test::reap(ring).res == 0);  // a chosen slot gives 0
  CHECK(test::reap(ring).res == 0);
  s = test::get_sqe(ring);
  prep_socket_direct_alloc(*s, AF_INET, SOCK_STREAM, 0, 0);
  test::submit_and_wait(ring, 1, 1);
  const int alloc_res = test::reap(ring).res;
  if (alloc_res == -EINVAL) FRING_SKIP("kernel lacks file_index_alloc (Linux 5.19)");
  CHECK(alloc_res == 2);  // the only free slot
  s = test::get_sqe(ring);
  prep_socket_direct_alloc(*s, AF_INET, SOCK_STREAM, 0, 0);
  test::submit_and_wait(ring, 1, 1);
  CHECK(test::reap(ring).res == -ENFILE);

  // The direct socket in slot 0 connects like any socket.
  SockaddrIn addr;
  Fd listener = tcp_listener(&addr);
  s = test::get_sqe(ring);
  prep_connect(*s, 0, as_sockaddr(addr), sizeof(addr));
  sqe_set_flags(*s, sqe_flag::fixed_file);
  test::submit_and_wait(ring, 1, 1);
  CHECK(test::reap(ring).res == 0);
  Fd accepted(accept4(listener.get(), nullptr, nullptr, SOCK_CLOEXEC));
  CHECK(accepted.get() >= 0);

  for (unsigned slot = 0; slot < 3; ++slot) {
    s = test::get_sqe(ring);
    prep_close_direct(*s, slot);
    test::submit_and_wait(ring, 1, 1);
    CHECK(test::reap(ring).res == 0);
  }
  s = test::get_sqe(ring);
  prep_close_direct(*s, 0);  // already empty
  test::submit_and_wait(ring, 1, 1);
  CHECK(test::reap(ring).res == -EBADF);
}

}  // namespace fring
