// SPDX-License-Identifier: MIT
// File-system requests through the ring, each checked by its effect on the
// file system: fallocate, statx, the directory operations, direct opens
// (Zig's tests 16, 17, 21-25, 35), openat2 with RESOLVE_* rules, ftruncate,
// fadvise/madvise, sync_file_range and extended attributes; plus the
// fixed-file and fixed-buffer requests: files_update, fixed_fd_install,
// readv_fixed and writev_fixed.
#include <cerrno>
#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>

#include "tests/support/fring_test.h"
#include "tests/support/ring_util.h"

namespace fring {

namespace {

// A fresh directory under test::tmp_dir(), open as `fd`, removed with its
// contents when the test ends.
struct Scratch {
  Scratch() {
    std::string tmpl = std::string(test::tmp_dir()) + "/fring_fs_XXXXXX";
    REQUIRE(mkdtemp(tmpl.data()) != nullptr);
    dir = tmpl;
    fd = open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    REQUIRE(fd >= 0);
  }
  ~Scratch() {
    close(fd);
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
  }
  std::string path(const char* name) const { return dir + "/" + name; }
  std::string dir;
  int fd;
};

void write_file(const std::string& path, const std::string& data) {
  const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  REQUIRE(fd >= 0);
  REQUIRE(write(fd, data.data(), data.size()) == static_cast<ssize_t>(data.size()));
  close(fd);
}

// The contents of the file that `fd` refers to, from offset 0.
std::string read_fd(int fd) {
  char buf[256];
  const ssize_t n = pread(fd, buf, sizeof(buf), 0);
  REQUIRE(n >= 0);
  return std::string(buf, static_cast<size_t>(n));
}

std::string read_file(const std::string& path) {
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return "<missing>";
  std::string s = read_fd(fd);
  close(fd);
  return s;
}

bool exists(const std::string& path) {
  struct stat st;
  return lstat(path.c_str(), &st) == 0;
}

off_t size_of(int fd) {
  struct stat st;
  REQUIRE(fstat(fd, &st) == 0);
  return st.st_size;
}

}  // namespace

TEST_CASE("fallocate grows the file (Zig 16)") {
  FRING_REQUIRE_OP(IORING_OP_FALLOCATE);
  FRING_RING(ring, 2);
  Scratch dir;
  const int fd = open(dir.path("f").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  REQUIRE(fd >= 0);
  CHECK(size_of(fd) == 0);
  prep_fallocate(*ring.get_sqe(), fd, 0, 0, 65536);
  const int res = test::run(ring);
  close(fd);
  if (res == -EOPNOTSUPP) FRING_SKIP("file system of the test directory has no fallocate");
  REQUIRE(res == 0);
  const int again = open(dir.path("f").c_str(), O_RDONLY | O_CLOEXEC);
  CHECK(size_of(again) == 65536);
  close(again);
}

TEST_CASE("statx reports the size (Zig 17)") {
  FRING_REQUIRE_OP(IORING_OP_STATX);
  FRING_RING(ring, 2);
  Scratch dir;
  write_file(dir.path("f"), "foobar");
  Statx st{};
  prep_statx(*ring.get_sqe(), dir.fd, "f", 0, STATX_SIZE, &st);
  REQUIRE(test::run(ring) == 0);
  CHECK((st.stx_mask & STATX_SIZE) != 0);
  CHECK(st.stx_size == 6);
  // An absolute path with AT_FDCWD, and a missing file.
  Statx st2{};
  const std::string path = dir.path("f");
  prep_statx(*ring.get_sqe(), sys::at_fdcwd, path.c_str(), 0, STATX_SIZE | STATX_MODE, &st2);
  REQUIRE(test::run(ring) == 0);
  CHECK(st2.stx_size == 6);
  CHECK(S_ISREG(st2.stx_mode));
  prep_statx(*ring.get_sqe(), dir.fd, "missing", 0, STATX_SIZE, &st2);
  CHECK(test::run(ring) == -ENOENT);
}

TEST_CASE("renameat and rename (Zig 21)") {
  FRING_REQUIRE_OP(IORING_OP_RENAMEAT);
  FRING_RING(ring, 2);
  Scratch dir;
  write_file(dir.path("old"), "renamed data");
  prep_renameat(*ring.get_sqe(), dir.fd, "old", dir.fd, "new", 0);
  REQUIRE(test::run(ring) == 0);
  CHECK_FALSE(exists(dir.path("old")));
  CHECK(read_file(dir.path("new")) == "renamed data");
  // RENAME_NOREPLACE refuses to overwrite.
  write_file(dir.path("other"), "x");
  prep_renameat(*ring.get_sqe(), dir.fd, "new", dir.fd, "other", RENAME_NOREPLACE);
  CHECK(test::run(ring) == -EEXIST);
  CHECK(read_file(dir.path("other")) == "x");
  // The AT_FDCWD form with absolute paths.
  const std::string from = dir.path("new");
  const std::string to = dir.path("last");
  prep_rename(*ring.get_sqe(), from.c_str(), to.c_str());
  REQUIRE(test::run(ring) == 0);
  CHECK_FALSE(exists(from));
  CHECK(read_file(to) == "renamed data");
}

TEST_CASE("unlinkat and unlink (Zig 22)") {
  FRING_REQUIRE_OP(IORING_OP_UNLINKAT);
  FRING_RING(ring, 2);
  Scratch dir;
  write_file(dir.path("f"), "x");
  REQUIRE(mkdir(dir.path("d").c_str(), 0700) == 0);
  prep_unlinkat(*ring.get_sqe(), dir.fd, "f", 0);
  REQUIRE(test::run(ring) == 0);
  CHECK_FALSE(exists(dir.path("f")));
  prep_unlinkat(*ring.get_sqe(), dir.fd, "f", 0);
  CHECK(test::run(ring) == -ENOENT);
  // A directory needs AT_REMOVEDIR.
  const std::string d = dir.path("d");
  prep_unlink(*ring.get_sqe(), d.c_str(), 0);
  CHECK(test::run(ring) == -EISDIR);
  prep_unlink(*ring.get_sqe(), d.c_str(), AT_REMOVEDIR);
  REQUIRE(test::run(ring) == 0);
  CHECK_FALSE(exists(d));
}

TEST_CASE("mkdirat and mkdir (Zig 23)") {
  FRING_REQUIRE_OP(IORING_OP_MKDIRAT);
  FRING_RING(ring, 2);
  Scratch dir;
  prep_mkdirat(*ring.get_sqe(), dir.fd, "d", 0700);
  REQUIRE(test::run(ring) == 0);
  struct stat st;
  REQUIRE(stat(dir.path("d").c_str(), &st) == 0);
  CHECK(S_ISDIR(st.st_mode));
  CHECK((st.st_mode & 0777) == 0700);
  const std::string d = dir.path("d");
  prep_mkdir(*ring.get_sqe(), d.c_str(), 0700);
  CHECK(test::run(ring) == -EEXIST);
  const std::string e = dir.path("e");
  prep_mkdir(*ring.get_sqe(), e.c_str(), 0755);
  REQUIRE(test::run(ring) == 0);
  REQUIRE(stat(e.c_str(), &st) == 0);
  CHECK(S_ISDIR(st.st_mode));
}

TEST_CASE("symlinkat and symlink (Zig 24)") {
  FRING_REQUIRE_OP(IORING_OP_SYMLINKAT);
  FRING_RING(ring, 2);
  Scratch dir;
  write_file(dir.path("target"), "through the link");
  prep_symlinkat(*ring.get_sqe(), "target", dir.fd, "link");
  REQUIRE(test::run(ring) == 0);
  char buf[64] = {};
  CHECK(readlink(dir.path("link").c_str(), buf, sizeof(buf) - 1) == 6);
  CHECK(std::string(buf) == "target");
  CHECK(read_file(dir.path("link")) == "through the link");
  const std::string target = dir.path("target");
  const std::string link2 = dir.path("link2");
  prep_symlink(*ring.get_sqe(), target.c_str(), link2.c_str());
  REQUIRE(test::run(ring) == 0);
  CHECK(read_file(link2) == "through the link");
  prep_symlink(*ring.get_sqe(), target.c_str(), link2.c_str());
  CHECK(test::run(ring) == -EEXIST);
}

TEST_CASE("linkat and link (Zig 25)") {
  FRING_REQUIRE_OP(IORING_OP_LINKAT);
  FRING_RING(ring, 2);
  Scratch dir;
  write_file(dir.path("a"), "hard linked");
  prep_linkat(*ring.get_sqe(), dir.fd, "a", dir.fd, "b", 0);
  REQUIRE(test::run(ring) == 0);
  CHECK(read_file(dir.path("b")) == "hard linked");
  struct stat sa, sb;
  REQUIRE(stat(dir.path("a").c_str(), &sa) == 0);
  REQUIRE(stat(dir.path("b").c_str(), &sb) == 0);
  CHECK(sa.st_ino == sb.st_ino);
  CHECK(sa.st_nlink == 2);
  const std::string a = dir.path("a");
  const std::string c = dir.path("c");
  prep_link(*ring.get_sqe(), a.c_str(), c.c_str(), 0);
  REQUIRE(test::run(ring) == 0);
  REQUIRE(stat(a.c_str(), &sa) == 0);
  CHECK(sa.st_nlink == 3);
  prep_link(*ring.get_sqe(), a.c_str(), c.c_str(), 0);
  CHECK(test::run(ring) == -EEXIST);
}

TEST_CASE("openat_direct/close_direct into slots 0, 1 and by alloc (Zig 35)") {
  FRING_REQUIRE_OP(IORING_OP_OPENAT);
  FRING_RING(ring, 2);
  Scratch dir;
  write_file(dir.path("f"), "direct");
  const int sparse[3] = {-1, -1, -1};
  REQUIRE(register_files(ring, sparse, 3).ok());
  prep_openat_direct(*ring.get_sqe(), dir.fd, "f", O_RDONLY, 0, 0);
  const int first = test::run(ring);
  if (first == -EINVAL) FRING_SKIP("kernel lacks direct descriptors (Linux 5.15)");
  CHECK(first == 0);
  const std::string path = dir.path("f");
  prep_open_direct(*ring.get_sqe(), path.c_str(), O_RDONLY, 0, 1);
  CHECK(test::run(ring) == 0);
  prep_open_direct(*ring.get_sqe(), path.c_str(), O_RDONLY, 0, IORING_FILE_INDEX_ALLOC);
  CHECK(test::run(ring) == 2);  // the one free slot
  prep_open_direct(*ring.get_sqe(), path.c_str(), O_RDONLY, 0, IORING_FILE_INDEX_ALLOC);
  CHECK(test::run(ring) == -ENFILE);
  for (int slot = 0; slot < 3; ++slot) {
    char buf[16] = {};
    CHECK(test::read_fixed_file(ring, slot, buf, sizeof(buf)) == 6);
    CHECK(std::string(buf) == "direct");
    prep_close_direct(*ring.get_sqe(), static_cast<unsigned>(slot));
    CHECK(test::run(ring) == 0);
  }
  prep_close_direct(*ring.get_sqe(), 0);
  CHECK(test::run(ring) == -EBADF);
}

TEST_CASE("open and openat2 with RESOLVE_* rules") {
  FRING_REQUIRE_OP(IORING_OP_OPENAT2);
  FRING_RING(ring, 2);
  Scratch dir;
  write_file(dir.path("f"), "openat2");
  REQUIRE(symlink("f", dir.path("l").c_str()) == 0);

  OpenHow how{};
  how.flags = O_RDONLY | O_CLOEXEC;
  how.resolve = RESOLVE_BENEATH;
  prep_openat2(*ring.get_sqe(), dir.fd, "f", &how);
  const int fd = test::run(ring);
  REQUIRE(fd >= 0);
  CHECK(read_fd(fd) == "openat2");
  close(fd);
  // RESOLVE_BENEATH refuses to leave the directory.
  prep_openat2(*ring.get_sqe(), dir.fd, "../f", &how);
  CHECK(test::run(ring) == -EXDEV);
  // RESOLVE_NO_SYMLINKS refuses the symlink.
  how.resolve = RESOLVE_NO_SYMLINKS;
  prep_openat2(*ring.get_sqe(), dir.fd, "l", &how);
  CHECK(test::run(ring) == -ELOOP);
  // Unknown RESOLVE_* bits are rejected.
  how.resolve = 1ULL << 40;
  prep_openat2(*ring.get_sqe(), dir.fd, "f", &how);
  CHECK(test::run(ring) == -EINVAL);

  // Into a fixed-file slot.
  const int sparse[1] = {-1};
  REQUIRE(register_files(ring, sparse, 1).ok());
  how.resolve = RESOLVE_BENEATH;
  how.flags = O_RDONLY;
  prep_openat2_direct(*ring.get_sqe(), dir.fd, "f", &how, 0);
  REQUIRE(test::run(ring) == 0);
  char buf[16] = {};
  CHECK(test::read_fixed_file(ring, 0, buf, sizeof(buf)) == 7);
  CHECK(std::string(buf) == "openat2");

  // prep_open: relative to the current directory, here an absolute path.
  const std::string created = dir.path("created");
  prep_open(*ring.get_sqe(), created.c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0600);
  const int cfd = test::run(ring);
  REQUIRE(cfd >= 0);
  struct stat st;
  REQUIRE(fstat(cfd, &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  close(cfd);
}

TEST_CASE("ftruncate") {
  FRING_REQUIRE_OP(IORING_OP_FTRUNCATE);
  FRING_RING(ring, 2);
  Scratch dir;
  write_file(dir.path("f"), std::string(100, 'x'));
  const int fd = open(dir.path("f").c_str(), O_RDWR | O_CLOEXEC);
  REQUIRE(fd >= 0);
  prep_ftruncate(*ring.get_sqe(), fd, 10);
  CHECK(test::run(ring) == 0);
  CHECK(size_of(fd) == 10);
  prep_ftruncate(*ring.get_sqe(), fd, 1 << 20);
  CHECK(test::run(ring) == 0);
  CHECK(size_of(fd) == 1 << 20);
  prep_ftruncate(*ring.get_sqe(), fd, -1);
  CHECK(test::run(ring) == -EINVAL);
  close(fd);
  // Not open for writing.
  const int ro = open(dir.path("f").c_str(), O_RDONLY | O_CLOEXEC);
  REQUIRE(ro >= 0);
  prep_ftruncate(*ring.get_sqe(), ro, 0);
  CHECK(test::run(ring) == -EINVAL);
  CHECK(size_of(ro) == 1 << 20);
  close(ro);
}

TEST_CASE("fadvise") {
  FRING_REQUIRE_OP(IORING_OP_FADVISE);
  FRING_RING(ring, 2);
  Scratch dir;
  write_file(dir.path("f"), std::string(8192, 'a'));
  const int fd = open(dir.path("f").c_str(), O_RDONLY | O_CLOEXEC);
  REQUIRE(fd >= 0);
  prep_fadvise(*ring.get_sqe(), fd, 0, 8192, POSIX_FADV_WILLNEED);
  CHECK(test::run(ring) == 0);
  prep_fadvise(*ring.get_sqe(), fd, 0, 0, POSIX_FADV_DONTNEED);
  CHECK(test::run(ring) == 0);
  prep_fadvise(*ring.get_sqe(), fd, 0, 8192, 12345);  // no such advice
  CHECK(test::run(ring) == -EINVAL);
  int pipefd[2];
  REQUIRE(pipe(pipefd) == 0);
  prep_fadvise(*ring.get_sqe(), pipefd[0], 0, 0, POSIX_FADV_NORMAL);
  CHECK(test::run(ring) == -ESPIPE);
  close(pipefd[0]);
  close(pipefd[1]);
  close(fd);
}

TEST_CASE("fadvise64") {
  FRING_REQUIRE_OP(IORING_OP_FADVISE);
  FRING_RING(ring, 2);
  Scratch dir;
  write_file(dir.path("f"), std::string(4096, 'a'));
  const int fd = open(dir.path("f").c_str(), O_RDONLY | O_CLOEXEC);
  REQUIRE(fd >= 0);
  prep_fadvise64(*ring.get_sqe(), fd, 0, 5LL << 30, POSIX_FADV_DONTNEED);  // over 4 GiB
  const int res = test::run(ring);
  close(fd);
  if (res == -EINVAL && !test::kernel_at_least(6, 11)) {
    FRING_SKIP("kernel lacks 64-bit IORING_OP_FADVISE lengths (Linux 6.11)");
  }
  CHECK(res == 0);
}

TEST_CASE("madvise drops anonymous pages") {
  FRING_REQUIRE_OP(IORING_OP_MADVISE);
  FRING_RING(ring, 2);
  const size_t len = 2 * static_cast<size_t>(sysconf(_SC_PAGESIZE));
  void* mem = mmap(nullptr, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  REQUIRE(mem != MAP_FAILED);
  auto* bytes = static_cast<unsigned char*>(mem);
  std::memset(bytes, 'x', len);
  prep_madvise(*ring.get_sqe(), mem, static_cast<uint32_t>(len), MADV_DONTNEED);
  const int res = test::run(ring);
  if (res == -EOPNOTSUPP) {
    munmap(mem, len);
    FRING_SKIP("kernel built without CONFIG_ADVISE_SYSCALLS");
  }
  CHECK(res == 0);
  // Private anonymous pages read back as zero after MADV_DONTNEED.
  CHECK(bytes[0] == 0);
  CHECK(bytes[len - 1] == 0);
  prep_madvise(*ring.get_sqe(), bytes + 1, 16, MADV_DONTNEED);  // unaligned
  CHECK(test::run(ring) == -EINVAL);
  munmap(mem, len);
}

TEST_CASE("madvise64") {
  FRING_REQUIRE_OP(IORING_OP_MADVISE);
  FRING_RING(ring, 2);
  const size_t len = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  void* mem = mmap(nullptr, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  REQUIRE(mem != MAP_FAILED);
  auto* bytes = static_cast<unsigned char*>(mem);
  std::memset(bytes, 'x', len);
  prep_madvise64(*ring.get_sqe(), mem, static_cast<int64_t>(len), MADV_DONTNEED);
  const int res = test::run(ring);
  const unsigned char first = bytes[0];
  munmap(mem, len);
  if (res == -EOPNOTSUPP) FRING_SKIP("kernel built without CONFIG_ADVISE_SYSCALLS");
  if (res == -EINVAL && !test::kernel_at_least(6, 11)) {
    FRING_SKIP("kernel lacks 64-bit IORING_OP_MADVISE lengths (Linux 6.11)");
  }
  CHECK(res == 0);
  CHECK(first == 0);
}

TEST_CASE("sync_file_range") {
  FRING_REQUIRE_OP(IORING_OP_SYNC_FILE_RANGE);
  FRING_RING(ring, 2);
  Scratch dir;
  const int fd = open(dir.path("f").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  REQUIRE(fd >= 0);
  const std::string data(4096, 's');
  REQUIRE(write(fd, data.data(), data.size()) == 4096);
  prep_sync_file_range(*ring.get_sqe(), fd, 4096, 0,
                       SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE |
                           SYNC_FILE_RANGE_WAIT_AFTER);
  CHECK(test::run(ring) == 0);
  prep_sync_file_range(*ring.get_sqe(), fd, 4096, 0, 0x80);  // no such flag
  CHECK(test::run(ring) == -EINVAL);
  int pipefd[2];
  REQUIRE(pipe(pipefd) == 0);
  prep_sync_file_range(*ring.get_sqe(), pipefd[0], 0, 0, SYNC_FILE_RANGE_WRITE);
  CHECK(test::run(ring) == -ESPIPE);
  close(pipefd[0]);
  close(pipefd[1]);
  close(fd);
}

TEST_CASE("xattrs: set then get back, by fd and by path") {
  FRING_REQUIRE_OP(IORING_OP_FSETXATTR);
  FRING_REQUIRE_OP(IORING_OP_SETXATTR);
  FRING_REQUIRE_OP(IORING_OP_FGETXATTR);
  FRING_REQUIRE_OP(IORING_OP_GETXATTR);
  FRING_RING(ring, 2);
  Scratch dir;
  write_file(dir.path("f"), "x");
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
    FRING_SKIP("the test directory's file system takes neither user.* nor trusted.* xattrs "
               "(tmpfs has user.* since Linux 6.6)");
  }
  const std::string name = std::string(ns) + ".fring";

  prep_fsetxattr(*ring.get_sqe(), fd, name.c_str(), "v1", XATTR_CREATE, 2);
  CHECK(test::run(ring) == 0);
  char value[32] = {};
  CHECK(fgetxattr(fd, name.c_str(), value, sizeof(value)) == 2);
  CHECK(std::string(value) == "v1");
  prep_fsetxattr(*ring.get_sqe(), fd, name.c_str(), "v1", XATTR_CREATE, 2);
  CHECK(test::run(ring) == -EEXIST);

  std::memset(value, 0, sizeof(value));
  prep_fgetxattr(*ring.get_sqe(), fd, name.c_str(), value, sizeof(value));
  CHECK(test::run(ring) == 2);
  CHECK(std::string(value) == "v1");
  prep_fgetxattr(*ring.get_sqe(), fd, name.c_str(), value, 1);
  CHECK(test::run(ring) == -ERANGE);

  prep_setxattr(*ring.get_sqe(), name.c_str(), "second", path.c_str(), XATTR_REPLACE, 6);
  CHECK(test::run(ring) == 0);
  std::memset(value, 0, sizeof(value));
  prep_getxattr(*ring.get_sqe(), name.c_str(), value, path.c_str(), sizeof(value));
  CHECK(test::run(ring) == 6);
  CHECK(std::string(value) == "second");
  const std::string missing = std::string(ns) + ".absent";
  prep_getxattr(*ring.get_sqe(), missing.c_str(), value, path.c_str(), sizeof(value));
  CHECK(test::run(ring) == -ENODATA);
  close(fd);
}

TEST_CASE("files_update through the ring") {
  FRING_REQUIRE_OP(IORING_OP_FILES_UPDATE);
  FRING_RING(ring, 2);
  Scratch dir;
  write_file(dir.path("f"), "updated");
  const int fd = open(dir.path("f").c_str(), O_RDONLY | O_CLOEXEC);
  REQUIRE(fd >= 0);
  const int sparse[4] = {-1, -1, -1, -1};
  REQUIRE(register_files(ring, sparse, 4).ok());
  int fds[1] = {fd};
  prep_files_update(*ring.get_sqe(), fds, 1, 1);
  CHECK(test::run(ring) == 1);
  char buf[16] = {};
  CHECK(test::read_fixed_file(ring, 1, buf, sizeof(buf)) == 7);
  CHECK(std::string(buf) == "updated");
  // Clear slot 1 again.
  int clear[1] = {-1};
  prep_files_update(*ring.get_sqe(), clear, 1, 1);
  CHECK(test::run(ring) == 1);
  CHECK(test::read_fixed_file(ring, 1, buf, sizeof(buf)) == -EBADF);
  // Let the kernel pick: the index comes back in the array.
  int alloc[1] = {fd};
  prep_files_update(*ring.get_sqe(), alloc, 1, IORING_FILE_INDEX_ALLOC);
  const int res = test::run(ring);
  if (res == -EINVAL && !test::kernel_at_least(5, 19)) {
    close(fd);
    FRING_SKIP("kernel lacks IORING_FILE_INDEX_ALLOC for FILES_UPDATE (Linux 5.19)");
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
  FRING_REQUIRE_OP(IORING_OP_FIXED_FD_INSTALL);
  FRING_RING(ring, 2);
  Scratch dir;
  write_file(dir.path("f"), "installed");
  int fd = open(dir.path("f").c_str(), O_RDONLY | O_CLOEXEC);
  REQUIRE(fd >= 0);
  const int files[2] = {fd, -1};
  REQUIRE(register_files(ring, files, 2).ok());
  close(fd);  // only the fixed file is left
  prep_fixed_fd_install(*ring.get_sqe(), 0, 0);
  fd = test::run(ring);
  REQUIRE(fd >= 0);
  CHECK(read_fd(fd) == "installed");
  CHECK((fcntl(fd, F_GETFD) & FD_CLOEXEC) != 0);
  close(fd);
  prep_fixed_fd_install(*ring.get_sqe(), 0, IORING_FIXED_FD_NO_CLOEXEC);
  fd = test::run(ring);
  REQUIRE(fd >= 0);
  CHECK((fcntl(fd, F_GETFD) & FD_CLOEXEC) == 0);
  CHECK(read_fd(fd) == "installed");
  close(fd);
  prep_fixed_fd_install(*ring.get_sqe(), 1, 0);  // empty slot
  CHECK(test::run(ring) == -EBADF);
  prep_fixed_fd_install(*ring.get_sqe(), 0, 0x8);  // no such flag
  CHECK(test::run(ring) == -EINVAL);
}

TEST_CASE("writev_fixed/readv_fixed on registered buffers") {
  FRING_REQUIRE_OP(IORING_OP_READV_FIXED);
  FRING_REQUIRE_OP(IORING_OP_WRITEV_FIXED);
  FRING_RING(ring, 2);
  Scratch dir;
  const int fd = open(dir.path("f").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  REQUIRE(fd >= 0);
  alignas(4096) static char raw[2][4096];
  for (size_t i = 0; i < sizeof(raw[0]); ++i) raw[0][i] = static_cast<char>('a' + i % 26);
  std::memset(raw[1], 0, sizeof(raw[1]));
  Iovec reg[2] = {{raw[0], sizeof(raw[0])}, {raw[1], sizeof(raw[1])}};
  auto registered = register_buffers(ring, reg, 2);
  if (!registered.ok() && registered.error() == Errno::enomem) {
    close(fd);
    FRING_SKIP("RLIMIT_MEMLOCK too small to register buffers");
  }
  REQUIRE(registered.ok());
  // Two pieces of buffer 0, written back to back at offset 5.
  Iovec out[2] = {{raw[0] + 100, 300}, {raw[0] + 1000, 200}};
  Sqe* s = ring.get_sqe();
  prep_writev_fixed(*s, fd, out, 2, 5, 0, 0);
  sqe_set_flags(*s, IOSQE_IO_LINK);
  // Read them back into two pieces of buffer 1.
  Iovec in[2] = {{raw[1] + 7, 250}, {raw[1] + 2000, 250}};
  prep_readv_fixed(*ring.get_sqe(), fd, in, 2, 5, 0, 1);
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
  prep_readv_fixed(*ring.get_sqe(), fd, bad, 1, 0, 0, 1);
  CHECK(test::run(ring) == -EFAULT);
  close(fd);
}

}  // namespace fring
