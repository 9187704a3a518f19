// SPDX-License-Identifier: MIT
// Selects what signal delivery needs of the architecture: on x86_64 the
// restorer a handler returns through (arch::restore_rt); aarch64 and riscv64
// return through the vDSO and need nothing here.
#ifndef FRING_ARCH_SIGNAL_H
#define FRING_ARCH_SIGNAL_H

#include "fring/arch/target.h"

#if defined(__x86_64__)
#include "fring/arch/x86_64/signal.h"
#endif

#endif  // FRING_ARCH_SIGNAL_H
