// SPDX-License-Identifier: MIT
// A hosted program hands fring libc's structs and the kernel headers' with
// no cast: iovec, sockaddr_in, sockaddr_storage, msghdr, struct statx,
// open_how, epoll_event, __kernel_timespec (and libc's timespec), siginfo_t
// and futex_waitv, each through a real request. Structs without the kernel's
// layout are refused at compile time (checked here through the trait;
// tests/coexist_test.sh checks the compiler's message).
#include <arpa/inet.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <linux/openat2.h>
#include <linux/time_types.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "tests/support/files.h"
#include "tests/support/fring_test.h"
#include "tests/support/ring_util.h"

namespace {

using fring::detail::SameLayout;

// libc's and the kernel headers' structs qualify...
static_assert(SameLayout<fring::Iovec, iovec>::value);
static_assert(SameLayout<fring::Msghdr, msghdr>::value);
static_assert(SameLayout<fring::Sockaddr, sockaddr>::value);
static_assert(SameLayout<fring::Sockaddr, sockaddr_in>::value);
static_assert(SameLayout<fring::Sockaddr, sockaddr_in6>::value);
static_assert(SameLayout<fring::Sockaddr, sockaddr_storage>::value);
static_assert(SameLayout<fring::Statx, struct statx>::value);
static_assert(SameLayout<fring::OpenHow, open_how>::value);
static_assert(SameLayout<fring::EpollEvent, epoll_event>::value);
static_assert(SameLayout<fring::FutexWaitv, futex_waitv>::value);
static_assert(SameLayout<fring::Siginfo, siginfo_t>::value);
static_assert(SameLayout<fring::Timespec, __kernel_timespec>::value);
static_assert(SameLayout<fring::Timespec, timespec>::value);  // 64-bit arches

// ...and look-alikes with another layout do not.
struct ShortIovec {
  void* iov_base;
  unsigned iov_len;
};
struct MuslMsghdr {  // musl's: 4-byte lengths with padding beside them
  void* msg_name;
  socklen_t msg_namelen;
  iovec* msg_iov;
  int msg_iovlen, pad1;
  void* msg_control;
  socklen_t msg_controllen, pad2;
  int msg_flags;
};
struct NoFamily {
  char data[16];
};
static_assert(!SameLayout<fring::Iovec, ShortIovec>::value);
static_assert(!SameLayout<fring::Msghdr, MuslMsghdr>::value);
static_assert(!SameLayout<fring::Sockaddr, NoFamily>::value);
static_assert(!SameLayout<fring::Iovec, char>::value);

// The result of the one request queued since the last submit.
int run(fring::Ring& ring) { return fring::test::run(ring); }

}  // namespace

TEST_CASE("iovec: writev, readv and registered buffers") {
  FRING_RING(ring, 4);
  fring::test::TempFile file("interop_iovec");
  char a[] = "hello, ", b[] = "iovec";
  iovec out[2] = {{a, 7}, {b, 5}};
  fring::prep_writev(*ring.get_sqe(), file.fd, out, 2, 0);
  REQUIRE(run(ring) == 12);

  char x[7], y[5];
  iovec in[2] = {{x, sizeof x}, {y, sizeof y}};
  fring::prep_readv(*ring.get_sqe(), file.fd, in, 2, 0);
  REQUIRE(run(ring) == 12);
  CHECK(std::memcmp(x, "hello, ", 7) == 0);
  CHECK(std::memcmp(y, "iovec", 5) == 0);

  char fixed[16] = {};
  const iovec reg = {fixed, sizeof fixed};
  FRING_CHECK_OK(fring::register_buffers(ring, &reg, 1));
  fring::prep_read_fixed(*ring.get_sqe(), file.fd, fixed, 12, 0, 0);
  REQUIRE(run(ring) == 12);
  CHECK(std::memcmp(fixed, "hello, iovec", 12) == 0);
}

