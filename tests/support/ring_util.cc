// SPDX-License-Identifier: MIT
#include "tests/support/ring_util.h"

#include "tests/support/fring_test.h"

namespace fring::test {

void queue_nop(Ring& ring, uint64_t data) {
  Sqe* sqe = ring.get_sqe();
  REQUIRE(sqe != nullptr);
  prep_nop(*sqe);
  sqe_set_data64(*sqe, data);
}

void nop_round_trip(Ring& ring, uint64_t data) {
  queue_nop(ring, data);
  const unsigned submitted = must(ring.submit_and_wait(1));
  if (ring.flags() & IORING_SETUP_SQPOLL) {
    // What the SQPOLL thread has yet to consume: 0 when it took the SQE
    // between our tail store and our head load (seen on a one-vCPU guest),
    // more when it posted an earlier CQE before publishing its new head.
    CHECK(submitted <= ring.sq().ring_entries);
  } else {
    CHECK(submitted == 1);
  }
  const Cqe cqe = reap(ring);
  CHECK(cqe.user_data == data);
  CHECK(cqe.res == 0);
}

Cqe* next_cqe(Ring& ring) {
  const kernel_timespec limit{10, 0};
  auto cqe = (ring.features() & IORING_FEAT_EXT_ARG) != 0 ? ring.wait_cqe_timeout(&limit)
                                                          : ring.wait_cqe();
  REQUIRE_MESSAGE(cqe.ok(), "no CQE: ", error_name(cqe));
  return cqe.value();
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

int read_fixed_file(Ring& ring, int slot, char* buf, unsigned len) {
  Sqe* sqe = ring.get_sqe();
  REQUIRE(sqe != nullptr);
  prep_read(*sqe, slot, buf, len, 0);
  sqe_set_flags(*sqe, IOSQE_FIXED_FILE);
  return run(ring);
}

}  // namespace fring::test
