// SPDX-License-Identifier: MIT
// The io_uring kernel ABI of the newest kernel (Linux 7.2): every struct,
// opcode, register operation and flag of include/uapi/linux/io_uring.h, with
// the kernel's values and layouts in fring's own names (docs/contributing.md,
// "Naming"): TitleCase structs, and each constant family in a namespace of
// its own, `op::read`, `sqe_flag::io_link`, `setup::sqpoll`. Each `///` line
// names the kernel's spelling, so a grep for IORING_SETUP_SQPOLL finds
// fring's. None of these names can meet a macro or a global name of libc,
// the kernel's headers or liburing, so this header lives beside any of them
// in any order. Sizes and key offsets are pinned at the end of the file.
#ifndef FRING_CORE_UAPI_IO_URING_H
#define FRING_CORE_UAPI_IO_URING_H

#include <stddef.h>
#include <stdint.h>

#include "fring/syscall/abi/time.h"  // Timespec, which timeouts point to

namespace fring {

// ---------------------------------------------------------------------------
// Submission queue entry.

/// struct io_uring_sqe: one submission queue entry, 64 bytes, or 128 with
/// setup::sqe128 (then bytes 48..127 are the command area of op::uring_cmd;
/// reach it with sqe_cmd() in core/sqe.h). Field names are the kernel's.
struct Sqe {
  uint8_t opcode;   // an op::Op
  uint8_t flags;    // sqe_flag bits
  uint16_t ioprio;  // request priority, or per-op flags (send/recv/accept)
  int32_t fd;       // file descriptor (or fixed-file index) to operate on
  __extension__ union {
    uint64_t off;  // offset into the file
    uint64_t addr2;
    struct {
      uint32_t cmd_op;
      uint32_t pad1;
    };
  };
  __extension__ union {
    uint64_t addr;  // buffer or iovec array
    uint64_t splice_off_in;
    struct {
      uint32_t level;
      uint32_t optname;
    };
  };
  uint32_t len;  // buffer size or number of iovecs
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
    uint16_t buf_group;  // provided-buffer group for sqe_flag::buffer_select
  } __attribute__((packed));
  uint16_t personality;  // registered credentials to use, 0 for the caller's
  __extension__ union {
    int32_t splice_fd_in;
    uint32_t file_index;  // direct-descriptor slot + 1, or file_index_alloc
    uint32_t zcrx_ifq_idx;
    uint32_t optlen;
    struct {
      uint16_t addr_len;
      uint16_t pad3[1];
    };
    struct {
      uint8_t write_stream;
      uint8_t pad4[3];
    };
  };
  __extension__ union {
    struct {
      uint64_t addr3;
      uint64_t pad2[1];
    };
    struct {
      uint64_t attr_ptr;        // pointer to attribute information
      uint64_t attr_type_mask;  // rw_attr_flag bits
    };
    uint64_t optval;
  };
  // The kernel's `cmd[]` (command data from offset 48) is reached through
  // sqe_cmd(): a zero-length array would make a struct holding an Sqe
  // ill-formed under -Wpedantic.
};

/// sqe->attr_type_mask bits.
namespace rw_attr_flag {
/// IORING_RW_ATTR_FLAG_PI: attr_ptr points to an AttrPi (Linux 6.14).
inline constexpr uint64_t pi = 1ULL << 0;
}  // namespace rw_attr_flag

/// struct io_uring_attr_pi: the protection-information attribute of a read
/// or write (rw_attr_flag::pi).
struct AttrPi {
  uint16_t flags;
  uint16_t app_tag;
  uint32_t len;
  uint64_t addr;
  uint64_t seed;
  uint64_t rsvd;
};

/// IORING_FILE_INDEX_ALLOC: sqe->file_index asking the kernel to pick a free
/// direct descriptor (Linux 5.19).
inline constexpr uint32_t file_index_alloc = ~0U;

/// sqe->flags bits (IOSQE_*), and their bit numbers.
namespace sqe_flag {
/// IOSQE_FIXED_FILE_BIT
inline constexpr uint8_t fixed_file_bit = 0;
/// IOSQE_IO_DRAIN_BIT
inline constexpr uint8_t io_drain_bit = 1;
/// IOSQE_IO_LINK_BIT
inline constexpr uint8_t io_link_bit = 2;
/// IOSQE_IO_HARDLINK_BIT
inline constexpr uint8_t io_hardlink_bit = 3;
/// IOSQE_ASYNC_BIT
inline constexpr uint8_t async_bit = 4;
/// IOSQE_BUFFER_SELECT_BIT
inline constexpr uint8_t buffer_select_bit = 5;
/// IOSQE_CQE_SKIP_SUCCESS_BIT
inline constexpr uint8_t cqe_skip_success_bit = 6;

/// IOSQE_FIXED_FILE: fd is an index into the registered files (Linux 5.1).
inline constexpr uint8_t fixed_file = 1U << fixed_file_bit;
/// IOSQE_IO_DRAIN: start only after every earlier request completed (Linux 5.2).
inline constexpr uint8_t io_drain = 1U << io_drain_bit;
/// IOSQE_IO_LINK: the next SQE starts when this one succeeds (Linux 5.3).
inline constexpr uint8_t io_link = 1U << io_link_bit;
/// IOSQE_IO_HARDLINK: link to the next SQE, even on error (Linux 5.5).
inline constexpr uint8_t io_hardlink = 1U << io_hardlink_bit;
/// IOSQE_ASYNC: always go to the async workers (Linux 5.6).
inline constexpr uint8_t async = 1U << async_bit;
/// IOSQE_BUFFER_SELECT: take a buffer from sqe->buf_group (Linux 5.7).
inline constexpr uint8_t buffer_select = 1U << buffer_select_bit;
/// IOSQE_CQE_SKIP_SUCCESS: post no CQE when the request succeeds (Linux 5.17).
inline constexpr uint8_t cqe_skip_success = 1U << cqe_skip_success_bit;
}  // namespace sqe_flag

