// SPDX-License-Identifier: MIT
// SQE encoding of the file-system, xattr, pipe, epoll, futex, waitid,
// msg_ring and fixed-file prep helpers (and the vectored fixed-buffer ones):
// each test starts from an SQE full of garbage, runs the helper and compares
// all 64 bytes with the fields the kernel reads for that opcode. No io_uring
// call is made.
#include <cstring>

#include "tests/support/fring_test.h"

using namespace fring;

namespace {

Sqe garbage() {
  Sqe s;
  std::memset(&s, 0x5a, sizeof(s));
  return s;
}

// The SQE a helper must produce: the generic fields given, every other byte
// zero; each test then sets the op-specific fields by their kernel names.
Sqe want(Op op, int fd, uint64_t addr, uint32_t len, uint64_t off) {
  Sqe s;
  std::memset(&s, 0, sizeof(s));
  s.opcode = op;
  s.fd = fd;
  s.addr = addr;
  s.len = len;
  s.off = off;
  return s;
}

// Field by field first, so that a mismatch names the field, then every byte.
void same(const Sqe& got, const Sqe& exp) {
  CHECK(int{got.opcode} == int{exp.opcode});
  CHECK(int{got.flags} == int{exp.flags});
  CHECK(got.ioprio == exp.ioprio);
  CHECK(got.fd == exp.fd);
  CHECK(got.off == exp.off);
  CHECK(got.addr == exp.addr);
  CHECK(got.len == exp.len);
  CHECK(got.rw_flags == exp.rw_flags);
  CHECK(got.user_data == exp.user_data);
  CHECK(int{got.buf_index} == int{exp.buf_index});
  CHECK(got.personality == exp.personality);
  CHECK(got.file_index == exp.file_index);
  CHECK(got.addr3 == exp.addr3);
  CHECK(got.__pad2[0] == exp.__pad2[0]);
  CHECK(std::memcmp(&got, &exp, sizeof(Sqe)) == 0);
}

template <class T>
uint64_t p(const T* ptr) {
  return reinterpret_cast<uintptr_t>(ptr);
}

constexpr int kAtFdcwd = -100;
const char kPath[] = "/tmp/a";
const char kPath2[] = "/tmp/b";

}  // namespace

TEST_CASE("openat2 and openat2_direct") {
  OpenHow how{};
  Sqe s = garbage();
  prep_openat2(s, 5, kPath, &how);
  Sqe w = want(IORING_OP_OPENAT2, 5, p(kPath), sizeof(OpenHow), p(&how));
  same(s, w);
  CHECK(s.len == 24);
  s = garbage();
  prep_openat2_direct(s, 5, kPath, &how, 3);
  w.file_index = 4;  // slots are 1-based in the SQE
  same(s, w);
  s = garbage();
  prep_openat2_direct(s, 5, kPath, &how, IORING_FILE_INDEX_ALLOC);
  w.file_index = IORING_FILE_INDEX_ALLOC;
  same(s, w);
}

TEST_CASE("open and open_direct") {
  Sqe s = garbage();
  prep_open(s, kPath, 0x42, 0640);
  Sqe w = want(IORING_OP_OPENAT, kAtFdcwd, p(kPath), 0640, 0);
  w.open_flags = 0x42;
  same(s, w);
  s = garbage();
  prep_open_direct(s, kPath, 0x42, 0640, 0);
  w.file_index = 1;
  same(s, w);
  s = garbage();
  prep_open_direct(s, kPath, 0x42, 0640, IORING_FILE_INDEX_ALLOC);
  w.file_index = IORING_FILE_INDEX_ALLOC;
  same(s, w);
}

TEST_CASE("statx") {
  Statx st;
  Sqe s = garbage();
  prep_statx(s, 7, kPath, 0x1000, 0x7ff, &st);
  Sqe w = want(IORING_OP_STATX, 7, p(kPath), 0x7ff, p(&st));
  w.statx_flags = 0x1000;
  same(s, w);
}

