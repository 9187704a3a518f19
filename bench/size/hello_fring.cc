// SPDX-License-Identifier: MIT
// The minimal no-libc hello on fring, for the footprint figure: set up a
// ring, write one line to stdout with op::write, reap its completion,
// exit with 0 only if the whole line was written. No error names printed.
#include "fring/arch/start.h"
#include "fring/core/prep/rw.h"
#include "fring/core/ring.h"
#include "fring/core/static_ring.h"

namespace {
constexpr char kLine[] = "hello from io_uring\n";
constexpr unsigned kLen = sizeof(kLine) - 1;
}  // namespace

extern "C" int fring_main(int, char**, char**) {
  // A StaticRing: the shape is known, so none of the other shapes' code is in.
  auto made = fring::StaticRing<0>::queue_init(4);
  if (!made.ok()) return 1;
  // Taken once, after the test: the misuse path (which names the error, and
  // so would link the error-name table) is provably dead.
  fring::StaticRing<0>& ring = made.value();
  fring::Sqe* sqe = ring.get_sqe();
  fring::prep_write(*sqe, 1, kLine, kLen, ~0ULL);  // ~0: the file's current position
  if (!ring.submit_and_wait(1).ok()) return 1;
  // The wait returned with the CQE posted: reap it without another wait.
  int res = -1;
  ring.cq_advance(ring.for_each_cqe([&res](fring::Cqe& cqe) { res = cqe.res; }));
  return res == static_cast<int>(kLen) ? 0 : 1;
}