/// io_uring_setup(2) flags (params->flags).
namespace setup {
/// IORING_SETUP_IOPOLL: busy-poll completions (Linux 5.1).
inline constexpr uint32_t iopoll = 1U << 0;
/// IORING_SETUP_SQPOLL: a kernel thread polls the SQ (Linux 5.1).
inline constexpr uint32_t sqpoll = 1U << 1;
/// IORING_SETUP_SQ_AFF: params->sq_thread_cpu is valid (Linux 5.1).
inline constexpr uint32_t sq_aff = 1U << 2;
/// IORING_SETUP_CQSIZE: params->cq_entries is valid (Linux 5.5).
inline constexpr uint32_t cqsize = 1U << 3;
/// IORING_SETUP_CLAMP: clamp the sizes to the maximum (Linux 5.6).
inline constexpr uint32_t clamp = 1U << 4;
/// IORING_SETUP_ATTACH_WQ: share params->wq_fd's async backend (Linux 5.6).
inline constexpr uint32_t attach_wq = 1U << 5;
/// IORING_SETUP_R_DISABLED: start disabled (Linux 5.10).
inline constexpr uint32_t r_disabled = 1U << 6;
/// IORING_SETUP_SUBMIT_ALL: keep submitting after an error (Linux 5.18).
inline constexpr uint32_t submit_all = 1U << 7;
/// IORING_SETUP_COOP_TASKRUN: no interrupt for task work (Linux 5.19).
inline constexpr uint32_t coop_taskrun = 1U << 8;
/// IORING_SETUP_TASKRUN_FLAG: set sq_flag::taskrun when task work waits (Linux 5.19).
inline constexpr uint32_t taskrun_flag = 1U << 9;
/// IORING_SETUP_SQE128: 128-byte SQEs (Linux 5.19).
inline constexpr uint32_t sqe128 = 1U << 10;
/// IORING_SETUP_CQE32: 32-byte CQEs (Linux 5.19).
inline constexpr uint32_t cqe32 = 1U << 11;
/// IORING_SETUP_SINGLE_ISSUER: one task submits (Linux 6.0).
inline constexpr uint32_t single_issuer = 1U << 12;
/// IORING_SETUP_DEFER_TASKRUN: run task work only when waiting (Linux 6.1).
inline constexpr uint32_t defer_taskrun = 1U << 13;
/// IORING_SETUP_NO_MMAP: the caller provides the ring memory (Linux 6.5).
inline constexpr uint32_t no_mmap = 1U << 14;
/// IORING_SETUP_REGISTERED_FD_ONLY: return a registered ring index (Linux 6.5).
inline constexpr uint32_t registered_fd_only = 1U << 15;
/// IORING_SETUP_NO_SQARRAY: no SQ index array (Linux 6.6).
inline constexpr uint32_t no_sqarray = 1U << 16;
/// IORING_SETUP_HYBRID_IOPOLL: sleep before polling (Linux 6.13).
inline constexpr uint32_t hybrid_iopoll = 1U << 17;
/// IORING_SETUP_CQE_MIXED: 16- and 32-byte CQEs in one ring (Linux 6.18).
inline constexpr uint32_t cqe_mixed = 1U << 18;
/// IORING_SETUP_SQE_MIXED: 64- and 128-byte SQEs in one ring (Linux 6.19).
inline constexpr uint32_t sqe_mixed = 1U << 19;
/// IORING_SETUP_SQ_REWIND: the kernel fetches SQEs from index 0 each time (Linux 7.0).
inline constexpr uint32_t sq_rewind = 1U << 20;
}  // namespace setup

/// Request opcodes (sqe->opcode). `Op` is their type.
namespace op {
enum Op : uint8_t {
  /// IORING_OP_NOP (Linux 5.1)
  nop,
  /// IORING_OP_READV (Linux 5.1)
  readv,
  /// IORING_OP_WRITEV (Linux 5.1)
  writev,
  /// IORING_OP_FSYNC (Linux 5.1)
  fsync,
  /// IORING_OP_READ_FIXED (Linux 5.1)
  read_fixed,
  /// IORING_OP_WRITE_FIXED (Linux 5.1)
  write_fixed,
  /// IORING_OP_POLL_ADD (Linux 5.1)
  poll_add,
  /// IORING_OP_POLL_REMOVE (Linux 5.1)
  poll_remove,
  /// IORING_OP_SYNC_FILE_RANGE (Linux 5.2)
  sync_file_range,
  /// IORING_OP_SENDMSG (Linux 5.3)
  sendmsg,
  /// IORING_OP_RECVMSG (Linux 5.3)
  recvmsg,
  /// IORING_OP_TIMEOUT (Linux 5.4)
  timeout,
  /// IORING_OP_TIMEOUT_REMOVE (Linux 5.5)
  timeout_remove,
  /// IORING_OP_ACCEPT (Linux 5.5)
  accept,
  /// IORING_OP_ASYNC_CANCEL (Linux 5.5)
  async_cancel,
  /// IORING_OP_LINK_TIMEOUT (Linux 5.5)
  link_timeout,
  /// IORING_OP_CONNECT (Linux 5.5)
  connect,
  /// IORING_OP_FALLOCATE (Linux 5.6)
  fallocate,
  /// IORING_OP_OPENAT (Linux 5.6)
  openat,
  /// IORING_OP_CLOSE (Linux 5.6)
  close,
  /// IORING_OP_FILES_UPDATE (Linux 5.6)
  files_update,
  /// IORING_OP_STATX (Linux 5.6)
  statx,
  /// IORING_OP_READ (Linux 5.6)
  read,
  /// IORING_OP_WRITE (Linux 5.6)
  write,
  /// IORING_OP_FADVISE (Linux 5.6)
  fadvise,
  /// IORING_OP_MADVISE (Linux 5.6)
  madvise,
  /// IORING_OP_SEND (Linux 5.6)
  send,
  /// IORING_OP_RECV (Linux 5.6)
  recv,
  /// IORING_OP_OPENAT2 (Linux 5.6)
  openat2,
  /// IORING_OP_EPOLL_CTL (Linux 5.6)
  epoll_ctl,
  /// IORING_OP_SPLICE (Linux 5.7)
  splice,
  /// IORING_OP_PROVIDE_BUFFERS (Linux 5.7)
  provide_buffers,
  /// IORING_OP_REMOVE_BUFFERS (Linux 5.7)
  remove_buffers,
  /// IORING_OP_TEE (Linux 5.8)
  tee,
  /// IORING_OP_SHUTDOWN (Linux 5.11)
  shutdown,
  /// IORING_OP_RENAMEAT (Linux 5.11)
  renameat,
  /// IORING_OP_UNLINKAT (Linux 5.11)
  unlinkat,
  /// IORING_OP_MKDIRAT (Linux 5.15)
  mkdirat,
  /// IORING_OP_SYMLINKAT (Linux 5.15)
  symlinkat,
  /// IORING_OP_LINKAT (Linux 5.15)
  linkat,
  /// IORING_OP_MSG_RING (Linux 5.18)
  msg_ring,
  /// IORING_OP_FSETXATTR (Linux 5.19)
  fsetxattr,
  /// IORING_OP_SETXATTR (Linux 5.19)
  setxattr,
  /// IORING_OP_FGETXATTR (Linux 5.19)
  fgetxattr,
  /// IORING_OP_GETXATTR (Linux 5.19)
  getxattr,
  /// IORING_OP_SOCKET (Linux 5.19)
  socket,
  /// IORING_OP_URING_CMD (Linux 5.19)
  uring_cmd,
  /// IORING_OP_SEND_ZC (Linux 6.0)
  send_zc,
  /// IORING_OP_SENDMSG_ZC (Linux 6.1)
  sendmsg_zc,
  /// IORING_OP_READ_MULTISHOT (Linux 6.7)
  read_multishot,
  /// IORING_OP_WAITID (Linux 6.7)
  waitid,
  /// IORING_OP_FUTEX_WAIT (Linux 6.7)
  futex_wait,
  /// IORING_OP_FUTEX_WAKE (Linux 6.7)
  futex_wake,
  /// IORING_OP_FUTEX_WAITV (Linux 6.7)
  futex_waitv,
  /// IORING_OP_FIXED_FD_INSTALL (Linux 6.8)
  fixed_fd_install,
  /// IORING_OP_FTRUNCATE (Linux 6.9)
  ftruncate,
  /// IORING_OP_BIND (Linux 6.11)
  bind,
  /// IORING_OP_LISTEN (Linux 6.11)
  listen,
  /// IORING_OP_RECV_ZC (Linux 6.15)
  recv_zc,
  /// IORING_OP_EPOLL_WAIT (Linux 6.15)
  epoll_wait,
  /// IORING_OP_READV_FIXED (Linux 6.15)
  readv_fixed,
  /// IORING_OP_WRITEV_FIXED (Linux 6.15)
  writev_fixed,
  /// IORING_OP_PIPE (Linux 6.16)
  pipe,
  /// IORING_OP_NOP128 (Linux 6.19)
  nop128,
  /// IORING_OP_URING_CMD128 (Linux 6.19)
  uring_cmd128,
  /// IORING_OP_LAST: the number of opcodes
  last,
};
}  // namespace op
using op::Op;

