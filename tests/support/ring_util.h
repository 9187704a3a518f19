// SPDX-License-Identifier: MIT
// Driving a ring from a test: queueing a NOP, and taking CQEs back as copies
// (the next one, several keyed by user_data, or one after submitting). The
// waits are bounded where the kernel can bound them (IORING_FEAT_EXT_ARG),
// only so that a kernel bug fails the test instead of hanging it: no result
// depends on time.
#ifndef FRING_TESTS_SUPPORT_RING_UTIL_H
#define FRING_TESTS_SUPPORT_RING_UTIL_H

#include <stdint.h>

#include <map>

#include "fring/fring.h"

namespace fring::test {

/// Queues a NOP carrying user_data `data`, without submitting it.
void queue_nop(Ring& ring, uint64_t data);

/// Queues a NOP carrying `data`, submits it, and checks that its CQE comes
/// back with that user_data and res 0.
void nop_round_trip(Ring& ring, uint64_t data);

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

/// Reads up to `len` bytes at offset 0 from fixed file `slot` into `buf`
/// through the ring; returns the read's res.
int read_fixed_file(Ring& ring, int slot, char* buf, unsigned len);

}  // namespace fring::test

#endif  // FRING_TESTS_SUPPORT_RING_UTIL_H
