// SPDX-License-Identifier: MIT
// The kernel ABI constants that callers of the syscall layer pass, in
// fring's form (docs/contributing.md, "Naming"): a namespace per family, the
// kernel's name without its prefix in lower case, the kernel's spelling on
// the `///` line. libc's upper-case names are macros, so none is reused.
// Values are pinned against libc's in tests/syscall_test.cc.
#ifndef FRING_SYSCALL_CONSTANTS_H
#define FRING_SYSCALL_CONSTANTS_H

namespace fring {

/// mmap(2) and mprotect(2) protection bits (identical on x86_64, aarch64 and
/// riscv64).
namespace prot {
/// PROT_READ
inline constexpr int read = 0x1;
/// PROT_WRITE
inline constexpr int write = 0x2;
}  // namespace prot

/// mmap(2) flags (identical on x86_64, aarch64 and riscv64).
namespace map_flag {
/// MAP_SHARED
inline constexpr int shared = 0x01;
/// MAP_PRIVATE
inline constexpr int private_ = 0x02;
/// MAP_ANONYMOUS
inline constexpr int anonymous = 0x20;
/// MAP_POPULATE
inline constexpr int populate = 0x8000;
}  // namespace map_flag

/// madvise(2) advice.
namespace madv {
/// MADV_DONTFORK
inline constexpr int dontfork = 10;
/// MADV_DOFORK
inline constexpr int dofork = 11;
}  // namespace madv

/// The directory argument of the *at(2) calls.
namespace at {
/// AT_FDCWD: relative to the current directory
inline constexpr int fdcwd = -100;
}  // namespace at

/// openat(2) flags that do not differ between x86_64, aarch64 and riscv64.
namespace open_flag {
/// O_RDONLY
inline constexpr int rdonly = 00;
/// O_WRONLY
inline constexpr int wronly = 01;
/// O_RDWR
inline constexpr int rdwr = 02;
/// O_CREAT
inline constexpr int creat = 0100;
/// O_TRUNC
inline constexpr int trunc = 01000;
/// O_APPEND
inline constexpr int append = 02000;
/// O_CLOEXEC
inline constexpr int cloexec = 02000000;
}  // namespace open_flag

namespace sys {

// reboot(2) magic numbers and the power-off command.
inline constexpr long reboot_magic1 = 0xfee1dead;
inline constexpr long reboot_magic2 = 672274793;
inline constexpr long reboot_cmd_power_off = 0x4321fedc;

// The size of the kernel's signal set, passed with a sigmask to io_uring_enter.
inline constexpr unsigned long nsig_bytes = 64 / 8;

}  // namespace sys

}  // namespace fring

#endif  // FRING_SYSCALL_CONSTANTS_H
