// SPDX-License-Identifier: MIT
// All prep helpers, one family per header under core/prep/.
#ifndef FRING_CORE_PREP_H
#define FRING_CORE_PREP_H

#include "fring/core/prep/base.h"
#include "fring/core/prep/buffers.h"
#include "fring/core/prep/cancel.h"
#include "fring/core/prep/cmd.h"
#include "fring/core/prep/epoll.h"
#include "fring/core/prep/file.h"
#include "fring/core/prep/files.h"
#include "fring/core/prep/fs.h"
#include "fring/core/prep/futex.h"
#include "fring/core/prep/msg_ring.h"
#include "fring/core/prep/net.h"
#include "fring/core/prep/nop.h"
#include "fring/core/prep/poll.h"
#include "fring/core/prep/rw.h"
#include "fring/core/prep/splice.h"
#include "fring/core/prep/timeout.h"
#include "fring/core/prep/xattr.h"

#endif  // FRING_CORE_PREP_H
