// SPDX-License-Identifier: MIT
// The second half of core/uapi/linux_header.h, read once fring's names exist:
// each macro of the kernel's io_uring header that linux_header.h redefined as
// its own name becomes fring's name at global scope, where code written
// against the kernel's header (liburing's inline functions, say) looks for
// it. It is a using-declaration, not a copy, so under `using namespace fring;`
// the name means one thing, not two. Same lists, same order as linux_header.h.
#ifndef FRING_CORE_UAPI_LINUX_NAMES_H
#define FRING_CORE_UAPI_LINUX_NAMES_H

#include "fring/core/uapi/io_uring.h"

// Every constant of core/uapi/io_uring.h, in its order.
#ifdef IORING_RW_ATTR_FLAG_PI
using ::fring::IORING_RW_ATTR_FLAG_PI;
#endif
#ifdef IORING_FILE_INDEX_ALLOC
using ::fring::IORING_FILE_INDEX_ALLOC;
#endif
#ifdef IOSQE_FIXED_FILE
using ::fring::IOSQE_FIXED_FILE;
#endif
#ifdef IOSQE_IO_DRAIN
using ::fring::IOSQE_IO_DRAIN;
#endif
#ifdef IOSQE_IO_LINK
using ::fring::IOSQE_IO_LINK;
#endif
#ifdef IOSQE_IO_HARDLINK
using ::fring::IOSQE_IO_HARDLINK;
#endif
#ifdef IOSQE_ASYNC
using ::fring::IOSQE_ASYNC;
#endif
#ifdef IOSQE_BUFFER_SELECT
using ::fring::IOSQE_BUFFER_SELECT;
#endif
#ifdef IOSQE_CQE_SKIP_SUCCESS
using ::fring::IOSQE_CQE_SKIP_SUCCESS;
#endif
#ifdef IORING_SETUP_IOPOLL
using ::fring::IORING_SETUP_IOPOLL;
#endif
#ifdef IORING_SETUP_SQPOLL
using ::fring::IORING_SETUP_SQPOLL;
#endif
#ifdef IORING_SETUP_SQ_AFF
using ::fring::IORING_SETUP_SQ_AFF;
#endif
#ifdef IORING_SETUP_CQSIZE
using ::fring::IORING_SETUP_CQSIZE;
#endif
#ifdef IORING_SETUP_CLAMP
using ::fring::IORING_SETUP_CLAMP;
#endif
#ifdef IORING_SETUP_ATTACH_WQ
using ::fring::IORING_SETUP_ATTACH_WQ;
#endif
#ifdef IORING_SETUP_R_DISABLED
using ::fring::IORING_SETUP_R_DISABLED;
#endif
#ifdef IORING_SETUP_SUBMIT_ALL
using ::fring::IORING_SETUP_SUBMIT_ALL;
#endif
#ifdef IORING_SETUP_COOP_TASKRUN
using ::fring::IORING_SETUP_COOP_TASKRUN;
#endif
#ifdef IORING_SETUP_TASKRUN_FLAG
using ::fring::IORING_SETUP_TASKRUN_FLAG;
#endif
#ifdef IORING_SETUP_SQE128
using ::fring::IORING_SETUP_SQE128;
#endif
#ifdef IORING_SETUP_CQE32
using ::fring::IORING_SETUP_CQE32;
#endif
#ifdef IORING_SETUP_SINGLE_ISSUER
using ::fring::IORING_SETUP_SINGLE_ISSUER;
#endif
#ifdef IORING_SETUP_DEFER_TASKRUN
using ::fring::IORING_SETUP_DEFER_TASKRUN;
#endif
#ifdef IORING_SETUP_NO_MMAP
using ::fring::IORING_SETUP_NO_MMAP;
#endif
#ifdef IORING_SETUP_REGISTERED_FD_ONLY
using ::fring::IORING_SETUP_REGISTERED_FD_ONLY;
#endif
#ifdef IORING_SETUP_NO_SQARRAY
using ::fring::IORING_SETUP_NO_SQARRAY;
#endif
#ifdef IORING_SETUP_HYBRID_IOPOLL
using ::fring::IORING_SETUP_HYBRID_IOPOLL;
#endif
#ifdef IORING_SETUP_CQE_MIXED
using ::fring::IORING_SETUP_CQE_MIXED;
#endif
#ifdef IORING_SETUP_SQE_MIXED
using ::fring::IORING_SETUP_SQE_MIXED;
#endif
#ifdef IORING_SETUP_SQ_REWIND
using ::fring::IORING_SETUP_SQ_REWIND;
#endif
#ifdef IORING_URING_CMD_FIXED
using ::fring::IORING_URING_CMD_FIXED;
#endif
#ifdef IORING_URING_CMD_MULTISHOT
using ::fring::IORING_URING_CMD_MULTISHOT;
#endif
#ifdef IORING_URING_CMD_MASK
using ::fring::IORING_URING_CMD_MASK;
#endif
#ifdef IORING_FSYNC_DATASYNC
using ::fring::IORING_FSYNC_DATASYNC;
#endif
#ifdef IORING_TIMEOUT_ABS
using ::fring::IORING_TIMEOUT_ABS;
#endif
#ifdef IORING_TIMEOUT_UPDATE
using ::fring::IORING_TIMEOUT_UPDATE;
#endif
#ifdef IORING_TIMEOUT_BOOTTIME
using ::fring::IORING_TIMEOUT_BOOTTIME;
#endif
#ifdef IORING_TIMEOUT_REALTIME
using ::fring::IORING_TIMEOUT_REALTIME;
#endif
#ifdef IORING_LINK_TIMEOUT_UPDATE
using ::fring::IORING_LINK_TIMEOUT_UPDATE;
#endif
#ifdef IORING_TIMEOUT_ETIME_SUCCESS
using ::fring::IORING_TIMEOUT_ETIME_SUCCESS;
#endif
#ifdef IORING_TIMEOUT_MULTISHOT
using ::fring::IORING_TIMEOUT_MULTISHOT;
#endif
#ifdef IORING_TIMEOUT_IMMEDIATE_ARG
using ::fring::IORING_TIMEOUT_IMMEDIATE_ARG;
#endif
#ifdef IORING_TIMEOUT_CLOCK_MASK
using ::fring::IORING_TIMEOUT_CLOCK_MASK;
#endif
#ifdef IORING_TIMEOUT_UPDATE_MASK
using ::fring::IORING_TIMEOUT_UPDATE_MASK;
#endif
#ifdef SPLICE_F_FD_IN_FIXED
using ::fring::SPLICE_F_FD_IN_FIXED;
#endif
#ifdef IORING_POLL_ADD_MULTI
using ::fring::IORING_POLL_ADD_MULTI;
#endif
#ifdef IORING_POLL_UPDATE_EVENTS
using ::fring::IORING_POLL_UPDATE_EVENTS;
#endif
#ifdef IORING_POLL_UPDATE_USER_DATA
using ::fring::IORING_POLL_UPDATE_USER_DATA;
#endif
#ifdef IORING_POLL_ADD_LEVEL
using ::fring::IORING_POLL_ADD_LEVEL;
#endif
#ifdef IORING_ASYNC_CANCEL_ALL
using ::fring::IORING_ASYNC_CANCEL_ALL;
#endif
#ifdef IORING_ASYNC_CANCEL_FD
using ::fring::IORING_ASYNC_CANCEL_FD;
#endif
#ifdef IORING_ASYNC_CANCEL_ANY
using ::fring::IORING_ASYNC_CANCEL_ANY;
#endif
#ifdef IORING_ASYNC_CANCEL_FD_FIXED
using ::fring::IORING_ASYNC_CANCEL_FD_FIXED;
#endif
#ifdef IORING_ASYNC_CANCEL_USERDATA
using ::fring::IORING_ASYNC_CANCEL_USERDATA;
#endif
#ifdef IORING_ASYNC_CANCEL_OP
using ::fring::IORING_ASYNC_CANCEL_OP;
#endif
#ifdef IORING_RECVSEND_POLL_FIRST
using ::fring::IORING_RECVSEND_POLL_FIRST;
#endif
#ifdef IORING_RECV_MULTISHOT
using ::fring::IORING_RECV_MULTISHOT;
#endif
#ifdef IORING_RECVSEND_FIXED_BUF
using ::fring::IORING_RECVSEND_FIXED_BUF;
#endif
#ifdef IORING_SEND_ZC_REPORT_USAGE
using ::fring::IORING_SEND_ZC_REPORT_USAGE;
#endif
#ifdef IORING_RECVSEND_BUNDLE
using ::fring::IORING_RECVSEND_BUNDLE;
#endif
#ifdef IORING_SEND_VECTORIZED
using ::fring::IORING_SEND_VECTORIZED;
#endif
#ifdef IORING_NOTIF_USAGE_ZC_COPIED
using ::fring::IORING_NOTIF_USAGE_ZC_COPIED;
#endif
#ifdef IORING_ACCEPT_MULTISHOT
using ::fring::IORING_ACCEPT_MULTISHOT;
#endif
#ifdef IORING_ACCEPT_DONTWAIT
using ::fring::IORING_ACCEPT_DONTWAIT;
#endif
#ifdef IORING_ACCEPT_POLL_FIRST
using ::fring::IORING_ACCEPT_POLL_FIRST;
#endif
#ifdef IORING_MSG_RING_CQE_SKIP
using ::fring::IORING_MSG_RING_CQE_SKIP;
#endif
#ifdef IORING_MSG_RING_FLAGS_PASS
using ::fring::IORING_MSG_RING_FLAGS_PASS;
#endif
#ifdef IORING_FIXED_FD_NO_CLOEXEC
using ::fring::IORING_FIXED_FD_NO_CLOEXEC;
#endif
#ifdef IORING_NOP_INJECT_RESULT
using ::fring::IORING_NOP_INJECT_RESULT;
#endif
#ifdef IORING_NOP_FILE
using ::fring::IORING_NOP_FILE;
#endif
#ifdef IORING_NOP_FIXED_FILE
using ::fring::IORING_NOP_FIXED_FILE;
#endif
#ifdef IORING_NOP_FIXED_BUFFER
using ::fring::IORING_NOP_FIXED_BUFFER;
#endif
#ifdef IORING_NOP_TW
using ::fring::IORING_NOP_TW;
#endif
#ifdef IORING_NOP_CQE32
using ::fring::IORING_NOP_CQE32;
#endif
#ifdef IORING_CQE_F_BUFFER
using ::fring::IORING_CQE_F_BUFFER;
#endif
#ifdef IORING_CQE_F_MORE
using ::fring::IORING_CQE_F_MORE;
#endif
#ifdef IORING_CQE_F_SOCK_NONEMPTY
using ::fring::IORING_CQE_F_SOCK_NONEMPTY;
#endif
#ifdef IORING_CQE_F_NOTIF
using ::fring::IORING_CQE_F_NOTIF;
#endif
#ifdef IORING_CQE_F_BUF_MORE
using ::fring::IORING_CQE_F_BUF_MORE;
#endif
#ifdef IORING_CQE_F_SKIP
using ::fring::IORING_CQE_F_SKIP;
#endif
#ifdef IORING_CQE_F_32
using ::fring::IORING_CQE_F_32;
#endif
#ifdef IORING_CQE_BUFFER_SHIFT
using ::fring::IORING_CQE_BUFFER_SHIFT;
#endif
#ifdef IORING_OFF_SQ_RING
using ::fring::IORING_OFF_SQ_RING;
#endif
#ifdef IORING_OFF_CQ_RING
using ::fring::IORING_OFF_CQ_RING;
#endif
#ifdef IORING_OFF_SQES
using ::fring::IORING_OFF_SQES;
#endif
#ifdef IORING_OFF_PBUF_RING
using ::fring::IORING_OFF_PBUF_RING;
#endif
#ifdef IORING_OFF_PBUF_SHIFT
using ::fring::IORING_OFF_PBUF_SHIFT;
#endif
#ifdef IORING_OFF_MMAP_MASK
using ::fring::IORING_OFF_MMAP_MASK;
#endif
#ifdef IORING_SQ_NEED_WAKEUP
using ::fring::IORING_SQ_NEED_WAKEUP;
#endif
#ifdef IORING_SQ_CQ_OVERFLOW
using ::fring::IORING_SQ_CQ_OVERFLOW;
#endif
#ifdef IORING_SQ_TASKRUN
using ::fring::IORING_SQ_TASKRUN;
#endif
#ifdef IORING_CQ_EVENTFD_DISABLED
using ::fring::IORING_CQ_EVENTFD_DISABLED;
#endif
#ifdef IORING_ENTER_GETEVENTS
using ::fring::IORING_ENTER_GETEVENTS;
#endif
#ifdef IORING_ENTER_SQ_WAKEUP
using ::fring::IORING_ENTER_SQ_WAKEUP;
#endif
#ifdef IORING_ENTER_SQ_WAIT
using ::fring::IORING_ENTER_SQ_WAIT;
#endif
#ifdef IORING_ENTER_EXT_ARG
using ::fring::IORING_ENTER_EXT_ARG;
#endif
#ifdef IORING_ENTER_REGISTERED_RING
using ::fring::IORING_ENTER_REGISTERED_RING;
#endif
#ifdef IORING_ENTER_ABS_TIMER
using ::fring::IORING_ENTER_ABS_TIMER;
#endif
#ifdef IORING_ENTER_EXT_ARG_REG
using ::fring::IORING_ENTER_EXT_ARG_REG;
#endif
#ifdef IORING_ENTER_NO_IOWAIT
using ::fring::IORING_ENTER_NO_IOWAIT;
#endif
#ifdef IORING_FEAT_SINGLE_MMAP
using ::fring::IORING_FEAT_SINGLE_MMAP;
#endif
#ifdef IORING_FEAT_NODROP
using ::fring::IORING_FEAT_NODROP;
#endif
#ifdef IORING_FEAT_SUBMIT_STABLE
using ::fring::IORING_FEAT_SUBMIT_STABLE;
#endif
#ifdef IORING_FEAT_RW_CUR_POS
using ::fring::IORING_FEAT_RW_CUR_POS;
#endif
#ifdef IORING_FEAT_CUR_PERSONALITY
using ::fring::IORING_FEAT_CUR_PERSONALITY;
#endif
#ifdef IORING_FEAT_FAST_POLL
using ::fring::IORING_FEAT_FAST_POLL;
#endif
#ifdef IORING_FEAT_POLL_32BITS
using ::fring::IORING_FEAT_POLL_32BITS;
#endif
#ifdef IORING_FEAT_SQPOLL_NONFIXED
using ::fring::IORING_FEAT_SQPOLL_NONFIXED;
#endif
#ifdef IORING_FEAT_EXT_ARG
using ::fring::IORING_FEAT_EXT_ARG;
#endif
#ifdef IORING_FEAT_NATIVE_WORKERS
using ::fring::IORING_FEAT_NATIVE_WORKERS;
#endif
#ifdef IORING_FEAT_RSRC_TAGS
using ::fring::IORING_FEAT_RSRC_TAGS;
#endif
#ifdef IORING_FEAT_CQE_SKIP
using ::fring::IORING_FEAT_CQE_SKIP;
#endif
#ifdef IORING_FEAT_LINKED_FILE
using ::fring::IORING_FEAT_LINKED_FILE;
#endif
#ifdef IORING_FEAT_REG_REG_RING
using ::fring::IORING_FEAT_REG_REG_RING;
#endif
#ifdef IORING_FEAT_RECVSEND_BUNDLE
using ::fring::IORING_FEAT_RECVSEND_BUNDLE;
#endif
#ifdef IORING_FEAT_MIN_TIMEOUT
using ::fring::IORING_FEAT_MIN_TIMEOUT;
#endif
#ifdef IORING_FEAT_RW_ATTR
using ::fring::IORING_FEAT_RW_ATTR;
#endif
#ifdef IORING_FEAT_NO_IOWAIT
using ::fring::IORING_FEAT_NO_IOWAIT;
#endif
#ifdef IORING_MEM_REGION_TYPE_USER
using ::fring::IORING_MEM_REGION_TYPE_USER;
#endif
#ifdef IORING_MEM_REGION_REG_WAIT_ARG
using ::fring::IORING_MEM_REGION_REG_WAIT_ARG;
#endif
#ifdef IORING_RSRC_REGISTER_SPARSE
using ::fring::IORING_RSRC_REGISTER_SPARSE;
#endif
#ifdef IORING_REGISTER_FILES_SKIP
using ::fring::IORING_REGISTER_FILES_SKIP;
#endif
#ifdef IO_URING_OP_SUPPORTED
using ::fring::IO_URING_OP_SUPPORTED;
#endif
#ifdef IORING_REGISTER_SRC_REGISTERED
using ::fring::IORING_REGISTER_SRC_REGISTERED;
#endif
#ifdef IORING_REGISTER_DST_REPLACE
using ::fring::IORING_REGISTER_DST_REPLACE;
#endif
#ifdef IORING_REG_WAIT_TS
using ::fring::IORING_REG_WAIT_TS;
#endif
#ifdef IORING_TIMESTAMP_HW_SHIFT
using ::fring::IORING_TIMESTAMP_HW_SHIFT;
#endif
#ifdef IORING_TIMESTAMP_TYPE_SHIFT
using ::fring::IORING_TIMESTAMP_TYPE_SHIFT;
#endif
#ifdef IORING_CQE_F_TSTAMP_HW
using ::fring::IORING_CQE_F_TSTAMP_HW;
#endif
#ifdef IORING_ZCRX_AREA_SHIFT
using ::fring::IORING_ZCRX_AREA_SHIFT;
#endif
#ifdef IORING_ZCRX_AREA_MASK
using ::fring::IORING_ZCRX_AREA_MASK;
#endif

