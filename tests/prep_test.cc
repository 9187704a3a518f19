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
Timespec ts = {1, 2};

}  // namespace

TEST_CASE("prep_rw writes every field") {
  Sqe s = garbage_sqe();
  prep_rw(s, op::read, 7, 0x1122334455667788ULL, 99, 0x8877665544332211ULL);
  check_sqe(s, expected_sqe(op::read, 7, 0x1122334455667788ULL, 99, 0x8877665544332211ULL));
}

TEST_CASE("nop") {
  Sqe s = garbage_sqe();
  prep_nop(s);
  check_sqe(s, expected_sqe(op::nop, -1, 0, 0, 0));
}

TEST_CASE("read and write") {
  Sqe s = garbage_sqe();
  prep_read(s, 3, buf, 10, 20);
  check_sqe(s, expected_sqe(op::read, 3, as_u64(buf), 10, 20));
  s = garbage_sqe();
  prep_write(s, 4, buf, 11, ~0ULL);
  check_sqe(s, expected_sqe(op::write, 4, as_u64(buf), 11, ~0ULL));
}

TEST_CASE("readv and writev") {
  Sqe s = garbage_sqe();
  prep_readv(s, 3, iov, 2, 17);
  check_sqe(s, expected_sqe(op::readv, 3, as_u64(iov), 2, 17));
  s = garbage_sqe();
  prep_readv2(s, 3, iov, 2, 17, 0x10);
  Sqe want = expected_sqe(op::readv, 3, as_u64(iov), 2, 17);
  want.rw_flags = 0x10;
  check_sqe(s, want);
  s = garbage_sqe();
  prep_writev(s, 5, iov, 1, 0);
  check_sqe(s, expected_sqe(op::writev, 5, as_u64(iov), 1, 0));
  s = garbage_sqe();
  prep_writev2(s, 5, iov, 1, 0, 0x4);
  want = expected_sqe(op::writev, 5, as_u64(iov), 1, 0);
  want.rw_flags = 0x4;
  check_sqe(s, want);
}

TEST_CASE("read_fixed and write_fixed") {
  Sqe s = garbage_sqe();
  prep_read_fixed(s, 3, buf, 8, 1, 5);
  Sqe want = expected_sqe(op::read_fixed, 3, as_u64(buf), 8, 1);
  want.buf_index = 5;
  check_sqe(s, want);
  s = garbage_sqe();
  prep_write_fixed(s, 3, buf, 8, 1, 6);
  want = expected_sqe(op::write_fixed, 3, as_u64(buf), 8, 1);
  want.buf_index = 6;
  check_sqe(s, want);
}

TEST_CASE("fsync") {
  Sqe s = garbage_sqe();
  prep_fsync(s, 9, fsync_flag::datasync);
  Sqe want = expected_sqe(op::fsync, 9, 0, 0, 0);
  want.fsync_flags = fsync_flag::datasync;
  check_sqe(s, want);
}

TEST_CASE("timeouts") {
  Sqe s = garbage_sqe();
  prep_timeout(s, &ts, 3, timeout_flag::abs);
  Sqe want = expected_sqe(op::timeout, -1, as_u64(&ts), 1, 3);
  want.timeout_flags = timeout_flag::abs;
  check_sqe(s, want);
  s = garbage_sqe();
  prep_timeout_remove(s, 0xabc, 0);
  check_sqe(s, expected_sqe(op::timeout_remove, -1, 0xabc, 0, 0));
  s = garbage_sqe();
  prep_timeout_update(s, &ts, 0xabc, timeout_flag::abs);
  want = expected_sqe(op::timeout_remove, -1, 0xabc, 0, as_u64(&ts));
  want.timeout_flags = timeout_flag::abs | timeout_flag::update;
  check_sqe(s, want);
  s = garbage_sqe();
  prep_link_timeout(s, &ts, timeout_flag::boottime);
  want = expected_sqe(op::link_timeout, -1, as_u64(&ts), 1, 0);
  want.timeout_flags = timeout_flag::boottime;
  check_sqe(s, want);
}