/// sqe->uring_cmd_flags (the top 8 bits are the kernel's).
namespace uring_cmd_flag {
/// IORING_URING_CMD_FIXED: use the registered buffer sqe->buf_index (Linux 6.0).
inline constexpr uint32_t fixed = 1U << 0;
/// IORING_URING_CMD_MULTISHOT: multishot, with a selected buffer (Linux 6.18).
inline constexpr uint32_t multishot = 1U << 1;
/// IORING_URING_CMD_MASK: every flag a caller may set.
inline constexpr uint32_t mask = fixed | multishot;
}  // namespace uring_cmd_flag

/// sqe->fsync_flags.
namespace fsync_flag {
/// IORING_FSYNC_DATASYNC: fdatasync(2) semantics (Linux 5.1).
inline constexpr uint32_t datasync = 1U << 0;
}  // namespace fsync_flag

/// sqe->timeout_flags.
namespace timeout_flag {
/// IORING_TIMEOUT_ABS: the time is absolute (Linux 5.4).
inline constexpr uint32_t abs = 1U << 0;
/// IORING_TIMEOUT_UPDATE: update a pending timeout (Linux 5.11).
inline constexpr uint32_t update = 1U << 1;
/// IORING_TIMEOUT_BOOTTIME: measure on CLOCK_BOOTTIME (Linux 5.15).
inline constexpr uint32_t boottime = 1U << 2;
/// IORING_TIMEOUT_REALTIME: measure on CLOCK_REALTIME (Linux 5.15).
inline constexpr uint32_t realtime = 1U << 3;
/// IORING_LINK_TIMEOUT_UPDATE: update a pending link timeout (Linux 5.15).
inline constexpr uint32_t link_update = 1U << 4;
/// IORING_TIMEOUT_ETIME_SUCCESS: an expiry completes with res -ETIME as success (Linux 5.16).
inline constexpr uint32_t etime_success = 1U << 5;
/// IORING_TIMEOUT_MULTISHOT: fire repeatedly (Linux 6.4).
inline constexpr uint32_t multishot = 1U << 6;
/// IORING_TIMEOUT_IMMEDIATE_ARG: sqe->addr holds nanoseconds, not a pointer (Linux 6.19).
inline constexpr uint32_t immediate_arg = 1U << 7;
/// IORING_TIMEOUT_CLOCK_MASK: the clock bits.
inline constexpr uint32_t clock_mask = boottime | realtime;
/// IORING_TIMEOUT_UPDATE_MASK: the update bits.
inline constexpr uint32_t update_mask = update | link_update;
}  // namespace timeout_flag

/// sqe->splice_flags: splice(2)'s flags plus this one.
namespace splice_flag {
/// SPLICE_F_FD_IN_FIXED: sqe->splice_fd_in is a fixed file (Linux 5.7).
inline constexpr uint32_t fd_in_fixed = 1U << 31;
}  // namespace splice_flag

/// op::poll_add command flags (in sqe->len; sqe->poll32_events holds the events).
namespace poll_flag {
/// IORING_POLL_ADD_MULTI: multishot poll (Linux 5.13).
inline constexpr uint32_t add_multi = 1U << 0;
/// IORING_POLL_UPDATE_EVENTS: update the events of a poll (Linux 5.13).
inline constexpr uint32_t update_events = 1U << 1;
/// IORING_POLL_UPDATE_USER_DATA: update the user_data of a poll (Linux 5.13).
inline constexpr uint32_t update_user_data = 1U << 2;
/// IORING_POLL_ADD_LEVEL: level-triggered poll (Linux 6.0).
inline constexpr uint32_t add_level = 1U << 3;
}  // namespace poll_flag

/// sqe->cancel_flags of op::async_cancel and reg_op::sync_cancel.
namespace cancel_flag {
/// IORING_ASYNC_CANCEL_ALL: cancel every match, not the first (Linux 5.19).
inline constexpr uint32_t all = 1U << 0;
/// IORING_ASYNC_CANCEL_FD: match by file descriptor (Linux 5.19).
inline constexpr uint32_t fd = 1U << 1;
/// IORING_ASYNC_CANCEL_ANY: match any request (Linux 5.19).
inline constexpr uint32_t any = 1U << 2;
/// IORING_ASYNC_CANCEL_FD_FIXED: the fd is a fixed-file index (Linux 6.0).
inline constexpr uint32_t fd_fixed = 1U << 3;
/// IORING_ASYNC_CANCEL_USERDATA: match by user_data, with other matches (Linux 6.6).
inline constexpr uint32_t userdata = 1U << 4;
/// IORING_ASYNC_CANCEL_OP: match by opcode (Linux 6.6).
inline constexpr uint32_t op = 1U << 5;
}  // namespace cancel_flag

/// send/sendmsg and recv/recvmsg flags (in sqe->ioprio).
namespace recvsend_flag {
/// IORING_RECVSEND_POLL_FIRST: poll before trying (Linux 5.19).
inline constexpr uint16_t poll_first = 1U << 0;
/// IORING_RECV_MULTISHOT: multishot receive (Linux 6.0).
inline constexpr uint16_t recv_multishot = 1U << 1;
/// IORING_RECVSEND_FIXED_BUF: use the registered buffer sqe->buf_index (Linux 6.0).
inline constexpr uint16_t fixed_buf = 1U << 2;
/// IORING_SEND_ZC_REPORT_USAGE: report copies in the notification (Linux 6.2).
inline constexpr uint16_t send_zc_report_usage = 1U << 3;
/// IORING_RECVSEND_BUNDLE: send or receive several buffers at once (Linux 6.10).
inline constexpr uint16_t bundle = 1U << 4;
/// IORING_SEND_VECTORIZED: sqe->addr is an iovec array (Linux 6.17).
inline constexpr uint16_t send_vectorized = 1U << 5;
}  // namespace recvsend_flag

/// IORING_NOTIF_USAGE_ZC_COPIED: cqe->res bit of a zero-copy notification
/// when the data had to be copied (Linux 6.2).
inline constexpr uint32_t notif_usage_zc_copied = 1U << 31;

/// accept flags (in sqe->ioprio).
namespace accept_flag {
/// IORING_ACCEPT_MULTISHOT: multishot accept (Linux 5.19).
inline constexpr uint16_t multishot = 1U << 0;
/// IORING_ACCEPT_DONTWAIT: fail with EAGAIN instead of waiting (Linux 6.10).
inline constexpr uint16_t dontwait = 1U << 1;
/// IORING_ACCEPT_POLL_FIRST: poll before trying (Linux 6.10).
inline constexpr uint16_t poll_first = 1U << 2;
}  // namespace accept_flag

/// op::msg_ring commands (in sqe->addr).
namespace msg_ring_cmd {
/// IORING_MSG_DATA: post sqe->len as res and sqe->off as user_data (Linux 5.18).
inline constexpr uint32_t data = 0;
/// IORING_MSG_SEND_FD: install a fixed file in the target ring (Linux 6.0).
inline constexpr uint32_t send_fd = 1;
}  // namespace msg_ring_cmd

/// op::msg_ring flags (sqe->msg_ring_flags).
namespace msg_ring_flag {
/// IORING_MSG_RING_CQE_SKIP: post no CQE in the target ring (Linux 6.0).
inline constexpr uint32_t cqe_skip = 1U << 0;
/// IORING_MSG_RING_FLAGS_PASS: sqe->file_index becomes the target's cqe->flags (Linux 6.3).
inline constexpr uint32_t flags_pass = 1U << 1;
}  // namespace msg_ring_flag

/// op::fixed_fd_install flags (sqe->install_fd_flags).
namespace fixed_fd_flag {
/// IORING_FIXED_FD_NO_CLOEXEC: the installed fd is not close-on-exec (Linux 6.8).
inline constexpr uint32_t no_cloexec = 1U << 0;
}  // namespace fixed_fd_flag

