// SPDX-License-Identifier: MIT
// _start for riscv64. On entry 0(sp) holds argc, then argv[], a null, envp[];
// sp is already 16-byte aligned; exit_group is syscall 94. gp must be set
// before any compiled code runs: the linker may relax accesses to globals into
// gp-relative ones. A file-scope asm block, so include it (through
// fring/arch/start.h) in exactly one translation unit.
#ifndef FRING_ARCH_RISCV64_START_H
#define FRING_ARCH_RISCV64_START_H

asm(".text\n"
    ".global _start\n"
    ".type _start, @function\n"
    "_start:\n"
    "  .option push\n"
    "  .option norelax\n"  // or the linker turns this into "mv gp, gp"
    "  lla gp, __global_pointer$\n"
    "  .option pop\n"
    "  li ra, 0\n"  // outermost frame, for debuggers
    "  li s0, 0\n"
    "  ld a0, 0(sp)\n"    // argc
    "  addi a1, sp, 8\n"  // argv
    "  slli a2, a0, 3\n"
    "  add a2, a2, a1\n"
    "  addi a2, a2, 8\n"  // envp = argv + argc + 1
    "  call fring_main\n"
    "  li a7, 94\n"  // exit_group(status)
    "  ecall\n"
    "  unimp\n"
    ".size _start, . - _start\n");

#endif  // FRING_ARCH_RISCV64_START_H
