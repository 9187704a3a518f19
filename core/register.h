// SPDX-License-Identifier: MIT
// All typed register operations, one family per header under core/register/.
#ifndef FRING_CORE_REGISTER_H
#define FRING_CORE_REGISTER_H

#include "fring/core/register/bpf.h"
#include "fring/core/register/buffers.h"
#include "fring/core/register/cancel.h"
#include "fring/core/register/clock.h"
#include "fring/core/register/eventfd.h"
#include "fring/core/register/files.h"
#include "fring/core/register/iowq.h"
#include "fring/core/register/msg_ring.h"
#include "fring/core/register/napi.h"
#include "fring/core/register/personality.h"
#include "fring/core/register/region.h"
#include "fring/core/register/restrictions.h"
#include "fring/core/register/zcrx.h"

#endif  // FRING_CORE_REGISTER_H