/// op::nop flags (sqe->nop_flags).
namespace nop_flag {
/// IORING_NOP_INJECT_RESULT: complete with sqe->len as res (Linux 6.11).
inline constexpr uint32_t inject_result = 1U << 0;
/// IORING_NOP_FILE: look up sqe->fd (Linux 6.14).
inline constexpr uint32_t file = 1U << 1;
/// IORING_NOP_FIXED_FILE: sqe->fd is a fixed-file index (Linux 6.14).
inline constexpr uint32_t fixed_file = 1U << 2;
/// IORING_NOP_FIXED_BUFFER: look up registered buffer sqe->buf_index (Linux 6.14).
inline constexpr uint32_t fixed_buffer = 1U << 3;
/// IORING_NOP_TW: complete through task work (Linux 6.18).
inline constexpr uint32_t tw = 1U << 4;
/// IORING_NOP_CQE32: post a 32-byte CQE on a mixed ring (Linux 6.18).
inline constexpr uint32_t cqe32 = 1U << 5;
}  // namespace nop_flag

// ---------------------------------------------------------------------------
// Completion queue entry.

/// struct io_uring_cqe: one completion queue entry, 16 bytes, or 32 with
/// setup::cqe32 (the kernel's `big_cqe[]` tail; read it with big_cqe() in
/// core/cqe.h).
struct Cqe {
  uint64_t user_data;  // the SQE's user_data
  int32_t res;         // result, -errno on failure
  uint32_t flags;      // cqe_flag bits and the buffer id
};

/// cqe->flags bits.
namespace cqe_flag {
/// IORING_CQE_F_BUFFER: the upper 16 bits hold a buffer id (Linux 5.7).
inline constexpr uint32_t buffer = 1U << 0;
/// IORING_CQE_F_MORE: more CQEs follow for this request (Linux 5.13).
inline constexpr uint32_t more = 1U << 1;
/// IORING_CQE_F_SOCK_NONEMPTY: the socket has more data to read (Linux 5.19).
inline constexpr uint32_t sock_nonempty = 1U << 2;
/// IORING_CQE_F_NOTIF: a zero-copy notification (Linux 6.0).
inline constexpr uint32_t notif = 1U << 3;
/// IORING_CQE_F_BUF_MORE: the buffer was consumed in part (Linux 6.12).
inline constexpr uint32_t buf_more = 1U << 4;
/// IORING_CQE_F_SKIP: padding; ignore this CQE (Linux 6.18).
inline constexpr uint32_t skip = 1U << 5;
/// IORING_CQE_F_32: a 32-byte CQE on a setup::cqe_mixed ring (Linux 6.18).
inline constexpr uint32_t cqe32 = 1U << 15;
/// IORING_CQE_BUFFER_SHIFT: where the buffer id starts in cqe->flags.
inline constexpr uint32_t buffer_shift = 16;
/// IORING_CQE_F_TSTAMP_HW: a hardware timestamp (socket_cmd::tx_timestamp, Linux 6.17).
inline constexpr uint32_t tstamp_hw = 1U << 16;
}  // namespace cqe_flag

/// Where cqe->flags carries the timestamp kind of socket_cmd::tx_timestamp.
namespace tstamp {
/// IORING_TIMESTAMP_HW_SHIFT
inline constexpr uint32_t hw_shift = 16;
/// IORING_TIMESTAMP_TYPE_SHIFT
inline constexpr uint32_t type_shift = hw_shift + 1;
}  // namespace tstamp

/// Magic mmap offsets of the ring memory.
namespace mmap_off {
/// IORING_OFF_SQ_RING (Linux 5.1)
inline constexpr uint64_t sq_ring = 0ULL;
/// IORING_OFF_CQ_RING (Linux 5.1)
inline constexpr uint64_t cq_ring = 0x8000000ULL;
/// IORING_OFF_SQES (Linux 5.1)
inline constexpr uint64_t sqes = 0x10000000ULL;
/// IORING_OFF_PBUF_RING: a kernel-allocated buffer ring (Linux 6.4).
inline constexpr uint64_t pbuf_ring = 0x80000000ULL;
/// IORING_OFF_PBUF_SHIFT: where the group id goes in the offset.
inline constexpr uint64_t pbuf_shift = 16;
/// IORING_OFF_MMAP_MASK
inline constexpr uint64_t mmap_mask = 0xf8000000ULL;
}  // namespace mmap_off

/// struct io_sqring_offsets: where the SQ ring's fields are, filled in by
/// io_uring_setup().
struct SqOffsets {
  uint32_t head;
  uint32_t tail;
  uint32_t ring_mask;
  uint32_t ring_entries;
  uint32_t flags;
  uint32_t dropped;
  uint32_t array;
  uint32_t resv1;
  uint64_t user_addr;  // ring memory, with setup::no_mmap
};

/// The SQ ring's flags word.
namespace sq_flag {
/// IORING_SQ_NEED_WAKEUP: the SQPOLL thread sleeps (Linux 5.1).
inline constexpr uint32_t need_wakeup = 1U << 0;
/// IORING_SQ_CQ_OVERFLOW: CQEs wait in the overflow backlog (Linux 5.6).
inline constexpr uint32_t cq_overflow = 1U << 1;
/// IORING_SQ_TASKRUN: task work is pending (Linux 5.19).
inline constexpr uint32_t taskrun = 1U << 2;
}  // namespace sq_flag

/// struct io_cqring_offsets: where the CQ ring's fields are, filled in by
/// io_uring_setup().
struct CqOffsets {
  uint32_t head;
  uint32_t tail;
  uint32_t ring_mask;
  uint32_t ring_entries;
  uint32_t overflow;
  uint32_t cqes;
  uint32_t flags;
  uint32_t resv1;
  uint64_t user_addr;  // ring memory, with setup::no_mmap
};

/// The CQ ring's flags word.
namespace cq_flag {
/// IORING_CQ_EVENTFD_DISABLED: the registered eventfd is not signalled (Linux 5.8).
inline constexpr uint32_t eventfd_disabled = 1U << 0;
}  // namespace cq_flag

/// io_uring_enter(2) flags.
namespace enter {
/// IORING_ENTER_GETEVENTS: wait for min_complete CQEs (Linux 5.1).
inline constexpr uint32_t getevents = 1U << 0;
/// IORING_ENTER_SQ_WAKEUP: wake the SQPOLL thread (Linux 5.1).
inline constexpr uint32_t sq_wakeup = 1U << 1;
/// IORING_ENTER_SQ_WAIT: wait for SQ space (Linux 5.10).
inline constexpr uint32_t sq_wait = 1U << 2;
/// IORING_ENTER_EXT_ARG: the argument is a GeteventsArg (Linux 5.11).
inline constexpr uint32_t ext_arg = 1U << 3;
/// IORING_ENTER_REGISTERED_RING: fd is a registered ring index (Linux 5.18).
inline constexpr uint32_t registered_ring = 1U << 4;
/// IORING_ENTER_ABS_TIMER: the wait's timeout is absolute (Linux 6.12).
inline constexpr uint32_t abs_timer = 1U << 5;
/// IORING_ENTER_EXT_ARG_REG: the argument indexes registered waits (Linux 6.13).
inline constexpr uint32_t ext_arg_reg = 1U << 6;
/// IORING_ENTER_NO_IOWAIT: do not count the wait as iowait (Linux 6.15).
inline constexpr uint32_t no_iowait = 1U << 7;
}  // namespace enter