TEST_CASE("sockaddr_in, sockaddr_storage, msghdr: connect, accept, sendmsg, recvmsg") {
  FRING_REQUIRE_OP(fring::op::connect);
  FRING_RING(ring, 4);
  const int listener = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  REQUIRE(listener >= 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  REQUIRE(bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);  // libc's own call
  REQUIRE(listen(listener, 4) == 0);
  REQUIRE(getsockname(listener, reinterpret_cast<sockaddr*>(&addr), &len) == 0);

  const int client = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  REQUIRE(client >= 0);
  fring::prep_connect(*ring.get_sqe(), client, &addr, sizeof addr);
  REQUIRE(run(ring) == 0);

  sockaddr_storage peer{};
  socklen_t peer_len = sizeof peer;
  fring::prep_accept(*ring.get_sqe(), listener, &peer, &peer_len, SOCK_CLOEXEC);
  const int server = run(ring);
  REQUIRE(server >= 0);
  CHECK(peer.ss_family == AF_INET);
  CHECK(peer_len == sizeof(sockaddr_in));

  char text[] = "through msghdr";
  iovec out = {text, sizeof text};
  msghdr send_msg{};
  send_msg.msg_iov = &out;
  send_msg.msg_iovlen = 1;
  fring::prep_sendmsg(*ring.get_sqe(), client, &send_msg, 0);
  REQUIRE(run(ring) == static_cast<int>(sizeof text));

  char got[sizeof text] = {};
  iovec in = {got, sizeof got};
  msghdr recv_msg{};
  recv_msg.msg_iov = &in;
  recv_msg.msg_iovlen = 1;
  fring::prep_recvmsg(*ring.get_sqe(), server, &recv_msg, MSG_WAITALL);
  REQUIRE(run(ring) == static_cast<int>(sizeof text));
  CHECK(std::strcmp(got, text) == 0);
  close(server);
  close(client);
  close(listener);
}

TEST_CASE("struct statx and open_how") {
  FRING_REQUIRE_OP(fring::op::openat2);
  FRING_RING(ring, 4);
  fring::test::TempFile file("interop_statx", "twelve bytes");
  struct statx st {};
  fring::prep_statx(*ring.get_sqe(), AT_FDCWD, file.path.c_str(), 0, STATX_SIZE, &st);
  REQUIRE(run(ring) == 0);
  CHECK(st.stx_size == 12);

  open_how how{};
  how.flags = O_RDONLY | O_CLOEXEC;
  fring::prep_openat2(*ring.get_sqe(), AT_FDCWD, file.path.c_str(), &how);
  const int fd = run(ring);
  REQUIRE(fd >= 0);
  char buf[12];
  CHECK(read(fd, buf, sizeof buf) == 12);
  close(fd);
}

TEST_CASE("epoll_event") {
  FRING_REQUIRE_OP(fring::op::epoll_ctl);
  FRING_RING(ring, 2);
  fring::test::Pipe pipe;
  const int epfd = epoll_create1(EPOLL_CLOEXEC);
  REQUIRE(epfd >= 0);
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.u64 = 42;
  fring::prep_epoll_ctl(*ring.get_sqe(), epfd, pipe.fds[0], EPOLL_CTL_ADD, &ev);
  REQUIRE(run(ring) == 0);
  REQUIRE(write(pipe.fds[1], "x", 1) == 1);
  epoll_event got{};
  REQUIRE(epoll_wait(epfd, &got, 1, 0) == 1);
  CHECK(uint64_t{got.data.u64} == 42);
  close(epfd);
}

TEST_CASE("__kernel_timespec and timespec: timeouts and a timed wait") {
  FRING_RING(ring, 2);
  __kernel_timespec ts{};
  ts.tv_nsec = 1000000;  // 1 ms
  fring::prep_timeout(*ring.get_sqe(), &ts, 0, 0);
  CHECK(run(ring) == -ETIME);
  timespec libc_ts{};  // libc's: the kernel's layout on the 64-bit arches
  libc_ts.tv_nsec = 1000000;
  fring::prep_timeout(*ring.get_sqe(), &libc_ts, 0, 0);
  CHECK(run(ring) == -ETIME);
  // Nothing is queued: the wait can only time out.
  if (!(ring.features() & fring::feat::ext_arg))
    FRING_SKIP("kernel lacks feat::ext_arg (Linux 5.11)");
  auto waited = ring.wait_cqe_timeout(&ts);
  CHECK(fring::test::error_of(waited) == fring::Errno::etime);
}

TEST_CASE("siginfo_t: waitid") {
  FRING_REQUIRE_OP(fring::op::waitid);
  FRING_RING(ring, 2);
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) _exit(7);
  siginfo_t info{};
  fring::prep_waitid(*ring.get_sqe(), P_PID, static_cast<unsigned>(child), &info, WEXITED, 0);
  REQUIRE(run(ring) == 0);
  CHECK(info.si_pid == child);
  CHECK(info.si_status == 7);
}

TEST_CASE("futex_waitv") {
  FRING_REQUIRE_OP(fring::op::futex_waitv);
  FRING_RING(ring, 2);
  uint32_t word = 1;
  futex_waitv wait{};
  wait.val = 0;  // not the value: the kernel refuses to wait
  wait.uaddr = reinterpret_cast<uintptr_t>(&word);
  wait.flags = FUTEX_32 | FUTEX_PRIVATE_FLAG;
  fring::prep_futex_waitv(*ring.get_sqe(), &wait, 1, 0);
  CHECK(run(ring) == -EAGAIN);
}
