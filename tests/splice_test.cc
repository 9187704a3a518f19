// SPDX-License-Identifier: MIT
// Pipes through the ring beyond Zig's test 6 (in tests/conformance): splice
// from a fixed file, tee, and pipe creation with op::pipe into normal
// and direct descriptors.
#include <fcntl.h>
#include <unistd.h>
#include <cerrno>

#include <cstring>
#include <string>

#include "tests/support/files.h"
#include "tests/support/fring_test.h"
#include "tests/support/ring_util.h"

namespace fring {

TEST_CASE("splice from a fixed file (splice_flag::fd_in_fixed)") {
  FRING_REQUIRE_OP(op::splice);
  FRING_RING(ring, 2);
  test::TempFile in("splice_fixed");
  test::Pipe pipe;
  REQUIRE(write(in.fd, "fixed input", 11) == 11);
  const int files[1] = {in.fd};
  REQUIRE(register_files(ring, files, 1).ok());
  prep_splice(*test::get_sqe(ring), 0, 0, pipe.fds[1], -1, 11, splice_flag::fd_in_fixed);
  CHECK(test::run(ring) == 11);
  char buf[16] = {};
  CHECK(read(pipe.fds[0], buf, sizeof(buf)) == 11);
  CHECK(std::string(buf) == "fixed input");
}

TEST_CASE("tee duplicates pipe data without consuming it") {
  FRING_REQUIRE_OP(op::tee);
  FRING_RING(ring, 2);
  test::Pipe a;
  test::Pipe b;
  REQUIRE(write(a.fds[1], "hello", 5) == 5);
  prep_tee(*test::get_sqe(ring), a.fds[0], b.fds[1], 5, 0);
  CHECK(test::run(ring) == 5);
  char buf[8] = {};
  CHECK(read(b.fds[0], buf, sizeof(buf)) == 5);
  CHECK(std::string(buf) == "hello");
  std::memset(buf, 0, sizeof(buf));
  CHECK(read(a.fds[0], buf, sizeof(buf)) == 5);  // still there
  CHECK(std::string(buf) == "hello");
  // Both ends must be pipes.
  test::TempFile file("splice_tee");
  prep_tee(*test::get_sqe(ring), a.fds[0], file.fd, 5, 0);
  CHECK(test::run(ring) == -EINVAL);
}

TEST_CASE("pipe creates a pipe") {
  FRING_REQUIRE_OP(op::pipe);
  FRING_RING(ring, 2);
  int fds[2] = {-1, -1};
  prep_pipe(*test::get_sqe(ring), fds, O_CLOEXEC);
  REQUIRE(test::run(ring) == 0);
  REQUIRE(fds[0] >= 0);
  REQUIRE(fds[1] >= 0);
  CHECK((fcntl(fds[0], F_GETFD) & FD_CLOEXEC) != 0);
  CHECK((fcntl(fds[1], F_GETFL) & O_ACCMODE) == O_WRONLY);
  CHECK(write(fds[1], "through", 7) == 7);
  char buf[8] = {};
  CHECK(read(fds[0], buf, sizeof(buf)) == 7);
  CHECK(std::string(buf) == "through");
  close(fds[0]);
  close(fds[1]);
  int bad[2];
  prep_pipe(*test::get_sqe(ring), bad, 0x1);  // not a pipe2 flag
  CHECK(test::run(ring) == -EINVAL);
}

TEST_CASE("pipe_direct into chosen and allocated slots") {
  FRING_REQUIRE_OP(op::pipe);
  FRING_RING(ring, 2);
  const int sparse[4] = {-1, -1, -1, -1};
  REQUIRE(register_files(ring, sparse, 4).ok());
  int fds[2] = {-1, -1};
  prep_pipe_direct(*test::get_sqe(ring), fds, 0, 2);
  REQUIRE(test::run(ring) == 0);
  CHECK(fds[0] == 2);
  CHECK(fds[1] == 3);
  int any[2] = {-1, -1};
  prep_pipe_direct(*test::get_sqe(ring), any, 0, file_index_alloc);
  REQUIRE(test::run(ring) == 0);
  CHECK(any[0] >= 0);
  CHECK(any[0] < 2);
  CHECK(any[1] >= 0);
  CHECK(any[1] < 2);
  CHECK(any[0] != any[1]);
  // Data written to the fixed write end comes out of the fixed read end.
  const char msg[] = "fixed pipe";
  Sqe* s = test::get_sqe(ring);
  prep_write(*s, fds[1], msg, sizeof(msg), 0);
  sqe_set_flags(*s, sqe_flag::fixed_file);
  CHECK(test::run(ring) == static_cast<int>(sizeof(msg)));
  char buf[sizeof(msg)] = {};
  s = test::get_sqe(ring);
  prep_read(*s, fds[0], buf, sizeof(buf), 0);
  sqe_set_flags(*s, sqe_flag::fixed_file);
  CHECK(test::run(ring) == static_cast<int>(sizeof(msg)));
  CHECK(std::memcmp(buf, msg, sizeof(msg)) == 0);
  // The table is full now.
  prep_pipe_direct(*test::get_sqe(ring), any, 0, file_index_alloc);
  CHECK(test::run(ring) == -ENFILE);
}

}  // namespace fring