/// struct io_uring_params: passed to io_uring_setup(); the kernel fills in
/// the rest.
struct Params {
  uint32_t sq_entries;
  uint32_t cq_entries;
  uint32_t flags;
  uint32_t sq_thread_cpu;
  uint32_t sq_thread_idle;
  uint32_t features;
  uint32_t wq_fd;
  uint32_t resv[3];
  SqOffsets sq_off;
  CqOffsets cq_off;
};

/// params->features bits.
namespace feat {
/// IORING_FEAT_SINGLE_MMAP: one mapping holds both rings (Linux 5.4).
inline constexpr uint32_t single_mmap = 1U << 0;
/// IORING_FEAT_NODROP: no CQE is dropped on overflow (Linux 5.5).
inline constexpr uint32_t nodrop = 1U << 1;
/// IORING_FEAT_SUBMIT_STABLE: SQE data is consumed at submit (Linux 5.5).
inline constexpr uint32_t submit_stable = 1U << 2;
/// IORING_FEAT_RW_CUR_POS: offset -1 means the file position (Linux 5.6).
inline constexpr uint32_t rw_cur_pos = 1U << 3;
/// IORING_FEAT_CUR_PERSONALITY: requests run with the submitter's credentials (Linux 5.6).
inline constexpr uint32_t cur_personality = 1U << 4;
/// IORING_FEAT_FAST_POLL: internal polling instead of workers (Linux 5.7).
inline constexpr uint32_t fast_poll = 1U << 5;
/// IORING_FEAT_POLL_32BITS: 32-bit poll events (Linux 5.9).
inline constexpr uint32_t poll_32bits = 1U << 6;
/// IORING_FEAT_SQPOLL_NONFIXED: SQPOLL without registered files (Linux 5.11).
inline constexpr uint32_t sqpoll_nonfixed = 1U << 7;
/// IORING_FEAT_EXT_ARG: enter::ext_arg (Linux 5.11).
inline constexpr uint32_t ext_arg = 1U << 8;
/// IORING_FEAT_NATIVE_WORKERS: workers are threads of the process (Linux 5.12).
inline constexpr uint32_t native_workers = 1U << 9;
/// IORING_FEAT_RSRC_TAGS: resource tags (Linux 5.13).
inline constexpr uint32_t rsrc_tags = 1U << 10;
/// IORING_FEAT_CQE_SKIP: sqe_flag::cqe_skip_success (Linux 5.17).
inline constexpr uint32_t cqe_skip = 1U << 11;
/// IORING_FEAT_LINKED_FILE: linked requests open their files in order (Linux 5.17).
inline constexpr uint32_t linked_file = 1U << 12;
/// IORING_FEAT_REG_REG_RING: register operations on a registered ring (Linux 6.3).
inline constexpr uint32_t reg_reg_ring = 1U << 13;
/// IORING_FEAT_RECVSEND_BUNDLE: recvsend_flag::bundle (Linux 6.10).
inline constexpr uint32_t recvsend_bundle = 1U << 14;
/// IORING_FEAT_MIN_TIMEOUT: waits with a minimum timeout (Linux 6.12).
inline constexpr uint32_t min_timeout = 1U << 15;
/// IORING_FEAT_RW_ATTR: read/write attributes (Linux 6.14).
inline constexpr uint32_t rw_attr = 1U << 16;
/// IORING_FEAT_NO_IOWAIT: enter::no_iowait (Linux 6.15).
inline constexpr uint32_t no_iowait = 1U << 17;
}  // namespace feat

// ---------------------------------------------------------------------------
// io_uring_register(2).

/// io_uring_register(2) opcodes: the kernel's IORING_REGISTER_X is
/// reg_op::x, and its IORING_UNREGISTER_X is reg_op::unregister_x.
namespace reg_op {
/// IORING_REGISTER_BUFFERS (Linux 5.1)
inline constexpr uint32_t buffers = 0;
/// IORING_UNREGISTER_BUFFERS (Linux 5.1)
inline constexpr uint32_t unregister_buffers = 1;
/// IORING_REGISTER_FILES (Linux 5.1)
inline constexpr uint32_t files = 2;
/// IORING_UNREGISTER_FILES (Linux 5.1)
inline constexpr uint32_t unregister_files = 3;
/// IORING_REGISTER_EVENTFD (Linux 5.2)
inline constexpr uint32_t eventfd = 4;
/// IORING_UNREGISTER_EVENTFD (Linux 5.2)
inline constexpr uint32_t unregister_eventfd = 5;
/// IORING_REGISTER_FILES_UPDATE (Linux 5.5)
inline constexpr uint32_t files_update = 6;
/// IORING_REGISTER_EVENTFD_ASYNC (Linux 5.6)
inline constexpr uint32_t eventfd_async = 7;
/// IORING_REGISTER_PROBE (Linux 5.6)
inline constexpr uint32_t probe = 8;
/// IORING_REGISTER_PERSONALITY (Linux 5.6)
inline constexpr uint32_t personality = 9;
/// IORING_UNREGISTER_PERSONALITY (Linux 5.6)
inline constexpr uint32_t unregister_personality = 10;
/// IORING_REGISTER_RESTRICTIONS (Linux 5.10)
inline constexpr uint32_t restrictions = 11;
/// IORING_REGISTER_ENABLE_RINGS (Linux 5.10)
inline constexpr uint32_t enable_rings = 12;
/// IORING_REGISTER_FILES2 (Linux 5.13)
inline constexpr uint32_t files2 = 13;
/// IORING_REGISTER_FILES_UPDATE2 (Linux 5.13)
inline constexpr uint32_t files_update2 = 14;
/// IORING_REGISTER_BUFFERS2 (Linux 5.13)
inline constexpr uint32_t buffers2 = 15;
/// IORING_REGISTER_BUFFERS_UPDATE (Linux 5.13)
inline constexpr uint32_t buffers_update = 16;
/// IORING_REGISTER_IOWQ_AFF (Linux 5.14)
inline constexpr uint32_t iowq_aff = 17;
/// IORING_UNREGISTER_IOWQ_AFF (Linux 5.14)
inline constexpr uint32_t unregister_iowq_aff = 18;
/// IORING_REGISTER_IOWQ_MAX_WORKERS (Linux 5.15)
inline constexpr uint32_t iowq_max_workers = 19;
/// IORING_REGISTER_RING_FDS (Linux 5.18)
inline constexpr uint32_t ring_fds = 20;
/// IORING_UNREGISTER_RING_FDS (Linux 5.18)
inline constexpr uint32_t unregister_ring_fds = 21;
/// IORING_REGISTER_PBUF_RING (Linux 5.19)
inline constexpr uint32_t pbuf_ring = 22;
/// IORING_UNREGISTER_PBUF_RING (Linux 5.19)
inline constexpr uint32_t unregister_pbuf_ring = 23;
/// IORING_REGISTER_SYNC_CANCEL (Linux 6.0)
inline constexpr uint32_t sync_cancel = 24;
/// IORING_REGISTER_FILE_ALLOC_RANGE (Linux 6.0)
inline constexpr uint32_t file_alloc_range = 25;
/// IORING_REGISTER_PBUF_STATUS (Linux 6.8)
inline constexpr uint32_t pbuf_status = 26;
/// IORING_REGISTER_NAPI (Linux 6.9)
inline constexpr uint32_t napi = 27;
/// IORING_UNREGISTER_NAPI (Linux 6.9)
inline constexpr uint32_t unregister_napi = 28;
/// IORING_REGISTER_CLOCK (Linux 6.12)
inline constexpr uint32_t clock = 29;
/// IORING_REGISTER_CLONE_BUFFERS (Linux 6.12)
inline constexpr uint32_t clone_buffers = 30;
/// IORING_REGISTER_SEND_MSG_RING (Linux 6.13)
inline constexpr uint32_t send_msg_ring = 31;
/// IORING_REGISTER_ZCRX_IFQ (Linux 6.15)
inline constexpr uint32_t zcrx_ifq = 32;
/// IORING_REGISTER_RESIZE_RINGS (Linux 6.13)
inline constexpr uint32_t resize_rings = 33;
/// IORING_REGISTER_MEM_REGION (Linux 6.13)
inline constexpr uint32_t mem_region = 34;
/// IORING_REGISTER_QUERY (Linux 6.18)
inline constexpr uint32_t query = 35;
/// IORING_REGISTER_ZCRX_CTRL (Linux 6.19; not `zcrx_ctrl`, which is the
/// kernel's struct)
inline constexpr uint32_t zcrx_control = 36;
/// IORING_REGISTER_BPF_FILTER (Linux 7.0)
inline constexpr uint32_t bpf_filter = 37;
/// IORING_REGISTER_LAST: the number of register opcodes
inline constexpr uint32_t last = 38;
/// IORING_REGISTER_USE_REGISTERED_RING: or-ed into the opcode, the fd
/// argument is a registered ring index (Linux 6.3).
inline constexpr uint32_t use_registered_ring = 1U << 31;
/// IORING_REGISTER_FILES_SKIP: a file-table update value that leaves the
/// slot unchanged (Linux 5.12).
inline constexpr int32_t files_skip = -2;
}  // namespace reg_op

