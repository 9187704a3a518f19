// SPDX-License-Identifier: MIT
// _start for aarch64. On entry [sp] holds argc, then argv[], a null, envp[];
// sp is already 16-byte aligned; exit_group is syscall 94.
// A file-scope asm block, so include it (through fring/arch/start.h) in
// exactly one translation unit.
#ifndef FRING_ARCH_AARCH64_START_H
#define FRING_ARCH_AARCH64_START_H

asm(".text\n"
    ".global _start\n"
    ".type _start, %function\n"
    "_start:\n"
    "  mov x29, #0\n"  // outermost frame, for debuggers
    "  mov x30, #0\n"
    "  ldr x0, [sp]\n"    // argc
    "  add x1, sp, #8\n"  // argv
    "  add x2, x1, x0, lsl #3\n"
    "  add x2, x2, #8\n"  // envp = argv + argc + 1
    "  bl fring_main\n"
    "  mov x8, #94\n"  // exit_group(status)
    "  svc #0\n"
    "  brk #0\n"
    ".size _start, . - _start\n");

#endif  // FRING_ARCH_AARCH64_START_H
