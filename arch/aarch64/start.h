// SPDX-License-Identifier: MIT
// _start for aarch64. On entry [sp] holds argc, then argv[], a null, envp[];
// sp is already 16-byte aligned. exit_group is syscall 94.
// Include through fring/arch/start.h.
#ifndef FRING_ARCH_AARCH64_START_H
#define FRING_ARCH_AARCH64_START_H

extern "C" [[gnu::naked, gnu::used]] void _start() {
  asm volatile(
      "mov x29, #0\n\t"              // outermost frame, for debuggers
      "mov x30, #0\n\t"
      "ldr x0, [sp]\n\t"             // argc
      "add x1, sp, #8\n\t"           // argv
      "add x2, x1, x0, lsl #3\n\t"
      "add x2, x2, #8\n\t"           // envp = argv + argc + 1
      "bl fring_main\n\t"
      "mov x8, #94\n\t"              // exit_group(status)
      "svc #0\n\t"
      "brk #0\n\t");
}

#endif  // FRING_ARCH_AARCH64_START_H
