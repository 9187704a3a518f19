// SPDX-License-Identifier: MIT
// fring/co: coroutines on a fring ring, with no heap, no exceptions and no
// libc (C++20; the rest of fring is C++17). Include this, or one header:
// storage.h (where frames live), task.h (Task, FRING_CO_TRY), await.h (one
// request, a chain), stream.h (multishot), driver.h (run, reap, Ready).
#ifndef FRING_CO_CO_H
#define FRING_CO_CO_H

#include "fring/co/await.h"
#include "fring/co/driver.h"
#include "fring/co/storage.h"
#include "fring/co/stream.h"
#include "fring/co/task.h"

#endif  // FRING_CO_CO_H
