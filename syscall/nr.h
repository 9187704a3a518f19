// SPDX-License-Identifier: MIT
// System call numbers of the calls fring makes, as fring::sys::nr::<name>.
// The numbers belong to the architecture, so they live in arch/ (arch/nr.h
// picks the table); this layer only names them.
#ifndef FRING_SYSCALL_NR_H
#define FRING_SYSCALL_NR_H

#include "fring/arch/nr.h"

namespace fring::sys {

namespace nr = arch::nr;

}  // namespace fring::sys

#endif  // FRING_SYSCALL_NR_H
