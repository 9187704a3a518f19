// SPDX-License-Identifier: MIT
#include "tests/support/ring_util.h"

#include <time.h>

#include <vector>

#include "tests/support/fring_test.h"

namespace fring::test {

bool sqpoll(const Ring& ring) { return (ring.flags() & setup::sqpoll) != 0; }

Sqe* get_sqe(Ring& ring) {
  for (int tries = 0; tries < 100000; ++tries) {
    if (Sqe* sqe = ring.get_sqe()) return sqe;
    REQUIRE_MESSAGE(sqpoll(ring), "the SQ is full");
    must(ring.sqring_wait());
  }
  FAIL("the SQPOLL thread never freed an SQ slot");
  return nullptr;
}

void wait_taken(Ring& ring) {
  if (!sqpoll(ring)) return;
  // The thread publishes its head once it has issued the SQEs before it.
  for (int i = 0; i < 100000 && ring.sq_ready() > 0; ++i) {
    const timespec t{0, 100000};
    nanosleep(&t, nullptr);
  }
  REQUIRE_MESSAGE(ring.sq_ready() == 0, "the SQPOLL thread never took the SQEs");
}

void submit(Ring& ring, unsigned n) {
  const unsigned submitted = must(ring.submit());
  if (!sqpoll(ring)) CHECK(submitted == n);
  wait_taken(ring);
}

void submit_and_wait(Ring& ring, unsigned wait_nr, unsigned n) {
  const unsigned submitted = must(ring.submit_and_wait(wait_nr));
  if (!sqpoll(ring)) CHECK(submitted == n);
  wait_taken(ring);
}

unsigned cq_ready_settled(Ring& ring, unsigned n) {
  if (ring.flags() & setup::defer_taskrun) must(ring.get_events());
  for (int i = 0; i < 100000 && sqpoll(ring) && ring.cq_ready() < n; ++i) {
    const timespec t{0, 100000};
    nanosleep(&t, nullptr);
  }
  return ring.cq_ready();
}

void queue_nop(Ring& ring, uint64_t data) {
  Sqe* sqe = get_sqe(ring);
  prep_nop(*sqe);
  sqe_set_data64(*sqe, data);
}

void nop_round_trip(Ring& ring, uint64_t data) {
  queue_nop(ring, data);
  submit_and_wait(ring, 1, 1);
  const Cqe cqe = reap(ring);
  CHECK(cqe.user_data == data);
  CHECK(cqe.res == 0);
}

void nop_round_trips(Ring& ring, uint64_t first, unsigned count) {
  for (uint64_t data = first; data < first + count; ++data) nop_round_trip(ring, data);
}

Cqe* next_cqe(Ring& ring) {
  const bool bounded = (ring.features() & feat::ext_arg) != 0;
  const Timespec limit{10, 0};
  timespec start;
  clock_gettime(CLOCK_MONOTONIC, &start);
  for (;;) {
    auto cqe = bounded ? ring.wait_cqe_timeout(&limit) : ring.wait_cqe();
    if (cqe.ok()) return cqe.value();
    // A timed wait can end early, without a CQE, when a TIMEOUT request
    // fires: the kernel wakes the waiters when its timeout count moves, which
    // can be before the CQE is posted (by the SQPOLL thread, or by task work
    // on a DEFER_TASKRUN ring), and the wait then reports ETIME. Only a wait
    // that used up the limit ends here.
    timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (cqe.error() == Errno::etime && now.tv_sec - start.tv_sec < limit.tv_sec) continue;
    REQUIRE_MESSAGE(cqe.ok(), "no CQE: ", error_name(cqe));
  }
}

Cqe reap(Ring& ring) {
  Cqe* cqe = next_cqe(ring);
  const Cqe copy = *cqe;
  ring.cqe_seen(cqe);
  return copy;
}

std::map<uint64_t, Cqe> reap_each(Ring& ring, unsigned n) {
  std::map<uint64_t, Cqe> got;
  for (unsigned i = 0; i < n; ++i) {
    const Cqe c = reap(ring);
    CHECK(got.count(c.user_data) == 0);
    got[c.user_data] = c;
  }
  return got;
}

Cqe complete(Ring& ring) {
  must(ring.submit_and_wait(1));
  return reap(ring);
}

int run(Ring& ring) { return complete(ring).res; }

void empty_file_table(Ring& ring, unsigned n) {
  const std::vector<int> fds(n, -1);
  must(register_files(ring, fds.data(), n));
}

int read_fixed_file(Ring& ring, int slot, char* buf, unsigned len) {
  Sqe* sqe = get_sqe(ring);
  prep_read(*sqe, slot, buf, len, 0);
  sqe_set_flags(*sqe, sqe_flag::fixed_file);
  return run(ring);
}

}  // namespace fring::test
