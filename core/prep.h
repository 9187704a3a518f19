// SPDX-License-Identifier: MIT
// All prep helpers, one family per header under core/prep/.
#ifndef FRING_CORE_PREP_H
#define FRING_CORE_PREP_H

#include "fring/core/prep/base.h"
#include "fring/core/prep/cancel.h"
#include "fring/core/prep/file.h"
#include "fring/core/prep/poll.h"
#include "fring/core/prep/rw.h"
#include "fring/core/prep/timeout.h"

#endif  // FRING_CORE_PREP_H
