// SPDX-License-Identifier: MIT
// io-wq, the kernel threads that run requests which cannot complete inline:
// which CPUs they may run on and how many there may be.
#ifndef FRING_CORE_REGISTER_IOWQ_H
#define FRING_CORE_REGISTER_IOWQ_H

#include <stddef.h>

#include "fring/core/ring.h"

namespace fring {

/// Confines the io-wq workers created from now on (by this task for
/// `ring`, or `ring`'s SQPOLL thread) to the CPUs set in `mask`, a CPU bitmap
/// of `cpusz` bytes (CPU n is bit n % 8 of byte n / 8: the layout of glibc's
/// cpu_set_t, which may be passed as is). Workers already running keep their
/// affinity. Errors: einval (`cpusz` 0 or over 2 GiB, a calling task that
/// has no io-wq because it never set up or used a ring, or a CPU outside the
/// task's cpuset), efault, enomem. Matches io_uring_register_iowq_aff() in liburing (which takes a
/// cpu_set_t*). Available since Linux 5.14.
inline Result<void> register_iowq_aff(Ring& ring, size_t cpusz, const void* mask) noexcept {
  if (cpusz >= (size_t{1} << 31)) return Errno::einval;
  FRING_TRY(ring.register_op(reg_op::iowq_aff, mask, static_cast<unsigned>(cpusz)));
  return {};
}

/// Lets new io-wq workers run on every CPU the task's cpuset allows again.
/// Errors: einval (the task has no io-wq). Matches
/// io_uring_unregister_iowq_aff() in liburing. Available since Linux 5.14.
inline Result<void> unregister_iowq_aff(Ring& ring) noexcept {
  FRING_TRY(ring.register_op(reg_op::unregister_iowq_aff, nullptr, 0));
  return {};
}

/// Sets the most io-wq workers of each kind: values[iowq::bound] for bounded
/// work (regular files, block devices), values[iowq::unbound] for unbounded
/// work (sockets, pipes); 0 leaves that limit unchanged. On return `values`
/// holds the previous limits (0, 0 when the calling task has no io-wq). The
/// limit applies to every task using `ring`. Errors: einval (a value over
/// INT_MAX), efault. Matches io_uring_register_iowq_max_workers() in liburing.
/// Available since Linux 5.15.
inline Result<void> register_iowq_max_workers(Ring& ring, unsigned* values) noexcept {
  FRING_TRY(ring.register_op(reg_op::iowq_max_workers, values, 2));
  return {};
}

}  // namespace fring

#endif  // FRING_CORE_REGISTER_IOWQ_H
