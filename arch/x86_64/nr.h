// SPDX-License-Identifier: MIT
// x86_64 system call numbers (the kernel's arch/x86/entry/syscalls/
// syscall_64.tbl) for the calls fring makes. Reached through fring/arch/nr.h.
#ifndef FRING_ARCH_X86_64_NR_H
#define FRING_ARCH_X86_64_NR_H

namespace fring::arch::nr {

inline constexpr long write = 1;
inline constexpr long close = 3;
inline constexpr long mmap = 9;
inline constexpr long mprotect = 10;
inline constexpr long munmap = 11;
inline constexpr long rt_sigaction = 13;
inline constexpr long rt_sigprocmask = 14;
inline constexpr long madvise = 28;
inline constexpr long getpid = 39;
inline constexpr long reboot = 169;
inline constexpr long clock_gettime = 228;
inline constexpr long exit_group = 231;
inline constexpr long signalfd4 = 289;
inline constexpr long getrandom = 318;
inline constexpr long uring_setup = 425;
inline constexpr long uring_enter = 426;
inline constexpr long uring_register = 427;

}  // namespace fring::arch::nr

#endif  // FRING_ARCH_X86_64_NR_H
