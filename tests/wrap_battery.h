// SPDX-License-Identifier: MIT
// Every index computation of a ring's SQ and CQ, run from wherever the
// kernel's heads and tails stand: wrap_test.cc runs it from small indices in
// every test run, wrap_long_test.cc from 0xFFFFFFF0, across the 2^32 wrap.
// A ring gets there only by the kernel counting (its own copies of the
// heads and tails start at 0 whatever the ring memory holds), so
// advance_then_resize() pushes a big ring's indices forward with batches of
// NOPs and then shrinks it to the battery's 8 SQ and 16 CQ entries with
// reg_op::resize_rings, which keeps the indices (Linux 6.13).
#ifndef FRING_TESTS_WRAP_BATTERY_H
#define FRING_TESTS_WRAP_BATTERY_H

#include <stdint.h>

#include <cerrno>
#include <deque>

#include "tests/support/fring_test.h"
#include "tests/support/setup_wait.h"

namespace fring::test::wrap {

inline constexpr unsigned kSqEntries = 8;
inline constexpr unsigned kCqEntries = 16;

/// Drives `ring` (kSqEntries SQ and kCqEntries CQ entries) through rounds of
/// a full SQ, reaping with each of peek_cqe, wait_cqe_nr, the CQE iterator,
/// for_each_cqe and peek_batch_cqe, an SQE the kernel refuses mid-batch, a
/// CQ overflow of 8 CQEs, and (`big_cqes`: an setup::cqe_mixed ring
/// whose kernel has nop_flag::cqe32) 32-byte CQEs with padding at the CQ's
/// end, and (`big_sqes`: an setup::sqe_mixed ring whose kernel has
/// op::nop128) a 128-byte SQE padded across the SQ's end. Each CQE
/// must answer a request submitted and not yet answered; a slot read at a
/// wrong index shows up as a stale or repeated user_data.
template <class R>
class Battery {
 public:
  Battery(R& ring, bool big_cqes, bool big_sqes = false)
      : ring_(ring), big_cqes_(big_cqes), big_sqes_(big_sqes) {
    REQUIRE(ring.sq().ring_entries == kSqEntries);
    REQUIRE(ring.cq().ring_entries == kCqEntries);
  }

  /// Runs `rounds` rounds of 36 SQEs each, plus up to 18 with big CQEs and
  /// up to 17 with big SQEs (as many plain NOPs as bring the tail to an
  /// index one short of a multiple of 16, then the big ones). Started at
  /// 0xFFFFFFF0, the first round pads slot 0xFFFFFFFF and puts the big CQE
  /// or SQE at 0 and 1.
  void run(unsigned rounds) {
    for (unsigned round = 0; round < rounds; ++round) {
      CAPTURE(round);
      if (big_cqes_) big_cqe_across_the_end();
      if (big_sqes_) big_sqe_across_the_end();
      full_sq();
      refused_mid_batch();
      overflow();
      CHECK(ring_.sq_ready() == 0);
      CHECK(ring_.cq_ready() == 0);
      CHECK(pending_.empty());
    }
  }

 private:
  struct Sent {
    uint64_t data;
    int res;
    bool big;
  };

  Sqe* queue(int res = 0, bool big = false) {
    Sqe* sqe = ring_.get_sqe();
    REQUIRE(sqe != nullptr);
    prep_nop(*sqe);
    if (big) {
      sqe->nop_flags = nop_flag::cqe32;
      sqe->off = next_ + 1000;  // the CQE's second half
    }
    if (res != 0) prep_rw(*sqe, static_cast<Op>(0xfe), -1, 0, 0, 0);  // refused
    sqe_set_data64(*sqe, next_);
    pending_.push_back(Sent{next_, res, big});
    ++next_;
    return sqe;
  }

  // The CQE must be one submitted and not yet seen; the kernel decides the
  // order (6.1 posts a refused SQE's CQE before those of earlier NOPs).
  void check(const Cqe& cqe) {
    auto it = pending_.begin();
    while (it != pending_.end() && it->data != cqe.user_data) ++it;
    REQUIRE_MESSAGE(it != pending_.end(), "a CQE for no pending request: ", cqe.user_data);
    const Sent want = *it;
    pending_.erase(it);
    CHECK(cqe.res == want.res);
    CHECK((cqe.flags & cqe_flag::skip) == 0);
    if (big_cqes_) {
      CHECK(cqe_nr(cqe) == (want.big ? 2U : 1U));
      if (want.big) CHECK(big_cqe(cqe)[0] == want.data + 1000);
    }
  }

