// SPDX-License-Identifier: MIT
// SQE encoding of every prep helper: each test starts from an SQE full of
// garbage, runs the helper and compares all 64 bytes with the fields the
// kernel reads for that opcode. No io_uring call is made.
#include <cstring>

#include "tests/support/fring_test.h"

using namespace fring;

namespace {

Sqe garbage() {
  Sqe s;
  std::memset(&s, 0xa5, sizeof(s));
  return s;
}

// The SQE a prep helper must produce: every field zero except those given.
Sqe expected(Op op, int fd, uint64_t addr, uint32_t len, uint64_t off) {
  Sqe s;
  std::memset(&s, 0, sizeof(s));
  s.opcode = op;
  s.fd = fd;
  s.addr = addr;
  s.len = len;
  s.off = off;
  return s;
}

void check_same(const Sqe& got, const Sqe& want) {
  CHECK(got.opcode == want.opcode);
  CHECK(got.flags == want.flags);
  CHECK(got.ioprio == want.ioprio);
  CHECK(got.fd == want.fd);
  CHECK(got.off == want.off);
  CHECK(got.addr == want.addr);
  CHECK(got.len == want.len);
  CHECK(got.rw_flags == want.rw_flags);
  CHECK(got.user_data == want.user_data);
  CHECK(int{got.buf_index} == int{want.buf_index});
  CHECK(got.personality == want.personality);
  CHECK(got.file_index == want.file_index);
  CHECK(got.addr3 == want.addr3);
  CHECK(got.__pad2[0] == want.__pad2[0]);
  CHECK(std::memcmp(&got, &want, sizeof(Sqe)) == 0);
}

template <class T>
uint64_t u(const T* p) {
  return reinterpret_cast<uintptr_t>(p);
}

char buf[64];
Iovec iov[2] = {{buf, 32}, {buf + 32, 32}};
kernel_timespec ts = {1, 2};

}  // namespace

TEST_CASE("prep_rw writes every field") {
  Sqe s = garbage();
  prep_rw(s, IORING_OP_READ, 7, 0x1122334455667788ULL, 99, 0x8877665544332211ULL);
  check_same(s, expected(IORING_OP_READ, 7, 0x1122334455667788ULL, 99, 0x8877665544332211ULL));
}

TEST_CASE("nop") {
  Sqe s = garbage();
  prep_nop(s);
  check_same(s, expected(IORING_OP_NOP, -1, 0, 0, 0));
}

TEST_CASE("read and write") {
  Sqe s = garbage();
  prep_read(s, 3, buf, 10, 20);
  check_same(s, expected(IORING_OP_READ, 3, u(buf), 10, 20));
  s = garbage();
  prep_write(s, 4, buf, 11, ~0ULL);
  check_same(s, expected(IORING_OP_WRITE, 4, u(buf), 11, ~0ULL));
}

TEST_CASE("readv and writev") {
  Sqe s = garbage();
  prep_readv(s, 3, iov, 2, 17);
  check_same(s, expected(IORING_OP_READV, 3, u(iov), 2, 17));
  s = garbage();
  prep_readv2(s, 3, iov, 2, 17, 0x10);
  Sqe want = expected(IORING_OP_READV, 3, u(iov), 2, 17);
  want.rw_flags = 0x10;
  check_same(s, want);
  s = garbage();
  prep_writev(s, 5, iov, 1, 0);
  check_same(s, expected(IORING_OP_WRITEV, 5, u(iov), 1, 0));
  s = garbage();
  prep_writev2(s, 5, iov, 1, 0, 0x4);
  want = expected(IORING_OP_WRITEV, 5, u(iov), 1, 0);
  want.rw_flags = 0x4;
  check_same(s, want);
}

TEST_CASE("read_fixed and write_fixed") {
  Sqe s = garbage();
  prep_read_fixed(s, 3, buf, 8, 1, 5);
  Sqe want = expected(IORING_OP_READ_FIXED, 3, u(buf), 8, 1);
  want.buf_index = 5;
  check_same(s, want);
  s = garbage();
  prep_write_fixed(s, 3, buf, 8, 1, 6);
  want = expected(IORING_OP_WRITE_FIXED, 3, u(buf), 8, 1);
  want.buf_index = 6;
  check_same(s, want);
}

TEST_CASE("fsync") {
  Sqe s = garbage();
  prep_fsync(s, 9, IORING_FSYNC_DATASYNC);
  Sqe want = expected(IORING_OP_FSYNC, 9, 0, 0, 0);
  want.fsync_flags = IORING_FSYNC_DATASYNC;
  check_same(s, want);
}

TEST_CASE("timeouts") {
  Sqe s = garbage();
  prep_timeout(s, &ts, 3, IORING_TIMEOUT_ABS);
  Sqe want = expected(IORING_OP_TIMEOUT, -1, u(&ts), 1, 3);
  want.timeout_flags = IORING_TIMEOUT_ABS;
  check_same(s, want);
  s = garbage();
  prep_timeout_remove(s, 0xabc, 0);
  check_same(s, expected(IORING_OP_TIMEOUT_REMOVE, -1, 0xabc, 0, 0));
  s = garbage();
  prep_timeout_update(s, &ts, 0xabc, IORING_TIMEOUT_ABS);
  want = expected(IORING_OP_TIMEOUT_REMOVE, -1, 0xabc, 0, u(&ts));
  want.timeout_flags = IORING_TIMEOUT_ABS | IORING_TIMEOUT_UPDATE;
  check_same(s, want);
  s = garbage();
  prep_link_timeout(s, &ts, IORING_TIMEOUT_BOOTTIME);
  want = expected(IORING_OP_LINK_TIMEOUT, -1, u(&ts), 1, 0);
  want.timeout_flags = IORING_TIMEOUT_BOOTTIME;
  check_same(s, want);
}

