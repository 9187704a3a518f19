// SPDX-License-Identifier: MIT
// Raw Linux system calls for aarch64: syscall0..syscall6 as inline asm.
// This folder and its siblings are the only places in fring that contain asm;
// every layer above calls these functions and never issues a syscall itself.
#ifndef FRING_ARCH_AARCH64_SYSCALL_H
#define FRING_ARCH_AARCH64_SYSCALL_H

// aarch64 Linux system call ABI:
//
//   instruction   number   return   arg1  arg2  arg3  arg4  arg5  arg6
//   svc #0        x8       x0       x0    x1    x2    x3    x4    x5
//
// x0 carries the first argument in and the result out, so it is an in/out
// operand. The kernel preserves every other register; "cc" covers the flags
// and "memory" stops the compiler from caching memory across the call.

namespace fring::arch {

/// Issues system call `n` with no arguments; returns the raw result (-errno on error).
[[gnu::always_inline]] inline long syscall0(long n) noexcept {
  register long x8 asm("x8") = n;
  register long x0 asm("x0");
  asm volatile("svc #0" : "=r"(x0) : "r"(x8) : "memory", "cc");
  return x0;
}

/// Issues system call `n` with one argument; returns the raw result (-errno on error).
[[gnu::always_inline]] inline long syscall1(long n, long a1) noexcept {
  register long x8 asm("x8") = n;
  register long x0 asm("x0") = a1;
  asm volatile("svc #0" : "+r"(x0) : "r"(x8) : "memory", "cc");
  return x0;
}

/// Issues system call `n` with two arguments; returns the raw result (-errno on error).
[[gnu::always_inline]] inline long syscall2(long n, long a1, long a2) noexcept {
  register long x8 asm("x8") = n;
  register long x0 asm("x0") = a1;
  register long x1 asm("x1") = a2;
  asm volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1) : "memory", "cc");
  return x0;
}

/// Issues system call `n` with three arguments; returns the raw result (-errno on error).
[[gnu::always_inline]] inline long syscall3(long n, long a1, long a2, long a3) noexcept {
  register long x8 asm("x8") = n;
  register long x0 asm("x0") = a1;
  register long x1 asm("x1") = a2;
  register long x2 asm("x2") = a3;
  asm volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2) : "memory", "cc");
  return x0;
}

/// Issues system call `n` with four arguments; returns the raw result (-errno on error).
[[gnu::always_inline]] inline long syscall4(long n, long a1, long a2, long a3, long a4) noexcept {
  register long x8 asm("x8") = n;
  register long x0 asm("x0") = a1;
  register long x1 asm("x1") = a2;
  register long x2 asm("x2") = a3;
  register long x3 asm("x3") = a4;
  asm volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2), "r"(x3) : "memory", "cc");
  return x0;
}

/// Issues system call `n` with five arguments; returns the raw result (-errno on error).
[[gnu::always_inline]] inline long syscall5(long n, long a1, long a2, long a3, long a4,
                                            long a5) noexcept {
  register long x8 asm("x8") = n;
  register long x0 asm("x0") = a1;
  register long x1 asm("x1") = a2;
  register long x2 asm("x2") = a3;
  register long x3 asm("x3") = a4;
  register long x4 asm("x4") = a5;
  asm volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4) : "memory", "cc");
  return x0;
}

/// Issues system call `n` with six arguments; returns the raw result (-errno on error).
[[gnu::always_inline]] inline long syscall6(long n, long a1, long a2, long a3, long a4, long a5,
                                            long a6) noexcept {
  register long x8 asm("x8") = n;
  register long x0 asm("x0") = a1;
  register long x1 asm("x1") = a2;
  register long x2 asm("x2") = a3;
  register long x3 asm("x3") = a4;
  register long x4 asm("x4") = a5;
  register long x5 asm("x5") = a6;
  asm volatile("svc #0"
               : "+r"(x0)
               : "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4), "r"(x5)
               : "memory", "cc");
  return x0;
}

}  // namespace fring::arch

#endif  // FRING_ARCH_AARCH64_SYSCALL_H
