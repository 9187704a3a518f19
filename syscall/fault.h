// SPDX-License-Identifier: MIT
// Fault-injection seam for the syscall layer. A test built with
// -DFRING_FAULT_INJECTION can make any wrapper return a chosen value without
// reaching the kernel, to drive error paths (a failing mmap during ring
// set-up, say). In every other build the seam expands to nothing.
#ifndef FRING_SYSCALL_FAULT_H
#define FRING_SYSCALL_FAULT_H

namespace fring::sys {

/// Names each wrapper of the syscall layer, for fault injection.
enum class Call : unsigned {
  uring_setup,
  uring_enter,
  uring_register,
  mmap,
  munmap,
  madvise,
  close,
  write,
  getpid,
  reboot,
  mprotect,
  rt_sigaction,
  rt_sigprocmask,
  signalfd4,
  clock_gettime,
  getrandom,
  count_,
};

}  // namespace fring::sys

#if defined(FRING_FAULT_INJECTION)

namespace fring::sys::fault {

struct Plan {
  long value;      // what the call returns instead of entering the kernel
  unsigned after;  // number of calls that still go through first
  unsigned times;  // number of calls that then fail (0: not armed)
};

inline constexpr unsigned kCalls = static_cast<unsigned>(Call::count_);
inline Plan plans[kCalls];
inline unsigned long counts[kCalls];

/// Makes `times` calls of `call` return `value`, after `after` calls pass through.
/// No liburing equivalent (a test seam). Any kernel.
inline void inject(Call call, long value, unsigned after = 0, unsigned times = 1) noexcept {
  plans[static_cast<unsigned>(call)] = Plan{value, after, times};
}

/// Disarms every plan and zeroes the call counters. No liburing equivalent.
/// Any kernel.
inline void reset() noexcept {
  for (unsigned i = 0; i < kCalls; ++i) {
    plans[i] = Plan{0, 0, 0};
    counts[i] = 0;
  }
}

/// Returns how many times `call` was made (failed ones included) since reset().
/// No liburing equivalent. Any kernel.
inline unsigned long calls(Call call) noexcept { return counts[static_cast<unsigned>(call)]; }

/// Counts the call; returns true with `out` set when the call must fail.
/// No liburing equivalent. Any kernel.
inline bool intercept(Call call, long& out) noexcept {
  const unsigned i = static_cast<unsigned>(call);
  ++counts[i];
  Plan& p = plans[i];
  if (p.times == 0) return false;
  if (p.after > 0) {
    --p.after;
    return false;
  }
  --p.times;
  out = p.value;
  return true;
}

}  // namespace fring::sys::fault

#define FRING_SYS_FAULT_POINT(call)                                 \
  do {                                                              \
    long fring_fault_value_;                                        \
    if (::fring::sys::fault::intercept(call, fring_fault_value_)) { \
      return fring_fault_value_;                                    \
    }                                                               \
  } while (0)

#else

#define FRING_SYS_FAULT_POINT(call) \
  do {                              \
  } while (0)

#endif  // FRING_FAULT_INJECTION

#endif  // FRING_SYSCALL_FAULT_H
