// SPDX-License-Identifier: MIT
// Selects the system call stubs of the architecture being compiled for.
// Supporting a new architecture means adding arch/<name>/ (syscall.h,
// start.h, and nr.h unless it uses the generic table), one line in each
// selector of this folder, and the target check in target.h.
#ifndef FRING_ARCH_SYSCALL_H
#define FRING_ARCH_SYSCALL_H

#include "fring/arch/target.h"

#if defined(__x86_64__)
#include "fring/arch/x86_64/syscall.h"
#elif defined(__aarch64__)
#include "fring/arch/aarch64/syscall.h"
#elif defined(__riscv)
#include "fring/arch/riscv64/syscall.h"
#endif

#endif  // FRING_ARCH_SYSCALL_H
