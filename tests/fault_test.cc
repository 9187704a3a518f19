// SPDX-License-Identifier: MIT
// Error paths driven through the syscall layer's fault-injection seam (this
// binary is built with FRING_FAULT_INJECTION): a failing setup, mmap, enter
// or register returns a typed error, leaks no fd or mapping, and loses or
// duplicates no completion.
#include <cerrno>

#include "tests/support/fring_test.h"
#include "tests/support/ring_util.h"
#include "tests/support/leaks.h"

using namespace fring;
namespace fault = fring::sys::fault;
using sys::Call;

TEST_CASE("the seam counts calls and passes them through when disarmed") {
  fault::reset();
  CHECK(sys::getpid() > 0);
  CHECK(fault::calls(Call::getpid) == 1);
  fault::inject(Call::getpid, -EPERM, 1, 2);  // the 2nd and 3rd calls fail
  CHECK(sys::getpid() > 0);
  CHECK(sys::getpid() == -EPERM);
  CHECK(sys::getpid() == -EPERM);
  CHECK(sys::getpid() > 0);
  CHECK(fault::calls(Call::getpid) == 5);
  fault::reset();
}

TEST_CASE("a failing io_uring_setup maps and closes nothing") {
  FRING_FIXED_SETUP("fails io_uring_setup on a default ring itself");
  fault::reset();
  fault::inject(Call::io_uring_setup, -ENOMEM);
  CHECK(test::error_of(Ring::queue_init(4)) == Errno::enomem);
  CHECK(fault::calls(Call::mmap) == 0);
  CHECK(fault::calls(Call::close) == 0);
  fault::reset();
}

TEST_CASE("a failing mmap at any step unmaps what was mapped and closes the fd") {
  FRING_FIXED_SETUP("counts the mmaps of default rings it sets up itself");
  if (const char* why = test::io_uring_unavailable()) FRING_SKIP(why);
  fault::reset();
  { auto ok = Ring::queue_init(8); REQUIRE(ok.ok()); }
  const unsigned long mmaps = fault::calls(Call::mmap);  // 2 with SINGLE_MMAP, else 3
  REQUIRE(mmaps >= 2);
  const int fds = test::count_fds();
  const int maps = test::count_mappings();
  for (unsigned failing = 0; failing < mmaps; ++failing) {
    CAPTURE(failing);
    fault::reset();
    fault::inject(Call::mmap, -ENOMEM, failing);
    auto r = Ring::queue_init(8);
    CHECK(test::error_of(r) == Errno::enomem);
    CHECK(fault::calls(Call::munmap) == failing);  // every successful mmap undone
    CHECK(fault::calls(Call::close) == 1);
    CHECK(test::count_fds() == fds);
    CHECK(test::count_mappings() == maps);
  }
  fault::reset();
}

TEST_CASE("a failed enter loses no SQE and duplicates no CQE") {
  FRING_RING(ring, 4);
  FRING_SKIP_IF_RING(ring, IORING_SETUP_SQPOLL, "an SQPOLL ring submits without io_uring_enter");
  fault::reset();
  Sqe* s = test::get_sqe(ring);
  prep_nop(*s);
  sqe_set_data64(*s, 77);
  fault::inject(Call::io_uring_enter, -EINTR);
  CHECK(test::error_of(ring.submit()) == Errno::eintr);
  CHECK(ring.sq_ready() == 1);  // still queued
  test::submit_and_wait(ring, 1, 1);
  auto cqe = ring.wait_cqe();
  REQUIRE(cqe.ok());
  CHECK(cqe.value()->user_data == 77);
  ring.cqe_seen(cqe.value());
  CHECK(test::error_of(ring.peek_cqe()) == Errno::eagain);
  // A wait interrupted by a signal reports it and leaves the CQ alone.
  fault::inject(Call::io_uring_enter, -EINTR);
  CHECK(test::error_of(ring.wait_cqe()) == Errno::eintr);
  fault::reset();
}

TEST_CASE("a failed register changes nothing") {
  FRING_RING(ring, 4);
  fault::reset();
  fault::inject(Call::io_uring_register, -EINVAL);
  CHECK(test::error_of(ring.register_ring_fd()) == Errno::einval);
  CHECK_FALSE(ring.ring_fd_registered());
  CHECK(ring.enter_fd() == ring.fd());
  fault::reset();
  prep_nop(*test::get_sqe(ring));
  test::submit_and_wait(ring, 1, 1);
}
