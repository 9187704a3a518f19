// SPDX-License-Identifier: MIT
// SQE encoding of the provided-buffer prep helpers (core/prep/buffers.h) and
// the buffer-ring helpers that only touch our side of the ring
// (core/buf_ring.h). No io_uring call is made: this unit passes everywhere.
#include <cstring>

#include "tests/support/fring_test.h"
#include "tests/support/sqe_check.h"

namespace fring {

namespace {

char pool[4 * 128];

}  // namespace

TEST_CASE("prep_provide_buffers: nr in fd, bid in off, group in buf_group") {
  Sqe s = test::garbage_sqe();
  prep_provide_buffers(s, pool, 128, 4, 1337, 9);
  Sqe want = test::expected_sqe(op::provide_buffers, 4, test::as_u64(pool), 128, 9);
  want.buf_group = 1337;
  test::check_sqe(s, want);
}

TEST_CASE("prep_remove_buffers: nr in fd, group in buf_group, nothing else") {
  Sqe s = test::garbage_sqe();
  prep_remove_buffers(s, 3, 0xfffe);
  Sqe want = test::expected_sqe(op::remove_buffers, 3, 0, 0, 0);
  want.buf_group = 0xfffe;
  test::check_sqe(s, want);
}

TEST_CASE("prep_read_multishot: no address, sqe_flag::buffer_select and the group") {
  Sqe s = test::garbage_sqe();
  prep_read_multishot(s, 5, 0, ~0ULL, 42);
  Sqe want = test::expected_sqe(op::read_multishot, 5, 0, 0, ~0ULL);
  want.flags = sqe_flag::buffer_select;
  want.buf_group = 42;
  test::check_sqe(s, want);
}

TEST_CASE("buf_ring_add writes entries past the tail; advance publishes them") {
  // Four entries of 16 bytes; entry 0's last two bytes are the tail.
  alignas(16) unsigned char mem[4 * sizeof(Buf)];
  std::memset(mem, 0x5a, sizeof(mem));
  auto* br = reinterpret_cast<PbufRing*>(mem);
  buf_ring_init(br);
  CHECK(br->tail == 0);
  const int mask = buf_ring_mask(4);
  CHECK(mask == 3);
  CHECK(static_cast<void*>(buf_ring_bufs(br)) == static_cast<void*>(mem));
  // Entry 0 first: its resv is the tail and must survive the add.
  buf_ring_add(br, pool, 128, 7, mask, 0);
  buf_ring_add(br, pool + 128, 64, 8, mask, 1);
  CHECK(br->tail == 0);  // not yet published
  Buf* bufs = buf_ring_bufs(br);
  CHECK(bufs[0].addr == reinterpret_cast<uintptr_t>(pool));
  CHECK(bufs[0].len == 128);
  CHECK(bufs[0].bid == 7);
  CHECK(bufs[1].addr == reinterpret_cast<uintptr_t>(pool + 128));
  CHECK(bufs[1].len == 64);
  CHECK(bufs[1].bid == 8);
  CHECK(bufs[1].resv == 0x5a5a);  // never written
  buf_ring_advance(br, 2);
  CHECK(br->tail == 2);
  // Past the end the index wraps: tail 2 + offsets 0..2 hit entries 2, 3, 0.
  buf_ring_add(br, pool, 1, 10, mask, 0);
  buf_ring_add(br, pool, 2, 11, mask, 1);
  buf_ring_add(br, pool, 3, 12, mask, 2);
  CHECK(bufs[2].bid == 10);
  CHECK(bufs[3].bid == 11);
  CHECK(bufs[0].bid == 12);
  CHECK(bufs[0].len == 3);
  CHECK(br->tail == 2);
  buf_ring_advance(br, 3);
  CHECK(br->tail == 5);
}

TEST_CASE("the buffer-ring tail wraps at 16 bits") {
  alignas(16) unsigned char mem[2 * sizeof(Buf)] = {};
  auto* br = reinterpret_cast<PbufRing*>(mem);
  buf_ring_advance(br, 0xffff);
  CHECK(br->tail == 0xffff);
  buf_ring_add(br, pool, 8, 3, buf_ring_mask(2), 0);
  CHECK(buf_ring_bufs(br)[1].bid == 3);  // 0xffff & 1
  buf_ring_advance(br, 2);
  CHECK(br->tail == 1);
}

TEST_CASE("cqe_buffer_more reads cqe_flag::buf_more") {
  Cqe c{};
  c.flags = cqe_flag::buffer | (5U << cqe_flag::buffer_shift);
  CHECK_FALSE(cqe_buffer_more(c));
  c.flags |= cqe_flag::buf_more;
  CHECK(cqe_buffer_more(c));
  CHECK(cqe_buffer_id(c) == 5);
}

}  // namespace fring
