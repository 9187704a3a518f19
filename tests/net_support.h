// SPDX-License-Identifier: MIT
// What the socket tests share: an owning fd, loopback addresses and
// listeners, the accept+connect harness of Zig's network tests (both ends
// set up through the ring), and the pieces of multishot and provided-buffer
// requests (buffer pools in buffer rings, the next CQE of a multishot
// request, cancelling one). Loopback only: 127.0.0.1, with ports the kernel
// picks, so tests never collide or reach a network.
#ifndef FRING_TESTS_NET_SUPPORT_H
#define FRING_TESTS_NET_SUPPORT_H

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <vector>

#include "tests/support/fring_test.h"
#include "tests/support/ring_util.h"

namespace fring::test::net {

/// The user_data of a test's send and of its receive, and the message the
/// send-and-receive tests carry (kLen bytes, its NUL included).
inline constexpr uint64_t kSend = 0xeeeeeeee;
inline constexpr uint64_t kRecv = 0xffffffff;
inline constexpr char kMsg[] = "fring over loopback";
inline constexpr unsigned kLen = sizeof(kMsg);

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

/// A connected TCP pair made through the ring: op::accept on a fresh
/// listener and op::connect from a fresh client, reaped together.
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
  Sqe* s = test::get_sqe(ring);
  REQUIRE(s != nullptr);
  prep_accept(*s, t.listener.get(), nullptr, nullptr, SOCK_CLOEXEC);
  sqe_set_data64(*s, 0xaaaaaaaa);
  s = test::get_sqe(ring);
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

/// The next CQE of a multishot request still armed: the right user_data and
/// cqe_flag::more.
inline Cqe more(Ring& ring, uint64_t user_data) {
  const Cqe c = reap(ring);
  CHECK(c.user_data == user_data);
  CHECK((c.flags & cqe_flag::more) != 0);
  return c;
}

/// Cancels request `user_data` and checks the two CQEs, in either order: the
/// cancel's `cancel_res`, and the request's last, with `last_res` and
/// without cqe_flag::more.
inline void cancel_and_check(Ring& ring, uint64_t user_data, int cancel_res, int last_res) {
  Sqe* s = get_sqe(ring);
  prep_cancel64(*s, user_data, 0);
  sqe_set_data64(*s, 0xcace1);
  submit(ring, 1);
  const auto got = reap_each(ring, 2);
  CHECK(got.at(0xcace1).res == cancel_res);
  const Cqe& last = got.at(user_data);
  CHECK(last.res == last_res);
  CHECK((last.flags & cqe_flag::more) == 0);
}

/// Buffers of `each` bytes in one block, published to a buffer ring as ids
/// 0, 1, ...
struct Pool {
  Pool(unsigned count, unsigned each) : size(each), bytes(size_t{count} * each) {}
  char* at(uint16_t bid) { return bytes.data() + size_t{bid} * size; }
  /// Publishes buffer `bid` to `br`.
  void put(BufRing& br, uint16_t bid) {
    buf_ring_add(br.get(), at(bid), size, bid, br.mask(), 0);
    buf_ring_advance(br.get(), 1);
  }
  unsigned size;
  std::vector<char> bytes;
};

/// Sets up a buffer ring of `entries` for group `bgid` in `out`, with pool
/// buffers 0 .. count-1 published; false (after marking the test skipped)
/// before Linux 5.19.
inline bool buffer_ring(Ring& ring, unsigned entries, int bgid, Pool& pool, unsigned count,
                        Result<BufRing>& out) {
  out = setup_buf_ring(ring, entries, bgid, 0);
  if (!out.ok() && out.error() == Errno::einval) {
    mark_skipped("kernel lacks reg_op::pbuf_ring (Linux 5.19)");
    return false;
  }
  REQUIRE(out.ok());
  for (uint16_t bid = 0; bid < count; ++bid) pool.put(out.value(), bid);
  return true;
}

/// Makes `s` a buffer-select request for group `bgid`.
inline void select_from(Sqe* s, uint16_t bgid) {
  sqe_set_flags(*s, sqe_flag::buffer_select);
  sqe_set_buf_group(*s, bgid);
}

}  // namespace fring::test::net

#endif  // FRING_TESTS_NET_SUPPORT_H
