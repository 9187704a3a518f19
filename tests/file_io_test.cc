// SPDX-License-Identifier: MIT
// File I/O through the ring: read/write, vectored I/O linked with fsync,
// registered files and buffers, openat and close (Zig's tests 3-5, 7-9, 19).
#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <string>

#include "tests/support/files.h"
#include "tests/support/fring_test.h"
#include "tests/support/ring_util.h"

namespace fring {

TEST_CASE("write/read") {
  FRING_RING(ring, 2);
  test::TempFile file("write_read");
  const char out[] = "0123456789abcdefghij";
  char in[sizeof(out)] = {};
  Sqe* w = ring.get_sqe();
  prep_write(*w, file.fd, out, sizeof(out), 10);
  sqe_set_flags(*w, IOSQE_IO_LINK);
  sqe_set_data64(*w, 1);
  Sqe* r = ring.get_sqe();
  prep_read(*r, file.fd, in, sizeof(in), 10);
  sqe_set_data64(*r, 2);
  REQUIRE(ring.submit_and_wait(2).value() == 2);
  const Cqe c1 = test::reap(ring);
  const Cqe c2 = test::reap(ring);
  CHECK(c1.user_data == 1);
  CHECK(c1.res == static_cast<int>(sizeof(out)));
  CHECK(c2.user_data == 2);
  CHECK(c2.res == static_cast<int>(sizeof(out)));
  CHECK(std::memcmp(in, out, sizeof(out)) == 0);
}

TEST_CASE("writev/fsync/readv") {
  FRING_RING(ring, 4);
  test::TempFile file("writev_fsync_readv");
  char out[128];
  std::memset(out, 42, sizeof(out));
  char in[128] = {};
  Iovec wv[1] = {{out, sizeof(out)}};
  Iovec rv[1] = {{in, sizeof(in)}};
  Sqe* s = ring.get_sqe();
  prep_writev(*s, file.fd, wv, 1, 17);
  sqe_set_flags(*s, IOSQE_IO_LINK);
  sqe_set_data64(*s, 1);
  s = ring.get_sqe();
  prep_fsync(*s, file.fd, 0);
  sqe_set_flags(*s, IOSQE_IO_LINK);
  sqe_set_data64(*s, 2);
  s = ring.get_sqe();
  prep_readv(*s, file.fd, rv, 1, 17);
  sqe_set_data64(*s, 3);
  CHECK(ring.sq_ready() == 3);
  REQUIRE(ring.submit_and_wait(3).value() == 3);
  CHECK(ring.sq_ready() == 0);
  CHECK(ring.cq_ready() == 3);
  for (uint64_t i = 1; i <= 3; ++i) {
    const Cqe c = test::reap(ring);
    CHECK(c.user_data == i);
    CHECK(c.res == (i == 2 ? 0 : 128));
  }
  CHECK(std::memcmp(in, out, sizeof(out)) == 0);
}

TEST_CASE("readv") {
  FRING_RING(ring, 1);
  const int fd = open("/dev/zero", O_RDONLY | O_CLOEXEC);
  REQUIRE(fd >= 0);
  const int files[1] = {fd};
  REQUIRE(register_files(ring, files, 1).ok());
  char buf[128];
  std::memset(buf, 0xff, sizeof(buf));
  Iovec iov[1] = {{buf, sizeof(buf)}};
  Sqe* s = ring.get_sqe();
  prep_readv(*s, 0, iov, 1, 0);
  sqe_set_flags(*s, IOSQE_FIXED_FILE);
  sqe_set_data64(*s, 0xcccccccc);
  CHECK(ring.get_sqe() == nullptr);  // the SQ holds one entry
  REQUIRE(ring.submit().value() == 1);
  const Cqe c = test::reap(ring);
  CHECK(c.user_data == 0xcccccccc);
  CHECK(c.res == 128);
  char zero[128] = {};
  CHECK(std::memcmp(buf, zero, sizeof(buf)) == 0);
  CHECK(unregister_files(ring).ok());
  CHECK(test::error_of(unregister_files(ring)) == Errno::enxio);
  close(fd);
}

TEST_CASE("register_files_update") {
  FRING_RING(ring, 2);
  const int zero = open("/dev/zero", O_RDONLY | O_CLOEXEC);
  REQUIRE(zero >= 0);
  const int sparse[2] = {-1, -1};
  REQUIRE(register_files(ring, sparse, 2).ok());
  // Fill slot 0, read from it, then fill slot 1 and clear slot 0.
  const int one[1] = {zero};
  CHECK(register_files_update(ring, 0, one, 1).value() == 1);
  char buf[16];
  prep_read(*ring.get_sqe(), 0, buf, sizeof(buf), 0);
  ring.sq().sqes[0].flags = IOSQE_FIXED_FILE;
  REQUIRE(ring.submit().value() == 1);
  CHECK(test::reap(ring).res == 16);
  const int swap[2] = {-1, zero};
  CHECK(register_files_update(ring, 0, swap, 2).value() == 2);
  Sqe* s = ring.get_sqe();
  prep_read(*s, 1, buf, sizeof(buf), 0);
  sqe_set_flags(*s, IOSQE_FIXED_FILE);
  REQUIRE(ring.submit().value() == 1);
  CHECK(test::reap(ring).res == 16);
  s = ring.get_sqe();
  prep_read(*s, 0, buf, sizeof(buf), 0);
  sqe_set_flags(*s, IOSQE_FIXED_FILE);
  REQUIRE(ring.submit().value() == 1);
  CHECK(test::reap(ring).res == -EBADF);  // slot 0 is empty again
  close(zero);
}

TEST_CASE("write_fixed/read_fixed") {
  FRING_RING(ring, 2);
  test::TempFile file("fixed");
  alignas(4096) static char raw[2][4096];
  std::memset(raw[0], 'z', sizeof(raw[0]));
  std::memset(raw[1], 0, sizeof(raw[1]));
  Iovec iov[2] = {{raw[0], sizeof(raw[0])}, {raw[1], sizeof(raw[1])}};
  auto reg = register_buffers(ring, iov, 2);
  if (!reg.ok() && reg.error() == Errno::enomem) FRING_SKIP("RLIMIT_MEMLOCK too small to register buffers");
  REQUIRE(reg.ok());
  Sqe* s = ring.get_sqe();
  prep_write_fixed(*s, file.fd, raw[0], 3000, 3, 0);
  sqe_set_flags(*s, IOSQE_IO_LINK);
  sqe_set_data64(*s, 1);
  s = ring.get_sqe();
  prep_read_fixed(*s, file.fd, raw[1] + 10, 3000, 3, 1);
  sqe_set_data64(*s, 2);
  REQUIRE(ring.submit_and_wait(2).value() == 2);
  const Cqe c1 = test::reap(ring);
  const Cqe c2 = test::reap(ring);
  CHECK(c1.res == 3000);
  CHECK(c2.res == 3000);
  CHECK(std::memcmp(raw[1] + 10, raw[0], 3000) == 0);
  // A buffer outside the registered one is refused.
  s = ring.get_sqe();
  static char outside[16];
  prep_read_fixed(*s, file.fd, outside, sizeof(outside), 0, 0);
  REQUIRE(ring.submit().value() == 1);
  CHECK(test::reap(ring).res == -EFAULT);
  CHECK(unregister_buffers(ring).ok());
  CHECK(test::error_of(unregister_buffers(ring)) == Errno::enxio);
}

TEST_CASE("openat") {
  FRING_RING(ring, 2);
  const std::string path = test::temp_path("openat");
  Sqe* s = ring.get_sqe();
  prep_openat(*s, sys::at_fdcwd, path.c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0600);
  CHECK(s->opcode == IORING_OP_OPENAT);
  CHECK(s->fd == AT_FDCWD);
  CHECK(s->addr == reinterpret_cast<uintptr_t>(path.c_str()));
  CHECK(s->len == 0600);
  CHECK(s->open_flags == static_cast<uint32_t>(O_CREAT | O_RDWR | O_CLOEXEC));
  REQUIRE(ring.submit().value() == 1);
  const Cqe c = test::reap(ring);
  REQUIRE(c.res > 0);
  struct stat st;
  REQUIRE(fstat(c.res, &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  // close
  prep_close(*ring.get_sqe(), c.res);
  REQUIRE(ring.submit().value() == 1);
  CHECK(test::reap(ring).res == 0);
  CHECK(fcntl(c.res, F_GETFD) == -1);
  // close of a closed fd
  prep_close(*ring.get_sqe(), c.res);
  REQUIRE(ring.submit().value() == 1);
  CHECK(test::reap(ring).res == -EBADF);
  unlink(path.c_str());
}

TEST_CASE("openat_direct/close_direct") {
  FRING_RING(ring, 2);
  const int sparse[2] = {-1, -1};
  auto reg = register_files(ring, sparse, 2);
  REQUIRE(reg.ok());
  Sqe* s = ring.get_sqe();
  prep_openat_direct(*s, sys::at_fdcwd, "/dev/zero", O_RDONLY, 0, 1);
  REQUIRE(ring.submit().value() == 1);
  const Cqe opened = test::reap(ring);
  if (opened.res == -EINVAL) FRING_SKIP("kernel lacks direct descriptors (Linux 5.15)");
  CHECK(opened.res == 0);
  char buf[8];
  s = ring.get_sqe();
  prep_read(*s, 1, buf, sizeof(buf), 0);
  sqe_set_flags(*s, IOSQE_FIXED_FILE);
  REQUIRE(ring.submit().value() == 1);
  CHECK(test::reap(ring).res == 8);
  prep_close_direct(*ring.get_sqe(), 1);
  REQUIRE(ring.submit().value() == 1);
  CHECK(test::reap(ring).res == 0);
  prep_close_direct(*ring.get_sqe(), 1);
  REQUIRE(ring.submit().value() == 1);
  CHECK(test::reap(ring).res == -EBADF);
}

}  // namespace fring
