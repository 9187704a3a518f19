// SPDX-License-Identifier: MIT
// MSG_RING between two rings: a data message (with and without CQE flags
// passed along) and fixed files handed to the other ring's table, into a
// chosen slot, an allocated one, and without a CQE there.
#include <fcntl.h>
#include <unistd.h>
#include <cerrno>

#include <string>

#include "tests/support/files.h"
#include "tests/support/fring_test.h"
#include "tests/support/ring_util.h"

namespace fring {

namespace {

// A file holding "passed along", registered as fixed file 0 of `ring`.
struct SourceFile : test::TempFile {
  explicit SourceFile(Ring& ring) : test::TempFile("msg_ring", "passed along") {
    const int files[1] = {fd};
    REQUIRE(register_files(ring, files, 1).ok());
  }
};

// Reads fixed file `slot` of `ring` from offset 0.
std::string read_slot(Ring& ring, int slot) {
  char buf[32] = {};
  const int res = test::read_fixed_file(ring, slot, buf, sizeof(buf));
  return res < 0 ? std::string("error ") + std::to_string(res)
                 : std::string(buf, static_cast<size_t>(res));
}

}  // namespace

TEST_CASE("msg_ring posts data to another ring") {
  FRING_REQUIRE_OP(op::msg_ring);
  FRING_RING(src, 2);
  FRING_RING(dst, 2);
  Sqe* s = test::get_sqe(src);
  prep_msg_ring(*s, dst.fd(), 0x1234, 0xdeadbeefcafeULL, 0);
  sqe_set_data64(*s, 1);
  const Cqe sent = test::complete(src);
  CHECK(sent.user_data == 1);
  CHECK(sent.res == 0);
  const Cqe got = test::reap(dst);
  CHECK(got.res == 0x1234);
  CHECK(got.user_data == 0xdeadbeefcafeULL);
  CHECK(got.flags == 0);
  // Not a ring.
  const int zero = open("/dev/zero", O_RDONLY | O_CLOEXEC);
  REQUIRE(zero >= 0);
  prep_msg_ring(*test::get_sqe(src), zero, 1, 2, 0);
  CHECK(test::complete(src).res == -EBADFD);
  close(zero);
}

TEST_CASE("msg_ring_cqe_flags passes the CQE flags along") {
  FRING_REQUIRE_OP(op::msg_ring);
  FRING_RING(src, 2);
  FRING_RING(dst, 2);
  prep_msg_ring_cqe_flags(*test::get_sqe(src), dst.fd(), 77, 0x55, 0, 0xabcd0000);
  const int res = test::complete(src).res;
  if (res == -EINVAL && !test::kernel_at_least(6, 3)) {
    FRING_SKIP("kernel lacks msg_ring_flag::flags_pass (Linux 6.3)");
  }
  REQUIRE(res == 0);
  const Cqe got = test::reap(dst);
  CHECK(got.res == 77);
  CHECK(got.user_data == 0x55);
  CHECK(got.flags == 0xabcd0000);
}

TEST_CASE("msg_ring_fd and msg_ring_fd_alloc hand a fixed file over") {
  FRING_REQUIRE_OP(op::msg_ring);
  FRING_RING(src, 2);
  FRING_RING(dst, 2);
  SourceFile file(src);
  const int sparse[4] = {-1, -1, -1, -1};
  REQUIRE(register_files(dst, sparse, 4).ok());

  prep_msg_ring_fd(*test::get_sqe(src), dst.fd(), 0, 2, 0xa, 0);
  const int res = test::complete(src).res;
  if (res == -EINVAL && !test::kernel_at_least(6, 0)) {
    FRING_SKIP("kernel lacks msg_ring_cmd::send_fd (Linux 6.0)");
  }
  REQUIRE(res == 0);
  Cqe got = test::reap(dst);
  CHECK(got.user_data == 0xa);
  CHECK(got.res == 0);
  CHECK(read_slot(dst, 2) == "passed along");

  // Both rings learn the slot the kernel picked.
  prep_msg_ring_fd_alloc(*test::get_sqe(src), dst.fd(), 0, 0xb, 0);
  const int picked = test::complete(src).res;
  got = test::reap(dst);
  CHECK(got.user_data == 0xb);
  CHECK(got.res == picked);
  REQUIRE(got.res >= 0);
  REQUIRE(got.res < 4);
  CHECK(got.res != 2);
  CHECK(read_slot(dst, got.res) == "passed along");

  // An empty source slot, and the sender's own ring as target.
  prep_msg_ring_fd(*test::get_sqe(src), dst.fd(), 1, 3, 0xc, 0);
  CHECK(test::complete(src).res == -EBADF);
  prep_msg_ring_fd(*test::get_sqe(src), src.fd(), 0, 0, 0xd, 0);
  CHECK(test::complete(src).res == -EINVAL);
}

TEST_CASE("msg_ring_fd with msg_ring_flag::cqe_skip") {
  FRING_REQUIRE_OP(op::msg_ring);
  FRING_RING(src, 2);
  FRING_RING(dst, 2);
  SourceFile file(src);
  const int sparse[2] = {-1, -1};
  REQUIRE(register_files(dst, sparse, 2).ok());
  prep_msg_ring_fd(*test::get_sqe(src), dst.fd(), 0, 1, 0xe, msg_ring_flag::cqe_skip);
  const int res = test::complete(src).res;
  if (res == -EINVAL && !test::kernel_at_least(6, 0)) {
    FRING_SKIP("kernel lacks msg_ring_cmd::send_fd (Linux 6.0)");
  }
  REQUIRE(res == 0);
  // The file arrived, and the only CQE in dst is the read's own.
  CHECK(read_slot(dst, 1) == "passed along");
  CHECK(dst.cq_ready() == 0);
}

}  // namespace fring
