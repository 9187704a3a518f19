// SPDX-License-Identifier: MIT
// File-system requests through the ring, each checked by its effect on the
// file system: openat2 with RESOLVE_* rules, ftruncate, fadvise/madvise,
// sync_file_range and extended attributes; plus the fixed-file and
// fixed-buffer requests: files_update, fixed_fd_install, readv_fixed and
// writev_fixed. (Zig's tests 16, 17, 21-25 and 35 are in tests/conformance.)
#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>
#include <cerrno>

#include <cstdio>
#include <cstring>
#include <string>

#include "tests/support/files.h"
#include "tests/support/fring_test.h"
#include "tests/support/ring_util.h"

namespace fring {

TEST_CASE("open and openat2 with RESOLVE_* rules") {
  FRING_REQUIRE_OP(op::openat2);
  FRING_RING(ring, 2);
  test::TempDir dir;
  test::write_file(dir.path("f"), "openat2");
  REQUIRE(symlink("f", dir.path("l").c_str()) == 0);

  OpenHow how{};
  how.flags = O_RDONLY | O_CLOEXEC;
  how.resolve = RESOLVE_BENEATH;
  prep_openat2(*test::get_sqe(ring), dir.fd, "f", &how);
  const int fd = test::run(ring);
  REQUIRE(fd >= 0);
  CHECK(test::read_fd(fd) == "openat2");
  close(fd);
  // RESOLVE_BENEATH refuses to leave the directory.
  prep_openat2(*test::get_sqe(ring), dir.fd, "../f", &how);
  CHECK(test::run(ring) == -EXDEV);
  // RESOLVE_NO_SYMLINKS refuses the symlink.
  how.resolve = RESOLVE_NO_SYMLINKS;
  prep_openat2(*test::get_sqe(ring), dir.fd, "l", &how);
  CHECK(test::run(ring) == -ELOOP);
  // Unknown RESOLVE_* bits are rejected.
  how.resolve = 1ULL << 40;
  prep_openat2(*test::get_sqe(ring), dir.fd, "f", &how);
  CHECK(test::run(ring) == -EINVAL);

  // Into a fixed-file slot.
  const int sparse[1] = {-1};
  REQUIRE(register_files(ring, sparse, 1).ok());
  how.resolve = RESOLVE_BENEATH;
  how.flags = O_RDONLY;
  prep_openat2_direct(*test::get_sqe(ring), dir.fd, "f", &how, 0);
  REQUIRE(test::run(ring) == 0);
  char buf[16] = {};
  CHECK(test::read_fixed_file(ring, 0, buf, sizeof(buf)) == 7);
  CHECK(std::string(buf) == "openat2");

  // prep_open: relative to the current directory, here an absolute path.
  const std::string created = dir.path("created");
  prep_open(*test::get_sqe(ring), created.c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0600);
  const int cfd = test::run(ring);
  REQUIRE(cfd >= 0);
  struct stat st;
  REQUIRE(fstat(cfd, &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  close(cfd);
}

TEST_CASE("ftruncate") {
  FRING_REQUIRE_OP(op::ftruncate);
  FRING_RING(ring, 2);
  test::TempDir dir;
  test::write_file(dir.path("f"), std::string(100, 'x'));
  const int fd = open(dir.path("f").c_str(), O_RDWR | O_CLOEXEC);
  REQUIRE(fd >= 0);
  prep_ftruncate(*test::get_sqe(ring), fd, 10);
  CHECK(test::run(ring) == 0);
  CHECK(test::file_size(fd) == 10);
  prep_ftruncate(*test::get_sqe(ring), fd, 1 << 20);
  CHECK(test::run(ring) == 0);
  CHECK(test::file_size(fd) == 1 << 20);
  prep_ftruncate(*test::get_sqe(ring), fd, -1);
  CHECK(test::run(ring) == -EINVAL);
  close(fd);
  // Not open for writing.
  const int ro = open(dir.path("f").c_str(), O_RDONLY | O_CLOEXEC);
  REQUIRE(ro >= 0);
  prep_ftruncate(*test::get_sqe(ring), ro, 0);
  CHECK(test::run(ring) == -EINVAL);
  CHECK(test::file_size(ro) == 1 << 20);
  close(ro);
}

TEST_CASE("fadvise") {
  FRING_REQUIRE_OP(op::fadvise);
  FRING_RING(ring, 2);
  test::TempDir dir;
  test::write_file(dir.path("f"), std::string(8192, 'a'));
  const int fd = open(dir.path("f").c_str(), O_RDONLY | O_CLOEXEC);
  REQUIRE(fd >= 0);
  prep_fadvise(*test::get_sqe(ring), fd, 0, 8192, POSIX_FADV_WILLNEED);
  CHECK(test::run(ring) == 0);
  prep_fadvise(*test::get_sqe(ring), fd, 0, 0, POSIX_FADV_DONTNEED);
  CHECK(test::run(ring) == 0);
  prep_fadvise(*test::get_sqe(ring), fd, 0, 8192, 12345);  // no such advice
  CHECK(test::run(ring) == -EINVAL);
  int pipefd[2];
  REQUIRE(pipe(pipefd) == 0);
  prep_fadvise(*test::get_sqe(ring), pipefd[0], 0, 0, POSIX_FADV_NORMAL);
  CHECK(test::run(ring) == -ESPIPE);
  close(pipefd[0]);
  close(pipefd[1]);
  close(fd);
}

TEST_CASE("fadvise64") {
  FRING_REQUIRE_OP(op::fadvise);
  FRING_RING(ring, 2);
  test::TempDir dir;
  test::write_file(dir.path("f"), std::string(4096, 'a'));
  const int fd = open(dir.path("f").c_str(), O_RDONLY | O_CLOEXEC);
  REQUIRE(fd >= 0);
  prep_fadvise64(*test::get_sqe(ring), fd, 0, 5LL << 30, POSIX_FADV_DONTNEED);  // over 4 GiB
  const int res = test::run(ring);
  close(fd);
  if (res == -EINVAL && !test::kernel_at_least(6, 11)) {
    FRING_SKIP("kernel lacks 64-bit op::fadvise lengths (Linux 6.11)");
  }
  CHECK(res == 0);
}

TEST_CASE("madvise drops anonymous pages") {
  FRING_REQUIRE_OP(op::madvise);
  FRING_RING(ring, 2);
  const size_t len = 2 * static_cast<size_t>(sysconf(_SC_PAGESIZE));
  void* mem = mmap(nullptr, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  REQUIRE(mem != MAP_FAILED);
  auto* bytes = static_cast<unsigned char*>(mem);
  std::memset(bytes, 'x', len);
  prep_madvise(*test::get_sqe(ring), mem, static_cast<uint32_t>(len), MADV_DONTNEED);
  const int res = test::run(ring);
  if (res == -EOPNOTSUPP) {
    munmap(mem, len);
    FRING_SKIP("kernel built without CONFIG_ADVISE_SYSCALLS");
  }
  CHECK(res == 0);
  // Private anonymous pages read back as zero after MADV_DONTNEED.
  CHECK(bytes[0] == 0);
  CHECK(bytes[len - 1] == 0);
  prep_madvise(*test::get_sqe(ring), bytes + 1, 16, MADV_DONTNEED);  // unaligned
  CHECK(test::run(ring) == -EINVAL);
  munmap(mem, len);
}

TEST_CASE("madvise64") {
  FRING_REQUIRE_OP(op::madvise);
  FRING_RING(ring, 2);
  const size_t len = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  void* mem = mmap(nullptr, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  REQUIRE(mem != MAP_FAILED);
  auto* bytes = static_cast<unsigned char*>(mem);
  std::memset(bytes, 'x', len);
  prep_madvise64(*test::get_sqe(ring), mem, static_cast<int64_t>(len), MADV_DONTNEED);
  const int res = test::run(ring);
  const unsigned char first = bytes[0];
  munmap(mem, len);
  if (res == -EOPNOTSUPP) FRING_SKIP("kernel built without CONFIG_ADVISE_SYSCALLS");
  if (res == -EINVAL && !test::kernel_at_least(6, 11)) {
    FRING_SKIP("kernel lacks 64-bit op::madvise lengths (Linux 6.11)");
  }
  CHECK(res == 0);
  CHECK(first == 0);
}

TEST_CASE("sync_file_range") {
  FRING_REQUIRE_OP(op::sync_file_range);
  FRING_RING(ring, 2);
  test::TempFile f("sync_file_range", std::string(4096, 's'));
  const int fd = f.fd;
  prep_sync_file_range(
      *test::get_sqe(ring), fd, 4096, 0,
      SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE | SYNC_FILE_RANGE_WAIT_AFTER);
  CHECK(test::run(ring) == 0);
  prep_sync_file_range(*test::get_sqe(ring), fd, 4096, 0, 0x80);  // no such flag
  CHECK(test::run(ring) == -EINVAL);
  int pipefd[2];
  REQUIRE(pipe(pipefd) == 0);
  prep_sync_file_range(*test::get_sqe(ring), pipefd[0], 0, 0, SYNC_FILE_RANGE_WRITE);
  CHECK(test::run(ring) == -ESPIPE);
  close(pipefd[0]);
  close(pipefd[1]);
}

TEST_CASE("xattrs: set then get back, by fd and by path") {
  FRING_REQUIRE_OP(op::fsetxattr);
  FRING_REQUIRE_OP(op::setxattr);
  FRING_REQUIRE_OP(op::fgetxattr);
  FRING_REQUIRE_OP(op::getxattr);
  FRING_RING(ring, 2);
  test::TempDir dir;
  test::write_file(dir.path("f"), "x");
  const std::string path = dir.path("f");
  const int fd = open(path.c_str(), O_RDWR | O_CLOEXEC);
  REQUIRE(fd >= 0);
  // user.* works on most file systems (tmpfs since 6.6); trusted.* on tmpfs
  // for root in the initial user namespace. Use the first one this one takes.
  const char* ns = nullptr;
  for (const char* candidate : {"user.fring_probe", "trusted.fring_probe"}) {
    if (fsetxattr(fd, candidate, "1", 1, 0) == 0) {
      fremovexattr(fd, candidate);
      ns = candidate[0] == 'u' ? "user" : "trusted";
      break;
    }
    REQUIRE((errno == EOPNOTSUPP || errno == EPERM));
  }
  if (ns == nullptr) {
    close(fd);
    FRING_SKIP(
        "the test directory's file system takes neither user.* nor trusted.* xattrs "
        "(tmpfs has user.* since Linux 6.6)");
  }
  const std::string name = std::string(ns) + ".fring";

  prep_fsetxattr(*test::get_sqe(ring), fd, name.c_str(), "v1", XATTR_CREATE, 2);
  CHECK(test::run(ring) == 0);
  char value[32] = {};
  CHECK(fgetxattr(fd, name.c_str(), value, sizeof(value)) == 2);
  CHECK(std::string(value) == "v1");
  prep_fsetxattr(*test::get_sqe(ring), fd, name.c_str(), "v1", XATTR_CREATE, 2);
  CHECK(test::run(ring) == -EEXIST);

  std::memset(value, 0, sizeof(value));
  prep_fgetxattr(*test::get_sqe(ring), fd, name.c_str(), value, sizeof(value));
  CHECK(test::run(ring) == 2);
  CHECK(std::string(value) == "v1");
  prep_fgetxattr(*test::get_sqe(ring), fd, name.c_str(), value, 1);
  CHECK(test::run(ring) == -ERANGE);

  prep_setxattr(*test::get_sqe(ring), name.c_str(), "second", path.c_str(), XATTR_REPLACE, 6);
  CHECK(test::run(ring) == 0);
  std::memset(value, 0, sizeof(value));
  prep_getxattr(*test::get_sqe(ring), name.c_str(), value, path.c_str(), sizeof(value));
  CHECK(test::run(ring) == 6);
  CHECK(std::string(value) == "second");
  const std::string missing = std::string(ns) + ".absent";
  prep_getxattr(*test::get_sqe(ring), missing.c_str(), value, path.c_str(), sizeof(value));
  CHECK(test::run(ring) == -ENODATA);
  close(fd);
}

TEST_CASE("files_update through the ring") {
  FRING_REQUIRE_OP(op::files_update);
  FRING_RING(ring, 2);
  test::TempDir dir;
  test::write_file(dir.path("f"), "updated");
  const int fd = open(dir.path("f").c_str(), O_RDONLY | O_CLOEXEC);
  REQUIRE(fd >= 0);
  const int sparse[4] = {-1, -1, -1, -1};
  REQUIRE(register_files(ring, sparse, 4).ok());
  int fds[1] = {fd};
  prep_files_update(*test::get_sqe(ring), fds, 1, 1);
  CHECK(test::run(ring) == 1);
  char buf[16] = {};
  CHECK(test::read_fixed_file(ring, 1, buf, sizeof(buf)) == 7);
  CHECK(std::string(buf) == "updated");
  // Clear slot 1 again.
  int clear[1] = {-1};
  prep_files_update(*test::get_sqe(ring), clear, 1, 1);
  CHECK(test::run(ring) == 1);
  CHECK(test::read_fixed_file(ring, 1, buf, sizeof(buf)) == -EBADF);
  // Let the kernel pick: the index comes back in the array.
  int alloc[1] = {fd};
  prep_files_update(*test::get_sqe(ring), alloc, 1, file_index_alloc);
  const int res = test::run(ring);
  if (res == -EINVAL && !test::kernel_at_least(5, 19)) {
    close(fd);
    FRING_SKIP("kernel lacks file_index_alloc for FILES_UPDATE (Linux 5.19)");
  }
  CHECK(res == 1);
  REQUIRE(alloc[0] >= 0);
  REQUIRE(alloc[0] < 4);
  std::memset(buf, 0, sizeof(buf));
  CHECK(test::read_fixed_file(ring, alloc[0], buf, sizeof(buf)) == 7);
  CHECK(std::string(buf) == "updated");
  close(fd);
}

TEST_CASE("fixed_fd_install turns a fixed file into a real fd") {
  FRING_REQUIRE_OP(op::fixed_fd_install);
  FRING_RING(ring, 2);
  test::TempDir dir;
  test::write_file(dir.path("f"), "installed");
  int fd = open(dir.path("f").c_str(), O_RDONLY | O_CLOEXEC);
  REQUIRE(fd >= 0);
  const int files[2] = {fd, -1};
  REQUIRE(register_files(ring, files, 2).ok());
  close(fd);  // only the fixed file is left
  prep_fixed_fd_install(*test::get_sqe(ring), 0, 0);
  fd = test::run(ring);
  REQUIRE(fd >= 0);
  CHECK(test::read_fd(fd) == "installed");
  CHECK((fcntl(fd, F_GETFD) & FD_CLOEXEC) != 0);
  close(fd);
  prep_fixed_fd_install(*test::get_sqe(ring), 0, fixed_fd_flag::no_cloexec);
  fd = test::run(ring);
  REQUIRE(fd >= 0);
  CHECK((fcntl(fd, F_GETFD) & FD_CLOEXEC) == 0);
  CHECK(test::read_fd(fd) == "installed");
  close(fd);
  prep_fixed_fd_install(*test::get_sqe(ring), 1, 0);  // empty slot
  CHECK(test::run(ring) == -EBADF);
  prep_fixed_fd_install(*test::get_sqe(ring), 0, 0x8);  // no such flag
  CHECK(test::run(ring) == -EINVAL);
}

TEST_CASE("writev_fixed/readv_fixed on registered buffers") {
  FRING_REQUIRE_OP(op::readv_fixed);
  FRING_REQUIRE_OP(op::writev_fixed);
  FRING_RING(ring, 2);
  test::TempFile f("rw_fixed");
  const int fd = f.fd;
  alignas(4096) static char raw[2][4096];
  for (size_t i = 0; i < sizeof(raw[0]); ++i) raw[0][i] = static_cast<char>('a' + i % 26);
  std::memset(raw[1], 0, sizeof(raw[1]));
  Iovec reg[2] = {{raw[0], sizeof(raw[0])}, {raw[1], sizeof(raw[1])}};
  auto registered = register_buffers(ring, reg, 2);
  if (!registered.ok() && registered.error() == Errno::enomem) {
    FRING_SKIP("RLIMIT_MEMLOCK too small to register buffers");
  }
  REQUIRE(registered.ok());
  // Two pieces of buffer 0, written back to back at offset 5.
  Iovec out[2] = {{raw[0] + 100, 300}, {raw[0] + 1000, 200}};
  Sqe* s = test::get_sqe(ring);
  prep_writev_fixed(*s, fd, out, 2, 5, 0, 0);
  sqe_set_flags(*s, sqe_flag::io_link);
  // Read them back into two pieces of buffer 1.
  Iovec in[2] = {{raw[1] + 7, 250}, {raw[1] + 2000, 250}};
  prep_readv_fixed(*test::get_sqe(ring), fd, in, 2, 5, 0, 1);
  test::must(ring.submit_and_wait(2));
  for (int i = 0; i < 2; ++i) {
    Cqe* cqe = test::must(ring.wait_cqe());
    CHECK(cqe->res == 500);
    ring.cqe_seen(cqe);
  }
  CHECK(std::memcmp(raw[1] + 7, raw[0] + 100, 250) == 0);
  CHECK(std::memcmp(raw[1] + 2000, raw[0] + 350, 50) == 0);
  CHECK(std::memcmp(raw[1] + 2050, raw[0] + 1000, 200) == 0);
  // An iovec outside the registered buffer is refused.
  static char outside[16];
  Iovec bad[1] = {{outside, sizeof(outside)}};
  prep_readv_fixed(*test::get_sqe(ring), fd, bad, 1, 0, 0, 1);
  CHECK(test::run(ring) == -EFAULT);
}

}  // namespace fring
