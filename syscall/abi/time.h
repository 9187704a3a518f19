// SPDX-License-Identifier: MIT
// Time as the kernel takes it: the 64-bit timespec of clock_gettime(2) and
// io_uring's timeouts, and the clock ids (linux/time.h, the same on x86_64,
// aarch64 and riscv64), in fring's form (docs/contributing.md, "Names").
#ifndef FRING_SYSCALL_ABI_TIME_H
#define FRING_SYSCALL_ABI_TIME_H

#include <stdint.h>

namespace fring {

/// struct __kernel_timespec (linux/time_types.h): 64-bit seconds on every
/// arch. Functions take it as KernelPtr<const Timespec>, so a hosted program
/// passes its `__kernel_timespec*` (or, on these 64-bit arches, its
/// `timespec*`) directly.
struct Timespec {
  int64_t tv_sec;
  int64_t tv_nsec;
};

/// Clock ids: clock_gettime(2), reg_op::clock, futex and timer clocks.
namespace clock_id {
/// CLOCK_REALTIME: wall-clock time, which can jump.
inline constexpr int realtime = 0;
/// CLOCK_MONOTONIC: time since boot, not counting suspend; never jumps.
inline constexpr int monotonic = 1;
/// CLOCK_PROCESS_CPUTIME_ID: CPU time of the process.
inline constexpr int process_cputime_id = 2;
/// CLOCK_THREAD_CPUTIME_ID: CPU time of the thread.
inline constexpr int thread_cputime_id = 3;
/// CLOCK_MONOTONIC_RAW: monotonic, without NTP's rate adjustment.
inline constexpr int monotonic_raw = 4;
/// CLOCK_REALTIME_COARSE: realtime, cheaper and at tick resolution.
inline constexpr int realtime_coarse = 5;
/// CLOCK_MONOTONIC_COARSE: monotonic, cheaper and at tick resolution.
inline constexpr int monotonic_coarse = 6;
/// CLOCK_BOOTTIME: monotonic, counting suspend.
inline constexpr int boottime = 7;
/// CLOCK_REALTIME_ALARM: realtime; timers wake the system (CAP_WAKE_ALARM).
inline constexpr int realtime_alarm = 8;
/// CLOCK_BOOTTIME_ALARM: boottime; timers wake the system (CAP_WAKE_ALARM).
inline constexpr int boottime_alarm = 9;
/// CLOCK_TAI: International Atomic Time.
inline constexpr int tai = 11;
}  // namespace clock_id

}  // namespace fring

#endif  // FRING_SYSCALL_ABI_TIME_H
