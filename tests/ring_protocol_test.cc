// SPDX-License-Identifier: MIT
// How fring drives the SQ and CQ in the modes that change the protocol:
// SQ_REWIND rings (SQEs always from slot 0), SQEs the kernel leaves behind
// when it stops at a bad one, sqring_wait() with queued but unpublished
// SQEs, and reaping DEFER_TASKRUN completions without waiting.
#include <unistd.h>
#include <cerrno>

#include "tests/support/fring_test.h"
#include "tests/support/ring_util.h"

namespace fring {

namespace {

// An SQE the kernel refuses at submission (an opcode past the last one): it
// consumes it, posts its error, and stops submitting there.
void queue_bad(Ring& ring, uint64_t data) {
  Sqe* sqe = ring.get_sqe();
  REQUIRE(sqe != nullptr);
  prep_rw(*sqe, static_cast<Op>(0xfe), -1, 0, 0, 0);
  sqe_set_data64(*sqe, data);
}

template <class R>
void rewind_rounds(R& ring) {
  REQUIRE(ring.sq().ring_entries == 4);
  // Many more SQEs than the SQ holds, in batches of every size: each submit
  // must run exactly the new SQEs, and get_sqe() never starve.
  uint64_t data = 1;
  for (unsigned round = 0; round < 12; ++round) {
    const unsigned n = 1 + round % 4;
    test::queue_nops(ring, data, n);
    CHECK(ring.sq_ready() == n);
    CHECK(test::must(ring.submit_and_wait(n)) == n);
    test::expect_nops_once(ring, data, n);
    data += n;
  }
}

}  // namespace

TEST_CASE("SQ_REWIND: every submit runs the new SQEs from slot 0") {
  FRING_REQUIRE_SETUP_FLAG(sq_rewind);
  FRING_RING(ring, 4, setup::sq_rewind);
  CHECK((ring.flags() & setup::no_sqarray) != 0);
  rewind_rounds(ring);
  // The kernel ignores head and tail there; fring leaves them at 0.
  CHECK(*ring.sq().ktail == 0);
  CHECK(*ring.sq().khead == 0);
}

TEST_CASE("SQ_REWIND in a StaticRing") {
  FRING_REQUIRE_SETUP_FLAG(sq_rewind);
  auto r = test::set_up_waiting([&] { return StaticRing<setup::sq_rewind>::queue_init(4); });
  REQUIRE(r.ok());
  rewind_rounds(r.value());
}

TEST_CASE("SQEs behind a refused one stay queued and run on the next submit") {
  // Checked on a plain ring and, where the kernel has it, an SQ_REWIND ring,
  // where the leftovers must move to slot 0 for the kernel to find them.
  for (const uint32_t flags : {0U, static_cast<uint32_t>(setup::sq_rewind)}) {
    CAPTURE(flags);
    if (flags != 0 && test::missing_setup_flag(flags, "SQ_REWIND") != nullptr) continue;
    FRING_RING(ring, 4, flags);
    FRING_SKIP_IF_RING(ring, setup::sqpoll,
                       "an SQPOLL thread goes on past a refused SQE: nothing stays queued");
    queue_bad(ring, 100);
    test::queue_nops(ring, 1, 2);
    CHECK(test::must(ring.submit()) == 1);  // the kernel stopped after the bad SQE
    const Cqe bad = test::reap(ring);
    CHECK(bad.user_data == 100);
    CHECK(bad.res == -EINVAL);
    CHECK(ring.sq_ready() == 2);
    CHECK(test::must(ring.submit_and_wait(2)) == 2);
    test::expect_nops_once(ring, 1, 2);
    // And the ring goes on as usual.
    test::queue_nops(ring, 10, 4);
    CHECK(test::must(ring.submit_and_wait(4)) == 4);
    test::expect_nops_once(ring, 10, 4);
  }
}

TEST_CASE("sqring_wait publishes queued SQEs before it waits") {
  Params p{};
  p.flags = setup::sqpoll;
  p.sq_thread_idle = 1;
  auto r = test::set_up_waiting([&p] { return Ring::queue_init_params(2, p); });
  if (!r.ok()) {
    if (const char* why = test::setup_skip_reason(r.error())) FRING_SKIP(why);
    FAIL("SQPOLL set-up failed: " << test::error_name(r));
  }
  Ring& ring = r.value();
  // Fill the SQ without submitting: nothing is published yet.
  test::queue_nops(ring, 1, 2);
  REQUIRE(ring.get_sqe() == nullptr);
  // The waiting loop of liburing's manual must make progress: sqring_wait()
  // publishes the two SQEs, the SQPOLL thread consumes them, a slot frees.
  unsigned waits = 0;
  Sqe* sqe = nullptr;
  while (sqe == nullptr && waits < 100) {
    REQUIRE(ring.sqring_wait().ok());
    ++waits;
    sqe = ring.get_sqe();
  }
  REQUIRE(sqe != nullptr);
  CHECK(waits <= 2);
  prep_nop(*sqe);
  sqe_set_data64(*sqe, 3);
  test::must(ring.submit());
  test::expect_nops_once(ring, 1, 3);
}

TEST_CASE("sqring_wait without SQPOLL submits to free the SQ") {
  FRING_RING(ring, 2);
  FRING_SKIP_IF_RING(ring, setup::sqpoll, "checks a ring without SQPOLL");
  CHECK(test::must(ring.sqring_wait()) == 0);  // room: returns at once
  test::queue_nops(ring, 1, 2);
  REQUIRE(ring.get_sqe() == nullptr);
  CHECK(test::must(ring.sqring_wait()) == 2);
  test::queue_nops(ring, 3, 1);
  CHECK(test::must(ring.submit()) == 1);
  test::expect_nops_once(ring, 1, 3);
}

TEST_CASE("DEFER_TASKRUN completions are reaped without waiting") {
  FRING_REQUIRE_SETUP_FLAG(defer_taskrun);
  FRING_RING(ring, 4, setup::single_issuer | setup::defer_taskrun);
  int fds[2];
  REQUIRE(pipe(fds) == 0);
  // A read of an empty pipe waits in the kernel; the write below readies it,
  // and its completion becomes task work that only an enter of ours runs.
  char buf[4];
  Sqe* sqe = ring.get_sqe();
  REQUIRE(sqe != nullptr);
  prep_read(*sqe, fds[0], buf, sizeof(buf), 0);
  sqe_set_data64(*sqe, 7);
  CHECK(test::must(ring.submit()) == 1);
  CHECK(test::error_of(ring.peek_cqe()) == Errno::eagain);
  REQUIRE(write(fds[1], "abcd", 4) == 4);
  // Nothing has posted the CQE yet, and the kernel does not flag the work
  // without TASKRUN_FLAG: peek_cqe() must enter the kernel to run it.
  CHECK(ring.cq_ready() == 0);
  auto cqe = ring.peek_cqe();
  REQUIRE(cqe.ok());
  CHECK(cqe.value()->user_data == 7);
  CHECK(cqe.value()->res == 4);
  ring.cqe_seen(cqe.value());
  CHECK(test::error_of(ring.peek_cqe()) == Errno::eagain);
  close(fds[0]);
  close(fds[1]);
}

}  // namespace fring
