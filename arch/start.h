// SPDX-License-Identifier: MIT
// Process entry for freestanding programs built on fring (no libc, no crt1.o):
// defines _start, which calls
//     extern "C" int fring_main(int argc, char** argv, char** envp);
// and exits the process with its return value. Include it in exactly one
// translation unit of a -nostdlib program.
#ifndef FRING_ARCH_START_H
#define FRING_ARCH_START_H

#include "fring/arch/target.h"

extern "C" int fring_main(int argc, char** argv, char** envp);

#if defined(__x86_64__)
#include "fring/arch/x86_64/start.h"
#elif defined(__aarch64__)
#include "fring/arch/aarch64/start.h"
#elif defined(__riscv)
#include "fring/arch/riscv64/start.h"
#endif

#endif  // FRING_ARCH_START_H