TEST_CASE("fallocate and ftruncate") {
  Sqe s = garbage();
  prep_fallocate(s, 4, 0x3, 1ULL << 33, (1ULL << 34) + 5);
  // The length goes in addr, the mode in len.
  same(s, want(IORING_OP_FALLOCATE, 4, (1ULL << 34) + 5, 0x3, 1ULL << 33));
  s = garbage();
  prep_ftruncate(s, 4, (1LL << 40) + 1);
  same(s, want(IORING_OP_FTRUNCATE, 4, 0, 0, (1ULL << 40) + 1));
}

TEST_CASE("fadvise and fadvise64") {
  Sqe s = garbage();
  prep_fadvise(s, 6, 4096, 8192, 4);
  Sqe w = want(IORING_OP_FADVISE, 6, 0, 8192, 4096);
  w.fadvise_advice = 4;
  same(s, w);
  s = garbage();
  prep_fadvise64(s, 6, 4096, 1LL << 35, 4);
  w = want(IORING_OP_FADVISE, 6, 1ULL << 35, 0, 4096);  // 64-bit length in addr
  w.fadvise_advice = 4;
  same(s, w);
}

TEST_CASE("madvise and madvise64") {
  static char page[64];
  Sqe s = garbage();
  prep_madvise(s, page, 4096, 4);
  Sqe w = want(IORING_OP_MADVISE, -1, p(page), 4096, 0);
  w.fadvise_advice = 4;
  same(s, w);
  s = garbage();
  prep_madvise64(s, page, 1LL << 33, 4);
  w = want(IORING_OP_MADVISE, -1, p(page), 0, 1ULL << 33);  // 64-bit length in off
  w.fadvise_advice = 4;
  same(s, w);
}

TEST_CASE("sync_file_range") {
  Sqe s = garbage();
  prep_sync_file_range(s, 3, 512, 1024, 2);
  Sqe w = want(IORING_OP_SYNC_FILE_RANGE, 3, 0, 512, 1024);
  w.sync_range_flags = 2;
  same(s, w);
}

TEST_CASE("renameat and rename") {
  Sqe s = garbage();
  prep_renameat(s, 3, kPath, 4, kPath2, 1);
  // The new directory fd goes in len, the new path in off.
  Sqe w = want(IORING_OP_RENAMEAT, 3, p(kPath), 4, p(kPath2));
  w.rename_flags = 1;
  same(s, w);
  s = garbage();
  prep_rename(s, kPath, kPath2);
  same(s, want(IORING_OP_RENAMEAT, kAtFdcwd, p(kPath), static_cast<uint32_t>(kAtFdcwd), p(kPath2)));
}

TEST_CASE("unlinkat and unlink") {
  Sqe s = garbage();
  prep_unlinkat(s, 3, kPath, 0x200);
  Sqe w = want(IORING_OP_UNLINKAT, 3, p(kPath), 0, 0);
  w.unlink_flags = 0x200;
  same(s, w);
  s = garbage();
  prep_unlink(s, kPath, 0);
  same(s, want(IORING_OP_UNLINKAT, kAtFdcwd, p(kPath), 0, 0));
}

TEST_CASE("mkdirat and mkdir") {
  Sqe s = garbage();
  prep_mkdirat(s, 3, kPath, 0750);
  same(s, want(IORING_OP_MKDIRAT, 3, p(kPath), 0750, 0));
  s = garbage();
  prep_mkdir(s, kPath, 0700);
  same(s, want(IORING_OP_MKDIRAT, kAtFdcwd, p(kPath), 0700, 0));
}

TEST_CASE("symlinkat and symlink") {
  Sqe s = garbage();
  prep_symlinkat(s, kPath, 3, kPath2);
  // The target goes in addr, the new link's directory in fd and its path in off.
  same(s, want(IORING_OP_SYMLINKAT, 3, p(kPath), 0, p(kPath2)));
  s = garbage();
  prep_symlink(s, kPath, kPath2);
  same(s, want(IORING_OP_SYMLINKAT, kAtFdcwd, p(kPath), 0, p(kPath2)));
}

TEST_CASE("linkat and link") {
  Sqe s = garbage();
  prep_linkat(s, 3, kPath, 4, kPath2, 0x400);
  Sqe w = want(IORING_OP_LINKAT, 3, p(kPath), 4, p(kPath2));
  w.hardlink_flags = 0x400;
  same(s, w);
  s = garbage();
  prep_link(s, kPath, kPath2, 0);
  same(s, want(IORING_OP_LINKAT, kAtFdcwd, p(kPath), static_cast<uint32_t>(kAtFdcwd), p(kPath2)));
}