TEST_CASE("openat and close") {
  const char* path = "/tmp/x";
  Sqe s = garbage_sqe();
  prep_openat(s, -100, path, 0x241, 0644);
  Sqe want = expected_sqe(op::openat, -100, as_u64(path), 0644, 0);
  want.open_flags = 0x241;
  check_sqe(s, want);
  s = garbage_sqe();
  prep_openat_direct(s, -100, path, 0, 0, 4);
  want = expected_sqe(op::openat, -100, as_u64(path), 0, 0);
  want.file_index = 5;  // slots are 1-based in the SQE
  check_sqe(s, want);
  s = garbage_sqe();
  prep_openat_direct(s, -100, path, 0, 0, file_index_alloc);
  want.file_index = file_index_alloc;
  check_sqe(s, want);
  s = garbage_sqe();
  prep_close(s, 12);
  check_sqe(s, expected_sqe(op::close, 12, 0, 0, 0));
  s = garbage_sqe();
  prep_close_direct(s, 2);
  want = expected_sqe(op::close, 0, 0, 0, 0);
  want.file_index = 3;
  check_sqe(s, want);
}

TEST_CASE("poll") {
  Sqe s = garbage_sqe();
  prep_poll_add(s, 6, 0x1 | 0x4 | (1U << 31));
  Sqe want = expected_sqe(op::poll_add, 6, 0, 0, 0);
  want.poll32_events = 0x1 | 0x4 | (1U << 31);
  check_sqe(s, want);
  s = garbage_sqe();
  prep_poll_multishot(s, 6, 0x1);
  want = expected_sqe(op::poll_add, 6, 0, poll_flag::add_multi, 0);
  want.poll32_events = 0x1;
  check_sqe(s, want);
  s = garbage_sqe();
  prep_poll_remove(s, 0x55);
  check_sqe(s, expected_sqe(op::poll_remove, -1, 0x55, 0, 0));
  s = garbage_sqe();
  prep_poll_update(s, 0x55, 0x66, 0x4, poll_flag::update_events | poll_flag::update_user_data);
  want = expected_sqe(op::poll_remove, -1, 0x55,
                      poll_flag::update_events | poll_flag::update_user_data, 0x66);
  want.poll32_events = 0x4;
  check_sqe(s, want);
}

TEST_CASE("cancel") {
  Sqe s = garbage_sqe();
  prep_cancel64(s, 0x77, cancel_flag::all);
  Sqe want = expected_sqe(op::async_cancel, -1, 0x77, 0, 0);
  want.cancel_flags = cancel_flag::all;
  check_sqe(s, want);
  s = garbage_sqe();
  prep_cancel(s, buf, 0);
  check_sqe(s, expected_sqe(op::async_cancel, -1, as_u64(buf), 0, 0));
  s = garbage_sqe();
  prep_cancel_fd(s, 8, cancel_flag::all);
  want = expected_sqe(op::async_cancel, 8, 0, 0, 0);
  want.cancel_flags = cancel_flag::all | cancel_flag::fd;
  check_sqe(s, want);
}

TEST_CASE("sqe and cqe helpers") {
  Sqe s = garbage_sqe();
  prep_nop(s);
  sqe_set_data64(s, 0x1234);
  CHECK(s.user_data == 0x1234);
  sqe_set_data(s, buf);
  CHECK(s.user_data == as_u64(buf));
  sqe_set_flags(s, sqe_flag::io_link | sqe_flag::async);
  CHECK(s.flags == (sqe_flag::io_link | sqe_flag::async));
  sqe_set_buf_group(s, 7);
  CHECK(int{s.buf_group} == 7);
  sqe_set_personality(s, 3);
  CHECK(s.personality == 3);
  CHECK(sqe_cmd(s) == reinterpret_cast<uint8_t*>(&s) + 48);

  struct {
    Cqe cqe;
    uint64_t extra[2];
  } big = {{as_u64(buf), 5, (9U << cqe_flag::buffer_shift) | cqe_flag::buffer}, {11, 22}};
  CHECK(cqe_get_data(big.cqe) == buf);
  CHECK(cqe_get_data64(big.cqe) == as_u64(buf));
  CHECK(cqe_buffer_id(big.cqe) == 9);
  CHECK(big_cqe(big.cqe)[0] == 11);
  CHECK(big_cqe(big.cqe)[1] == 22);
}

}  // namespace fring
