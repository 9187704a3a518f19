// SPDX-License-Identifier: MIT
// hello: fring with no libc at all. _start comes from fring/arch/start.h; the
// program sets up a ring, writes one line to stdout with op::write,
// checks the CQE and exits with its status. Booted as /init (PID 1) it prints
// "fring-vm: exit <status>" (the VM runner's protocol, tests/vm/run_vm.sh)
// and powers the machine off instead, which makes it a tiny unikernel.
#include "fring/arch/start.h"
#include "fring/fring.h"

namespace {

using namespace fring;

constexpr char kLine[] = "hello from fring: written with op::write, no libc\n";

size_t length(const char* s) {
  size_t n = 0;
  while (s[n] != '\0') ++n;
  return n;
}

void say(const char* s) { (void)sys::write(2, s, length(s)); }

// Reports why the program failed on stderr; returns the exit status.
int fail(const char* what, Errno e) {
  say("hello: ");
  say(what);
  say(": ");
  say(errno_name(e));
  say(" (");
  say(errno_message(e));
  say(")\n");
  if (e == Errno::enosys)
    say("hello: io_uring unavailable here (qemu-user, or a kernel without it)\n");
  if (e == Errno::eperm)
    say("hello: io_uring disabled here (kernel.io_uring_disabled, or a seccomp filter)\n");
  return 1;
}

int run() {
  auto ring = Ring::queue_init(4);
  if (!ring.ok()) return fail("io_uring_setup", ring.error());
  Sqe* sqe = ring->get_sqe();
  prep_write(*sqe, 1, kLine, sizeof(kLine) - 1, ~0ULL);  // -1: the current position
  sqe_set_data64(*sqe, 42);
  auto submitted = ring->submit_and_wait(1);
  if (!submitted.ok()) return fail("submit", submitted.error());
  auto cqe = ring->wait_cqe();
  if (!cqe.ok()) return fail("wait_cqe", cqe.error());
  const int res = cqe.value()->res;
  const uint64_t data = cqe.value()->user_data;
  ring->cqe_seen(cqe.value());
  if (res < 0) return fail("write", static_cast<Errno>(-res));
  if (data != 42 || res != static_cast<int>(sizeof(kLine) - 1)) {
    say("hello: short or foreign completion\n");
    return 1;
  }
  return 0;
}

}  // namespace

extern "C" int fring_main(int, char**, char**) {
  const int status = run();
  // As PID 1 there is nobody to exit to: report the status and power off.
  if (sys::getpid() == 1) {
    say(status == 0 ? "fring-vm: exit 0\n" : "fring-vm: exit 1\n");
    (void)sys::reboot(reboot_cmd::power_off);
  }
  return status;
}
