// SPDX-License-Identifier: MIT
// Provided-buffer rings (core/buf_ring.h) against the kernel: buffer-select
// reads on a pipe take buffers in the order published, -ENOBUFS once the
// ring is empty, and continue as buffers are put back while the tail wraps
// (what Zig's tests 37 and 38 check with receives), for user-mapped and
// kernel-mapped rings; multishot reads; incremental consumption and its
// fallback; the kernel's head; clean set-up and teardown.
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <initializer_list>
#include <utility>

#include "tests/support/files.h"
#include "tests/support/fring_test.h"
#include "tests/support/leaks.h"
#include "tests/support/ring_util.h"

namespace fring {

namespace {

constexpr unsigned kLen = 16;  // bytes per buffer in the ordered-read tests

// A pipe the buffer-select reads below take their data from.
struct BlockPipe : test::Pipe {
  // Writes `n` bytes of `byte`; the reads that follow find them waiting.
  void put(unsigned n, char byte) {
    char data[256];
    REQUIRE(n <= sizeof(data));
    std::memset(data, byte, n);
    REQUIRE(write(fds[1], data, n) == static_cast<ssize_t>(n));
  }
  int reader() const { return fds[0]; }
};

// Queues a read of up to `len` bytes from `fd` into a buffer of group `bgid`.
void read_from_group(Ring& ring, int fd, unsigned len, uint16_t bgid) {
  Sqe* s = test::get_sqe(ring);
  REQUIRE(s != nullptr);
  prep_read(*s, fd, nullptr, len, 0);
  sqe_set_flags(*s, sqe_flag::buffer_select);
  sqe_set_buf_group(*s, bgid);
  test::submit(ring, 1);
}

// A buffer-select read of up to `len` bytes, reaped.
Cqe read_one(Ring& ring, int fd, unsigned len, uint16_t bgid) {
  read_from_group(ring, fd, len, bgid);
  return test::reap(ring);
}

bool all(const char* p, unsigned n, char byte) {
  for (unsigned i = 0; i < n; ++i) {
    if (p[i] != byte) return false;
  }
  return true;
}

// The -EINVAL of a kernel that predates buf_ring_flag::mmap; any other error
// (or EINVAL from a kernel that has the flag) is a real failure.
bool lacks_mmap_flag(Errno e) { return e == Errno::einval && !test::kernel_at_least(6, 4); }

// True when `p` lies in one of this process's mappings.
bool mapped(const void* p) {
  const uintptr_t a = reinterpret_cast<uintptr_t>(p);
  FILE* f = fopen("/proc/self/maps", "r");
  REQUIRE(f != nullptr);
  char line[512];
  bool found = false;
  while (!found && fgets(line, sizeof(line), f) != nullptr) {
    uintptr_t lo, hi;
    if (sscanf(line, "%" SCNxPTR "-%" SCNxPTR, &lo, &hi) == 2) found = lo <= a && a < hi;
  }
  fclose(f);
  return found;
}

// On a 4-entry ring: reads take buffers in the order they were published,
// the fifth finds the ring empty, and after buffers are put back (one per
// handled CQE) reads continue while the tail goes round the ring several
// times.
void exercise(Ring& ring, BufRing& br) {
  REQUIRE(br.entries() == 4);
  const bool have_status = test::missing_register_op(reg_op::pbuf_status) == nullptr;
  PbufRing* r = br.get();
  BlockPipe pipe;
  char pool[4][kLen] = {};
  for (unsigned short bid = 0; bid < 4; ++bid)
    buf_ring_add(r, pool[bid], kLen, bid, br.mask(), bid);
  buf_ring_advance(r, 4);
  if (have_status) CHECK(buf_ring_available(ring, r, br.bgid()).value() == 4);

  unsigned n = 0;  // blocks written so far; block n is kLen bytes of 'a' + n % 26
  const auto fill = [&n] { return static_cast<char>('a' + n % 26); };
  for (unsigned short bid = 0; bid < 4; ++bid, ++n) {
    CAPTURE(bid);
    pipe.put(kLen, fill());
    const Cqe c = read_one(ring, pipe.reader(), kLen, br.bgid());
    CHECK(c.res == static_cast<int>(kLen));
    REQUIRE((c.flags & cqe_flag::buffer) != 0);
    CHECK(cqe_buffer_id(c) == bid);
    CHECK(all(pool[bid], kLen, fill()));
  }
  if (have_status) CHECK(buf_ring_available(ring, r, br.bgid()).value() == 0);

  // The ring is empty: the read fails and the block stays in the pipe.
  pipe.put(kLen, fill());
  const Cqe none = read_one(ring, pipe.reader(), kLen, br.bgid());
  CHECK(none.res == -ENOBUFS);
  CHECK((none.flags & cqe_flag::buffer) == 0);

  // Put three back, out of id order: reads take them in publication order.
  const unsigned short order[3] = {3, 1, 0};
  for (int i = 0; i < 3; ++i) buf_ring_add(r, pool[order[i]], kLen, order[i], br.mask(), i);
  buf_ring_advance(r, 3);
  if (have_status) CHECK(buf_ring_available(ring, r, br.bgid()).value() == 3);
  for (unsigned round = 0; round < 20; ++round, ++n) {
    CAPTURE(round);
    if (round > 0) pipe.put(kLen, fill());  // round 0 reads the block left waiting
    read_from_group(ring, pipe.reader(), kLen, br.bgid());
    const Cqe* c = test::next_cqe(ring);
    const unsigned short bid = order[round % 3];
    CHECK(c->res == static_cast<int>(kLen));
    REQUIRE((c->flags & cqe_flag::buffer) != 0);
    CHECK(cqe_buffer_id(*c) == bid);
    CHECK(all(pool[bid], kLen, fill()));
    // Handled: hand the buffer back and consume the CQE in one step.
    buf_ring_add(r, pool[bid], kLen, bid, br.mask(), 0);
    buf_ring_cq_advance(ring, r, 1);
  }
  CHECK(ring.cq_ready() == 0);
  CHECK(r->tail == 4 + 3 + 20);  // five times round the 4 entries
  if (have_status) {
    CHECK(buf_ring_head(ring, br.bgid()).value() == 4 + 20);
    CHECK(buf_ring_available(ring, r, br.bgid()).value() == 3);
  }
}

// Frees `br` (group 105, set up on `ring` when the process had `before`
// mappings) and checks that its mapping and its group are gone.
void check_free(Ring& ring, BufRing br, int before) {
  const void* where = br.get();
  CHECK(mapped(where));
  CHECK(free_buf_ring(ring, br).ok());
  CHECK(br.get() == nullptr);
  CHECK_FALSE(mapped(where));
  CHECK(test::count_mappings() == before);
  // The group is gone; a freed BufRing is refused before the kernel is asked.
  CHECK(test::error_of(unregister_buf_ring(ring, 105)) == Errno::enoent);
  CHECK(test::error_of(free_buf_ring(ring, br)) == Errno::einval);
}

}  // namespace

TEST_CASE("user-mapped buffer ring: in order, -ENOBUFS, put back, wrap") {
  FRING_RING(ring, 8);
  FRING_REQUIRE_REGISTER_OP(reg_op::pbuf_ring);
  BufRing br = test::must(setup_buf_ring(ring, 4, 70, 0));
  CHECK(br.flags() == 0);
  CHECK(br.bgid() == 70);
  CHECK(br.mask() == 3);
  CHECK(br.get()->tail == 0);
  exercise(ring, br);
  CHECK(free_buf_ring(ring, br).ok());
}

TEST_CASE("kernel-mapped buffer ring (buf_ring_flag::mmap): the same") {
  FRING_RING(ring, 8);
  FRING_REQUIRE_REGISTER_OP(reg_op::pbuf_ring);
  auto made = setup_buf_ring(ring, 4, 300, buf_ring_flag::mmap);
  if (lacks_mmap_flag(test::error_of(made)))
    FRING_SKIP("kernel lacks buf_ring_flag::mmap (Linux 6.4)");
  BufRing br = test::must(std::move(made));
  CHECK(br.flags() == buf_ring_flag::mmap);
  CHECK(br.get()->tail == 0);
  exercise(ring, br);
  CHECK(free_buf_ring(ring, br).ok());
}

TEST_CASE("free_buf_ring leaves no mapping and no group behind (user-mapped)") {
  FRING_RING(ring, 4);
  FRING_REQUIRE_REGISTER_OP(reg_op::pbuf_ring);
  const int before = test::count_mappings();
  check_free(ring, test::must(setup_buf_ring(ring, 64, 105, 0)), before);
}

TEST_CASE("free_buf_ring leaves no mapping and no group behind (kernel-mapped)") {
  FRING_RING(ring, 4);
  FRING_REQUIRE_REGISTER_OP(reg_op::pbuf_ring);
  const int before = test::count_mappings();
  auto made = setup_buf_ring(ring, 64, 105, buf_ring_flag::mmap);
  if (lacks_mmap_flag(test::error_of(made)))
    FRING_SKIP("kernel lacks buf_ring_flag::mmap (Linux 6.4)");
  check_free(ring, test::must(std::move(made)), before);
}

TEST_CASE("a BufRing going out of scope unregisters its group and unmaps its ring") {
  FRING_RING(ring, 4);
  FRING_REQUIRE_REGISTER_OP(reg_op::pbuf_ring);
  const int before = test::count_mappings();
  const void* where;
  {
    BufRing br = test::must(setup_buf_ring(ring, 8, 106, 0));
    BufRing moved = std::move(br);
    CHECK(br.get() == nullptr);
    where = moved.get();
    CHECK(mapped(where));
    // Assigning another ring undoes the first one's registration too.
    moved = test::must(setup_buf_ring(ring, 8, 108, 0));
    CHECK(test::error_of(unregister_buf_ring(ring, 106)) == Errno::enoent);
  }
  CHECK_FALSE(mapped(where));
  CHECK(test::count_mappings() == before);
  // The group id is free again.
  CHECK(test::error_of(unregister_buf_ring(ring, 108)) == Errno::enoent);
  BufRing again = test::must(setup_buf_ring(ring, 8, 108, 0));
  CHECK(again.bgid() == 108);
}

TEST_CASE("keep_registered: the group stays with the Ring, the mapping goes") {
  FRING_RING(ring, 4);
  FRING_REQUIRE_REGISTER_OP(reg_op::pbuf_ring);
  const int before = test::count_mappings();
  {
    BufRing br = test::must(setup_buf_ring(ring, 8, 109, 0));
    br.keep_registered();
  }
  CHECK(test::count_mappings() == before);
  CHECK(test::error_of(setup_buf_ring(ring, 8, 109, 0)) == Errno::eexist);
  CHECK(unregister_buf_ring(ring, 109).ok());
}

TEST_CASE("unregister_buf_ring: a missing group is ENOENT, a legacy one EINVAL") {
  FRING_RING(ring, 4);
  FRING_REQUIRE_REGISTER_OP(reg_op::pbuf_ring);
  CHECK(test::error_of(unregister_buf_ring(ring, 999)) == Errno::enoent);
  // Legacy provided buffers and rings do not mix in one group.
  static char pool[64];
  prep_provide_buffers(*test::get_sqe(ring), pool, 64, 1, 999, 0);
  test::submit(ring, 1);
  CHECK(test::reap(ring).res >= 0);
  CHECK(test::error_of(unregister_buf_ring(ring, 999)) == Errno::einval);
  const int before = test::count_mappings();
  CHECK(test::error_of(setup_buf_ring(ring, 4, 999, 0)) == Errno::eexist);
  CHECK(test::count_mappings() == before);
  if (test::missing_register_op(reg_op::pbuf_status) == nullptr) {
    CHECK(test::error_of(buf_ring_head(ring, 999)) == Errno::einval);
  }
}

TEST_CASE("provide_buffers and remove_buffers refuse a group that is a ring") {
  FRING_RING(ring, 4);
  FRING_REQUIRE_REGISTER_OP(reg_op::pbuf_ring);
  BufRing br = test::must(setup_buf_ring(ring, 4, 107, 0));
  static char pool[64];
  prep_provide_buffers(*test::get_sqe(ring), pool, 64, 1, 107, 0);
  test::submit(ring, 1);
  CHECK(test::reap(ring).res == -EINVAL);
  prep_remove_buffers(*test::get_sqe(ring), 1, 107);
  test::submit(ring, 1);
  CHECK(test::reap(ring).res == -EINVAL);
  CHECK(free_buf_ring(ring, br).ok());
}

TEST_CASE("free_buf_ring on another ring fails and keeps the mapping") {
  FRING_RING(ring, 4);
  FRING_REQUIRE_REGISTER_OP(reg_op::pbuf_ring);
  auto other = test::set_up_waiting([&] { return Ring::queue_init(4); });
  REQUIRE(other.ok());
  BufRing br = test::must(setup_buf_ring(ring, 4, 104, 0));
  CHECK(test::error_of(free_buf_ring(other.value(), br)) == Errno::enoent);
  CHECK(br.get() != nullptr);
  CHECK(mapped(br.get()));
  CHECK(free_buf_ring(ring, br).ok());
}

TEST_CASE("setup_buf_ring error paths leave nothing mapped or registered") {
  FRING_RING(ring, 4);
  FRING_REQUIRE_REGISTER_OP(reg_op::pbuf_ring);
  const int before = test::count_mappings();
  // Refused by the kernel after we mapped the ring: not a power of two, and
  // a group that already has a ring.
  CHECK(test::error_of(setup_buf_ring(ring, 3, 108, 0)) == Errno::einval);
  CHECK(test::count_mappings() == before);
  BufRing first = test::must(setup_buf_ring(ring, 4, 108, 0));
  const int with_first = test::count_mappings();
  CHECK(test::error_of(setup_buf_ring(ring, 4, 108, 0)) == Errno::eexist);
  CHECK(test::count_mappings() == with_first);
  // Flags the kernel does not know are refused, and too wide ones never sent.
  CHECK(test::error_of(setup_buf_ring(ring, 4, 109, 0x8000)) == Errno::einval);
  CHECK(test::error_of(setup_buf_ring(ring, 4, 109, 0x20000)) == Errno::einval);
  CHECK(test::count_mappings() == with_first);
  CHECK(test::error_of(unregister_buf_ring(ring, 109)) == Errno::enoent);
  CHECK(free_buf_ring(ring, first).ok());
}

TEST_CASE("setup_buf_ring: a kernel-mapped ring whose mmap fails is unregistered") {
  FRING_RING(ring, 4);
  FRING_REQUIRE_REGISTER_OP(reg_op::pbuf_ring);
  FRING_REQUIRE_FEATURE(reg_reg_ring);
  // With only the registered ring fd left, registration still works but
  // mmap has no fd to map from: the ring must be unregistered again.
  REQUIRE(ring.register_ring_fd().ok());
  REQUIRE(ring.close_ring_fd().ok());
  const int before = test::count_mappings();
  auto made = setup_buf_ring(ring, 4, 110, buf_ring_flag::mmap);
  if (lacks_mmap_flag(test::error_of(made)))
    FRING_SKIP("kernel lacks buf_ring_flag::mmap (Linux 6.4)");
  CHECK(test::error_of(made) == Errno::ebadf);
  CHECK(test::count_mappings() == before);
  CHECK(test::error_of(unregister_buf_ring(ring, 110)) == Errno::enoent);
}

TEST_CASE("buf_ring_head reports the kernel's head") {
  FRING_RING(ring, 8);
  FRING_REQUIRE_REGISTER_OP(reg_op::pbuf_status);
  BufRing br = test::must(setup_buf_ring(ring, 8, 111, 0));
  CHECK(buf_ring_head(ring, 111).value() == 0);
  char pool[5][kLen];
  for (unsigned short bid = 0; bid < 5; ++bid) {
    buf_ring_add(br.get(), pool[bid], kLen, bid, br.mask(), bid);
  }
  buf_ring_advance(br.get(), 5);
  CHECK(buf_ring_head(ring, 111).value() == 0);
  CHECK(buf_ring_available(ring, br.get(), 111).value() == 5);
  BlockPipe pipe;
  pipe.put(3 * kLen, 'x');
  for (int i = 0; i < 3; ++i)
    CHECK(read_one(ring, pipe.reader(), kLen, 111).res == static_cast<int>(kLen));
  CHECK(buf_ring_head(ring, 111).value() == 3);
  CHECK(buf_ring_available(ring, br.get(), 111).value() == 2);
  CHECK(test::error_of(buf_ring_head(ring, 112)) == Errno::enoent);
  CHECK(test::error_of(buf_ring_available(ring, br.get(), 112)) == Errno::enoent);
}

TEST_CASE("read_multishot: a CQE with F_MORE per buffer, -ENOBUFS ends it") {
  FRING_RING(ring, 8);
  FRING_REQUIRE_REGISTER_OP(reg_op::pbuf_ring);
  FRING_REQUIRE_OP(op::read_multishot);
  BufRing br = test::must(setup_buf_ring(ring, 4, 120, 0));
  char pool[4][kLen] = {};
  for (unsigned short bid = 0; bid < 4; ++bid) {
    buf_ring_add(br.get(), pool[bid], kLen, bid, br.mask(), bid);
  }
  buf_ring_advance(br.get(), 4);
  BlockPipe pipe;
  for (int i = 0; i < 4; ++i) pipe.put(kLen, static_cast<char>('a' + i));

  Sqe* s = test::get_sqe(ring);
  prep_read_multishot(*s, pipe.reader(), 0, 0, br.bgid());
  sqe_set_data64(*s, 77);
  test::submit(ring, 1);
  for (unsigned short bid = 0; bid < 4; ++bid) {
    CAPTURE(bid);
    const Cqe c = test::reap(ring);
    CHECK(c.user_data == 77);
    CHECK(c.res == static_cast<int>(kLen));
    CHECK((c.flags & cqe_flag::more) != 0);
    REQUIRE((c.flags & cqe_flag::buffer) != 0);
    CHECK(cqe_buffer_id(c) == bid);
    CHECK(all(pool[bid], kLen, static_cast<char>('a' + bid)));
  }
  // Data but no buffer: whether the kernel looks for a buffer before or
  // after it waits for data, this ends the request.
  pipe.put(kLen, 'e');
  const Cqe end = test::reap(ring);
  CHECK(end.user_data == 77);
  CHECK(end.res == -ENOBUFS);
  CHECK((end.flags & cqe_flag::more) == 0);

  // Refill and re-arm: the waiting block arrives, then end of file ends it.
  for (unsigned short bid = 0; bid < 4; ++bid) {
    buf_ring_add(br.get(), pool[bid], kLen, bid, br.mask(), bid);
  }
  buf_ring_advance(br.get(), 4);
  s = test::get_sqe(ring);
  prep_read_multishot(*s, pipe.reader(), 0, 0, br.bgid());
  sqe_set_data64(*s, 78);
  test::submit(ring, 1);
  const Cqe more = test::reap(ring);
  CHECK(more.user_data == 78);
  CHECK(more.res == static_cast<int>(kLen));
  CHECK((more.flags & cqe_flag::more) != 0);
  REQUIRE((more.flags & cqe_flag::buffer) != 0);
  CHECK(cqe_buffer_id(more) == 0);
  CHECK(all(pool[0], kLen, 'e'));
  pipe.close_writer();
  const Cqe eof = test::reap(ring);
  CHECK(eof.user_data == 78);
  CHECK(eof.res == 0);
  CHECK((eof.flags & cqe_flag::more) == 0);
}

TEST_CASE("incremental consumption: one buffer filled by several reads") {
  FRING_RING(ring, 8);
  FRING_REQUIRE_REGISTER_OP(reg_op::pbuf_ring);
  auto made = setup_buf_ring(ring, 2, 130, buf_ring_flag::inc);
  if (made == Errno::einval) {
    REQUIRE(!test::kernel_at_least(6, 12));  // a kernel that has the flag must take it
    FRING_SKIP("kernel lacks buf_ring_flag::inc (Linux 6.12)");
  }
  BufRing br = test::must(std::move(made));
  REQUIRE(br.incremental());
  static char big[256];
  std::memset(big, 0, sizeof(big));
  buf_ring_add(br.get(), big, sizeof(big), 7, br.mask(), 0);
  buf_ring_advance(br.get(), 1);
  BlockPipe pipe;
  unsigned used = 0;
  for (const char byte : {'A', 'B'}) {
    CAPTURE(byte);
    pipe.put(100, byte);
    read_from_group(ring, pipe.reader(), 100, br.bgid());
    const Cqe* c = test::next_cqe(ring);
    CHECK(c->res == 100);
    REQUIRE((c->flags & cqe_flag::buffer) != 0);
    CHECK(cqe_buffer_id(*c) == 7);
    CHECK(cqe_buffer_more(*c));         // the buffer stays with the kernel...
    CHECK(all(big + used, 100, byte));  // ...and this read's data follows the last
    used += 100;
    buf_ring_cq_advance(ring, br.get(), 1, 0);  // so nothing is put back
    CHECK(buf_ring_head(ring, br.bgid()).value() == 0);
  }
  // The last 56 bytes: the read is cut to what is left and uses it up.
  pipe.put(100, 'C');
  const Cqe last = read_one(ring, pipe.reader(), 100, br.bgid());
  CHECK(last.res == 56);
  REQUIRE((last.flags & cqe_flag::buffer) != 0);
  CHECK(cqe_buffer_id(last) == 7);
  CHECK_FALSE(cqe_buffer_more(last));
  CHECK(all(big + 200, 56, 'C'));
  CHECK(buf_ring_head(ring, br.bgid()).value() == 1);
  CHECK(read_one(ring, pipe.reader(), 100, br.bgid()).res == -ENOBUFS);
}

TEST_CASE("buf_ring_inc_or_whole: incremental where the kernel has it, whole buffers elsewhere") {
  FRING_RING(ring, 8);
  FRING_REQUIRE_REGISTER_OP(reg_op::pbuf_ring);
  BufRing br = test::must(setup_buf_ring(ring, 2, 140, buf_ring_inc_or_whole));
  CHECK((br.flags() & ~unsigned{buf_ring_flag::inc}) == 0);  // fring's own bit is not the kernel's
  // buf_ring_flag::inc alone gets the same answer, or fails where this fell back.
  auto strict = setup_buf_ring(ring, 2, 141, buf_ring_flag::inc);
  CHECK(test::error_of(strict) == (br.incremental() ? Errno{0} : Errno::einval));
  // The choice agrees with what the kernel says to a plain request (on a
  // ring of our own: it must be page-aligned, and pages may be 16K).
  void* mem =
      mmap(nullptr, 2 * sizeof(Buf), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  REQUIRE(mem != MAP_FAILED);
  BufReg reg{};
  reg.ring_addr = reinterpret_cast<uintptr_t>(mem);
  reg.ring_entries = 2;
  reg.bgid = 150;
  const auto direct = register_buf_ring(ring, &reg, buf_ring_flag::inc);
  CHECK(reg.flags == buf_ring_flag::inc);
  CHECK(test::error_of(direct) == (br.incremental() ? Errno{0} : Errno::einval));
  if (direct.ok()) CHECK(unregister_buf_ring(ring, 150).ok());
  munmap(mem, 2 * sizeof(Buf));

  // Two buffers; two reads of 100 bytes. Incremental: both land in buffer 7,
  // one after the other. Whole buffers: each read takes a buffer of its own.
  static char pool[2][256];
  std::memset(pool, 0, sizeof(pool));
  buf_ring_add(br.get(), pool[0], 256, 7, br.mask(), 0);
  buf_ring_add(br.get(), pool[1], 256, 8, br.mask(), 1);
  buf_ring_advance(br.get(), 2);
  BlockPipe pipe;
  pipe.put(100, 'A');
  const Cqe first = read_one(ring, pipe.reader(), 100, br.bgid());
  CHECK(first.res == 100);
  REQUIRE((first.flags & cqe_flag::buffer) != 0);
  CHECK(cqe_buffer_id(first) == 7);
  CHECK(cqe_buffer_more(first) == br.incremental());
  CHECK(all(pool[0], 100, 'A'));
  pipe.put(100, 'B');
  const Cqe second = read_one(ring, pipe.reader(), 100, br.bgid());
  CHECK(second.res == 100);
  REQUIRE((second.flags & cqe_flag::buffer) != 0);
  if (br.incremental()) {
    CHECK(cqe_buffer_id(second) == 7);
    CHECK(cqe_buffer_more(second));
    CHECK(all(pool[0] + 100, 100, 'B'));
  } else {
    CHECK(cqe_buffer_id(second) == 8);
    CHECK_FALSE(cqe_buffer_more(second));
    CHECK(all(pool[1], 100, 'B'));
  }
}

}  // namespace fring