// Opcodes 0-16, macros until Linux 5.5 made them an enum.
#ifdef IORING_OP_NOP
using ::fring::IORING_OP_NOP;
#endif
#ifdef IORING_OP_READV
using ::fring::IORING_OP_READV;
#endif
#ifdef IORING_OP_WRITEV
using ::fring::IORING_OP_WRITEV;
#endif
#ifdef IORING_OP_FSYNC
using ::fring::IORING_OP_FSYNC;
#endif
#ifdef IORING_OP_READ_FIXED
using ::fring::IORING_OP_READ_FIXED;
#endif
#ifdef IORING_OP_WRITE_FIXED
using ::fring::IORING_OP_WRITE_FIXED;
#endif
#ifdef IORING_OP_POLL_ADD
using ::fring::IORING_OP_POLL_ADD;
#endif
#ifdef IORING_OP_POLL_REMOVE
using ::fring::IORING_OP_POLL_REMOVE;
#endif
#ifdef IORING_OP_SYNC_FILE_RANGE
using ::fring::IORING_OP_SYNC_FILE_RANGE;
#endif
#ifdef IORING_OP_SENDMSG
using ::fring::IORING_OP_SENDMSG;
#endif
#ifdef IORING_OP_RECVMSG
using ::fring::IORING_OP_RECVMSG;
#endif
#ifdef IORING_OP_TIMEOUT
using ::fring::IORING_OP_TIMEOUT;
#endif
#ifdef IORING_OP_TIMEOUT_REMOVE
using ::fring::IORING_OP_TIMEOUT_REMOVE;
#endif
#ifdef IORING_OP_ACCEPT
using ::fring::IORING_OP_ACCEPT;
#endif
#ifdef IORING_OP_ASYNC_CANCEL
using ::fring::IORING_OP_ASYNC_CANCEL;
#endif
#ifdef IORING_OP_LINK_TIMEOUT
using ::fring::IORING_OP_LINK_TIMEOUT;
#endif
#ifdef IORING_OP_CONNECT
using ::fring::IORING_OP_CONNECT;
#endif