TEST_CASE("xattrs") {
  const char name[] = "user.x";
  char value[16];
  Sqe s = garbage();
  prep_fsetxattr(s, 8, name, value, 1, 16);
  // The name goes in addr, the value in off, the length in len.
  Sqe w = want(IORING_OP_FSETXATTR, 8, p(name), 16, p(value));
  w.xattr_flags = 1;
  same(s, w);
  s = garbage();
  prep_setxattr(s, name, value, kPath, 2, 16);
  w = want(IORING_OP_SETXATTR, 0, p(name), 16, p(value));
  w.addr3 = p(kPath);
  w.xattr_flags = 2;
  same(s, w);
  s = garbage();
  prep_fgetxattr(s, 8, name, value, 16);
  same(s, want(IORING_OP_FGETXATTR, 8, p(name), 16, p(value)));
  s = garbage();
  prep_getxattr(s, name, value, kPath, 16);
  w = want(IORING_OP_GETXATTR, 0, p(name), 16, p(value));
  w.addr3 = p(kPath);
  same(s, w);
}

TEST_CASE("splice and tee") {
  Sqe s = garbage();
  prep_splice(s, 3, -1, 4, 100, 512, SPLICE_F_FD_IN_FIXED | 1);
  // fd is the output; the input's fd and offset have their own fields.
  Sqe w = want(IORING_OP_SPLICE, 4, 0, 512, 100);
  w.splice_off_in = ~0ULL;
  w.splice_fd_in = 3;
  w.splice_flags = SPLICE_F_FD_IN_FIXED | 1;
  same(s, w);
  s = garbage();
  prep_splice(s, 3, 7, 4, -1, 512, 0);
  w = want(IORING_OP_SPLICE, 4, 0, 512, ~0ULL);
  w.splice_off_in = 7;
  w.splice_fd_in = 3;
  same(s, w);
  s = garbage();
  prep_tee(s, 3, 4, 64, 2);
  w = want(IORING_OP_TEE, 4, 0, 64, 0);
  w.splice_fd_in = 3;
  w.splice_flags = 2;
  same(s, w);
}

TEST_CASE("pipe and pipe_direct") {
  int fds[2];
  Sqe s = garbage();
  prep_pipe(s, fds, 02000000);
  Sqe w = want(IORING_OP_PIPE, 0, p(fds), 0, 0);
  w.pipe_flags = 02000000;
  same(s, w);
  s = garbage();
  prep_pipe_direct(s, fds, 0, 6);
  w = want(IORING_OP_PIPE, 0, p(fds), 0, 0);
  w.file_index = 7;
  same(s, w);
  s = garbage();
  prep_pipe_direct(s, fds, 0, IORING_FILE_INDEX_ALLOC);
  w.file_index = IORING_FILE_INDEX_ALLOC;
  same(s, w);
}

TEST_CASE("epoll_ctl and epoll_wait") {
  EpollEvent ev{};
  EpollEvent events[4];
  Sqe s = garbage();
  prep_epoll_ctl(s, 9, 11, 1, &ev);
  // The epoll fd goes in fd, the target fd in off, the operation in len.
  same(s, want(IORING_OP_EPOLL_CTL, 9, p(&ev), 1, 11));
  s = garbage();
  prep_epoll_wait(s, 9, events, 4, 0);
  same(s, want(IORING_OP_EPOLL_WAIT, 9, p(events), 4, 0));
}

TEST_CASE("futex_wait, futex_wake and futex_waitv") {
  static uint32_t futex;
  FutexWaitv v[2] = {};
  Sqe s = garbage();
  prep_futex_wait(s, &futex, 5, 0xffffffff, 0x82, 0);
  // The FUTEX2_* flags go in fd, the value in off, the bitset in addr3.
  Sqe w = want(IORING_OP_FUTEX_WAIT, 0x82, p(&futex), 0, 5);
  w.addr3 = 0xffffffff;
  same(s, w);
  s = garbage();
  prep_futex_wake(s, &futex, 1, 0x3, 0x2, 0);
  w = want(IORING_OP_FUTEX_WAKE, 0x2, p(&futex), 0, 1);
  w.addr3 = 0x3;
  same(s, w);
  s = garbage();
  prep_futex_waitv(s, v, 2, 0);
  same(s, want(IORING_OP_FUTEX_WAITV, 0, p(v), 2, 0));
}

