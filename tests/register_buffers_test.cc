// SPDX-License-Identifier: MIT
// The fixed-buffer table beyond register_buffers (file_io_test covers that):
// a sparse table filled by BUFFERS_UPDATE and read into with READ_FIXED,
// tags that come back as CQEs when a buffer is replaced or unregistered, and
// buffers cloned from one ring into another, whole, by registered fd, and
// by slices with DST_REPLACE.
#include <unistd.h>
#include <cerrno>

#include <algorithm>
#include <cstring>

#include "tests/support/files.h"
#include "tests/support/fring_test.h"
#include "tests/support/ring_util.h"

namespace fring {

namespace {

// A temporary file holding 4096 bytes: byte i is 'a' + i % 26.
struct PatternFile : test::TempFile {
  explicit PatternFile(const char* tag) : test::TempFile(tag) {
    for (int i = 0; i < 4096; ++i) data[i] = static_cast<char>('a' + i % 26);
    REQUIRE(write(fd, data, sizeof(data)) == static_cast<ssize_t>(sizeof(data)));
  }
  char data[4096];
};

// READ_FIXED of `len` bytes at file offset `off` into `buf`, which must lie in
// registered buffer `index`; returns res.
int read_fixed(Ring& ring, int fd, char* buf, unsigned len, uint64_t off, int index) {
  Sqe* sqe = test::get_sqe(ring);
  REQUIRE(sqe != nullptr);
  prep_read_fixed(*sqe, fd, buf, len, off, index);
  test::submit(ring, 1);
  return test::reap(ring).res;
}

// Pinned buffers count against RLIMIT_MEMLOCK; a small limit is not a bug.
#define SKIP_ON_MEMLOCK(result)                                   \
  do {                                                            \
    if (test::error_of(result) == Errno::enomem)                  \
      FRING_SKIP("RLIMIT_MEMLOCK too small to register buffers"); \
  } while (0)

alignas(4096) char g_bufs[4][4096];

}  // namespace

TEST_CASE("register_buffers_sparse then register_buffers_update_tag") {
  FRING_RING(ring, 4);
  PatternFile file("regbufs_sparse");
  auto reg = register_buffers_sparse(ring, 4);
  if (test::error_of(reg) == Errno::einval && !test::kernel_at_least(5, 19)) {
    FRING_SKIP("kernel lacks rsrc_flag::register_sparse (Linux 5.19)");
  }
  REQUIRE(reg.ok());
  CHECK(test::error_of(register_buffers_sparse(ring, 4)) == Errno::ebusy);
  std::memset(g_bufs[1], 0, sizeof(g_bufs[1]));
  CHECK(read_fixed(ring, file.fd, g_bufs[1], 100, 0, 1) == -EFAULT);  // slot 1 is empty

  Iovec iov[1] = {{g_bufs[1], sizeof(g_bufs[1])}};
  auto updated = register_buffers_update_tag(ring, 1, iov, nullptr, 1);
  SKIP_ON_MEMLOCK(updated);
  CHECK(updated.value() == 1);
  CHECK(read_fixed(ring, file.fd, g_bufs[1] + 8, 100, 26, 1) == 100);
  CHECK(std::memcmp(g_bufs[1] + 8, file.data + 26, 100) == 0);
  CHECK(read_fixed(ring, file.fd, g_bufs[1], 100, 0, 2) == -EFAULT);  // slot 2 still empty

  // An empty iovec empties the slot again; a range past the table is refused.
  Iovec none[1] = {{nullptr, 0}};
  CHECK(register_buffers_update_tag(ring, 1, none, nullptr, 1).value() == 1);
  CHECK(read_fixed(ring, file.fd, g_bufs[1], 100, 0, 1) == -EFAULT);
  CHECK(test::error_of(register_buffers_update_tag(ring, 4, iov, nullptr, 1)) == Errno::einval);
  CHECK(unregister_buffers(ring).ok());
}

TEST_CASE("register_buffers_tags: a CQE per tag on replace and unregister") {
  FRING_REQUIRE_FEATURE(rsrc_tags);
  FRING_RING(ring, 4);
  PatternFile file("regbufs_tags");
  // An empty slot cannot carry a tag.
  Iovec empty[1] = {{nullptr, 0}};
  const uint64_t bad_tag[1] = {5};
  CHECK(test::error_of(register_buffers_tags(ring, empty, bad_tag, 1)) == Errno::einval);

  Iovec iov[2] = {{g_bufs[0], 4096}, {g_bufs[1], 4096}};
  const uint64_t tags[2] = {0x71, 0x72};
  auto reg = register_buffers_tags(ring, iov, tags, 2);
  SKIP_ON_MEMLOCK(reg);
  REQUIRE(reg.ok());
  CHECK(read_fixed(ring, file.fd, g_bufs[1], 64, 0, 1) == 64);
  CHECK(ring.cq_ready() == 0);  // registering posts nothing

  // Replacing buffer 0 releases the old one: its tag comes back, with res 0.
  Iovec replacement[1] = {{g_bufs[2], 4096}};
  const uint64_t new_tag[1] = {0x73};
  CHECK(register_buffers_update_tag(ring, 0, replacement, new_tag, 1).value() == 1);
  const Cqe released = test::reap(ring);
  CHECK(released.user_data == 0x71);
  CHECK(released.res == 0);
  CHECK(read_fixed(ring, file.fd, g_bufs[2] + 100, 50, 50, 0) == 50);
  CHECK(std::memcmp(g_bufs[2] + 100, file.data + 50, 50) == 0);
  CHECK(read_fixed(ring, file.fd, g_bufs[0], 50, 0, 0) == -EFAULT);  // the old range is gone

  // Linux 6.13 reworked resource nodes: since then unregistering posts the
  // tags of what the table still holds; before, only replaced entries did.
  REQUIRE(unregister_buffers(ring).ok());
  if (test::kernel_at_least(6, 13)) {
    uint64_t seen[2];
    for (uint64_t& s : seen) {
      const Cqe c = test::reap(ring);
      CHECK(c.res == 0);
      s = c.user_data;
    }
    CHECK(std::min(seen[0], seen[1]) == 0x72);
    CHECK(std::max(seen[0], seen[1]) == 0x73);
  }
  CHECK(test::error_of(ring.peek_cqe()) == Errno::eagain);
}

TEST_CASE("clone_buffers: READ_FIXED on the destination ring") {
  FRING_REQUIRE_REGISTER_OP(reg_op::clone_buffers);
  FRING_RING(src, 4);
  FRING_RING(dst, 4);
  PatternFile file("regbufs_clone");
  CHECK(test::error_of(clone_buffers(dst, src)) == Errno::enxio);  // nothing to clone
  Iovec iov[2] = {{g_bufs[0], 4096}, {g_bufs[1], 4096}};
  auto reg = register_buffers(src, iov, 2);
  SKIP_ON_MEMLOCK(reg);
  REQUIRE(reg.ok());

  REQUIRE(clone_buffers(dst, src).ok());
  std::memset(g_bufs[1], 0, 4096);
  CHECK(read_fixed(dst, file.fd, g_bufs[1] + 1000, 2000, 7, 1) == 2000);
  CHECK(std::memcmp(g_bufs[1] + 1000, file.data + 7, 2000) == 0);
  CHECK(read_fixed(dst, file.fd, g_bufs[2], 10, 0, 1) == -EFAULT);  // not a registered range

  // The destination now has buffers: a second clone must ask to replace them.
  CHECK(test::error_of(clone_buffers(dst, src)) == Errno::ebusy);
  // The source keeps its own.
  CHECK(read_fixed(src, file.fd, g_bufs[0], 26, 26, 0) == 26);
  CHECK(std::memcmp(g_bufs[0], file.data, 26) == 0);
}

TEST_CASE("clone_buffers from a ring known only by its registered fd") {
  FRING_REQUIRE_REGISTER_OP(reg_op::clone_buffers);
  FRING_REQUIRE_FEATURE(reg_reg_ring);
  FRING_RING(src, 4);
  FRING_RING(dst, 4);
  PatternFile file("regbufs_clone_registered");
  Iovec iov[1] = {{g_bufs[3], 4096}};
  auto reg = register_buffers(src, iov, 1);
  SKIP_ON_MEMLOCK(reg);
  REQUIRE(reg.ok());
  REQUIRE(src.register_ring_fd().ok());
  REQUIRE(src.close_ring_fd().ok());
  CHECK(src.fd() == -1);  // only clone_flag::src_registered can name it now

  REQUIRE(clone_buffers(dst, src).ok());
  std::memset(g_bufs[3], 0, 4096);
  CHECK(read_fixed(dst, file.fd, g_bufs[3], 4096, 0, 0) == 4096);
  CHECK(std::memcmp(g_bufs[3], file.data, 4096) == 0);
}

TEST_CASE("clone_buffers_offset: a slice at an offset, then DST_REPLACE") {
  FRING_REQUIRE_REGISTER_OP(reg_op::clone_buffers);
  FRING_RING(src, 4);
  FRING_RING(dst, 4);
  PatternFile file("regbufs_clone_offset");
  Iovec iov[4] = {{g_bufs[0], 4096}, {g_bufs[1], 4096}, {g_bufs[2], 4096}, {g_bufs[3], 4096}};
  auto reg = register_buffers(src, iov, 4);
  SKIP_ON_MEMLOCK(reg);
  REQUIRE(reg.ok());

  // Source slots 1..2 become destination slots 1..2; slot 0 stays empty.
  auto cloned = clone_buffers_offset(dst, src, 1, 1, 2, 0);
  if (test::error_of(cloned) == Errno::einval && !test::kernel_at_least(6, 13)) {
    FRING_SKIP("kernel lacks reg_op::clone_buffers offsets (Linux 6.13)");
  }
  REQUIRE(cloned.ok());
  CHECK(read_fixed(dst, file.fd, g_bufs[1], 26, 0, 1) == 26);
  CHECK(read_fixed(dst, file.fd, g_bufs[2], 26, 0, 2) == 26);
  CHECK(read_fixed(dst, file.fd, g_bufs[2], 26, 0, 1) == -EFAULT);  // slot 1 is source buffer 1
  CHECK(read_fixed(dst, file.fd, g_bufs[0], 26, 0, 0) == -EFAULT);  // empty
  CHECK(test::error_of(clone_buffers_offset(dst, src, 0, 3, 1, 0)) == Errno::ebusy);
  CHECK(test::error_of(clone_buffers_offset(dst, src, 0, 1, 0, clone_flag::dst_replace)) ==
        Errno::einval);  // an offset needs a count

  // DST_REPLACE puts source buffer 3 in slot 2 and keeps slot 1.
  REQUIRE(clone_buffers_offset(dst, src, 2, 3, 1, clone_flag::dst_replace).ok());
  std::memset(g_bufs[3], 0, 4096);
  CHECK(read_fixed(dst, file.fd, g_bufs[3], 4096, 0, 2) == 4096);
  CHECK(std::memcmp(g_bufs[3], file.data, 4096) == 0);
  CHECK(read_fixed(dst, file.fd, g_bufs[2], 26, 0, 2) == -EFAULT);
  CHECK(read_fixed(dst, file.fd, g_bufs[1], 26, 0, 1) == 26);
}

}  // namespace fring
