// SPDX-License-Identifier: MIT
// All typed register operations, one family per header under core/register/.
#ifndef FRING_CORE_REGISTER_H
#define FRING_CORE_REGISTER_H

#include "fring/core/register/buffers.h"
#include "fring/core/register/files.h"

#endif  // FRING_CORE_REGISTER_H
