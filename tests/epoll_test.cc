// SPDX-License-Identifier: MIT
// epoll through the ring: EPOLL_CTL changes an interest list that
// epoll_wait(2) then sees, and EPOLL_WAIT reports events, both when they are
// ready at submission and when they arrive later.
#include <sys/epoll.h>
#include <unistd.h>
#include <cerrno>

#include "tests/support/files.h"
#include "tests/support/fring_test.h"
#include "tests/support/ring_util.h"

namespace fring {

namespace {

// A pipe and an epoll instance that may watch its read end, closed when the
// test ends.
struct EpollPipe : test::Pipe {
  EpollPipe() : epfd(epoll_create1(EPOLL_CLOEXEC)) { REQUIRE(epfd >= 0); }
  ~EpollPipe() { close(epfd); }
  int epfd;
};

}  // namespace

TEST_CASE("epoll_ctl adds, modifies and removes") {
  FRING_REQUIRE_OP(op::epoll_ctl);
  FRING_RING(ring, 2);
  EpollPipe ep;
  EpollEvent ev{};
  ev.events = EPOLLIN;
  ev.data = 0x1234567890ULL;
  prep_epoll_ctl(*test::get_sqe(ring), ep.epfd, ep.fds[0], EPOLL_CTL_ADD, &ev);
  REQUIRE(test::run(ring) == 0);
  prep_epoll_ctl(*test::get_sqe(ring), ep.epfd, ep.fds[0], EPOLL_CTL_ADD, &ev);
  CHECK(test::run(ring) == -EEXIST);
  // The kernel's interest list now has the pipe: epoll_wait(2) sees it.
  REQUIRE(write(ep.fds[1], "x", 1) == 1);
  epoll_event got[2];
  REQUIRE(epoll_wait(ep.epfd, got, 2, 0) == 1);
  CHECK(uint64_t{got[0].data.u64} == 0x1234567890ULL);
  CHECK((got[0].events & EPOLLIN) != 0);
  // Modify the data, then remove it.
  ev.data = 7;
  prep_epoll_ctl(*test::get_sqe(ring), ep.epfd, ep.fds[0], EPOLL_CTL_MOD, &ev);
  REQUIRE(test::run(ring) == 0);
  REQUIRE(epoll_wait(ep.epfd, got, 2, 0) == 1);
  CHECK(uint64_t{got[0].data.u64} == 7);
  prep_epoll_ctl(*test::get_sqe(ring), ep.epfd, ep.fds[0], EPOLL_CTL_DEL, nullptr);
  REQUIRE(test::run(ring) == 0);
  CHECK(epoll_wait(ep.epfd, got, 2, 0) == 0);
  prep_epoll_ctl(*test::get_sqe(ring), ep.epfd, ep.fds[0], EPOLL_CTL_DEL, nullptr);
  CHECK(test::run(ring) == -ENOENT);
}

TEST_CASE("epoll_wait reports ready events") {
  FRING_REQUIRE_OP(op::epoll_wait);
  FRING_RING(ring, 2);
  EpollPipe ep;
  epoll_event add{};
  add.events = EPOLLIN;
  add.data.u64 = 42;
  REQUIRE(epoll_ctl(ep.epfd, EPOLL_CTL_ADD, ep.fds[0], &add) == 0);

  // Ready at submission.
  REQUIRE(write(ep.fds[1], "x", 1) == 1);
  EpollEvent events[4] = {};
  prep_epoll_wait(*test::get_sqe(ring), ep.epfd, events, 4, 0);
  REQUIRE(test::run(ring) == 1);
  CHECK(uint64_t{events[0].data} == 42);
  CHECK((events[0].events & EPOLLIN) != 0);
  char c;
  REQUIRE(read(ep.fds[0], &c, 1) == 1);

  // Not ready at submission: the request waits until the write.
  EpollEvent later[4] = {};
  Sqe* s = test::get_sqe(ring);
  prep_epoll_wait(*s, ep.epfd, later, 4, 0);
  sqe_set_data64(*s, 9);
  test::submit(ring, 1);
  CHECK(test::error_of(ring.peek_cqe()) == Errno::eagain);
  REQUIRE(write(ep.fds[1], "y", 1) == 1);
  Cqe* cqe = test::must(ring.wait_cqe());
  CHECK(cqe->user_data == 9);
  CHECK(cqe->res == 1);
  ring.cqe_seen(cqe);
  CHECK(uint64_t{later[0].data} == 42);

  // Not an epoll fd.
  prep_epoll_wait(*test::get_sqe(ring), ep.fds[0], events, 4, 0);
  CHECK(test::run(ring) == -EINVAL);
}

}  // namespace fring
