// SPDX-License-Identifier: MIT
// Legacy provided buffers (IORING_OP_PROVIDE_BUFFERS / REMOVE_BUFFERS):
// buffer-select reads take them one each, -ENOBUFS once the group is empty,
// and buffers handed back or taken away count (Zig's tests 26 and 27, on a
// memfd instead of a file on disk).
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <set>

#include "tests/support/fring_test.h"
#include "tests/support/ring_util.h"

namespace fring {

namespace {

constexpr int kGroup = 1337;
constexpr unsigned kSize = 128;
constexpr unsigned kCount = 4;

// A memory-backed file holding kCount blocks of kSize bytes, block k filled
// with 'a' + k; nothing to clean up but the fd.
struct Blocks {
  Blocks() {
    fd = memfd_create("fring_provide_buffers", MFD_CLOEXEC);
    REQUIRE(fd >= 0);
    for (unsigned k = 0; k < kCount; ++k) {
      char block[kSize];
      std::memset(block, 'a' + static_cast<int>(k), sizeof(block));
      REQUIRE(pwrite(fd, block, sizeof(block), k * kSize) == static_cast<ssize_t>(kSize));
    }
  }
  ~Blocks() { close(fd); }
  int fd;
};

// Submits the one SQE prepared since the last submit and returns its CQE.
Cqe submit_and_reap(Ring& ring) {
  REQUIRE(ring.submit().value() == 1);
  return test::reap(ring);
}

// Provides `nr` buffers of kSize bytes from `pool + bid * kSize` as ids
// bid.. in kGroup and checks the kernel took them.
void provide(Ring& ring, char* pool, int nr, int bid) {
  prep_provide_buffers(*ring.get_sqe(), pool + bid * static_cast<int>(kSize), kSize, nr, kGroup,
                       bid);
  const Cqe c = submit_and_reap(ring);
  // Older kernels report the number of buffers added, newer ones 0.
  CHECK((c.res == 0 || c.res == nr));
}

// A buffer-select read of block `block` from `fd`.
Cqe read_block(Ring& ring, int fd, unsigned block) {
  Sqe* s = ring.get_sqe();
  prep_read(*s, fd, nullptr, kSize, block * kSize);
  sqe_set_flags(*s, IOSQE_BUFFER_SELECT);
  sqe_set_buf_group(*s, kGroup);
  return submit_and_reap(ring);
}

// True when buffer `bid` of `pool` holds block `block`.
bool holds(const char* pool, unsigned bid, unsigned block) {
  char want[kSize];
  std::memset(want, 'a' + static_cast<int>(block), sizeof(want));
  return std::memcmp(pool + bid * kSize, want, kSize) == 0;
}

}  // namespace

TEST_CASE("provide_buffers: reads take one each, -ENOBUFS, then reuse") {
  FRING_RING(ring, 4);
  FRING_REQUIRE_OP(IORING_OP_PROVIDE_BUFFERS);
  Blocks file;
  static char pool[kCount * kSize];
  std::memset(pool, 0, sizeof(pool));
  provide(ring, pool, kCount, 0);

  std::set<unsigned> used;
  for (unsigned k = 0; k < kCount; ++k) {
    CAPTURE(k);
    const Cqe c = read_block(ring, file.fd, k);
    CHECK(c.res == static_cast<int>(kSize));
    REQUIRE((c.flags & IORING_CQE_F_BUFFER) != 0);
    const unsigned bid = cqe_buffer_id(c);
    REQUIRE(bid < kCount);
    CHECK(used.insert(bid).second);  // never the same buffer twice
    CHECK(holds(pool, bid, k));
  }
  const Cqe empty = read_block(ring, file.fd, 0);
  CHECK(empty.res == -ENOBUFS);
  CHECK((empty.flags & IORING_CQE_F_BUFFER) == 0);

  // Hand buffer 2 back: the next read lands in it.
  std::memset(pool + 2 * kSize, 0, kSize);
  provide(ring, pool, 1, 2);
  const Cqe again = read_block(ring, file.fd, 3);
  CHECK(again.res == static_cast<int>(kSize));
  REQUIRE((again.flags & IORING_CQE_F_BUFFER) != 0);
  CHECK(cqe_buffer_id(again) == 2);
  CHECK(holds(pool, 2, 3));
}

TEST_CASE("remove_buffers: 3 of 4 leaves one read, then -ENOBUFS") {
  FRING_RING(ring, 4);
  FRING_REQUIRE_OP(IORING_OP_REMOVE_BUFFERS);
  Blocks file;
  static char pool[kCount * kSize];
  std::memset(pool, 0, sizeof(pool));
  provide(ring, pool, kCount, 0);

  prep_remove_buffers(*ring.get_sqe(), 3, kGroup);
  CHECK(submit_and_reap(ring).res == 3);

  const Cqe one = read_block(ring, file.fd, 1);
  CHECK(one.res == static_cast<int>(kSize));
  REQUIRE((one.flags & IORING_CQE_F_BUFFER) != 0);
  REQUIRE(cqe_buffer_id(one) < kCount);
  CHECK(holds(pool, cqe_buffer_id(one), 1));
  CHECK(read_block(ring, file.fd, 2).res == -ENOBUFS);
}

TEST_CASE("remove_buffers: removes at most what is there; -ENOENT for an unknown group") {
  FRING_RING(ring, 4);
  FRING_REQUIRE_OP(IORING_OP_REMOVE_BUFFERS);
  static char pool[kCount * kSize];
  provide(ring, pool, 2, 0);
  prep_remove_buffers(*ring.get_sqe(), 10, kGroup);
  CHECK(submit_and_reap(ring).res == 2);
  // The group is empty now: older kernels drop an emptied group (-ENOENT),
  // newer ones keep it and remove nothing.
  prep_remove_buffers(*ring.get_sqe(), 1, kGroup);
  const int res = submit_and_reap(ring).res;
  CHECK((res == 0 || res == -ENOENT));
  prep_remove_buffers(*ring.get_sqe(), 1, kGroup + 1);  // never provided
  CHECK(submit_and_reap(ring).res == -ENOENT);
}

TEST_CASE("provide_buffers: a first id past 65535 or no buffers is -E2BIG") {
  FRING_RING(ring, 4);
  FRING_REQUIRE_OP(IORING_OP_PROVIDE_BUFFERS);
  static char pool[kSize];
  prep_provide_buffers(*ring.get_sqe(), pool, kSize, 1, kGroup, 65536);
  CHECK(submit_and_reap(ring).res == -E2BIG);
  prep_provide_buffers(*ring.get_sqe(), pool, kSize, 0, kGroup, 0);
  CHECK(submit_and_reap(ring).res == -E2BIG);
  // Nothing was added.
  prep_remove_buffers(*ring.get_sqe(), 1, kGroup);
  CHECK(submit_and_reap(ring).res == -ENOENT);
}

}  // namespace fring
