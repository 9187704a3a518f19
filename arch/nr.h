// SPDX-License-Identifier: MIT
// Selects the system call numbers of the architecture being compiled for, as
// fring::arch::nr::<name>. x86_64 has its own table; aarch64 and riscv64 use
// the kernel's generic one.
#ifndef FRING_ARCH_NR_H
#define FRING_ARCH_NR_H

#include "fring/arch/target.h"

#if defined(__x86_64__)
#include "fring/arch/x86_64/nr.h"
#elif defined(__aarch64__) || defined(__riscv)
#include "fring/arch/generic/nr.h"
#endif

#endif  // FRING_ARCH_NR_H
