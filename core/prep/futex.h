// SPDX-License-Identifier: MIT
// Prep helpers that wait for events of other tasks: futex wait and wake (one
// futex or a vector of them) and waitid for child processes.
#ifndef FRING_CORE_PREP_FUTEX_H
#define FRING_CORE_PREP_FUTEX_H

#include <stdint.h>

#include "fring/core/prep/base.h"
#include "fring/core/uapi/kernel_ptr.h"

namespace fring {

/// Waits on the futex at `futex` while it holds `val`, as futex_wait(2):
/// `futex_flags` are FUTEX2_* (size, FUTEX2_PRIVATE; FUTEX2_SIZE_U32 for a
/// uint32_t), `mask` the wake-up bitset (FUTEX_BITSET_MATCH_ANY: any wake),
/// `flags` must be 0. res is 0 once woken, or -EAGAIN when the futex did not
/// hold `val`, -ECANCELED, -EINVAL (bad flags or alignment), -EFAULT.
/// Matches io_uring_prep_futex_wait() in liburing. Available since Linux 6.7.
[[gnu::always_inline]] inline void prep_futex_wait(Sqe& sqe, const uint32_t* futex, uint64_t val,
                                                   uint64_t mask, uint32_t futex_flags,
                                                   unsigned flags) noexcept {
  prep_rw(sqe, op::futex_wait, static_cast<int>(futex_flags), detail::addr_of(futex), 0, val);
  sqe.futex_flags = flags;
  sqe.addr3 = mask;
}

/// Wakes up to `val` waiters on the futex at `futex` whose bitset meets
/// `mask`, as futex_wake(2) (`futex_flags` and `flags` as for
/// prep_futex_wait()). res is the number woken or -errno (-EINVAL, -EFAULT).
/// Matches io_uring_prep_futex_wake() in liburing. Available since Linux 6.7.
[[gnu::always_inline]] inline void prep_futex_wake(Sqe& sqe, const uint32_t* futex, uint64_t val,
                                                   uint64_t mask, uint32_t futex_flags,
                                                   unsigned flags) noexcept {
  prep_rw(sqe, op::futex_wake, static_cast<int>(futex_flags), detail::addr_of(futex), 0, val);
  sqe.futex_flags = flags;
  sqe.addr3 = mask;
}

/// Waits on `nr_futex` futexes at once, as futex_waitv(2): each entry gives
/// the address, the value it must hold and its FUTEX2_* flags; `flags` must
/// be 0. res is the index of the futex that was woken, or -EAGAIN when one
/// did not hold its value, -EINVAL (0 or more than 128 entries, bad flags),
/// -EFAULT, -ECANCELED. Matches io_uring_prep_futex_waitv() in liburing.
/// Available since Linux 6.7.
[[gnu::always_inline]] inline void prep_futex_waitv(Sqe& sqe, KernelPtr<const FutexWaitv> futex,
                                                    uint32_t nr_futex, unsigned flags) noexcept {
  prep_rw(sqe, op::futex_waitv, 0, detail::addr_of(futex.get()), nr_futex, 0);
  sqe.futex_flags = flags;
}

/// Waits for a state change of child processes, as waitid(2): `idtype` is
/// P_PID, P_PGID, P_PIDFD or P_ALL, `id` the pid, group or pidfd, `options`
/// WEXITED/WSTOPPED/WCONTINUED plus WNOHANG/WNOWAIT, `flags` must be 0. On
/// success the kernel fills `*infop` (si_signo SIGCHLD, si_code, pid, status).
/// res is 0 or -errno (-ECHILD when there is no such child, -EINVAL,
/// -ECANCELED). Matches io_uring_prep_waitid() in liburing.
/// Available since Linux 6.7.
[[gnu::always_inline]] inline void prep_waitid(Sqe& sqe, unsigned idtype, unsigned id,
                                               KernelPtr<Siginfo> infop, int options,
                                               unsigned flags) noexcept {
  prep_rw(sqe, op::waitid, static_cast<int>(id), 0, idtype, detail::addr_of(infop.get()));
  sqe.waitid_flags = flags;
  sqe.file_index = static_cast<uint32_t>(options);
}

}  // namespace fring

#endif  // FRING_CORE_PREP_FUTEX_H
