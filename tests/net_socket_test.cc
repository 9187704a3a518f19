// SPDX-License-Identifier: MIT
// Sockets through the ring beyond Zig's tests (those are in
// tests/conformance): bind and listen errors, the socket commands of
// op::uring_cmd (queue sizes, getsockname, the 128-byte form), the
// block discard command on a loop device, and what RECV_ZC does without a
// zero-copy interface queue.
#include <fcntl.h>
#include <linux/loop.h>
#include <sys/ioctl.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "tests/net_support.h"
#include "tests/support/files.h"
#include "tests/support/ring_util.h"

namespace fring {
using namespace fring::test::net;

namespace {

// Submits what is queued and waits for `n` CQEs.
void run(Ring& ring, unsigned n) { REQUIRE(ring.submit_and_wait(n).ok()); }

// Why socket commands cannot run, judged from a command's result.
const char* no_socket_cmds(int res) {
  return res == -EOPNOTSUPP ? "kernel lacks socket commands for op::uring_cmd (Linux 6.7)"
                            : nullptr;
}

// A UDP socket with one `len`-byte datagram waiting in its queue.
Fd udp_with_datagram(size_t len) {
  SockaddrIn addr;
  Fd server = bound_socket(SOCK_DGRAM, &addr);
  Fd client(socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
  REQUIRE(client.get() >= 0);
  const std::string payload(len, 'q');
  REQUIRE(sendto(client.get(), payload.data(), len, 0, reinterpret_cast<const sockaddr*>(&addr),
                 sizeof(addr)) == static_cast<ssize_t>(len));
  char peek[1];
  // Blocks until the datagram is queued, leaving it there.
  REQUIRE(recv(server.get(), peek, sizeof(peek), MSG_PEEK) == 1);
  return server;
}

}  // namespace

TEST_CASE("bind and listen errors") {
  FRING_REQUIRE_OP(op::bind);
  FRING_REQUIRE_OP(op::listen);
  FRING_RING(ring, 2);
  SockaddrIn taken;
  Fd holder = tcp_listener(&taken);
  Fd tcp(socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  REQUIRE(tcp.get() >= 0);
  Sqe* s = test::get_sqe(ring);
  prep_bind(*s, tcp.get(), as_sockaddr(taken), sizeof(taken));
  run(ring, 1);
  CHECK(test::reap(ring).res == -EADDRINUSE);

  SockaddrIn udp_addr;
  Fd udp = bound_socket(SOCK_DGRAM, &udp_addr);
  s = test::get_sqe(ring);
  prep_listen(*s, udp.get(), 1);  // datagram sockets do not listen
  run(ring, 1);
  CHECK(test::reap(ring).res == -EOPNOTSUPP);
}

TEST_CASE("uring_cmd sock: SIOCINQ and SIOCOUTQ") {
  FRING_REQUIRE_OP(op::uring_cmd);
  FRING_RING(ring, 2);
  Fd udp = udp_with_datagram(13);
  Sqe* s = test::get_sqe(ring);
  prep_cmd_sock(*s, socket_cmd::siocinq, udp.get(), 0, 0, nullptr, 0);
  run(ring, 1);
  const int inq = test::reap(ring).res;
  if (const char* why = no_socket_cmds(inq)) FRING_SKIP(why);
  CHECK(inq == 13);  // the first datagram's payload

  TcpPair t;
  tcp_pair(ring, t);
  s = test::get_sqe(ring);
  prep_cmd_sock(*s, socket_cmd::siocoutq, t.client.get(), 0, 0, nullptr, 0);
  run(ring, 1);
  CHECK(test::reap(ring).res == 0);  // nothing sent yet
  s = test::get_sqe(ring);
  prep_cmd_sock(*s, socket_cmd::siocinq, t.server.get(), 0, 0, nullptr, 0);
  run(ring, 1);
  CHECK(test::reap(ring).res == 0);
  s = test::get_sqe(ring);
  prep_cmd_sock(*s, socket_cmd::siocoutq, t.listener.get(), 0, 0, nullptr, 0);
  run(ring, 1);
  CHECK(test::reap(ring).res == -EINVAL);  // not on a listening socket
}

TEST_CASE("uring_cmd sock: getsockname") {
  FRING_REQUIRE_OP(op::uring_cmd);
  FRING_RING(ring, 4);
  TcpPair t;
  tcp_pair(ring, t);
  SockaddrIn name{};
  uint32_t len = sizeof(name);
  Sqe* s = test::get_sqe(ring);
  prep_cmd_getsockname(*s, t.server.get(), reinterpret_cast<Sockaddr*>(&name), &len, 0);
  run(ring, 1);
  const int res = test::reap(ring).res;
  if (res == -EOPNOTSUPP) FRING_SKIP("kernel lacks socket_cmd::getsockname (Linux 6.19)");
  CHECK(res == 0);
  CHECK(len == sizeof(SockaddrIn));
  CHECK(name.sin_port == t.addr.sin_port);  // the accepted end shares the listener's port
  CHECK(name.sin_addr == t.addr.sin_addr);

  SockaddrIn peer{};
  len = sizeof(peer);
  s = test::get_sqe(ring);
  prep_cmd_getsockname(*s, t.server.get(), reinterpret_cast<Sockaddr*>(&peer), &len, 1);
  run(ring, 1);
  CHECK(test::reap(ring).res == 0);
  CHECK(peer.sin_port == local_address(t.client.get()).sin_port);

  Fd lone(socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  REQUIRE(lone.get() >= 0);
  len = sizeof(peer);
  s = test::get_sqe(ring);
  prep_cmd_getsockname(*s, lone.get(), reinterpret_cast<Sockaddr*>(&peer), &len, 1);
  run(ring, 1);
  CHECK(test::reap(ring).res == -ENOTCONN);
}

TEST_CASE("uring_cmd128 on a ring with 128-byte SQEs") {
  FRING_REQUIRE_OP(op::uring_cmd128);
  FRING_REQUIRE_SETUP_FLAG(sqe128);
  FRING_RING(ring, 4, setup::sqe128);
  Fd udp = udp_with_datagram(21);
  // On an SQE128 ring every slot get_sqe() hands out is 128 bytes.
  Sqe* s = test::get_sqe(ring);
  prep_uring_cmd128(*s, socket_cmd::siocinq, udp.get());
  sqe_set_data64(*s, 128);
  s = test::get_sqe(ring);
  prep_uring_cmd(*s, socket_cmd::siocinq, udp.get());  // the 64-byte op works there too
  sqe_set_data64(*s, 64);
  run(ring, 2);
  const auto got = test::reap_each(ring, 2);
  CHECK(got.at(128).res == 21);
  CHECK(got.at(64).res == 21);
}

TEST_CASE("uring_cmd128 needs 128-byte SQEs") {
  FRING_REQUIRE_OP(op::uring_cmd128);
  FRING_RING(ring, 4);
  FRING_SKIP_IF_RING(ring, setup::sqe128 | setup::sqe_mixed, "checks a ring of 64-byte SQEs");
  Fd udp = udp_with_datagram(5);
  // On a ring of 64-byte SQEs the helper's second half lands in the next
  // slot, so take that one too and queue a NOP in it.
  Sqe* s = test::get_sqe(ring);
  Sqe* spare = test::get_sqe(ring);
  REQUIRE(spare == s + 1);
  prep_uring_cmd128(*s, socket_cmd::siocinq, udp.get());
  sqe_set_data64(*s, 1);
  prep_nop(*spare);
  sqe_set_data64(*spare, 2);
  // The kernel fails the command and stops submitting there.
  test::submit(ring, 1);
  const Cqe failed = test::reap(ring);
  CHECK(failed.user_data == 1);
  CHECK(failed.res == -EINVAL);
  test::submit_and_wait(ring, 1, 1);
  const Cqe nop = test::reap(ring);
  CHECK(nop.user_data == 2);
  CHECK(nop.res == 0);
}

TEST_CASE("recv_zc without a zero-copy interface queue") {
  FRING_REQUIRE_OP(op::recv_zc);
  FRING_REQUIRE_SETUP_FLAG(defer_taskrun);
  // The ring zero-copy receive needs.
  FRING_RING(ring, 4, setup::single_issuer | setup::defer_taskrun | setup::cqe32);
  TcpPair t;
  tcp_pair(ring, t);
  Sqe* s = test::get_sqe(ring);
  prep_recv_zc(*s, t.server.get(), 0, recvsend_flag::recv_multishot, 0);
  run(ring, 1);
  CHECK(test::reap(ring).res == -EINVAL);  // no queue 0 registered on this ring
  FRING_SKIP("zero-copy receive needs a zcrx interface queue on a NIC's hardware RX queue");
}

namespace {

// A loop device over a temporary file, detached and removed at the end.
class LoopDevice {
 public:
  // Leaves `why` set when no loop device can be had here.
  LoopDevice(size_t size, uint8_t fill, const char** why)
      : backing_("loop", std::string(size, static_cast<char>(fill))) {
    Fd control(open("/dev/loop-control", O_RDWR | O_CLOEXEC));
    if (control.get() < 0) {
      *why = "no loop devices here (/dev/loop-control missing)";
      return;
    }
    const int n = ioctl(control.get(), LOOP_CTL_GET_FREE);
    if (n < 0) {
      *why = "no free loop device";
      return;
    }
    const std::string dev = "/dev/loop" + std::to_string(n);
    device_.reset(open(dev.c_str(), O_RDWR | O_CLOEXEC));
    if (device_.get() < 0 || ioctl(device_.get(), LOOP_SET_FD, backing_.fd) != 0) {
      device_.reset(-1);
      *why = "could not attach a loop device";
      return;
    }
    attached_ = true;
  }
  ~LoopDevice() {
    if (attached_) ioctl(device_.get(), LOOP_CLR_FD, 0);
  }
  int fd() const { return device_.get(); }
  int backing() const { return backing_.fd; }

 private:
  test::TempFile backing_;
  Fd device_;
  bool attached_ = false;
};

}  // namespace

TEST_CASE("cmd_discard on a loop device") {
  FRING_REQUIRE_OP(op::uring_cmd);
  FRING_RING(ring, 2);
  constexpr size_t kSize = 64 * 1024;
  const char* why = nullptr;
  LoopDevice loop(kSize, 0xab, &why);
  if (why != nullptr) FRING_SKIP(why);
  Sqe* s = test::get_sqe(ring);
  prep_cmd_discard(*s, loop.fd(), 8192, 16384);
  run(ring, 1);
  const int res = test::reap(ring).res;
  if (res == -EOPNOTSUPP) {
    FRING_SKIP("kernel lacks BLOCK_URING_CMD_DISCARD (Linux 6.12) or the loop device discard");
  }
  CHECK(res == 0);
  char got[kSize];
  REQUIRE(pread(loop.fd(), got, kSize, 0) == static_cast<ssize_t>(kSize));
  for (size_t i = 0; i < kSize; ++i) {
    const bool discarded = i >= 8192 && i < 8192 + 16384;
    if (static_cast<uint8_t>(got[i]) != (discarded ? 0 : 0xab)) {
      FAIL_CHECK("byte " << i << " is " << int{static_cast<uint8_t>(got[i])});
      break;
    }
  }
  CHECK(static_cast<uint8_t>(got[8192]) == 0);
  CHECK(static_cast<uint8_t>(got[8191]) == 0xab);

  s = test::get_sqe(ring);
  prep_cmd_discard(*s, loop.fd(), 100, 512);  // not block-aligned
  run(ring, 1);
  CHECK(test::reap(ring).res == -EINVAL);
}

}  // namespace fring
