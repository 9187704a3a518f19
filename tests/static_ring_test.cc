// SPDX-License-Identifier: MIT
// StaticRing<kShape>: the hot path with the shape and mode fixed at compile
// time, in every shape {default, SQE128, CQE32, both, mixed} and mode
// {plain, SQPOLL, SINGLE_ISSUER+DEFER_TASKRUN with a registered ring fd,
// COOP_TASKRUN+TASKRUN_FLAG}: batches of NOP round trips through its own
// get_sqe/submit_and_wait/for_each_cqe/cq_advance, wrapping the rings many
// times; set-up refusing shape bits outside kShape; and that it is a Ring.
#include <signal.h>

#include <string>
#include <vector>

#include "tests/support/child.h"
#include "tests/support/fring_test.h"
#include "tests/support/leaks.h"
#include "tests/support/ring_util.h"

namespace fring {

namespace {

constexpr uint32_t kMixed = setup::sqe_mixed | setup::cqe_mixed;
constexpr uint32_t kBig = setup::sqe128 | setup::cqe32;

struct Mode {
  const char* name;
  uint32_t flags;  // run-time flags added to the shape
  bool register_fd;
};

constexpr Mode kModes[] = {
    {"plain", 0, false},
    {"DEFER_TASKRUN", setup::single_issuer | setup::defer_taskrun, true},
    {"TASKRUN_FLAG", setup::coop_taskrun | setup::taskrun_flag, false},
};

// `rounds` batches of 1..8 NOPs through the typed hot path; every CQE comes
// back once with its user_data.
template <uint32_t kShape>
void round_trips(StaticRing<kShape>& ring, unsigned rounds) {
  uint64_t next = 1;
  for (unsigned round = 0; round < rounds; ++round) {
    const unsigned batch = 1 + round % 8;
    for (unsigned i = 0; i < batch; ++i) {
      // An SQPOLL thread can post the CQEs of a batch before it moves the SQ
      // head past it: wait for the slot rather than assume it is free.
      Sqe* sqe = ring.get_sqe();
      for (int waits = 0; sqe == nullptr && waits < 1000; ++waits) {
        REQUIRE(ring.sqring_wait().ok());
        sqe = ring.get_sqe();
      }
      REQUIRE(sqe != nullptr);
      prep_nop(*sqe);
      sqe_set_data64(*sqe, next + i);
    }
    const Result<unsigned> submitted = ring.submit_and_wait(batch);
    REQUIRE(submitted.ok());
    if (!(kShape & setup::sqpoll)) CHECK(submitted.value() == batch);
    std::vector<uint64_t> seen;
    // SQPOLL may post the batch in pieces: reap until all came.
    while (seen.size() < batch) {
      const unsigned slots = ring.for_each_cqe([&](Cqe& cqe) {
        CHECK(cqe.res == 0);
        seen.push_back(cqe.user_data);
      });
      ring.cq_advance(slots);
      if (seen.size() < batch) REQUIRE(ring.wait_cqe().ok());
    }
    REQUIRE(seen.size() == batch);
    for (unsigned i = 0; i < batch; ++i) CHECK(seen[i] == next + i);
    next += batch;
  }
  CHECK(ring.cq_ready() == 0);
  CHECK(ring.sq_ready() == 0);
}

template <uint32_t kShape>
void check_shape(const char* missing_flag) {
  for (const Mode& mode : kModes) {
    INFO("mode ", mode.name);
    Params p{};
    p.flags = mode.flags;
    p.sq_thread_idle = 1;
    auto r = test::set_up_waiting([&p] { return StaticRing<kShape>::queue_init_params(8, p); });
    if ((kShape & setup::sqpoll) && mode.flags != 0) {
      // The task-work modes decide how the submitting task runs completion
      // work; with SQPOLL the kernel thread submits, and the kernel refuses
      // them.
      CHECK(test::error_of(r) == Errno::einval);
      continue;
    }
    if (!r.ok() && r.error() == Errno::einval) {
      // A flag this kernel lacks: the shape's or the mode's.
      const char* why = test::missing_setup_flag(kShape | mode.flags, missing_flag);
      if (why == nullptr) why = test::missing_setup_flag(mode.flags, mode.name);
      REQUIRE_MESSAGE(why != nullptr, "set-up refused a supported combination");
      continue;
    }
    if (!r.ok()) {
      if (const char* why = test::setup_skip_reason(r.error())) FRING_SKIP(why);
      FAIL("set-up failed: " << test::error_name(r));
    }
    StaticRing<kShape>& ring = r.value();
    CHECK((ring.flags() & kShapeFlags) == kShape);
    CHECK((ring.flags() & mode.flags) == mode.flags);
    if (mode.register_fd) REQUIRE(ring.register_ring_fd().ok());
    round_trips(ring, 40);  // 180 NOPs: the 8-entry SQ wraps many times
    // A StaticRing is a Ring: the run-time-shaped path drives it too.
    Ring& plain = ring;
    test::nop_round_trip(plain, 1000);
    round_trips(ring, 9);
  }
}

}  // namespace

TEST_CASE("StaticRing: default shape, every mode") {
  if (const char* why = test::io_uring_unavailable()) FRING_SKIP(why);
  check_shape<0>("none");
}

TEST_CASE("StaticRing: SQE128 and CQE32, every mode") {
  if (const char* why = test::io_uring_unavailable()) FRING_SKIP(why);
  if (const char* why = test::missing_setup_flag(kBig, "SQE128|CQE32")) FRING_SKIP(why);
  check_shape<setup::sqe128>("SQE128");
  check_shape<setup::cqe32>("CQE32");
  check_shape<kBig>("SQE128|CQE32");
}

TEST_CASE("StaticRing: mixed SQEs and CQEs, every mode") {
  if (const char* why = test::io_uring_unavailable()) FRING_SKIP(why);
  if (const char* why = test::missing_setup_flag(kMixed, "SQE_MIXED|CQE_MIXED")) FRING_SKIP(why);
  check_shape<kMixed>("SQE_MIXED|CQE_MIXED");
}

TEST_CASE("StaticRing: SQPOLL, every mode") {
  if (const char* why = test::io_uring_unavailable()) FRING_SKIP(why);
  check_shape<setup::sqpoll>("SQPOLL");
  check_shape<setup::sqpoll | setup::cqe32>("SQPOLL|CQE32");
}

TEST_CASE("StaticRing set-up refuses shape bits outside its type") {
  CHECK(test::error_of(test::set_up_waiting(
            [&] { return StaticRing<0>::queue_init(4, setup::sqpoll); })) == Errno::einval);
  CHECK(test::error_of(test::set_up_waiting([&] {
          return StaticRing<setup::cqe32>::queue_init(4, setup::sqe128);
        })) == Errno::einval);
  Params p{};
  p.flags = setup::cqe32;
  CHECK(test::error_of(StaticRing<0>::queue_mmap(3, p)) == Errno::einval);
  static_assert(StaticRing<setup::sqe128>::sqe_shift() == 1);
  static_assert(StaticRing<setup::cqe32>::cqe_shift() == 1);
  static_assert(StaticRing<kMixed>::cqe_shift() == 0);
}

namespace {
// What generic code may do with any Ring: assign it a fresh one.
void reopen(Ring& r, uint32_t flags) {
  r = test::must(test::set_up_waiting([&] { return Ring::queue_init(8, flags); }));
}
}  // namespace

TEST_CASE("StaticRing keeps its shape when generic code assigns through a Ring&") {
  if (const char* why = test::io_uring_unavailable()) FRING_SKIP(why);
  if (const char* why = test::missing_setup_flag(setup::cqe32, "CQE32")) FRING_SKIP(why);
  // The same shape passes, and the ring works through its typed path.
  StaticRing<setup::cqe32> big =
      test::must(test::set_up_waiting([&] { return StaticRing<setup::cqe32>::queue_init(8); }));
  reopen(big, setup::cqe32);
  round_trips(big, 3);
  // Another shape is misuse: the compiled-in CQE32 stride would read a
  // 16-byte CQ. The child traps with the message, and nothing was torn down.
  const test::ChildResult child = test::in_child([&] {
    signal(SIGILL, SIG_DFL);  // doctest's handlers would report the trap as a crash
    signal(SIGTRAP, SIG_DFL);
    reopen(big, 0);
    return std::string("reopen() returned");
  });
  // __builtin_trap(): SIGILL on x86_64, SIGTRAP on aarch64 and riscv64.
  CHECK((child.status == 128 + SIGILL || child.status == 128 + SIGTRAP));
  CHECK(child.report.empty());
  round_trips(big, 3);  // this process's ring is unchanged
  // An empty Ring, or a ring moved out of a StaticRing, may go anywhere.
  Ring plain;
  Ring& as_ring = big;
  as_ring = Ring();
  CHECK(!big.is_open());
  plain = test::must(test::set_up_waiting([&] { return StaticRing<setup::cqe32>::queue_init(4); }));
  reopen(plain, 0);
  CHECK(plain.is_open());
  big = test::must(test::set_up_waiting([&] { return StaticRing<setup::cqe32>::queue_init(8); }));
  Ring moved(static_cast<Ring&&>(big));
  reopen(moved, 0);  // a Ring built from a StaticRing is a plain Ring
  CHECK(moved.is_open());
}

}  // namespace fring
