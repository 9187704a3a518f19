// SPDX-License-Identifier: MIT
// Ring shapes: 128-byte SQEs (SQE128, and SQE_MIXED with NOP128 and the
// padding NOP at the wrap), 32-byte CQEs (CQE32, and CQE_MIXED with its
// padding CQEs, through every way of reaping), the shift helpers,
// initialize_sqe, and fring's own version checks. A test that sets its own
// shape runs in the matrix's default-shape row, in every mode.
#include <cerrno>
#include <cstring>
#include <vector>

#include "tests/support/fring_test.h"
#include "tests/support/ring_util.h"
#include "tests/support/sqe_check.h"

namespace fring {

namespace {

// Fills every CQ slot with 0xa5, so that a test sees what the kernel writes.
void scribble_cq(Ring& ring) {
  const Cq& cq = ring.cq();
  std::memset(cq.cqes, 0xa5, (size_t{cq.ring_entries} * sizeof(Cqe)) << ring.cqe_shift());
}

// A NOP whose CQE is 32 bytes, carrying `extra1` and `extra2` in its second
// half (nop_flag::cqe32 takes them from off and addr).
void prep_nop_cqe32(Sqe& sqe, uint64_t data, uint64_t extra1, uint64_t extra2) {
  prep_nop(sqe);
  sqe.nop_flags = nop_flag::cqe32;
  sqe.off = extra1;
  sqe.addr = extra2;
  sqe.user_data = data;
}

void queue_nop_cqe32(Ring& ring, uint64_t data) {
  Sqe* sqe = test::get_sqe(ring);
  REQUIRE(sqe != nullptr);
  prep_nop_cqe32(*sqe, data, data + 1000, data + 2000);
}

// Why nop_flag::cqe32 cannot be used on `ring` (a CQE32 or CQE_MIXED ring),
// or nullptr. The probe NOP also injects 42 as its result: kernels before
// the NOP flags (6.10) ignore both and return 0, later ones before 6.18
// refuse the unknown flag with -EINVAL.
const char* nop_cqe32_missing(Ring& ring) {
  Sqe* sqe = test::get_sqe(ring);
  REQUIRE(sqe != nullptr);
  prep_nop_cqe32(*sqe, 7, 0x1111, 0x2222);
  sqe->nop_flags |= nop_flag::inject_result;
  sqe->len = 42;
  REQUIRE(ring.submit_and_wait(1).ok());
  Cqe* cqe = test::must(ring.wait_cqe());
  const int res = cqe->res;
  const uint64_t extra1 = big_cqe(*cqe)[0];
  ring.cqe_seen(cqe);
  if (res == 0 || res == -EINVAL) return "kernel lacks nop_flag::cqe32 (Linux 6.18)";
  REQUIRE(res == 42);
  REQUIRE(extra1 == 0x1111);
  return nullptr;
}

// Submits plain NOPs and reaps them until the CQ head sits on the last slot.
void park_cq_head_at(Ring& ring, uint32_t slot) {
  while ((*ring.cq().khead & ring.cq().ring_mask) != slot) {
    test::queue_nop(ring, 1);
    REQUIRE(ring.submit_and_wait(1).ok());
    ring.cqe_seen(test::must(ring.wait_cqe()));
  }
  REQUIRE(ring.cq_ready() == 0);
}

// With the CQ head on the last slot, posts a 32-byte CQE (the kernel pads the
// last slot and puts it in slots 0-1), a 16-byte one (slot 2) and another
// 32-byte one (slots 3-4): user_data 100, 101, 102.
void post_mixed(Ring& ring) {
  park_cq_head_at(ring, ring.cq().ring_mask);
  queue_nop_cqe32(ring, 100);
  test::queue_nop(ring, 101);
  queue_nop_cqe32(ring, 102);
  test::submit(ring, 3);
  REQUIRE(ring.cq_ready() == 6);  // padding + 2 + 1 + 2 slots
  const Cq& cq = ring.cq();
  const Cqe& pad = cq.cqes[cq.ring_mask];
  CHECK((pad.flags & cqe_flag::skip) != 0);
  CHECK(cq.cqes[0].user_data == 100);
  CHECK((cq.cqes[0].flags & cqe_flag::cqe32) != 0);
  CHECK(cq.cqes[2].user_data == 101);
  CHECK(cq.cqes[2].flags == 0);
  CHECK(cq.cqes[3].user_data == 102);
}

// Checks one CQE of post_mixed() by its user_data.
void check_mixed(const Cqe& cqe, uint64_t data) {
  CHECK(cqe.user_data == data);
  CHECK(cqe.res == 0);
  if (data == 101) {
    CHECK(cqe_nr(cqe) == 1);
  } else {
    CHECK(cqe_nr(cqe) == 2);
    CHECK(big_cqe(cqe)[0] == data + 1000);
    CHECK(big_cqe(cqe)[1] == data + 2000);
  }
}

void check_drained(Ring& ring) {
  CHECK(ring.cq_ready() == 0);
  CHECK(*ring.cq().khead == *ring.cq().ktail);
}

}  // namespace

TEST_CASE("fring's version") {
  static_assert(major_version() == FRING_VERSION_MAJOR);
  static_assert(minor_version() == FRING_VERSION_MINOR);
  CHECK(major_version() == 0);
  CHECK(minor_version() == 1);
  // true means "this fring is older than asked for", as in liburing.
  CHECK_FALSE(check_version(0, 0));
  CHECK_FALSE(check_version(0, 1));
  CHECK(check_version(0, 2));
  CHECK(check_version(1, 0));
  static_assert(!FRING_CHECK_VERSION(0, 1));
  static_assert(FRING_CHECK_VERSION(0, 2));
#if FRING_CHECK_VERSION(1, 0)
  CHECK(FRING_VERSION_MAJOR < 1);  // usable in #if
#endif
}

TEST_CASE("shift helpers and cqe_nr") {
  CHECK(sqe_shift_from_flags(0) == 0);
  CHECK(sqe_shift_from_flags(setup::sqe128) == 1);
  CHECK(sqe_shift_from_flags(setup::sqe_mixed) == 0);  // two 64-byte slots instead
  CHECK(sqe_shift_from_flags(setup::cqe32) == 0);
  CHECK(cqe_shift_from_flags(0) == 0);
  CHECK(cqe_shift_from_flags(setup::cqe32) == 1);
  CHECK(cqe_shift_from_flags(setup::cqe_mixed) == 0);
  CHECK(cqe_shift_from_flags(setup::sqe128) == 0);
  Cqe cqe{};
  CHECK(cqe_nr(cqe) == 1);
  cqe.flags = cqe_flag::cqe32 | cqe_flag::more;
  CHECK(cqe_nr(cqe) == 2);
  cqe.flags = cqe_flag::skip;
  CHECK(cqe_nr(cqe) == 1);
  cqe.flags = 0xffffU << cqe_flag::buffer_shift;  // a buffer id is not a size
  CHECK(cqe_nr(cqe) == 1);
}

TEST_CASE("initialize_sqe clears the fields no prep helper takes") {
  Sqe s = test::garbage_sqe();
  initialize_sqe(s);
  Sqe want = test::garbage_sqe();
  want.flags = 0;
  want.ioprio = 0;
  want.rw_flags = 0;
  want.buf_index = 0;
  want.personality = 0;
  want.file_index = 0;
  want.addr3 = 0;
  want.pad2[0] = 0;
  CHECK(s.opcode == 0xa5);
  CHECK(s.fd == static_cast<int32_t>(0xa5a5a5a5));
  CHECK(s.off == 0xa5a5a5a5a5a5a5a5ULL);
  CHECK(s.addr == 0xa5a5a5a5a5a5a5a5ULL);
  CHECK(s.len == 0xa5a5a5a5U);
  CHECK(s.user_data == 0xa5a5a5a5a5a5a5a5ULL);
  CHECK(std::memcmp(&s, &want, sizeof(Sqe)) == 0);
}

TEST_CASE("prep_nop128 writes every field") {
  Sqe s = test::garbage_sqe();
  prep_nop128(s);
  const Sqe want = test::expected_sqe(op::nop128, -1, 0, 0, 0);
  CHECK(s.opcode == op::nop128);
  CHECK(s.fd == -1);
  CHECK(s.user_data == 0);
  CHECK(std::memcmp(&s, &want, sizeof(Sqe)) == 0);
}

TEST_CASE("SQE128 ring: 128-byte slots") {
  FRING_REQUIRE_SETUP_FLAG(sqe128);
  FRING_RING(ring, 4, setup::sqe128);
  CHECK(ring.sqe_shift() == 1);
  CHECK(ring.cqe_shift() == 0);
  Sqe* first = test::get_sqe(ring);
  Sqe* second = ring.get_sqe128();  // the same kind of slot here
  REQUIRE(first == ring.sq().sqes);
  REQUIRE(second != nullptr);
  CHECK(reinterpret_cast<char*>(second) - reinterpret_cast<char*>(first) == 128);
  // The command area of a big SQE is ours to fill and the kernel's to read;
  // a NOP ignores it, so garbage there must not matter.
  std::memset(sqe_cmd(*first), 0xa5, 80);
  std::memset(sqe_cmd(*second), 0xa5, 80);
  prep_nop(*first);
  first->user_data = 1;
  prep_nop(*second);
  second->user_data = 2;
  test::submit_and_wait(ring, 2, 2);
  CHECK(ring.load_sq_head() == 2);
  for (uint64_t data = 1; data <= 2; ++data) {
    Cqe* cqe = test::must(ring.wait_cqe());
    CHECK(cqe->user_data == data);
    CHECK(cqe->res == 0);
    ring.cqe_seen(cqe);
  }
  // Round trips through three wraps of the 4-slot SQ and the 8-slot CQ.
  for (uint64_t i = 0; i < 24; ++i) {
    test::queue_nop(ring, 100 + i);
    test::submit_and_wait(ring, 1, 1);
    Cqe* cqe = test::must(ring.wait_cqe());
    CHECK(cqe->user_data == 100 + i);
    ring.cqe_seen(cqe);
  }
  CHECK(ring.load_sq_head() == 26);
  if (test::missing_op(op::nop128) == nullptr) {
    Sqe* big = ring.get_sqe128();
    REQUIRE(big != nullptr);
    prep_nop128(*big);
    big->user_data = 128;
    test::submit_and_wait(ring, 1, 1);
    Cqe* cqe = test::must(ring.wait_cqe());
    CHECK(cqe->user_data == 128);
    CHECK(cqe->res == 0);
    ring.cqe_seen(cqe);
  }
}

TEST_CASE("CQE32 ring: 32-byte slots, the second half zeroed for plain CQEs") {
  FRING_REQUIRE_SETUP_FLAG(cqe32);
  FRING_RING(ring, 4, setup::cqe32);
  CHECK(ring.sqe_shift() == 0);
  CHECK(ring.cqe_shift() == 1);
  scribble_cq(ring);
  test::queue_nop(ring, 1);
  test::queue_nop(ring, 2);
  test::submit_and_wait(ring, 2, 2);
  Cqe* batch[4];
  REQUIRE(ring.peek_batch_cqe(batch, 4) == 2);
  CHECK(batch[0] == ring.cq().cqes);
  CHECK(reinterpret_cast<char*>(batch[1]) - reinterpret_cast<char*>(batch[0]) == 32);
  for (unsigned i = 0; i < 2; ++i) {
    CHECK(batch[i]->user_data == i + 1);
    CHECK(batch[i]->res == 0);
    CHECK(batch[i]->flags == 0);  // no cqe_flag::cqe32 on CQE32 rings: every slot is big
    CHECK(cqe_nr(*batch[i]) == 1);
    CHECK(big_cqe(*batch[i])[0] == 0);
    CHECK(big_cqe(*batch[i])[1] == 0);
  }
  ring.cq_advance(2);
  // Through two wraps of the 8-slot CQ, reaped every way.
  for (uint64_t i = 0; i < 16; i += 2) {
    test::queue_nop(ring, 10 + i);
    test::queue_nop(ring, 11 + i);
    test::submit_and_wait(ring, 2, 2);
    std::vector<uint64_t> seen;
    if (i % 4 == 0) {
      CHECK(ring.for_each_cqe([&](Cqe& c) { seen.push_back(c.user_data); }) == 2);
      ring.cq_advance(2);
    } else {
      for (int j = 0; j < 2; ++j) {
        Cqe* cqe = test::must(ring.peek_cqe());
        seen.push_back(cqe->user_data);
        ring.cqe_seen(cqe);
      }
    }
    CHECK(seen == std::vector<uint64_t>{10 + i, 11 + i});
  }
  check_drained(ring);
}

TEST_CASE("SQE128 | CQE32 ring") {
  FRING_REQUIRE_SETUP_FLAG(sqe128);
  FRING_REQUIRE_SETUP_FLAG(cqe32);
  FRING_RING(ring, 8, setup::sqe128 | setup::cqe32);
  CHECK(ring.sqe_shift() == 1);
  CHECK(ring.cqe_shift() == 1);
  for (uint64_t i = 0; i < 40; i += 4) {
    for (uint64_t j = 0; j < 4; ++j) test::queue_nop(ring, i + j);
    test::submit_and_wait(ring, 4, 4);
    CqeIter it = ring.cqe_iter_init();
    const uint32_t start = it.head;
    Cqe* cqe;
    uint64_t want = i;
    while (Ring::cqe_iter_next(it, &cqe)) {
      CHECK(cqe->user_data == want++);
      CHECK(reinterpret_cast<char*>(cqe) ==
            reinterpret_cast<char*>(ring.cq().cqes) + 32 * ((it.head - 1) & ring.cq().ring_mask));
    }
    CHECK(want == i + 4);
    ring.cq_advance(it.head - start);
  }
  check_drained(ring);
}

TEST_CASE("nop_flag::cqe32 fills the second half of a CQE32 CQE") {
  FRING_REQUIRE_SETUP_FLAG(cqe32);
  FRING_RING(ring, 4, setup::cqe32);
  if (const char* why = nop_cqe32_missing(ring)) FRING_SKIP(why);
  queue_nop_cqe32(ring, 5);
  test::submit_and_wait(ring, 1, 1);
  Cqe* cqe = test::must(ring.wait_cqe());
  CHECK(cqe->user_data == 5);
  CHECK(cqe->res == 0);
  CHECK(big_cqe(*cqe)[0] == 1005);
  CHECK(big_cqe(*cqe)[1] == 2005);
  CHECK(cqe_nr(*cqe) == 1);
  ring.cqe_seen(cqe);
  // On a ring with 16-byte CQEs the kernel refuses the flag.
  FRING_RING(small, 4);
  queue_nop_cqe32(small, 6);
  test::submit_and_wait(small, 1, 1);
  cqe = test::must(small.wait_cqe());
  CHECK(cqe->res == -EINVAL);
  small.cqe_seen(cqe);
}

TEST_CASE("CQE_MIXED: padding at the wrap, reaped with peek_cqe and wait_cqe") {
  FRING_REQUIRE_SETUP_FLAG(cqe_mixed);
  FRING_RING(ring, 4, setup::cqe_mixed);
  REQUIRE(ring.cq().ring_entries == 8);
  CHECK(ring.cqe_shift() == 0);
  if (const char* why = nop_cqe32_missing(ring)) FRING_SKIP(why);
  post_mixed(ring);
  for (uint64_t data = 100; data <= 102; ++data) {
    Cqe* cqe = test::must(ring.peek_cqe());
    check_mixed(*cqe, data);
    ring.cqe_seen(cqe);
  }
  check_drained(ring);
  CHECK(test::error_of(ring.peek_cqe()) == Errno::eagain);
  post_mixed(ring);
  for (uint64_t data = 100; data <= 102; ++data) {
    Cqe* cqe = test::must(ring.wait_cqe());
    check_mixed(*cqe, data);
    ring.cqe_seen(cqe);
  }
  check_drained(ring);
}

TEST_CASE("CQE_MIXED: padding at the wrap, reaped with for_each_cqe and the iterator") {
  FRING_REQUIRE_SETUP_FLAG(cqe_mixed);
  FRING_RING(ring, 4, setup::cqe_mixed);
  if (const char* why = nop_cqe32_missing(ring)) FRING_SKIP(why);
  post_mixed(ring);
  std::vector<uint64_t> seen;
  const unsigned slots = ring.for_each_cqe([&](Cqe& cqe) {
    check_mixed(cqe, 100 + seen.size());
    seen.push_back(cqe.user_data);
  });
  CHECK(seen == std::vector<uint64_t>{100, 101, 102});
  CHECK(slots == 6);
  CHECK(ring.cq_ready() == 6);  // nothing consumed yet
  ring.cq_advance(slots);
  check_drained(ring);

  post_mixed(ring);
  CqeIter it = ring.cqe_iter_init();
  const uint32_t start = it.head;
  Cqe* cqe;
  seen.clear();
  while (Ring::cqe_iter_next(it, &cqe)) {
    check_mixed(*cqe, 100 + seen.size());
    seen.push_back(cqe->user_data);
  }
  CHECK(seen == std::vector<uint64_t>{100, 101, 102});
  CHECK(it.head - start == 6);
  ring.cq_advance(it.head - start);
  check_drained(ring);
}

TEST_CASE("CQE_MIXED: peek_batch_cqe consumes padding at the head and stops before later padding") {
  FRING_REQUIRE_SETUP_FLAG(cqe_mixed);
  FRING_RING(ring, 4, setup::cqe_mixed);
  if (const char* why = nop_cqe32_missing(ring)) FRING_SKIP(why);
  post_mixed(ring);
  Cqe* batch[8];
  REQUIRE(ring.peek_batch_cqe(batch, 8) == 3);
  CHECK(ring.cq_ready() == 5);  // the padding went
  for (unsigned i = 0; i < 3; ++i) check_mixed(*batch[i], 100 + i);
  for (unsigned i = 0; i < 3; ++i) ring.cqe_seen(batch[i]);
  check_drained(ring);

  // Two 16-byte CQEs in the last slots but one, then a 32-byte one: the
  // batch stops at the padding, which the next batch consumes.
  park_cq_head_at(ring, ring.cq().ring_mask - 2);
  test::queue_nop(ring, 101);
  test::queue_nop(ring, 101);
  queue_nop_cqe32(ring, 102);
  test::submit(ring, 3);
  REQUIRE(ring.cq_ready() == 5);
  REQUIRE(ring.peek_batch_cqe(batch, 8) == 2);
  check_mixed(*batch[0], 101);
  check_mixed(*batch[1], 101);
  ring.cqe_seen(batch[0]);
  ring.cqe_seen(batch[1]);
  REQUIRE(ring.peek_batch_cqe(batch, 8) == 1);
  check_mixed(*batch[0], 102);
  CHECK(batch[0] == ring.cq().cqes);
  ring.cqe_seen(batch[0]);
  check_drained(ring);
}

TEST_CASE("get_sqe128 needs big SQEs") {
  FRING_RING(ring, 4);
  FRING_SKIP_IF_RING(ring, setup::sqe128 | setup::sqe_mixed, "checks a ring of 64-byte SQEs");
  CHECK(ring.get_sqe128() == nullptr);
  CHECK(ring.sq_ready() == 0);
  CHECK(ring.sqe_shift() == 0);
}

TEST_CASE("SQE_MIXED: NOP128 takes two slots, padded with a NOP at the wrap") {
  FRING_REQUIRE_SETUP_FLAG(sqe_mixed);
  FRING_REQUIRE_OP(op::nop128);
  FRING_RING(ring, 8, setup::sqe_mixed);
  const Sq& sq = ring.sq();
  REQUIRE(sq.ring_entries == 8);
  CHECK(ring.sqe_shift() == 0);

  Sqe* big = ring.get_sqe128();
  REQUIRE(big == &sq.sqes[0]);
  CHECK(sq.sqe_tail == 2);
  prep_nop128(*big);
  big->user_data = 1;
  Sqe* small = test::get_sqe(ring);
  REQUIRE(small == &sq.sqes[2]);
  prep_nop(*small);
  small->user_data = 2;
  test::submit_and_wait(ring, 2, 3);  // SQ slots
  for (uint64_t data = 1; data <= 2; ++data) {
    Cqe* cqe = test::must(ring.wait_cqe());
    CHECK(cqe->user_data == data);
    CHECK(cqe->res == 0);
    ring.cqe_seen(cqe);
  }

  // Four NOPs fill slots 3-6; the next 128-byte SQE cannot start in slot 7.
  for (uint64_t data = 3; data <= 6; ++data) test::queue_nop(ring, data);
  big = ring.get_sqe128();
  REQUIRE(big == &sq.sqes[0]);
  CHECK(sq.sqe_tail == 10);
  const Sqe& pad = sq.sqes[7];
  CHECK(pad.opcode == op::nop);
  CHECK(pad.flags == sqe_flag::cqe_skip_success);
  CHECK(pad.user_data == 0);
  prep_nop128(*big);
  big->user_data = 7;
  test::submit_and_wait(ring, 5, 7);
  std::vector<uint64_t> seen;
  for (int i = 0; i < 5; ++i) {
    Cqe* cqe = test::must(ring.wait_cqe());
    CHECK(cqe->res == 0);
    seen.push_back(cqe->user_data);
    ring.cqe_seen(cqe);
  }
  CHECK(seen == std::vector<uint64_t>{3, 4, 5, 6, 7});  // none for the padding
  CHECK(test::error_of(ring.peek_cqe()) == Errno::eagain);

  // With one slot left there is no room for a 128-byte SQE.
  for (uint64_t data = 0; data < 7; ++data) test::queue_nop(ring, 20 + data);
  CHECK(ring.sq_space_left() == 1);
  CHECK(ring.get_sqe128() == nullptr);
  CHECK(ring.sq_space_left() == 1);
  test::submit_and_wait(ring, 7, 7);
  ring.cq_advance(7);

  // Without the padding, a 128-byte SQE in the last slot fails; the ring goes on.
  while ((ring.sq().sqe_tail & ring.sq().ring_mask) != ring.sq().ring_mask) {
    test::queue_nop(ring, 1);
    REQUIRE(ring.submit_and_wait(1).ok());
    ring.cqe_seen(test::must(ring.wait_cqe()));
  }
  Sqe* last = test::get_sqe(ring);
  REQUIRE(last == &sq.sqes[7]);
  prep_nop128(*last);
  last->user_data = 30;
  REQUIRE(ring.submit_and_wait(1).ok());
  Cqe* cqe = test::must(ring.wait_cqe());
  CHECK(cqe->user_data == 30);
  CHECK(cqe->res == -EINVAL);
  ring.cqe_seen(cqe);
  test::queue_nop(ring, 31);
  test::submit_and_wait(ring, 1, 1);
  cqe = test::must(ring.wait_cqe());
  CHECK(cqe->user_data == 31);
  CHECK(cqe->res == 0);
  ring.cqe_seen(cqe);
}

TEST_CASE("NOP128 on a ring with 64-byte SQEs fails") {
  FRING_REQUIRE_OP(op::nop128);
  FRING_RING(ring, 4);
  FRING_SKIP_IF_RING(ring, setup::sqe128 | setup::sqe_mixed, "checks a ring of 64-byte SQEs");
  Sqe* sqe = test::get_sqe(ring);
  REQUIRE(sqe != nullptr);
  prep_nop128(*sqe);
  sqe->user_data = 9;
  REQUIRE(ring.submit_and_wait(1).ok());
  Cqe* cqe = test::must(ring.wait_cqe());
  CHECK(cqe->user_data == 9);
  CHECK(cqe->res == -EINVAL);
  ring.cqe_seen(cqe);
}

}  // namespace fring
