// SPDX-License-Identifier: MIT
// The empty Ring (default-constructed, moved from, torn down): every member
// is safe on it, the queues look full and empty, and calls that reach the
// kernel fail with ebadf. A ring can be assigned into it later.
#include "tests/support/fring_test.h"
#include "tests/support/leaks.h"
#include "tests/support/ring_util.h"

namespace fring {

namespace {

// Everything a program might call on a ring, on one that has none.
template <class R>
void check_empty(R& ring) {
  // Calls that reach io_uring_enter get the kernel's ebadf for fd -1, or
  // enosys where the io_uring syscalls do not exist at all (qemu-user).
  const Errno no_fd = test::io_uring_absent() ? Errno::enosys : Errno::ebadf;
  CHECK_FALSE(ring.is_open());
  CHECK(ring.fd() == -1);
  CHECK(ring.enter_fd() == -1);
  CHECK(ring.flags() == 0);
  CHECK(ring.get_sqe() == nullptr);
  CHECK(ring.get_sqe128() == nullptr);
  CHECK(ring.sq_ready() == 0);
  CHECK(ring.sq_space_left() == 0);
  CHECK(ring.cq_ready() == 0);
  CHECK_FALSE(ring.cq_has_overflow());
  CHECK(test::must(ring.submit()) == 0);  // nothing to submit: no syscall
  CHECK(test::error_of(ring.submit_and_wait(1)) == no_fd);
  CHECK(test::error_of(ring.submit_and_get_events()) == no_fd);
  CHECK(test::error_of(ring.get_events()) == no_fd);
  CHECK(test::error_of(ring.sqring_wait()) == Errno::ebadf);
  CHECK(test::error_of(ring.peek_cqe()) == Errno::eagain);
  CHECK(test::error_of(ring.wait_cqe()) == no_fd);
  const Timespec ts{0, 1000};
  CHECK(test::error_of(ring.wait_cqe_timeout(&ts)) == Errno::ebadf);
  Cqe* cqe = nullptr;
  CHECK(test::error_of(ring.submit_and_wait_timeout(&cqe, 1, &ts, nullptr)) == Errno::ebadf);
  Cqe* batch[4];
  CHECK(ring.peek_batch_cqe(batch, 4) == 0);
  unsigned seen = 0;
  CHECK(ring.for_each_cqe([&](Cqe&) { ++seen; }) == 0);
  CHECK(seen == 0);
  ring.cq_advance(0);
  ring.cqe_seen(nullptr);
  CqeIter it = ring.cqe_iter_init();
  CHECK_FALSE(Ring::cqe_iter_next(it, &cqe));
  CHECK(test::error_of(ring.register_op(reg_op::probe, nullptr, 0)) == Errno::ebadf);
  CHECK(test::error_of(ring.register_ring_fd()) == Errno::ebadf);
  CHECK(test::error_of(ring.unregister_ring_fd()) == Errno::einval);
  CHECK(test::error_of(ring.close_ring_fd()) == Errno::eopnotsupp);
  CHECK(test::error_of(ring.ring_dontfork()) == Errno::einval);
  CHECK(test::error_of(ring.set_iowait(false)) == Errno::eopnotsupp);
  CHECK(test::error_of(ring.cq_eventfd_toggle(false)) == Errno::eopnotsupp);
  Params p{};
  p.sq_entries = 8;
  CHECK(test::error_of(ring.resize_rings(p)) == Errno::ebadf);
  CHECK(test::error_of(register_files_sparse(ring, 4)) == Errno::ebadf);
  ring.queue_exit();
  ring.queue_exit();
  CHECK_FALSE(ring.is_open());
}

}  // namespace

TEST_CASE("a default-constructed Ring is empty and safe") {
  Ring ring;
  check_empty(ring);
  StaticRing<0> fixed;
  check_empty(fixed);
}

TEST_CASE("a moved-from Ring is empty, and an empty Ring takes a ring later") {
  if (const char* why = test::io_uring_unavailable()) FRING_SKIP(why);
  const int fds = test::count_fds();
  Ring later;  // a member set up after construction
  {
    Ring ring = test::must(test::set_up_waiting([&] { return Ring::queue_init(4); }));
    test::queue_nop(ring, 1);  // queued, not submitted: moves with the ring
    later = static_cast<Ring&&>(ring);
    check_empty(ring);
  }
  CHECK(later.is_open());
  CHECK(later.sq_ready() == 1);
  CHECK(test::must(later.submit_and_wait(1)) == 1);
  CHECK(test::reap(later).user_data == 1);
  later.queue_exit();
  check_empty(later);
  CHECK(test::count_fds() == fds);

  StaticRing<0> fixed =
      test::must(test::set_up_waiting([&] { return StaticRing<0>::queue_init(4); }));
  StaticRing<0> other = static_cast<StaticRing<0>&&>(fixed);
  check_empty(fixed);
  test::nop_round_trip(other, 2);
}

}  // namespace fring
