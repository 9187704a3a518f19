// SPDX-License-Identifier: MIT
// A program with no libc on fring: _start comes from @fring//arch:start
// (fring/arch/start.h), memcpy and friends from @fring//mem. It
// writes one line to stdout with op::write; exits 1 on any error.
#include "fring/arch/start.h"
#include "fring/fring.h"

namespace {

constexpr char kLine[] = "nolibc: hello through io_uring, no libc\n";

void say(const char* s, unsigned long n) { (void)fring::sys::write(2, s, n); }

}  // namespace

extern "C" int fring_main(int, char**, char**) {
  auto made = fring::Ring::queue_init(2);
  if (!made) {
    say("nolibc: io_uring_setup: ", 24);
    const char* name = fring::errno_name(made.error());
    unsigned long n = 0;
    while (name[n] != '\0') ++n;
    say(name, n);
    say("\n", 1);
    return 1;
  }
  fring::Ring& ring = made.value();
  fring::prep_write(*ring.get_sqe(), 1, kLine, sizeof(kLine) - 1, ~0ULL);
  if (!ring.submit_and_wait(1)) return 1;
  auto cqe = ring.wait_cqe();
  if (!cqe) return 1;
  const fring::Result<int> wrote = fring::cqe_result(*cqe.value());
  ring.cqe_seen(cqe.value());
  return wrote.ok() && wrote.value() == static_cast<int>(sizeof(kLine) - 1) ? 0 : 1;
}
