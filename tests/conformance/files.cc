// SPDX-License-Identifier: MIT
// Zig's conformance tests on files: 3 (readv through a registered file), 4
// (writev/fsync/readv linked), 5 (write/read), 6 (splice/read), 7
// (write_fixed/read_fixed), 8 (openat), 9 (close), 19 (register_files_update)
// and 35 (openat_direct/close_direct), each checked by the data it moves.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cerrno>

#include <cstring>
#include <string>

#include "tests/support/files.h"
#include "tests/support/fring_test.h"
#include "tests/support/ring_util.h"

namespace fring {

TEST_CASE("Zig 3: readv") {
  FRING_RING(ring, 1);
  const int fd = open("/dev/zero", O_RDONLY | O_CLOEXEC);
  REQUIRE(fd >= 0);
  const int files[1] = {fd};
  REQUIRE(register_files(ring, files, 1).ok());
  char buf[128];
  std::memset(buf, 0xff, sizeof(buf));
  Iovec iov[1] = {{buf, sizeof(buf)}};
  Sqe* s = test::get_sqe(ring);
  prep_readv(*s, 0, iov, 1, 0);
  sqe_set_flags(*s, sqe_flag::fixed_file);
  sqe_set_data64(*s, 0xcccccccc);
  CHECK(ring.get_sqe() == nullptr);  // the SQ holds one entry
  test::submit(ring, 1);
  const Cqe c = test::reap(ring);
  CHECK(c.user_data == 0xcccccccc);
  CHECK(c.res == 128);
  const char zero[128] = {};
  CHECK(std::memcmp(buf, zero, sizeof(buf)) == 0);
  CHECK(unregister_files(ring).ok());
  CHECK(test::error_of(unregister_files(ring)) == Errno::enxio);
  close(fd);
}

TEST_CASE("Zig 4: writev/fsync/readv") {
  FRING_RING(ring, 4);
  test::TempFile file("writev_fsync_readv");
  char out[128];
  std::memset(out, 42, sizeof(out));
  char in[128] = {};
  Iovec wv[1] = {{out, sizeof(out)}};
  Iovec rv[1] = {{in, sizeof(in)}};
  Sqe* s = test::get_sqe(ring);
  prep_writev(*s, file.fd, wv, 1, 17);
  sqe_set_flags(*s, sqe_flag::io_link);
  sqe_set_data64(*s, 1);
  s = test::get_sqe(ring);
  prep_fsync(*s, file.fd, 0);
  sqe_set_flags(*s, sqe_flag::io_link);
  sqe_set_data64(*s, 2);
  s = test::get_sqe(ring);
  prep_readv(*s, file.fd, rv, 1, 17);
  sqe_set_data64(*s, 3);
  CHECK(ring.sq_ready() == 3);
  test::submit_and_wait(ring, 3, 3);
  CHECK(ring.sq_ready() == 0);
  CHECK(ring.cq_ready() == 3);
  for (uint64_t i = 1; i <= 3; ++i) {
    const Cqe c = test::reap(ring);
    CHECK(c.user_data == i);
    CHECK(c.res == (i == 2 ? 0 : 128));
  }
  CHECK(std::memcmp(in, out, sizeof(out)) == 0);
  CHECK(test::file_size(file.fd) == 17 + 128);
}

TEST_CASE("Zig 5: write/read") {
  FRING_RING(ring, 2);
  test::TempFile file("write_read");
  const char out[] = "0123456789abcdefghij";
  char in[sizeof(out)] = {};
  Sqe* w = test::get_sqe(ring);
  prep_write(*w, file.fd, out, sizeof(out), 10);
  sqe_set_flags(*w, sqe_flag::io_link);
  sqe_set_data64(*w, 1);
  Sqe* r = test::get_sqe(ring);
  prep_read(*r, file.fd, in, sizeof(in), 10);
  sqe_set_data64(*r, 2);
  test::submit_and_wait(ring, 2, 2);
  // Linked: the write completes before the read starts.
  const Cqe c1 = test::reap(ring);
  const Cqe c2 = test::reap(ring);
  CHECK(c1.user_data == 1);
  CHECK(c1.res == static_cast<int>(sizeof(out)));
  CHECK(c2.user_data == 2);
  CHECK(c2.res == static_cast<int>(sizeof(out)));
  CHECK(std::memcmp(in, out, sizeof(out)) == 0);
}

TEST_CASE("Zig 6: splice/read") {
  FRING_REQUIRE_OP(op::splice);
  FRING_RING(ring, 4);
  test::TempFile in("splice_in");
  test::TempFile out("splice_out");
  test::Pipe pipe;
  char data[100];
  for (size_t i = 0; i < sizeof(data); ++i) data[i] = static_cast<char>('A' + i % 26);
  REQUIRE(write(in.fd, data, sizeof(data)) == static_cast<ssize_t>(sizeof(data)));

  // A pipe end has no offset: -1, all bits set in the SQE.
  Sqe* s = test::get_sqe(ring);
  prep_splice(*s, in.fd, 0, pipe.fds[1], -1, sizeof(data), 0);
  CHECK(s->opcode == op::splice);
  CHECK(s->fd == pipe.fds[1]);
  CHECK(s->off == ~0ULL);
  CHECK(s->splice_off_in == 0);
  CHECK(s->splice_fd_in == in.fd);
  CHECK(s->len == sizeof(data));
  sqe_set_flags(*s, sqe_flag::io_link);
  sqe_set_data64(*s, 1);
  s = test::get_sqe(ring);
  prep_splice(*s, pipe.fds[0], -1, out.fd, 10, sizeof(data), 0);
  CHECK(s->fd == out.fd);
  CHECK(s->off == 10);
  CHECK(s->splice_off_in == ~0ULL);
  CHECK(s->splice_fd_in == pipe.fds[0]);
  sqe_set_flags(*s, sqe_flag::io_link);
  sqe_set_data64(*s, 2);
  char back[sizeof(data)] = {};
  s = test::get_sqe(ring);
  prep_read(*s, out.fd, back, sizeof(back), 10);
  sqe_set_data64(*s, 3);
  test::submit_and_wait(ring, 3, 3);
  for (uint64_t i = 1; i <= 3; ++i) {
    const Cqe c = test::reap(ring);
    CHECK(c.user_data == i);
    CHECK(c.res == static_cast<int>(sizeof(data)));
  }
  CHECK(std::memcmp(back, data, sizeof(data)) == 0);
  // An offset for the pipe end is refused.
  prep_splice(*test::get_sqe(ring), in.fd, 0, pipe.fds[1], 0, sizeof(data), 0);
  CHECK(test::run(ring) == -ESPIPE);
}

TEST_CASE("Zig 7: write_fixed/read_fixed") {
  FRING_RING(ring, 2);
  test::TempFile file("fixed");
  alignas(4096) static char raw[2][4096];
  std::memset(raw[0], 'z', sizeof(raw[0]));
  std::memset(raw[1], 0, sizeof(raw[1]));
  Iovec iov[2] = {{raw[0], sizeof(raw[0])}, {raw[1], sizeof(raw[1])}};
  auto reg = register_buffers(ring, iov, 2);
  if (!reg.ok() && reg.error() == Errno::enomem) {
    FRING_SKIP("RLIMIT_MEMLOCK too small to register buffers");
  }
  REQUIRE(reg.ok());
  Sqe* s = test::get_sqe(ring);
  prep_write_fixed(*s, file.fd, raw[0], 3000, 3, 0);
  CHECK(s->opcode == op::write_fixed);
  CHECK(int{s->buf_index} == 0);
  sqe_set_flags(*s, sqe_flag::io_link);
  sqe_set_data64(*s, 1);
  s = test::get_sqe(ring);
  prep_read_fixed(*s, file.fd, raw[1] + 10, 3000, 3, 1);
  CHECK(int{s->buf_index} == 1);
  sqe_set_data64(*s, 2);
  test::submit_and_wait(ring, 2, 2);
  const Cqe c1 = test::reap(ring);
  const Cqe c2 = test::reap(ring);
  CHECK(c1.user_data == 1);
  CHECK(c1.res == 3000);
  CHECK(c2.user_data == 2);
  CHECK(c2.res == 3000);
  CHECK(std::memcmp(raw[1] + 10, raw[0], 3000) == 0);
  // A buffer outside the registered one is refused.
  static char outside[16];
  prep_read_fixed(*test::get_sqe(ring), file.fd, outside, sizeof(outside), 0, 0);
  CHECK(test::run(ring) == -EFAULT);
  CHECK(unregister_buffers(ring).ok());
  CHECK(test::error_of(unregister_buffers(ring)) == Errno::enxio);
}

TEST_CASE("Zig 8: openat") {
  FRING_RING(ring, 2);
  const std::string path = test::temp_path("openat");
  Sqe* s = test::get_sqe(ring);
  prep_openat(*s, at::fdcwd, path.c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0600);
  CHECK(s->opcode == op::openat);
  CHECK(s->fd == AT_FDCWD);
  CHECK(s->addr == reinterpret_cast<uintptr_t>(path.c_str()));
  CHECK(s->len == 0600);
  CHECK(s->open_flags == static_cast<uint32_t>(O_CREAT | O_RDWR | O_CLOEXEC));
  const int fd = test::run(ring);
  REQUIRE(fd > 0);
  struct stat st;
  REQUIRE(fstat(fd, &st) == 0);
  CHECK(S_ISREG(st.st_mode));
  CHECK((st.st_mode & 0777) == 0600);
  CHECK((fcntl(fd, F_GETFL) & O_ACCMODE) == O_RDWR);
  close(fd);
  unlink(path.c_str());
  // Without O_CREAT a missing file is an error, not an fd.
  prep_openat(*test::get_sqe(ring), at::fdcwd, path.c_str(), O_RDONLY | O_CLOEXEC, 0);
  CHECK(test::run(ring) == -ENOENT);
}

TEST_CASE("Zig 9: close") {
  FRING_RING(ring, 2);
  test::TempFile file("close");
  const int fd = dup(file.fd);
  REQUIRE(fd >= 0);
  Sqe* s = test::get_sqe(ring);
  prep_close(*s, fd);
  CHECK(s->opcode == op::close);
  CHECK(s->fd == fd);
  CHECK(test::run(ring) == 0);
  CHECK(fcntl(fd, F_GETFD) == -1);  // gone
  CHECK(errno == EBADF);
  prep_close(*test::get_sqe(ring), fd);
  CHECK(test::run(ring) == -EBADF);
}

TEST_CASE("Zig 19: register_files_update") {
  FRING_RING(ring, 2);
  const int zero = open("/dev/zero", O_RDONLY | O_CLOEXEC);
  REQUIRE(zero >= 0);
  const int sparse[2] = {-1, -1};
  REQUIRE(register_files(ring, sparse, 2).ok());
  char buf[16];
  std::memset(buf, 1, sizeof(buf));
  // Fill slot 0, read from it, then fill slot 1 and clear slot 0.
  const int one[1] = {zero};
  CHECK(register_files_update(ring, 0, one, 1).value() == 1);
  CHECK(test::read_fixed_file(ring, 0, buf, sizeof(buf)) == 16);
  CHECK(buf[0] == 0);
  CHECK(buf[15] == 0);
  const int swap[2] = {-1, zero};
  CHECK(register_files_update(ring, 0, swap, 2).value() == 2);
  CHECK(test::read_fixed_file(ring, 1, buf, sizeof(buf)) == 16);
  CHECK(test::read_fixed_file(ring, 0, buf, sizeof(buf)) == -EBADF);  // slot 0 is empty again
  close(zero);
}

TEST_CASE("Zig 35: openat_direct/close_direct") {
  FRING_REQUIRE_OP(op::openat);
  FRING_RING(ring, 2);
  test::TempDir dir;
  test::write_file(dir.path("f"), "direct");
  const int sparse[3] = {-1, -1, -1};
  REQUIRE(register_files(ring, sparse, 3).ok());
  prep_openat_direct(*test::get_sqe(ring), dir.fd, "f", O_RDONLY, 0, 0);
  const int first = test::run(ring);
  if (first == -EINVAL) FRING_SKIP("kernel lacks direct descriptors (Linux 5.15)");
  CHECK(first == 0);
  const std::string path = dir.path("f");
  prep_open_direct(*test::get_sqe(ring), path.c_str(), O_RDONLY, 0, 1);
  CHECK(test::run(ring) == 0);
  prep_open_direct(*test::get_sqe(ring), path.c_str(), O_RDONLY, 0, file_index_alloc);
  CHECK(test::run(ring) == 2);  // the one free slot
  prep_open_direct(*test::get_sqe(ring), path.c_str(), O_RDONLY, 0, file_index_alloc);
  CHECK(test::run(ring) == -ENFILE);
  for (int slot = 0; slot < 3; ++slot) {
    char buf[16] = {};
    CHECK(test::read_fixed_file(ring, slot, buf, sizeof(buf)) == 6);
    CHECK(std::string(buf) == "direct");
    prep_close_direct(*test::get_sqe(ring), static_cast<unsigned>(slot));
    CHECK(test::run(ring) == 0);
  }
  prep_close_direct(*test::get_sqe(ring), 0);
  CHECK(test::run(ring) == -EBADF);
}

}  // namespace fring
