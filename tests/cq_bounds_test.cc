// SPDX-License-Identifier: MIT
// The CQ ring is memory the process can write as well as the kernel, so
// fring's reaping code must stay inside it whatever the ring words say: a
// tail more than the ring's entries ahead of the head (or behind it) reads as
// a full ring, never more; on CQE_MIXED rings a 32-byte CQE cut by the tail
// or by the end of the array is not handed out, and a ring of nothing but
// padding ends a peek. Driven on fake rings (tests/support/fake_ring.h) for
// every CQE shape, through Ring and StaticRing; a valid state across 2^32 is
// the control.
#include <vector>

#include "tests/support/fake_ring.h"
#include "tests/support/fring_test.h"

namespace fring {

namespace {

constexpr uint32_t kEntries = 8;

// Fills every slot with a plain CQE whose user_data is its position.
void fill(test::FakeRing& fake, uint32_t head) {
  for (uint32_t i = 0; i < fake.entries(); ++i) {
    Cqe* c = fake.cqe(head + i);
    c->user_data = head + i;
    c->res = 0;
    c->flags = 0;
  }
}

// True when `cqe` lies inside the CQ array of `ring` with all its bytes.
bool inside(const Ring& ring, const test::FakeRing& fake, const Cqe* cqe) {
  const uint8_t* begin = test::FakeRing::cqes_of(ring);
  const uint8_t* end = begin + fake.entries() * fake.slot_bytes();
  const uint8_t* p = reinterpret_cast<const uint8_t*>(cqe);
  const bool mixed_big = (fake.flags() & setup::cqe_mixed) && (cqe->flags & cqe_flag::cqe32);
  const size_t bytes = mixed_big ? 32 : fake.slot_bytes();
  return p >= begin && p + bytes <= end;
}

// Every reaping path of `ring` on a CQ whose tail is `ready` slots ahead.
template <class R>
void check_never_more_than_entries(test::FakeRing& fake, R& ring, uint32_t head, uint32_t ready) {
  CAPTURE(head);
  CAPTURE(ready);
  fill(fake, head);
  fake.set_cq_head(head);
  fake.set_cq_tail(head + ready);
  const uint32_t expect = ready < kEntries ? ready : kEntries;
  CHECK(ring.cq_ready() == expect);
  unsigned calls = 0;
  bool all_inside = true;
  const unsigned slots = ring.for_each_cqe([&](Cqe& c) {
    ++calls;
    all_inside = all_inside && inside(ring, fake, &c);
  });
  CHECK(slots == expect);
  CHECK(calls == expect);
  CHECK(all_inside);
  CqeIter it = ring.cqe_iter_init();
  Cqe* cqe;
  calls = 0;
  while (Ring::cqe_iter_next(it, &cqe)) ++calls;
  CHECK(calls == expect);
  CHECK(it.head - head == expect);
  Cqe* batch[2 * kEntries];
  CHECK(ring.peek_batch_cqe(batch, 2 * kEntries) == expect);
  // Consuming what was walked leaves the head where the walk ended.
  ring.cq_advance(slots);
  CHECK(fake.cq_head() == head + expect);
}

template <uint32_t kShape>
void never_more_than_entries() {
  test::FakeRing fake(kEntries, kShape);
  REQUIRE(fake.ok());
  Ring ring = test::must(fake.open<Ring>());
  StaticRing<kShape> typed = test::must(fake.open<StaticRing<kShape>>());
  for (const uint32_t head : {0U, 0xfffffff0U, 0xfffffffdU, 12345U}) {
    // Valid states, across 2^32 included: exactly what the tail says.
    for (const uint32_t ready : {0U, 1U, kEntries - 1, kEntries}) {
      check_never_more_than_entries(fake, ring, head, ready);
      check_never_more_than_entries(fake, typed, head, ready);
    }
    // A tail too far ahead, or behind the head: a full ring, no more.
    for (const uint32_t ready : {kEntries + 1, 1000U, 0x80000000U, 0xffffffffU}) {
      check_never_more_than_entries(fake, ring, head, ready);
      check_never_more_than_entries(fake, typed, head, ready);
    }
  }
}

// A CQE_MIXED fake ring and both of fring's views of it.
struct Mixed {
  test::FakeRing fake{kEntries, setup::cqe_mixed};
  Ring ring = test::must(fake.open<Ring>());
  StaticRing<setup::cqe_mixed> typed = test::must(fake.open<StaticRing<setup::cqe_mixed>>());

