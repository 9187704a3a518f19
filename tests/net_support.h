// SPDX-License-Identifier: MIT
// What the socket tests share: an owning fd, loopback addresses and
// listeners, and the accept+connect harness of Zig's network tests (both
// ends set up through the ring). Loopback only: 127.0.0.1, with ports the
// kernel picks, so tests never collide or reach a network.
#ifndef FRING_TESTS_NET_SUPPORT_H
#define FRING_TESTS_NET_SUPPORT_H

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "tests/support/fring_test.h"
#include "tests/support/ring_util.h"

namespace fring::test::net {

/// A file descriptor closed when it goes out of scope.
class Fd {
 public:
  explicit Fd(int fd = -1) : fd_(fd) {}
  Fd(Fd&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  Fd& operator=(Fd&& other) noexcept {
    reset(other.fd_);
    other.fd_ = -1;
    return *this;
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { reset(-1); }
  void reset(int fd) {
    if (fd_ >= 0) close(fd_);
    fd_ = fd;
  }
  int get() const { return fd_; }
  /// Gives up ownership (the fd was closed some other way).
  void release() { fd_ = -1; }

 private:
  int fd_;
};

/// 127.0.0.1, any port: bind() to it and the kernel picks one.
inline SockaddrIn loopback() {
  SockaddrIn a{};
  a.sin_family = AF_INET;
  a.sin_addr = htonl(INADDR_LOOPBACK);
  return a;
}

/// `a` as the generic address the prep helpers take.
inline const Sockaddr* as_sockaddr(const SockaddrIn& a) {
  return reinterpret_cast<const Sockaddr*>(&a);
}

/// The address socket `fd` is bound to.
inline SockaddrIn local_address(int fd) {
  SockaddrIn a{};
  socklen_t len = sizeof(a);
  REQUIRE(getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0);
  return a;
}

/// A `type` socket bound to 127.0.0.1 on a port the kernel picks; `*addr`
/// receives the address.
inline Fd bound_socket(int type, SockaddrIn* addr) {
  Fd fd(socket(AF_INET, type | SOCK_CLOEXEC, 0));
  REQUIRE(fd.get() >= 0);
  const SockaddrIn any = loopback();
  REQUIRE(bind(fd.get(), reinterpret_cast<const sockaddr*>(&any), sizeof(any)) == 0);
  *addr = local_address(fd.get());
  return fd;
}

/// A TCP socket listening on 127.0.0.1; `*addr` receives its address.
inline Fd tcp_listener(SockaddrIn* addr) {
  Fd fd = bound_socket(SOCK_STREAM, addr);
  REQUIRE(listen(fd.get(), 64) == 0);
  return fd;
}

/// A connected TCP pair made through the ring: IORING_OP_ACCEPT on a fresh
/// listener and IORING_OP_CONNECT from a fresh client, reaped together.
struct TcpPair {
  Fd listener;
  Fd server;  // the accepted end
  Fd client;
  SockaddrIn addr{};  // the listener's
};

inline void tcp_pair(Ring& ring, TcpPair& t) {
  t.listener = tcp_listener(&t.addr);
  t.client.reset(socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  REQUIRE(t.client.get() >= 0);
  Sqe* s = ring.get_sqe();
  REQUIRE(s != nullptr);
  prep_accept(*s, t.listener.get(), nullptr, nullptr, SOCK_CLOEXEC);
  sqe_set_data64(*s, 0xaaaaaaaa);
  s = ring.get_sqe();
  REQUIRE(s != nullptr);
  prep_connect(*s, t.client.get(), as_sockaddr(t.addr), sizeof(t.addr));
  sqe_set_data64(*s, 0xcccccccc);
  REQUIRE(ring.submit_and_wait(2).ok());
  const auto got = reap_each(ring, 2);
  REQUIRE(got.count(0xaaaaaaaa) == 1);
  REQUIRE(got.count(0xcccccccc) == 1);
  REQUIRE(got.at(0xcccccccc).res == 0);
  REQUIRE(got.at(0xaaaaaaaa).res >= 0);
  t.server.reset(got.at(0xaaaaaaaa).res);
}

}  // namespace fring::test::net

#endif  // FRING_TESTS_NET_SUPPORT_H
