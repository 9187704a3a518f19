// SPDX-License-Identifier: MIT
// What fring does where io_uring meets a security boundary (README,
// Security): restrictions on a ring started disabled (setup::r_disabled,
// then register_restrictions(), then enable_rings()), which hold for every
// task using the ring; a registered ring fd, which only the task that
// registered it can use (the kernel keeps the table per task), from another
// thread and from a forked child: typed errors, no hang, no crash, nothing
// lost for the owner; and the ring fd, which the kernel makes close-on-exec.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <map>
#include <thread>

#include "tests/support/child.h"
#include "tests/support/fring_test.h"
#include "tests/support/ring_util.h"

namespace fring {
using test::Failures;

namespace {

Restriction allow_op(uint8_t op) {
  Restriction r{};
  r.opcode = restriction::sqe_op;
  r.sqe_op = op;
  return r;
}

Restriction allow_register(uint8_t op) {
  Restriction r{};
  r.opcode = restriction::register_op;
  r.register_op = op;
  return r;
}

Restriction sqe_flags(uint16_t kind, uint8_t flags) {
  Restriction r{};
  r.opcode = kind;
  r.sqe_flags = flags;
  return r;
}

// A ring created disabled, given `n` restrictions and enabled; skips (the
// caller returns) when the kernel has no restrictions.
template <size_t N>
Result<Ring> restricted(const Restriction (&res)[N]) {
  FRING_TRY_ASSIGN(Ring ring,
                   test::set_up_waiting([&] { return Ring::queue_init(8, setup::r_disabled); }));
  FRING_TRY(register_restrictions(ring, res, N));
  FRING_TRY(enable_rings(ring));
  return ring;
}

// Queues a NOP with `flags` and user_data `data`.
void nop(Ring& ring, uint64_t data, uint8_t flags = 0) {
  Sqe* sqe = ring.get_sqe();
  REQUIRE(sqe != nullptr);
  prep_nop(*sqe);
  sqe_set_flags(*sqe, flags);
  sqe_set_data64(*sqe, data);
}

// Submits what is queued (the kernel stops a batch after an SQE it refuses,
// so as many times as it takes) and reaps `n` CQEs: res by user_data, each
// once.
std::map<uint64_t, int> results(Ring& ring, unsigned n) {
  unsigned submitted = 0;
  for (int i = 0; i < 8 && ring.sq_ready() > 0; ++i) submitted += test::must(ring.submit());
  REQUIRE(submitted == n);
  std::map<uint64_t, int> res;
  for (const auto& [data, cqe] : test::reap_each(ring, n)) res[data] = cqe.res;
  CHECK(ring.cq_ready() == 0);
  return res;
}

}  // namespace

// ---------------------------------------------------------------------------
// Restrictions

TEST_CASE("security: restrictions: denied opcodes and SQE flags complete with -EACCES, once") {
  FRING_REQUIRE_REGISTER_OP(reg_op::restrictions);
  const Restriction res[] = {
      allow_op(op::nop),
      allow_op(op::read),
      allow_register(reg_op::probe),
      sqe_flags(restriction::sqe_flags_allowed, sqe_flag::io_link),
  };
  auto made = restricted(res);
  if (const char* why = test::setup_skip_reason(test::error_of(made))) FRING_SKIP(why);
  Ring ring = test::must(static_cast<Result<Ring>&&>(made));

  int p[2];
  REQUIRE(pipe2(p, O_CLOEXEC | O_NONBLOCK) == 0);
  char byte = 'x';
  nop(ring, 1);
  Sqe* sqe = ring.get_sqe();
  prep_write(*sqe, p[1], &byte, 1, 0);  // WRITE is not allowed
  sqe_set_data64(*sqe, 2);
  nop(ring, 3, sqe_flag::async);    // nor is sqe_flag::async
  nop(ring, 4, sqe_flag::io_link);  // IO_LINK is, and the link runs
  nop(ring, 5);
  auto got = results(ring, 5);
  CHECK(got[1] == 0);
  CHECK(got[2] == -EACCES);
  CHECK(got[3] == -EACCES);
  CHECK(got[4] == 0);
  CHECK(got[5] == 0);
  char nothing = 0;
  CHECK(read(p[0], &nothing, 1) < 0);  // the write never happened (the pipe is empty)
  close(p[0]);
  close(p[1]);

  // Register operations: only PROBE; the rest, restrictions and enabling
  // again included, are refused without touching the ring.
  CHECK(get_probe_ring(ring).ok());
  const int fds[1] = {0};
  CHECK(test::error_of(register_files(ring, fds, 1)) == Errno::eacces);
  CHECK(test::error_of(register_restrictions(ring, res, 1)) == Errno::eacces);
  CHECK(test::error_of(enable_rings(ring)) == Errno::eacces);
  CHECK(test::error_of(ring.register_ring_fd()) == Errno::eacces);
  CHECK_FALSE(ring.ring_fd_registered());
  nop(ring, 6);
  CHECK(results(ring, 1)[6] == 0);
}

TEST_CASE("security: restrictions: required SQE flags, and no second set") {
  FRING_REQUIRE_REGISTER_OP(reg_op::restrictions);
  auto made = test::set_up_waiting([&] { return Ring::queue_init(8, setup::r_disabled); });
  if (const char* why = test::setup_skip_reason(test::error_of(made))) FRING_SKIP(why);
  Ring ring = test::must(static_cast<Result<Ring>&&>(made));
  const Restriction res[] = {
      allow_op(op::nop),
      sqe_flags(restriction::sqe_flags_required, sqe_flag::io_drain),
  };
  REQUIRE(register_restrictions(ring, res, 2).ok());
  CHECK(test::error_of(register_restrictions(ring, res, 2)) == Errno::ebusy);  // one set per ring
  REQUIRE(enable_rings(ring).ok());
  nop(ring, 1);                      // lacks IO_DRAIN
  nop(ring, 2, sqe_flag::io_drain);  // has it
  auto got = results(ring, 2);
  CHECK(got[1] == -EACCES);
  CHECK(got[2] == 0);
}

TEST_CASE("security: restrictions hold in a forked child") {
  FRING_REQUIRE_REGISTER_OP(reg_op::restrictions);
  const Restriction res[] = {allow_op(op::nop)};
  auto made = restricted(res);
  if (const char* why = test::setup_skip_reason(test::error_of(made))) FRING_SKIP(why);
  Ring ring = test::must(static_cast<Result<Ring>&&>(made));
  // The child shares the ring (fd and mappings) and is held to the same
  // rules. The parent's view of the SQ is stale afterwards, so it only
  // tears the ring down.
  const test::ChildResult child = test::in_child([&ring] {
    Failures f;
    Sqe* sqe = ring.get_sqe();
    prep_openat(*sqe, AT_FDCWD, "/", O_RDONLY | O_CLOEXEC, 0);
    sqe_set_data64(*sqe, 9);
    auto submitted = ring.submit_and_wait(1);
    f.expect(submitted.ok() && submitted.value() == 1, "child submit");
    auto cqe = ring.wait_cqe();
    f.expect(cqe.ok() && cqe.value()->user_data == 9 && cqe.value()->res == -EACCES,
             "openat from the child should be refused with -EACCES");
    return f.lines;
  });
  CHECK_MESSAGE(child.ok(), child.report);
}

// ---------------------------------------------------------------------------
// The registered ring fd belongs to one task

namespace {

// Sets up `ring` with its fd registered; false (after skipping) before 5.18.
bool registered(Ring& ring) {
  auto reg = ring.register_ring_fd();
  if (test::error_of(reg) == Errno::einval && !test::kernel_at_least(5, 18)) {
    test::mark_skipped("kernel lacks reg_op::ring_fds (Linux 5.18)");
    return false;
  }
  REQUIRE(reg.ok());
  return true;
}

// What another task gets from `ring`'s registered index: the kernel looks
// the index up in the calling task's own table, which a task that never
// used io_uring does not have (EINVAL) and any other task has without this
// ring in it (EBADF, unless it registered a ring of its own at that index).
bool wrong_task_error(Errno e) { return e == Errno::einval || e == Errno::ebadf; }

}  // namespace

TEST_CASE("security: a registered ring fd from another thread: a typed error, nothing lost") {
  if (const char* why = test::io_uring_unavailable()) FRING_SKIP(why);
  Ring ring = test::must(test::set_up_waiting([&] { return Ring::queue_init(8); }));
  if (!registered(ring)) return;
  nop(ring, 1);
  nop(ring, 2);
  Errno fresh[4] = {};
  // A thread that never used io_uring: no table at all. The owner waits
  // (join) while it runs, so the two never touch the ring at once.
  std::thread([&] {
    fresh[0] = test::error_of(ring.submit());
    fresh[1] = test::error_of(ring.wait_cqe());
    fresh[2] = test::error_of(ring.get_events());
    fresh[3] = test::error_of(get_probe_ring(ring));
  }).join();
  CHECK(fresh[0] == Errno::einval);
  CHECK(fresh[1] == Errno::einval);
  CHECK(fresh[2] == Errno::einval);
  // Register calls go through the registered index only where the kernel
  // allows it (feat::reg_reg_ring); else through the plain fd, which
  // any thread may use.
  const bool reg_reg = (ring.features() & feat::reg_reg_ring) != 0;
  CHECK(fresh[3] == (reg_reg ? Errno::einval : Errno{0}));
  // A thread with io_uring state of its own (a ring, not registered): a
  // table without our index.
  Errno other[2] = {};
  bool own_ok = false;
  std::thread([&] {
    auto own = test::set_up_waiting([&] { return Ring::queue_init(2); });
    if (!own.ok()) return;
    prep_nop(*own.value().get_sqe());
    own_ok = own.value().submit_and_wait(1).ok();  // this thread now has io_uring state
    other[0] = test::error_of(ring.submit());
    other[1] = test::error_of(ring.wait_cqe());
  }).join();
  REQUIRE(own_ok);
  for (const Errno e : other) CHECK(e == Errno::ebadf);
  for (const Errno e : other) CHECK(wrong_task_error(e));
  // The two NOPs were published by the failed submits but never consumed;
  // the owner's next submit hands them over, once.
  CHECK(ring.sq_ready() == 2);
  auto got = results(ring, 2);
  CHECK(got.size() == 2);
  CHECK(got[1] == 0);
  CHECK(got[2] == 0);
}

TEST_CASE(
    "security: a registered index means the calling task's own ring (why it must stay home)") {
  // Every task's first registered ring takes index 0 of that task's table.
  // Used from a thread that registered a ring of its own, our index names
  // that thread's ring: the kernel cannot tell, and fring does not check on
  // the hot path (it would cost a syscall per enter). Shown here with calls
  // that cannot block; a wait there would wait on the other ring.
  if (const char* why = test::io_uring_unavailable()) FRING_SKIP(why);
  Ring ring = test::must(test::set_up_waiting([&] { return Ring::queue_init(8); }));
  if (!registered(ring)) return;
  REQUIRE(ring.enter_fd() == 0);
  int own_index = -1;
  long through_ours = 1;
  std::thread([&] {
    auto own = test::set_up_waiting([&] { return Ring::queue_init(2); });
    if (!own.ok() || !own.value().register_ring_fd().ok()) return;
    own_index = own.value().enter_fd();
    // An enter with nothing to do, through our ring's index.
    through_ours = sys::uring_enter(ring.enter_fd(), 0, 0, enter::registered_ring, nullptr);
  }).join();
  CHECK(own_index == 0);
  CHECK(through_ours == 0);  // accepted: it reached the thread's own ring
  test::nop_round_trip(ring, 1);
}

TEST_CASE("security: a SINGLE_ISSUER ring from another thread: EEXIST, nothing lost") {
  if (const char* why = test::missing_setup_flag(setup::single_issuer, "SINGLE_ISSUER")) {
    FRING_SKIP(why);
  }
  Ring ring =
      test::must(test::set_up_waiting([&] { return Ring::queue_init(8, setup::single_issuer); }));
  test::nop_round_trip(ring, 1);  // this thread is the submitter now
  nop(ring, 2);
  Errno e[2] = {};
  std::thread([&] {
    e[0] = test::error_of(ring.submit());
    e[1] = test::error_of(get_probe_ring(ring));
  }).join();
  CHECK(e[0] == Errno::eexist);
  CHECK(e[1] == Errno::eexist);
  CHECK(results(ring, 1)[2] == 0);
}

TEST_CASE("security: a registered ring fd after fork: the child gets a typed error, no crash") {
  if (const char* why = test::io_uring_unavailable()) FRING_SKIP(why);
  Ring ring = test::must(test::set_up_waiting([&] { return Ring::queue_init(8); }));
  if (!registered(ring)) return;
  nop(ring, 1);
  // The child inherits the fd, the mappings and the Ring object, but not
  // the registration; its teardown must not disturb the parent's ring.
  const test::ChildResult child = test::in_child([&ring] {
    Failures f;
    const Errno submit = test::error_of(ring.submit());
    const Errno wait = test::error_of(ring.wait_cqe());
    f.expect(submit == Errno::einval, std::string("child submit: ") + errno_name(submit));
    f.expect(wait == Errno::einval, std::string("child wait_cqe: ") + errno_name(wait));
    ring.queue_exit();
    f.expect(!ring.is_open(), "queue_exit in the child");
    return f.lines;
  });
  CHECK_MESSAGE(child.ok(), child.report);
  auto got = results(ring, 1);
  CHECK(got[1] == 0);
  test::nop_round_trip(ring, 2);
}

TEST_CASE("security: a ring kept from fork (ring_dontfork) can be torn down in the child") {
  if (const char* why = test::io_uring_unavailable()) FRING_SKIP(why);
  Ring ring = test::must(test::set_up_waiting([&] { return Ring::queue_init(8); }));
  REQUIRE(ring.ring_dontfork().ok());
  if (!registered(ring)) return;
  if (ring.features() & feat::reg_reg_ring) REQUIRE(ring.close_ring_fd().ok());
  // The child has no ring mappings and no registration: it must not touch
  // the SQ or CQ (they are not there), but calls that only enter the kernel
  // fail cleanly, and teardown unmaps nothing that matters.
  const test::ChildResult child = test::in_child([&ring] {
    Failures f;
    const Errno events = test::error_of(ring.get_events());
    f.expect(wrong_task_error(events), std::string("child get_events: ") + errno_name(events));
    ring.queue_exit();
    return f.lines;
  });
  CHECK_MESSAGE(child.ok(), child.report);
  test::nop_round_trip(ring, 1);
}

// ---------------------------------------------------------------------------
// The ring fd

TEST_CASE("security: the ring fd is close-on-exec") {
  if (const char* why = test::io_uring_unavailable()) FRING_SKIP(why);
  Ring ring = test::must(test::set_up_waiting([&] { return Ring::queue_init(2); }));
  const int flags = fcntl(ring.fd(), F_GETFD);
  REQUIRE(flags >= 0);
  CHECK((flags & FD_CLOEXEC) != 0);
}

}  // namespace fring
