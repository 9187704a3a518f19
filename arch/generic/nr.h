// SPDX-License-Identifier: MIT
// The kernel's generic system call numbers (include/uapi/asm-generic/unistd.h)
// for the calls fring makes. aarch64 and riscv64 both use this table, so it
// lives once, outside their folders. Reached through fring/arch/nr.h.
#ifndef FRING_ARCH_GENERIC_NR_H
#define FRING_ARCH_GENERIC_NR_H

namespace fring::arch::nr {

inline constexpr long close = 57;
inline constexpr long write = 64;
inline constexpr long signalfd4 = 74;
inline constexpr long exit_group = 94;
inline constexpr long clock_gettime = 113;
inline constexpr long rt_sigaction = 134;
inline constexpr long rt_sigprocmask = 135;
inline constexpr long reboot = 142;
inline constexpr long getpid = 172;
inline constexpr long munmap = 215;
inline constexpr long mmap = 222;
inline constexpr long mprotect = 226;
inline constexpr long madvise = 233;
inline constexpr long getrandom = 278;
inline constexpr long uring_setup = 425;
inline constexpr long uring_enter = 426;
inline constexpr long uring_register = 427;

}  // namespace fring::arch::nr

#endif  // FRING_ARCH_GENERIC_NR_H
