// SPDX-License-Identifier: MIT
// The UAPI layer against the kernel's own header: every constant and struct
// layout that this machine's <linux/io_uring.h> (Debian 12: Linux 6.1) also
// defines must agree with fring's, and so must the struct sizes. No io_uring
// call is made.
//
// The kernel's header comes first (fring itself never reads it) and its
// values are captured before fring is included: fring then redefines the
// header's macros as fring's own names (core/uapi/linux_header.h), after
// which they could only be compared with themselves.
#include <linux/io_uring.h>
#include <stddef.h>

// Every name below exists in fring and in both Linux 6.1 UAPI headers Debian 12
// ships (6.1.187 for amd64, 6.1.4 in linux-libc-dev-arm64-cross).
#define FRING_SHARED_UAPI_NAMES(X) \
  X(IORING_ACCEPT_MULTISHOT) \
  X(IORING_ASYNC_CANCEL_ALL) \
  X(IORING_ASYNC_CANCEL_ANY) \
  X(IORING_ASYNC_CANCEL_FD) \
  X(IORING_ASYNC_CANCEL_FD_FIXED) \
  X(IORING_CQE_BUFFER_SHIFT) \
  X(IORING_CQE_F_BUFFER) \
  X(IORING_CQE_F_MORE) \
  X(IORING_CQE_F_NOTIF) \
  X(IORING_CQE_F_SOCK_NONEMPTY) \
  X(IORING_CQ_EVENTFD_DISABLED) \
  X(IORING_ENTER_EXT_ARG) \
  X(IORING_ENTER_GETEVENTS) \
  X(IORING_ENTER_REGISTERED_RING) \
  X(IORING_ENTER_SQ_WAIT) \
  X(IORING_ENTER_SQ_WAKEUP) \
  X(IORING_FEAT_CQE_SKIP) \
  X(IORING_FEAT_CUR_PERSONALITY) \
  X(IORING_FEAT_EXT_ARG) \
  X(IORING_FEAT_FAST_POLL) \
  X(IORING_FEAT_LINKED_FILE) \
  X(IORING_FEAT_NATIVE_WORKERS) \
  X(IORING_FEAT_NODROP) \
  X(IORING_FEAT_POLL_32BITS) \
  X(IORING_FEAT_RSRC_TAGS) \
  X(IORING_FEAT_RW_CUR_POS) \
  X(IORING_FEAT_SINGLE_MMAP) \
  X(IORING_FEAT_SQPOLL_NONFIXED) \
  X(IORING_FEAT_SUBMIT_STABLE) \
  X(IORING_FILE_INDEX_ALLOC) \
  X(IORING_FSYNC_DATASYNC) \
  X(IORING_LINK_TIMEOUT_UPDATE) \
  X(IORING_MSG_DATA) \
  X(IORING_MSG_RING_CQE_SKIP) \
  X(IORING_MSG_SEND_FD) \
  X(IORING_NOTIF_USAGE_ZC_COPIED) \
  X(IORING_OFF_CQ_RING) \
  X(IORING_OFF_SQES) \
  X(IORING_OFF_SQ_RING) \
  X(IORING_OP_ACCEPT) \
  X(IORING_OP_ASYNC_CANCEL) \
  X(IORING_OP_CLOSE) \
  X(IORING_OP_CONNECT) \
  X(IORING_OP_EPOLL_CTL) \
  X(IORING_OP_FADVISE) \
  X(IORING_OP_FALLOCATE) \
  X(IORING_OP_FGETXATTR) \
  X(IORING_OP_FILES_UPDATE) \
  X(IORING_OP_FSETXATTR) \
  X(IORING_OP_FSYNC) \
  X(IORING_OP_GETXATTR) \
  X(IORING_OP_LINKAT) \
  X(IORING_OP_LINK_TIMEOUT) \
  X(IORING_OP_MADVISE) \
  X(IORING_OP_MKDIRAT) \
  X(IORING_OP_MSG_RING) \
  X(IORING_OP_NOP) \
  X(IORING_OP_OPENAT) \
  X(IORING_OP_OPENAT2) \
  X(IORING_OP_POLL_ADD) \
  X(IORING_OP_POLL_REMOVE) \
  X(IORING_OP_PROVIDE_BUFFERS) \
  X(IORING_OP_READ) \
  X(IORING_OP_READV) \
  X(IORING_OP_READ_FIXED) \
  X(IORING_OP_RECV) \
  X(IORING_OP_RECVMSG) \
  X(IORING_OP_REMOVE_BUFFERS) \
  X(IORING_OP_RENAMEAT) \
  X(IORING_OP_SEND) \
  X(IORING_OP_SENDMSG) \
  X(IORING_OP_SENDMSG_ZC) \
  X(IORING_OP_SEND_ZC) \
  X(IORING_OP_SETXATTR) \
  X(IORING_OP_SHUTDOWN) \
  X(IORING_OP_SOCKET) \
  X(IORING_OP_SPLICE) \
  X(IORING_OP_STATX) \
  X(IORING_OP_SYMLINKAT) \
  X(IORING_OP_SYNC_FILE_RANGE) \
  X(IORING_OP_TEE) \
  X(IORING_OP_TIMEOUT) \
  X(IORING_OP_TIMEOUT_REMOVE) \
  X(IORING_OP_UNLINKAT) \
  X(IORING_OP_URING_CMD) \
  X(IORING_OP_WRITE) \
  X(IORING_OP_WRITEV) \
  X(IORING_OP_WRITE_FIXED) \
  X(IORING_POLL_ADD_LEVEL) \
  X(IORING_POLL_ADD_MULTI) \
  X(IORING_POLL_UPDATE_EVENTS) \
  X(IORING_POLL_UPDATE_USER_DATA) \
  X(IORING_RECVSEND_FIXED_BUF) \
  X(IORING_RECVSEND_POLL_FIRST) \
  X(IORING_RECV_MULTISHOT) \
  X(IORING_REGISTER_BUFFERS) \
  X(IORING_REGISTER_BUFFERS2) \
  X(IORING_REGISTER_BUFFERS_UPDATE) \
  X(IORING_REGISTER_ENABLE_RINGS) \
  X(IORING_REGISTER_EVENTFD) \
  X(IORING_REGISTER_EVENTFD_ASYNC) \
  X(IORING_REGISTER_FILES) \
  X(IORING_REGISTER_FILES2) \
  X(IORING_REGISTER_FILES_SKIP) \
  X(IORING_REGISTER_FILES_UPDATE) \
  X(IORING_REGISTER_FILES_UPDATE2) \
  X(IORING_REGISTER_FILE_ALLOC_RANGE) \
  X(IORING_REGISTER_IOWQ_AFF) \
  X(IORING_REGISTER_IOWQ_MAX_WORKERS) \
  X(IORING_REGISTER_PBUF_RING) \
  X(IORING_REGISTER_PERSONALITY) \
  X(IORING_REGISTER_PROBE) \
  X(IORING_REGISTER_RESTRICTIONS) \
  X(IORING_REGISTER_RING_FDS) \
  X(IORING_REGISTER_SYNC_CANCEL) \
  X(IORING_RESTRICTION_REGISTER_OP) \
  X(IORING_RESTRICTION_SQE_FLAGS_ALLOWED) \
  X(IORING_RESTRICTION_SQE_FLAGS_REQUIRED) \
  X(IORING_RESTRICTION_SQE_OP) \
  X(IORING_RSRC_REGISTER_SPARSE) \
  X(IORING_SEND_ZC_REPORT_USAGE) \
  X(IORING_SETUP_ATTACH_WQ) \
  X(IORING_SETUP_CLAMP) \
  X(IORING_SETUP_COOP_TASKRUN) \
  X(IORING_SETUP_CQE32) \
  X(IORING_SETUP_CQSIZE) \
  X(IORING_SETUP_DEFER_TASKRUN) \
  X(IORING_SETUP_IOPOLL) \
  X(IORING_SETUP_R_DISABLED) \
  X(IORING_SETUP_SINGLE_ISSUER) \
  X(IORING_SETUP_SQE128) \
  X(IORING_SETUP_SQPOLL) \
  X(IORING_SETUP_SQ_AFF) \
  X(IORING_SETUP_SUBMIT_ALL) \
  X(IORING_SETUP_TASKRUN_FLAG) \
  X(IORING_SQ_CQ_OVERFLOW) \
  X(IORING_SQ_NEED_WAKEUP) \
  X(IORING_SQ_TASKRUN) \
  X(IORING_TIMEOUT_ABS) \
  X(IORING_TIMEOUT_BOOTTIME) \
  X(IORING_TIMEOUT_CLOCK_MASK) \
  X(IORING_TIMEOUT_ETIME_SUCCESS) \
  X(IORING_TIMEOUT_REALTIME) \
  X(IORING_TIMEOUT_UPDATE) \
  X(IORING_TIMEOUT_UPDATE_MASK) \
  X(IORING_UNREGISTER_BUFFERS) \
  X(IORING_UNREGISTER_EVENTFD) \
  X(IORING_UNREGISTER_FILES) \
  X(IORING_UNREGISTER_IOWQ_AFF) \
  X(IORING_UNREGISTER_PBUF_RING) \
  X(IORING_UNREGISTER_PERSONALITY) \
  X(IORING_UNREGISTER_RING_FDS) \
  X(IORING_URING_CMD_FIXED) \
  X(IOSQE_ASYNC) \
  X(IOSQE_ASYNC_BIT) \
  X(IOSQE_BUFFER_SELECT) \
  X(IOSQE_BUFFER_SELECT_BIT) \
  X(IOSQE_CQE_SKIP_SUCCESS) \
  X(IOSQE_CQE_SKIP_SUCCESS_BIT) \
  X(IOSQE_FIXED_FILE) \
  X(IOSQE_FIXED_FILE_BIT) \
  X(IOSQE_IO_DRAIN) \
  X(IOSQE_IO_DRAIN_BIT) \
  X(IOSQE_IO_HARDLINK) \
  X(IOSQE_IO_HARDLINK_BIT) \
  X(IOSQE_IO_LINK) \
  X(IOSQE_IO_LINK_BIT) \
  X(IO_URING_OP_SUPPORTED) \
  X(SPLICE_F_FD_IN_FIXED) \

