// SPDX-License-Identifier: MIT
// _start for x86_64. On entry (%rsp) holds argc, then argv[], a null, envp[].
// The stack must be 16-byte aligned at the call; exit_group is syscall 231.
// Include through fring/arch/start.h.
#ifndef FRING_ARCH_X86_64_START_H
#define FRING_ARCH_X86_64_START_H

extern "C" [[gnu::naked, gnu::used]] void _start() {
  asm volatile(
      "xor %ebp, %ebp\n\t"             // outermost frame, for debuggers
      "mov (%rsp), %rdi\n\t"           // argc
      "lea 8(%rsp), %rsi\n\t"          // argv
      "lea 16(%rsp,%rdi,8), %rdx\n\t"  // envp = argv + argc + 1
      "and $-16, %rsp\n\t"
      "call fring_main\n\t"
      "mov %eax, %edi\n\t"
      "mov $231, %eax\n\t"             // exit_group(status)
      "syscall\n\t"
      "hlt\n\t");
}

#endif  // FRING_ARCH_X86_64_START_H
