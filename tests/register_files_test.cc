// SPDX-License-Identifier: MIT
// The fixed-file table beyond register_files (Zig's tests 3 and 19 in
// tests/conformance cover that): a sparse table filled by FILES_UPDATE2 and read through,
// tags that come back as CQEs when a file is replaced or unregistered, and
// an allocation range for file_index_alloc.
#include <fcntl.h>
#include <cerrno>

#include <cstring>

#include "tests/support/files.h"
#include "tests/support/fring_test.h"
#include "tests/support/ring_util.h"

namespace fring {

TEST_CASE("register_files_sparse then register_files_update_tag") {
  FRING_RING(ring, 4);
  auto reg = register_files_sparse(ring, 4);
  if (test::error_of(reg) == Errno::einval && !test::kernel_at_least(5, 19)) {
    FRING_SKIP("kernel lacks rsrc_flag::register_sparse (Linux 5.19)");
  }
  REQUIRE(reg.ok());
  CHECK(test::error_of(register_files_sparse(ring, 4)) == Errno::ebusy);
  char buf[16] = {};
  CHECK(test::read_fixed_file(ring, 2, buf, sizeof(buf)) == -EBADF);  // every slot starts empty

  test::TempFile file("regfiles_sparse", "sparse slot two");
  const int fds[1] = {file.fd};
  CHECK(register_files_update_tag(ring, 2, fds, nullptr, 1).value() == 1);
  CHECK(test::read_fixed_file(ring, 2, buf, sizeof(buf)) == 15);
  CHECK(std::memcmp(buf, "sparse slot two", 15) == 0);
  CHECK(test::read_fixed_file(ring, 1, buf, sizeof(buf)) == -EBADF);

  // -1 empties the slot again; a range past the table is refused.
  const int clear[1] = {-1};
  CHECK(register_files_update_tag(ring, 2, clear, nullptr, 1).value() == 1);
  CHECK(test::read_fixed_file(ring, 2, buf, sizeof(buf)) == -EBADF);
  CHECK(test::error_of(register_files_update_tag(ring, 4, fds, nullptr, 1)) == Errno::einval);
  CHECK(unregister_files(ring).ok());
}

TEST_CASE("register_files_tags: a CQE per tag on replace and unregister") {
  FRING_REQUIRE_FEATURE(rsrc_tags);
  FRING_RING(ring, 8);
  test::TempFile a("regfiles_tag_a", "aaaa");
  test::TempFile b("regfiles_tag_b", "bbbb");
  // An empty slot cannot carry a tag.
  const int empty[1] = {-1};
  const uint64_t bad_tag[1] = {5};
  CHECK(test::error_of(register_files_tags(ring, empty, bad_tag, 1)) == Errno::einval);

  const int fds[3] = {a.fd, b.fd, -1};
  const uint64_t tags[3] = {0x11, 0x22, 0};
  REQUIRE(register_files_tags(ring, fds, tags, 3).ok());
  char buf[4];
  CHECK(test::read_fixed_file(ring, 1, buf, sizeof(buf)) == 4);
  CHECK(std::memcmp(buf, "bbbb", 4) == 0);
  CHECK(ring.cq_ready() == 0);  // registering posts nothing

  // Replacing slot 0 releases file a: its tag comes back, with res 0.
  const int replacement[1] = {b.fd};
  const uint64_t new_tag[1] = {0x33};
  CHECK(register_files_update_tag(ring, 0, replacement, new_tag, 1).value() == 1);
  const Cqe released = test::reap(ring);
  CHECK(released.user_data == 0x11);
  CHECK(released.res == 0);
  CHECK(test::read_fixed_file(ring, 0, buf, sizeof(buf)) == 4);
  CHECK(std::memcmp(buf, "bbbb", 4) == 0);

  // Clearing a slot releases its file too; tag 0 posts nothing.
  const int clear[1] = {-1};
  CHECK(register_files_update_tag(ring, 1, clear, nullptr, 1).value() == 1);
  CHECK(test::reap(ring).user_data == 0x22);
  const int untagged[1] = {a.fd};
  CHECK(register_files_update_tag(ring, 1, untagged, nullptr, 1).value() == 1);

  // Unregistering releases the files left: slot 0 (tag 0x33) posts its tag,
  // slot 1 (tag 0) and the empty slot 2 post nothing.
  // Linux 6.13 reworked resource nodes: since then unregistering posts the
  // tags of what the table still holds; before, only replaced entries did.
  REQUIRE(unregister_files(ring).ok());
  if (test::kernel_at_least(6, 13)) {
    const Cqe last = test::reap(ring);
    CHECK(last.user_data == 0x33);
    CHECK(last.res == 0);
  }
  CHECK(test::error_of(ring.peek_cqe()) == Errno::eagain);
}

TEST_CASE("register_file_alloc_range steers file_index_alloc") {
  FRING_REQUIRE_REGISTER_OP(reg_op::file_alloc_range);
  FRING_RING(ring, 4);
  CHECK(test::error_of(register_file_alloc_range(ring, 0, 1)) == Errno::einval);  // no table
  REQUIRE(register_files_sparse(ring, 8).ok());
  CHECK(test::error_of(register_file_alloc_range(ring, 6, 4)) == Errno::einval);  // past the end
  CHECK(test::error_of(register_file_alloc_range(ring, 1, ~0U)) == Errno::eoverflow);
  REQUIRE(register_file_alloc_range(ring, 4, 2).ok());

  // Direct opens that let the kernel choose land in slots 4 and 5, then the
  // range is full.
  int slots[3];
  for (int& slot : slots) {
    Sqe* sqe = test::get_sqe(ring);
    prep_openat_direct(*sqe, at::fdcwd, "/dev/zero", O_RDONLY, 0, file_index_alloc);
    test::submit(ring, 1);
    slot = test::reap(ring).res;
  }
  CHECK(slots[0] == 4);
  CHECK(slots[1] == 5);
  CHECK(slots[2] == -ENFILE);
  char buf[8];
  std::memset(buf, 0xff, sizeof(buf));
  CHECK(test::read_fixed_file(ring, 5, buf, sizeof(buf)) == 8);
  CHECK(buf[0] == 0);
  CHECK(test::read_fixed_file(ring, 0, buf, sizeof(buf)) == -EBADF);
}

}  // namespace fring