  // Sets slot `pos` to a CQE with `flags` and user_data `pos`.
  void put(uint32_t pos, uint32_t flags) {
    Cqe* c = fake.cqe(pos);
    c->user_data = pos;
    c->res = 0;
    c->flags = flags;
  }
  void publish(uint32_t head, uint32_t tail) {
    fake.set_cq_head(head);
    fake.set_cq_tail(tail);
  }
};

// The user_data of every CQE each path hands out from the current state
// (the state is restored between paths); all must agree.
template <class R>
std::vector<uint64_t> handed_out(Mixed& m, R& ring) {
  const uint32_t head = m.fake.cq_head();
  std::vector<uint64_t> walked;
  ring.for_each_cqe([&](Cqe& c) { walked.push_back(c.user_data); });
  std::vector<uint64_t> iterated;
  CqeIter it = ring.cqe_iter_init();
  Cqe* cqe;
  while (Ring::cqe_iter_next(it, &cqe)) iterated.push_back(cqe->user_data);
  CHECK(iterated == walked);
  Cqe* batch[kEntries];
  const unsigned n = ring.peek_batch_cqe(batch, kEntries);
  m.fake.set_cq_head(head);  // a batch consumes the padding at its head
  // A batch stops at padding after its first CQE: compare that far.
  for (unsigned i = 0; i < n; ++i) CHECK(batch[i]->user_data == walked[i]);
  Result<Cqe*> first = ring.peek_cqe();
  if (walked.empty()) {
    CHECK(test::error_of(first) == Errno::eagain);
  } else {
    REQUIRE(first.ok());
    CHECK(first.value()->user_data == walked[0]);
  }
  m.fake.set_cq_head(head);
  return walked;
}

}  // namespace

TEST_CASE("a corrupt CQ tail never makes more ready than entries: 16-byte CQEs") {
  never_more_than_entries<0>();
}

TEST_CASE("a corrupt CQ tail never makes more ready than entries: CQE32") {
  never_more_than_entries<setup::cqe32>();
}

TEST_CASE("a corrupt CQ tail never makes more ready than entries: CQE_MIXED") {
  never_more_than_entries<setup::cqe_mixed>();
}

TEST_CASE("CQE_MIXED: a 32-byte CQE cut by the tail is not handed out") {
  Mixed m;
  REQUIRE(m.fake.ok());
  m.put(0, 0);
  m.put(1, cqe_flag::cqe32);
  m.publish(0, 2);  // the tail cuts the second CQE in half
  CHECK(handed_out(m, m.ring) == std::vector<uint64_t>{0});
  CHECK(handed_out(m, m.typed) == std::vector<uint64_t>{0});
  m.publish(0, 3);  // now it is whole
  CHECK(handed_out(m, m.ring) == std::vector<uint64_t>{0, 1});
  CHECK(handed_out(m, m.typed) == std::vector<uint64_t>{0, 1});
}

TEST_CASE("CQE_MIXED: a 32-byte CQE in the last slot is not handed out") {
  // The kernel pads the last slot instead; a CQE there would end past the array.
  Mixed m;
  REQUIRE(m.fake.ok());
  m.put(kEntries - 2, 0);
  m.put(kEntries - 1, cqe_flag::cqe32);
  m.put(0, 0);
  m.publish(kEntries - 2, kEntries + 1);
  CHECK(handed_out(m, m.ring) == std::vector<uint64_t>{kEntries - 2});
  CHECK(handed_out(m, m.typed) == std::vector<uint64_t>{kEntries - 2});
  // What the kernel writes: padding in the last slot, the CQE at slot 0.
  m.put(kEntries - 1, cqe_flag::skip);
  m.put(0, cqe_flag::cqe32);
  m.put(2, 0);
  m.publish(kEntries - 2, kEntries + 3);
  CHECK(handed_out(m, m.ring) == std::vector<uint64_t>{kEntries - 2, 0, 2});
  CHECK(handed_out(m, m.typed) == std::vector<uint64_t>{kEntries - 2, 0, 2});
}

TEST_CASE("CQE_MIXED: a ring of nothing but padding ends a peek") {
  Mixed m;
  REQUIRE(m.fake.ok());
  for (uint32_t i = 0; i < kEntries; ++i) m.put(i, cqe_flag::skip);
  // The tail says far more than the ring holds: the peek consumes at most
  // one ring of padding, then finds nothing.
  m.publish(0xfffffff0U, 0xfffffff0U + 0x40000000U);
  CHECK(test::error_of(m.ring.peek_cqe()) == Errno::eagain);
  CHECK(m.fake.cq_head() - 0xfffffff0U <= 2 * kEntries);
  m.publish(0xfffffff0U, 0xfffffff0U + 0x40000000U);
  CHECK(test::error_of(m.typed.peek_cqe()) == Errno::eagain);
  CHECK(m.fake.cq_head() - 0xfffffff0U <= 2 * kEntries);
}

}  // namespace fring
