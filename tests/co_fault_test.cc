// SPDX-License-Identifier: MIT
// fring/co when no SQE can be had (this binary is built with
// FRING_FAULT_INJECTION): the SQ is full and the io_uring_enter that would
// make room fails. Each kind of await then resumes its coroutine at once,
// from inside its suspension, with -EBUSY; nothing is left in flight or
// allocated, and the ring goes on working once the enters pass again.
#include "fring/co/co.h"
#include "tests/fault_support.h"

namespace fring {
namespace {

using namespace fring::test::fault_support;
namespace fault = fring::sys::fault;
using Pool = co::FramePool<1024, 8>;

template <class T>
void start(co::Task<T>& task) {
  REQUIRE(task.ok());
  task.frame()->started = true;
  task.frame()->self.resume();
}

// Fills the SQ with NOPs of user_data 0 (the reaper skips those) and makes
// every enter fail until fault::reset().
void fill_and_break(Ring& ring) {
  while (Sqe* sqe = ring.get_sqe()) prep_nop(*sqe);
  fault::inject(sys::Call::uring_enter, -static_cast<long>(Errno::eio), 0, 1000);
}

// The enters pass again: the queued NOPs go out and come back, skipped.
void mend(Ring& ring, Pool& pool) {
  fault::reset();
  test::must(ring.submit_and_wait(1));
  test::must(co::drain(ring, pool));
  (void)co::reap(ring);
  CHECK(pool.used() == 0);
  CHECK(pool.draining() == 0);
}

co::Task<Result<int>> one_nop(co::FrameStorage&, Ring& ring) { co_return co_await co::nop(ring); }

co::Task<Result<int>> one_request(co::FrameStorage&, Ring& ring) {
  co_return (co_await co::request(ring, [](Sqe& s) { prep_nop(s); })).result();
}

// Both Completions the same (EBUSY, or 0), else EPROTO.
co::Task<Result<int>> one_link(co::FrameStorage&, Ring& ring) {
  auto l = co_await co::link(
      ring, [](Sqe& s) { prep_nop(s); }, [](Sqe& s) { prep_nop(s); });
  if (l.at[0].res != l.at[1].res) co_return Errno::eproto;
  co_return l.at[0].result();
}

// The first item: EBUSY, after which the stream has ended; or the first tick
// (ETIME), after which the stream is dropped armed.
co::Task<Result<int>> one_stream(co::FrameStorage&, Ring& ring) {
  auto ticks = co::timeout_stream(ring, Timespec{0, 1'000'000}, 2);
  co::Completion c = co_await ticks.next();
  if (c.result() == Errno::ebusy) {
    if ((co_await ticks.next()).result() != Errno::enodata) co_return Errno::eproto;
  }
  co_return c.result();
}

// `make` fails with EBUSY on a broken ring, then gives `fine` on a working one.
template <class Make>
void resumes_with_ebusy(Make make, Result<int> fine) {
  FRING_RING(ring, 4);
  NoLeaks leaks;
  static Pool pool;
  auto task = make(pool, ring);
  fill_and_break(ring);
  start(task);  // suspends, finds no SQE, and is resumed with the error at once
  REQUIRE(task.done());
  CHECK(test::error_of(task.result()) == Errno::ebusy);
  CHECK(fault::calls(sys::Call::uring_enter) >= 1);
  task.reset();
  mend(ring, pool);
  // The ring works again, through the same awaits.
  const Result<int> again = co::run(ring, make(pool, ring));
  CHECK(again.ok() == fine.ok());
  if (again.ok() && fine.ok()) CHECK(again.value() == fine.value());
  if (!again.ok() && !fine.ok()) CHECK(again.error() == fine.error());
  CHECK(pool.used() == 0);
  CHECK(pool.draining() == 0);
  leaks.check();
}

TEST_CASE("co/fault: a short form with no SQE resumes with EBUSY") {
  resumes_with_ebusy(one_nop, 0);
}

TEST_CASE("co/fault: request() with no SQE resumes with EBUSY") {
  resumes_with_ebusy(one_request, 0);
}

TEST_CASE("co/fault: a chain with no room resumes with EBUSY in each Completion") {
  resumes_with_ebusy(one_link, 0);
}

TEST_CASE("co/fault: a stream with no SQE ends with EBUSY and gives its record back") {
  if (!test::kernel_at_least(6, 4)) FRING_SKIP("kernel lacks timeout_flag::multishot (Linux 6.4)");
  resumes_with_ebusy(one_stream, Errno::etime);
}

}  // namespace
}  // namespace fring
