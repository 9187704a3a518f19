// SPDX-License-Identifier: MIT
// The targets fring supports: Linux on x86_64, aarch64 and riscv64, 64-bit
// (LP64) and little-endian. Anything else stops here with an #error naming
// the target, before a stub of the wrong width could be chosen. Included
// first by each selector of this folder (syscall.h, nr.h, start.h).
#ifndef FRING_ARCH_TARGET_H
#define FRING_ARCH_TARGET_H

// x32 and aarch64 ILP32 define __x86_64__ / __aarch64__ too, but with 32-bit
// long and pointers: the stubs would build and pass truncated arguments.
#if defined(__x86_64__) && defined(__ILP32__)
#error "fring: x32 (x86_64 ILP32, -mx32) is not supported; build for x86_64 LP64 (-m64)"
#elif defined(__aarch64__) && defined(__ILP32__)
#error "fring: aarch64 ILP32 (-mabi=ilp32) is not supported; build for aarch64 LP64 (-mabi=lp64)"
#elif defined(__riscv) && __riscv_xlen != 64
#error "fring: riscv32 is not supported; build for riscv64 (-march=rv64gc -mabi=lp64d)"
#elif defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "fring: big-endian targets are not supported; fring reads the rings as little-endian"
#elif !defined(__x86_64__) && !defined(__aarch64__) && !defined(__riscv)
#error "fring: unsupported architecture (supported: x86_64, aarch64, riscv64)"
#endif

#endif  // FRING_ARCH_TARGET_H