  void submit(unsigned want_consumed) { REQUIRE(test::must(ring_.submit()) == want_consumed); }

  // Fills the SQ to the last slot, submits it, and reaps the eight CQEs
  // with every reaping call there is.
  void full_sq() {
    unsigned n = 0;
    while (ring_.sq_space_left() > 0) {
      queue();
      ++n;
    }
    CHECK(n == kSqEntries);
    CHECK(ring_.get_sqe() == nullptr);
    CHECK(ring_.sq_ready() == kSqEntries);
    submit(kSqEntries);
    CHECK(ring_.sq_ready() == 0);
    CHECK(ring_.sq_space_left() == kSqEntries);
    REQUIRE(ring_.cq_ready() == kSqEntries);
    for (int i = 0; i < 2; ++i) {  // peek_cqe
      Cqe* cqe = test::must(ring_.peek_cqe());
      check(*cqe);
      ring_.cqe_seen(cqe);
    }
    {  // wait_cqe_nr with enough ready: no enter
      Cqe* cqe = test::must(ring_.wait_cqe_nr(6));
      check(*cqe);
      ring_.cqe_seen(cqe);
    }
    {  // the iterator, two CQEs of five
      CqeIter it = ring_.cqe_iter_init();
      const uint32_t start = it.head;
      Cqe* cqe = nullptr;
      for (int i = 0; i < 2; ++i) {
        REQUIRE(R::cqe_iter_next(it, &cqe));
        check(*cqe);
      }
      ring_.cq_advance(it.head - start);
    }
    CHECK(ring_.cq_ready() == 3);
    {  // peek_batch_cqe, one of three
      Cqe* batch[1];
      REQUIRE(ring_.peek_batch_cqe(batch, 1) == 1);
      check(*batch[0]);
      ring_.cqe_seen(batch[0]);
    }
    // for_each_cqe, the last two
    const unsigned slots = ring_.for_each_cqe([this](Cqe& cqe) { check(cqe); });
    CHECK(slots == 2);
    ring_.cq_advance(slots);
  }

  // A NOP, a refused SQE, two NOPs: the kernel stops after the refused one
  // and the two behind it go on the next submit.
  void refused_mid_batch() {
    queue();
    queue(-EINVAL);
    queue();
    queue();
    submit(2);
    CHECK(ring_.sq_ready() == 2);
    submit(2);
    Cqe* batch[kSqEntries];
    REQUIRE(ring_.peek_batch_cqe(batch, kSqEntries) == 4);
    for (unsigned i = 0; i < 4; ++i) check(*batch[i]);
    for (unsigned i = 0; i < 4; ++i) ring_.cqe_seen(batch[i]);
  }

  // 24 CQEs into 16 slots: 8 wait in the kernel's overflow backlog and
  // reach the CQ as it drains, in order.
  void overflow() {
    for (int batch = 0; batch < 3; ++batch) {
      for (unsigned i = 0; i < kSqEntries; ++i) queue();
      submit(kSqEntries);
    }
    CHECK(ring_.cq_ready() == kCqEntries);
    CHECK(ring_.cq_has_overflow());
    for (int i = 0; i < 24; ++i) {
      Cqe* cqe = test::must(ring_.wait_cqe());
      check(*cqe);
      ring_.cqe_seen(cqe);
    }
    CHECK_FALSE(ring_.cq_has_overflow());
  }

  // Plain CQEs up to the CQ's last slot, then a 32-byte CQE, which the
  // kernel cannot split: it pads the last slot and starts over at slot 0.
  void big_cqe_across_the_end() {
    auto reap_all = [this] {
      while (ring_.cq_ready() > 0) {
        Cqe* cqe = test::must(ring_.peek_cqe());
        check(*cqe);
        ring_.cqe_seen(cqe);
      }
    };
    uint32_t left = kCqEntries - 1 - (*ring_.cq().ktail & (kCqEntries - 1));
    while (left > 0) {
      const unsigned n = left < kSqEntries ? left : kSqEntries;
      for (unsigned i = 0; i < n; ++i) queue();
      submit(n);
      reap_all();
      left -= n;
    }
    REQUIRE((*ring_.cq().khead & (kCqEntries - 1)) == kCqEntries - 1);
    queue(0, true);
    queue();
    queue(0, true);
    submit(3);
    CHECK(ring_.cq_ready() == 6);  // padding, 2, 1, 2
    // Reaped with the iterator and for_each_cqe, which both step over the
    // padding; peek_cqe consumes it when it is at the head.
    CqeIter it = ring_.cqe_iter_init();
    const uint32_t start = it.head;
    Cqe* cqe = nullptr;
    REQUIRE(R::cqe_iter_next(it, &cqe));
    check(*cqe);
    ring_.cq_advance(it.head - start);  // the padding and the first CQE
    const unsigned slots = ring_.for_each_cqe([this](Cqe& c) { check(c); });
    CHECK(slots == 3);
    ring_.cq_advance(slots);
    CHECK(ring_.cq_ready() == 0);
  }

