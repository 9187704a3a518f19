// SPDX-License-Identifier: MIT
// Zig's conformance tests 1, 2 and 40: the ABI sizes and ring offsets, a NOP
// with the ring bookkeeping checked before and after each step, and batches
// of CQEs taken across the wrap of the CQ.
#include <cerrno>

#include "tests/support/fring_test.h"
#include "tests/support/ring_util.h"

namespace fring {

TEST_CASE("Zig 1: structs/offsets/entries") {
  CHECK(sizeof(Params) == 120);
  CHECK(sizeof(Sqe) == 64);
  CHECK(sizeof(Cqe) == 16);
  CHECK(mmap_off::sq_ring == 0);
  CHECK(mmap_off::cq_ring == 0x8000000);
  CHECK(mmap_off::sqes == 0x10000000);
  // Zig refuses 0 entries and 3. The kernel refuses 0 too (and fring before
  // asking it), but rounds 3 up to a power of two, so fring does as well.
  CHECK(test::error_of(test::set_up_waiting([&] { return Ring::queue_init(0); })) == Errno::einval);
  FRING_RING(ring, 3);
  Params zero{};
  CHECK(sys::uring_setup(0, &zero) == -EINVAL);
  CHECK(ring.sq().ring_entries == 4);
  CHECK(ring.sq().ring_mask == 3);
  CHECK(ring.cq().ring_entries == 8);
  CHECK(ring.cq().ring_mask == 7);
}

TEST_CASE("Zig 2: nop") {
  FRING_RING(ring, 1);
  const Sq& sq = ring.sq();
  const Cq& cq = ring.cq();

  Sqe* sqe = ring.get_sqe();
  REQUIRE(sqe != nullptr);
  prep_nop(*sqe);
  sqe_set_data64(*sqe, 0xaaaaaaaa);
  CHECK(sqe->opcode == op::nop);
  CHECK(sqe->flags == 0);
  CHECK(sqe->ioprio == 0);
  CHECK(sqe->fd == -1);
  CHECK(sqe->off == 0);
  CHECK(sqe->addr == 0);
  CHECK(sqe->len == 0);
  CHECK(sqe->rw_flags == 0);
  CHECK(sqe->user_data == 0xaaaaaaaa);
  CHECK(int{sqe->buf_index} == 0);
  CHECK(sqe->personality == 0);
  CHECK(sqe->splice_fd_in == 0);
  CHECK(sqe->addr3 == 0);

  CHECK(sq.sqe_tail == 1);
  CHECK(*sq.ktail == 0);
  CHECK(*sq.khead == 0);
  CHECK(*cq.khead == 0);
  CHECK(ring.sq_ready() == 1);
  CHECK(ring.cq_ready() == 0);
  CHECK(ring.get_sqe() == nullptr);  // a 1-entry SQ is now full

  auto submitted = ring.submit();
  REQUIRE(submitted.ok());
  if (test::sqpoll(ring)) {
    // The kernel thread takes the SQE in its own time; the count is of the
    // SQEs it has yet to take.
    CHECK(submitted.value() <= 1);
    test::wait_taken(ring);
  } else {
    CHECK(submitted.value() == 1);
  }
  CHECK(sq.sqe_tail == 1);
  CHECK(*sq.ktail == 1);
  CHECK(*sq.khead == 1);
  CHECK(ring.sq_ready() == 0);

  auto cqe = ring.wait_cqe();
  REQUIRE(cqe.ok());
  CHECK(cqe.value()->user_data == 0xaaaaaaaa);
  CHECK(cqe.value()->res == 0);
  CHECK(cqe.value()->flags == 0);
  CHECK(*cq.khead == 0);
  CHECK(*cq.ktail == 1);
  CHECK(ring.cq_ready() == 1);
  ring.cqe_seen(cqe.value());
  CHECK(*cq.khead == 1);
  CHECK(ring.cq_ready() == 0);

  // A drained NOP runs only once everything before it has completed: a
  // timeout queued first must fire before the NOP can.
  const Timespec ts{0, 1000000};
  sqe = test::get_sqe(ring);
  prep_timeout(*sqe, &ts, 0, 0);
  sqe_set_data64(*sqe, 0xcccccccc);
  test::submit(ring, 1);
  sqe = test::get_sqe(ring);
  prep_nop(*sqe);
  sqe_set_data64(*sqe, 0xbbbbbbbb);
  sqe_set_flags(*sqe, sqe_flag::io_drain);
  test::submit(ring, 1);
  const Cqe first = test::reap(ring);
  const Cqe second = test::reap(ring);
  CHECK(first.user_data == 0xcccccccc);
  CHECK(first.res == -ETIME);
  CHECK(second.user_data == 0xbbbbbbbb);
  CHECK(second.res == 0);
  CHECK(*cq.khead == 3);
  CHECK(*sq.khead == 3);
}

TEST_CASE("Zig 40: copy_cqes with wrapping sq.cqes buffer") {
  FRING_RING(ring, 2);
  REQUIRE(ring.sq().ring_entries == 2);
  REQUIRE(ring.cq().ring_entries == 4);
  const Timespec ts{0, 10000};
  Cqe* batch[8];
  // Waits for `n` timeouts' CQEs and takes them in batches, checking that
  // each batch points at the slots after the head, wrapping at the end.
  auto reap = [&](unsigned n) {
    unsigned count = 0;
    while (count < n) {
      REQUIRE(ring.wait_cqe_nr(n - count).ok());
      const uint32_t head = *ring.cq().khead;
      const unsigned got = ring.peek_batch_cqe(batch, n - count);
      REQUIRE(got > 0);
      for (unsigned i = 0; i < got; ++i) {
        const uint32_t slot = (head + i) & ring.cq().ring_mask;
        CHECK(batch[i] == &ring.cq().cqes[slot << ring.cqe_shift()]);
        CHECK(batch[i]->res == -ETIME);
      }
      ring.cq_advance(got);
      count += got;
    }
  };
  // One at a time: the SQ holds two. On an SQPOLL ring get_sqe() waits for
  // the thread to free a slot, and the count submit() returns is of SQEs the
  // thread has yet to take.
  auto submit_timeouts = [&](unsigned n) {
    for (unsigned i = 0; i < n; ++i) {
      prep_timeout(*test::get_sqe(ring), &ts, 0, 0);
      const unsigned submitted = test::must(ring.submit());
      if (!test::sqpoll(ring)) CHECK(submitted == 1);
    }
  };
  submit_timeouts(2);
  reap(2);
  CHECK(*ring.cq().khead == 2);
  // From head 2 every round of four reads slots 2, 3, 0, 1 (1023 rounds in
  // the first pass, 31 in the other combinations).
  const uint32_t rounds = test::matrix_count(1024, 32);
  for (uint32_t round = 1; round < rounds; ++round) {
    submit_timeouts(4);
    reap(4);
    REQUIRE(*ring.cq().khead == 2 + 4 * round);
  }
}

}  // namespace fring
