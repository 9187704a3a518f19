// SPDX-License-Identifier: MIT
// Set-up, mapping, register and buffer-ring errors driven through the
// syscall layer's fault-injection seam (this binary is built with
// FRING_FAULT_INJECTION). Each "fault:" case gives the typed error, leaks no
// fd and no mapping (counted from /proc/self before and after), and then
// shows the ring losing and duplicating no completion. The enter errors are
// in fault_enter_test.cc.
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "tests/fault_support.h"

namespace fring {
using namespace fring::test::fault_support;
namespace fault = fring::sys::fault;
using sys::Call;

namespace {

// A set-up the kernel refuses with `raw` (-errno): the typed error, the one
// io_uring_setup call (only EINVAL is retried), nothing mapped or closed,
// and a ring set up afterwards works.
void setup_fails_cleanly(long raw, Errno want) {
  if (const char* why = test::io_uring_unavailable()) FRING_SKIP(why);
  NoLeaks leaks;
  fault::inject(Call::uring_setup, raw);
  CHECK(test::error_of(Ring::queue_init(8)) == want);
  CHECK(fault::calls(Call::uring_setup) == 1);
  CHECK(fault::calls(Call::mmap) == 0);
  CHECK(fault::calls(Call::close) == 0);
  fault::inject(Call::uring_setup, raw);
  CHECK(test::error_of(StaticRing<0>::queue_init(8)) == want);
  leaks.check();
  {
    Ring ring = test::must(Ring::queue_init(8));
    nops_exactly_once(ring, 1, 8);
  }
  leaks.check();
}

// A ring fd from io_uring_setup() with `flags`, and what the kernel wrote.
struct RawRing {
  int fd = -1;
  Params p{};
};

RawRing raw_ring(unsigned entries, uint32_t flags) {
  RawRing r;
  r.p.flags = flags;
  const long fd = sys::uring_setup(entries, &r.p);
  REQUIRE_MESSAGE(fd >= 0, "io_uring_setup: ", doctest::toString(static_cast<Errno>(-fd)));
  r.fd = static_cast<int>(fd);
  return r;
}

// queue_mmap() of a ring whose features are cleared, so that fring maps the
// SQ ring, the CQ ring and the SQEs separately (as before Linux 5.4): mmap
// number `failing` (0, 1, 2) fails; the earlier ones are undone and the fd
// stays the caller's. Then the same fd maps and works.
void split_mmap_fails(uint32_t flags, unsigned failing) {
  if (const char* why = test::io_uring_unavailable()) FRING_SKIP(why);
  NoLeaks leaks;
  {
    RawRing raw = raw_ring(8, flags);
    raw.p.features &= ~feat::single_mmap;
    fault::reset();
    fault::inject(Call::mmap, -ENOMEM, failing);
    CHECK(test::error_of(Ring::queue_mmap(raw.fd, raw.p)) == Errno::enomem);
    CHECK(fault::calls(Call::mmap) == failing + 1);
    CHECK(fault::calls(Call::munmap) == failing);
    CHECK(fault::calls(Call::close) == 0);  // the fd is still the caller's
    CHECK(fcntl(raw.fd, F_GETFD) >= 0);
    fault::reset();
    Ring ring = test::must(Ring::queue_mmap(raw.fd, raw.p));
    CHECK(fault::calls(Call::mmap) == 3);
    CHECK(ring.cq().ring_ptr != ring.sq().ring_ptr);
    nops_exactly_once(ring, 1, 8);
    nops_exactly_once(ring, 9, 8);
  }
  leaks.check();
}

// The kernel's answer to setup::no_sqarray: nullptr when it takes it.
const char* no_sqarray_missing() {
  if (const char* why = test::io_uring_unavailable()) return why;
  return test::missing_setup_flag(setup::no_sqarray, "NO_SQARRAY");
}

}  // namespace

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

// ---------------------------------------------------------------------------
// io_uring_setup

TEST_CASE("fault: setup EINVAL for NO_SQARRAY is retried without the flag") {
  if (const char* why = no_sqarray_missing()) FRING_SKIP(why);
  NoLeaks leaks;
  {
    // The first set-up asks for NO_SQARRAY; the kernel "refuses" it.
    fault::inject(Call::uring_setup, -EINVAL);
    Params p{};
    Ring ring = test::must(Ring::queue_init_params(8, p));
    CHECK(fault::calls(Call::uring_setup) == 2);
    CHECK((ring.flags() & setup::no_sqarray) == 0);
    CHECK((p.flags & setup::no_sqarray) == 0);  // `p` is the set-up that worked
    CHECK(p.sq_off.array != 0);
    CHECK(ring.sq().array != nullptr);  // an SQ index array, filled in
    for (uint32_t i = 0; i < ring.sq().ring_entries; ++i) CHECK(ring.sq().array[i] == i);
    nops_exactly_once(ring, 1, 8);
    nops_exactly_once(ring, 9, 8);  // the array is used again after the wrap
    fault::reset();
    // Without a fault the flag is in force and there is no array.
    StaticRing<0> fixed = test::must(StaticRing<0>::queue_init(8));
    CHECK(fault::calls(Call::uring_setup) == 1);
    CHECK((fixed.flags() & setup::no_sqarray) != 0);
    CHECK(fixed.sq().array == nullptr);
    nops_exactly_once(fixed, 1, 8);
  }
  leaks.check();
}

TEST_CASE("fault: setup EINVAL twice is reported after the one retry") {
  if (const char* why = test::io_uring_unavailable()) FRING_SKIP(why);
  NoLeaks leaks;
  fault::inject(Call::uring_setup, -EINVAL, 0, 2);
  CHECK(test::error_of(Ring::queue_init(8)) == Errno::einval);
  CHECK(fault::calls(Call::uring_setup) == 2);  // with the flag, then without
  CHECK(fault::calls(Call::mmap) == 0);
  CHECK(fault::calls(Call::close) == 0);
  // A caller who asked for NO_SQARRAY gets the refusal at once.
  fault::reset();
  fault::inject(Call::uring_setup, -EINVAL, 0, 2);
  CHECK(test::error_of(Ring::queue_init(8, setup::no_sqarray)) == Errno::einval);
  CHECK(fault::calls(Call::uring_setup) == 1);
  fault::reset();
  leaks.check();
  {
    Ring ring = test::must(Ring::queue_init(8));
    nops_exactly_once(ring, 1, 8);
  }
  leaks.check();
}

TEST_CASE("fault: setup EINVAL in caller memory is retried with an SQ array that fits") {
  if (const char* why = no_sqarray_missing()) FRING_SKIP(why);
  if (const char* why = test::missing_setup_flag(setup::no_mmap, "NO_MMAP")) {
    FRING_SKIP(why);
  }
  NoLeaks leaks;
  const size_t size = test::must(memory_size(8, 0));  // room for the SQ array
  void* mem = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  REQUIRE(mem != MAP_FAILED);
  {
    fault::reset();
    fault::inject(Call::uring_setup, -EINVAL);
    Params p{};
    Ring ring = test::must(Ring::queue_init_mem(8, p, mem, size));
    CHECK(fault::calls(Call::uring_setup) == 2);
    CHECK((ring.flags() & (setup::no_sqarray | setup::no_mmap)) == setup::no_mmap);
    CHECK(ring.sq().array != nullptr);
    nops_exactly_once(ring, 1, 8);
    nops_exactly_once(ring, 9, 8);
  }
  munmap(mem, size);
  leaks.check();
}

TEST_CASE("fault: setup EPERM (io_uring disabled) is not retried and is named") {
  setup_fails_cleanly(-EPERM, Errno::eperm);
  // What tests and programs print for it says what happened.
  CHECK(std::strstr(test::setup_skip_reason(Errno::eperm), "io_uring disabled") != nullptr);
}

TEST_CASE("fault: setup ENOSYS (no io_uring in this kernel)") {
  setup_fails_cleanly(-ENOSYS, Errno::enosys);
}

TEST_CASE("fault: setup EMFILE (no fd left)") { setup_fails_cleanly(-EMFILE, Errno::emfile); }

TEST_CASE("fault: setup ENOMEM") { setup_fails_cleanly(-ENOMEM, Errno::enomem); }

// ---------------------------------------------------------------------------
// mmap

TEST_CASE("fault: the first mmap (the rings) fails") {
  if (const char* why = test::io_uring_unavailable()) FRING_SKIP(why);
  NoLeaks leaks;
  fault::inject(Call::mmap, -ENOMEM, 0);
  CHECK(test::error_of(Ring::queue_init(8)) == Errno::enomem);
  CHECK(fault::calls(Call::munmap) == 0);
  CHECK(fault::calls(Call::close) == 1);
  fault::reset();
  fault::inject(Call::mmap, -ENOMEM, 0);
  CHECK(test::error_of(StaticRing<0>::queue_init(8)) == Errno::enomem);
  CHECK(fault::calls(Call::close) == 1);
  leaks.check();
  {
    StaticRing<0> ring = test::must(StaticRing<0>::queue_init(8));
    nops_exactly_once(ring, 1, 8);
  }
  leaks.check();
}

TEST_CASE("fault: the second mmap (the SQEs, or the CQ ring without SINGLE_MMAP) fails") {
  if (const char* why = test::io_uring_unavailable()) FRING_SKIP(why);
  NoLeaks leaks;
  fault::inject(Call::mmap, -ENOMEM, 1);
  CHECK(test::error_of(Ring::queue_init(8)) == Errno::enomem);
  CHECK(fault::calls(Call::mmap) == 2);
  CHECK(fault::calls(Call::munmap) == 1);  // the rings
  CHECK(fault::calls(Call::close) == 1);
  leaks.check();
  {
    Ring ring = test::must(Ring::queue_init(8));
    nops_exactly_once(ring, 1, 8);
  }
  leaks.check();
  split_mmap_fails(0, 1);
}

TEST_CASE("fault: without SINGLE_MMAP each of the three mmaps fails in turn") {
  for (unsigned failing = 0; failing < 3; ++failing) {
    CAPTURE(failing);
    split_mmap_fails(0, failing);
  }
}

TEST_CASE("fault: without SINGLE_MMAP a ring without an SQ array maps its SQ ring too") {
  if (const char* why = no_sqarray_missing()) FRING_SKIP(why);
  for (unsigned failing = 0; failing < 3; ++failing) {
    CAPTURE(failing);
    split_mmap_fails(setup::no_sqarray, failing);
  }
}

TEST_CASE("fault: an mmap EINVAL after set-up is reported, not taken for a refused flag") {
  if (const char* why = no_sqarray_missing()) FRING_SKIP(why);
  NoLeaks leaks;
  fault::inject(Call::mmap, -EINVAL, 1);
  CHECK(test::error_of(Ring::queue_init(8)) == Errno::einval);
  CHECK(fault::calls(Call::uring_setup) == 1);  // no second ring without the flag
  CHECK(fault::calls(Call::munmap) == 1);
  CHECK(fault::calls(Call::close) == 1);
  leaks.check();
}

// ---------------------------------------------------------------------------
// io_uring_register

TEST_CASE("fault: register EINVAL (register_ring_fd) changes nothing") {
  if (const char* why = test::io_uring_unavailable()) FRING_SKIP(why);
  NoLeaks leaks;
  {
    Ring ring = test::must(Ring::queue_init(8));
    test::queue_nops(ring, 1, 4);  // queued across the failed call
    fault::inject(Call::uring_register, -EINVAL);
    CHECK(test::error_of(ring.register_ring_fd()) == Errno::einval);
    CHECK_FALSE(ring.ring_fd_registered());
    CHECK(ring.enter_fd() == ring.fd());
    CHECK(ring.sq_ready() == 4);
    REQUIRE(test::must(ring.submit_and_wait(4)) == 4);
    test::expect_nops_once(ring, 1, 4);
  }
  leaks.check();
}

TEST_CASE("fault: register EACCES (a restricted ring) registers nothing") {
  if (const char* why = test::io_uring_unavailable()) FRING_SKIP(why);
  NoLeaks leaks;
  {
    Ring ring = test::must(Ring::queue_init(8));
    const int fds[2] = {0, 1};
    fault::inject(Call::uring_register, -EACCES);
    CHECK(test::error_of(register_files(ring, fds, 2)) == Errno::eacces);
    Sqe* sqe = ring.get_sqe();
    prep_nop(*sqe);
    sqe_set_data64(*sqe, 100);
    fault::reset();
    REQUIRE(test::must(ring.submit_and_wait(1)) == 1);
    test::expect_nops_once(ring, 100, 1);
    CHECK(test::error_of(unregister_files(ring)) == Errno::enxio);  // no table
    // Once the fault clears, the same call works.
    REQUIRE(register_files(ring, fds, 2).ok());
    REQUIRE(unregister_files(ring).ok());
    nops_exactly_once(ring, 1, 8);
  }
  leaks.check();
}

TEST_CASE("fault: register EBUSY (register_buffers) leaves no buffer registered") {
  if (const char* why = test::io_uring_unavailable()) FRING_SKIP(why);
  NoLeaks leaks;
  {
    Ring ring = test::must(Ring::queue_init(8));
    static char block[4096];
    const Iovec iov{block, sizeof(block)};
    fault::inject(Call::uring_register, -EBUSY);
    CHECK(test::error_of(register_buffers(ring, &iov, 1)) == Errno::ebusy);
    CHECK(test::error_of(unregister_buffers(ring)) == Errno::enxio);
    REQUIRE(register_buffers(ring, &iov, 1).ok());
    REQUIRE(unregister_buffers(ring).ok());
    nops_exactly_once(ring, 1, 8);
  }
  leaks.check();
}

// ---------------------------------------------------------------------------
// Buffer rings

TEST_CASE("fault: buffer ring set-up failing after registration is unregistered") {
  if (const char* why = test::io_uring_unavailable()) FRING_SKIP(why);
  NoLeaks leaks;
  {
    Ring ring = test::must(Ring::queue_init(8));
    // Kernel-mapped: the kernel registers (and allocates) the ring first,
    // then fring maps it; the mmap fails.
    fault::reset();
    fault::inject(Call::mmap, -ENOMEM);
    auto br = setup_buf_ring(ring, 8, 5, buf_ring_flag::mmap);
    if (test::error_of(br) == Errno::einval && !test::kernel_at_least(6, 4)) {
      FRING_SKIP("kernel lacks buf_ring_flag::mmap (Linux 6.4)");
    }
    CHECK(test::error_of(br) == Errno::enomem);
    CHECK(fault::calls(Call::uring_register) == 2);  // registered, then unregistered
    fault::reset();
    // The group is free again: the same id registers.
    BufRing again = test::must(setup_buf_ring(ring, 8, 5, buf_ring_flag::mmap));
    CHECK(again.get() != nullptr);
    REQUIRE(free_buf_ring(ring, again).ok());
    nops_exactly_once(ring, 1, 8);
  }
  leaks.check();
}

TEST_CASE("fault: buffer ring registration failing after the mmap unmaps it") {
  if (const char* why = test::io_uring_unavailable()) FRING_SKIP(why);
  NoLeaks leaks;
  {
    Ring ring = test::must(Ring::queue_init(8));
    fault::reset();
    fault::inject(Call::uring_register, -ENOMEM);
    CHECK(test::error_of(setup_buf_ring(ring, 8, 6, 0)) == Errno::enomem);
    CHECK(fault::calls(Call::mmap) == 1);
    CHECK(fault::calls(Call::munmap) == 1);
    // Incremental consumption asked for plainly is not retried: the
    // kernel's EINVAL is the answer, and the memory is unmapped.
    fault::reset();
    fault::inject(Call::uring_register, -EINVAL);
    CHECK(test::error_of(setup_buf_ring(ring, 8, 6, buf_ring_flag::inc)) == Errno::einval);
    CHECK(fault::calls(Call::uring_register) == 1);
    CHECK(fault::calls(Call::munmap) == 1);
    // With buf_ring_inc_or_whole it is retried without buf_ring_flag::inc,
    // once; a second EINVAL is reported and unmapped too.
    fault::reset();
    fault::inject(Call::uring_register, -EINVAL, 0, 2);
    CHECK(test::error_of(setup_buf_ring(ring, 8, 6, buf_ring_inc_or_whole)) == Errno::einval);
    CHECK(fault::calls(Call::uring_register) == 2);
    CHECK(fault::calls(Call::munmap) == 1);
    fault::reset();
    BufRing br = test::must(setup_buf_ring(ring, 8, 6, 0));
    REQUIRE(free_buf_ring(ring, br).ok());
    nops_exactly_once(ring, 1, 8);
  }
  leaks.check();
}

}  // namespace fring
