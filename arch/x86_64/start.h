// SPDX-License-Identifier: MIT
// _start for x86_64. On entry (%rsp) holds argc, then argv[], a null, envp[].
// The stack must be 16-byte aligned at the call; exit_group is syscall 231.
// A file-scope asm block, so include it (through fring/arch/start.h) in
// exactly one translation unit.
#ifndef FRING_ARCH_X86_64_START_H
#define FRING_ARCH_X86_64_START_H

asm(".text\n"
    ".global _start\n"
    ".type _start, @function\n"
    "_start:\n"
    "  xor %ebp, %ebp\n"             // outermost frame, for debuggers
    "  mov (%rsp), %rdi\n"           // argc
    "  lea 8(%rsp), %rsi\n"          // argv
    "  lea 16(%rsp,%rdi,8), %rdx\n"  // envp = argv + argc + 1
    "  and $-16, %rsp\n"
    "  call fring_main\n"
    "  mov %eax, %edi\n"
    "  mov $231, %eax\n"  // exit_group(status)
    "  syscall\n"
    "  hlt\n"
    ".size _start, . - _start\n");

#endif  // FRING_ARCH_X86_64_START_H
