// SPDX-License-Identifier: MIT
// A hosted program on fring: libc's headers before fring, the kernel's
// io_uring header after it, and libc's structs (iovec, sockaddr_in, msghdr,
// struct statx) and the kernel's __kernel_timespec handed to fring as they
// are, with no cast. Prints what it did; exits 1 naming any error.
#include <arpa/inet.h>
#include <fcntl.h>
#include <linux/time_types.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include "fring/fring.h"

#include <linux/io_uring.h>  // after fring: its names still mean fring's

namespace {

// Submits what is queued and returns the result of the one request.
fring::Result<int> run(fring::Ring& ring) {
  FRING_TRY(ring.submit_and_wait(1));
  FRING_TRY_ASSIGN(fring::Cqe * cqe, ring.wait_cqe());
  const fring::Result<int> res = fring::cqe_result(*cqe);
  ring.cqe_seen(cqe);
  return res;
}

// The value of `r`, which must be `want` (any value when `want` is -1).
int check(const char* what, const fring::Result<int>& r, int want) {
  if (!r) {
    fprintf(stderr, "hosted: %s: %s\n", what, fring::errno_name(r.error()));
    exit(1);
  }
  if (want != -1 && r.value() != want) {
    fprintf(stderr, "hosted: %s: %d, not %d\n", what, r.value(), want);
    exit(1);
  }
  return r.value();
}

}  // namespace

int main() {
  auto made = fring::Ring::queue_init(8);
  if (!made) {
    fprintf(stderr, "hosted: io_uring_setup: %s\n", fring::errno_name(made.error()));
    return 1;
  }
  fring::Ring& ring = made.value();

  // A file, written and read back with libc's iovec.
  char path[] = "/tmp/fring_consumer_XXXXXX";
  const int fd = mkstemp(path);
  unlink(path);
  char a[] = "hello ", b[] = "fring";
  const iovec out[] = {{a, 6}, {b, 5}};
  fring::prep_writev(*ring.get_sqe(), fd, out, 2, 0);
  check("writev", run(ring), 11);
  char got[12] = {};
  iovec in = {got, 11};
  fring::prep_readv(*ring.get_sqe(), fd, &in, 1, 0);
  check("readv", run(ring), 11);
  struct statx st {};
  fring::prep_statx(*ring.get_sqe(), fd, "", AT_EMPTY_PATH, STATX_SIZE, &st);
  check("statx", run(ring), 0);
  printf("hosted: wrote and read back \"%s\" (%llu bytes) through iovec and statx\n", got,
         static_cast<unsigned long long>(st.stx_size));

  // A timeout with the kernel's own timespec; its -ETIME compared as an Errno.
  __kernel_timespec ts{};
  ts.tv_nsec = 1000000;
  fring::prep_timeout(*ring.get_sqe(), &ts, 0, 0);
  if (run(ring) != fring::Errno::etime) {
    fprintf(stderr, "hosted: a 1 ms timeout did not end with ETIME\n");
    return 1;
  }

  // TCP over loopback with sockaddr_in and msghdr.
  const int listener = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof addr);  // libc's own API
  listen(listener, 1);
  getsockname(listener, reinterpret_cast<sockaddr*>(&addr), &len);
  const int client = socket(AF_INET, SOCK_STREAM, 0);
  fring::prep_connect(*ring.get_sqe(), client, &addr, sizeof addr);
  check("connect", run(ring), 0);
  sockaddr_in peer{};
  socklen_t peer_len = sizeof peer;
  fring::prep_accept(*ring.get_sqe(), listener, &peer, &peer_len, 0);
  const int server = check("accept", run(ring), -1);
  msghdr msg{};
  msg.msg_iov = &in;
  msg.msg_iovlen = 1;
  fring::Sqe* send = ring.get_sqe();
  fring::prep_sendmsg(*send, client, &msg, 0);
  fring::sqe_set_flags(*send, fring::sqe_flag::io_link);  // fring's name...
  char echo[12] = {};
  iovec back = {echo, 11};
  msghdr reply{};
  reply.msg_iov = &back;
  reply.msg_iovlen = 1;
  fring::prep_recvmsg(*ring.get_sqe(), server, &reply, MSG_WAITALL);
  static_assert(IOSQE_IO_LINK == fring::sqe_flag::io_link, "...and the kernel's, the same");
  check("sendmsg", run(ring), 11);
  check("recvmsg", run(ring), 11);
  printf("hosted: \"%s\" went over TCP through sockaddr_in and msghdr\n", echo);
  return 0;
}
