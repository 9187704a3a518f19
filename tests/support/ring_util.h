// SPDX-License-Identifier: MIT
// Driving a ring from a test in any shape and mode: getting SQEs and
// submitting (waiting for an SQPOLL thread where a test needs its requests
// issued), queueing a NOP, and taking CQEs back as copies (the next one,
// several keyed by user_data, or one after submitting). The waits are
// bounded where the kernel can bound them (feat::ext_arg), only so that
// a kernel bug fails the test instead of hanging it: no result depends on
// time.
#ifndef FRING_TESTS_SUPPORT_RING_UTIL_H
#define FRING_TESTS_SUPPORT_RING_UTIL_H

#include <stdint.h>

#include <map>

#include "fring/fring.h"
#include "tests/support/fring_test.h"
#include "tests/support/setup_wait.h"

namespace fring::test {

/// True for a ring whose SQ a kernel thread polls (setup::sqpoll): it
/// submits on its own, so submit()'s count and the SQ head say nothing about
/// what has completed.
bool sqpoll(const Ring& ring);

/// The next free SQE. On an SQPOLL ring the SQ can look full until the
/// kernel thread publishes its new head, which it does after posting the
/// CQEs: there this waits for room (sqring_wait) as a program would. A full
/// SQ on any other ring fails the test.
Sqe* get_sqe(Ring& ring);

/// Waits until the kernel has taken (issued) every submitted SQE: at once,
/// except on SQPOLL rings, whose thread takes them in its own time.
void wait_taken(Ring& ring);

/// Submits what is queued and checks that the kernel took `n` SQEs. On an
/// SQPOLL ring it checks only that the submit succeeded, since the count
/// there is of SQEs the thread has yet to take, then waits for the thread to
/// take them (wait_taken()), so that the requests are issued on return as
/// on any other ring.
void submit(Ring& ring, unsigned n);

/// submit_and_wait(`wait_nr`), checking the count as submit() does.
void submit_and_wait(Ring& ring, unsigned wait_nr, unsigned n);

/// cq_ready() once the CQEs of requests completed outside this task's
/// syscalls are posted: `n` of them are expected. A plain or COOP_TASKRUN
/// ring has them at once; a DEFER_TASKRUN ring posts them from task work
/// when this task asks for events (get_events()), and an SQPOLL ring from
/// its thread in its own time, so there it waits for them (bounded).
unsigned cq_ready_settled(Ring& ring, unsigned n);

/// Queues a NOP carrying user_data `data`, without submitting it.
void queue_nop(Ring& ring, uint64_t data);

/// Queues `n` NOPs carrying user_data `first`, `first` + 1, ..., without
/// submitting them, through `ring`'s own get_sqe() (a StaticRing's typed
/// path); the SQ must have room for them.
template <class R>
void queue_nops(R& ring, uint64_t first, unsigned n) {
  for (unsigned i = 0; i < n; ++i) {
    Sqe* sqe = ring.get_sqe();
    REQUIRE(sqe != nullptr);
    prep_nop(*sqe);
    sqe_set_data64(*sqe, first + i);
  }
}

/// Reaps CQEs until `n` have come, checking that they carry exactly the
/// user_data `first` .. `first` + n - 1, each once, with res 0, and that the
/// CQ is empty afterwards (nothing duplicated behind them).
template <class R>
void expect_nops_once(R& ring, uint64_t first, unsigned n) {
  std::map<uint64_t, unsigned> seen;
  for (unsigned i = 0; i < n; ++i) {
    auto cqe = ring.wait_cqe();
    REQUIRE_MESSAGE(cqe.ok(), "wait_cqe: ", error_name(cqe));
    CHECK(cqe.value()->res == 0);
    ++seen[cqe.value()->user_data];
    ring.cqe_seen(cqe.value());
  }
  CHECK(seen.size() == n);
  for (unsigned i = 0; i < n; ++i) CHECK(seen[first + i] == 1);
  CHECK(ring.cq_ready() == 0);
  CHECK(error_of(ring.peek_cqe()) == Errno::eagain);
}

/// Queues a NOP carrying `data`, submits it, and checks that its CQE comes
/// back with that user_data and res 0.
void nop_round_trip(Ring& ring, uint64_t data);

/// nop_round_trip() for user_data `first`, `first` + 1, ... (`count` of them).
void nop_round_trips(Ring& ring, uint64_t first, unsigned count);

/// Waits for the next CQE and returns it, not yet consumed; fails the test
/// when none comes.
Cqe* next_cqe(Ring& ring);

/// Waits for the next CQE and returns a copy of it, marked seen.
Cqe reap(Ring& ring);

/// Reaps `n` CQEs and returns them keyed by user_data, checking that no
/// user_data comes twice.
std::map<uint64_t, Cqe> reap_each(Ring& ring, unsigned n);

/// Submits everything queued, then reaps one CQE.
Cqe complete(Ring& ring);

/// The result (res) of complete().
int run(Ring& ring);

/// Registers a fixed-file table of `n` empty slots (-1 each).
void empty_file_table(Ring& ring, unsigned n);

/// Reads up to `len` bytes at offset 0 from fixed file `slot` into `buf`
/// through the ring; returns the read's res.
int read_fixed_file(Ring& ring, int slot, char* buf, unsigned len);

}  // namespace fring::test

#endif  // FRING_TESTS_SUPPORT_RING_UTIL_H
