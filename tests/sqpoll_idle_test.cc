// SPDX-License-Identifier: MIT
// SQPOLL idle-to-submit cycles. The kernel thread of an SQPOLL ring with
// sq_thread_idle = 1 ms goes to sleep after that long without work and sets
// sq_flag::need_wakeup; submit() must then see the flag and wake it. Each
// cycle waits until the thread sleeps, submits one NOP with the plain
// submit(), and waits for its completion: a wake-up lost in the race between
// the thread going to sleep and submit() reading the flag leaves the NOP in
// the SQ, and the cycle times out. Every wait has its own limit: 1 s for
// the completion, the wake-up under test, and 10 s for the flag, whose
// wait only makes sure the thread sleeps at all (a one-vCPU guest on a
// loaded host took up to 2.6 s now and then; its clock may jump). The test
// asserts no cycle missed one and every NOP came back exactly once, and
// prints the longest wait for the flag.
// FRING_SQPOLL_CYCLES sets the count (as /init, the kernel command line's
// FRING_SQPOLL_CYCLES=N); by default kHostCycles, or kGuestCycles as /init
// of a VM cell, where a cycle takes longer and the cell's one vCPU runs
// every unit in turn. Prints the cycles, timeouts and times.
#include <stdio.h>
#include <time.h>

#include <vector>

#include "tests/support/fring_test.h"
#include "tests/support/setup_wait.h"
#include "tests/support/vm_init.h"

namespace fring {
namespace {

constexpr uint64_t kHostCycles = 2000;          // about 17 s here: a cycle waits out the idle time
constexpr uint64_t kGuestCycles = 200;          // about 3 s in an aarch64 cell
constexpr int64_t kSleepLimitNs = 10000000000;  // for the thread to go to sleep
constexpr Timespec kCompletionLimit{1, 0};      // for a cycle's NOP
constexpr Timespec kLateLimit{10, 0};           // for NOPs of timed-out cycles, at the end

int64_t now_ns() {
  timespec t{};
  clock_gettime(CLOCK_MONOTONIC, &t);
  return int64_t{t.tv_sec} * 1000000000 + t.tv_nsec;
}

bool thread_asleep(const Ring& ring) {
  // The kernel sets the flag as its thread goes to sleep; any fresh value will do.
  return (read_once(ring.sq().kflags) & sq_flag::need_wakeup) != 0;
}

// Waits, napping a tenth of the idle time at a time, until the SQ thread
// sleeps or kSleepLimitNs have passed; returns how long it waited.
int64_t wait_until_asleep(const Ring& ring) {
  const int64_t began = now_ns();
  while (!thread_asleep(ring) && now_ns() - began < kSleepLimitNs) {
    const timespec nap{0, 100000};
    nanosleep(&nap, nullptr);
  }
  return now_ns() - began;
}

// The NOPs of the cycles, each expected back once with res 0.
struct Ledger {
  std::vector<uint8_t> seen;
  uint64_t unexpected = 0;  // a user_data out of range, a second time, or res != 0

  // Books every ready CQE.
  void book(Ring& ring) {
    const unsigned slots = ring.for_each_cqe([&](Cqe& cqe) {
      if (cqe.user_data < seen.size() && seen[cqe.user_data] == 0 && cqe.res == 0) {
        seen[cqe.user_data] = 1;
      } else {
        ++unexpected;
      }
    });
    ring.cq_advance(slots);
  }
};

}  // namespace

TEST_CASE("SQPOLL idle to submit cycles: each submit wakes the sleeping thread in time") {
  if (const char* why = test::io_uring_unavailable()) FRING_SKIP(why);
  FRING_REQUIRE_SETUP_FLAG(sqpoll);
  FRING_REQUIRE_FEATURE(ext_arg);  // the timed waits
  const uint64_t cycles =
      test::env_count("FRING_SQPOLL_CYCLES", test::vm::is_init() ? kGuestCycles : kHostCycles);
  Params p{};
  p.flags = setup::sqpoll;
  p.sq_thread_idle = 1;  // ms
  Ring ring = test::must(test::set_up_waiting([&] { return Ring::queue_init_params(4, p); }));
  Ledger ledger;
  ledger.seen.assign(cycles, 0);
  uint64_t sleep_timeouts = 0, completion_timeouts = 0;
  int64_t longest_sleep_wait = 0;
  uint64_t longest_cycle = 0;
  const int64_t began = now_ns();
  for (uint64_t cycle = 0; cycle < cycles; ++cycle) {
    const int64_t waited = wait_until_asleep(ring);
    if (waited >= kSleepLimitNs) ++sleep_timeouts;
    if (waited > longest_sleep_wait) {
      longest_sleep_wait = waited;
      longest_cycle = cycle;
    }
    Sqe* sqe = ring.get_sqe();
    REQUIRE_MESSAGE(sqe != nullptr, "cycle ", cycle, ": the SQ is full of unsubmitted NOPs");
    prep_nop(*sqe);
    sqe_set_data64(*sqe, cycle);
    REQUIRE(ring.submit().ok());
    while (ledger.seen[cycle] == 0) {
      Result<Cqe*> cqe = ring.wait_cqe_timeout(&kCompletionLimit);
      if (cqe == Errno::etime) {
        ++completion_timeouts;  // the NOP may still come: the end looks for it
        break;
      }
      REQUIRE_MESSAGE(cqe.ok(), "wait: ", test::error_name(cqe));
      ledger.book(ring);
    }
  }
  const int64_t took = now_ns() - began;
  for (uint64_t cycle = 0; cycle < cycles; ++cycle) {
    while (ledger.seen[cycle] == 0 && ring.wait_cqe_timeout(&kLateLimit).ok()) ledger.book(ring);
  }
  printf(
      "sqpoll_idle_test: %llu cycles, %llu timeouts (%llu asleep, %llu completion) in %.2f s,"
      " %.0f us a cycle; the longest wait for sleep %.1f ms (cycle %llu)\n",
      static_cast<unsigned long long>(cycles),
      static_cast<unsigned long long>(sleep_timeouts + completion_timeouts),
      static_cast<unsigned long long>(sleep_timeouts),
      static_cast<unsigned long long>(completion_timeouts), static_cast<double>(took) * 1e-9,
      static_cast<double>(took) * 1e-3 / static_cast<double>(cycles),
      static_cast<double>(longest_sleep_wait) * 1e-6,
      static_cast<unsigned long long>(longest_cycle));
  fflush(stdout);
  CHECK(sleep_timeouts == 0);
  CHECK(completion_timeouts == 0);
  CHECK(ledger.unexpected == 0);
  uint64_t missing = 0;
  for (uint8_t s : ledger.seen) missing += s == 0 ? 1 : 0;
  CHECK_MESSAGE(missing == 0, missing, " NOPs never came back");
}

}  // namespace fring
