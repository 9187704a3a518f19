// SPDX-License-Identifier: MIT
// Probe functions for the ordering proof (ordering_test.sh): each calls
// exactly one fring operation that touches shared ring memory, on a
// StaticRing of the shape that decides its ordering, so that its
// disassembly holds that one access site and nothing else of fring's. The
// controls are the same operations on rings that need no ordering there:
// they must come out without barriers, which shows that the test tells the
// two apart. Compiled at -O2 for every architecture the test covers.
#include "fring/fring.h"

using fring::StaticRing;
using SqpollRing = StaticRing<fring::setup::sqpoll>;
using PlainRing = StaticRing<0>;

extern "C" {

// Submitting under SQPOLL holds two sites: the SQ tail store (the kernel
// thread must see the SQEs first) and the wake-up fence (the tail store
// must be visible before the flags load that decides whether to wake it).
void fring_probe_submit_sqpoll(SqpollRing& ring) { (void)ring.submit(); }

// The same two sites on the way into a wait.
void fring_probe_submit_and_wait_sqpoll(SqpollRing& ring) { (void)ring.submit_and_wait(1); }

// SQ head load under SQPOLL: no slot is reused before the thread read it.
unsigned fring_probe_sq_head_load_sqpoll(const SqpollRing& ring) { return ring.load_sq_head(); }

// CQ tail load: the CQEs the kernel wrote before its tail store are read after it.
unsigned fring_probe_cq_tail_load(const PlainRing& ring) { return ring.cq_ready(); }

// The same load at the start of a walk over the CQEs.
unsigned fring_probe_cq_tail_load_walk(PlainRing& ring) {
  unsigned sum = 0;
  (void)ring.for_each_cqe([&sum](fring::Cqe& cqe) { sum += static_cast<unsigned>(cqe.res); });
  return sum;
}

// CQ head store: the kernel may reuse the slots only after we read them.
void fring_probe_cq_head_store(PlainRing& ring, unsigned n) { ring.cq_advance(n); }

// Buffer-ring tail store: the kernel must see the entries before the tail.
void fring_probe_buf_ring_tail_store(fring::PbufRing* br, int n) { fring::buf_ring_advance(br, n); }

// Controls. Without SQPOLL the kernel reads the tail only inside our
// io_uring_enter: a plain store, no fence.
void fring_probe_control_submit_plain(PlainRing& ring) { (void)ring.submit(); }

// Without SQPOLL the head moves only inside our io_uring_enter: a plain load.
unsigned fring_probe_control_sq_head_load_plain(const PlainRing& ring) {
  return ring.load_sq_head();
}

}  // extern "C"
