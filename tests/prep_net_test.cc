// SPDX-License-Identifier: MIT
// SQE encoding of the socket prep helpers (core/prep/net.h) and the
// op::uring_cmd ones (core/prep/cmd.h), plus the multishot recvmsg
// buffer parsers (core/recvmsg.h) over hand-built buffers. Each encoding test
// starts from an SQE full of garbage, runs the helper and compares all 64
// bytes (128 for URING_CMD128) with the fields the kernel reads for that
// opcode. No io_uring call is made.
#include <cstring>

#include "tests/support/fring_test.h"
#include "tests/support/sqe_check.h"

namespace fring {
using namespace fring::test;

namespace {

// Socket constants as the kernel defines them (the same on x86_64 and aarch64).
constexpr int kAfInet = 2;
constexpr int kAfInet6 = 10;
constexpr int kSockStream = 1;
constexpr int kSockDgram = 2;
constexpr int kSockNonblock = 04000;
constexpr int kSockCloexec = 02000000;
constexpr int kMsgDontwait = 0x40;
constexpr int kMsgWaitall = 0x100;
constexpr int kSolSocket = 1;
constexpr int kSoReuseaddr = 2;
constexpr int kShutRdwr = 2;

char buf[64];
SockaddrIn sin{};
uint32_t socklen = sizeof(SockaddrIn);
Msghdr msg{};
const Sockaddr* sa() { return reinterpret_cast<const Sockaddr*>(&sin); }
Sockaddr* sa_mut() { return reinterpret_cast<Sockaddr*>(&sin); }

}  // namespace

TEST_CASE("socket, socket_direct, socket_direct_alloc") {
  Sqe s = garbage_sqe();
  prep_socket(s, kAfInet, kSockStream | kSockCloexec, 6, 0);
  // fd = domain, off = type, len = protocol, rw_flags = flags.
  Sqe w = expected_sqe(op::socket, kAfInet, 0, 6, kSockStream | kSockCloexec);
  check_sqe(s, w);
  s = garbage_sqe();
  prep_socket_direct(s, kAfInet6, kSockDgram, 17, 3, 0);
  w = expected_sqe(op::socket, kAfInet6, 0, 17, kSockDgram);
  w.file_index = 4;  // slots are 1-based in the SQE
  check_sqe(s, w);
  s = garbage_sqe();
  prep_socket_direct(s, kAfInet, kSockStream, 0, file_index_alloc, 0);
  w = expected_sqe(op::socket, kAfInet, 0, 0, kSockStream);
  w.file_index = file_index_alloc;
  check_sqe(s, w);
  s = garbage_sqe();
  prep_socket_direct_alloc(s, kAfInet, kSockStream, 0, 0);
  check_sqe(s, w);
}

TEST_CASE("bind, listen, connect") {
  Sqe s = garbage_sqe();
  prep_bind(s, 5, sa(), sizeof(sin));
  check_sqe(s, expected_sqe(op::bind, 5, as_u64(&sin), 0, sizeof(sin)));
  s = garbage_sqe();
  prep_listen(s, 5, 128);
  check_sqe(s, expected_sqe(op::listen, 5, 0, 128, 0));
  s = garbage_sqe();
  prep_connect(s, 6, sa(), sizeof(sin));
  check_sqe(s, expected_sqe(op::connect, 6, as_u64(&sin), 0, sizeof(sin)));
}

TEST_CASE("accept and its direct and multishot forms") {
  Sqe s = garbage_sqe();
  prep_accept(s, 7, sa_mut(), &socklen, kSockNonblock | kSockCloexec);
  // addr = the address buffer, off = the pointer to its length.
  Sqe w = expected_sqe(op::accept, 7, as_u64(&sin), 0, as_u64(&socklen));
  w.accept_flags = kSockNonblock | kSockCloexec;
  check_sqe(s, w);
  s = garbage_sqe();
  prep_accept(s, 7, nullptr, nullptr, 0);
  check_sqe(s, expected_sqe(op::accept, 7, 0, 0, 0));
  s = garbage_sqe();
  prep_accept_direct(s, 7, sa_mut(), &socklen, kSockCloexec, 9);
  w = expected_sqe(op::accept, 7, as_u64(&sin), 0, as_u64(&socklen));
  w.accept_flags = kSockCloexec;
  w.file_index = 10;
  check_sqe(s, w);
  s = garbage_sqe();
  prep_accept_direct(s, 7, nullptr, nullptr, 0, file_index_alloc);
  w = expected_sqe(op::accept, 7, 0, 0, 0);
  w.file_index = file_index_alloc;
  check_sqe(s, w);
  s = garbage_sqe();
  prep_multishot_accept(s, 7, sa_mut(), &socklen, kSockCloexec);
  w = expected_sqe(op::accept, 7, as_u64(&sin), 0, as_u64(&socklen));
  w.accept_flags = kSockCloexec;
  w.ioprio = accept_flag::multishot;
  check_sqe(s, w);
  s = garbage_sqe();
  prep_multishot_accept_direct(s, 7, nullptr, nullptr, 0);
  w = expected_sqe(op::accept, 7, 0, 0, 0);
  w.ioprio = accept_flag::multishot;
  w.file_index = file_index_alloc;
  check_sqe(s, w);
}

TEST_CASE("shutdown") {
  Sqe s = garbage_sqe();
  prep_shutdown(s, 8, kShutRdwr);
  check_sqe(s, expected_sqe(op::shutdown, 8, 0, kShutRdwr, 0));
}

TEST_CASE("send, sendto, send_set_addr, send_bundle") {
  Sqe s = garbage_sqe();
  prep_send(s, 3, buf, 40, kMsgDontwait);
  Sqe w = expected_sqe(op::send, 3, as_u64(buf), 40, 0);
  w.msg_flags = kMsgDontwait;
  check_sqe(s, w);
  s = garbage_sqe();
  prep_sendto(s, 3, buf, 40, kMsgDontwait, sa(), sizeof(sin));
  // The destination rides in addr2 (the off slot) and addr_len.
  w.addr2 = as_u64(&sin);
  w.addr_len = sizeof(sin);
  check_sqe(s, w);
  s = garbage_sqe();
  prep_send(s, 3, buf, 40, kMsgDontwait);
  prep_send_set_addr(s, sa(), sizeof(sin));
  check_sqe(s, w);
  s = garbage_sqe();
  prep_send_bundle(s, 3, 0, 0);
  w = expected_sqe(op::send, 3, 0, 0, 0);
  w.ioprio = recvsend_flag::bundle;
  check_sqe(s, w);
}

TEST_CASE("send_zc and send_zc_fixed") {
  Sqe s = garbage_sqe();
  prep_send_zc(s, 4, buf, 33, kMsgWaitall, recvsend_flag::send_zc_report_usage);
  Sqe w = expected_sqe(op::send_zc, 4, as_u64(buf), 33, 0);
  w.msg_flags = kMsgWaitall;
  w.ioprio = recvsend_flag::send_zc_report_usage;
  check_sqe(s, w);
  s = garbage_sqe();
  prep_send_zc_fixed(s, 4, buf + 8, 16, 0, recvsend_flag::poll_first, 2);
  w = expected_sqe(op::send_zc, 4, as_u64(buf + 8), 16, 0);
  w.ioprio = recvsend_flag::poll_first | recvsend_flag::fixed_buf;
  w.buf_index = 2;
  check_sqe(s, w);
}

TEST_CASE("sendmsg, sendmsg_zc, sendmsg_zc_fixed") {
  Sqe s = garbage_sqe();
  prep_sendmsg(s, 5, &msg, kMsgDontwait);
  // len = 1: one msghdr.
  Sqe w = expected_sqe(op::sendmsg, 5, as_u64(&msg), 1, 0);
  w.msg_flags = kMsgDontwait;
  check_sqe(s, w);
  s = garbage_sqe();
  prep_sendmsg_zc(s, 5, &msg, kMsgDontwait);
  w.opcode = op::sendmsg_zc;
  check_sqe(s, w);
  s = garbage_sqe();
  prep_sendmsg_zc_fixed(s, 5, &msg, 0, 7);
  w = expected_sqe(op::sendmsg_zc, 5, as_u64(&msg), 1, 0);
  w.ioprio = recvsend_flag::fixed_buf;
  w.buf_index = 7;
  check_sqe(s, w);
}

TEST_CASE("recv and recv_multishot") {
  Sqe s = garbage_sqe();
  prep_recv(s, 6, buf, sizeof(buf), kMsgWaitall);
  Sqe w = expected_sqe(op::recv, 6, as_u64(buf), sizeof(buf), 0);
  w.msg_flags = kMsgWaitall;
  check_sqe(s, w);
  s = garbage_sqe();
  prep_recv_multishot(s, 6, nullptr, 0, 0);
  w = expected_sqe(op::recv, 6, 0, 0, 0);
  w.ioprio = recvsend_flag::recv_multishot;
  check_sqe(s, w);
}

TEST_CASE("recvmsg and recvmsg_multishot") {
  Sqe s = garbage_sqe();
  prep_recvmsg(s, 6, &msg, kMsgDontwait);
  Sqe w = expected_sqe(op::recvmsg, 6, as_u64(&msg), 1, 0);
  w.msg_flags = kMsgDontwait;
  check_sqe(s, w);
  s = garbage_sqe();
  prep_recvmsg_multishot(s, 6, &msg, 0);
  w = expected_sqe(op::recvmsg, 6, as_u64(&msg), 1, 0);
  w.ioprio = recvsend_flag::recv_multishot;
  check_sqe(s, w);
}

TEST_CASE("recv_zc") {
  Sqe s = garbage_sqe();
  prep_recv_zc(s, 9, 4096, recvsend_flag::recv_multishot, 1);
  // No buffer: the data lands in the interface queue's area.
  Sqe w = expected_sqe(op::recv_zc, 9, 0, 4096, 0);
  w.ioprio = recvsend_flag::recv_multishot;
  w.zcrx_ifq_idx = 1;
  check_sqe(s, w);
}

TEST_CASE("uring_cmd and the socket commands") {
  Sqe s = garbage_sqe();
  prep_uring_cmd(s, 0x12345678, 11);
  // cmd_op shares the off slot with pad1, which must be zero.
  Sqe w = expected_sqe(op::uring_cmd, 11, 0, 0, 0);
  w.cmd_op = 0x12345678;
  check_sqe(s, w);

  int one = 1;
  s = garbage_sqe();
  prep_cmd_sock(s, socket_cmd::setsockopt, 11, kSolSocket, kSoReuseaddr, &one, sizeof(one));
  w = expected_sqe(op::uring_cmd, 11, 0, 0, 0);
  w.cmd_op = socket_cmd::setsockopt;
  w.level = kSolSocket;      // low half of addr
  w.optname = kSoReuseaddr;  // high half of addr
  w.optval = as_u64(&one);   // addr3
  w.optlen = sizeof(one);    // file_index
  check_sqe(s, w);
  s = garbage_sqe();
  prep_cmd_sock(s, socket_cmd::siocinq, 11, 0, 0, nullptr, 0);
  w = expected_sqe(op::uring_cmd, 11, 0, 0, 0);
  w.cmd_op = socket_cmd::siocinq;
  check_sqe(s, w);

  s = garbage_sqe();
  prep_cmd_getsockname(s, 11, sa_mut(), &socklen, 1);
  w = expected_sqe(op::uring_cmd, 11, as_u64(&sin), 0, 0);
  w.cmd_op = socket_cmd::getsockname;
  w.addr3 = as_u64(&socklen);
  w.optlen = 1;  // peer
  check_sqe(s, w);
}

TEST_CASE("block-device commands") {
  CHECK(block_uring_cmd_discard == 0x1200);         // _IO(0x12, 0)
  CHECK(block_uring_cmd_zone_reset_all == 0x1201);  // _IO(0x12, 1)
  Sqe s = garbage_sqe();
  prep_cmd_discard(s, 12, 4096, 1 << 20);
  Sqe w = expected_sqe(op::uring_cmd, 12, 4096, 0, 0);
  w.cmd_op = block_uring_cmd_discard;
  w.addr3 = 1 << 20;
  check_sqe(s, w);
  s = garbage_sqe();
  prep_cmd_zone_reset_all(s, 12);
  w = expected_sqe(op::uring_cmd, 12, 0, 0, 0);
  w.cmd_op = block_uring_cmd_zone_reset_all;
  check_sqe(s, w);
}

TEST_CASE("uring_cmd128 writes all 128 bytes") {
  struct alignas(64) Big {
    Sqe sqe;
    uint8_t tail[64];
  };
  Big got;
  std::memset(&got, 0xc3, sizeof(got));
  prep_uring_cmd128(got.sqe, socket_cmd::siocoutq, 13);
  Big exp;
  std::memset(&exp, 0, sizeof(exp));
  exp.sqe = expected_sqe(op::uring_cmd128, 13, 0, 0, 0);
  exp.sqe.cmd_op = socket_cmd::siocoutq;
  check_sqe(got.sqe, exp.sqe);
  CHECK(std::memcmp(&got, &exp, sizeof(Big)) == 0);
}

TEST_CASE("recvmsg_out: name, control messages, payload") {
  // A buffer as a multishot recvmsg with 16 bytes of name and 48 of control
  // reserved would leave it: header, name, two control messages, payload.
  alignas(8) uint8_t b[160];
  std::memset(b, 0xee, sizeof(b));
  Msghdr mh{};
  mh.msg_namelen = 16;
  mh.msg_controllen = 48;
  auto* out = reinterpret_cast<RecvmsgOut*>(b);
  out->namelen = 16;
  out->controllen = 40;  // the kernel used 40 of the 48 bytes
  out->payloadlen = 10;
  out->flags = 0;
  Cmsghdr c1{20, 1, 2};  // 4 data bytes, padded to 24
  Cmsghdr c2{16, 3, 4};  // no data bytes
  std::memcpy(b + 32, &c1, sizeof(c1));
  std::memcpy(b + 56, &c2, sizeof(c2));
  std::memcpy(b + 80, "0123456789", 10);
  const int used = 90;

  REQUIRE(recvmsg_validate(b, used, &mh) == out);
  CHECK(recvmsg_name(out) == b + 16);
  Cmsghdr* first = recvmsg_cmsg_firsthdr(out, &mh);
  REQUIRE(first == reinterpret_cast<Cmsghdr*>(b + 32));
  CHECK(first->cmsg_type == 2);
  Cmsghdr* second = recvmsg_cmsg_nexthdr(out, &mh, first);
  REQUIRE(second == reinterpret_cast<Cmsghdr*>(b + 56));
  CHECK(second->cmsg_level == 3);
  // The 40 control bytes the kernel wrote end right after the second one.
  CHECK(recvmsg_cmsg_nexthdr(out, &mh, second) == nullptr);
  CHECK(recvmsg_payload(out, &mh) == b + 80);
  CHECK(recvmsg_payload_length(out, used, &mh) == 10);
  CHECK(std::memcmp(recvmsg_payload(out, &mh), "0123456789", 10) == 0);
}

TEST_CASE("recvmsg_out: short, negative and corrupt inputs") {
  alignas(8) uint8_t b[128] = {};
  Msghdr mh{};
  mh.msg_namelen = 16;
  mh.msg_controllen = 32;
  CHECK(recvmsg_validate(b, -1, &mh) == nullptr);
  CHECK(recvmsg_validate(b, 15, &mh) == nullptr);       // not even the header
  CHECK(recvmsg_validate(b, 16 + 15, &mh) == nullptr);  // no room for the name
  CHECK(recvmsg_validate(b, 16 + 16 + 31, &mh) == nullptr);
  CHECK(recvmsg_validate(b, 16 + 16 + 32, &mh) != nullptr);
  mh.msg_namelen = -1;  // would wrap a naive sum
  CHECK(recvmsg_validate(b, 100, &mh) == nullptr);
  mh.msg_namelen = 16;
  mh.msg_controllen = ~size_t{0};
  CHECK(recvmsg_validate(b, 100, &mh) == nullptr);
  mh.msg_controllen = 32;

  auto* out = reinterpret_cast<RecvmsgOut*>(b);
  out->controllen = 8;  // less than one header: no control messages
  CHECK(recvmsg_cmsg_firsthdr(out, &mh) == nullptr);
  out->controllen = 32;
  // Lengths below a header are none (a caller subtracting the header size
  // would underflow; a zero length would loop forever).
  for (size_t len : {size_t{0}, size_t{1}, sizeof(Cmsghdr) - 1}) {
    CAPTURE(len);
    const Cmsghdr bad{len, 0, 0};
    std::memcpy(b + 32, &bad, sizeof(bad));
    CHECK(recvmsg_cmsg_firsthdr(out, &mh) == nullptr);
  }
  auto* first = reinterpret_cast<Cmsghdr*>(b + 32);  // as a caller may still pass it
  CHECK(recvmsg_cmsg_nexthdr(out, &mh, first) == nullptr);
  Cmsghdr huge{~size_t{0} - 3, 0, 0};  // would wrap when aligned
  std::memcpy(b + 32, &huge, sizeof(huge));
  CHECK(recvmsg_cmsg_firsthdr(out, &mh) == nullptr);
  CHECK(recvmsg_cmsg_nexthdr(out, &mh, first) == nullptr);
  Cmsghdr ok{16, 0, 0};
  Cmsghdr next_too_long{17, 0, 0};  // 16 + 17 > 32
  std::memcpy(b + 32, &ok, sizeof(ok));
  std::memcpy(b + 48, &next_too_long, sizeof(next_too_long));
  REQUIRE(recvmsg_cmsg_firsthdr(out, &mh) == first);
  CHECK(recvmsg_cmsg_nexthdr(out, &mh, first) == nullptr);
  Cmsghdr next_short{8, 0, 0};  // less than a header
  std::memcpy(b + 48, &next_short, sizeof(next_short));
  CHECK(recvmsg_cmsg_nexthdr(out, &mh, first) == nullptr);

  CHECK(recvmsg_payload_length(out, -5, &mh) == 0);
  CHECK(recvmsg_payload_length(out, 64, &mh) == 0);  // headers only
  CHECK(recvmsg_payload_length(out, 70, &mh) == 6);
}

TEST_CASE("recvmsg_out: a last control message without its padding is returned") {
  // UDP with IP_RECVTTL and IP_RECVTOS and 41 control bytes reserved: the
  // TTL message (4 data bytes) is padded to 24, the TOS one (1 data byte)
  // ends at 24 + 17 = 41, unpadded: the kernel writes it, and it is whole.
  alignas(8) uint8_t b[128] = {};
  Msghdr mh{};
  mh.msg_namelen = 16;
  mh.msg_controllen = 41;
  const RecvmsgOut header{16, 41, 3, 0};
  std::memcpy(b, &header, sizeof(header));
  const Cmsghdr ttl{20, 0, 2};  // IPPROTO_IP, IP_TTL
  const Cmsghdr tos{17, 0, 1};  // IPPROTO_IP, IP_TOS
  std::memcpy(b + 32, &ttl, sizeof(ttl));
  std::memcpy(b + 56, &tos, sizeof(tos));
  b[72] = 0x10;
  auto* out = recvmsg_validate(b, 32 + 41 + 3, &mh);
  REQUIRE(out != nullptr);
  Cmsghdr* first = recvmsg_cmsg_firsthdr(out, &mh);
  REQUIRE(first == reinterpret_cast<Cmsghdr*>(b + 32));
  Cmsghdr* second = recvmsg_cmsg_nexthdr(out, &mh, first);
  REQUIRE(second == reinterpret_cast<Cmsghdr*>(b + 56));
  CHECK(second->cmsg_len == 17);
  CHECK(recvmsg_cmsg_nexthdr(out, &mh, second) == nullptr);
  CHECK(recvmsg_payload_length(out, 32 + 41 + 3, &mh) == 3);
}

TEST_CASE("recvmsg_out: misaligned control messages and buffers are read byte-wise") {
  // A 28-byte name (sockaddr_in6) puts the control messages at 16 + 28 = 44,
  // and the buffer itself starts at an odd address: every read of a length
  // must be unaligned (UBSan under --config=asan checks that none is not).
  alignas(8) uint8_t storage[1 + 160];
  uint8_t* b = storage + 1;
  std::memset(storage, 0xee, sizeof(storage));
  Msghdr mh{};
  mh.msg_namelen = 28;
  mh.msg_controllen = 48;
  const RecvmsgOut header{28, 40, 3, 0};
  std::memcpy(b, &header, sizeof(header));
  const Cmsghdr c1{20, 1, 2};  // padded to 24
  const Cmsghdr c2{16, 3, 4};
  std::memcpy(b + 44, &c1, sizeof(c1));
  std::memcpy(b + 68, &c2, sizeof(c2));
  std::memcpy(b + 92, "abc", 3);
  auto* out = recvmsg_validate(b, 95, &mh);
  REQUIRE(out == reinterpret_cast<RecvmsgOut*>(b));
  Cmsghdr* first = recvmsg_cmsg_firsthdr(out, &mh);
  REQUIRE(first == reinterpret_cast<Cmsghdr*>(b + 44));
  Cmsghdr* second = recvmsg_cmsg_nexthdr(out, &mh, first);
  REQUIRE(second == reinterpret_cast<Cmsghdr*>(b + 68));
  Cmsghdr copy;
  std::memcpy(&copy, second, sizeof(copy));
  CHECK(copy.cmsg_level == 3);
  CHECK(recvmsg_cmsg_nexthdr(out, &mh, second) == nullptr);
  CHECK(recvmsg_payload_length(out, 95, &mh) == 3);
}

TEST_CASE("recvmsg_out: a control length beyond what the request reserved is cut to it") {
  // The header claims 64 control bytes, the request reserved 24: only those
  // 24 are control messages, the rest is payload and must not be walked.
  alignas(8) uint8_t b[128] = {};
  Msghdr mh{};
  mh.msg_namelen = 16;
  mh.msg_controllen = 24;
  const RecvmsgOut header{16, 64, 0, 0};
  std::memcpy(b, &header, sizeof(header));
  const Cmsghdr c1{24, 1, 2};
  const Cmsghdr in_payload{16, 5, 6};  // past the reserved area
  std::memcpy(b + 32, &c1, sizeof(c1));
  std::memcpy(b + 56, &in_payload, sizeof(in_payload));
  auto* out = recvmsg_validate(b, 100, &mh);
  REQUIRE(out != nullptr);
  Cmsghdr* first = recvmsg_cmsg_firsthdr(out, &mh);
  REQUIRE(first == reinterpret_cast<Cmsghdr*>(b + 32));
  CHECK(recvmsg_cmsg_nexthdr(out, &mh, first) == nullptr);
  // A first message longer than the reserved area is none.
  const Cmsghdr too_long{32, 1, 2};
  std::memcpy(b + 32, &too_long, sizeof(too_long));
  CHECK(recvmsg_cmsg_firsthdr(out, &mh) == nullptr);
  // Less than one header reserved: none, whatever the header says.
  mh.msg_controllen = 8;
  CHECK(recvmsg_cmsg_firsthdr(out, &mh) == nullptr);
}

}  // namespace fring
