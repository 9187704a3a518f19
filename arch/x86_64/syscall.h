// SPDX-License-Identifier: MIT
// Raw Linux system calls for x86_64: syscall0..syscall6 as inline asm.
// This folder and its siblings are the only places in fring that contain asm;
// every layer above calls these functions and never issues a syscall itself.
#ifndef FRING_ARCH_X86_64_SYSCALL_H
#define FRING_ARCH_X86_64_SYSCALL_H

// x86_64 Linux system call ABI:
//
//   instruction   number   return   arg1  arg2  arg3  arg4  arg5  arg6
//   syscall       rax      rax      rdi   rsi   rdx   r10   r8    r9
//
// The fourth argument goes in r10, not rcx: the syscall instruction itself
// overwrites rcx (with the return address) and r11 (with rflags), so both are
// clobbered. "memory" stops the compiler from caching memory across the call,
// since the kernel reads and writes user buffers.

namespace fring::arch {

/// Issues system call `n` with no arguments; returns the raw result (-errno on error).
[[gnu::always_inline]] inline long syscall0(long n) noexcept {
  long ret;
  asm volatile("syscall" : "=a"(ret) : "a"(n) : "rcx", "r11", "memory");
  return ret;
}

/// Issues system call `n` with one argument; returns the raw result (-errno on error).
[[gnu::always_inline]] inline long syscall1(long n, long a1) noexcept {
  long ret;
  asm volatile("syscall" : "=a"(ret) : "a"(n), "D"(a1) : "rcx", "r11", "memory");
  return ret;
}

/// Issues system call `n` with two arguments; returns the raw result (-errno on error).
[[gnu::always_inline]] inline long syscall2(long n, long a1, long a2) noexcept {
  long ret;
  asm volatile("syscall" : "=a"(ret) : "a"(n), "D"(a1), "S"(a2) : "rcx", "r11", "memory");
  return ret;
}

/// Issues system call `n` with three arguments; returns the raw result (-errno on error).
[[gnu::always_inline]] inline long syscall3(long n, long a1, long a2, long a3) noexcept {
  long ret;
  asm volatile("syscall" : "=a"(ret) : "a"(n), "D"(a1), "S"(a2), "d"(a3) : "rcx", "r11", "memory");
  return ret;
}

/// Issues system call `n` with four arguments; returns the raw result (-errno on error).
[[gnu::always_inline]] inline long syscall4(long n, long a1, long a2, long a3, long a4) noexcept {
  long ret;
  register long r10 asm("r10") = a4;
  asm volatile("syscall"
               : "=a"(ret)
               : "a"(n), "D"(a1), "S"(a2), "d"(a3), "r"(r10)
               : "rcx", "r11", "memory");
  return ret;
}

/// Issues system call `n` with five arguments; returns the raw result (-errno on error).
[[gnu::always_inline]] inline long syscall5(long n, long a1, long a2, long a3, long a4,
                                            long a5) noexcept {
  long ret;
  register long r10 asm("r10") = a4;
  register long r8 asm("r8") = a5;
  asm volatile("syscall"
               : "=a"(ret)
               : "a"(n), "D"(a1), "S"(a2), "d"(a3), "r"(r10), "r"(r8)
               : "rcx", "r11", "memory");
  return ret;
}

/// Issues system call `n` with six arguments; returns the raw result (-errno on error).
[[gnu::always_inline]] inline long syscall6(long n, long a1, long a2, long a3, long a4, long a5,
                                            long a6) noexcept {
  long ret;
  register long r10 asm("r10") = a4;
  register long r8 asm("r8") = a5;
  register long r9 asm("r9") = a6;
  asm volatile("syscall"
               : "=a"(ret)
               : "a"(n), "D"(a1), "S"(a2), "d"(a3), "r"(r10), "r"(r8), "r"(r9)
               : "rcx", "r11", "memory");
  return ret;
}

}  // namespace fring::arch

#endif  // FRING_ARCH_X86_64_SYSCALL_H
