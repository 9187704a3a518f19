// SPDX-License-Identifier: MIT
// fring's own copies of the kernel structs outside io_uring.h have the same
// layout as libc's and the kernel headers', which fring's helpers therefore
// take as they are (KernelPtr, tests/interop_test.cc). No io_uring call is made.
#include <linux/filter.h>
#include <linux/futex.h>
#include <linux/openat2.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/un.h>

#include <cstddef>

#include "tests/support/fring_test.h"

#define FRING_SAME_SIZE(ours, theirs) static_assert(sizeof(fring::ours) == sizeof(theirs), #ours)
#define FRING_SAME_OFFSET(ours, theirs, a, b) \
  static_assert(offsetof(fring::ours, a) == offsetof(theirs, b), #ours "." #a)

FRING_SAME_SIZE(Iovec, struct iovec);
FRING_SAME_OFFSET(Iovec, struct iovec, iov_len, iov_len);
FRING_SAME_SIZE(Sockaddr, struct sockaddr);
FRING_SAME_SIZE(SockaddrIn, struct sockaddr_in);
FRING_SAME_OFFSET(SockaddrIn, struct sockaddr_in, sin_port, sin_port);
FRING_SAME_OFFSET(SockaddrIn, struct sockaddr_in, sin_addr, sin_addr);
FRING_SAME_SIZE(SockaddrIn6, struct sockaddr_in6);
FRING_SAME_OFFSET(SockaddrIn6, struct sockaddr_in6, sin6_addr, sin6_addr);
FRING_SAME_OFFSET(SockaddrIn6, struct sockaddr_in6, sin6_scope_id, sin6_scope_id);
FRING_SAME_SIZE(SockaddrUn, struct sockaddr_un);
FRING_SAME_SIZE(Msghdr, struct msghdr);
FRING_SAME_OFFSET(Msghdr, struct msghdr, msg_namelen, msg_namelen);
FRING_SAME_OFFSET(Msghdr, struct msghdr, msg_iov, msg_iov);
FRING_SAME_OFFSET(Msghdr, struct msghdr, msg_iovlen, msg_iovlen);
FRING_SAME_OFFSET(Msghdr, struct msghdr, msg_control, msg_control);
FRING_SAME_OFFSET(Msghdr, struct msghdr, msg_controllen, msg_controllen);
FRING_SAME_OFFSET(Msghdr, struct msghdr, msg_flags, msg_flags);
FRING_SAME_SIZE(Cmsghdr, struct cmsghdr);
FRING_SAME_OFFSET(Cmsghdr, struct cmsghdr, cmsg_type, cmsg_type);
FRING_SAME_SIZE(OpenHow, struct open_how);
FRING_SAME_OFFSET(OpenHow, struct open_how, resolve, resolve);
FRING_SAME_SIZE(Statx, struct statx);
FRING_SAME_OFFSET(Statx, struct statx, stx_mode, stx_mode);
FRING_SAME_OFFSET(Statx, struct statx, stx_size, stx_size);
FRING_SAME_OFFSET(Statx, struct statx, stx_mtime, stx_mtime);
FRING_SAME_OFFSET(Statx, struct statx, stx_dev_minor, stx_dev_minor);
FRING_SAME_SIZE(EpollEvent, struct epoll_event);
FRING_SAME_OFFSET(EpollEvent, struct epoll_event, data, data);
FRING_SAME_SIZE(FutexWaitv, struct futex_waitv);
FRING_SAME_OFFSET(FutexWaitv, struct futex_waitv, uaddr, uaddr);
FRING_SAME_OFFSET(FutexWaitv, struct futex_waitv, flags, flags);
FRING_SAME_SIZE(SockFilter, struct sock_filter);
FRING_SAME_OFFSET(SockFilter, struct sock_filter, k, k);
FRING_SAME_SIZE(Siginfo, siginfo_t);
FRING_SAME_OFFSET(Siginfo, siginfo_t, si_code, si_code);
FRING_SAME_OFFSET(Siginfo, siginfo_t, sigchld.pid, si_pid);
FRING_SAME_OFFSET(Siginfo, siginfo_t, sigchld.uid, si_uid);
FRING_SAME_OFFSET(Siginfo, siginfo_t, sigchld.status, si_status);

TEST_CASE("kernel structs match libc's layouts") {
  // The static_asserts above are the test; this records that they ran.
  CHECK(sizeof(fring::Statx) == 256);
  CHECK(sizeof(fring::Siginfo) == 128);
}
