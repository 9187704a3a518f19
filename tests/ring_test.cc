// SPDX-License-Identifier: MIT
// Ring set-up, submission and completion on a real kernel (the NOP with its
// bookkeeping is Zig's test 2, in tests/conformance): SQ full, CQ overflow with
// NODROP, every set-up flag combination the kernel supports, error paths,
// teardown without leaks, the registered ring fd and SQPOLL wake-ups.
#include <time.h>
#include <unistd.h>
#include <cerrno>

#include <cstring>
#include <ios>
#include <vector>

#include "tests/support/fring_test.h"
#include "tests/support/leaks.h"
#include "tests/support/ring_util.h"

namespace fring {

namespace {

void sleep_ms(long ms) {
  timespec t{ms / 1000, (ms % 1000) * 1000000};
  nanosleep(&t, nullptr);
}

// Raw io_uring_setup with `flags`, to learn what the kernel accepts without
// going through Ring. Returns 0, or the errno.
int try_setup(uint32_t flags) {
  Params p{};
  p.flags = flags;
  p.cq_entries = 16;
  const long fd = test::uring_setup_waiting(4, &p);
  if (fd < 0) return static_cast<int>(-fd);
  sys::close(static_cast<int>(fd));
  return 0;
}

}  // namespace

TEST_CASE("SQ full") {
  FRING_RING(ring, 2);
  CHECK(ring.sq_space_left() == 2);
  REQUIRE(ring.get_sqe() != nullptr);
  REQUIRE(ring.get_sqe() != nullptr);
  CHECK(ring.get_sqe() == nullptr);
  CHECK(ring.sq_space_left() == 0);
  // Give the two SQEs something to do, submit, and the slots come back.
  const Sq& sq = ring.sq();
  prep_nop(sq.sqes[0]);
  prep_nop(sq.sqes[1]);
  test::submit_and_wait(ring, 2, 2);
  CHECK(ring.sq_space_left() == 2);
  CHECK(ring.get_sqe() != nullptr);
  CHECK(ring.cq_ready() == 2);
  ring.cq_advance(2);
  CHECK(ring.cq_ready() == 0);
}

TEST_CASE("CQ overflow with NODROP") {
  FRING_RING(ring, 4);
  if (!(ring.features() & feat::nodrop)) FRING_SKIP("kernel lacks feat::nodrop (Linux 5.5)");
  const unsigned cq_size = ring.cq().ring_entries;
  const unsigned total = cq_size * 2;
  // Post twice as many CQEs as the CQ holds, reaping none.
  for (unsigned i = 0; i < total;) {
    for (unsigned j = 0; j < 4; ++j, ++i) {
      Sqe* sqe = test::get_sqe(ring);
      REQUIRE(sqe != nullptr);
      prep_nop(*sqe);
      sqe_set_data64(*sqe, i);
    }
    test::submit(ring, 4);
  }
  CHECK(ring.cq_ready() == cq_size);
  CHECK(ring.cq_has_overflow());
  CHECK(*ring.cq().koverflow == 0);  // nothing dropped
  // Reaping flushes the backlog: every completion arrives once, in order.
  std::vector<uint64_t> seen;
  while (seen.size() < total) {
    auto cqe = ring.wait_cqe();
    REQUIRE(cqe.ok());
    seen.push_back(cqe.value()->user_data);
    ring.cqe_seen(cqe.value());
  }
  for (unsigned i = 0; i < total; ++i) CHECK(seen[i] == i);
  CHECK_FALSE(ring.cq_has_overflow());
  CHECK(test::error_of(ring.peek_cqe()) == Errno::eagain);
}

TEST_CASE("every set-up flag combination the kernel supports") {
  FRING_FIXED_SETUP("tries every set-up flag combination itself");
  if (const char* why = test::io_uring_unavailable()) FRING_SKIP(why);
  // Learn which flags this kernel accepts, each with its prerequisites.
  struct Flag {
    uint32_t flags;
    const char* name;
  };
  const Flag optional[] = {
      {setup::cqsize, "CQSIZE"},         {setup::clamp, "CLAMP"},
      {setup::sqe128, "SQE128"},         {setup::cqe32, "CQE32"},
      {setup::no_sqarray, "NO_SQARRAY"}, {setup::submit_all, "SUBMIT_ALL"},
      {setup::r_disabled, "R_DISABLED"},
  };
  const uint32_t modes[] = {
      0,
      setup::sqpoll,
      setup::sqpoll | setup::sq_aff,
      setup::coop_taskrun,
      setup::coop_taskrun | setup::taskrun_flag,
      setup::single_issuer,
      setup::single_issuer | setup::defer_taskrun,
  };
  uint32_t usable = 0;
  for (const Flag& f : optional) {
    if (try_setup(f.flags) == 0)
      usable |= f.flags;
    else
      MESSAGE("kernel rejects IORING_SETUP_" << std::string(f.name));
  }
  unsigned tried = 0;
  for (uint32_t mode : modes) {
    if (try_setup(mode) != 0) {
      MESSAGE("kernel rejects set-up mode 0x" << std::hex << mode);
      continue;
    }
    for (uint32_t bits = 0; bits < (1U << 7); ++bits) {
      uint32_t extra = 0;
      for (unsigned i = 0; i < 7; ++i) {
        if (bits & (1U << i)) extra |= optional[i].flags;
      }
      if ((extra & usable) != extra) continue;
      const uint32_t flags = mode | extra;
      CAPTURE(flags);
      Params p{};
      p.flags = flags;
      p.cq_entries = 64;
      p.sq_thread_idle = 10;
      auto r = test::set_up_waiting([&p] { return Ring::queue_init_params(8, p); });
      REQUIRE_MESSAGE(r.ok(), "flags 0x" << std::hex << flags << ": " << test::error_name(r));
      Ring& ring = r.value();
      // Set-up adds NO_SQARRAY where the kernel has it, and nothing else.
      CHECK((ring.flags() & ~setup::no_sqarray) == (flags & ~setup::no_sqarray));
      const bool no_array = (flags & setup::no_sqarray) != 0 ||
                            test::missing_setup_flag(setup::no_sqarray, "NO_SQARRAY") == nullptr;
      CHECK(((ring.flags() & setup::no_sqarray) != 0) == no_array);
      CHECK(ring.sq().ring_entries == 8);
      CHECK(ring.cq().ring_entries == ((flags & setup::cqsize) ? 64u : 16u));
      CHECK((ring.sq().array == nullptr) == ((ring.flags() & setup::no_sqarray) != 0));
      if (flags & setup::r_disabled) {
        REQUIRE(ring.get_sqe() != nullptr);
        prep_nop(ring.sq().sqes[0]);
        // A disabled ring refuses io_uring_enter; an SQPOLL ring's thread just
        // has not started, so its submit never enters the kernel.
        if (!(flags & setup::sqpoll)) CHECK(test::error_of(ring.submit()) == Errno::ebadfd);
        REQUIRE(ring.register_op(reg_op::enable_rings, nullptr, 0).ok());
        CHECK(ring.submit_and_wait(1).ok());
        auto cqe = ring.wait_cqe();
        REQUIRE(cqe.ok());
        ring.cqe_seen(cqe.value());
      }
      test::nop_round_trip(ring, 1);
      test::nop_round_trip(ring, 2);
      ++tried;
    }
  }
  MESSAGE(tried << " flag combinations set up and ran NOPs");
  CHECK(tried > 0);
}

TEST_CASE("set-up errors") {
  FRING_FIXED_SETUP("checks set-up errors itself");
  const int fds = test::count_fds();
  CHECK(test::error_of(test::set_up_waiting([&] { return Ring::queue_init(0); })) ==
        Errno::einval);  // refused before the kernel
  if (const char* why = test::io_uring_unavailable()) FRING_SKIP(why);
  CHECK(test::error_of(test::set_up_waiting([&] { return Ring::queue_init(1U << 20); })) ==
        Errno::einval);  // over 32768, no CLAMP
  CHECK(test::error_of(test::set_up_waiting([&] { return Ring::queue_init(4, 1U << 31); })) ==
        Errno::einval);  // unknown flag
  Params p{};
  p.flags = setup::cqsize;  // cq_entries 0
  CHECK(test::error_of(test::set_up_waiting([&] { return Ring::queue_init_params(4, p); })) ==
        Errno::einval);
  if (try_setup(setup::coop_taskrun) == 0) {
    CHECK(test::error_of(test::set_up_waiting([&] {
            return Ring::queue_init(4, setup::sqpoll | setup::coop_taskrun);
          })) == Errno::einval);
  }
  if (try_setup(setup::single_issuer) == 0) {
    CHECK(test::error_of(test::set_up_waiting(
              [&] { return Ring::queue_init(4, setup::defer_taskrun); })) == Errno::einval);
  }
  CHECK(test::count_fds() == fds);
  // CLAMP turns the oversized request into the maximum instead of an error.
  auto clamped = test::set_up_waiting([] { return Ring::queue_init(1U << 20, setup::clamp); });
  REQUIRE_MESSAGE(clamped.ok(), "CLAMP: ", test::error_name(clamped));
  CHECK(clamped.value().sq().ring_entries == 32768);
  // Entries are rounded up to a power of two (Zig rejects 3; the kernel does not).
  auto three = test::set_up_waiting([] { return Ring::queue_init(3); });
  REQUIRE(three.ok());
  CHECK(three.value().sq().ring_entries == 4);
}

TEST_CASE("teardown leaks no fd and no mapping") {
  FRING_FIXED_SETUP("sets up and tears down rings of its own");
  if (const char* why = test::io_uring_unavailable()) FRING_SKIP(why);
  const int fds = test::count_fds();
  const int maps = test::count_mappings();
  for (int i = 0; i < 20; ++i) {
    auto a = test::set_up_waiting([] { return Ring::queue_init(8); });
    REQUIRE_MESSAGE(a.ok(), test::error_name(a));
    Ring moved = std::move(a).value();
    auto b =
        test::set_up_waiting([] { return Ring::queue_init(16, setup::sqe128 | setup::cqe32); });
    REQUIRE(b.ok());
    moved = std::move(b).value();  // the first ring is torn down here
    test::nop_round_trip(moved, 7);
    moved.queue_exit();
    moved.queue_exit();  // twice is harmless
    CHECK(moved.fd() == -1);
  }
  CHECK(test::count_fds() == fds);
  CHECK(test::count_mappings() == maps);
}

TEST_CASE("close_ring_fd, then unregister_ring_fd: refused, and nothing leaks") {
  FRING_FIXED_SETUP("sets up and tears down rings of its own");
  if (const char* why = test::io_uring_unavailable()) FRING_SKIP(why);
  const int fds = test::count_fds();
  const int maps = test::count_mappings();
  {
    Ring ring = test::must(test::set_up_waiting([] { return Ring::queue_init(8); }));
    if (!(ring.features() & feat::reg_reg_ring))
      FRING_SKIP("kernel lacks feat::reg_reg_ring (Linux 6.3)");
    test::must(ring.register_ring_fd());
    test::must(ring.close_ring_fd());
    // The registered fd is the ring's only handle now: dropping it is refused.
    CHECK(test::error_of(ring.unregister_ring_fd()) == Errno::ebadf);
    CHECK(ring.is_open());
    test::nop_round_trip(ring, 1);
    Ring moved(static_cast<Ring&&>(ring));
    CHECK(!ring.is_open());
    test::nop_round_trip(moved, 2);
  }
  CHECK(test::count_fds() == fds);
  CHECK(test::count_mappings() == maps);
}

TEST_CASE("peek, batch and iteration") {
  FRING_RING(ring, 8);
  CHECK(test::error_of(ring.peek_cqe()) == Errno::eagain);
  Cqe* batch[8];
  CHECK(ring.peek_batch_cqe(batch, 8) == 0);
  for (uint64_t i = 0; i < 5; ++i) {
    Sqe* sqe = test::get_sqe(ring);
    prep_nop(*sqe);
    sqe_set_data64(*sqe, 100 + i);
  }
  test::submit_and_wait(ring, 5, 5);
  CHECK(ring.cq_ready() == 5);
  auto first = ring.peek_cqe();
  REQUIRE(first.ok());
  CHECK(first.value()->user_data == 100);
  CHECK(ring.peek_batch_cqe(batch, 3) == 3);
  CHECK(batch[2]->user_data == 102);
  uint64_t sum = 0;
  CHECK(ring.for_each_cqe([&](Cqe& c) { sum += c.user_data; }) == 5);
  CHECK(sum == 100 + 101 + 102 + 103 + 104);
  ring.cq_advance(2);
  CqeIter it = ring.cqe_iter_init();
  Cqe* c;
  std::vector<uint64_t> rest;
  while (Ring::cqe_iter_next(it, &c)) rest.push_back(c->user_data);
  CHECK(rest == std::vector<uint64_t>{102, 103, 104});
  ring.cq_advance(3);
  CHECK(ring.cq_ready() == 0);
  // wait_cqe_nr waits for several at once.
  for (int i = 0; i < 3; ++i) prep_nop(*test::get_sqe(ring));
  test::submit(ring, 3);
  auto nr = ring.wait_cqe_nr(3);
  REQUIRE(nr.ok());
  CHECK(ring.cq_ready() == 3);
  ring.cq_advance(3);
  test::submit(ring, 0);  // nothing queued
}

TEST_CASE("for_each_cqe: the callback queues and submits; its requests come in the next walk") {
  FRING_RING(ring, 8);
  test::queue_nops(ring, 1, 2);
  test::submit(ring, 2);
  REQUIRE(test::cq_ready_settled(ring, 2) == 2);
  // Each CQE of the first walk queues a follow-up, the second submits both.
  std::vector<uint64_t> walked;
  const unsigned slots = ring.for_each_cqe([&](Cqe& c) {
    walked.push_back(c.user_data);
    test::queue_nop(ring, c.user_data + 10);
    if (c.user_data == 2) test::submit(ring, 2);
  });
  CHECK(slots == 2);
  CHECK(walked == std::vector<uint64_t>{1, 2});
  ring.cq_advance(slots);
  // The follow-ups were not in the walk that queued them, and come once each.
  test::expect_nops_once(ring, 11, 2);
}

TEST_CASE("wait_cqe_timeout") {
  FRING_RING(ring, 4);
  if (!(ring.features() & feat::ext_arg)) FRING_SKIP("kernel lacks feat::ext_arg (Linux 5.11)");
  const Timespec ts{0, 10 * 1000 * 1000};
  CHECK(test::error_of(ring.wait_cqe_timeout(&ts)) == Errno::etime);
  prep_nop(*test::get_sqe(ring));
  test::submit(ring, 1);
  const Timespec long_enough{10, 0};  // never reached: the NOP completes
  auto cqe = ring.wait_cqe_timeout(&long_enough);
  REQUIRE(cqe.ok());
  CHECK(cqe.value()->res == 0);
  ring.cqe_seen(cqe.value());
}

TEST_CASE("registered ring fd") {
  FRING_RING(ring, 4);
  FRING_REQUIRE_REGISTER_OP(reg_op::ring_fds);
  REQUIRE(ring.register_ring_fd().ok());
  CHECK(ring.ring_fd_registered());
  CHECK(ring.enter_fd() != ring.fd());
  test::nop_round_trip(ring, 1);
  CHECK(test::error_of(ring.register_ring_fd()) == Errno::eexist);
  REQUIRE(ring.unregister_ring_fd().ok());
  CHECK(ring.enter_fd() == ring.fd());
  CHECK(test::error_of(ring.unregister_ring_fd()) == Errno::einval);
  test::nop_round_trip(ring, 2);

  // Keep only the registered fd: the ring still works, and teardown drops it.
  const int fds = test::count_fds();
  {
    FRING_RING(solo, 4);
    if (!(solo.features() & feat::reg_reg_ring)) {
      CHECK(test::error_of(solo.close_ring_fd()) == Errno::eopnotsupp);
      FRING_SKIP("kernel lacks feat::reg_reg_ring (Linux 6.3)");
    }
    CHECK(test::error_of(solo.close_ring_fd()) == Errno::einval);  // not registered yet
    REQUIRE(solo.register_ring_fd().ok());
    REQUIRE(solo.close_ring_fd().ok());
    CHECK(solo.fd() == -1);
    test::nop_round_trip(solo, 3);
  }
  CHECK(test::count_fds() == fds);
}

TEST_CASE("SQPOLL wake-up") {
  FRING_FIXED_SETUP("sets up an SQPOLL ring of its own");
  Params p{};
  p.flags = setup::sqpoll;
  p.sq_thread_idle = 1;  // ms before the thread sleeps
  auto r = test::set_up_waiting([&p] { return Ring::queue_init_params(4, p); });
  if (!r.ok()) {
    if (const char* why = test::setup_skip_reason(r.error())) FRING_SKIP(why);
    FAIL("SQPOLL set-up failed: " << test::error_name(r));
  }
  Ring& ring = r.value();
  test::nop_round_trip(ring, 1);
  CHECK(ring.sqring_wait().value() == 0);  // room in the SQ: returns at once
  // Let the thread go to sleep, then submit: submit must wake it.
  bool slept = false;
  for (int i = 0; i < 200 && !slept; ++i) {
    sleep_ms(5);
    slept = (*ring.sq().kflags & sq_flag::need_wakeup) != 0;
  }
  REQUIRE_MESSAGE(slept, "the SQPOLL thread never set sq_flag::need_wakeup");
  test::nop_round_trip(ring, 2);
}

}  // namespace fring
