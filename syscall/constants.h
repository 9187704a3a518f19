// SPDX-License-Identifier: MIT
// The few kernel ABI constants that callers of the syscall layer pass.
// Names are lower case on purpose: libc defines the upper-case ones as
// macros, and a hosted program may include both. Values are pinned against
// libc's in tests/syscall_test.cc.
#ifndef FRING_SYSCALL_CONSTANTS_H
#define FRING_SYSCALL_CONSTANTS_H

namespace fring::sys {

// mmap(2) protection and flags (identical on x86_64, aarch64 and riscv64).
inline constexpr int prot_read = 0x1;
inline constexpr int prot_write = 0x2;
inline constexpr int map_shared = 0x01;
inline constexpr int map_private = 0x02;
inline constexpr int map_anonymous = 0x20;
inline constexpr int map_populate = 0x8000;

// madvise(2) advice.
inline constexpr int madv_dontfork = 10;
inline constexpr int madv_dofork = 11;

// openat(2) directory and flags that do not differ between the two arches.
inline constexpr int at_fdcwd = -100;
inline constexpr int o_rdonly = 00;
inline constexpr int o_wronly = 01;
inline constexpr int o_rdwr = 02;
inline constexpr int o_creat = 0100;
inline constexpr int o_trunc = 01000;
inline constexpr int o_append = 02000;
inline constexpr int o_cloexec = 02000000;

// reboot(2) magic numbers and the power-off command.
inline constexpr long reboot_magic1 = 0xfee1dead;
inline constexpr long reboot_magic2 = 672274793;
inline constexpr long reboot_cmd_power_off = 0x4321fedc;

// The size of the kernel's signal set, passed with a sigmask to io_uring_enter.
inline constexpr unsigned long nsig_bytes = 64 / 8;

}  // namespace fring::sys

#endif  // FRING_SYSCALL_CONSTANTS_H
