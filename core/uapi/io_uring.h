// SPDX-License-Identifier: MIT
// The io_uring kernel ABI of the newest kernel (Linux 7.2): every struct, opcode,
// register operation and flag of include/uapi/linux/io_uring.h, with the
// kernel's names and values, inside namespace fring. A freestanding program
// cannot rely on system headers (Debian 12's stop at opcode 48), so fring
// carries its own. Sizes and key offsets are pinned at the end of the file.
#ifndef FRING_CORE_UAPI_IO_URING_H
#define FRING_CORE_UAPI_IO_URING_H

#include <stddef.h>
#include <stdint.h>

#include "fring/core/uapi/linux_header.h"

namespace fring {

/// struct __kernel_timespec of linux/time_types.h: 64-bit seconds on every
/// arch. Functions take it as KernelPtr<const kernel_timespec>, so a hosted
/// program passes its `__kernel_timespec*` (or, on these 64-bit arches, its
/// `timespec*`) directly.
struct kernel_timespec {
  int64_t tv_sec;
  int64_t tv_nsec;
};

// ---------------------------------------------------------------------------
// Submission queue entry.

// The kernel's zero-length arrays probe->ops and br->bufs are a GNU extension
// that -Wpedantic flags even under __extension__; code written against the
// kernel's header (liburing's inline functions) indexes them, so fring's
// structs have them too, with the warning off for just those definitions.
// Like the kernel's, these two structs head longer memory: gcc -Wpedantic
// flags a struct that holds one by value before another member.
#define FRING_ZERO_LENGTH_ARRAYS_BEGIN \
  _Pragma("GCC diagnostic push") _Pragma("GCC diagnostic ignored \"-Wpedantic\"")
#define FRING_ZERO_LENGTH_ARRAYS_END _Pragma("GCC diagnostic pop")

/// One submission queue entry: 64 bytes, or 128 with IORING_SETUP_SQE128
/// (then bytes 48..127 are the command area of IORING_OP_URING_CMD).
struct io_uring_sqe {
  uint8_t opcode;    // an io_uring_op
  uint8_t flags;     // IOSQE_* flags
  uint16_t ioprio;   // request priority, or per-op flags (send/recv/accept)
  int32_t fd;        // file descriptor (or fixed-file index) to operate on
  __extension__ union {
    uint64_t off;    // offset into the file
    uint64_t addr2;
    struct {
      uint32_t cmd_op;
      uint32_t __pad1;
    };
  };
  __extension__ union {
    uint64_t addr;   // buffer or iovec array
    uint64_t splice_off_in;
    struct {
      uint32_t level;
      uint32_t optname;
    };
  };
  uint32_t len;      // buffer size or number of iovecs
  __extension__ union {
    int32_t rw_flags;  // __kernel_rwf_t
    uint32_t fsync_flags;
    uint16_t poll_events;  // 16-bit form, kept for compatibility
    uint32_t poll32_events;
    uint32_t sync_range_flags;
    uint32_t msg_flags;
    uint32_t timeout_flags;
    uint32_t accept_flags;
    uint32_t cancel_flags;
    uint32_t open_flags;
    uint32_t statx_flags;
    uint32_t fadvise_advice;
    uint32_t splice_flags;
    uint32_t rename_flags;
    uint32_t unlink_flags;
    uint32_t hardlink_flags;
    uint32_t xattr_flags;
    uint32_t msg_ring_flags;
    uint32_t uring_cmd_flags;
    uint32_t waitid_flags;
    uint32_t futex_flags;
    uint32_t install_fd_flags;
    uint32_t nop_flags;
    uint32_t pipe_flags;
  };
  uint64_t user_data;  // returned unchanged in the CQE
  __extension__ union {
    uint16_t buf_index;  // index into the registered buffers
    uint16_t buf_group;  // provided-buffer group for IOSQE_BUFFER_SELECT
  } __attribute__((packed));
  uint16_t personality;  // registered credentials to use, 0 for the caller's
  __extension__ union {
    int32_t splice_fd_in;
    uint32_t file_index;  // direct-descriptor slot + 1, or IORING_FILE_INDEX_ALLOC
    uint32_t zcrx_ifq_idx;
    uint32_t optlen;
    struct {
      uint16_t addr_len;
      uint16_t __pad3[1];
    };
    struct {
      uint8_t write_stream;
      uint8_t __pad4[3];
    };
  };
  __extension__ union {
    struct {
      uint64_t addr3;
      uint64_t __pad2[1];
    };
    struct {
      uint64_t attr_ptr;        // pointer to attribute information
      uint64_t attr_type_mask;  // IORING_RW_ATTR_FLAG_* bits
    };
    uint64_t optval;
  };
  // The kernel's `cmd[]` (command data from offset 48: 16 bytes, or 80 with
  // IORING_SETUP_SQE128) is a zero-length array here too, but one that would
  // make a struct holding an Sqe ill-formed under -Wpedantic; reach it
  // through sqe_cmd() in core/sqe.h.
};

/// sqe->attr_type_mask flags and the PI attribute they describe.
inline constexpr uint64_t IORING_RW_ATTR_FLAG_PI = 1ULL << 0;
struct io_uring_attr_pi {
  uint16_t flags;
  uint16_t app_tag;
  uint32_t len;
  uint64_t addr;
  uint64_t seed;
  uint64_t rsvd;
};

/// sqe->file_index value asking the kernel to pick a free direct descriptor.
inline constexpr uint32_t IORING_FILE_INDEX_ALLOC = ~0U;

enum io_uring_sqe_flags_bit : uint8_t {
  IOSQE_FIXED_FILE_BIT,
  IOSQE_IO_DRAIN_BIT,
  IOSQE_IO_LINK_BIT,
  IOSQE_IO_HARDLINK_BIT,
  IOSQE_ASYNC_BIT,
  IOSQE_BUFFER_SELECT_BIT,
  IOSQE_CQE_SKIP_SUCCESS_BIT,
};

// sqe->flags
inline constexpr uint8_t IOSQE_FIXED_FILE = 1U << IOSQE_FIXED_FILE_BIT;      // fd is a fixed-file index
inline constexpr uint8_t IOSQE_IO_DRAIN = 1U << IOSQE_IO_DRAIN_BIT;          // issue after all in flight
inline constexpr uint8_t IOSQE_IO_LINK = 1U << IOSQE_IO_LINK_BIT;            // link to the next SQE
inline constexpr uint8_t IOSQE_IO_HARDLINK = 1U << IOSQE_IO_HARDLINK_BIT;    // link, even on error
inline constexpr uint8_t IOSQE_ASYNC = 1U << IOSQE_ASYNC_BIT;                // always go async
inline constexpr uint8_t IOSQE_BUFFER_SELECT = 1U << IOSQE_BUFFER_SELECT_BIT;  // pick from buf_group
inline constexpr uint8_t IOSQE_CQE_SKIP_SUCCESS = 1U << IOSQE_CQE_SKIP_SUCCESS_BIT;  // no CQE on success

// io_uring_setup() flags
inline constexpr uint32_t IORING_SETUP_IOPOLL = 1U << 0;        // busy-poll completions
inline constexpr uint32_t IORING_SETUP_SQPOLL = 1U << 1;        // kernel thread polls the SQ
inline constexpr uint32_t IORING_SETUP_SQ_AFF = 1U << 2;        // sq_thread_cpu is valid
inline constexpr uint32_t IORING_SETUP_CQSIZE = 1U << 3;        // cq_entries is valid
inline constexpr uint32_t IORING_SETUP_CLAMP = 1U << 4;         // clamp sizes to the maximum
inline constexpr uint32_t IORING_SETUP_ATTACH_WQ = 1U << 5;     // share wq_fd's async backend
inline constexpr uint32_t IORING_SETUP_R_DISABLED = 1U << 6;    // start disabled
inline constexpr uint32_t IORING_SETUP_SUBMIT_ALL = 1U << 7;    // keep submitting after an error
inline constexpr uint32_t IORING_SETUP_COOP_TASKRUN = 1U << 8;  // no IPI for task work
inline constexpr uint32_t IORING_SETUP_TASKRUN_FLAG = 1U << 9;  // set IORING_SQ_TASKRUN
inline constexpr uint32_t IORING_SETUP_SQE128 = 1U << 10;       // 128-byte SQEs
inline constexpr uint32_t IORING_SETUP_CQE32 = 1U << 11;        // 32-byte CQEs
inline constexpr uint32_t IORING_SETUP_SINGLE_ISSUER = 1U << 12;  // one submitting task
inline constexpr uint32_t IORING_SETUP_DEFER_TASKRUN = 1U << 13;  // run task work on GETEVENTS
inline constexpr uint32_t IORING_SETUP_NO_MMAP = 1U << 14;      // caller provides ring memory
inline constexpr uint32_t IORING_SETUP_REGISTERED_FD_ONLY = 1U << 15;  // return a registered index
inline constexpr uint32_t IORING_SETUP_NO_SQARRAY = 1U << 16;   // no SQ index array
inline constexpr uint32_t IORING_SETUP_HYBRID_IOPOLL = 1U << 17;  // hybrid polling
inline constexpr uint32_t IORING_SETUP_CQE_MIXED = 1U << 18;    // 16- and 32-byte CQEs
inline constexpr uint32_t IORING_SETUP_SQE_MIXED = 1U << 19;    // 64- and 128-byte SQEs
inline constexpr uint32_t IORING_SETUP_SQ_REWIND = 1U << 20;    // fetch SQEs from index 0

/// Request opcodes (sqe->opcode).
enum io_uring_op : uint8_t {
  IORING_OP_NOP,
  IORING_OP_READV,
  IORING_OP_WRITEV,
  IORING_OP_FSYNC,
  IORING_OP_READ_FIXED,
  IORING_OP_WRITE_FIXED,
  IORING_OP_POLL_ADD,
  IORING_OP_POLL_REMOVE,
  IORING_OP_SYNC_FILE_RANGE,
  IORING_OP_SENDMSG,
  IORING_OP_RECVMSG,
  IORING_OP_TIMEOUT,
  IORING_OP_TIMEOUT_REMOVE,
  IORING_OP_ACCEPT,
  IORING_OP_ASYNC_CANCEL,
  IORING_OP_LINK_TIMEOUT,
  IORING_OP_CONNECT,
  IORING_OP_FALLOCATE,
  IORING_OP_OPENAT,
  IORING_OP_CLOSE,
  IORING_OP_FILES_UPDATE,
  IORING_OP_STATX,
  IORING_OP_READ,
  IORING_OP_WRITE,
  IORING_OP_FADVISE,
  IORING_OP_MADVISE,
  IORING_OP_SEND,
  IORING_OP_RECV,
  IORING_OP_OPENAT2,
  IORING_OP_EPOLL_CTL,
  IORING_OP_SPLICE,
  IORING_OP_PROVIDE_BUFFERS,
  IORING_OP_REMOVE_BUFFERS,
  IORING_OP_TEE,
  IORING_OP_SHUTDOWN,
  IORING_OP_RENAMEAT,
  IORING_OP_UNLINKAT,
  IORING_OP_MKDIRAT,
  IORING_OP_SYMLINKAT,
  IORING_OP_LINKAT,
  IORING_OP_MSG_RING,
  IORING_OP_FSETXATTR,
  IORING_OP_SETXATTR,
  IORING_OP_FGETXATTR,
  IORING_OP_GETXATTR,
  IORING_OP_SOCKET,
  IORING_OP_URING_CMD,
  IORING_OP_SEND_ZC,
  IORING_OP_SENDMSG_ZC,
  IORING_OP_READ_MULTISHOT,
  IORING_OP_WAITID,
  IORING_OP_FUTEX_WAIT,
  IORING_OP_FUTEX_WAKE,
  IORING_OP_FUTEX_WAITV,
  IORING_OP_FIXED_FD_INSTALL,
  IORING_OP_FTRUNCATE,
  IORING_OP_BIND,
  IORING_OP_LISTEN,
  IORING_OP_RECV_ZC,
  IORING_OP_EPOLL_WAIT,
  IORING_OP_READV_FIXED,
  IORING_OP_WRITEV_FIXED,
  IORING_OP_PIPE,
  IORING_OP_NOP128,
  IORING_OP_URING_CMD128,
  IORING_OP_LAST,
};

// sqe->uring_cmd_flags (the top 8 bits are reserved for the kernel)
inline constexpr uint32_t IORING_URING_CMD_FIXED = 1U << 0;      // use registered buf_index
inline constexpr uint32_t IORING_URING_CMD_MULTISHOT = 1U << 1;  // multishot, with buffer select
inline constexpr uint32_t IORING_URING_CMD_MASK = IORING_URING_CMD_FIXED | IORING_URING_CMD_MULTISHOT;

// sqe->fsync_flags
inline constexpr uint32_t IORING_FSYNC_DATASYNC = 1U << 0;

// sqe->timeout_flags
inline constexpr uint32_t IORING_TIMEOUT_ABS = 1U << 0;
inline constexpr uint32_t IORING_TIMEOUT_UPDATE = 1U << 1;
inline constexpr uint32_t IORING_TIMEOUT_BOOTTIME = 1U << 2;
inline constexpr uint32_t IORING_TIMEOUT_REALTIME = 1U << 3;
inline constexpr uint32_t IORING_LINK_TIMEOUT_UPDATE = 1U << 4;
inline constexpr uint32_t IORING_TIMEOUT_ETIME_SUCCESS = 1U << 5;
inline constexpr uint32_t IORING_TIMEOUT_MULTISHOT = 1U << 6;
inline constexpr uint32_t IORING_TIMEOUT_IMMEDIATE_ARG = 1U << 7;  // sqe->addr holds nanoseconds
inline constexpr uint32_t IORING_TIMEOUT_CLOCK_MASK = IORING_TIMEOUT_BOOTTIME | IORING_TIMEOUT_REALTIME;
inline constexpr uint32_t IORING_TIMEOUT_UPDATE_MASK = IORING_TIMEOUT_UPDATE | IORING_LINK_TIMEOUT_UPDATE;

// sqe->splice_flags: splice(2) flags plus this one
inline constexpr uint32_t SPLICE_F_FD_IN_FIXED = 1U << 31;  // splice_fd_in is a fixed file

// POLL_ADD command flags (in sqe->len; sqe->poll32_events holds the events)
inline constexpr uint32_t IORING_POLL_ADD_MULTI = 1U << 0;
inline constexpr uint32_t IORING_POLL_UPDATE_EVENTS = 1U << 1;
inline constexpr uint32_t IORING_POLL_UPDATE_USER_DATA = 1U << 2;
inline constexpr uint32_t IORING_POLL_ADD_LEVEL = 1U << 3;

// ASYNC_CANCEL flags (sqe->cancel_flags)
inline constexpr uint32_t IORING_ASYNC_CANCEL_ALL = 1U << 0;
inline constexpr uint32_t IORING_ASYNC_CANCEL_FD = 1U << 1;
inline constexpr uint32_t IORING_ASYNC_CANCEL_ANY = 1U << 2;
inline constexpr uint32_t IORING_ASYNC_CANCEL_FD_FIXED = 1U << 3;
inline constexpr uint32_t IORING_ASYNC_CANCEL_USERDATA = 1U << 4;
inline constexpr uint32_t IORING_ASYNC_CANCEL_OP = 1U << 5;

// send/sendmsg and recv/recvmsg flags (sqe->ioprio)
inline constexpr uint16_t IORING_RECVSEND_POLL_FIRST = 1U << 0;
inline constexpr uint16_t IORING_RECV_MULTISHOT = 1U << 1;
inline constexpr uint16_t IORING_RECVSEND_FIXED_BUF = 1U << 2;
inline constexpr uint16_t IORING_SEND_ZC_REPORT_USAGE = 1U << 3;
inline constexpr uint16_t IORING_RECVSEND_BUNDLE = 1U << 4;
inline constexpr uint16_t IORING_SEND_VECTORIZED = 1U << 5;

/// cqe->res flag of a zero-copy notification when the data had to be copied.
inline constexpr uint32_t IORING_NOTIF_USAGE_ZC_COPIED = 1U << 31;

// accept flags (sqe->ioprio)
inline constexpr uint16_t IORING_ACCEPT_MULTISHOT = 1U << 0;
inline constexpr uint16_t IORING_ACCEPT_DONTWAIT = 1U << 1;
inline constexpr uint16_t IORING_ACCEPT_POLL_FIRST = 1U << 2;

/// IORING_OP_MSG_RING command types (sqe->addr).
enum io_uring_msg_ring_flags : uint32_t {
  IORING_MSG_DATA,     // post sqe->len as res and sqe->off as user_data
  IORING_MSG_SEND_FD,  // install a fixed file in the target ring
};

// IORING_OP_MSG_RING flags (sqe->msg_ring_flags)
inline constexpr uint32_t IORING_MSG_RING_CQE_SKIP = 1U << 0;    // no CQE in the target ring
inline constexpr uint32_t IORING_MSG_RING_FLAGS_PASS = 1U << 1;  // file_index -> target cqe->flags

// IORING_OP_FIXED_FD_INSTALL flags (sqe->install_fd_flags)
inline constexpr uint32_t IORING_FIXED_FD_NO_CLOEXEC = 1U << 0;

// IORING_OP_NOP flags (sqe->nop_flags)
inline constexpr uint32_t IORING_NOP_INJECT_RESULT = 1U << 0;  // complete with sqe->len as res
inline constexpr uint32_t IORING_NOP_FILE = 1U << 1;
inline constexpr uint32_t IORING_NOP_FIXED_FILE = 1U << 2;
inline constexpr uint32_t IORING_NOP_FIXED_BUFFER = 1U << 3;
inline constexpr uint32_t IORING_NOP_TW = 1U << 4;
inline constexpr uint32_t IORING_NOP_CQE32 = 1U << 5;

// ---------------------------------------------------------------------------
// Completion queue entry.

/// One completion queue entry: 16 bytes, or 32 with IORING_SETUP_CQE32 (the
/// kernel's `big_cqe[]` tail; read it with big_cqe() in core/cqe.h).
struct io_uring_cqe {
  uint64_t user_data;  // the SQE's user_data
  int32_t res;         // result, -errno on failure
  uint32_t flags;      // IORING_CQE_F_* and the buffer id
};

// cqe->flags
inline constexpr uint32_t IORING_CQE_F_BUFFER = 1U << 0;         // upper 16 bits: buffer id
inline constexpr uint32_t IORING_CQE_F_MORE = 1U << 1;           // more CQEs follow for this SQE
inline constexpr uint32_t IORING_CQE_F_SOCK_NONEMPTY = 1U << 2;  // more data to read
inline constexpr uint32_t IORING_CQE_F_NOTIF = 1U << 3;          // zero-copy notification
inline constexpr uint32_t IORING_CQE_F_BUF_MORE = 1U << 4;       // buffer partially consumed
inline constexpr uint32_t IORING_CQE_F_SKIP = 1U << 5;           // padding: ignore this CQE
inline constexpr uint32_t IORING_CQE_F_32 = 1U << 15;            // a 32-byte CQE (CQE_MIXED)
inline constexpr uint32_t IORING_CQE_BUFFER_SHIFT = 16;

// Magic mmap offsets.
inline constexpr uint64_t IORING_OFF_SQ_RING = 0ULL;
inline constexpr uint64_t IORING_OFF_CQ_RING = 0x8000000ULL;
inline constexpr uint64_t IORING_OFF_SQES = 0x10000000ULL;
inline constexpr uint64_t IORING_OFF_PBUF_RING = 0x80000000ULL;
inline constexpr uint64_t IORING_OFF_PBUF_SHIFT = 16;
inline constexpr uint64_t IORING_OFF_MMAP_MASK = 0xf8000000ULL;

/// Offsets of the SQ ring fields, filled in by io_uring_setup().
struct io_sqring_offsets {
  uint32_t head;
  uint32_t tail;
  uint32_t ring_mask;
  uint32_t ring_entries;
  uint32_t flags;
  uint32_t dropped;
  uint32_t array;
  uint32_t resv1;
  uint64_t user_addr;  // ring memory, with IORING_SETUP_NO_MMAP
};

// sq_ring->flags
inline constexpr uint32_t IORING_SQ_NEED_WAKEUP = 1U << 0;  // SQPOLL thread sleeps
inline constexpr uint32_t IORING_SQ_CQ_OVERFLOW = 1U << 1;  // CQ overflowed into the backlog
inline constexpr uint32_t IORING_SQ_TASKRUN = 1U << 2;      // task work pending

/// Offsets of the CQ ring fields, filled in by io_uring_setup().
struct io_cqring_offsets {
  uint32_t head;
  uint32_t tail;
  uint32_t ring_mask;
  uint32_t ring_entries;
  uint32_t overflow;
  uint32_t cqes;
  uint32_t flags;
  uint32_t resv1;
  uint64_t user_addr;  // ring memory, with IORING_SETUP_NO_MMAP
};

// cq_ring->flags
inline constexpr uint32_t IORING_CQ_EVENTFD_DISABLED = 1U << 0;

// io_uring_enter(2) flags
inline constexpr uint32_t IORING_ENTER_GETEVENTS = 1U << 0;
inline constexpr uint32_t IORING_ENTER_SQ_WAKEUP = 1U << 1;
inline constexpr uint32_t IORING_ENTER_SQ_WAIT = 1U << 2;
inline constexpr uint32_t IORING_ENTER_EXT_ARG = 1U << 3;
inline constexpr uint32_t IORING_ENTER_REGISTERED_RING = 1U << 4;
inline constexpr uint32_t IORING_ENTER_ABS_TIMER = 1U << 5;
inline constexpr uint32_t IORING_ENTER_EXT_ARG_REG = 1U << 6;
inline constexpr uint32_t IORING_ENTER_NO_IOWAIT = 1U << 7;

/// Passed to io_uring_setup(); the kernel fills in the rest.
struct io_uring_params {
  uint32_t sq_entries;
  uint32_t cq_entries;
  uint32_t flags;
  uint32_t sq_thread_cpu;
  uint32_t sq_thread_idle;
  uint32_t features;
  uint32_t wq_fd;
  uint32_t resv[3];
  io_sqring_offsets sq_off;
  io_cqring_offsets cq_off;
};

// io_uring_params->features
inline constexpr uint32_t IORING_FEAT_SINGLE_MMAP = 1U << 0;
inline constexpr uint32_t IORING_FEAT_NODROP = 1U << 1;
inline constexpr uint32_t IORING_FEAT_SUBMIT_STABLE = 1U << 2;
inline constexpr uint32_t IORING_FEAT_RW_CUR_POS = 1U << 3;
inline constexpr uint32_t IORING_FEAT_CUR_PERSONALITY = 1U << 4;
inline constexpr uint32_t IORING_FEAT_FAST_POLL = 1U << 5;
inline constexpr uint32_t IORING_FEAT_POLL_32BITS = 1U << 6;
inline constexpr uint32_t IORING_FEAT_SQPOLL_NONFIXED = 1U << 7;
inline constexpr uint32_t IORING_FEAT_EXT_ARG = 1U << 8;
inline constexpr uint32_t IORING_FEAT_NATIVE_WORKERS = 1U << 9;
inline constexpr uint32_t IORING_FEAT_RSRC_TAGS = 1U << 10;
inline constexpr uint32_t IORING_FEAT_CQE_SKIP = 1U << 11;
inline constexpr uint32_t IORING_FEAT_LINKED_FILE = 1U << 12;
inline constexpr uint32_t IORING_FEAT_REG_REG_RING = 1U << 13;
inline constexpr uint32_t IORING_FEAT_RECVSEND_BUNDLE = 1U << 14;
inline constexpr uint32_t IORING_FEAT_MIN_TIMEOUT = 1U << 15;
inline constexpr uint32_t IORING_FEAT_RW_ATTR = 1U << 16;
inline constexpr uint32_t IORING_FEAT_NO_IOWAIT = 1U << 17;

// ---------------------------------------------------------------------------
// io_uring_register(2).

/// io_uring_register(2) opcodes.
enum io_uring_register_op : uint32_t {
  IORING_REGISTER_BUFFERS = 0,
  IORING_UNREGISTER_BUFFERS = 1,
  IORING_REGISTER_FILES = 2,
  IORING_UNREGISTER_FILES = 3,
  IORING_REGISTER_EVENTFD = 4,
  IORING_UNREGISTER_EVENTFD = 5,
  IORING_REGISTER_FILES_UPDATE = 6,
  IORING_REGISTER_EVENTFD_ASYNC = 7,
  IORING_REGISTER_PROBE = 8,
  IORING_REGISTER_PERSONALITY = 9,
  IORING_UNREGISTER_PERSONALITY = 10,
  IORING_REGISTER_RESTRICTIONS = 11,
  IORING_REGISTER_ENABLE_RINGS = 12,
  IORING_REGISTER_FILES2 = 13,
  IORING_REGISTER_FILES_UPDATE2 = 14,
  IORING_REGISTER_BUFFERS2 = 15,
  IORING_REGISTER_BUFFERS_UPDATE = 16,
  IORING_REGISTER_IOWQ_AFF = 17,
  IORING_UNREGISTER_IOWQ_AFF = 18,
  IORING_REGISTER_IOWQ_MAX_WORKERS = 19,
  IORING_REGISTER_RING_FDS = 20,
  IORING_UNREGISTER_RING_FDS = 21,
  IORING_REGISTER_PBUF_RING = 22,
  IORING_UNREGISTER_PBUF_RING = 23,
  IORING_REGISTER_SYNC_CANCEL = 24,
  IORING_REGISTER_FILE_ALLOC_RANGE = 25,
  IORING_REGISTER_PBUF_STATUS = 26,
  IORING_REGISTER_NAPI = 27,
  IORING_UNREGISTER_NAPI = 28,
  IORING_REGISTER_CLOCK = 29,
  IORING_REGISTER_CLONE_BUFFERS = 30,
  IORING_REGISTER_SEND_MSG_RING = 31,
  IORING_REGISTER_ZCRX_IFQ = 32,
  IORING_REGISTER_RESIZE_RINGS = 33,
  IORING_REGISTER_MEM_REGION = 34,
  IORING_REGISTER_QUERY = 35,
  IORING_REGISTER_ZCRX_CTRL = 36,
  IORING_REGISTER_BPF_FILTER = 37,
  IORING_REGISTER_LAST,
  // Flag or-ed into the opcode: the fd argument is a registered ring index.
  IORING_REGISTER_USE_REGISTERED_RING = 1U << 31,
};

/// io-wq worker categories (IORING_REGISTER_IOWQ_MAX_WORKERS array index).
enum io_wq_type : uint32_t {
  IO_WQ_BOUND,
  IO_WQ_UNBOUND,
};

/// Deprecated form of io_uring_rsrc_update (IORING_REGISTER_FILES_UPDATE).
struct io_uring_files_update {
  uint32_t offset;
  uint32_t resv;
  alignas(8) uint64_t fds;  // int32_t array
};

// io_uring_region_desc->flags
inline constexpr uint32_t IORING_MEM_REGION_TYPE_USER = 1;  // user memory at user_addr

/// A memory region shared with the kernel (rings, registered waits, zcrx).
struct io_uring_region_desc {
  uint64_t user_addr;
  uint64_t size;
  uint32_t flags;
  uint32_t id;
  uint64_t mmap_offset;
  uint64_t __resv[4];
};

// io_uring_mem_region_reg->flags
inline constexpr uint64_t IORING_MEM_REGION_REG_WAIT_ARG = 1;  // region holds io_uring_reg_wait

/// Argument of IORING_REGISTER_MEM_REGION.
struct io_uring_mem_region_reg {
  uint64_t region_uptr;  // io_uring_region_desc*
  uint64_t flags;
  uint64_t __resv[2];
};

/// io_uring_rsrc_register->flags: register an all-empty (sparse) table.
inline constexpr uint32_t IORING_RSRC_REGISTER_SPARSE = 1U << 0;

/// Argument of IORING_REGISTER_FILES2 / IORING_REGISTER_BUFFERS2.
struct io_uring_rsrc_register {
  uint32_t nr;
  uint32_t flags;
  uint64_t resv2;
  alignas(8) uint64_t data;
  alignas(8) uint64_t tags;
};

/// Argument of IORING_REGISTER_FILES_UPDATE and IORING_REGISTER_RING_FDS.
struct io_uring_rsrc_update {
  uint32_t offset;
  uint32_t resv;
  alignas(8) uint64_t data;
};

/// Argument of IORING_REGISTER_FILES_UPDATE2 / IORING_REGISTER_BUFFERS_UPDATE.
struct io_uring_rsrc_update2 {
  uint32_t offset;
  uint32_t resv;
  alignas(8) uint64_t data;
  alignas(8) uint64_t tags;
  uint32_t nr;
  uint32_t resv2;
};

/// A file-table update value that leaves the slot unchanged.
inline constexpr int32_t IORING_REGISTER_FILES_SKIP = -2;

/// io_uring_probe_op->flags: the opcode is supported.
inline constexpr uint16_t IO_URING_OP_SUPPORTED = 1U << 0;

struct io_uring_probe_op {
  uint8_t op;
  uint8_t resv;
  uint16_t flags;  // IO_URING_OP_* flags
  uint32_t resv2;
};

/// Argument of IORING_REGISTER_PROBE, followed in memory by `ops_len` ops
/// (see probe() in core/probe.h).
FRING_ZERO_LENGTH_ARRAYS_BEGIN
struct io_uring_probe {
  uint8_t last_op;  // last opcode supported
  uint8_t ops_len;  // entries in ops[]
  uint16_t resv;
  uint32_t resv2[3];
  io_uring_probe_op ops[0];
};
FRING_ZERO_LENGTH_ARRAYS_END

/// One rule of IORING_REGISTER_RESTRICTIONS.
struct io_uring_restriction {
  uint16_t opcode;  // an io_uring_register_restriction_op
  union {
    uint8_t register_op;  // IORING_RESTRICTION_REGISTER_OP
    uint8_t sqe_op;       // IORING_RESTRICTION_SQE_OP
    uint8_t sqe_flags;    // IORING_RESTRICTION_SQE_FLAGS_*
  };
  uint8_t resv;
  uint32_t resv2[3];
};

/// Header of a task-wide restriction set, followed by `nr_res` restrictions.
struct io_uring_task_restriction {
  uint16_t flags;
  uint16_t nr_res;
  uint32_t resv[3];
};

/// Argument of IORING_REGISTER_CLOCK.
struct io_uring_clock_register {
  uint32_t clockid;
  uint32_t __resv[3];
};

// io_uring_clone_buffers->flags
inline constexpr uint32_t IORING_REGISTER_SRC_REGISTERED = 1U << 0;  // src_fd is a registered index
inline constexpr uint32_t IORING_REGISTER_DST_REPLACE = 1U << 1;     // replace existing buffers

/// Argument of IORING_REGISTER_CLONE_BUFFERS.
struct io_uring_clone_buffers {
  uint32_t src_fd;
  uint32_t flags;
  uint32_t src_off;
  uint32_t dst_off;
  uint32_t nr;
  uint32_t pad[3];
};

/// One buffer of a provided-buffer ring.
struct io_uring_buf {
  uint64_t addr;
  uint32_t len;
  uint16_t bid;
  uint16_t resv;
};

/// A provided-buffer ring: an array of io_uring_buf (`bufs`) whose first
/// entry's `resv` field doubles as the ring tail (so the ring needs no extra
/// page).
FRING_ZERO_LENGTH_ARRAYS_BEGIN
struct io_uring_buf_ring {
  __extension__ union {
    struct {
      uint64_t resv1;
      uint32_t resv2;
      uint16_t resv3;
      uint16_t tail;
    };
    io_uring_buf bufs[0];
  };
};
FRING_ZERO_LENGTH_ARRAYS_END

/// Flags of IORING_REGISTER_PBUF_RING.
enum io_uring_register_pbuf_ring_flags : uint16_t {
  IOU_PBUF_RING_MMAP = 1,  // the kernel allocates the ring; mmap it
  IOU_PBUF_RING_INC = 2,   // buffers may be consumed incrementally
};

/// Argument of IORING_(UN)REGISTER_PBUF_RING.
struct io_uring_buf_reg {
  uint64_t ring_addr;
  uint32_t ring_entries;
  uint16_t bgid;
  uint16_t flags;
  uint32_t min_left;
  uint32_t resv[5];
};

/// Argument of IORING_REGISTER_PBUF_STATUS.
struct io_uring_buf_status {
  uint32_t buf_group;  // input
  uint32_t head;       // output
  uint32_t resv[8];
};

/// io_uring_napi->opcode values (Linux 6.13).
enum io_uring_napi_op : uint8_t {
  IO_URING_NAPI_REGISTER_OP = 0,    // register/unregister; 0 keeps the 6.9 meaning
  IO_URING_NAPI_STATIC_ADD_ID = 1,  // add op_param to the static NAPI id list
  IO_URING_NAPI_STATIC_DEL_ID = 2,  // remove op_param from it
};

/// io_uring_napi->op_param values for IO_URING_NAPI_REGISTER_OP.
enum io_uring_napi_tracking_strategy : uint32_t {
  IO_URING_NAPI_TRACKING_DYNAMIC = 0,  // 0 keeps the 6.9 meaning
  IO_URING_NAPI_TRACKING_STATIC = 1,
  IO_URING_NAPI_TRACKING_INACTIVE = 255,
};

/// Argument of IORING_(UN)REGISTER_NAPI. The kernel writes the previous
/// settings back into it (tracking mode included, from 6.13).
struct io_uring_napi {
  uint32_t busy_poll_to;     // microseconds
  uint8_t prefer_busy_poll;
  uint8_t opcode;            // an io_uring_napi_op
  uint8_t pad[2];
  uint32_t op_param;         // a tracking strategy, or a NAPI id
  uint32_t resv;
};

/// io_uring_restriction->opcode values.
enum io_uring_register_restriction_op : uint16_t {
  IORING_RESTRICTION_REGISTER_OP = 0,         // allow a register opcode
  IORING_RESTRICTION_SQE_OP = 1,              // allow an SQE opcode
  IORING_RESTRICTION_SQE_FLAGS_ALLOWED = 2,   // allow these SQE flags
  IORING_RESTRICTION_SQE_FLAGS_REQUIRED = 3,  // require these SQE flags
  IORING_RESTRICTION_LAST,
};

// io_uring_reg_wait->flags
inline constexpr uint32_t IORING_REG_WAIT_TS = 1U << 0;  // ts is valid

/// A registered wait argument (IORING_ENTER_EXT_ARG_REG indexes an array of these).
struct io_uring_reg_wait {
  kernel_timespec ts;
  uint32_t min_wait_usec;
  uint32_t flags;
  uint64_t sigmask;
  uint32_t sigmask_sz;
  uint32_t pad[3];
  uint64_t pad2[2];
};

/// Argument of io_uring_enter(2) with IORING_ENTER_EXT_ARG.
struct io_uring_getevents_arg {
  uint64_t sigmask;
  uint32_t sigmask_sz;
  uint32_t min_wait_usec;
  uint64_t ts;  // kernel_timespec*
};

/// Argument of IORING_REGISTER_SYNC_CANCEL.
struct io_uring_sync_cancel_reg {
  uint64_t addr;
  int32_t fd;
  uint32_t flags;
  kernel_timespec timeout;
  uint8_t opcode;
  uint8_t pad[7];
  uint64_t pad2[3];
};

/// Argument of IORING_REGISTER_FILE_ALLOC_RANGE: slots [off, off + len).
struct io_uring_file_index_range {
  uint32_t off;
  uint32_t len;
  uint64_t resv;
};

/// Header the kernel writes at the start of a multishot recvmsg buffer.
struct io_uring_recvmsg_out {
  uint32_t namelen;
  uint32_t controllen;
  uint32_t payloadlen;
  uint32_t flags;
};

/// IORING_OP_URING_CMD commands for sockets (sqe->cmd_op).
enum io_uring_socket_op : uint32_t {
  SOCKET_URING_OP_SIOCINQ = 0,
  SOCKET_URING_OP_SIOCOUTQ,
  SOCKET_URING_OP_GETSOCKOPT,
  SOCKET_URING_OP_SETSOCKOPT,
  SOCKET_URING_OP_TX_TIMESTAMP,
  SOCKET_URING_OP_GETSOCKNAME,
};

// SOCKET_URING_OP_TX_TIMESTAMP: where cqe->flags carries the timestamp kind.
inline constexpr uint32_t IORING_TIMESTAMP_HW_SHIFT = 16;
inline constexpr uint32_t IORING_TIMESTAMP_TYPE_SHIFT = IORING_TIMESTAMP_HW_SHIFT + 1;
inline constexpr uint32_t IORING_CQE_F_TSTAMP_HW = 1U << IORING_TIMESTAMP_HW_SHIFT;

/// A timespec with unsigned fields, as the timestamp CQEs carry.
struct io_timespec {
  uint64_t tv_sec;
  uint64_t tv_nsec;
};

// ---------------------------------------------------------------------------
// Zero-copy receive (zcrx).

/// Zero-copy receive refill queue entry.
struct io_uring_zcrx_rqe {
  uint64_t off;
  uint32_t len;
  uint32_t __pad;
};

/// Zero-copy receive completion, the second half of a 32-byte CQE.
struct io_uring_zcrx_cqe {
  uint64_t off;
  uint64_t __pad;
};

inline constexpr uint32_t IORING_ZCRX_AREA_SHIFT = 48;  // area id bit in offsets
inline constexpr uint64_t IORING_ZCRX_AREA_MASK = ~((1ULL << IORING_ZCRX_AREA_SHIFT) - 1);

struct io_uring_zcrx_offsets {
  uint32_t head;
  uint32_t tail;
  uint32_t rqes;
  uint32_t __resv2;
  uint64_t __resv[2];
};

enum io_uring_zcrx_area_flags : uint32_t {
  IORING_ZCRX_AREA_DMABUF = 1,
};

struct io_uring_zcrx_area_reg {
  uint64_t addr;
  uint64_t len;
  uint64_t rq_area_token;
  uint32_t flags;
  uint32_t dmabuf_fd;
  uint64_t __resv2[2];
};

enum zcrx_reg_flags : uint32_t {
  ZCRX_REG_IMPORT = 1,
  ZCRX_REG_NODEV = 2,  // no net device: all data is copied
};

enum zcrx_features : uint32_t {
  ZCRX_FEATURE_RX_PAGE_SIZE = 1 << 0,  // rx_buf_len chooses the page size
  ZCRX_FEATURE_NOTIFICATION = 1 << 1,
};

enum zcrx_notification_type : uint32_t {
  ZCRX_NOTIF_NO_BUFFERS,
  ZCRX_NOTIF_COPY,
  __ZCRX_NOTIF_TYPE_LAST,
};

enum zcrx_notification_desc_flags : uint32_t {
  ZCRX_NOTIF_DESC_FLAG_STATS = 1 << 0,  // stats_offset is valid
};

struct io_uring_zcrx_notif_stats {
  uint64_t copy_count;  // cumulative copy-fallback CQEs
  uint64_t copy_bytes;  // cumulative bytes copied
};

struct zcrx_notification_desc {
  uint64_t user_data;
  uint32_t type_mask;
  uint32_t flags;         // zcrx_notification_desc_flags
  uint64_t stats_offset;  // from the start of the refill ring region
  uint64_t __resv2[9];
};

/// Argument of IORING_REGISTER_ZCRX_IFQ.
struct io_uring_zcrx_ifq_reg {
  uint32_t if_idx;
  uint32_t if_rxq;
  uint32_t rq_entries;
  uint32_t flags;
  uint64_t area_ptr;    // io_uring_zcrx_area_reg*
  uint64_t region_ptr;  // io_uring_region_desc*
  io_uring_zcrx_offsets offsets;
  uint32_t zcrx_id;
  uint32_t rx_buf_len;
  uint64_t notif_desc;  // zcrx_notification_desc*
  uint64_t __resv[2];
};

enum zcrx_ctrl_op : uint32_t {
  ZCRX_CTRL_FLUSH_RQ,
  ZCRX_CTRL_EXPORT,
  ZCRX_CTRL_ARM_NOTIFICATION,
  __ZCRX_CTRL_LAST,
};

struct zcrx_ctrl_flush_rq {
  uint64_t __resv[6];
};

struct zcrx_ctrl_export {
  uint32_t zcrx_fd;
  uint32_t __resv1[11];
};

struct zcrx_ctrl_arm_notif {
  uint32_t notif_type;
  uint32_t __resv[11];
};

/// Argument of IORING_REGISTER_ZCRX_CTRL.
struct zcrx_ctrl {
  uint32_t zcrx_id;
  uint32_t op;  // zcrx_ctrl_op
  uint64_t __resv[2];
  union {
    zcrx_ctrl_export zc_export;
    zcrx_ctrl_flush_rq zc_flush;
    zcrx_ctrl_arm_notif zc_arm_notif;
  };
};

// ---------------------------------------------------------------------------
// Short names.

using Sqe = io_uring_sqe;
using Cqe = io_uring_cqe;
using Params = io_uring_params;
using Op = io_uring_op;

// ---------------------------------------------------------------------------
// The layout the kernel expects.

static_assert(sizeof(kernel_timespec) == 16);
static_assert(sizeof(io_uring_sqe) == 64);
static_assert(offsetof(io_uring_sqe, opcode) == 0);
static_assert(offsetof(io_uring_sqe, flags) == 1);
static_assert(offsetof(io_uring_sqe, ioprio) == 2);
static_assert(offsetof(io_uring_sqe, fd) == 4);
static_assert(offsetof(io_uring_sqe, off) == 8);
static_assert(offsetof(io_uring_sqe, cmd_op) == 8);
static_assert(offsetof(io_uring_sqe, addr) == 16);
static_assert(offsetof(io_uring_sqe, optname) == 20);
static_assert(offsetof(io_uring_sqe, len) == 24);
static_assert(offsetof(io_uring_sqe, rw_flags) == 28);
static_assert(offsetof(io_uring_sqe, user_data) == 32);
static_assert(offsetof(io_uring_sqe, buf_index) == 40);
static_assert(offsetof(io_uring_sqe, personality) == 42);
static_assert(offsetof(io_uring_sqe, file_index) == 44);
static_assert(offsetof(io_uring_sqe, write_stream) == 44);
static_assert(offsetof(io_uring_sqe, addr3) == 48);
static_assert(offsetof(io_uring_sqe, attr_type_mask) == 56);
static_assert(sizeof(io_uring_attr_pi) == 32);
static_assert(sizeof(io_uring_cqe) == 16);
static_assert(offsetof(io_uring_cqe, res) == 8);
static_assert(offsetof(io_uring_cqe, flags) == 12);
static_assert(sizeof(io_sqring_offsets) == 40);
static_assert(sizeof(io_cqring_offsets) == 40);
static_assert(sizeof(io_uring_params) == 120);
static_assert(offsetof(io_uring_params, features) == 20);
static_assert(offsetof(io_uring_params, wq_fd) == 24);
static_assert(offsetof(io_uring_params, sq_off) == 40);
static_assert(offsetof(io_uring_params, cq_off) == 80);
static_assert(IORING_OFF_CQ_RING == 0x8000000ULL);
static_assert(IORING_OFF_SQES == 0x10000000ULL);
static_assert(IORING_OP_LAST == 65);
static_assert(IORING_REGISTER_LAST == 38);
static_assert(sizeof(io_uring_files_update) == 16);
static_assert(sizeof(io_uring_region_desc) == 64);
static_assert(sizeof(io_uring_mem_region_reg) == 32);
static_assert(sizeof(io_uring_rsrc_register) == 32);
static_assert(sizeof(io_uring_rsrc_update) == 16);
static_assert(sizeof(io_uring_rsrc_update2) == 32);
static_assert(sizeof(io_uring_probe_op) == 8);
static_assert(sizeof(io_uring_probe) == 16);
static_assert(offsetof(io_uring_probe, ops) == 16);
static_assert(sizeof(io_uring_restriction) == 16);
static_assert(sizeof(io_uring_task_restriction) == 16);
static_assert(sizeof(io_uring_clock_register) == 16);
static_assert(sizeof(io_uring_clone_buffers) == 32);
static_assert(sizeof(io_uring_buf) == 16);
static_assert(sizeof(io_uring_buf_ring) == 16);
static_assert(offsetof(io_uring_buf_ring, tail) == 14);
static_assert(offsetof(io_uring_buf_ring, bufs) == 0);
static_assert(sizeof(io_uring_buf_reg) == 40);
static_assert(sizeof(io_uring_buf_status) == 40);
static_assert(sizeof(io_uring_napi) == 16);
static_assert(offsetof(io_uring_napi, op_param) == 8);
static_assert(sizeof(io_uring_reg_wait) == 64);
static_assert(sizeof(io_uring_getevents_arg) == 24);
static_assert(sizeof(io_uring_sync_cancel_reg) == 64);
static_assert(sizeof(io_uring_file_index_range) == 16);
static_assert(sizeof(io_uring_recvmsg_out) == 16);
static_assert(sizeof(io_timespec) == 16);
static_assert(sizeof(io_uring_zcrx_rqe) == 16);
static_assert(sizeof(io_uring_zcrx_cqe) == 16);
static_assert(sizeof(io_uring_zcrx_offsets) == 32);
static_assert(sizeof(io_uring_zcrx_area_reg) == 48);
static_assert(sizeof(io_uring_zcrx_notif_stats) == 16);
static_assert(sizeof(zcrx_notification_desc) == 96);
static_assert(sizeof(io_uring_zcrx_ifq_reg) == 96);
static_assert(sizeof(zcrx_ctrl) == 72);

}  // namespace fring

#undef FRING_ZERO_LENGTH_ARRAYS_BEGIN
#undef FRING_ZERO_LENGTH_ARRAYS_END

#include "fring/core/uapi/linux_names.h"

#endif  // FRING_CORE_UAPI_IO_URING_H