// Register opcodes 0-10, macros in the first kernels that had them.
#ifdef IORING_REGISTER_BUFFERS
using ::fring::IORING_REGISTER_BUFFERS;
#endif
#ifdef IORING_UNREGISTER_BUFFERS
using ::fring::IORING_UNREGISTER_BUFFERS;
#endif
#ifdef IORING_REGISTER_FILES
using ::fring::IORING_REGISTER_FILES;
#endif
#ifdef IORING_UNREGISTER_FILES
using ::fring::IORING_UNREGISTER_FILES;
#endif
#ifdef IORING_REGISTER_EVENTFD
using ::fring::IORING_REGISTER_EVENTFD;
#endif
#ifdef IORING_UNREGISTER_EVENTFD
using ::fring::IORING_UNREGISTER_EVENTFD;
#endif
#ifdef IORING_REGISTER_FILES_UPDATE
using ::fring::IORING_REGISTER_FILES_UPDATE;
#endif
#ifdef IORING_REGISTER_EVENTFD_ASYNC
using ::fring::IORING_REGISTER_EVENTFD_ASYNC;
#endif
#ifdef IORING_REGISTER_PROBE
using ::fring::IORING_REGISTER_PROBE;
#endif
#ifdef IORING_REGISTER_PERSONALITY
using ::fring::IORING_REGISTER_PERSONALITY;
#endif
#ifdef IORING_UNREGISTER_PERSONALITY
using ::fring::IORING_UNREGISTER_PERSONALITY;
#endif

#endif  // FRING_CORE_UAPI_LINUX_NAMES_H
