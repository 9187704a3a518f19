// SPDX-License-Identifier: MIT
// Ring memory: the page-size probe, memory_size against the kernel's own
// layout, mlock_size, rings in caller memory (setup::no_mmap, with
// REGISTERED_FD_ONLY, two rings in one buffer, alignment and size errors),
// queue_mmap of an existing ring fd, and resize_rings with SQEs and CQEs
// pending.
#include <fcntl.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "tests/support/fring_test.h"
#include "tests/support/leaks.h"
#include "tests/support/ring_util.h"

namespace fring {

namespace {

size_t page_size() { return static_cast<size_t>(sysconf(_SC_PAGESIZE)); }

size_t page_up(size_t n) { return (n + page_size() - 1) & ~(page_size() - 1); }

// Anonymous, page-aligned memory that is unmapped with the test.
struct Memory {
  void* base = MAP_FAILED;
  size_t size;
  explicit Memory(size_t bytes) : size(bytes) {
    base = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    REQUIRE(base != MAP_FAILED);
  }
  ~Memory() { munmap(base, size); }
  char* bytes() const { return static_cast<char*>(base); }
};

// Why setup::no_mmap cannot be used, or nullptr. A set-up with the
// flag and no memory fails with EFAULT where the kernel knows the flag and
// with EINVAL where it does not.
const char* no_mmap_missing() {
  if (const char* why = test::io_uring_unavailable()) return why;
  Params p{};
  p.flags = setup::no_mmap;
  const long fd = sys::uring_setup(4, &p);
  if (fd >= 0) sys::close(static_cast<int>(fd));
  if (fd == -EINVAL) return "kernel lacks setup::no_mmap (Linux 6.5)";
  return nullptr;
}

// Why the queue_init_mem tests stay out of the shape matrix.
constexpr const char* kOwnMemory = "sets up its rings in caller memory itself";

#define REQUIRE_NO_MMAP()                                       \
  do {                                                          \
    if (const char* why_ = no_mmap_missing()) FRING_SKIP(why_); \
  } while (0)

size_t must_size(Result<size_t> r) { return test::must(static_cast<Result<size_t>&&>(r)); }

}  // namespace

TEST_CASE("the page-size probe agrees with libc") {
  CHECK(detail::page_size() == page_size());
  CHECK(detail::probe_page_size() == page_size());
}

TEST_CASE("memory_size arithmetic") {
  // SQEs, then the rings: a 64-byte header, the CQEs, padding to 64 bytes
  // and the SQ index array; each area in whole pages.
  CHECK(must_size(memory_size(8, 0)) == page_up(8 * 64) + page_up(64 + 16 * 16 + 8 * 4));
  CHECK(must_size(memory_size(3, 0)) == page_up(4 * 64) + page_up(64 + 8 * 16 + 4 * 4));
  CHECK(must_size(memory_size(8, setup::no_sqarray)) == page_up(8 * 64) + page_up(64 + 16 * 16));
  // Big SQEs double the SQE array; big CQEs double the header and the CQEs.
  CHECK(must_size(memory_size(8, setup::sqe128 | setup::cqe32)) ==
        page_up(8 * 128) + page_up(2 * (64 + 16 * 16) + 8 * 4));
  CHECK(must_size(memory_size(1024, 0)) == page_up(1024 * 64) + page_up(64 + 2048 * 16 + 1024 * 4));
  if (page_size() == 4096) {
    CHECK(must_size(memory_size(8, 0)) == 8192);
    CHECK(must_size(memory_size(1024, 0)) == 65536 + 40960);
  }
  Params p{};
  p.flags = setup::cqsize;
  p.cq_entries = 100;  // rounded up to 128
  CHECK(must_size(memory_size_params(8, p)) == page_up(8 * 64) + page_up(64 + 128 * 16 + 8 * 4));
  // What io_uring_setup() refuses, refused the same way.
  CHECK(test::error_of(memory_size(0, 0)) == Errno::einval);
  CHECK(test::error_of(memory_size(40000, 0)) == Errno::einval);
  CHECK(must_size(memory_size(40000, setup::clamp)) == must_size(memory_size(32768, 0)));
  p.cq_entries = 0;
  CHECK(test::error_of(memory_size_params(8, p)) == Errno::einval);
  p.cq_entries = 4;  // smaller than the SQ
  CHECK(test::error_of(memory_size_params(8, p)) == Errno::einval);
  p.cq_entries = 100000;
  CHECK(test::error_of(memory_size_params(8, p)) == Errno::einval);
  p.flags |= setup::clamp;
  CHECK(must_size(memory_size_params(8, p)) == page_up(8 * 64) + page_up(64 + 65536 * 16 + 8 * 4));
  // A mixed ring needs two slots for its big entries.
  CHECK(test::error_of(memory_size(1, setup::sqe_mixed)) == Errno::einval);
  p = Params{};
  p.flags = setup::cqe_mixed | setup::cqsize;
  p.cq_entries = 1;
  CHECK(test::error_of(memory_size_params(1, p)) == Errno::einval);
}

TEST_CASE("memory_size matches the layout the kernel reports") {
  FRING_FIXED_SETUP("sets up rings of every shape itself");
  if (const char* why = test::io_uring_unavailable()) FRING_SKIP(why);
  const uint32_t shapes[] = {0, setup::no_sqarray, setup::sqe128, setup::cqe32,
                             setup::sqe128 | setup::cqe32 | setup::no_sqarray};
  const unsigned sizes[] = {1, 8, 64, 256, 1024, 4096};
  unsigned checked = 0;
  for (uint32_t flags : shapes) {
    for (unsigned entries : sizes) {
      CAPTURE(flags);
      CAPTURE(entries);
      Params p{};
      p.flags = flags;
      auto ring = test::set_up_waiting([&] { return Ring::queue_init_params(entries, p); });
      if (!ring.ok()) {
        REQUIRE(ring.error() == Errno::einval);  // a flag this kernel lacks
        continue;
      }
      // Set-up may have added NO_SQARRAY: size what the kernel made.
      const uint32_t made = p.flags;
      // The rings end after the CQEs or after the SQ index array.
      size_t rings_end =
          p.cq_off.cqes + ((size_t{p.cq_entries} * 16) << cqe_shift_from_flags(made));
      if (!(made & setup::no_sqarray)) {
        const size_t array_end = p.sq_off.array + size_t{p.sq_entries} * 4;
        if (array_end > rings_end) rings_end = array_end;
      }
      const size_t sqes = (size_t{p.sq_entries} * 64) << sqe_shift_from_flags(flags);
      Params in{};
      in.flags = made;
      CHECK(must_size(memory_size_params(entries, in)) == page_up(sqes) + page_up(rings_end));
      ++checked;
    }
  }
  CHECK(checked >= 6);
}

TEST_CASE("mlock_size") {
  // The most any kernel charges, whatever this one does (provoke_test
  // checks it against a real RLIMIT_MEMLOCK).
  CHECK(must_size(mlock_size(64, 0)) == must_size(memory_size(64, 0)));
  CHECK(must_size(mlock_size(4096, setup::cqe32)) == must_size(memory_size(4096, setup::cqe32)));
  Params p{};
  p.flags = setup::cqsize;
  CHECK(test::error_of(mlock_size_params(64, p)) == Errno::einval);  // no cq_entries
}

TEST_CASE("queue_init_mem: a ring in caller memory") {
  FRING_FIXED_SETUP(kOwnMemory);
  REQUIRE_NO_MMAP();
  const size_t size = must_size(memory_size(8, 0));
  Memory mem(size);
  std::memset(mem.base, 0xa5, size);
  Params p{};
  {
    Ring ring = test::must(
        test::set_up_waiting([&] { return Ring::queue_init_mem(8, p, mem.base, size); }));
    CHECK((ring.flags() & setup::no_mmap) != 0);
    CHECK(p.sq_off.user_addr == reinterpret_cast<uintptr_t>(mem.base));
    CHECK(p.cq_off.user_addr == reinterpret_cast<uintptr_t>(mem.bytes() + page_up(8 * 64)));
    CHECK(ring.sq().sqes == mem.base);
    CHECK(ring.sq().ring_ptr == mem.bytes() + page_up(8 * 64));
    CHECK(reinterpret_cast<char*>(ring.cq().cqes) == mem.bytes() + page_up(8 * 64) + p.cq_off.cqes);
    CHECK(ring.sq().ring_entries == 8);
    CHECK(ring.fd() >= 0);
    test::nop_round_trips(ring, 1, 40);  // several wraps of both rings
    CHECK(test::error_of(ring.ring_dontfork()) == Errno::einval);
    // Resizing would need new caller memory; fring leaves that to a new ring.
    Params bigger{};
    bigger.sq_entries = 16;
    CHECK(test::error_of(ring.resize_rings(bigger)) == Errno::einval);
  }
  // The memory is still the caller's after teardown.
  mem.bytes()[size - 1] = 1;
  CHECK(mem.bytes()[size - 1] == 1);
}

TEST_CASE("queue_init_mem: two rings in one buffer") {
  FRING_FIXED_SETUP(kOwnMemory);
  REQUIRE_NO_MMAP();
  Params p{};
  p.flags = setup::cqe32;  // also checks the doubled CQ size fits
  const size_t size = must_size(memory_size_params(16, p));
  Memory mem(2 * size);
  Params p1 = p;
  Params p2 = p;
  Ring first = test::must(
      test::set_up_waiting([&] { return Ring::queue_init_mem(16, p1, mem.base, size); }));
  Ring second = test::must(
      test::set_up_waiting([&] { return Ring::queue_init_mem(16, p2, mem.bytes() + size, size); }));
  for (uint64_t i = 0; i < 50; ++i) {
    test::nop_round_trips(first, 100 + i, 1);
    test::nop_round_trips(second, 200 + i, 1);
  }
  CHECK(reinterpret_cast<char*>(second.sq().sqes) == mem.bytes() + size);
}

TEST_CASE("queue_init_mem: alignment and size errors") {
  FRING_FIXED_SETUP(kOwnMemory);
  REQUIRE_NO_MMAP();
  const size_t size = must_size(memory_size(8, 0));
  Memory mem(size + page_size());
  Params p{};
  CHECK(test::error_of(test::set_up_waiting(
            [&] { return Ring::queue_init_mem(8, p, mem.bytes() + 64, size); })) == Errno::einval);
  CHECK(test::error_of(test::set_up_waiting(
            [&] { return Ring::queue_init_mem(8, p, nullptr, size); })) == Errno::einval);
  // fring's own ENOMEM (the memory is too small): not waited out.
  CHECK(test::error_of(Ring::queue_init_mem(8, p, mem.base, size - 1)) == Errno::enomem);
  CHECK(test::error_of(test::set_up_waiting(
            [&] { return Ring::queue_init_mem(0, p, mem.base, size); })) == Errno::einval);
  // Past fring's check, the kernel applies the same rule itself.
  p = Params{};
  p.flags = setup::no_mmap;
  p.sq_off.user_addr = reinterpret_cast<uintptr_t>(mem.bytes() + 64);
  p.cq_off.user_addr = reinterpret_cast<uintptr_t>(mem.bytes() + page_size());
  const long fd = sys::uring_setup(8, &p);
  if (fd >= 0) sys::close(static_cast<int>(fd));
  CHECK(fd == -EINVAL);  // the kernel's own alignment rule
  // NO_MMAP needs caller memory: queue_init() refuses it before the kernel.
  CHECK(test::error_of(test::set_up_waiting([&] { return Ring::queue_init(8, setup::no_mmap); })) ==
        Errno::einval);
  // REGISTERED_FD_ONLY needs NO_MMAP: the kernel refuses it alone.
  CHECK(test::error_of(test::set_up_waiting(
            [&] { return Ring::queue_init(8, setup::registered_fd_only); })) == Errno::einval);
}

TEST_CASE("queue_init_mem: areas of several pages") {
  FRING_FIXED_SETUP(kOwnMemory);
  REQUIRE_NO_MMAP();
  const test::KernelVersion v = test::kernel_version();
  if (v.major < 6 || (v.major == 6 && v.minor < 10)) {
    FRING_SKIP("kernel needs multi-page NO_MMAP areas in one huge page (before Linux 6.10)");
  }
  // Four pages of SQEs and over two of rings, whatever the page size.
  const unsigned entries = static_cast<unsigned>(page_size() / 16);
  Params p{};
  const size_t size = must_size(memory_size_params(entries, p));
  CHECK(size == 4 * page_size() + page_up(64 + 2 * entries * 16 + entries * 4));
  CHECK(size >= 7 * page_size());
  Memory mem(size);
  Ring ring = test::must(
      test::set_up_waiting([&] { return Ring::queue_init_mem(entries, p, mem.base, size); }));
  CHECK(ring.sq().ring_entries == entries);
  CHECK(ring.cq().ring_entries == 2 * entries);
  // Fill the whole SQ, then the CQ, so every page of both areas is used.
  for (uint64_t round = 0; round < 3; ++round) {
    test::queue_nops(ring, round * entries, entries);
    test::submit_and_wait(ring, entries, entries);
    uint64_t want = round * entries;
    CHECK(ring.for_each_cqe([&](Cqe& cqe) { CHECK(cqe.user_data == want++); }) == entries);
    ring.cq_advance(entries);
  }
}

TEST_CASE("queue_init_mem with REGISTERED_FD_ONLY: a ring with no fd") {
  FRING_FIXED_SETUP(kOwnMemory);
  REQUIRE_NO_MMAP();
  const int fds = test::count_fds();
  const size_t size = must_size(memory_size(8, 0));
  Memory mem(size);
  int index = -1;
  {
    Params p{};
    p.flags = setup::registered_fd_only;
    Ring ring = test::must(
        test::set_up_waiting([&] { return Ring::queue_init_mem(8, p, mem.base, size); }));
    index = ring.enter_fd();
    CHECK(ring.fd() == -1);
    CHECK(ring.ring_fd_registered());
    CHECK(ring.enter_fd() >= 0);
    CHECK(test::count_fds() == fds);
    test::nop_round_trips(ring, 1, 20);
    // Register calls go through the registered index too.
    const unsigned id = test::must(ring.register_op(reg_op::personality, nullptr, 0));
    CHECK(id > 0);
    CHECK(ring.register_op(reg_op::unregister_personality, nullptr, id).ok());
    CHECK(test::error_of(ring.register_ring_fd()) == Errno::eexist);
  }
  // Teardown dropped the registration, the ring's only reference: the next
  // ring gets the same registered slot.
  Params p{};
  p.flags = setup::registered_fd_only;
  Ring again =
      test::must(test::set_up_waiting([&] { return Ring::queue_init_mem(8, p, mem.base, size); }));
  CHECK(again.enter_fd() == index);
  test::nop_round_trips(again, 1, 2);
}

TEST_CASE("queue_mmap maps an existing ring fd and owns it") {
  FRING_FIXED_SETUP("maps a ring it set up itself with io_uring_setup(2)");
  if (const char* why = test::io_uring_unavailable()) FRING_SKIP(why);
  Params p{};
  const long raw = sys::uring_setup(4, &p);
  REQUIRE(raw >= 0);
  const int fd = static_cast<int>(raw);
  {
    Ring ring = test::must(Ring::queue_mmap(fd, p));
    CHECK(ring.fd() == fd);
    CHECK(ring.sq().ring_entries == 4);
    test::nop_round_trips(ring, 1, 20);
  }
  errno = 0;
  CHECK(fcntl(fd, F_GETFD) == -1);  // closed by queue_exit()
  CHECK(errno == EBADF);

  CHECK(test::error_of(Ring::queue_mmap(-1, p)) == Errno::ebadf);
  // An fd that is not a ring cannot be mapped; it stays the caller's.
  const int efd = eventfd(0, EFD_CLOEXEC);
  REQUIRE(efd >= 0);
  CHECK(test::error_of(Ring::queue_mmap(efd, p)) == Errno::enodev);
  CHECK(fcntl(efd, F_GETFD) != -1);
  close(efd);
}

TEST_CASE("resize_rings keeps pending SQEs and CQEs") {
  FRING_REQUIRE_REGISTER_OP(reg_op::resize_rings);
  FRING_REQUIRE_SETUP_FLAG(defer_taskrun);
  FRING_RING(ring, 8, setup::single_issuer | setup::defer_taskrun);
  // Five CQEs, two reaped: three pending at CQ index 2.
  test::queue_nops(ring, 0, 5);
  test::submit(ring, 5);
  ring.cq_advance(2);
  REQUIRE(ring.cq_ready() == 3);
  // Two SQEs queued but not submitted.
  test::queue_nops(ring, 10, 2);
  Cqe* stale = test::must(ring.peek_cqe());
  CHECK(stale->user_data == 2);

  Params p{};
  p.sq_entries = 32;
  p.flags = setup::cqsize;
  p.cq_entries = 128;
  REQUIRE(ring.resize_rings(p).ok());
  CHECK(p.sq_entries == 32);
  CHECK(p.cq_entries == 128);
  CHECK(ring.sq().ring_entries == 32);
  CHECK(ring.sq().ring_mask == 31);
  CHECK(ring.cq().ring_entries == 128);
  CHECK(ring.cq().ring_mask == 127);
  CHECK(*ring.cq().khead == 2);
  // Every pending CQE once, in order; then the queued SQEs run.
  std::vector<uint64_t> seen;
  while (ring.cq_ready() > 0) {
    Cqe* cqe = test::must(ring.peek_cqe());
    seen.push_back(cqe->user_data);
    ring.cqe_seen(cqe);
  }
  CHECK(seen == std::vector<uint64_t>{2, 3, 4});
  CHECK(ring.sq_ready() == 2);
  test::submit_and_wait(ring, 2, 2);
  seen.clear();
  ring.for_each_cqe([&](Cqe& c) { seen.push_back(c.user_data); });
  ring.cq_advance(2);
  CHECK(seen == std::vector<uint64_t>{10, 11});
  // The new SQ (and its index array) and CQ work through their wraps.
  for (uint64_t round = 0; round < 10; ++round) {
    test::queue_nops(ring, 100 + round * 32, 32);
    test::submit(ring, 32);
    uint64_t want = 100 + round * 32;
    CHECK(ring.for_each_cqe([&](Cqe& c) { CHECK(c.user_data == want++); }) == 32);
    ring.cq_advance(32);
  }

  // Shrinking below the pending CQEs fails and leaves the rings as they were.
  test::queue_nops(ring, 500, 20);
  test::submit(ring, 20);
  Params small{};
  small.sq_entries = 4;
  small.flags = setup::cqsize;
  small.cq_entries = 8;
  CHECK(test::error_of(ring.resize_rings(small)) == Errno::eoverflow);
  CHECK(ring.cq().ring_entries == 128);
  CHECK(ring.cq_ready() == 20);
  ring.cq_advance(20);
  // With the CQ drained the same shrink works.
  small = Params{};
  small.sq_entries = 4;
  REQUIRE(ring.resize_rings(small).ok());
  CHECK(ring.sq().ring_entries == 4);
  CHECK(ring.cq().ring_entries == 8);
  test::nop_round_trips(ring, 600, 20);
}

TEST_CASE("resize_rings keeps an SQ_REWIND ring's queued SQEs") {
  FRING_REQUIRE_REGISTER_OP(reg_op::resize_rings);
  FRING_REQUIRE_SETUP_FLAG(defer_taskrun);
  FRING_REQUIRE_SETUP_FLAG(sq_rewind);
  FRING_RING(ring, 8, setup::single_issuer | setup::defer_taskrun | setup::sq_rewind);
  // The kernel reads an SQ_REWIND ring's SQEs from slot 0 at each submit, so
  // queued ones are in no ring it copies: fring carries them over.
  test::queue_nops(ring, 1, 3);
  Params too_small{};
  too_small.sq_entries = 2;
  CHECK(test::error_of(ring.resize_rings(too_small)) == Errno::eoverflow);
  CHECK(ring.sq_ready() == 3);
  Params p{};
  p.sq_entries = 16;
  REQUIRE(ring.resize_rings(p).ok());
  CHECK(ring.sq().ring_entries == 16);
  CHECK(ring.sq_ready() == 3);
  test::submit_and_wait(ring, 3, 3);
  std::vector<uint64_t> seen;
  ring.cq_advance(ring.for_each_cqe([&](Cqe& c) { seen.push_back(c.user_data); }));
  CHECK(seen == std::vector<uint64_t>{1, 2, 3});
  test::nop_round_trips(ring, 10, 20);
}

TEST_CASE("resize_rings needs DEFER_TASKRUN") {
  FRING_REQUIRE_REGISTER_OP(reg_op::resize_rings);
  FRING_RING(plain, 8);
  FRING_SKIP_IF_RING(plain, setup::defer_taskrun, "checks a ring without DEFER_TASKRUN");
  Params p{};
  p.sq_entries = 16;
  CHECK(test::error_of(plain.resize_rings(p)) == Errno::einval);
  CHECK(plain.sq().ring_entries == 8);
  test::nop_round_trips(plain, 1, 2);
}

TEST_CASE("resize_rings errors") {
  FRING_REQUIRE_REGISTER_OP(reg_op::resize_rings);
  FRING_REQUIRE_SETUP_FLAG(defer_taskrun);
  FRING_RING(ring, 8, setup::single_issuer | setup::defer_taskrun);
  Params p{};
  p.sq_entries = 16;
  p.flags = setup::sqpoll;  // only CQSIZE and CLAMP may be asked for
  CHECK(test::error_of(ring.resize_rings(p)) == Errno::einval);
  if (ring.register_ring_fd().ok() && ring.close_ring_fd().ok()) {
    p.flags = 0;
    CHECK(test::error_of(ring.resize_rings(p)) == Errno::ebadf);  // nothing left to mmap
  }
  CHECK(ring.sq().ring_entries == 8);
  test::nop_round_trips(ring, 1, 2);
}

}  // namespace fring
