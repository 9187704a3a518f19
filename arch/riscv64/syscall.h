// SPDX-License-Identifier: MIT
// Raw Linux system calls for riscv64: syscall0..syscall6 as inline asm.
// This folder and its siblings are the only places in fring that contain asm;
// every layer above calls these functions and never issues a syscall itself.
#ifndef FRING_ARCH_RISCV64_SYSCALL_H
#define FRING_ARCH_RISCV64_SYSCALL_H

// riscv64 Linux system call ABI:
//
//   instruction   number   return   arg1  arg2  arg3  arg4  arg5  arg6
//   ecall         a7       a0       a0    a1    a2    a3    a4    a5
//
// a0 carries the first argument in and the result out, so it is an in/out
// operand. The kernel preserves every other register, and RISC-V has no
// condition flags to clobber; "memory" stops the compiler from caching memory
// across the call, since the kernel reads and writes user buffers. The
// register variables are named rN for register aN, because a1..a6 already
// name the arguments.

namespace fring::arch {

/// Issues system call `n` with no arguments; returns the raw result (-errno on error).
[[gnu::always_inline]] inline long syscall0(long n) noexcept {
  register long a7 asm("a7") = n;
  register long a0 asm("a0");
  asm volatile("ecall" : "=r"(a0) : "r"(a7) : "memory");
  return a0;
}

/// Issues system call `n` with one argument; returns the raw result (-errno on error).
[[gnu::always_inline]] inline long syscall1(long n, long a1) noexcept {
  register long a7 asm("a7") = n;
  register long a0 asm("a0") = a1;
  asm volatile("ecall" : "+r"(a0) : "r"(a7) : "memory");
  return a0;
}

/// Issues system call `n` with two arguments; returns the raw result (-errno on error).
[[gnu::always_inline]] inline long syscall2(long n, long a1, long a2) noexcept {
  register long a7 asm("a7") = n;
  register long a0 asm("a0") = a1;
  register long r1 asm("a1") = a2;
  asm volatile("ecall" : "+r"(a0) : "r"(a7), "r"(r1) : "memory");
  return a0;
}

/// Issues system call `n` with three arguments; returns the raw result (-errno on error).
[[gnu::always_inline]] inline long syscall3(long n, long a1, long a2, long a3) noexcept {
  register long a7 asm("a7") = n;
  register long a0 asm("a0") = a1;
  register long r1 asm("a1") = a2;
  register long r2 asm("a2") = a3;
  asm volatile("ecall" : "+r"(a0) : "r"(a7), "r"(r1), "r"(r2) : "memory");
  return a0;
}

/// Issues system call `n` with four arguments; returns the raw result (-errno on error).
[[gnu::always_inline]] inline long syscall4(long n, long a1, long a2, long a3, long a4) noexcept {
  register long a7 asm("a7") = n;
  register long a0 asm("a0") = a1;
  register long r1 asm("a1") = a2;
  register long r2 asm("a2") = a3;
  register long r3 asm("a3") = a4;
  asm volatile("ecall" : "+r"(a0) : "r"(a7), "r"(r1), "r"(r2), "r"(r3) : "memory");
  return a0;
}

/// Issues system call `n` with five arguments; returns the raw result (-errno on error).
[[gnu::always_inline]] inline long syscall5(long n, long a1, long a2, long a3, long a4,
                                            long a5) noexcept {
  register long a7 asm("a7") = n;
  register long a0 asm("a0") = a1;
  register long r1 asm("a1") = a2;
  register long r2 asm("a2") = a3;
  register long r3 asm("a3") = a4;
  register long r4 asm("a4") = a5;
  asm volatile("ecall" : "+r"(a0) : "r"(a7), "r"(r1), "r"(r2), "r"(r3), "r"(r4) : "memory");
  return a0;
}

/// Issues system call `n` with six arguments; returns the raw result (-errno on error).
[[gnu::always_inline]] inline long syscall6(long n, long a1, long a2, long a3, long a4, long a5,
                                            long a6) noexcept {
  register long a7 asm("a7") = n;
  register long a0 asm("a0") = a1;
  register long r1 asm("a1") = a2;
  register long r2 asm("a2") = a3;
  register long r3 asm("a3") = a4;
  register long r4 asm("a4") = a5;
  register long r5 asm("a5") = a6;
  asm volatile("ecall"
               : "+r"(a0)
               : "r"(a7), "r"(r1), "r"(r2), "r"(r3), "r"(r4), "r"(r5)
               : "memory");
  return a0;
}

}  // namespace fring::arch

#endif  // FRING_ARCH_RISCV64_SYSCALL_H
