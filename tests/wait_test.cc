// SPDX-License-Identifier: MIT
// Every way to wait: wait_cqes and submit_and_wait_timeout with timeouts and
// signal masks (counts and -ETIME, never wall time), the minimum wait of
// feat::min_timeout, get_events and submit_and_get_events flushing the
// deferred task work of a DEFER_TASKRUN ring, registered wait arguments
// (reg_op::mem_region), set_iowait, and switching the registered
// eventfd off and on through the CQ ring flags.
#include <poll.h>
#include <signal.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "tests/support/files.h"
#include "tests/support/fring_test.h"
#include "tests/support/ring_util.h"

namespace fring {

namespace {

constexpr Timespec k10ms{0, 10 * 1000 * 1000};
constexpr Timespec k10s{10, 0};

// Queues a read of the empty pipe: it completes only once data arrives.
void queue_pipe_read(Ring& ring, const test::Pipe& p, char* buf, unsigned len, uint64_t data) {
  Sqe* sqe = test::get_sqe(ring);
  REQUIRE(sqe != nullptr);
  prep_read(*sqe, p.fds[0], buf, len, ~0ULL);
  sqe->user_data = data;
}

// Queues a one-shot poll for data on the pipe: it is always armed in the
// kernel (never handed to a worker thread) and completes through task work.
void queue_pipe_poll(Ring& ring, const test::Pipe& p, uint64_t data) {
  Sqe* sqe = test::get_sqe(ring);
  REQUIRE(sqe != nullptr);
  prep_poll_add(*sqe, p.fds[0], POLLIN);
  sqe->user_data = data;
}

// An empty signal set, in libc's form (the kernel reads its first 8 bytes).
sigset_t no_signals() {
  sigset_t set;
  sigemptyset(&set);
  return set;
}

}  // namespace

TEST_CASE("wait_cqes: -ETIME with no CQE, the first CQE otherwise") {
  FRING_RING(ring, 4);
  if (!(ring.features() & feat::ext_arg)) {
    CHECK(test::error_of(ring.wait_cqes(1, &k10ms, nullptr)) == Errno::einval);
    FRING_SKIP("kernel lacks feat::ext_arg (Linux 5.11)");
  }
  CHECK(test::error_of(ring.wait_cqes(1, &k10ms, nullptr)) == Errno::etime);
  test::queue_nop(ring, 1);
  test::submit(ring, 1);
  // Fewer than asked for when the time is up: the kernel reports success
  // since there is a CQE, and the wait returns it.
  Cqe* cqe = test::must(ring.wait_cqes(2, &k10ms, nullptr));
  CHECK(cqe->user_data == 1);
  CHECK(ring.cq_ready() == 1);
  cqe = test::must(ring.wait_cqes(1, &k10ms, nullptr));
  CHECK(cqe->user_data == 1);
  test::queue_nop(ring, 2);
  test::submit(ring, 1);
  const sigset_t mask = no_signals();
  cqe = test::must(ring.wait_cqes(2, &k10ms, &mask));
  CHECK(cqe->user_data == 1);
  CHECK(ring.cq_ready() == 2);
  ring.cq_advance(2);
  // Without a timeout the signal mask goes to the kernel on its own.
  test::queue_nop(ring, 3);
  test::submit(ring, 1);
  cqe = test::must(ring.wait_cqes(1, nullptr, &mask));
  CHECK(cqe->user_data == 3);
  ring.cqe_seen(cqe);
  CHECK(test::error_of(ring.wait_cqe_timeout(&k10ms)) == Errno::etime);
}

TEST_CASE("submit_and_wait_timeout returns the number submitted") {
  FRING_RING(ring, 4);
  if (!(ring.features() & feat::ext_arg)) {
    test::queue_nop(ring, 1);
    Cqe* cqe = nullptr;
    CHECK(test::error_of(ring.submit_and_wait_timeout(&cqe, 1, &k10ms, nullptr)) == Errno::einval);
    CHECK(ring.sq_ready() == 1);  // refused before submitting
    FRING_SKIP("kernel lacks feat::ext_arg (Linux 5.11)");
  }
  Cqe* cqe = nullptr;
  CHECK(test::error_of(ring.submit_and_wait_timeout(&cqe, 1, &k10ms, nullptr)) == Errno::etime);
  CHECK(cqe == nullptr);

  test::queue_nop(ring, 1);
  test::queue_nop(ring, 2);
  CHECK(test::must(ring.submit_and_wait_timeout(&cqe, 2, &k10s, nullptr)) == 2);
  REQUIRE(cqe != nullptr);
  CHECK(cqe->user_data == 1);
  CHECK(ring.cq_ready() == 2);
  ring.cq_advance(2);

  // A read of an empty pipe is submitted but does not complete in time:
  // the count comes back with no CQE.
  test::Pipe p;
  char buf[8] = {};
  queue_pipe_read(ring, p, buf, sizeof(buf), 3);
  const sigset_t mask = no_signals();
  CHECK(test::must(ring.submit_and_wait_timeout(&cqe, 1, &k10ms, &mask)) == 1);
  CHECK(cqe == nullptr);
  test::wait_taken(ring);
  CHECK(ring.sq_ready() == 0);
  CHECK(ring.cq_ready() == 0);
  REQUIRE(write(p.fds[1], "fring", 5) == 5);
  cqe = test::must(ring.wait_cqe());
  CHECK(cqe->user_data == 3);
  CHECK(cqe->res == 5);
  CHECK(std::memcmp(buf, "fring", 5) == 0);
  ring.cqe_seen(cqe);

  // Without a timeout: a plain submit and wait, with the signal mask.
  test::queue_nop(ring, 4);
  CHECK(test::must(ring.submit_and_wait_timeout(&cqe, 1, nullptr, &mask)) == 1);
  REQUIRE(cqe != nullptr);
  CHECK(cqe->user_data == 4);
  ring.cqe_seen(cqe);
}

// With wait_nr 0 on an SQPOLL ring whose thread is awake, the SQEs go to the
// thread without an enter: they are submitted, so the call must say so (an
// error would tell the caller nothing was, and a retry would run them twice).
TEST_CASE("submit_and_wait_timeout, wait_nr 0, awake SQPOLL thread: the SQEs count as submitted") {
  FRING_FIXED_SETUP("sets up an SQPOLL ring whose thread stays awake");
  if (const char* why = test::io_uring_unavailable()) FRING_SKIP(why);
  Params p{};
  p.flags = setup::sqpoll;
  p.sq_thread_idle = 2000;  // ms: awake for the whole test
  auto made = test::set_up_waiting([&p] { return Ring::queue_init_params(8, p); });
  if (!made.ok()) {
    if (const char* why = test::setup_skip_reason(made.error())) FRING_SKIP(why);
    FAIL("SQPOLL set-up failed: " << test::error_name(made));
  }
  Ring& ring = made.value();
  if (!(ring.features() & feat::ext_arg)) FRING_SKIP("kernel lacks feat::ext_arg (Linux 5.11)");
  test::queue_nop(ring, 1);  // wakes the thread
  REQUIRE(test::must(ring.submit_and_wait(1)) == 1);
  ring.cqe_seen(test::must(ring.wait_cqe()));
  const sigset_t mask = no_signals();
  constexpr Timespec k1ms{0, 1000 * 1000};
  for (uint64_t i = 0; i < 100; ++i) {
    CAPTURE(i);
    test::queue_nop(ring, 100 + i);
    Cqe* cqe = nullptr;
    // Alternately the timed form and the signal-mask form (no timeout).
    const Result<unsigned> r = i % 2 ? ring.submit_and_wait_timeout(&cqe, 0, &k1ms, nullptr)
                                     : ring.submit_and_wait_timeout(&cqe, 0, nullptr, &mask);
    REQUIRE_MESSAGE(r.ok(), "an error after handing the SQE over: ", test::error_name(r));
    // The count is the SQEs the thread has not yet taken by the SQ head, as
    // liburing counts: this one, and the previous one when the thread posted
    // its CQE before publishing its new head (seen under load).
    CHECK(r.value() >= 1);
    CHECK(r.value() <= 2);
    // Its CQE, exactly once, whether or not it was already there.
    Cqe* done = test::must(ring.wait_cqe());
    CHECK(done->user_data == 100 + i);
    ring.cqe_seen(done);
    CHECK(ring.cq_ready() == 0);
  }
}

TEST_CASE("min_timeout: after the minimum wait one CQE is enough") {
  FRING_RING(ring, 4);
  if (!(ring.features() & feat::min_timeout)) {
    test::queue_nop(ring, 1);
    Cqe* cqe = nullptr;
    CHECK(test::error_of(ring.submit_and_wait_min_timeout(&cqe, 1, &k10ms, 1000, nullptr)) ==
          Errno::einval);
    CHECK(ring.sq_ready() == 1);  // refused before submitting
    CHECK(test::error_of(ring.wait_cqes_min_timeout(1, &k10ms, 1000, nullptr)) == Errno::einval);
    FRING_SKIP("kernel lacks feat::min_timeout (Linux 6.12)");
  }
  // Nothing at all: the minimum wait passes, then the timeout.
  CHECK(test::error_of(ring.wait_cqes_min_timeout(1, &k10ms, 1000, nullptr)) == Errno::etime);
  // A timeout request that fires after 10 s, and one CQE ready now. Waiting
  // for two CQEs up to 20 s would end when the timeout fires, with both;
  // with a minimum wait of 1 ms it ends then, with the one.
  Sqe* sqe = test::get_sqe(ring);
  REQUIRE(sqe != nullptr);
  prep_timeout(*sqe, &k10s, 0, 0);
  sqe->user_data = 99;
  test::queue_nop(ring, 1);
  test::submit(ring, 2);
  const Timespec k20s{20, 0};
  Cqe* cqe = test::must(ring.wait_cqes_min_timeout(2, &k20s, 1000, nullptr));
  CHECK(cqe->user_data == 1);
  CHECK(ring.cq_ready() == 1);
  ring.cqe_seen(cqe);
  // The same through the submitting variant, which reports the count.
  test::queue_nop(ring, 2);
  const sigset_t mask = no_signals();
  CHECK(test::must(ring.submit_and_wait_min_timeout(&cqe, 2, &k20s, 1000, &mask)) == 1);
  REQUIRE(cqe != nullptr);
  CHECK(cqe->user_data == 2);
  CHECK(ring.cq_ready() == 1);
  ring.cqe_seen(cqe);
  // The timeout request was still pending all along.
  sqe = test::get_sqe(ring);
  REQUIRE(sqe != nullptr);
  prep_timeout_remove(*sqe, 99, 0);
  sqe->user_data = 100;
  test::submit(ring, 1);
  const auto got = test::reap_each(ring, 2);
  CHECK(got.at(99).res == -ECANCELED);
  CHECK(got.at(100).res == 0);
}

TEST_CASE("get_events runs the deferred task work of a DEFER_TASKRUN ring") {
  FRING_REQUIRE_SETUP_FLAG(defer_taskrun);
  FRING_RING(ring, 4, setup::single_issuer | setup::defer_taskrun);
  test::Pipe p;
  queue_pipe_poll(ring, p, 1);
  test::submit(ring, 1);
  // The write wakes the poll inside this very syscall, but the completion
  // waits as task work until this task enters the kernel to get events.
  REQUIRE(write(p.fds[1], "ready", 5) == 5);
  CHECK(ring.cq_ready() == 0);
  REQUIRE(ring.get_events().ok());
  REQUIRE(ring.cq_ready() == 1);
  Cqe* cqe = test::must(ring.peek_cqe());
  CHECK(cqe->user_data == 1);
  CHECK((cqe->res & POLLIN) != 0);
  ring.cqe_seen(cqe);
  CHECK(ring.get_events().ok());  // nothing pending: still fine
  CHECK(ring.cq_ready() == 0);
}

TEST_CASE("submit_and_get_events submits and flushes deferred completions") {
  FRING_REQUIRE_SETUP_FLAG(defer_taskrun);
  FRING_RING(ring, 4, setup::single_issuer | setup::defer_taskrun);
  test::Pipe p;
  queue_pipe_poll(ring, p, 1);
  test::submit(ring, 1);
  REQUIRE(write(p.fds[1], "x", 1) == 1);
  CHECK(ring.cq_ready() == 0);
  test::queue_nop(ring, 2);
  CHECK(test::must(ring.submit_and_get_events()) == 1);
  CHECK(ring.cq_ready() == 2);
  uint64_t seen = 0;
  ring.for_each_cqe([&](Cqe& c) {
    seen |= uint64_t{1} << c.user_data;
    if (c.user_data == 1) {
      CHECK((c.res & POLLIN) != 0);
    } else {
      CHECK(c.res == 0);
    }
  });
  CHECK(seen == 6);  // user_data 1 and 2
  ring.cq_advance(2);
  CHECK(test::must(ring.submit_and_get_events()) == 0);  // nothing to submit: still enters
}

TEST_CASE("set_iowait") {
  FRING_RING(ring, 4);
  if (!(ring.features() & feat::no_iowait)) {
    CHECK(test::error_of(ring.set_iowait(false)) == Errno::eopnotsupp);
    CHECK(ring.enter_flags() == 0);
    FRING_SKIP("kernel lacks feat::no_iowait (Linux 6.15)");
  }
  REQUIRE(ring.set_iowait(false).ok());
  CHECK(ring.enter_flags() == enter::no_iowait);
  // The kernel accepts the flag on every enter: waits and submits work.
  CHECK(test::error_of(ring.wait_cqe_timeout(&k10ms)) == Errno::etime);
  test::queue_nop(ring, 1);
  test::submit_and_wait(ring, 1, 1);
  ring.cqe_seen(test::must(ring.wait_cqe()));
  REQUIRE(ring.set_iowait(true).ok());
  CHECK(ring.enter_flags() == 0);
  CHECK(test::error_of(ring.wait_cqe_timeout(&k10ms)) == Errno::etime);
}

TEST_CASE("registered wait arguments") {
  FRING_REQUIRE_REGISTER_OP(reg_op::mem_region);
  FRING_RING(ring, 4, setup::r_disabled);
  const size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  void* mem = mmap(nullptr, page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  REQUIRE(mem != MAP_FAILED);
  auto* reg = static_cast<RegWait*>(mem);
  const unsigned nr = static_cast<unsigned>(page / sizeof(RegWait));
  CHECK(test::error_of(register_wait_reg(ring, reg, 0)) == Errno::einval);
  CHECK(test::error_of(register_wait_reg(ring, reg + 1, 1)) == Errno::einval);  // unaligned
  REQUIRE(register_wait_reg(ring, reg, nr).ok());
  // One region per ring.
  CHECK(test::error_of(register_wait_reg(ring, reg, nr)) == Errno::ebusy);
  REQUIRE(ring.register_op(reg_op::enable_rings, nullptr, 0).ok());

  reg[0].ts = k10ms;
  reg[0].flags = reg_wait_flag::ts;
  Cqe* cqe = nullptr;
  CHECK(test::error_of(ring.submit_and_wait_reg(&cqe, 1, 0)) == Errno::etime);
  // Entries are read at each wait: the last one, written after registering.
  reg[nr - 1].ts = k10s;
  reg[nr - 1].flags = reg_wait_flag::ts;
  test::queue_nop(ring, 1);
  if (test::sqpoll(ring)) {
    // io_uring_enter on an SQPOLL ring returns the count it is given and
    // drops the wait's own result, so a wait that ends early would read as
    // "submitted, no CQE in time": submit first, then only wait.
    test::submit(ring, 1);
    CHECK(test::must(ring.submit_and_wait_reg(&cqe, 1, nr - 1)) == 0);
  } else {
    CHECK(test::must(ring.submit_and_wait_reg(&cqe, 1, nr - 1)) == 1);
  }
  REQUIRE(cqe != nullptr);
  CHECK(cqe->user_data == 1);
  ring.cqe_seen(cqe);
  // Once an SQPOLL thread has published its head nothing counts as pending,
  // so the waits below submit nothing and report their own errors.
  test::wait_taken(ring);
  // One past the region.
  CHECK(test::error_of(ring.submit_and_wait_reg(&cqe, 1, nr)) == Errno::efault);
  // An unknown entry flag.
  reg[1].flags = 1U << 7;
  CHECK(test::error_of(ring.submit_and_wait_reg(&cqe, 1, 1)) == Errno::einval);
  ring.queue_exit();
  munmap(mem, page);

  // Wait arguments need a ring that has not been enabled yet.
  FRING_RING(enabled, 4);
  void* other = mmap(nullptr, page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  REQUIRE(other != MAP_FAILED);
  CHECK(test::error_of(register_wait_reg(enabled, static_cast<RegWait*>(other), 1)) ==
        Errno::einval);
  munmap(other, page);
}

TEST_CASE("register_region with kernel memory, mapped from the ring fd") {
  FRING_REQUIRE_REGISTER_OP(reg_op::mem_region);
  FRING_RING(ring, 4);
  const size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  RegionDesc desc{};
  desc.size = page;
  MemRegionReg reg{};
  reg.region_uptr = reinterpret_cast<uintptr_t>(&desc);
  REQUIRE(register_region(ring, &reg).ok());
  CHECK(desc.mmap_offset != 0);  // where the kernel's memory can be mapped
  void* mem = mmap(nullptr, page, PROT_READ | PROT_WRITE, MAP_SHARED, ring.fd(),
                   static_cast<off_t>(desc.mmap_offset));
  REQUIRE(mem != MAP_FAILED);
  CHECK(static_cast<unsigned char*>(mem)[0] == 0);  // zeroed by the kernel
  munmap(mem, page);
  CHECK(test::error_of(register_region(ring, &reg)) == Errno::ebusy);
  desc = RegionDesc{};
  desc.size = page + 1;  // not whole pages
  FRING_RING(other, 4);
  CHECK(test::error_of(register_region(other, &reg)) == Errno::einval);
}

TEST_CASE("cq_eventfd_toggle") {
  FRING_RING(ring, 4);
  const int efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  REQUIRE(efd >= 0);
  // Drains the eventfd; returns the count, 0 when it was not signalled.
  auto drain = [&]() -> uint64_t {
    uint64_t count = 0;
    if (read(efd, &count, sizeof(count)) != sizeof(count)) {
      REQUIRE(errno == EAGAIN);
      return 0;
    }
    return count;
  };
  auto nop_round_trip = [&](uint64_t data) {
    test::queue_nop(ring, data);
    test::submit_and_wait(ring, 1, 1);
    Cqe* cqe = test::must(ring.wait_cqe());
    CHECK(cqe->user_data == data);
    ring.cqe_seen(cqe);
  };
  REQUIRE(register_eventfd(ring, efd).ok());
  CHECK(ring.cq_eventfd_enabled());
  nop_round_trip(1);
  CHECK(drain() >= 1);
  if (ring.cq().kflags == nullptr) {
    CHECK(test::error_of(ring.cq_eventfd_toggle(false)) == Errno::eopnotsupp);
    close(efd);
    FRING_SKIP("kernel lacks CQ ring flags (Linux 5.8)");
  }
  REQUIRE(ring.cq_eventfd_toggle(false).ok());
  CHECK_FALSE(ring.cq_eventfd_enabled());
  CHECK((*ring.cq().kflags & cq_flag::eventfd_disabled) != 0);
  nop_round_trip(2);
  CHECK(drain() == 0);
  REQUIRE(ring.cq_eventfd_toggle(false).ok());  // already off
  REQUIRE(ring.cq_eventfd_toggle(true).ok());
  CHECK(ring.cq_eventfd_enabled());
  CHECK((*ring.cq().kflags & cq_flag::eventfd_disabled) == 0);
  nop_round_trip(3);
  CHECK(drain() >= 1);
  REQUIRE(unregister_eventfd(ring).ok());
  close(efd);
}

}  // namespace fring