  // Plain NOPs until the SQ tail is one short of a multiple of 16 (the SQ's
  // last slot), then a 128-byte NOP and a plain one: the 128-byte SQE
  // cannot straddle the end, so get_sqe128() pads the last slot with a NOP
  // that posts no CQE and starts over at slot 0.
  void big_sqe_across_the_end() {
    while ((ring_.sq().sqe_tail & 15) != 15) {
      queue();
      submit(1);
      Cqe* cqe = test::must(ring_.wait_cqe());
      check(*cqe);
      ring_.cqe_seen(cqe);
    }
    REQUIRE((ring_.sq().sqe_tail & (kSqEntries - 1)) == kSqEntries - 1);
    Sqe* big = ring_.get_sqe128();
    REQUIRE(big == &ring_.sq().sqes[0]);
    prep_nop128(*big);
    sqe_set_data64(*big, next_);
    pending_.push_back(Sent{next_++, 0, false});
    queue();
    submit(4);  // the padding, two slots, one
    for (int i = 0; i < 2; ++i) {
      Cqe* cqe = test::must(ring_.wait_cqe());
      check(*cqe);
      ring_.cqe_seen(cqe);
    }
    CHECK(ring_.cq_ready() == 0);  // none for the padding
  }

  R& ring_;
  bool big_cqes_;
  bool big_sqes_;
  uint64_t next_ = 1;
  std::deque<Sent> pending_;
};

/// Sets up a ring of type R with setup::defer_taskrun (which resizing
/// needs), SINGLE_ISSUER, `flags`, 32768 SQ and 65536 CQ entries, consumes
/// `start` NOPs in batches of up to 32768 (their SQEs written once, then
/// reused), and resizes it to kSqEntries and kCqEntries: its SQ and CQ
/// heads and tails are all `start` then. Calls `progress(done)` (if not
/// null) every 2^28 NOPs. Fails the test on any error.
template <class R>
R advance_then_resize(uint32_t start, uint32_t flags, void (*progress)(uint32_t) = nullptr) {
  constexpr unsigned kBatch = 32768;
  Params p{};
  p.flags = setup::defer_taskrun | setup::single_issuer | setup::cqsize | flags;
  p.cq_entries = 2 * kBatch;
  R ring = test::must(test::set_up_waiting([&] { return R::queue_init_params(kBatch, p); }));
  for (unsigned i = 0; i < kBatch; ++i) prep_nop(*ring.get_sqe());
  ring.cq_advance(test::must(ring.submit_and_wait(kBatch)));
  uint32_t done = kBatch;
  REQUIRE(start >= done);
  while (done != start) {
    const uint32_t n = start - done < kBatch ? start - done : kBatch;
    // The slots still hold NOPs from the first batch.
    for (uint32_t i = 0; i < n; ++i) (void)ring.get_sqe();
    const unsigned consumed = test::must(ring.submit_and_wait(n));
    REQUIRE(consumed == n);
    REQUIRE(ring.cq_ready() == n);
    ring.cq_advance(n);
    done += n;
    if (progress != nullptr && (done & ((1U << 28) - 1)) < n) progress(done);
  }
  Params small{};
  small.flags = setup::cqsize;
  small.sq_entries = kSqEntries;
  small.cq_entries = kCqEntries;
  REQUIRE(ring.resize_rings(small).ok());
  CHECK(*ring.sq().khead == start);
  CHECK(*ring.sq().ktail == start);
  CHECK(*ring.cq().khead == start);
  CHECK(*ring.cq().ktail == start);
  return ring;
}

}  // namespace fring::test::wrap

#endif  // FRING_TESTS_WRAP_BATTERY_H
