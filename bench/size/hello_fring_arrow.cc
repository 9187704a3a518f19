// SPDX-License-Identifier: MIT
// hello_fring.cc written the idiomatic way: the ring stays in its Result and
// every call goes through Result's operator->, which tests the Result again
// after each call the compiler cannot see into, and keeps the misuse path
// ("fring: value() on errno N", then a trap) for when it fails. The
// footprint report sets it beside hello_fring.cc, which takes the ring out
// of its Result once.
#include "fring/arch/start.h"
#include "fring/core/prep/rw.h"
#include "fring/core/ring.h"
#include "fring/core/static_ring.h"

namespace {
constexpr char kLine[] = "hello from io_uring\n";
constexpr unsigned kLen = sizeof(kLine) - 1;
}  // namespace

extern "C" int fring_main(int, char**, char**) {
  auto ring = fring::StaticRing<0>::queue_init(4);
  if (!ring) return 1;
  fring::prep_write(*ring->get_sqe(), 1, kLine, kLen, ~0ULL);  // ~0: the file's current position
  if (!ring->submit_and_wait(1)) return 1;
  int res = -1;
  ring->cq_advance(ring->for_each_cqe([&res](fring::Cqe& cqe) { res = cqe.res; }));
  return res == static_cast<int>(kLen) ? 0 : 1;
}
