// SPDX-License-Identifier: MIT
// The whole of fring in one include: the ring, SQE/CQE helpers, every prep
// helper, and the raw layers beneath.
#ifndef FRING_FRING_H
#define FRING_FRING_H

// First, so that an unsupported target is refused before anything else.
#include "fring/arch/target.h"
#include "fring/core/barrier.h"
#include "fring/core/buf_ring.h"
#include "fring/core/cqe.h"
#include "fring/core/cqe_buffer.h"
#include "fring/core/errno.h"
#include "fring/core/prep.h"
#include "fring/core/probe.h"
#include "fring/core/recvmsg.h"
#include "fring/core/register.h"
#include "fring/core/result.h"
#include "fring/core/ring.h"
#include "fring/core/ring_mem.h"
#include "fring/core/sqe.h"
#include "fring/core/static_ring.h"
#include "fring/core/uapi/bpf_filter.h"
#include "fring/core/uapi/fs.h"
#include "fring/core/uapi/futex.h"
#include "fring/core/uapi/io_uring.h"
#include "fring/core/uapi/kernel_types.h"
#include "fring/core/uapi/names.h"
#include "fring/core/uapi/net.h"
#include "fring/core/uapi/poll.h"
#include "fring/core/uapi/query.h"
#include "fring/core/uapi/wait.h"
#include "fring/core/version.h"
#include "fring/syscall/syscall.h"

#endif  // FRING_FRING_H
