// SPDX-License-Identifier: MIT
// Socket requests that complete more than once or pick provided buffers,
// beyond Zig's tests (those are in tests/conformance): multishot recvmsg read
// back with the recvmsg_* helpers, and send and receive bundles.
#include <netinet/in.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "tests/net_support.h"
#include "tests/support/ring_util.h"

namespace fring {
using namespace fring::test::net;

TEST_CASE("recvmsg multishot: name, control messages and payload") {
  FRING_RING(ring, 8);
  constexpr uint16_t kGroup = 3;
  Pool pool(4, 256);
  Result<BufRing> br = Errno::einval;
  if (!buffer_ring(ring, 4, kGroup, pool, 4, br)) return;
  SockaddrIn server_addr;
  Fd server = bound_socket(SOCK_DGRAM, &server_addr);
  const int on = 1;
  REQUIRE(setsockopt(server.get(), IPPROTO_IP, IP_PKTINFO, &on, sizeof(on)) == 0);
  SockaddrIn client_addr;
  Fd client = bound_socket(SOCK_DGRAM, &client_addr);
  const char* msgs[2] = {"first datagram", "second"};
  for (const char* m : msgs) {
    REQUIRE(sendto(client.get(), m, std::strlen(m), 0,
                   reinterpret_cast<const sockaddr*>(&server_addr),
                   sizeof(server_addr)) == static_cast<ssize_t>(std::strlen(m)));
  }

  // Only the sizes matter: room for an IPv4 name and one IP_PKTINFO message.
  Msghdr mh{};
  mh.msg_namelen = sizeof(SockaddrIn);
  mh.msg_controllen = CMSG_SPACE(sizeof(in_pktinfo));
  Sqe* s = test::get_sqe(ring);
  prep_recvmsg_multishot(*s, server.get(), &mh, 0);
  select_from(s, kGroup);
  sqe_set_data64(*s, 20);
  test::submit(ring, 1);
  for (const char* m : msgs) {
    const Cqe c = test::reap(ring);
    if (m == msgs[0] && c.res == -EINVAL && !test::kernel_at_least(6, 0)) {
      FRING_SKIP("kernel lacks multishot op::recvmsg (Linux 6.0)");
    }
    CHECK(c.user_data == 20);
    CHECK((c.flags & cqe_flag::more) != 0);
    REQUIRE((c.flags & cqe_flag::buffer) != 0);
    REQUIRE(c.res > 0);
    void* buf = pool.at(cqe_buffer_id(c));
    RecvmsgOut* out = recvmsg_validate(buf, c.res, &mh);
    REQUIRE(out != nullptr);
    CHECK(out->namelen == sizeof(SockaddrIn));
    CHECK(out->payloadlen == std::strlen(m));
    CHECK(out->flags == 0);
    const auto* from = static_cast<const SockaddrIn*>(recvmsg_name(out));
    CHECK(from->sin_port == client_addr.sin_port);
    Cmsghdr* cmsg = recvmsg_cmsg_firsthdr(out, &mh);
    REQUIRE(cmsg != nullptr);
    CHECK(cmsg->cmsg_level == IPPROTO_IP);
    CHECK(cmsg->cmsg_type == IP_PKTINFO);
    in_pktinfo info;
    std::memcpy(&info, reinterpret_cast<uint8_t*>(cmsg) + sizeof(Cmsghdr), sizeof(info));
    CHECK(info.ipi_addr.s_addr == server_addr.sin_addr);  // sent to 127.0.0.1
    CHECK(recvmsg_cmsg_nexthdr(out, &mh, cmsg) == nullptr);
    CHECK(recvmsg_payload_length(out, c.res, &mh) == std::strlen(m));
    CHECK(std::memcmp(recvmsg_payload(out, &mh), m, std::strlen(m)) == 0);
  }
  cancel_and_check(ring, 20, 0, -ECANCELED);
}

TEST_CASE("recvmsg multishot: a last control message the kernel wrote unpadded") {
  FRING_RING(ring, 8);
  if (!test::kernel_at_least(6, 0)) FRING_SKIP("kernel lacks multishot op::recvmsg (Linux 6.0)");
  constexpr uint16_t kGroup = 7;
  Pool pool(2, 256);
  Result<BufRing> br = Errno::einval;
  if (!buffer_ring(ring, 2, kGroup, pool, 2, br)) return;
  SockaddrIn server_addr;
  Fd server = bound_socket(SOCK_DGRAM, &server_addr);
  const int on = 1;
  REQUIRE(setsockopt(server.get(), IPPROTO_IP, IP_RECVTTL, &on, sizeof(on)) == 0);
  REQUIRE(setsockopt(server.get(), IPPROTO_IP, IP_RECVTOS, &on, sizeof(on)) == 0);
  SockaddrIn client_addr;
  Fd client = bound_socket(SOCK_DGRAM, &client_addr);
  // IP_TTL (an int, padded to 24 bytes) then IP_TOS (one byte, 17 bytes
  // unpadded): 41 bytes reserved hold both, the second without padding.
  Msghdr mh{};
  mh.msg_namelen = sizeof(SockaddrIn);
  mh.msg_controllen = CMSG_SPACE(sizeof(int)) + CMSG_LEN(1);
  REQUIRE(mh.msg_controllen == 41);
  Sqe* s = test::get_sqe(ring);
  prep_recvmsg_multishot(*s, server.get(), &mh, 0);
  select_from(s, kGroup);
  sqe_set_data64(*s, 30);
  test::submit(ring, 1);
  REQUIRE(sendto(client.get(), "tos", 3, 0, reinterpret_cast<const sockaddr*>(&server_addr),
                 sizeof(server_addr)) == 3);
  const Cqe c = test::reap(ring);
  REQUIRE(c.res > 0);
  RecvmsgOut* out = recvmsg_validate(pool.at(cqe_buffer_id(c)), c.res, &mh);
  REQUIRE(out != nullptr);
  CHECK(out->controllen == 41);
  Cmsghdr* ttl = recvmsg_cmsg_firsthdr(out, &mh);
  REQUIRE(ttl != nullptr);
  CHECK(ttl->cmsg_type == IP_TTL);
  Cmsghdr* tos = recvmsg_cmsg_nexthdr(out, &mh, ttl);
  REQUIRE(tos != nullptr);  // glibc's CMSG_NXTHDR and liburing 2.15 drop it
  CHECK(tos->cmsg_level == IPPROTO_IP);
  CHECK(tos->cmsg_type == IP_TOS);
  CHECK(tos->cmsg_len == CMSG_LEN(1));
  CHECK(recvmsg_cmsg_nexthdr(out, &mh, tos) == nullptr);
  CHECK(recvmsg_payload_length(out, c.res, &mh) == 3);
  cancel_and_check(ring, 30, 0, -ECANCELED);
}

TEST_CASE("send and recv bundles") {
  FRING_REQUIRE_FEATURE(recvsend_bundle);
  FRING_RING(ring, 8);
  // Send: three buffers from group 5 go out in one request.
  Pool out(4, 3);
  std::memcpy(out.bytes.data(), "abcdefghi", 9);
  Result<BufRing> out_ring = Errno::einval;
  if (!buffer_ring(ring, 4, 5, out, 3, out_ring)) return;
  TcpPair t;
  tcp_pair(ring, t);
  Sqe* s = test::get_sqe(ring);
  prep_send_bundle(*s, t.client.get(), 0, 0);
  select_from(s, 5);
  test::submit(ring, 1);
  Cqe c = test::reap(ring);
  CHECK(c.res == 9);
  CHECK((c.flags & cqe_flag::buffer) != 0);
  CHECK(cqe_buffer_id(c) == 0);  // the first of the bundle
  char in[9] = {};
  REQUIRE(recv(t.server.get(), in, sizeof(in), MSG_WAITALL) == 9);
  CHECK(std::memcmp(in, "abcdefghi", 9) == 0);

  // Receive: twelve waiting bytes fill three four-byte buffers of group 6.
  Pool pool(4, 4);
  Result<BufRing> in_ring = Errno::einval;
  REQUIRE(buffer_ring(ring, 4, 6, pool, 4, in_ring));
  REQUIRE(send(t.client.get(), "0123456789ab", 12, 0) == 12);
  char peek[12];
  REQUIRE(recv(t.server.get(), peek, sizeof(peek), MSG_PEEK | MSG_WAITALL) == 12);
  s = test::get_sqe(ring);
  prep_recv(*s, t.server.get(), nullptr, 0, 0);
  s->ioprio = recvsend_flag::bundle;  // liburing has no helper for this form
  select_from(s, 6);
  test::submit(ring, 1);
  c = test::reap(ring);
  CHECK(c.res == 12);
  CHECK(cqe_buffer_id(c) == 0);
  CHECK(std::memcmp(pool.bytes.data(), "0123456789ab", 12) == 0);
  // cqe_bundle() walks the three buffers in ring order.
  const BufGroup group{pool.bytes.data(), pool.size, 4};
  BufRing& recv_ring = in_ring.value();
  CqeBundle bundle = test::must(cqe_bundle(c, recv_ring.get(), recv_ring.mask(), 0, group));
  CHECK(bundle.count() == 3);
  std::string got;
  uint16_t want_bid = 0;
  for (CqeBuffer b; bundle.next(&b);) {
    CHECK(b.bid == want_bid++);
    CHECK(b.len == 4);
    got.append(reinterpret_cast<char*>(b.data), b.len);
  }
  CHECK(got == "0123456789ab");
  // The fourth buffer, then the three given back: a bundle across the ring's end.
  for (uint16_t bid = 0; bid < 3; ++bid) pool.put(recv_ring, bid);
  REQUIRE(send(t.client.get(), "ABCDEFGHIJKLMN", 14, 0) == 14);
  REQUIRE(recv(t.server.get(), peek, sizeof(peek), MSG_PEEK | MSG_WAITALL) == 12);
  s = test::get_sqe(ring);
  prep_recv(*s, t.server.get(), nullptr, 0, 0);
  s->ioprio = recvsend_flag::bundle;
  select_from(s, 6);
  test::submit(ring, 1);
  c = test::reap(ring);
  REQUIRE(c.res == 14);
  CHECK(cqe_buffer_id(c) == 3);
  bundle = test::must(cqe_bundle(c, recv_ring.get(), recv_ring.mask(), 3, group));
  CHECK(bundle.count() == 4);
  got.clear();
  for (CqeBuffer b; bundle.next(&b);) got.append(reinterpret_cast<char*>(b.data), b.len);
  CHECK(got == "ABCDEFGHIJKLMN");
  // A head out of step with the kernel's is refused.
  CHECK(test::error_of(cqe_bundle(c, recv_ring.get(), recv_ring.mask(), 0, group)) ==
        Errno::einval);
}

}  // namespace fring
