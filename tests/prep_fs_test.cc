// SPDX-License-Identifier: MIT
// SQE encoding of the file-system, xattr, pipe, epoll, futex, waitid,
// msg_ring and fixed-file prep helpers (and the vectored fixed-buffer ones):
// each test starts from an SQE full of garbage, runs the helper and compares
// all 64 bytes with the fields the kernel reads for that opcode. No io_uring
// call is made.
#include "tests/support/fring_test.h"
#include "tests/support/sqe_check.h"

namespace fring {
using namespace fring::test;

namespace {

constexpr int kAtFdcwd = -100;
const char kPath[] = "/tmp/a";
const char kPath2[] = "/tmp/b";

}  // namespace

TEST_CASE("openat2 and openat2_direct") {
  OpenHow how{};
  Sqe s = garbage_sqe();
  prep_openat2(s, 5, kPath, &how);
  Sqe w = expected_sqe(op::openat2, 5, as_u64(kPath), sizeof(OpenHow), as_u64(&how));
  check_sqe(s, w);
  CHECK(s.len == 24);
  s = garbage_sqe();
  prep_openat2_direct(s, 5, kPath, &how, 3);
  w.file_index = 4;  // slots are 1-based in the SQE
  check_sqe(s, w);
  s = garbage_sqe();
  prep_openat2_direct(s, 5, kPath, &how, file_index_alloc);
  w.file_index = file_index_alloc;
  check_sqe(s, w);
}

TEST_CASE("open and open_direct") {
  Sqe s = garbage_sqe();
  prep_open(s, kPath, 0x42, 0640);
  Sqe w = expected_sqe(op::openat, kAtFdcwd, as_u64(kPath), 0640, 0);
  w.open_flags = 0x42;
  check_sqe(s, w);
  s = garbage_sqe();
  prep_open_direct(s, kPath, 0x42, 0640, 0);
  w.file_index = 1;
  check_sqe(s, w);
  s = garbage_sqe();
  prep_open_direct(s, kPath, 0x42, 0640, file_index_alloc);
  w.file_index = file_index_alloc;
  check_sqe(s, w);
}

TEST_CASE("statx") {
  Statx st;
  Sqe s = garbage_sqe();
  prep_statx(s, 7, kPath, 0x1000, 0x7ff, &st);
  Sqe w = expected_sqe(op::statx, 7, as_u64(kPath), 0x7ff, as_u64(&st));
  w.statx_flags = 0x1000;
  check_sqe(s, w);
}

TEST_CASE("fallocate and ftruncate") {
  Sqe s = garbage_sqe();
  prep_fallocate(s, 4, 0x3, 1ULL << 33, (1ULL << 34) + 5);
  // The length goes in addr, the mode in len.
  check_sqe(s, expected_sqe(op::fallocate, 4, (1ULL << 34) + 5, 0x3, 1ULL << 33));
  s = garbage_sqe();
  prep_ftruncate(s, 4, (1LL << 40) + 1);
  check_sqe(s, expected_sqe(op::ftruncate, 4, 0, 0, (1ULL << 40) + 1));
}

TEST_CASE("fadvise and fadvise64") {
  Sqe s = garbage_sqe();
  prep_fadvise(s, 6, 4096, 8192, 4);
  Sqe w = expected_sqe(op::fadvise, 6, 0, 8192, 4096);
  w.fadvise_advice = 4;
  check_sqe(s, w);
  s = garbage_sqe();
  prep_fadvise64(s, 6, 4096, 1LL << 35, 4);
  w = expected_sqe(op::fadvise, 6, 1ULL << 35, 0, 4096);  // 64-bit length in addr
  w.fadvise_advice = 4;
  check_sqe(s, w);
}

TEST_CASE("madvise and madvise64") {
  static char page[64];
  Sqe s = garbage_sqe();
  prep_madvise(s, page, 4096, 4);
  Sqe w = expected_sqe(op::madvise, -1, as_u64(page), 4096, 0);
  w.fadvise_advice = 4;
  check_sqe(s, w);
  s = garbage_sqe();
  prep_madvise64(s, page, 1LL << 33, 4);
  w = expected_sqe(op::madvise, -1, as_u64(page), 0, 1ULL << 33);  // 64-bit length in off
  w.fadvise_advice = 4;
  check_sqe(s, w);
}

TEST_CASE("sync_file_range") {
  Sqe s = garbage_sqe();
  prep_sync_file_range(s, 3, 512, 1024, 2);
  Sqe w = expected_sqe(op::sync_file_range, 3, 0, 512, 1024);
  w.sync_range_flags = 2;
  check_sqe(s, w);
}

TEST_CASE("renameat and rename") {
  Sqe s = garbage_sqe();
  prep_renameat(s, 3, kPath, 4, kPath2, 1);
  // The new directory fd goes in len, the new path in off.
  Sqe w = expected_sqe(op::renameat, 3, as_u64(kPath), 4, as_u64(kPath2));
  w.rename_flags = 1;
  check_sqe(s, w);
  s = garbage_sqe();
  prep_rename(s, kPath, kPath2);
  check_sqe(s, expected_sqe(op::renameat, kAtFdcwd, as_u64(kPath), static_cast<uint32_t>(kAtFdcwd),
                            as_u64(kPath2)));
}

TEST_CASE("unlinkat and unlink") {
  Sqe s = garbage_sqe();
  prep_unlinkat(s, 3, kPath, 0x200);
  Sqe w = expected_sqe(op::unlinkat, 3, as_u64(kPath), 0, 0);
  w.unlink_flags = 0x200;
  check_sqe(s, w);
  s = garbage_sqe();
  prep_unlink(s, kPath, 0);
  check_sqe(s, expected_sqe(op::unlinkat, kAtFdcwd, as_u64(kPath), 0, 0));
}

TEST_CASE("mkdirat and mkdir") {
  Sqe s = garbage_sqe();
  prep_mkdirat(s, 3, kPath, 0750);
  check_sqe(s, expected_sqe(op::mkdirat, 3, as_u64(kPath), 0750, 0));
  s = garbage_sqe();
  prep_mkdir(s, kPath, 0700);
  check_sqe(s, expected_sqe(op::mkdirat, kAtFdcwd, as_u64(kPath), 0700, 0));
}

TEST_CASE("symlinkat and symlink") {
  Sqe s = garbage_sqe();
  prep_symlinkat(s, kPath, 3, kPath2);
  // The target goes in addr, the new link's directory in fd and its path in off.
  check_sqe(s, expected_sqe(op::symlinkat, 3, as_u64(kPath), 0, as_u64(kPath2)));
  s = garbage_sqe();
  prep_symlink(s, kPath, kPath2);
  check_sqe(s, expected_sqe(op::symlinkat, kAtFdcwd, as_u64(kPath), 0, as_u64(kPath2)));
}

TEST_CASE("linkat and link") {
  Sqe s = garbage_sqe();
  prep_linkat(s, 3, kPath, 4, kPath2, 0x400);
  Sqe w = expected_sqe(op::linkat, 3, as_u64(kPath), 4, as_u64(kPath2));
  w.hardlink_flags = 0x400;
  check_sqe(s, w);
  s = garbage_sqe();
  prep_link(s, kPath, kPath2, 0);
  check_sqe(s, expected_sqe(op::linkat, kAtFdcwd, as_u64(kPath), static_cast<uint32_t>(kAtFdcwd),
                            as_u64(kPath2)));
}

TEST_CASE("xattrs") {
  const char name[] = "user.x";
  char value[16];
  Sqe s = garbage_sqe();
  prep_fsetxattr(s, 8, name, value, 1, 16);
  // The name goes in addr, the value in off, the length in len.
  Sqe w = expected_sqe(op::fsetxattr, 8, as_u64(name), 16, as_u64(value));
  w.xattr_flags = 1;
  check_sqe(s, w);
  s = garbage_sqe();
  prep_setxattr(s, name, value, kPath, 2, 16);
  w = expected_sqe(op::setxattr, 0, as_u64(name), 16, as_u64(value));
  w.addr3 = as_u64(kPath);
  w.xattr_flags = 2;
  check_sqe(s, w);
  s = garbage_sqe();
  prep_fgetxattr(s, 8, name, value, 16);
  check_sqe(s, expected_sqe(op::fgetxattr, 8, as_u64(name), 16, as_u64(value)));
  s = garbage_sqe();
  prep_getxattr(s, name, value, kPath, 16);
  w = expected_sqe(op::getxattr, 0, as_u64(name), 16, as_u64(value));
  w.addr3 = as_u64(kPath);
  check_sqe(s, w);
}

TEST_CASE("splice and tee") {
  Sqe s = garbage_sqe();
  prep_splice(s, 3, -1, 4, 100, 512, splice_flag::fd_in_fixed | 1);
  // fd is the output; the input's fd and offset have their own fields.
  Sqe w = expected_sqe(op::splice, 4, 0, 512, 100);
  w.splice_off_in = ~0ULL;
  w.splice_fd_in = 3;
  w.splice_flags = splice_flag::fd_in_fixed | 1;
  check_sqe(s, w);
  s = garbage_sqe();
  prep_splice(s, 3, 7, 4, -1, 512, 0);
  w = expected_sqe(op::splice, 4, 0, 512, ~0ULL);
  w.splice_off_in = 7;
  w.splice_fd_in = 3;
  check_sqe(s, w);
  s = garbage_sqe();
  prep_tee(s, 3, 4, 64, 2);
  w = expected_sqe(op::tee, 4, 0, 64, 0);
  w.splice_fd_in = 3;
  w.splice_flags = 2;
  check_sqe(s, w);
}

TEST_CASE("pipe and pipe_direct") {
  int fds[2];
  Sqe s = garbage_sqe();
  prep_pipe(s, fds, 02000000);
  Sqe w = expected_sqe(op::pipe, 0, as_u64(fds), 0, 0);
  w.pipe_flags = 02000000;
  check_sqe(s, w);
  s = garbage_sqe();
  prep_pipe_direct(s, fds, 0, 6);
  w = expected_sqe(op::pipe, 0, as_u64(fds), 0, 0);
  w.file_index = 7;
  check_sqe(s, w);
  s = garbage_sqe();
  prep_pipe_direct(s, fds, 0, file_index_alloc);
  w.file_index = file_index_alloc;
  check_sqe(s, w);
}

TEST_CASE("epoll_ctl and epoll_wait") {
  EpollEvent ev{};
  EpollEvent events[4];
  Sqe s = garbage_sqe();
  prep_epoll_ctl(s, 9, 11, 1, &ev);
  // The epoll fd goes in fd, the target fd in off, the operation in len.
  check_sqe(s, expected_sqe(op::epoll_ctl, 9, as_u64(&ev), 1, 11));
  s = garbage_sqe();
  prep_epoll_wait(s, 9, events, 4, 0);
  check_sqe(s, expected_sqe(op::epoll_wait, 9, as_u64(events), 4, 0));
}

TEST_CASE("futex_wait, futex_wake and futex_waitv") {
  static uint32_t futex;
  FutexWaitv v[2] = {};
  Sqe s = garbage_sqe();
  prep_futex_wait(s, &futex, 5, 0xffffffff, 0x82, 0);
  // The FUTEX2_* flags go in fd, the value in off, the bitset in addr3.
  Sqe w = expected_sqe(op::futex_wait, 0x82, as_u64(&futex), 0, 5);
  w.addr3 = 0xffffffff;
  check_sqe(s, w);
  s = garbage_sqe();
  prep_futex_wake(s, &futex, 1, 0x3, 0x2, 0);
  w = expected_sqe(op::futex_wake, 0x2, as_u64(&futex), 0, 1);
  w.addr3 = 0x3;
  check_sqe(s, w);
  s = garbage_sqe();
  prep_futex_waitv(s, v, 2, 0);
  check_sqe(s, expected_sqe(op::futex_waitv, 0, as_u64(v), 2, 0));
}

TEST_CASE("waitid") {
  Siginfo info;
  Sqe s = garbage_sqe();
  prep_waitid(s, 1, 1234, &info, 4, 0);
  // The id goes in fd, the id type in len, the options in file_index and the
  // siginfo pointer in addr2 (off).
  Sqe w = expected_sqe(op::waitid, 1234, 0, 1, 0);
  w.addr2 = as_u64(&info);
  w.file_index = 4;
  check_sqe(s, w);
}

TEST_CASE("msg_ring variants") {
  Sqe s = garbage_sqe();
  prep_msg_ring(s, 12, 0x77, 0xfeedULL << 32, 0);
  check_sqe(s, expected_sqe(op::msg_ring, 12, msg_ring_cmd::data, 0x77, 0xfeedULL << 32));
  s = garbage_sqe();
  prep_msg_ring_cqe_flags(s, 12, 0x77, 0xfeed, 0, 0x8000);
  // The CQE flags travel in file_index.
  Sqe w = expected_sqe(op::msg_ring, 12, msg_ring_cmd::data, 0x77, 0xfeed);
  w.msg_ring_flags = msg_ring_flag::flags_pass;
  w.file_index = 0x8000;
  check_sqe(s, w);
  s = garbage_sqe();
  prep_msg_ring_fd(s, 12, 3, 5, 0xbeef, msg_ring_flag::cqe_skip);
  // The source slot goes in addr3, the target slot (1-based) in file_index.
  w = expected_sqe(op::msg_ring, 12, msg_ring_cmd::send_fd, 0, 0xbeef);
  w.addr3 = 3;
  w.file_index = 6;
  w.msg_ring_flags = msg_ring_flag::cqe_skip;
  check_sqe(s, w);
  s = garbage_sqe();
  prep_msg_ring_fd_alloc(s, 12, 3, 0xbeef, 0);
  w = expected_sqe(op::msg_ring, 12, msg_ring_cmd::send_fd, 0, 0xbeef);
  w.addr3 = 3;
  w.file_index = file_index_alloc;
  check_sqe(s, w);
}

TEST_CASE("files_update and fixed_fd_install") {
  int fds[3] = {1, 2, 3};
  Sqe s = garbage_sqe();
  prep_files_update(s, fds, 3, 10);
  check_sqe(s, expected_sqe(op::files_update, -1, as_u64(fds), 3, 10));
  s = garbage_sqe();
  prep_files_update(s, fds, 3, file_index_alloc);
  check_sqe(s, expected_sqe(op::files_update, -1, as_u64(fds), 3, file_index_alloc));
  s = garbage_sqe();
  prep_fixed_fd_install(s, 2, fixed_fd_flag::no_cloexec);
  Sqe w = expected_sqe(op::fixed_fd_install, 2, 0, 0, 0);
  w.flags = sqe_flag::fixed_file;  // the kernel refuses the op without it
  w.install_fd_flags = fixed_fd_flag::no_cloexec;
  check_sqe(s, w);
}

TEST_CASE("readv_fixed and writev_fixed") {
  static char buf[64];
  Iovec iov[2] = {{buf, 32}, {buf + 32, 32}};
  Sqe s = garbage_sqe();
  prep_readv_fixed(s, 3, iov, 2, 17, 0x10, 5);
  Sqe w = expected_sqe(op::readv_fixed, 3, as_u64(iov), 2, 17);
  w.rw_flags = 0x10;
  w.buf_index = 5;
  check_sqe(s, w);
  s = garbage_sqe();
  prep_writev_fixed(s, 3, iov, 1, 0, 0, 6);
  w = expected_sqe(op::writev_fixed, 3, as_u64(iov), 1, 0);
  w.buf_index = 6;
  check_sqe(s, w);
}

}  // namespace fring