/// io-wq worker kinds (the index into reg_op::iowq_max_workers' array).
namespace iowq {
/// IO_WQ_BOUND: workers for bounded work (regular files)
inline constexpr uint32_t bound = 0;
/// IO_WQ_UNBOUND: workers for unbounded work (sockets, pipes)
inline constexpr uint32_t unbound = 1;
}  // namespace iowq

/// struct io_uring_files_update: the argument of reg_op::files_update (the old
/// form of RsrcUpdate).
struct FilesUpdate {
  uint32_t offset;
  uint32_t resv;
  alignas(8) uint64_t fds;  // int32_t array
};

/// RegionDesc->flags and MemRegionReg->flags.
namespace mem_region {
/// IORING_MEM_REGION_TYPE_USER: RegionDesc::user_addr is the caller's memory (Linux 6.13).
inline constexpr uint32_t type_user = 1;
/// IORING_MEM_REGION_REG_WAIT_ARG: the region holds RegWait entries (Linux 6.13).
inline constexpr uint64_t reg_wait_arg = 1;
}  // namespace mem_region

/// struct io_uring_region_desc: a memory region shared with the kernel
/// (rings, registered waits, zcrx).
struct RegionDesc {
  uint64_t user_addr;
  uint64_t size;
  uint32_t flags;
  uint32_t id;
  uint64_t mmap_offset;
  uint64_t resv[4];
};

/// struct io_uring_mem_region_reg: the argument of reg_op::mem_region.
struct MemRegionReg {
  uint64_t region_uptr;  // RegionDesc*
  uint64_t flags;
  uint64_t resv[2];
};

/// RsrcRegister->flags.
namespace rsrc_flag {
/// IORING_RSRC_REGISTER_SPARSE: register an all-empty (sparse) table (Linux 5.19).
inline constexpr uint32_t register_sparse = 1U << 0;
}  // namespace rsrc_flag

/// struct io_uring_rsrc_register: the argument of reg_op::files2 and reg_op::buffers2.
struct RsrcRegister {
  uint32_t nr;
  uint32_t flags;
  uint64_t resv2;
  alignas(8) uint64_t data;
  alignas(8) uint64_t tags;
};

/// struct io_uring_rsrc_update: the argument of reg_op::files_update and reg_op::ring_fds.
struct RsrcUpdate {
  uint32_t offset;
  uint32_t resv;
  alignas(8) uint64_t data;
};

/// struct io_uring_rsrc_update2: the argument of reg_op::files_update2 and
/// reg_op::buffers_update.
struct RsrcUpdate2 {
  uint32_t offset;
  uint32_t resv;
  alignas(8) uint64_t data;
  alignas(8) uint64_t tags;
  uint32_t nr;
  uint32_t resv2;
};

/// ProbeOp->flags.
namespace probe_flag {
/// IO_URING_OP_SUPPORTED: the opcode is supported (Linux 5.6).
inline constexpr uint16_t op_supported = 1U << 0;
}  // namespace probe_flag

/// struct io_uring_probe_op: one opcode of a probe.
struct ProbeOp {
  uint8_t op;
  uint8_t resv;
  uint16_t flags;  // probe_flag bits
  uint32_t resv2;
};

/// struct io_uring_probe: the head of reg_op::probe's answer, followed in memory
/// by `ops_len` ProbeOp entries (fring's Probe in core/probe.h holds both).
struct ProbeHdr {
  uint8_t last_op;  // last opcode supported
  uint8_t ops_len;  // ProbeOp entries that follow
  uint16_t resv;
  uint32_t resv2[3];
};

/// Restriction->opcode values.
namespace restriction {
/// IORING_RESTRICTION_REGISTER_OP: allow a register opcode (Linux 5.10).
inline constexpr uint16_t register_op = 0;
/// IORING_RESTRICTION_SQE_OP: allow an SQE opcode (Linux 5.10).
inline constexpr uint16_t sqe_op = 1;
/// IORING_RESTRICTION_SQE_FLAGS_ALLOWED: allow these SQE flags (Linux 5.10).
inline constexpr uint16_t sqe_flags_allowed = 2;
/// IORING_RESTRICTION_SQE_FLAGS_REQUIRED: require these SQE flags (Linux 5.10).
inline constexpr uint16_t sqe_flags_required = 3;
/// IORING_RESTRICTION_LAST: the number of restriction opcodes
inline constexpr uint16_t last = 4;
}  // namespace restriction

/// struct io_uring_restriction: one rule of reg_op::restrictions.
struct Restriction {
  uint16_t opcode;  // a restriction:: value
  union {
    uint8_t register_op;  // restriction::register_op
    uint8_t sqe_op;       // restriction::sqe_op
    uint8_t sqe_flags;    // restriction::sqe_flags_*
  };
  uint8_t resv;
  uint32_t resv2[3];
};

/// struct io_uring_task_restriction: the head of a task-wide restriction
/// set, followed by `nr_res` Restriction entries.
struct TaskRestriction {
  uint16_t flags;
  uint16_t nr_res;
  uint32_t resv[3];
};

/// struct io_uring_clock_register: the argument of reg_op::clock.
struct ClockRegister {
  uint32_t clockid;
  uint32_t resv[3];
};

/// CloneBuffers->flags.
namespace clone_flag {
/// IORING_REGISTER_SRC_REGISTERED: src_fd is a registered ring index (Linux 6.12).
inline constexpr uint32_t src_registered = 1U << 0;
/// IORING_REGISTER_DST_REPLACE: replace the destination's buffers (Linux 6.13).
inline constexpr uint32_t dst_replace = 1U << 1;
}  // namespace clone_flag

/// struct io_uring_clone_buffers: the argument of reg_op::clone_buffers.
struct CloneBuffers {
  uint32_t src_fd;
  uint32_t flags;
  uint32_t src_off;
  uint32_t dst_off;
  uint32_t nr;
  uint32_t pad[3];
};

/// struct io_uring_buf: one buffer of a provided-buffer ring.
struct Buf {
  uint64_t addr;
  uint32_t len;
  uint16_t bid;
  uint16_t resv;
};

/// struct io_uring_buf_ring: the memory of a provided-buffer ring, an array
/// of Buf whose first entry's `resv` doubles as the ring's tail (so the ring
/// needs no extra page). buf_ring_bufs() in core/buf_ring.h gives the array;
/// fring's owning handle for a registered ring is BufRing.
struct PbufRing {
  uint64_t resv1;
  uint32_t resv2;
  uint16_t resv3;
  uint16_t tail;
};

