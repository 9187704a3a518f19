// SPDX-License-Identifier: MIT
// System call numbers, per architecture, for the calls fring makes.
// x86_64 has its own table; aarch64 uses the generic one. The io_uring
// calls are 425..427 everywhere since they were added after the tables merged.
#ifndef FRING_SYSCALL_NR_H
#define FRING_SYSCALL_NR_H

namespace fring::sys::nr {

inline constexpr long io_uring_setup = 425;
inline constexpr long io_uring_enter = 426;
inline constexpr long io_uring_register = 427;

#if defined(__x86_64__)
inline constexpr long read = 0;
inline constexpr long write = 1;
inline constexpr long close = 3;
inline constexpr long mmap = 9;
inline constexpr long munmap = 11;
inline constexpr long madvise = 28;
inline constexpr long getpid = 39;
inline constexpr long reboot = 169;
inline constexpr long exit_group = 231;
inline constexpr long openat = 257;
#elif defined(__aarch64__)
inline constexpr long read = 63;
inline constexpr long write = 64;
inline constexpr long close = 57;
inline constexpr long mmap = 222;
inline constexpr long munmap = 215;
inline constexpr long madvise = 233;
inline constexpr long getpid = 172;
inline constexpr long reboot = 142;
inline constexpr long exit_group = 94;
inline constexpr long openat = 56;
#else
#error "fring: unsupported architecture (supported: x86_64, aarch64)"
#endif

}  // namespace fring::sys::nr

#endif  // FRING_SYSCALL_NR_H
