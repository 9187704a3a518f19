// SPDX-License-Identifier: MIT
// The second half of core/uapi/linux_header.h, read once fring's names exist:
// each macro of the kernel's io_uring header that linux_header.h redefined as
// its own name becomes fring's name at global scope, where code written
// against the kernel's header (liburing's inline functions, say) looks for
// it; when fring stands in for that header (FRING_KERNEL_NAMES), so do its
// structs, enums and enumerators. Each is a using-declaration, not a copy, so
// under `using namespace fring;` the name means one thing, not two. The
// macro lists are linux_header.h's, in its order.
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

// fring standing in for the kernel's header (core/uapi/linux_header.h): its
// structs, enums and enumerators, in the order of core/uapi/io_uring.h.
#ifdef FRING_KERNEL_NAMES
using ::fring::io_uring_sqe;
using ::fring::io_uring_attr_pi;
using ::fring::io_uring_sqe_flags_bit;
using ::fring::IOSQE_FIXED_FILE_BIT;
using ::fring::IOSQE_IO_DRAIN_BIT;
using ::fring::IOSQE_IO_LINK_BIT;
using ::fring::IOSQE_IO_HARDLINK_BIT;
using ::fring::IOSQE_ASYNC_BIT;
using ::fring::IOSQE_BUFFER_SELECT_BIT;
using ::fring::IOSQE_CQE_SKIP_SUCCESS_BIT;
using ::fring::io_uring_op;
using ::fring::IORING_OP_NOP;
using ::fring::IORING_OP_READV;
using ::fring::IORING_OP_WRITEV;
using ::fring::IORING_OP_FSYNC;
using ::fring::IORING_OP_READ_FIXED;
using ::fring::IORING_OP_WRITE_FIXED;
using ::fring::IORING_OP_POLL_ADD;
using ::fring::IORING_OP_POLL_REMOVE;
using ::fring::IORING_OP_SYNC_FILE_RANGE;
using ::fring::IORING_OP_SENDMSG;
using ::fring::IORING_OP_RECVMSG;
using ::fring::IORING_OP_TIMEOUT;
using ::fring::IORING_OP_TIMEOUT_REMOVE;
using ::fring::IORING_OP_ACCEPT;
using ::fring::IORING_OP_ASYNC_CANCEL;
using ::fring::IORING_OP_LINK_TIMEOUT;
using ::fring::IORING_OP_CONNECT;
using ::fring::IORING_OP_FALLOCATE;
using ::fring::IORING_OP_OPENAT;
using ::fring::IORING_OP_CLOSE;
using ::fring::IORING_OP_FILES_UPDATE;
using ::fring::IORING_OP_STATX;
using ::fring::IORING_OP_READ;
using ::fring::IORING_OP_WRITE;
using ::fring::IORING_OP_FADVISE;
using ::fring::IORING_OP_MADVISE;
using ::fring::IORING_OP_SEND;
using ::fring::IORING_OP_RECV;
using ::fring::IORING_OP_OPENAT2;
using ::fring::IORING_OP_EPOLL_CTL;
using ::fring::IORING_OP_SPLICE;
using ::fring::IORING_OP_PROVIDE_BUFFERS;
using ::fring::IORING_OP_REMOVE_BUFFERS;
using ::fring::IORING_OP_TEE;
using ::fring::IORING_OP_SHUTDOWN;
using ::fring::IORING_OP_RENAMEAT;
using ::fring::IORING_OP_UNLINKAT;
using ::fring::IORING_OP_MKDIRAT;
using ::fring::IORING_OP_SYMLINKAT;
using ::fring::IORING_OP_LINKAT;
using ::fring::IORING_OP_MSG_RING;
using ::fring::IORING_OP_FSETXATTR;
using ::fring::IORING_OP_SETXATTR;
using ::fring::IORING_OP_FGETXATTR;
using ::fring::IORING_OP_GETXATTR;
using ::fring::IORING_OP_SOCKET;
using ::fring::IORING_OP_URING_CMD;
using ::fring::IORING_OP_SEND_ZC;
using ::fring::IORING_OP_SENDMSG_ZC;
using ::fring::IORING_OP_READ_MULTISHOT;
using ::fring::IORING_OP_WAITID;
using ::fring::IORING_OP_FUTEX_WAIT;
using ::fring::IORING_OP_FUTEX_WAKE;
using ::fring::IORING_OP_FUTEX_WAITV;
using ::fring::IORING_OP_FIXED_FD_INSTALL;
using ::fring::IORING_OP_FTRUNCATE;
using ::fring::IORING_OP_BIND;
using ::fring::IORING_OP_LISTEN;
using ::fring::IORING_OP_RECV_ZC;
using ::fring::IORING_OP_EPOLL_WAIT;
using ::fring::IORING_OP_READV_FIXED;
using ::fring::IORING_OP_WRITEV_FIXED;
using ::fring::IORING_OP_PIPE;
using ::fring::IORING_OP_NOP128;
using ::fring::IORING_OP_URING_CMD128;
using ::fring::IORING_OP_LAST;
using ::fring::io_uring_msg_ring_flags;
using ::fring::IORING_MSG_DATA;
using ::fring::IORING_MSG_SEND_FD;
using ::fring::io_uring_cqe;
using ::fring::io_sqring_offsets;
using ::fring::io_cqring_offsets;
using ::fring::io_uring_params;
using ::fring::io_uring_register_op;
using ::fring::IORING_REGISTER_BUFFERS;
using ::fring::IORING_UNREGISTER_BUFFERS;
using ::fring::IORING_REGISTER_FILES;
using ::fring::IORING_UNREGISTER_FILES;
using ::fring::IORING_REGISTER_EVENTFD;
using ::fring::IORING_UNREGISTER_EVENTFD;
using ::fring::IORING_REGISTER_FILES_UPDATE;
using ::fring::IORING_REGISTER_EVENTFD_ASYNC;
using ::fring::IORING_REGISTER_PROBE;
using ::fring::IORING_REGISTER_PERSONALITY;
using ::fring::IORING_UNREGISTER_PERSONALITY;
using ::fring::IORING_REGISTER_RESTRICTIONS;
using ::fring::IORING_REGISTER_ENABLE_RINGS;
using ::fring::IORING_REGISTER_FILES2;
using ::fring::IORING_REGISTER_FILES_UPDATE2;
using ::fring::IORING_REGISTER_BUFFERS2;
using ::fring::IORING_REGISTER_BUFFERS_UPDATE;
using ::fring::IORING_REGISTER_IOWQ_AFF;
using ::fring::IORING_UNREGISTER_IOWQ_AFF;
using ::fring::IORING_REGISTER_IOWQ_MAX_WORKERS;
using ::fring::IORING_REGISTER_RING_FDS;
using ::fring::IORING_UNREGISTER_RING_FDS;
using ::fring::IORING_REGISTER_PBUF_RING;
using ::fring::IORING_UNREGISTER_PBUF_RING;
using ::fring::IORING_REGISTER_SYNC_CANCEL;
using ::fring::IORING_REGISTER_FILE_ALLOC_RANGE;
using ::fring::IORING_REGISTER_PBUF_STATUS;
using ::fring::IORING_REGISTER_NAPI;
using ::fring::IORING_UNREGISTER_NAPI;
using ::fring::IORING_REGISTER_CLOCK;
using ::fring::IORING_REGISTER_CLONE_BUFFERS;
using ::fring::IORING_REGISTER_SEND_MSG_RING;
using ::fring::IORING_REGISTER_ZCRX_IFQ;
using ::fring::IORING_REGISTER_RESIZE_RINGS;
using ::fring::IORING_REGISTER_MEM_REGION;
using ::fring::IORING_REGISTER_QUERY;
using ::fring::IORING_REGISTER_ZCRX_CTRL;
using ::fring::IORING_REGISTER_BPF_FILTER;
using ::fring::IORING_REGISTER_LAST;
using ::fring::IORING_REGISTER_USE_REGISTERED_RING;
using ::fring::io_wq_type;
using ::fring::IO_WQ_BOUND;
using ::fring::IO_WQ_UNBOUND;
using ::fring::io_uring_files_update;
using ::fring::io_uring_region_desc;
using ::fring::io_uring_mem_region_reg;
using ::fring::io_uring_rsrc_register;
using ::fring::io_uring_rsrc_update;
using ::fring::io_uring_rsrc_update2;
using ::fring::io_uring_probe_op;
using ::fring::io_uring_probe;
using ::fring::io_uring_restriction;
using ::fring::io_uring_task_restriction;
using ::fring::io_uring_clock_register;
using ::fring::io_uring_clone_buffers;
using ::fring::io_uring_buf;
using ::fring::io_uring_buf_ring;
using ::fring::io_uring_register_pbuf_ring_flags;
using ::fring::IOU_PBUF_RING_MMAP;
using ::fring::IOU_PBUF_RING_INC;
using ::fring::io_uring_buf_reg;
using ::fring::io_uring_buf_status;
using ::fring::io_uring_napi_op;
using ::fring::IO_URING_NAPI_REGISTER_OP;
using ::fring::IO_URING_NAPI_STATIC_ADD_ID;
using ::fring::IO_URING_NAPI_STATIC_DEL_ID;
using ::fring::io_uring_napi_tracking_strategy;
using ::fring::IO_URING_NAPI_TRACKING_DYNAMIC;
using ::fring::IO_URING_NAPI_TRACKING_STATIC;
using ::fring::IO_URING_NAPI_TRACKING_INACTIVE;
using ::fring::io_uring_napi;
using ::fring::io_uring_register_restriction_op;
using ::fring::IORING_RESTRICTION_REGISTER_OP;
using ::fring::IORING_RESTRICTION_SQE_OP;
using ::fring::IORING_RESTRICTION_SQE_FLAGS_ALLOWED;
using ::fring::IORING_RESTRICTION_SQE_FLAGS_REQUIRED;
using ::fring::IORING_RESTRICTION_LAST;
using ::fring::io_uring_reg_wait;
using ::fring::io_uring_getevents_arg;
using ::fring::io_uring_sync_cancel_reg;
using ::fring::io_uring_file_index_range;
using ::fring::io_uring_recvmsg_out;
using ::fring::io_uring_socket_op;
using ::fring::SOCKET_URING_OP_SIOCINQ;
using ::fring::SOCKET_URING_OP_SIOCOUTQ;
using ::fring::SOCKET_URING_OP_GETSOCKOPT;
using ::fring::SOCKET_URING_OP_SETSOCKOPT;
using ::fring::SOCKET_URING_OP_TX_TIMESTAMP;
using ::fring::SOCKET_URING_OP_GETSOCKNAME;
using ::fring::io_timespec;
using ::fring::io_uring_zcrx_rqe;
using ::fring::io_uring_zcrx_cqe;
using ::fring::io_uring_zcrx_offsets;
using ::fring::io_uring_zcrx_area_flags;
using ::fring::IORING_ZCRX_AREA_DMABUF;
using ::fring::io_uring_zcrx_area_reg;
using ::fring::zcrx_reg_flags;
using ::fring::ZCRX_REG_IMPORT;
using ::fring::ZCRX_REG_NODEV;
using ::fring::zcrx_features;
using ::fring::ZCRX_FEATURE_RX_PAGE_SIZE;
using ::fring::ZCRX_FEATURE_NOTIFICATION;
using ::fring::zcrx_notification_type;
using ::fring::ZCRX_NOTIF_NO_BUFFERS;
using ::fring::ZCRX_NOTIF_COPY;
using ::fring::__ZCRX_NOTIF_TYPE_LAST;
using ::fring::zcrx_notification_desc_flags;
using ::fring::ZCRX_NOTIF_DESC_FLAG_STATS;
using ::fring::io_uring_zcrx_notif_stats;
using ::fring::zcrx_notification_desc;
using ::fring::io_uring_zcrx_ifq_reg;
using ::fring::zcrx_ctrl_op;
using ::fring::ZCRX_CTRL_FLUSH_RQ;
using ::fring::ZCRX_CTRL_EXPORT;
using ::fring::ZCRX_CTRL_ARM_NOTIFICATION;
using ::fring::__ZCRX_CTRL_LAST;
using ::fring::zcrx_ctrl_flush_rq;
using ::fring::zcrx_ctrl_export;
using ::fring::zcrx_ctrl_arm_notif;
using ::fring::zcrx_ctrl;
#endif  // FRING_KERNEL_NAMES

#endif  // FRING_CORE_UAPI_LINUX_NAMES_H
