// SPDX-License-Identifier: MIT
// SQE encoding of every prep helper: each test starts from an SQE full of
// garbage, runs the helper and compares all 64 bytes with the fields the
// kernel reads for that opcode. No io_uring call is made.
#include "tests/support/fring_test.h"
#include "tests/support/sqe_check.h"

namespace fring {
using namespace fring::test;

namespace {

char buf[64];
Iovec iov[2] = {{buf, 32}, {buf + 32, 32}};
kernel_timespec ts = {1, 2};

}  // namespace

TEST_CASE("prep_rw writes every field") {
  Sqe s = garbage_sqe();
  prep_rw(s, IORING_OP_READ, 7, 0x1122334455667788ULL, 99, 0x8877665544332211ULL);
  check_sqe(s, expected_sqe(IORING_OP_READ, 7, 0x1122334455667788ULL, 99, 0x8877665544332211ULL));
}

TEST_CASE("nop") {
  Sqe s = garbage_sqe();
  prep_nop(s);
  check_sqe(s, expected_sqe(IORING_OP_NOP, -1, 0, 0, 0));
}

TEST_CASE("read and write") {
  Sqe s = garbage_sqe();
  prep_read(s, 3, buf, 10, 20);
  check_sqe(s, expected_sqe(IORING_OP_READ, 3, as_u64(buf), 10, 20));
  s = garbage_sqe();
  prep_write(s, 4, buf, 11, ~0ULL);
  check_sqe(s, expected_sqe(IORING_OP_WRITE, 4, as_u64(buf), 11, ~0ULL));
}

TEST_CASE("readv and writev") {
  Sqe s = garbage_sqe();
  prep_readv(s, 3, iov, 2, 17);
  check_sqe(s, expected_sqe(IORING_OP_READV, 3, as_u64(iov), 2, 17));
  s = garbage_sqe();
  prep_readv2(s, 3, iov, 2, 17, 0x10);
  Sqe want = expected_sqe(IORING_OP_READV, 3, as_u64(iov), 2, 17);
  want.rw_flags = 0x10;
  check_sqe(s, want);
  s = garbage_sqe();
  prep_writev(s, 5, iov, 1, 0);
  check_sqe(s, expected_sqe(IORING_OP_WRITEV, 5, as_u64(iov), 1, 0));
  s = garbage_sqe();
  prep_writev2(s, 5, iov, 1, 0, 0x4);
  want = expected_sqe(IORING_OP_WRITEV, 5, as_u64(iov), 1, 0);
  want.rw_flags = 0x4;
  check_sqe(s, want);
}

TEST_CASE("read_fixed and write_fixed") {
  Sqe s = garbage_sqe();
  prep_read_fixed(s, 3, buf, 8, 1, 5);
  Sqe want = expected_sqe(IORING_OP_READ_FIXED, 3, as_u64(buf), 8, 1);
  want.buf_index = 5;
  check_sqe(s, want);
  s = garbage_sqe();
  prep_write_fixed(s, 3, buf, 8, 1, 6);
  want = expected_sqe(IORING_OP_WRITE_FIXED, 3, as_u64(buf), 8, 1);
  want.buf_index = 6;
  check_sqe(s, want);
}

TEST_CASE("fsync") {
  Sqe s = garbage_sqe();
  prep_fsync(s, 9, IORING_FSYNC_DATASYNC);
  Sqe want = expected_sqe(IORING_OP_FSYNC, 9, 0, 0, 0);
  want.fsync_flags = IORING_FSYNC_DATASYNC;
  check_sqe(s, want);
}

TEST_CASE("timeouts") {
  Sqe s = garbage_sqe();
  prep_timeout(s, &ts, 3, IORING_TIMEOUT_ABS);
  Sqe want = expected_sqe(IORING_OP_TIMEOUT, -1, as_u64(&ts), 1, 3);
  want.timeout_flags = IORING_TIMEOUT_ABS;
  check_sqe(s, want);
  s = garbage_sqe();
  prep_timeout_remove(s, 0xabc, 0);
  check_sqe(s, expected_sqe(IORING_OP_TIMEOUT_REMOVE, -1, 0xabc, 0, 0));
  s = garbage_sqe();
  prep_timeout_update(s, &ts, 0xabc, IORING_TIMEOUT_ABS);
  want = expected_sqe(IORING_OP_TIMEOUT_REMOVE, -1, 0xabc, 0, as_u64(&ts));
  want.timeout_flags = IORING_TIMEOUT_ABS | IORING_TIMEOUT_UPDATE;
  check_sqe(s, want);
  s = garbage_sqe();
  prep_link_timeout(s, &ts, IORING_TIMEOUT_BOOTTIME);
  want = expected_sqe(IORING_OP_LINK_TIMEOUT, -1, as_u64(&ts), 1, 0);
  want.timeout_flags = IORING_TIMEOUT_BOOTTIME;
  check_sqe(s, want);
}

TEST_CASE("openat and close") {
  const char* path = "/tmp/x";
  Sqe s = garbage_sqe();
  prep_openat(s, -100, path, 0x241, 0644);
  Sqe want = expected_sqe(IORING_OP_OPENAT, -100, as_u64(path), 0644, 0);
  want.open_flags = 0x241;
  check_sqe(s, want);
  s = garbage_sqe();
  prep_openat_direct(s, -100, path, 0, 0, 4);
  want = expected_sqe(IORING_OP_OPENAT, -100, as_u64(path), 0, 0);
  want.file_index = 5;  // slots are 1-based in the SQE
  check_sqe(s, want);
  s = garbage_sqe();
  prep_openat_direct(s, -100, path, 0, 0, IORING_FILE_INDEX_ALLOC);
  want.file_index = IORING_FILE_INDEX_ALLOC;
  check_sqe(s, want);
  s = garbage_sqe();
  prep_close(s, 12);
  check_sqe(s, expected_sqe(IORING_OP_CLOSE, 12, 0, 0, 0));
  s = garbage_sqe();
  prep_close_direct(s, 2);
  want = expected_sqe(IORING_OP_CLOSE, 0, 0, 0, 0);
  want.file_index = 3;
  check_sqe(s, want);
}

TEST_CASE("poll") {
  Sqe s = garbage_sqe();
  prep_poll_add(s, 6, 0x1 | 0x4 | (1U << 31));
  Sqe want = expected_sqe(IORING_OP_POLL_ADD, 6, 0, 0, 0);
  want.poll32_events = 0x1 | 0x4 | (1U << 31);
  check_sqe(s, want);
  s = garbage_sqe();
  prep_poll_multishot(s, 6, 0x1);
  want = expected_sqe(IORING_OP_POLL_ADD, 6, 0, IORING_POLL_ADD_MULTI, 0);
  want.poll32_events = 0x1;
  check_sqe(s, want);
  s = garbage_sqe();
  prep_poll_remove(s, 0x55);
  check_sqe(s, expected_sqe(IORING_OP_POLL_REMOVE, -1, 0x55, 0, 0));
  s = garbage_sqe();
  prep_poll_update(s, 0x55, 0x66, 0x4, IORING_POLL_UPDATE_EVENTS | IORING_POLL_UPDATE_USER_DATA);
  want = expected_sqe(IORING_OP_POLL_REMOVE, -1, 0x55,
                  IORING_POLL_UPDATE_EVENTS | IORING_POLL_UPDATE_USER_DATA, 0x66);
  want.poll32_events = 0x4;
  check_sqe(s, want);
}

TEST_CASE("cancel") {
  Sqe s = garbage_sqe();
  prep_cancel64(s, 0x77, IORING_ASYNC_CANCEL_ALL);
  Sqe want = expected_sqe(IORING_OP_ASYNC_CANCEL, -1, 0x77, 0, 0);
  want.cancel_flags = IORING_ASYNC_CANCEL_ALL;
  check_sqe(s, want);
  s = garbage_sqe();
  prep_cancel(s, buf, 0);
  check_sqe(s, expected_sqe(IORING_OP_ASYNC_CANCEL, -1, as_u64(buf), 0, 0));
  s = garbage_sqe();
  prep_cancel_fd(s, 8, IORING_ASYNC_CANCEL_ALL);
  want = expected_sqe(IORING_OP_ASYNC_CANCEL, 8, 0, 0, 0);
  want.cancel_flags = IORING_ASYNC_CANCEL_ALL | IORING_ASYNC_CANCEL_FD;
  check_sqe(s, want);
}

TEST_CASE("sqe and cqe helpers") {
  Sqe s = garbage_sqe();
  prep_nop(s);
  sqe_set_data64(s, 0x1234);
  CHECK(s.user_data == 0x1234);
  sqe_set_data(s, buf);
  CHECK(s.user_data == as_u64(buf));
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
  } big = {{as_u64(buf), 5, (9U << IORING_CQE_BUFFER_SHIFT) | IORING_CQE_F_BUFFER}, {11, 22}};
  CHECK(cqe_get_data(big.cqe) == buf);
  CHECK(cqe_get_data64(big.cqe) == as_u64(buf));
  CHECK(cqe_buffer_id(big.cqe) == 9);
  CHECK(big_cqe(big.cqe)[0] == 11);
  CHECK(big_cqe(big.cqe)[1] == 22);
}

}  // namespace fring
