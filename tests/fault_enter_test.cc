// SPDX-License-Identifier: MIT
// io_uring_enter errors driven through the syscall layer's fault-injection
// seam (this binary is built with FRING_FAULT_INJECTION), on a Ring and on a
// StaticRing<0>, whose hot paths are compiled apart. Each "fault:" case
// gives the typed error, leaves queued SQEs queued and ready CQEs ready,
// leaks no fd and no mapping, and once the fault clears every user_data
// comes back exactly once.
#include <cerrno>

#include "tests/fault_support.h"

namespace fring {
using namespace fring::test::fault_support;
namespace fault = fring::sys::fault;
using sys::Call;

namespace {

// Runs `scenario(ring)` on a fresh Ring and a fresh StaticRing<0> of 8
// entries, each inside a leak check.
template <class F>
void on_both_ring_types(F scenario) {
  if (const char* why = test::io_uring_unavailable()) FRING_SKIP(why);
  NoLeaks leaks;
  {
    Ring ring = test::must(Ring::queue_init(8));
    scenario(ring);
  }
  {
    StaticRing<0> ring = test::must(StaticRing<0>::queue_init(8));
    scenario(ring);
  }
  leaks.check();
}

// Four NOPs queued, a submit that fails with `raw`: the typed error, the
// four still queued (and the kernel told nothing it could lose), then one
// submit brings all four back once.
template <class R>
void submit_fails(R& ring, long raw, Errno want) {
  fault::reset();
  test::queue_nops(ring, 10, 4);
  fault::inject(Call::uring_enter, raw);
  CHECK(test::error_of(ring.submit()) == want);
  CHECK(fault::calls(Call::uring_enter) == 1);
  CHECK(ring.sq_ready() == 4);
  CHECK(ring.sq_space_left() == 4);
  CHECK(ring.cq_ready() == 0);
  REQUIRE(test::must(ring.submit_and_wait(4)) == 4);
  test::expect_nops_once(ring, 10, 4);
  nops_exactly_once(ring, 20, 8);
}

// Two CQEs ready, a wait for three that fails with `raw`: the typed error
// and both CQEs still there; then a third NOP completes the set.
template <class R>
void wait_fails(R& ring, long raw, Errno want) {
  nops_exactly_once(ring, 1, 8);
  test::queue_nops(ring, 30, 2);
  REQUIRE(test::must(ring.submit_and_wait(2)) == 2);
  fault::inject(Call::uring_enter, raw);
  CHECK(test::error_of(ring.wait_cqe_nr(3)) == want);
  CHECK(ring.cq_ready() == 2);
  test::queue_nops(ring, 32, 1);
  REQUIRE(test::must(ring.submit()) == 1);
  test::expect_nops_once(ring, 30, 3);
}

}  // namespace

TEST_CASE("fault: enter EINTR during a wait leaves the CQ alone") {
  on_both_ring_types([](auto& ring) {
    fault::reset();
    wait_fails(ring, -EINTR, Errno::eintr);
    // A wait with a timeout and one with nothing ready say the same.
    if (ring.features() & feat::ext_arg) {
      const Timespec ts{1, 0};
      fault::inject(Call::uring_enter, -EINTR);
      CHECK(test::error_of(ring.wait_cqe_timeout(&ts)) == Errno::eintr);
    }
    fault::inject(Call::uring_enter, -EINTR);
    CHECK(test::error_of(ring.wait_cqe()) == Errno::eintr);
    nops_exactly_once(ring, 40, 8);
  });
}

TEST_CASE("fault: enter EINTR during submit and wait keeps the SQEs queued") {
  on_both_ring_types([](auto& ring) {
    fault::reset();
    test::queue_nops(ring, 50, 3);
    fault::inject(Call::uring_enter, -EINTR);
    CHECK(test::error_of(ring.submit_and_wait(3)) == Errno::eintr);
    CHECK(ring.sq_ready() == 3);
    // The retry submits the same three, no more and no fewer.
    REQUIRE(test::must(ring.submit_and_wait(3)) == 3);
    test::expect_nops_once(ring, 50, 3);
    // The same through submit_and_wait_timeout(), whose slow path differs.
    if (ring.features() & feat::ext_arg) {
      test::queue_nops(ring, 60, 2);
      const Timespec ts{1, 0};
      Cqe* cqe = nullptr;
      fault::inject(Call::uring_enter, -EINTR);
      CHECK(test::error_of(ring.submit_and_wait_timeout(&cqe, 2, &ts, nullptr)) == Errno::eintr);
      CHECK(ring.sq_ready() == 2);
      REQUIRE(test::must(ring.submit_and_wait_timeout(&cqe, 2, &ts, nullptr)) == 2);
      CHECK(cqe != nullptr);
      test::expect_nops_once(ring, 60, 2);
    }
  });
}

TEST_CASE("fault: enter EAGAIN (no request memory) keeps the SQEs queued") {
  on_both_ring_types([](auto& ring) {
    fault::reset();
    submit_fails(ring, -EAGAIN, Errno::eagain);
  });
}

TEST_CASE("fault: enter EBUSY (CQ overflow backlog) keeps the SQEs queued") {
  on_both_ring_types([](auto& ring) {
    fault::reset();
    submit_fails(ring, -EBUSY, Errno::ebusy);
    wait_fails(ring, -EBUSY, Errno::ebusy);
  });
}

TEST_CASE("fault: enter EBADR (completions dropped) is reported and the ring goes on") {
  on_both_ring_types([](auto& ring) {
    fault::reset();
    wait_fails(ring, -EBADR, Errno::ebadr);
    submit_fails(ring, -EBADR, Errno::ebadr);
    // get_events(), which only flushes, reports it too.
    fault::inject(Call::uring_enter, -EBADR);
    CHECK(test::error_of(ring.get_events()) == Errno::ebadr);
    nops_exactly_once(ring, 70, 8);
  });
}

TEST_CASE("fault: enter ETIME (a wait timed out) is reported once") {
  // The kernel says ETIME only when the CQ is empty (it returns 0 once any
  // CQE is there), so each wait here starts from an empty CQ.
  on_both_ring_types([](auto& ring) {
    if (!(ring.features() & feat::ext_arg)) {
      FRING_SKIP("kernel lacks feat::ext_arg (Linux 5.11)");
    }
    fault::reset();
    const Timespec ts{1, 0};
    fault::inject(Call::uring_enter, -ETIME);
    CHECK(test::error_of(ring.wait_cqe_timeout(&ts)) == Errno::etime);
    CHECK(fault::calls(Call::uring_enter) == 1);  // not retried
    fault::inject(Call::uring_enter, -ETIME);
    CHECK(test::error_of(ring.wait_cqes(2, &ts, nullptr)) == Errno::etime);
    // Through submit-and-wait: SQEs the kernel never saw stay queued.
    test::queue_nops(ring, 80, 2);
    Cqe* cqe = nullptr;
    fault::inject(Call::uring_enter, -ETIME);
    CHECK(test::error_of(ring.submit_and_wait_timeout(&cqe, 2, &ts, nullptr)) == Errno::etime);
    CHECK(ring.sq_ready() == 2);
    REQUIRE(test::must(ring.submit()) == 2);
    test::expect_nops_once(ring, 80, 2);
  });
}

TEST_CASE("fault: enter EOWNERDEAD (the SQPOLL thread died) is reported") {
  on_both_ring_types([](auto& ring) {
    fault::reset();
    submit_fails(ring, -EOWNERDEAD, Errno::eownerdead);
    wait_fails(ring, -EOWNERDEAD, Errno::eownerdead);
  });
}

TEST_CASE("fault: enter ENXIO (the ring is going away) is reported") {
  on_both_ring_types([](auto& ring) {
    fault::reset();
    submit_fails(ring, -ENXIO, Errno::enxio);
    wait_fails(ring, -ENXIO, Errno::enxio);
    fault::inject(Call::uring_register, -ENXIO);
    CHECK(test::error_of(ring.register_ring_fd()) == Errno::enxio);
    CHECK_FALSE(ring.ring_fd_registered());
    nops_exactly_once(ring, 90, 8);
  });
}

TEST_CASE("fault: an enter failing twice in a row fails twice, then recovers") {
  on_both_ring_types([](auto& ring) {
    fault::reset();
    test::queue_nops(ring, 100, 8);  // a full SQ
    CHECK(ring.get_sqe() == nullptr);
    fault::inject(Call::uring_enter, -EINTR, 0, 2);
    CHECK(test::error_of(ring.submit()) == Errno::eintr);
    CHECK(test::error_of(ring.submit()) == Errno::eintr);
    CHECK(ring.get_sqe() == nullptr);  // still full: nothing was handed over
    REQUIRE(test::must(ring.submit()) == 8);
    test::expect_nops_once(ring, 100, 8);
    nops_exactly_once(ring, 110, 8);
  });
}

}  // namespace fring
