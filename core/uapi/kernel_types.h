// SPDX-License-Identifier: MIT
// Kernel ABI structs that io_uring requests point to but that live outside
// io_uring.h: iovec, socket addresses and messages, open_how, statx,
// epoll_event, futex_waitv, sock_filter (siginfo is the syscall layer's,
// fring/syscall/abi/signal.h). Type names are fring's own TitleCase ones
// so they never collide with libc's; layouts match the kernel's on x86_64,
// aarch64 and riscv64 (all LP64) and are pinned here. fring's helpers take them as KernelPtr<K>
// (core/uapi/kernel_ptr.h), so a hosted program passes libc's own structs.
#ifndef FRING_CORE_UAPI_KERNEL_TYPES_H
#define FRING_CORE_UAPI_KERNEL_TYPES_H

#include <stddef.h>
#include <stdint.h>

#include "fring/syscall/abi/signal.h"  // Siginfo, which op::waitid fills in

namespace fring {

/// struct iovec (linux/uio.h): one buffer of a vectored request.
struct Iovec {
  void* iov_base;
  size_t iov_len;
};

/// struct sockaddr (linux/socket.h): the generic socket address header.
struct Sockaddr {
  uint16_t sa_family;
  char sa_data[14];
};

/// struct sockaddr_in (linux/in.h): an IPv4 address; port and address in
/// network byte order.
struct SockaddrIn {
  uint16_t sin_family;
  uint16_t sin_port;
  uint32_t sin_addr;
  uint8_t pad[8];  // sin_zero (a macro of linux/in.h)
};

/// struct sockaddr_in6 (linux/in6.h): an IPv6 address.
struct SockaddrIn6 {
  uint16_t sin6_family;
  uint16_t sin6_port;
  uint32_t sin6_flowinfo;
  uint8_t sin6_addr[16];
  uint32_t sin6_scope_id;
};

/// struct sockaddr_un (linux/un.h): a Unix-domain socket path.
struct SockaddrUn {
  uint16_t sun_family;
  char sun_path[108];
};

/// struct msghdr: the message of sendmsg/recvmsg (the kernel calls it
/// user_msghdr; glibc's msghdr has its layout).
struct Msghdr {
  void* msg_name;
  int32_t msg_namelen;
  Iovec* msg_iov;
  size_t msg_iovlen;
  void* msg_control;
  size_t msg_controllen;
  uint32_t msg_flags;
};

/// struct cmsghdr (linux/socket.h): a control message header.
struct Cmsghdr {
  size_t cmsg_len;
  int32_t cmsg_level;
  int32_t cmsg_type;
};

/// struct open_how (linux/openat2.h): the argument of openat2.
struct OpenHow {
  uint64_t flags;
  uint64_t mode;
  uint64_t resolve;
};

/// struct statx_timestamp (linux/stat.h).
struct StatxTimestamp {
  int64_t tv_sec;
  uint32_t tv_nsec;
  int32_t reserved;
};

/// struct statx (linux/stat.h), 256 bytes; the fields after
/// stx_dio_offset_align that newer kernels fill in are left in spare3.
struct Statx {
  uint32_t stx_mask;
  uint32_t stx_blksize;
  uint64_t stx_attributes;
  uint32_t stx_nlink;
  uint32_t stx_uid;
  uint32_t stx_gid;
  uint16_t stx_mode;
  uint16_t spare0;
  uint64_t stx_ino;
  uint64_t stx_size;
  uint64_t stx_blocks;
  uint64_t stx_attributes_mask;
  StatxTimestamp stx_atime;
  StatxTimestamp stx_btime;
  StatxTimestamp stx_ctime;
  StatxTimestamp stx_mtime;
  uint32_t stx_rdev_major;
  uint32_t stx_rdev_minor;
  uint32_t stx_dev_major;
  uint32_t stx_dev_minor;
  uint64_t stx_mnt_id;
  uint32_t stx_dio_mem_align;
  uint32_t stx_dio_offset_align;
  uint64_t spare3[12];
};

/// struct epoll_event (linux/eventpoll.h): packed on x86_64 only, as in the
/// kernel (12 bytes there, 16 elsewhere).
#if defined(__x86_64__)
struct __attribute__((packed)) EpollEvent {
#else
struct EpollEvent {
#endif
  uint32_t events;
  uint64_t data;
};

/// struct futex_waitv (linux/futex.h): one futex of a FUTEX_WAITV.
struct FutexWaitv {
  uint64_t val;
  uint64_t uaddr;
  uint32_t flags;
  uint32_t reserved;
};

/// struct sock_filter (linux/filter.h): one classic BPF instruction, as
/// reg_op::bpf_filter programs are written.
struct SockFilter {
  uint16_t code;
  uint8_t jt;
  uint8_t jf;
  uint32_t k;
};

static_assert(sizeof(Iovec) == 16);
static_assert(offsetof(Iovec, iov_len) == 8);
static_assert(sizeof(Sockaddr) == 16);
static_assert(sizeof(SockaddrIn) == 16);
static_assert(offsetof(SockaddrIn, sin_addr) == 4);
static_assert(sizeof(SockaddrIn6) == 28);
static_assert(sizeof(SockaddrUn) == 110);
static_assert(sizeof(Msghdr) == 56);
static_assert(offsetof(Msghdr, msg_iov) == 16);
static_assert(offsetof(Msghdr, msg_flags) == 48);
static_assert(sizeof(Cmsghdr) == 16);
static_assert(sizeof(OpenHow) == 24);
static_assert(sizeof(StatxTimestamp) == 16);
static_assert(sizeof(Statx) == 256);
static_assert(offsetof(Statx, stx_size) == 40);
static_assert(offsetof(Statx, stx_mtime) == 112);
static_assert(offsetof(Statx, stx_mnt_id) == 144);
#if defined(__x86_64__)
static_assert(sizeof(EpollEvent) == 12);
#else
static_assert(sizeof(EpollEvent) == 16);
#endif
static_assert(sizeof(FutexWaitv) == 24);
static_assert(sizeof(SockFilter) == 8);

}  // namespace fring

#endif  // FRING_CORE_UAPI_KERNEL_TYPES_H
