// SPDX-License-Identifier: MIT
// Printable names of the io_uring opcodes and register operations, so that
// programs without libc can log what they submit ("READ", "REGISTER_PROBE").
#ifndef FRING_CORE_UAPI_NAMES_H
#define FRING_CORE_UAPI_NAMES_H

#include "fring/core/uapi/io_uring.h"

namespace fring {

/// The name of opcode `op` without its IORING_OP_ prefix ("READ"), or "?"
/// for a number past op::last. No liburing equivalent. Any kernel.
constexpr const char* op_name(unsigned op) noexcept {
  constexpr const char* kNames[] = {
      "NOP",
      "READV",
      "WRITEV",
      "FSYNC",
      "READ_FIXED",
      "WRITE_FIXED",
      "POLL_ADD",
      "POLL_REMOVE",
      "SYNC_FILE_RANGE",
      "SENDMSG",
      "RECVMSG",
      "TIMEOUT",
      "TIMEOUT_REMOVE",
      "ACCEPT",
      "ASYNC_CANCEL",
      "LINK_TIMEOUT",
      "CONNECT",
      "FALLOCATE",
      "OPENAT",
      "CLOSE",
      "FILES_UPDATE",
      "STATX",
      "READ",
      "WRITE",
      "FADVISE",
      "MADVISE",
      "SEND",
      "RECV",
      "OPENAT2",
      "EPOLL_CTL",
      "SPLICE",
      "PROVIDE_BUFFERS",
      "REMOVE_BUFFERS",
      "TEE",
      "SHUTDOWN",
      "RENAMEAT",
      "UNLINKAT",
      "MKDIRAT",
      "SYMLINKAT",
      "LINKAT",
      "MSG_RING",
      "FSETXATTR",
      "SETXATTR",
      "FGETXATTR",
      "GETXATTR",
      "SOCKET",
      "URING_CMD",
      "SEND_ZC",
      "SENDMSG_ZC",
      "READ_MULTISHOT",
      "WAITID",
      "FUTEX_WAIT",
      "FUTEX_WAKE",
      "FUTEX_WAITV",
      "FIXED_FD_INSTALL",
      "FTRUNCATE",
      "BIND",
      "LISTEN",
      "RECV_ZC",
      "EPOLL_WAIT",
      "READV_FIXED",
      "WRITEV_FIXED",
      "PIPE",
      "NOP128",
      "URING_CMD128",
  };
  static_assert(sizeof(kNames) / sizeof(kNames[0]) == op::last);
  return op < op::last ? kNames[op] : "?";
}

/// The name of register operation `op` without its IORING_ prefix
/// ("REGISTER_PROBE"), or "?" past reg_op::last. No liburing
/// equivalent. Any kernel.
constexpr const char* register_op_name(unsigned op) noexcept {
  constexpr const char* kNames[] = {
      "REGISTER_BUFFERS",       "UNREGISTER_BUFFERS",        "REGISTER_FILES",
      "UNREGISTER_FILES",       "REGISTER_EVENTFD",          "UNREGISTER_EVENTFD",
      "REGISTER_FILES_UPDATE",  "REGISTER_EVENTFD_ASYNC",    "REGISTER_PROBE",
      "REGISTER_PERSONALITY",   "UNREGISTER_PERSONALITY",    "REGISTER_RESTRICTIONS",
      "REGISTER_ENABLE_RINGS",  "REGISTER_FILES2",           "REGISTER_FILES_UPDATE2",
      "REGISTER_BUFFERS2",      "REGISTER_BUFFERS_UPDATE",   "REGISTER_IOWQ_AFF",
      "UNREGISTER_IOWQ_AFF",    "REGISTER_IOWQ_MAX_WORKERS", "REGISTER_RING_FDS",
      "UNREGISTER_RING_FDS",    "REGISTER_PBUF_RING",        "UNREGISTER_PBUF_RING",
      "REGISTER_SYNC_CANCEL",   "REGISTER_FILE_ALLOC_RANGE", "REGISTER_PBUF_STATUS",
      "REGISTER_NAPI",          "UNREGISTER_NAPI",           "REGISTER_CLOCK",
      "REGISTER_CLONE_BUFFERS", "REGISTER_SEND_MSG_RING",    "REGISTER_ZCRX_IFQ",
      "REGISTER_RESIZE_RINGS",  "REGISTER_MEM_REGION",       "REGISTER_QUERY",
      "REGISTER_ZCRX_CTRL",     "REGISTER_BPF_FILTER",
  };
  static_assert(sizeof(kNames) / sizeof(kNames[0]) == reg_op::last);
  return op < reg_op::last ? kNames[op] : "?";
}

}  // namespace fring

#endif  // FRING_CORE_UAPI_NAMES_H