#define FRING_CAPTURE(name) constexpr long long kernel_##name = static_cast<long long>(name);
FRING_SHARED_UAPI_NAMES(FRING_CAPTURE)
#undef FRING_CAPTURE

#include "fring/core/uapi/bpf_filter.h"
#include "fring/core/uapi/io_uring.h"
#include "fring/core/uapi/query.h"
#include "tests/support/fring_test.h"

namespace {

#define FRING_SAME(name) static_assert(kernel_##name == static_cast<long long>(fring::name), #name);
FRING_SHARED_UAPI_NAMES(FRING_SAME)
#undef FRING_SAME

#define FRING_SAME_LAYOUT(type, field)                                           \
  static_assert(offsetof(fring::type, field) == offsetof(::type, field), #type); \
  static_assert(sizeof(fring::type::field) == sizeof(::type::field), #type);

FRING_SAME_LAYOUT(io_uring_sqe, opcode)
FRING_SAME_LAYOUT(io_uring_sqe, flags)
FRING_SAME_LAYOUT(io_uring_sqe, ioprio)
FRING_SAME_LAYOUT(io_uring_sqe, fd)
FRING_SAME_LAYOUT(io_uring_sqe, off)
FRING_SAME_LAYOUT(io_uring_sqe, addr2)
FRING_SAME_LAYOUT(io_uring_sqe, addr)
FRING_SAME_LAYOUT(io_uring_sqe, splice_off_in)
FRING_SAME_LAYOUT(io_uring_sqe, len)
FRING_SAME_LAYOUT(io_uring_sqe, rw_flags)
FRING_SAME_LAYOUT(io_uring_sqe, poll32_events)
FRING_SAME_LAYOUT(io_uring_sqe, msg_ring_flags)
FRING_SAME_LAYOUT(io_uring_sqe, user_data)
FRING_SAME_LAYOUT(io_uring_sqe, buf_index)
FRING_SAME_LAYOUT(io_uring_sqe, buf_group)
FRING_SAME_LAYOUT(io_uring_sqe, personality)
FRING_SAME_LAYOUT(io_uring_sqe, splice_fd_in)
FRING_SAME_LAYOUT(io_uring_sqe, file_index)
FRING_SAME_LAYOUT(io_uring_sqe, addr_len)
FRING_SAME_LAYOUT(io_uring_sqe, addr3)
FRING_SAME_LAYOUT(io_uring_cqe, user_data)
FRING_SAME_LAYOUT(io_uring_cqe, res)
FRING_SAME_LAYOUT(io_uring_cqe, flags)
FRING_SAME_LAYOUT(io_sqring_offsets, array)
FRING_SAME_LAYOUT(io_cqring_offsets, overflow)
FRING_SAME_LAYOUT(io_cqring_offsets, cqes)
FRING_SAME_LAYOUT(io_cqring_offsets, flags)
FRING_SAME_LAYOUT(io_uring_params, sq_thread_idle)
FRING_SAME_LAYOUT(io_uring_params, features)
FRING_SAME_LAYOUT(io_uring_params, wq_fd)
FRING_SAME_LAYOUT(io_uring_params, sq_off)
FRING_SAME_LAYOUT(io_uring_params, cq_off)
FRING_SAME_LAYOUT(io_uring_files_update, fds)
FRING_SAME_LAYOUT(io_uring_rsrc_register, data)
FRING_SAME_LAYOUT(io_uring_rsrc_register, tags)
FRING_SAME_LAYOUT(io_uring_rsrc_update, data)
FRING_SAME_LAYOUT(io_uring_rsrc_update2, tags)
FRING_SAME_LAYOUT(io_uring_rsrc_update2, nr)
FRING_SAME_LAYOUT(io_uring_probe_op, flags)
FRING_SAME_LAYOUT(io_uring_probe, ops_len)
FRING_SAME_LAYOUT(io_uring_restriction, sqe_op)
FRING_SAME_LAYOUT(io_uring_buf, bid)
FRING_SAME_LAYOUT(io_uring_buf_ring, tail)
FRING_SAME_LAYOUT(io_uring_buf_reg, bgid)
FRING_SAME_LAYOUT(io_uring_getevents_arg, ts)
FRING_SAME_LAYOUT(io_uring_sync_cancel_reg, timeout)
FRING_SAME_LAYOUT(io_uring_file_index_range, len)
FRING_SAME_LAYOUT(io_uring_recvmsg_out, flags)
#undef FRING_SAME_LAYOUT

}  // namespace

TEST_CASE("struct sizes match <linux/io_uring.h>") {
  // The offsets are checked above at compile time; Zig's test 1 checks
  // fring's own values (tests/conformance/ring.cc).
  CHECK(sizeof(fring::Sqe) == sizeof(::io_uring_sqe));
  CHECK(sizeof(fring::Cqe) == sizeof(::io_uring_cqe));
  CHECK(sizeof(fring::Params) == sizeof(::io_uring_params));
}

TEST_CASE("newest UAPI counts") {
  // Linux 7.2: 65 opcodes (0..64), 38 register ops (0..37), 4 query ops.
  CHECK(fring::IORING_OP_LAST == 65);
  CHECK(fring::IORING_OP_NOP128 == 63);
  CHECK(fring::IORING_OP_URING_CMD128 == 64);
  CHECK(fring::IORING_REGISTER_LAST == 38);
  CHECK(fring::IORING_REGISTER_BPF_FILTER == 37);
  CHECK(fring::__IO_URING_QUERY_MAX == 4);
  CHECK(fring::IORING_SETUP_SQ_REWIND == 1U << 20);
  CHECK(fring::IORING_FEAT_NO_IOWAIT == 1U << 17);
  CHECK(fring::IORING_ENTER_NO_IOWAIT == 1U << 7);
}
