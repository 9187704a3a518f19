// SPDX-License-Identifier: MIT
// Zig's conformance tests on the file system: 16 (fallocate), 17 (statx),
// 21 (renameat), 22 (unlinkat), 23 (mkdirat), 24 (symlinkat) and 25
// (linkat), each checked by its effect on a fresh directory; with the
// AT_FDCWD forms (rename, unlink, mkdir, symlink, link) alongside.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cerrno>

#include <cstdio>
#include <string>

#include "tests/support/files.h"
#include "tests/support/fring_test.h"
#include "tests/support/ring_util.h"

namespace fring {

TEST_CASE("Zig 16: fallocate") {
  FRING_REQUIRE_OP(op::fallocate);
  FRING_RING(ring, 2);
  test::TempFile f("fallocate");
  CHECK(test::file_size(f.fd) == 0);
  prep_fallocate(*test::get_sqe(ring), f.fd, 0, 0, 65536);
  const int res = test::run(ring);
  if (res == -EOPNOTSUPP) FRING_SKIP("file system of the test directory has no fallocate");
  REQUIRE(res == 0);
  CHECK(test::file_size(f.fd) == 65536);
}

TEST_CASE("Zig 17: statx") {
  FRING_REQUIRE_OP(op::statx);
  FRING_RING(ring, 2);
  test::TempDir dir;
  test::write_file(dir.path("f"), "foobar");
  Statx st{};
  prep_statx(*test::get_sqe(ring), dir.fd, "f", 0, STATX_SIZE, &st);
  REQUIRE(test::run(ring) == 0);
  CHECK((st.stx_mask & STATX_SIZE) != 0);
  CHECK(st.stx_size == 6);
  // An absolute path with AT_FDCWD, and a missing file.
  Statx st2{};
  const std::string path = dir.path("f");
  prep_statx(*test::get_sqe(ring), at::fdcwd, path.c_str(), 0, STATX_SIZE | STATX_MODE, &st2);
  REQUIRE(test::run(ring) == 0);
  CHECK(st2.stx_size == 6);
  CHECK(S_ISREG(st2.stx_mode));
  prep_statx(*test::get_sqe(ring), dir.fd, "missing", 0, STATX_SIZE, &st2);
  CHECK(test::run(ring) == -ENOENT);
}

TEST_CASE("Zig 21: renameat") {
  FRING_REQUIRE_OP(op::renameat);
  FRING_RING(ring, 2);
  test::TempDir dir;
  test::write_file(dir.path("old"), "renamed data");
  prep_renameat(*test::get_sqe(ring), dir.fd, "old", dir.fd, "new", 0);
  REQUIRE(test::run(ring) == 0);
  CHECK_FALSE(test::exists(dir.path("old")));
  CHECK(test::read_file(dir.path("new")) == "renamed data");
  // RENAME_NOREPLACE refuses to overwrite.
  test::write_file(dir.path("other"), "x");
  prep_renameat(*test::get_sqe(ring), dir.fd, "new", dir.fd, "other", RENAME_NOREPLACE);
  CHECK(test::run(ring) == -EEXIST);
  CHECK(test::read_file(dir.path("other")) == "x");
  // The AT_FDCWD form with absolute paths.
  const std::string from = dir.path("new");
  const std::string to = dir.path("last");
  prep_rename(*test::get_sqe(ring), from.c_str(), to.c_str());
  REQUIRE(test::run(ring) == 0);
  CHECK_FALSE(test::exists(from));
  CHECK(test::read_file(to) == "renamed data");
}

TEST_CASE("Zig 22: unlinkat") {
  FRING_REQUIRE_OP(op::unlinkat);
  FRING_RING(ring, 2);
  test::TempDir dir;
  test::write_file(dir.path("f"), "x");
  REQUIRE(mkdir(dir.path("d").c_str(), 0700) == 0);
  prep_unlinkat(*test::get_sqe(ring), dir.fd, "f", 0);
  REQUIRE(test::run(ring) == 0);
  CHECK_FALSE(test::exists(dir.path("f")));
  prep_unlinkat(*test::get_sqe(ring), dir.fd, "f", 0);
  CHECK(test::run(ring) == -ENOENT);
  // A directory needs AT_REMOVEDIR.
  const std::string d = dir.path("d");
  prep_unlink(*test::get_sqe(ring), d.c_str(), 0);
  CHECK(test::run(ring) == -EISDIR);
  prep_unlink(*test::get_sqe(ring), d.c_str(), AT_REMOVEDIR);
  REQUIRE(test::run(ring) == 0);
  CHECK_FALSE(test::exists(d));
}

TEST_CASE("Zig 23: mkdirat") {
  FRING_REQUIRE_OP(op::mkdirat);
  FRING_RING(ring, 2);
  test::TempDir dir;
  prep_mkdirat(*test::get_sqe(ring), dir.fd, "d", 0700);
  REQUIRE(test::run(ring) == 0);
  struct stat st;
  REQUIRE(stat(dir.path("d").c_str(), &st) == 0);
  CHECK(S_ISDIR(st.st_mode));
  CHECK((st.st_mode & 0777) == 0700);
  const std::string d = dir.path("d");
  prep_mkdir(*test::get_sqe(ring), d.c_str(), 0700);
  CHECK(test::run(ring) == -EEXIST);
  const std::string e = dir.path("e");
  prep_mkdir(*test::get_sqe(ring), e.c_str(), 0755);
  REQUIRE(test::run(ring) == 0);
  REQUIRE(stat(e.c_str(), &st) == 0);
  CHECK(S_ISDIR(st.st_mode));
}

TEST_CASE("Zig 24: symlinkat") {
  FRING_REQUIRE_OP(op::symlinkat);
  FRING_RING(ring, 2);
  test::TempDir dir;
  test::write_file(dir.path("target"), "through the link");
  prep_symlinkat(*test::get_sqe(ring), "target", dir.fd, "link");
  REQUIRE(test::run(ring) == 0);
  char buf[64] = {};
  CHECK(readlink(dir.path("link").c_str(), buf, sizeof(buf) - 1) == 6);
  CHECK(std::string(buf) == "target");
  CHECK(test::read_file(dir.path("link")) == "through the link");
  const std::string target = dir.path("target");
  const std::string link2 = dir.path("link2");
  prep_symlink(*test::get_sqe(ring), target.c_str(), link2.c_str());
  REQUIRE(test::run(ring) == 0);
  CHECK(test::read_file(link2) == "through the link");
  prep_symlink(*test::get_sqe(ring), target.c_str(), link2.c_str());
  CHECK(test::run(ring) == -EEXIST);
}

TEST_CASE("Zig 25: linkat") {
  FRING_REQUIRE_OP(op::linkat);
  FRING_RING(ring, 2);
  test::TempDir dir;
  test::write_file(dir.path("a"), "hard linked");
  prep_linkat(*test::get_sqe(ring), dir.fd, "a", dir.fd, "b", 0);
  REQUIRE(test::run(ring) == 0);
  CHECK(test::read_file(dir.path("b")) == "hard linked");
  struct stat sa, sb;
  REQUIRE(stat(dir.path("a").c_str(), &sa) == 0);
  REQUIRE(stat(dir.path("b").c_str(), &sb) == 0);
  CHECK(sa.st_ino == sb.st_ino);
  CHECK(sa.st_nlink == 2);
  const std::string a = dir.path("a");
  const std::string c = dir.path("c");
  prep_link(*test::get_sqe(ring), a.c_str(), c.c_str(), 0);
  REQUIRE(test::run(ring) == 0);
  REQUIRE(stat(a.c_str(), &sa) == 0);
  CHECK(sa.st_nlink == 3);
  prep_link(*test::get_sqe(ring), a.c_str(), c.c_str(), 0);
  CHECK(test::run(ring) == -EEXIST);
}

}  // namespace fring