/// BufReg->flags.
namespace buf_ring_flag {
/// IOU_PBUF_RING_MMAP: the kernel allocates the ring; mmap it (Linux 6.4).
inline constexpr uint16_t mmap = 1;
/// IOU_PBUF_RING_INC: buffers may be consumed incrementally (Linux 6.12).
inline constexpr uint16_t inc = 2;
}  // namespace buf_ring_flag

/// struct io_uring_buf_reg: the argument of reg_op::pbuf_ring and
/// reg_op::unregister_pbuf_ring.
struct BufReg {
  uint64_t ring_addr;
  uint32_t ring_entries;
  uint16_t bgid;
  uint16_t flags;  // buf_ring_flag bits
  uint32_t min_left;
  uint32_t resv[5];
};

/// struct io_uring_buf_status: the argument of reg_op::pbuf_status.
struct BufStatus {
  uint32_t buf_group;  // input
  uint32_t head;       // output
  uint32_t resv[8];
};

/// Napi->opcode values (Linux 6.13).
namespace napi_op {
/// IO_URING_NAPI_REGISTER_OP: register or unregister; 0 keeps the 6.9 meaning
inline constexpr uint8_t register_op = 0;
/// IO_URING_NAPI_STATIC_ADD_ID: add op_param to the static NAPI id list
inline constexpr uint8_t static_add_id = 1;
/// IO_URING_NAPI_STATIC_DEL_ID: remove op_param from it
inline constexpr uint8_t static_del_id = 2;
}  // namespace napi_op

/// Napi->op_param values for napi_op::register_op (Linux 6.13).
namespace napi_tracking {
/// IO_URING_NAPI_TRACKING_DYNAMIC: 0 keeps the 6.9 meaning
inline constexpr uint32_t dynamic = 0;
/// IO_URING_NAPI_TRACKING_STATIC
inline constexpr uint32_t static_ = 1;
/// IO_URING_NAPI_TRACKING_INACTIVE
inline constexpr uint32_t inactive = 255;
}  // namespace napi_tracking

/// struct io_uring_napi: the argument of reg_op::napi and reg_op::unregister_napi.
/// The kernel writes the previous settings back into it (the tracking mode
/// too, from 6.13).
struct Napi {
  uint32_t busy_poll_to;  // microseconds
  uint8_t prefer_busy_poll;
  uint8_t opcode;  // a napi_op value
  uint8_t pad[2];
  uint32_t op_param;  // a napi_tracking value, or a NAPI id
  uint32_t resv;
};

/// RegWait->flags.
namespace reg_wait_flag {
/// IORING_REG_WAIT_TS: RegWait::ts is valid (Linux 6.13).
inline constexpr uint32_t ts = 1U << 0;
}  // namespace reg_wait_flag

/// struct io_uring_reg_wait: a registered wait argument (enter::ext_arg_reg
/// indexes an array of these).
struct RegWait {
  Timespec ts;
  uint32_t min_wait_usec;
  uint32_t flags;  // reg_wait_flag bits
  uint64_t sigmask;
  uint32_t sigmask_sz;
  uint32_t pad[3];
  uint64_t pad2[2];
};

/// struct io_uring_getevents_arg: the argument of io_uring_enter(2) with
/// enter::ext_arg.
struct GeteventsArg {
  uint64_t sigmask;
  uint32_t sigmask_sz;
  uint32_t min_wait_usec;
  uint64_t ts;  // Timespec*
};

/// struct io_uring_sync_cancel_reg: the argument of reg_op::sync_cancel.
struct SyncCancelReg {
  uint64_t addr;
  int32_t fd;
  uint32_t flags;  // cancel_flag bits
  Timespec timeout;
  uint8_t opcode;
  uint8_t pad[7];
  uint64_t pad2[3];
};

/// struct io_uring_file_index_range: the argument of reg_op::file_alloc_range,
/// slots [off, off + len).
struct FileIndexRange {
  uint32_t off;
  uint32_t len;
  uint64_t resv;
};

/// struct io_uring_recvmsg_out: the header the kernel writes at the start of
/// a multishot recvmsg buffer.
struct RecvmsgOut {
  uint32_t namelen;
  uint32_t controllen;
  uint32_t payloadlen;
  uint32_t flags;
};

/// op::uring_cmd commands for sockets (sqe->cmd_op).
namespace socket_cmd {
/// SOCKET_URING_OP_SIOCINQ (Linux 6.7)
inline constexpr uint32_t siocinq = 0;
/// SOCKET_URING_OP_SIOCOUTQ (Linux 6.7)
inline constexpr uint32_t siocoutq = 1;
/// SOCKET_URING_OP_GETSOCKOPT (Linux 6.7)
inline constexpr uint32_t getsockopt = 2;
/// SOCKET_URING_OP_SETSOCKOPT (Linux 6.7)
inline constexpr uint32_t setsockopt = 3;
/// SOCKET_URING_OP_TX_TIMESTAMP (Linux 6.17)
inline constexpr uint32_t tx_timestamp = 4;
/// SOCKET_URING_OP_GETSOCKNAME (Linux 6.19)
inline constexpr uint32_t getsockname = 5;
}  // namespace socket_cmd

/// struct io_timespec: a timespec with unsigned fields, as the timestamp
/// CQEs carry.
struct IoTimespec {
  uint64_t tv_sec;
  uint64_t tv_nsec;
};

// ---------------------------------------------------------------------------
// Zero-copy receive (zcrx, Linux 6.15; the kernel's
// include/uapi/linux/io_uring/zcrx.h since Linux 7.1).

/// struct io_uring_zcrx_rqe: a refill queue entry.
struct ZcrxRqe {
  uint64_t off;
  uint32_t len;
  uint32_t pad;
};

/// struct io_uring_zcrx_cqe: the second half of a 32-byte zcrx CQE.
struct ZcrxCqe {
  uint64_t off;
  uint64_t pad;
};

/// The area id bits of zcrx offsets, and ZcrxAreaReg->flags.
namespace zcrx_area {
/// IORING_ZCRX_AREA_SHIFT: the area id's first bit in an offset
inline constexpr uint32_t shift = 48;
/// IORING_ZCRX_AREA_MASK
inline constexpr uint64_t mask = ~((1ULL << shift) - 1);
/// IORING_ZCRX_AREA_DMABUF: the area is a dma-buf (Linux 6.16)
inline constexpr uint32_t dmabuf = 1;
}  // namespace zcrx_area

/// struct io_uring_zcrx_offsets: where the refill ring's fields are.
struct ZcrxOffsets {
  uint32_t head;
  uint32_t tail;
  uint32_t rqes;
  uint32_t resv2;
  uint64_t resv[2];
};

/// struct io_uring_zcrx_area_reg: the payload area of a zcrx queue.
struct ZcrxAreaReg {
  uint64_t addr;
  uint64_t len;
  uint64_t rq_area_token;
  uint32_t flags;  // zcrx_area bits
  uint32_t dmabuf_fd;
  uint64_t resv2[2];
};

/// ZcrxIfqReg->flags.
namespace zcrx_reg {
/// ZCRX_REG_IMPORT: share a zcrx exported by another ring
inline constexpr uint32_t import = 1;
/// ZCRX_REG_NODEV: no net device; every payload is copied
inline constexpr uint32_t nodev = 2;
}  // namespace zcrx_reg

/// QueryZcrx->features bits.
namespace zcrx_feature {
/// ZCRX_FEATURE_RX_PAGE_SIZE: ZcrxIfqReg::rx_buf_len chooses the page size
inline constexpr uint32_t rx_page_size = 1U << 0;
/// ZCRX_FEATURE_EVENT: events (ZcrxEventDesc)
inline constexpr uint32_t event = 1U << 1;
}  // namespace zcrx_feature

