// SPDX-License-Identifier: MIT
// Setting up a ring in a test, waiting out ENOMEM. The kernel frees a
// torn-down ring's memory later, off the task (io_uring's exit work), and
// until then that memory still counts against RLIMIT_MEMLOCK of a task
// without CAP_IPC_LOCK (as in Bazel's sandbox, a user namespace, where every
// test of the same user shares the limit: 8 MiB on Debian). A set-up right
// after many others, or beside another test's big rings, can fail for a
// while. ENOMEM is never a reason to skip: after the wait it fails the test.
#ifndef FRING_TESTS_SUPPORT_SETUP_WAIT_H
#define FRING_TESTS_SUPPORT_SETUP_WAIT_H

#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "fring/fring.h"

namespace fring::test {

/// How long a test set-up waits out ENOMEM, in 10 ms steps: 30 s.
inline constexpr int kSetupWaitSteps = 3000;

/// Whether the kernel may charge this process's rings to RLIMIT_MEMLOCK:
/// not for root in the initial user namespace (CAP_IPC_LOCK there), such as
/// a VM cell's /init, where an ENOMEM is the test's to see at once.
inline bool memlock_charged() {
  static const bool charged = [] {
    if (geteuid() != 0) return true;
    FILE* f = fopen("/proc/self/uid_map", "r");
    if (f == nullptr) return true;
    unsigned long inside = 1, outside = 1, count = 0;
    const int got = fscanf(f, "%lu %lu %lu", &inside, &outside, &count);
    fclose(f);
    return !(got == 3 && inside == 0 && outside == 0 && count == 4294967295UL);
  }();
  return charged;
}

/// Sets up a ring with `setup()` (a Result<ring>), waiting out ENOMEM.
template <class F>
auto set_up_waiting(F setup) -> decltype(setup()) {
  for (int step = 0;; ++step) {
    auto ring = setup();
    if (ring.ok() || ring.error() != Errno::enomem || step == kSetupWaitSteps ||
        !memlock_charged()) {
      return ring;
    }
    usleep(10 * 1000);
  }
}

/// sys::uring_setup(entries, p) (the fd or -errno), waiting out -ENOMEM.
inline long uring_setup_waiting(unsigned entries, Params* p) {
  const Params asked = *p;
  for (int step = 0;; ++step) {
    const long fd = sys::uring_setup(entries, p);
    if (fd != -ENOMEM || step == kSetupWaitSteps || !memlock_charged()) return fd;
    *p = asked;
    usleep(10 * 1000);
  }
}

}  // namespace fring::test

#endif  // FRING_TESTS_SUPPORT_SETUP_WAIT_H
