// SPDX-License-Identifier: MIT
// Socket requests that complete more than once or pick provided buffers:
// Zig's tests 28 (recv into legacy provided buffers), 29 (multishot accept),
// 32 (multishot accept into direct descriptors) and 39 (multishot recv on a
// buffer ring), multishot recvmsg read back with the recvmsg_* helpers, and
// send and receive bundles.
#include <netinet/in.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "tests/net_support.h"
#include "tests/support/ring_util.h"

namespace fring {
using namespace fring::test::net;

namespace {

// The next CQE of a multishot request still armed: the right user_data and
// IORING_CQE_F_MORE.
Cqe more(Ring& ring, uint64_t user_data) {
  const Cqe c = test::reap(ring);
  CHECK(c.user_data == user_data);
  CHECK((c.flags & IORING_CQE_F_MORE) != 0);
  return c;
}

// Cancels the request `user_data` and checks that it ends: the cancel
// succeeds and the request's last CQE, without F_MORE, says -ECANCELED; or,
// on kernels before 6.5 whose multishot receive had already stopped on an
// empty buffer group, -ENOENT and -ENOBUFS.
void cancel_and_check(Ring& ring, uint64_t user_data) {
  Sqe* s = ring.get_sqe();
  prep_cancel64(*s, user_data, 0);
  sqe_set_data64(*s, 0xcace1);
  REQUIRE(ring.submit().value() == 1);
  const auto got = test::reap_each(ring, 2);
  const int cancel_res = got.at(0xcace1).res;
  const Cqe& last = got.at(user_data);
  CHECK((last.flags & IORING_CQE_F_MORE) == 0);
  const bool now = cancel_res == 0 && last.res == -ECANCELED;
  const bool before_6_5 = cancel_res == -ENOENT && last.res == -ENOBUFS;
  CHECK_MESSAGE((now || before_6_5), "cancel ", cancel_res, ", request ", last.res);
}

// Buffers of `size` bytes in one block, published to a buffer ring as ids
// 0, 1, ...
struct Pool {
  Pool(unsigned count, unsigned each) : size(each), bytes(size_t{count} * each) {}
  char* at(uint16_t bid) { return bytes.data() + size_t{bid} * size; }
  // Publishes buffer `bid` to `br`.
  void put(BufRing& br, uint16_t bid) {
    buf_ring_add(br.get(), at(bid), size, bid, br.mask(), 0);
    buf_ring_advance(br.get(), 1);
  }
  unsigned size;
  std::vector<char> bytes;
};

// Sets up a buffer ring of `entries` for group `bgid`, with pool buffers
// 0 .. count-1 published; false (after skipping) before Linux 5.19.
bool buffer_ring(Ring& ring, unsigned entries, int bgid, Pool& pool, unsigned count,
                 Result<BufRing>& out) {
  out = setup_buf_ring(ring, entries, bgid, 0);
  if (!out.ok() && out.error() == Errno::einval) {
    test::mark_skipped("kernel lacks IORING_REGISTER_PBUF_RING (Linux 5.19)");
    return false;
  }
  REQUIRE(out.ok());
  for (uint16_t bid = 0; bid < count; ++bid) pool.put(out.value(), bid);
  return true;
}

// Queues a buffer-select request for group `bgid` on `s`.
void select_from(Sqe* s, uint16_t bgid) {
  sqe_set_flags(*s, IOSQE_BUFFER_SELECT);
  sqe_set_buf_group(*s, bgid);
}

}  // namespace

TEST_CASE("provide_buffers: accept/connect/send/recv") {
  FRING_REQUIRE_OP(IORING_OP_PROVIDE_BUFFERS);
  FRING_RING(ring, 8);
  constexpr int kGroup = 1337;
  constexpr int kSize = 8;
  char pool[2][kSize];
  Sqe* s = ring.get_sqe();
  prep_provide_buffers(*s, pool, kSize, 2, kGroup, 0);
  REQUIRE(ring.submit().value() == 1);
  CHECK(test::reap(ring).res >= 0);
  TcpPair t;
  tcp_pair(ring, t);

  char msg[kSize];
  bool used[2] = {false, false};
  for (char round = 0; round < 3; ++round) {
    std::memset(msg, 'a' + round, sizeof(msg));
    REQUIRE(send(t.client.get(), msg, sizeof(msg), 0) == kSize);
    s = ring.get_sqe();
    prep_recv(*s, t.server.get(), nullptr, kSize, 0);
    select_from(s, kGroup);
    REQUIRE(ring.submit().value() == 1);
    const Cqe c = test::reap(ring);
    if (round == 2) {
      CHECK(c.res == -ENOBUFS);  // both buffers are taken
      CHECK((c.flags & IORING_CQE_F_BUFFER) == 0);
      break;
    }
    REQUIRE(c.res == kSize);
    REQUIRE((c.flags & IORING_CQE_F_BUFFER) != 0);
    const uint16_t bid = cqe_buffer_id(c);
    REQUIRE(bid < 2);
    CHECK_FALSE(used[bid]);
    used[bid] = true;
    CHECK(std::memcmp(pool[bid], msg, kSize) == 0);
  }

  // Give buffer 1 back; the waiting data lands in it.
  s = ring.get_sqe();
  prep_provide_buffers(*s, pool[1], kSize, 1, kGroup, 1);
  s = ring.get_sqe();
  prep_recv(*s, t.server.get(), nullptr, kSize, 0);
  select_from(s, kGroup);
  REQUIRE(ring.submit().value() == 2);
  CHECK(test::reap(ring).res >= 0);
  const Cqe c = test::reap(ring);
  CHECK(c.res == kSize);
  CHECK(cqe_buffer_id(c) == 1);
  CHECK(std::memcmp(pool[1], "cccccccc", kSize) == 0);
}

TEST_CASE("accept multishot") {
  FRING_RING(ring, 4);
  SockaddrIn addr;
  Fd listener = tcp_listener(&addr);
  Sqe* s = ring.get_sqe();
  prep_multishot_accept(*s, listener.get(), nullptr, nullptr, SOCK_CLOEXEC);
  sqe_set_data64(*s, 1);
  REQUIRE(ring.submit().value() == 1);
  for (int i = 0; i < 4; ++i) {
    Fd client(socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    REQUIRE(client.get() >= 0);
    REQUIRE(connect(client.get(), reinterpret_cast<const sockaddr*>(&addr), sizeof(addr)) == 0);
    const Cqe c = test::reap(ring);
    if (i == 0 && c.res == -EINVAL) FRING_SKIP("kernel lacks multishot accept (Linux 5.19)");
    CHECK(c.user_data == 1);
    CHECK((c.flags & IORING_CQE_F_MORE) != 0);  // still armed
    REQUIRE(c.res >= 0);
    Fd accepted(c.res);
    // The accepted end is connected to this client.
    REQUIRE(send(client.get(), "!", 1, 0) == 1);
    char in = 0;
    CHECK(recv(accepted.get(), &in, 1, 0) == 1);
    CHECK(in == '!');
  }
  cancel_and_check(ring, 1);
}

TEST_CASE("accept multishot direct") {
  FRING_RING(ring, 4);
  constexpr unsigned kSlots = 2;
  const int sparse[kSlots] = {-1, -1};
  REQUIRE(register_files(ring, sparse, kSlots).ok());
  SockaddrIn addr;
  Fd listener = tcp_listener(&addr);
  Sqe* s = ring.get_sqe();
  prep_multishot_accept_direct(*s, listener.get(), nullptr, nullptr, 0);
  sqe_set_data64(*s, 7);
  REQUIRE(ring.submit().value() == 1);
  Fd clients[kSlots + 1];
  for (unsigned i = 0; i <= kSlots; ++i) {
    clients[i].reset(socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    REQUIRE(clients[i].get() >= 0);
    REQUIRE(connect(clients[i].get(), reinterpret_cast<const sockaddr*>(&addr), sizeof(addr)) ==
            0);
    const Cqe c = test::reap(ring);
    CHECK(c.user_data == 7);
    if (i == 0 && c.res == -EINVAL) FRING_SKIP("kernel lacks multishot accept (Linux 5.19)");
    if (i < kSlots) {
      CHECK(c.res == static_cast<int>(i));  // the slot it filled
      CHECK((c.flags & IORING_CQE_F_MORE) != 0);
    } else {
      CHECK(c.res == -ENFILE);  // the table is full: this ends it
      CHECK((c.flags & IORING_CQE_F_MORE) == 0);
    }
  }
  // The direct descriptors are live sockets.
  REQUIRE(send(clients[1].get(), "ok", 2, 0) == 2);
  char in[2] = {};
  s = ring.get_sqe();
  prep_recv(*s, 1, in, sizeof(in), MSG_WAITALL);
  sqe_set_flags(*s, IOSQE_FIXED_FILE);
  REQUIRE(ring.submit().value() == 1);
  CHECK(test::reap(ring).res == 2);
  CHECK(std::memcmp(in, "ok", 2) == 0);
}

TEST_CASE("ring mapped buffers multishot recv") {
  FRING_RING(ring, 8);
  constexpr uint16_t kGroup = 1;
  Pool pool(2, 4);
  Result<BufRing> br = Errno::einval;
  if (!buffer_ring(ring, 2, kGroup, pool, 2, br)) return;
  TcpPair t;
  tcp_pair(ring, t);
  const char data[16] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
  Sqe* s = ring.get_sqe();
  prep_send(*s, t.client.get(), data, sizeof(data), 0);
  REQUIRE(ring.submit().value() == 1);
  REQUIRE(test::reap(ring).res == 16);

  // Two buffers of four bytes: two chunks, then the group is empty, which
  // ends the request.
  s = ring.get_sqe();
  prep_recv_multishot(*s, t.server.get(), nullptr, 0, 0);
  select_from(s, kGroup);
  sqe_set_data64(*s, 10);
  REQUIRE(ring.submit().value() == 1);
  Cqe c = test::reap(ring);
  if (c.res == -EINVAL) FRING_SKIP("kernel lacks multishot IORING_OP_RECV (Linux 6.0)");
  unsigned offset = 0;
  for (int chunk = 0; chunk < 2; ++chunk) {
    if (chunk > 0) c = test::reap(ring);
    CHECK(c.user_data == 10);
    CHECK((c.flags & IORING_CQE_F_MORE) != 0);
    REQUIRE((c.flags & IORING_CQE_F_BUFFER) != 0);
    REQUIRE(c.res == 4);
    CHECK(std::memcmp(pool.at(cqe_buffer_id(c)), data + offset, 4) == 0);
    offset += 4;
  }
  c = test::reap(ring);
  CHECK(c.user_data == 10);
  CHECK(c.res == -ENOBUFS);
  CHECK((c.flags & (IORING_CQE_F_MORE | IORING_CQE_F_BUFFER)) == 0);

  // Put both back and start again: the rest arrives, one buffer at a time.
  pool.put(br.value(), 0);
  pool.put(br.value(), 1);
  s = ring.get_sqe();
  prep_recv_multishot(*s, t.server.get(), nullptr, 0, 0);
  select_from(s, kGroup);
  sqe_set_data64(*s, 11);
  REQUIRE(ring.submit().value() == 1);
  for (int chunk = 0; chunk < 2; ++chunk) {
    c = more(ring, 11);
    REQUIRE(c.res == 4);
    const uint16_t bid = cqe_buffer_id(c);
    CHECK(std::memcmp(pool.at(bid), data + offset, 4) == 0);
    offset += 4;
    pool.put(br.value(), bid);
  }
  cancel_and_check(ring, 11);
}

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
  Sqe* s = ring.get_sqe();
  prep_recvmsg_multishot(*s, server.get(), &mh, 0);
  select_from(s, kGroup);
  sqe_set_data64(*s, 20);
  REQUIRE(ring.submit().value() == 1);
  for (const char* m : msgs) {
    const Cqe c = test::reap(ring);
    if (m == msgs[0] && c.res == -EINVAL) {
      FRING_SKIP("kernel lacks multishot IORING_OP_RECVMSG (Linux 6.0)");
    }
    CHECK(c.user_data == 20);
    CHECK((c.flags & IORING_CQE_F_MORE) != 0);
    REQUIRE((c.flags & IORING_CQE_F_BUFFER) != 0);
    REQUIRE(c.res > 0);
    void* buf = pool.at(cqe_buffer_id(c));
    io_uring_recvmsg_out* out = recvmsg_validate(buf, c.res, &mh);
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
  cancel_and_check(ring, 20);
}

TEST_CASE("send and recv bundles") {
  FRING_REQUIRE_FEATURE(RECVSEND_BUNDLE);
  FRING_RING(ring, 8);
  // Send: three buffers from group 5 go out in one request.
  Pool out(4, 3);
  std::memcpy(out.bytes.data(), "abcdefghi", 9);
  Result<BufRing> out_ring = Errno::einval;
  if (!buffer_ring(ring, 4, 5, out, 3, out_ring)) return;
  TcpPair t;
  tcp_pair(ring, t);
  Sqe* s = ring.get_sqe();
  prep_send_bundle(*s, t.client.get(), 0, 0);
  select_from(s, 5);
  REQUIRE(ring.submit().value() == 1);
  Cqe c = test::reap(ring);
  CHECK(c.res == 9);
  CHECK((c.flags & IORING_CQE_F_BUFFER) != 0);
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
  s = ring.get_sqe();
  prep_recv(*s, t.server.get(), nullptr, 0, 0);
  s->ioprio = IORING_RECVSEND_BUNDLE;  // liburing has no helper for this form
  select_from(s, 6);
  REQUIRE(ring.submit().value() == 1);
  c = test::reap(ring);
  CHECK(c.res == 12);
  CHECK(cqe_buffer_id(c) == 0);
  CHECK(std::memcmp(pool.bytes.data(), "0123456789ab", 12) == 0);
}

}  // namespace fring