TEST_CASE("openat and close") {
  const char* path = "/tmp/x";
  Sqe s = garbage();
  prep_openat(s, -100, path, 0x241, 0644);
  Sqe want = expected(IORING_OP_OPENAT, -100, u(path), 0644, 0);
  want.open_flags = 0x241;
  check_same(s, want);
  s = garbage();
  prep_openat_direct(s, -100, path, 0, 0, 4);
  want = expected(IORING_OP_OPENAT, -100, u(path), 0, 0);
  want.file_index = 5;  // slots are 1-based in the SQE
  check_same(s, want);
  s = garbage();
  prep_openat_direct(s, -100, path, 0, 0, IORING_FILE_INDEX_ALLOC);
  want.file_index = IORING_FILE_INDEX_ALLOC;
  check_same(s, want);
  s = garbage();
  prep_close(s, 12);
  check_same(s, expected(IORING_OP_CLOSE, 12, 0, 0, 0));
  s = garbage();
  prep_close_direct(s, 2);
  want = expected(IORING_OP_CLOSE, 0, 0, 0, 0);
  want.file_index = 3;
  check_same(s, want);
}

TEST_CASE("poll") {
  Sqe s = garbage();
  prep_poll_add(s, 6, 0x1 | 0x4 | (1U << 31));
  Sqe want = expected(IORING_OP_POLL_ADD, 6, 0, 0, 0);
  want.poll32_events = 0x1 | 0x4 | (1U << 31);
  check_same(s, want);
  s = garbage();
  prep_poll_multishot(s, 6, 0x1);
  want = expected(IORING_OP_POLL_ADD, 6, 0, IORING_POLL_ADD_MULTI, 0);
  want.poll32_events = 0x1;
  check_same(s, want);
  s = garbage();
  prep_poll_remove(s, 0x55);
  check_same(s, expected(IORING_OP_POLL_REMOVE, -1, 0x55, 0, 0));
  s = garbage();
  prep_poll_update(s, 0x55, 0x66, 0x4, IORING_POLL_UPDATE_EVENTS | IORING_POLL_UPDATE_USER_DATA);
  want = expected(IORING_OP_POLL_REMOVE, -1, 0x55,
                  IORING_POLL_UPDATE_EVENTS | IORING_POLL_UPDATE_USER_DATA, 0x66);
  want.poll32_events = 0x4;
  check_same(s, want);
}

TEST_CASE("cancel") {
  Sqe s = garbage();
  prep_cancel64(s, 0x77, IORING_ASYNC_CANCEL_ALL);
  Sqe want = expected(IORING_OP_ASYNC_CANCEL, -1, 0x77, 0, 0);
  want.cancel_flags = IORING_ASYNC_CANCEL_ALL;
  check_same(s, want);
  s = garbage();
  prep_cancel(s, buf, 0);
  check_same(s, expected(IORING_OP_ASYNC_CANCEL, -1, u(buf), 0, 0));
  s = garbage();
  prep_cancel_fd(s, 8, IORING_ASYNC_CANCEL_ALL);
  want = expected(IORING_OP_ASYNC_CANCEL, 8, 0, 0, 0);
  want.cancel_flags = IORING_ASYNC_CANCEL_ALL | IORING_ASYNC_CANCEL_FD;
  check_same(s, want);
}

TEST_CASE("sqe and cqe helpers") {
  Sqe s = garbage();
  prep_nop(s);
  sqe_set_data64(s, 0x1234);
  CHECK(s.user_data == 0x1234);
  sqe_set_data(s, buf);
  CHECK(s.user_data == u(buf));
  sqe_set_flags(s, IOSQE_IO_LINK | IOSQE_ASYNC);
  CHECK(s.flags == (IOSQE_IO_LINK | IOSQE_ASYNC));
  sqe_set_buf_group(s, 7);
  CHECK(int{s.buf_group} == 7);
  sqe_set_personality(s, 3);
  CHECK(s.personality == 3);
  CHECK(sqe_cmd(s) == reinterpret_cast<uint8_t*>(&s) + 48);

  struct {
    Cqe cqe;
    uint64_t extra[2];
  } big = {{u(buf), 5, (9U << IORING_CQE_BUFFER_SHIFT) | IORING_CQE_F_BUFFER}, {11, 22}};
  CHECK(cqe_get_data(big.cqe) == buf);
  CHECK(cqe_get_data64(big.cqe) == u(buf));
  CHECK(cqe_buffer_id(big.cqe) == 9);
  CHECK(big_cqe(big.cqe)[0] == 11);
  CHECK(big_cqe(big.cqe)[1] == 22);
}