/// zcrx event types (ZcrxEventDesc::type_mask bits are 1 << type).
namespace zcrx_event {
/// ZCRX_EVENT_ALLOC_FAIL: the queue ran out of buffers
inline constexpr uint32_t alloc_fail = 0;
/// ZCRX_EVENT_COPY: a payload was copied, not received in place
inline constexpr uint32_t copy = 1;
/// __ZCRX_EVENT_TYPE_LAST: the number of event types
inline constexpr uint32_t type_last = 2;
}  // namespace zcrx_event

/// ZcrxEventDesc->flags.
namespace zcrx_event_desc_flag {
/// ZCRX_EVENT_DESC_FLAG_STATS: stats_offset locates a ZcrxStats
inline constexpr uint32_t stats = 1U << 0;
}  // namespace zcrx_event_desc_flag

/// struct zcrx_stats: copy-fallback counters.
struct ZcrxStats {
  uint64_t copy_count;  // cumulative copy-fallback CQEs
  uint64_t copy_bytes;  // cumulative bytes copied
};

/// struct zcrx_event_desc: where a zcrx queue posts events.
struct ZcrxEventDesc {
  uint64_t user_data;
  uint32_t type_mask;
  uint32_t flags;         // zcrx_event_desc_flag bits
  uint64_t stats_offset;  // from the start of the refill ring region
  uint64_t resv2[9];
};

/// struct io_uring_zcrx_ifq_reg: the argument of reg_op::zcrx_ifq.
struct ZcrxIfqReg {
  uint32_t if_idx;
  uint32_t if_rxq;
  uint32_t rq_entries;
  uint32_t flags;       // zcrx_reg bits
  uint64_t area_ptr;    // ZcrxAreaReg*
  uint64_t region_ptr;  // RegionDesc*
  ZcrxOffsets offsets;
  uint32_t zcrx_id;
  uint32_t rx_buf_len;
  uint64_t event_desc;  // ZcrxEventDesc*
  uint64_t resv[2];
};

/// ZcrxCtrl->op values (ZCRX_CTRL_*; `zcrx_ctrl_op` is the kernel's enum).
namespace zcrx_ctrl_cmd {
/// ZCRX_CTRL_FLUSH_RQ
inline constexpr uint32_t flush_rq = 0;
/// ZCRX_CTRL_EXPORT
inline constexpr uint32_t export_ = 1;
/// ZCRX_CTRL_ARM_EVENT
inline constexpr uint32_t arm_event = 2;
/// __ZCRX_CTRL_LAST: the number of control ops
inline constexpr uint32_t last = 3;
}  // namespace zcrx_ctrl_cmd

/// struct zcrx_ctrl_flush_rq
struct ZcrxCtrlFlushRq {
  uint64_t resv[6];
};

/// struct zcrx_ctrl_export
struct ZcrxCtrlExport {
  uint32_t zcrx_fd;
  uint32_t resv1[11];
};

/// struct zcrx_ctrl_arm_event
struct ZcrxCtrlArmEvent {
  uint32_t event_type;  // a zcrx_event value
  uint32_t resv[11];
};

/// struct zcrx_ctrl: the argument of reg_op::zcrx_control.
struct ZcrxCtrl {
  uint32_t zcrx_id;
  uint32_t op;  // a zcrx_ctrl_cmd value
  uint64_t resv[2];
  union {
    ZcrxCtrlExport zc_export;
    ZcrxCtrlFlushRq zc_flush;
    ZcrxCtrlArmEvent zc_arm_event;
  };
};

// ---------------------------------------------------------------------------
// The layout the kernel expects.

static_assert(sizeof(Timespec) == 16);
static_assert(sizeof(Sqe) == 64);
static_assert(offsetof(Sqe, opcode) == 0);
static_assert(offsetof(Sqe, flags) == 1);
static_assert(offsetof(Sqe, ioprio) == 2);
static_assert(offsetof(Sqe, fd) == 4);
static_assert(offsetof(Sqe, off) == 8);
static_assert(offsetof(Sqe, cmd_op) == 8);
static_assert(offsetof(Sqe, addr) == 16);
static_assert(offsetof(Sqe, optname) == 20);
static_assert(offsetof(Sqe, len) == 24);
static_assert(offsetof(Sqe, rw_flags) == 28);
static_assert(offsetof(Sqe, user_data) == 32);
static_assert(offsetof(Sqe, buf_index) == 40);
static_assert(offsetof(Sqe, personality) == 42);
static_assert(offsetof(Sqe, file_index) == 44);
static_assert(offsetof(Sqe, write_stream) == 44);
static_assert(offsetof(Sqe, addr3) == 48);
static_assert(offsetof(Sqe, attr_type_mask) == 56);
static_assert(sizeof(AttrPi) == 32);
static_assert(sizeof(Cqe) == 16);
static_assert(offsetof(Cqe, res) == 8);
static_assert(offsetof(Cqe, flags) == 12);
static_assert(sizeof(SqOffsets) == 40);
static_assert(sizeof(CqOffsets) == 40);
static_assert(sizeof(Params) == 120);
static_assert(offsetof(Params, features) == 20);
static_assert(offsetof(Params, wq_fd) == 24);
static_assert(offsetof(Params, sq_off) == 40);
static_assert(offsetof(Params, cq_off) == 80);
static_assert(mmap_off::cq_ring == 0x8000000ULL);
static_assert(mmap_off::sqes == 0x10000000ULL);
static_assert(op::last == 65);
static_assert(reg_op::last == 38);
static_assert(sizeof(FilesUpdate) == 16);
static_assert(sizeof(RegionDesc) == 64);
static_assert(sizeof(MemRegionReg) == 32);
static_assert(sizeof(RsrcRegister) == 32);
static_assert(sizeof(RsrcUpdate) == 16);
static_assert(sizeof(RsrcUpdate2) == 32);
static_assert(sizeof(ProbeOp) == 8);
static_assert(sizeof(ProbeHdr) == 16);
static_assert(sizeof(Restriction) == 16);
static_assert(sizeof(TaskRestriction) == 16);
static_assert(sizeof(ClockRegister) == 16);
static_assert(sizeof(CloneBuffers) == 32);
static_assert(sizeof(Buf) == 16);
static_assert(sizeof(PbufRing) == sizeof(Buf));
static_assert(offsetof(PbufRing, tail) == offsetof(Buf, resv));
static_assert(sizeof(BufReg) == 40);
static_assert(sizeof(BufStatus) == 40);
static_assert(sizeof(Napi) == 16);
static_assert(offsetof(Napi, op_param) == 8);
static_assert(sizeof(RegWait) == 64);
static_assert(sizeof(GeteventsArg) == 24);
static_assert(sizeof(SyncCancelReg) == 64);
static_assert(sizeof(FileIndexRange) == 16);
static_assert(sizeof(RecvmsgOut) == 16);
static_assert(sizeof(IoTimespec) == 16);
static_assert(sizeof(ZcrxRqe) == 16);
static_assert(sizeof(ZcrxCqe) == 16);
static_assert(sizeof(ZcrxOffsets) == 32);
static_assert(sizeof(ZcrxAreaReg) == 48);
static_assert(sizeof(ZcrxStats) == 16);
static_assert(sizeof(ZcrxEventDesc) == 96);
static_assert(sizeof(ZcrxIfqReg) == 96);
static_assert(sizeof(ZcrxCtrl) == 72);

}  // namespace fring

#endif  // FRING_CORE_UAPI_IO_URING_H
