// SPDX-License-Identifier: MIT
// Wraparound and sizes: what a ring's indices do where they wrap. The
// kernel counts every head and tail from 0 itself (checked here), so the
// u32 wrap at 2^32 is reached only by the kernel consuming 2^32 entries:
// wrap_long_test.cc does that; here the same index battery runs from small
// indices on every ring type, and through the long run's own path (advance,
// then resize). A buffer ring's u16 tail wraps for real: 70,000 recycles.
// And every ring size from 1 to 32768 entries, and CQSIZE with CLAMP.
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "tests/support/fring_test.h"
#include "tests/support/ring_util.h"
#include "tests/wrap_battery.h"

namespace fring {
using test::wrap::Battery;
using test::wrap::kCqEntries;
using test::wrap::kSqEntries;

namespace {

// A ring of type R with the battery's sizes and `flags`.
template <class R>
R battery_ring(uint32_t flags) {
  Params p{};
  p.flags = setup::cqsize | flags;
  p.cq_entries = kCqEntries;
  return test::must(test::set_up_waiting([&] { return R::queue_init_params(kSqEntries, p); }));
}

// True when `ring` (CQE_MIXED) posts a 32-byte CQE for nop_flag::cqe32,
// which Linux 6.18 added with the mixed rings.
bool nop_cqe32_works(Ring& ring) {
  Sqe* sqe = ring.get_sqe();
  REQUIRE(sqe != nullptr);
  prep_nop(*sqe);
  sqe->nop_flags = nop_flag::cqe32;
  REQUIRE(test::must(ring.submit_and_wait(1)) == 1);
  Cqe* cqe = test::must(ring.wait_cqe());
  const bool works = cqe->res == 0 && cqe_nr(*cqe) == 2;
  ring.cqe_seen(cqe);
  return works;
}

const char* cqe_mixed_missing() {
  if (const char* why = test::missing_setup_flag(setup::cqe_mixed, "CQE_MIXED")) {
    return why;
  }
  auto ring = battery_ring<Ring>(setup::cqe_mixed);
  return nop_cqe32_works(ring) ? nullptr : "kernel lacks nop_flag::cqe32 (Linux 6.18)";
}

const char* sqe_mixed_missing() {
  if (const char* why = test::missing_setup_flag(setup::sqe_mixed, "SQE_MIXED")) {
    return why;
  }
  return test::missing_op(op::nop128);
}

unsigned roundup_pow2(unsigned n) {
  unsigned p = 1;
  while (p < n) p <<= 1;
  return p;
}

}  // namespace

// ---------------------------------------------------------------------------
// The u32 heads and tails

TEST_CASE("wrap: the kernel counts from 0 whatever the caller's ring memory holds") {
  if (const char* why = test::missing_setup_flag(setup::no_mmap, "NO_MMAP")) {
    FRING_SKIP(why);
  }
  if (const char* why = test::missing_setup_flag(setup::no_sqarray, "NO_SQARRAY")) {
    FRING_SKIP(why);
  }
  // The offsets, from a ring of the same shape.
  Params shape{};
  shape.flags = setup::no_sqarray;
  const long probe = sys::uring_setup(8, &shape);
  REQUIRE(probe >= 0);
  sys::close(static_cast<int>(probe));
  const size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  char* mem = static_cast<char*>(
      mmap(nullptr, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
  REQUIRE(mem != MAP_FAILED);
  char* rings = mem + page;
  auto word = [rings](uint32_t offset) { return reinterpret_cast<uint32_t*>(rings + offset); };
  const uint32_t kPreset = 0xFFFFFFF0;
  for (uint32_t off :
       {shape.sq_off.head, shape.sq_off.tail, shape.cq_off.head, shape.cq_off.tail}) {
    *word(off) = kPreset;
  }
  Params p{};
  p.flags = setup::no_mmap | setup::no_sqarray;
  p.sq_off.user_addr = reinterpret_cast<uintptr_t>(mem);
  p.cq_off.user_addr = reinterpret_cast<uintptr_t>(rings);
  const long fd = sys::uring_setup(8, &p);
  REQUIRE(fd >= 0);
  // Some kernels zero the words (6.18), others leave them (6.12); neither
  // takes them as its starting point: one NOP in slot 0 is entry 0.
  for (uint32_t off : {p.sq_off.head, p.sq_off.tail, p.cq_off.head, p.cq_off.tail}) {
    CHECK((*word(off) == 0 || *word(off) == kPreset));
  }
  Sqe* sqes = reinterpret_cast<Sqe*>(mem);
  prep_nop(sqes[0]);
  sqe_set_data64(sqes[0], 77);
  *word(p.sq_off.tail) = 1;
  *word(p.cq_off.head) = 0;
  CHECK(sys::uring_enter(static_cast<int>(fd), 1, 1, enter::getevents, nullptr) == 1);
  CHECK(*word(p.sq_off.head) == 1);
  CHECK(*word(p.cq_off.tail) == 1);
  CHECK(reinterpret_cast<Cqe*>(rings + p.cq_off.cqes)[0].user_data == 77);
  sys::close(static_cast<int>(fd));
  munmap(mem, 2 * page);
}

TEST_CASE("wrap: the index battery on Ring and StaticRing<0>") {
  if (const char* why = test::io_uring_unavailable()) FRING_SKIP(why);
  {
    Ring ring = battery_ring<Ring>(0);
    Battery<Ring>(ring, false).run(6);
    CHECK(*ring.sq().khead == 6 * 36);
  }
  StaticRing<0> ring = battery_ring<StaticRing<0>>(0);
  Battery<StaticRing<0>>(ring, false).run(6);
  CHECK(*ring.cq().ktail == 6 * 36);
}

TEST_CASE("wrap: the index battery on CQE_MIXED rings, 32-byte CQEs across the end") {
  if (const char* why = cqe_mixed_missing()) FRING_SKIP(why);
  using Mixed = StaticRing<setup::cqe_mixed>;
  Mixed mixed = battery_ring<Mixed>(0);
  Battery<Mixed>(mixed, true).run(6);
  Ring runtime = battery_ring<Ring>(setup::cqe_mixed);
  Battery<Ring>(runtime, true).run(6);
}

TEST_CASE("wrap: the index battery on SQE_MIXED rings, 128-byte SQEs across the end") {
  if (const char* why = sqe_mixed_missing()) FRING_SKIP(why);
  using Mixed = StaticRing<setup::sqe_mixed>;
  Mixed mixed = battery_ring<Mixed>(0);
  Battery<Mixed>(mixed, false, true).run(6);
  Ring runtime = battery_ring<Ring>(setup::sqe_mixed);
  Battery<Ring>(runtime, false, true).run(6);
  if (const char* why = cqe_mixed_missing()) FRING_SKIP(why);
  using Both = StaticRing<setup::sqe_mixed | setup::cqe_mixed>;
  Both both = battery_ring<Both>(0);
  Battery<Both>(both, true, true).run(6);
}

namespace {

// The long run's path: one whole batch and part of another (the long run
// starts at 0xFFFFFFF0).
constexpr uint32_t kStart = 32768 + 16;

const char* resize_missing() {
  if (const char* why = test::missing_register_op(reg_op::resize_rings)) return why;
  return test::missing_setup_flag(setup::defer_taskrun, "DEFER_TASKRUN");
}

}  // namespace

TEST_CASE("wrap: the long run's path on Ring and StaticRing<0>: advance, resize, battery") {
  if (const char* why = resize_missing()) FRING_SKIP(why);
  {
    Ring ring = test::wrap::advance_then_resize<Ring>(kStart, 0);
    Battery<Ring>(ring, false).run(2);
  }
  StaticRing<0> ring = test::wrap::advance_then_resize<StaticRing<0>>(kStart, 0);
  Battery<StaticRing<0>>(ring, false).run(2);
}

TEST_CASE("wrap: the long run's path on an SQE_MIXED ring: advance, resize, battery") {
  if (const char* why = resize_missing()) FRING_SKIP(why);
  if (const char* why = sqe_mixed_missing()) FRING_SKIP(why);
  using Mixed = StaticRing<setup::sqe_mixed>;
  Mixed mixed = test::wrap::advance_then_resize<Mixed>(kStart, 0);
  Battery<Mixed>(mixed, false, true).run(2);
}

TEST_CASE("wrap: the long run's path on a CQE_MIXED ring: advance, resize, battery") {
  if (const char* why = resize_missing()) FRING_SKIP(why);
  if (const char* why = cqe_mixed_missing()) FRING_SKIP(why);
  using Mixed = StaticRing<setup::cqe_mixed>;
  Mixed mixed = test::wrap::advance_then_resize<Mixed>(kStart, 0);
  Battery<Mixed>(mixed, true).run(2);
}

// ---------------------------------------------------------------------------
// A buffer ring's u16 tail

namespace {

constexpr unsigned kBufs = 32;
constexpr unsigned kBufLen = 16;
constexpr unsigned kRecycles = 70000;

// Receives `kRecycles` blocks of kBufLen bytes from a socket through group
// `bgid` of `br`, 32 reads a round, putting each buffer back once its CQE is
// handled: the ring's u16 tail goes past 65535 and wraps. In each round
// every read completes once with a whole block, every block of the round
// arrives once, and the 32 buffers are 32 different ones (an entry written
// at the wrong index would hand out a stale, repeated one). The kernel
// decides the order (6.1 completes these reads newest first).
void recycle(Ring& ring, BufRing& br) {
  REQUIRE(br.entries() == kBufs);
  // Past 65535 in the first pass; a few rounds in the other combinations.
  const uint32_t recycles = test::matrix_count(kRecycles, 2048);
  const bool have_status = test::missing_register_op(reg_op::pbuf_status) == nullptr;
  PbufRing* r = br.get();
  std::vector<char> pool(size_t{kBufs} * kBufLen);
  auto buf = [&pool](unsigned bid) { return pool.data() + size_t{bid} * kBufLen; };
  for (unsigned bid = 0; bid < kBufs; ++bid) {
    buf_ring_add(r, buf(bid), kBufLen, static_cast<unsigned short>(bid), br.mask(),
                 static_cast<int>(bid));
  }
  buf_ring_advance(r, kBufs);
  // A stream socket pair: receives complete inline on every kernel (6.1
  // hands pipe reads to io-wq workers, 60 times slower under TCG).
  int p[2];
  REQUIRE(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, p) == 0);
  // Block k holds bytes (k * 31 + i) & 0xff: 31 is odd, so the first byte
  // tells 256 consecutive blocks apart.
  auto byte = [](uint32_t k, unsigned i) { return static_cast<char>((k * 31 + i) & 0xff); };
  uint32_t block = 0;
  unsigned bad = 0;
  bool wrapped = false;
  while (block < recycles) {
    char chunk[kBufs * kBufLen];
    for (unsigned k = 0; k < kBufs; ++k) {
      for (unsigned i = 0; i < kBufLen; ++i) chunk[k * kBufLen + i] = byte(block + k, i);
    }
    REQUIRE(write(p[1], chunk, sizeof(chunk)) == static_cast<ssize_t>(sizeof(chunk)));
    for (unsigned k = 0; k < kBufs; ++k) {
      Sqe* sqe = test::get_sqe(ring);  // on SQPOLL rings, waits for the thread to make room
      prep_recv(*sqe, p[0], nullptr, kBufLen, 0);
      sqe_set_flags(*sqe, sqe_flag::buffer_select);
      sqe_set_buf_group(*sqe, br.bgid());
      sqe_set_data64(*sqe, block + k);
    }
    test::submit_and_wait(ring, kBufs, kBufs);
    const uint16_t tail_before = r->tail;
    bool request_seen[kBufs] = {}, block_seen[kBufs] = {}, bid_seen[kBufs] = {};
    unsigned n = 0;
    ring.for_each_cqe([&](Cqe& cqe) {
      const uint64_t request = cqe.user_data - block;
      const unsigned short bid = cqe_buffer_id(cqe);
      if (request >= kBufs || request_seen[request] || cqe.res != static_cast<int>(kBufLen) ||
          (cqe.flags & cqe_flag::buffer) == 0 || bid >= kBufs || bid_seen[bid]) {
        ++bad;
        return;
      }
      request_seen[request] = bid_seen[bid] = true;
      uint32_t k = 0;  // the block whose first byte this is
      while (k < kBufs && byte(block + k, 0) != buf(bid)[0]) ++k;
      bool whole = k < kBufs && !block_seen[k];
      for (unsigned i = 0; whole && i < kBufLen; ++i) whole = buf(bid)[i] == byte(block + k, i);
      if (!whole) {
        ++bad;
        return;
      }
      block_seen[k] = true;
      // Handled: back into the ring.
      buf_ring_add(r, buf(bid), kBufLen, bid, br.mask(), static_cast<int>(n++));
    });
    REQUIRE(n == kBufs);
    buf_ring_cq_advance(ring, r, static_cast<int>(kBufs));
    wrapped = wrapped || static_cast<uint16_t>(r->tail) < tail_before;
    block += kBufs;
  }
  close(p[0]);
  close(p[1]);
  CHECK(bad == 0);
  CHECK(wrapped == (recycles >= kRecycles));
  CHECK(block >= recycles);
  CHECK(r->tail == static_cast<uint16_t>(kBufs + block));  // past 65535 and round
  if (have_status) {
    CHECK(buf_ring_head(ring, br.bgid()).value() == static_cast<uint16_t>(block));
    CHECK(buf_ring_available(ring, r, br.bgid()).value() == kBufs);
  }
}

}  // namespace

TEST_CASE("wrap: a user-mapped buffer ring recycled 70,000 times (its u16 tail wraps)") {
  FRING_REQUIRE_REGISTER_OP(reg_op::pbuf_ring);
  FRING_RING(ring, kBufs);
  BufRing br = test::must(setup_buf_ring(ring, kBufs, 9, 0));
  recycle(ring, br);
}

TEST_CASE("wrap: a kernel-mapped buffer ring recycled 70,000 times (its u16 tail wraps)") {
  FRING_REQUIRE_REGISTER_OP(reg_op::pbuf_ring);
  FRING_RING(ring, kBufs);
  auto made = setup_buf_ring(ring, kBufs, 10, buf_ring_flag::mmap);
  if (test::error_of(made) == Errno::einval && !test::kernel_at_least(6, 4)) {
    FRING_SKIP("kernel lacks buf_ring_flag::mmap (Linux 6.4)");
  }
  BufRing br = test::must(static_cast<Result<BufRing>&&>(made));
  recycle(ring, br);
}

// ---------------------------------------------------------------------------
// Sizes

namespace {

// Fills the whole SQ of `ring` with NOPs, submits, reaps each CQE once in
// order; then half an SQ more, so that both rings' indices pass their ends.
template <class R>
void fill_and_drain(R& ring, unsigned entries) {
  CAPTURE(entries);
  REQUIRE(ring.sq().ring_entries == entries);
  REQUIRE(ring.cq().ring_entries == 2 * entries);
  uint64_t data = 0;
  for (const unsigned n : {entries, entries / 2 + 1}) {
    unsigned queued = 0;
    while (Sqe* sqe = ring.get_sqe()) {
      prep_nop(*sqe);
      sqe_set_data64(*sqe, data + queued);
      if (++queued == n) break;
    }
    REQUIRE(queued == n);
    if (n == entries) CHECK(ring.get_sqe() == nullptr);  // exactly full
    REQUIRE(test::must(ring.submit_and_wait(n)) == n);
    unsigned out_of_order = 0;
    const unsigned seen =
        ring.for_each_cqe([&](Cqe& cqe) { out_of_order += cqe.user_data != data++; });
    CHECK(seen == n);
    CHECK(out_of_order == 0);
    ring.cq_advance(seen);
  }
  CHECK(ring.cq_ready() == 0);
  CHECK(ring.sq_space_left() == entries);
}

}  // namespace

TEST_CASE("wrap: ring sizes 1 to 32768, each full, on Ring and StaticRing<0>") {
  if (const char* why = test::io_uring_unavailable()) FRING_SKIP(why);
  std::vector<unsigned> sizes;
  for (unsigned n = 1; n <= 32768; n <<= 1) sizes.push_back(n);
  for (unsigned n : {3U, 5U, 100U, 1000U, 5000U}) sizes.push_back(n);
  for (const unsigned n : sizes) {
    CAPTURE(n);
    {
      Ring ring = test::must(test::set_up_waiting([n] { return Ring::queue_init(n); }));
      fill_and_drain(ring, roundup_pow2(n));
    }
    if ((n & (n - 1)) == 0) {
      StaticRing<0> fixed =
          test::must(test::set_up_waiting([n] { return StaticRing<0>::queue_init(n); }));
      fill_and_drain(fixed, n);
    }
  }
  // Past the kernel's maximum: refused, or clamped with CLAMP.
  CHECK(test::error_of(test::set_up_waiting([&] { return Ring::queue_init(32769); })) ==
        Errno::einval);
  Ring clamped =
      test::must(test::set_up_waiting([] { return Ring::queue_init(32769, setup::clamp); }));
  CHECK(clamped.sq().ring_entries == 32768);
}

TEST_CASE("wrap: CQSIZE with CLAMP: sizes the kernel clamps, rounds or refuses") {
  if (const char* why = test::io_uring_unavailable()) FRING_SKIP(why);
  struct Case {
    unsigned entries;
    unsigned cq_entries;
    uint32_t flags;
    Errno error;  // 0: set-up works
    unsigned sq;  // the sizes then
    unsigned cq;
  };
  constexpr uint32_t kCq = setup::cqsize;
  constexpr uint32_t kClamp = setup::cqsize | setup::clamp;
  const Case cases[] = {
      {8, 100, kCq, Errno{0}, 8, 128},            // rounded up to a power of two
      {8, 8, kCq, Errno{0}, 8, 8},                // as small as the SQ
      {8, 4, kCq, Errno::einval, 0, 0},           // smaller than the SQ
      {8, 4, kClamp, Errno::einval, 0, 0},        // CLAMP does not raise it
      {8, 0, kCq, Errno::einval, 0, 0},           // none
      {8, 1U << 20, kCq, Errno::einval, 0, 0},    // over 65536
      {8, 1U << 20, kClamp, Errno{0}, 8, 65536},  // clamped
      {1U << 20, 1U << 20, kClamp, Errno{0}, 32768, 65536},
      {40000, 50000, kClamp, Errno{0}, 32768, 65536},
  };
  for (const Case& c : cases) {
    CAPTURE(c.entries);
    CAPTURE(c.cq_entries);
    CAPTURE(c.flags);
    Params p{};
    p.flags = c.flags;
    p.cq_entries = c.cq_entries;
    // fring's own arithmetic agrees with the kernel before asking it.
    const auto size = memory_size_params(c.entries, p);
    auto ring = test::set_up_waiting([&] { return Ring::queue_init_params(c.entries, p); });
    CHECK(test::error_of(ring) == c.error);
    CHECK(test::error_of(size) == c.error);
    if (!ring.ok()) continue;
    CHECK(ring.value().sq().ring_entries == c.sq);
    CHECK(ring.value().cq().ring_entries == c.cq);
    CHECK(p.sq_entries == c.sq);
    CHECK(p.cq_entries == c.cq);
    Params again{};
    again.flags = c.flags & ~setup::clamp;
    again.cq_entries = c.cq;
    CHECK(size.value() == test::must(memory_size_params(c.sq, again)));
  }
  // The largest ring, driven: 65536 CQEs fill the CQ exactly, one more
  // overflows, and all come back once, in order.
  Params p{};
  p.flags = kClamp;
  p.cq_entries = 1U << 20;
  StaticRing<0> ring = test::must(
      test::set_up_waiting([&p] { return StaticRing<0>::queue_init_params(1U << 20, p); }));
  uint64_t data = 0;
  for (unsigned batch = 0; batch < 2; ++batch) {
    for (unsigned i = 0; i < 32768; ++i) {
      Sqe* sqe = ring.get_sqe();
      prep_nop(*sqe);
      sqe_set_data64(*sqe, data++);
    }
    REQUIRE(test::must(ring.submit()) == 32768);
  }
  CHECK(ring.cq_ready() == 65536);
  CHECK_FALSE(ring.cq_has_overflow());
  test::queue_nop(ring, data++);
  REQUIRE(test::must(ring.submit()) == 1);
  CHECK(ring.cq_has_overflow());
  uint64_t want = 0;
  unsigned out_of_order = 0;
  while (want < data) {
    const unsigned n =
        ring.for_each_cqe([&](Cqe& cqe) { out_of_order += cqe.user_data != want++; });
    REQUIRE(n > 0);
    ring.cq_advance(n);
    if (want < data) REQUIRE(test::must(ring.submit_and_wait(0)) == 0);  // flushes the backlog
  }
  CHECK(out_of_order == 0);
  CHECK_FALSE(ring.cq_has_overflow());
}

}  // namespace fring
