// SPDX-License-Identifier: MIT
// What the hosted examples share: naming an error on stderr and exiting 1,
// exiting 77 ("unsupported here", which tests/examples_test.sh reports as a
// skip) where io_uring or a kernel feature the example needs is missing,
// and setting up a ring that tells those two apart.
#ifndef FRING_EXAMPLES_REPORT_H
#define FRING_EXAMPLES_REPORT_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "fring/fring.h"

namespace example {

/// The example's name, for messages; main() sets it.
inline const char* program = "example";

inline constexpr int kUnsupported = 77;

/// "PROGRAM: WHAT: ENAME (message)" on stderr, then exit(1).
[[noreturn]] inline void die(const char* what, fring::Errno e) {
  fprintf(stderr, "%s: %s: %s (%s)\n", program, what, fring::errno_name(e),
          fring::errno_message(e));
  exit(1);
}

/// "PROGRAM: WHAT" on stderr, then exit(1).
[[noreturn]] inline void die(const char* what) {
  fprintf(stderr, "%s: %s\n", program, what);
  exit(1);
}

/// "PROGRAM: unsupported here: WHY" on stderr, then exit(77).
[[noreturn]] inline void unsupported(const char* why) {
  fprintf(stderr, "%s: unsupported here: %s\n", program, why);
  exit(kUnsupported);
}

/// The value of `r`, or die() naming `what` and the error.
template <class T>
T must(fring::Result<T>&& r, const char* what) {
  if (!r) die(what, r.error());
  return static_cast<fring::Result<T>&&>(r).value();
}

/// Dies naming `what` unless `r` is a success.
inline void must(fring::Result<void>&& r, const char* what) {
  if (!r) die(what, r.error());
}

/// A ring of `entries` with `p.flags`. Where io_uring is unavailable, or the
/// kernel refuses the flags (einval) that `needs` names ("setup::sqpoll
/// (Linux 5.11)"), exits unsupported; any other error dies.
inline fring::Ring make_ring(unsigned entries, fring::Params& p, const char* needs) {
  auto made = fring::Ring::queue_init_params(entries, p);
  if (made == fring::Errno::enosys || made == fring::Errno::eperm) {
    unsupported("io_uring unavailable (qemu-user, or a kernel without it)");
  }
  if (made == fring::Errno::einval && p.flags != 0) {
    char why[160];
    snprintf(why, sizeof(why), "kernel lacks %s", needs);
    unsupported(why);
  }
  return must(static_cast<fring::Result<fring::Ring>&&>(made), "setting up the ring");
}

}  // namespace example

#endif  // FRING_EXAMPLES_REPORT_H