TEST_CASE("waitid") {
  Siginfo info;
  Sqe s = garbage();
  prep_waitid(s, 1, 1234, &info, 4, 0);
  // The id goes in fd, the id type in len, the options in file_index and the
  // siginfo pointer in addr2 (off).
  Sqe w = want(IORING_OP_WAITID, 1234, 0, 1, 0);
  w.addr2 = p(&info);
  w.file_index = 4;
  same(s, w);
}

TEST_CASE("msg_ring variants") {
  Sqe s = garbage();
  prep_msg_ring(s, 12, 0x77, 0xfeedULL << 32, 0);
  same(s, want(IORING_OP_MSG_RING, 12, IORING_MSG_DATA, 0x77, 0xfeedULL << 32));
  s = garbage();
  prep_msg_ring_cqe_flags(s, 12, 0x77, 0xfeed, 0, 0x8000);
  // The CQE flags travel in file_index.
  Sqe w = want(IORING_OP_MSG_RING, 12, IORING_MSG_DATA, 0x77, 0xfeed);
  w.msg_ring_flags = IORING_MSG_RING_FLAGS_PASS;
  w.file_index = 0x8000;
  same(s, w);
  s = garbage();
  prep_msg_ring_fd(s, 12, 3, 5, 0xbeef, IORING_MSG_RING_CQE_SKIP);
  // The source slot goes in addr3, the target slot (1-based) in file_index.
  w = want(IORING_OP_MSG_RING, 12, IORING_MSG_SEND_FD, 0, 0xbeef);
  w.addr3 = 3;
  w.file_index = 6;
  w.msg_ring_flags = IORING_MSG_RING_CQE_SKIP;
  same(s, w);
  s = garbage();
  prep_msg_ring_fd_alloc(s, 12, 3, 0xbeef, 0);
  w = want(IORING_OP_MSG_RING, 12, IORING_MSG_SEND_FD, 0, 0xbeef);
  w.addr3 = 3;
  w.file_index = IORING_FILE_INDEX_ALLOC;
  same(s, w);
}

TEST_CASE("files_update and fixed_fd_install") {
  int fds[3] = {1, 2, 3};
  Sqe s = garbage();
  prep_files_update(s, fds, 3, 10);
  same(s, want(IORING_OP_FILES_UPDATE, -1, p(fds), 3, 10));
  s = garbage();
  prep_files_update(s, fds, 3, IORING_FILE_INDEX_ALLOC);
  same(s, want(IORING_OP_FILES_UPDATE, -1, p(fds), 3, IORING_FILE_INDEX_ALLOC));
  s = garbage();
  prep_fixed_fd_install(s, 2, IORING_FIXED_FD_NO_CLOEXEC);
  Sqe w = want(IORING_OP_FIXED_FD_INSTALL, 2, 0, 0, 0);
  w.flags = IOSQE_FIXED_FILE;  // the kernel refuses the op without it
  w.install_fd_flags = IORING_FIXED_FD_NO_CLOEXEC;
  same(s, w);
}

TEST_CASE("readv_fixed and writev_fixed") {
  static char buf[64];
  Iovec iov[2] = {{buf, 32}, {buf + 32, 32}};
  Sqe s = garbage();
  prep_readv_fixed(s, 3, iov, 2, 17, 0x10, 5);
  Sqe w = want(IORING_OP_READV_FIXED, 3, p(iov), 2, 17);
  w.rw_flags = 0x10;
  w.buf_index = 5;
  same(s, w);
  s = garbage();
  prep_writev_fixed(s, 3, iov, 1, 0, 0, 6);
  w = want(IORING_OP_WRITEV_FIXED, 3, p(iov), 1, 0);
  w.buf_index = 6;
  same(s, w);
}
