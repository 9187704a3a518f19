// SPDX-License-Identifier: MIT
// cqe_buffer() (core/cqe_buffer.h): from a completion to the bytes it placed
// in a provided buffer. Every bad buffer id, length, offset and result gives
// its typed error before a pointer is formed (pure CQEs, no kernel); against
// the kernel, buffer-select reads from a pipe land where cqe_buffer() says,
// whole buffers and incrementally consumed ones (buf_ring_flag::inc), and a
// socket's end of stream is told from a group that ran dry.
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstring>

#include "tests/support/files.h"
#include "tests/support/fring_test.h"
#include "tests/support/ring_util.h"

namespace fring {

namespace {

constexpr uint32_t kSize = 16;  // bytes per buffer
constexpr uint32_t kCount = 4;  // buffers per group

Cqe buffer_cqe(int res, uint16_t bid, uint32_t extra_flags = 0) {
  Cqe cqe{};
  cqe.res = res;
  cqe.flags = cqe_flag::buffer | (uint32_t{bid} << cqe_flag::buffer_shift) | extra_flags;
  return cqe;
}

// A buffer-select read of up to `len` bytes from `fd`, reaped.
Cqe select_read(Ring& ring, int fd, unsigned len, uint16_t bgid) {
  Sqe* s = ring.get_sqe();
  REQUIRE(s != nullptr);
  prep_read(*s, fd, nullptr, len, 0);
  sqe_set_flags(*s, sqe_flag::buffer_select);
  sqe_set_buf_group(*s, bgid);
  return test::complete(ring);
}

void put(const test::Pipe& pipe, const char* data) {
  const size_t n = std::strlen(data);
  REQUIRE(write(pipe.fds[1], data, n) == static_cast<ssize_t>(n));
}

}  // namespace

TEST_CASE("cqe_buffer: the data of a buffer id and length inside the group") {
  uint8_t pool[kCount * kSize] = {};
  const BufGroup group{pool, kSize, kCount};
  const CqeBuffer b = test::must(cqe_buffer(buffer_cqe(10, 2), group));
  CHECK(b.data == pool + 2 * kSize);
  CHECK(b.len == 10);
  CHECK(b.bid == 2);
  CHECK_FALSE(b.more);
  // The last buffer, filled exactly; an empty completion.
  CHECK(test::must(cqe_buffer(buffer_cqe(kSize, 3), group)).data == pool + 3 * kSize);
  CHECK(test::must(cqe_buffer(buffer_cqe(0, 0), group)).len == 0);
  // Incremental: the data follows what earlier completions used.
  const CqeBuffer inc = test::must(cqe_buffer(buffer_cqe(6, 1, cqe_flag::buf_more), group, 10));
  CHECK(inc.data == pool + kSize + 10);
  CHECK(inc.len == 6);
  CHECK(inc.more);
  CHECK(test::must(cqe_buffer(buffer_cqe(0, 1), group, kSize)).data == pool + 2 * kSize);
}

TEST_CASE("cqe_buffer: a bad id, length, offset or result is a typed error") {
  uint8_t pool[kCount * kSize] = {};
  const BufGroup group{pool, kSize, kCount};
  CHECK(test::error_of(cqe_buffer(buffer_cqe(1, kCount), group)) == Errno::erange);
  CHECK(test::error_of(cqe_buffer(buffer_cqe(1, 0xffff), group)) == Errno::erange);
  CHECK(test::error_of(cqe_buffer(buffer_cqe(1, 0), BufGroup{pool, kSize, 0})) == Errno::erange);
  CHECK(test::error_of(cqe_buffer(buffer_cqe(kSize + 1, 0), group)) == Errno::eoverflow);
  CHECK(test::error_of(cqe_buffer(buffer_cqe(INT_MAX, 0), group)) == Errno::eoverflow);
  CHECK(test::error_of(cqe_buffer(buffer_cqe(7, 0), group, 10)) == Errno::eoverflow);
  CHECK(test::error_of(cqe_buffer(buffer_cqe(0, 0), group, kSize + 1)) == Errno::eoverflow);
  // offset + len would wrap around to a small number.
  CHECK(test::error_of(cqe_buffer(buffer_cqe(2, 0), group, UINT32_MAX)) == Errno::eoverflow);
  // No buffer: the request's error, or none selected at all.
  CHECK(test::error_of(cqe_buffer(buffer_cqe(-ENOBUFS, 0), group)) == Errno::enobufs);
  CHECK(test::error_of(cqe_buffer(buffer_cqe(-EIO, 0), group)) == Errno::eio);
  Cqe plain{};
  plain.res = 5;
  CHECK(test::error_of(cqe_buffer(plain, group)) == Errno::einval);
  // A negative result that is no errno (the kernel never writes one).
  CHECK(test::error_of(cqe_buffer(buffer_cqe(-4096, 0), group)) == Errno::einval);
  CHECK(test::error_of(cqe_buffer(buffer_cqe(INT_MIN, 0), group)) == Errno::einval);
}

TEST_CASE("cqe_buffer: the end of a stream is no error and no buffer") {
  uint8_t pool[kCount * kSize] = {};
  const BufGroup group{pool, kSize, kCount};
  Cqe eof{};  // res 0, no buffer taken
  const CqeBuffer end = test::must(cqe_buffer(eof, group));
  CHECK(end.end_of_stream());
  CHECK(end.data == nullptr);
  CHECK(end.len == 0);
  eof.flags = cqe_flag::sock_nonempty;  // other flags do not change that
  CHECK(test::must(cqe_buffer(eof, group)).end_of_stream());
  // A zero-byte datagram takes a buffer: that is data, and the buffer is to be given back.
  const CqeBuffer empty = test::must(cqe_buffer(buffer_cqe(0, 2), group));
  CHECK(!empty.end_of_stream());
  CHECK(empty.bid == 2);
  CHECK(empty.data == pool + 2 * kSize);
}

TEST_CASE("cqe_bundle: the buffers of a bundle, checked entry by entry") {
  uint8_t pool[kCount * kSize] = {};
  const BufGroup group{pool, kSize, kCount};
  Buf entries[4] = {};  // a ring of four, as the kernel reads it
  const uint16_t ids[4] = {2, 0, 3, 1};
  for (unsigned i = 0; i < 4; ++i) {
    entries[i].addr = reinterpret_cast<uintptr_t>(pool + ids[i] * kSize);
    entries[i].len = kSize;
    entries[i].bid = ids[i];
  }
  auto* br = reinterpret_cast<PbufRing*>(entries);
  // 40 bytes from entry 3 on: ids 1, 2 and 0 (wrapping), the last in part.
  CqeBundle b = test::must(cqe_bundle(buffer_cqe(40, 1), br, 3, 3, group));
  CHECK(b.count() == 3);
  CqeBuffer out;
  REQUIRE(b.next(&out));
  CHECK((out.bid == 1 && out.len == kSize && out.data == pool + kSize));
  REQUIRE(b.next(&out));
  CHECK((out.bid == 2 && out.len == kSize));
  REQUIRE(b.next(&out));
  CHECK((out.bid == 0 && out.len == 8 && out.data == pool));
  CHECK(!b.next(&out));
  // One buffer, and the end of a stream.
  CHECK(test::must(cqe_bundle(buffer_cqe(5, 2), br, 3, 0, group)).count() == 1);
  CHECK(test::must(cqe_bundle(Cqe{}, br, 3, 0, group)).count() == 0);
  // Errors: the request's own, a head out of step, a bad id or length, too much data.
  CHECK(test::error_of(cqe_bundle(buffer_cqe(-ENOBUFS, 0), br, 3, 0, group)) == Errno::enobufs);
  CHECK(test::error_of(cqe_bundle(buffer_cqe(4, 0), br, 3, 0, group)) == Errno::einval);
  CHECK(test::error_of(cqe_bundle(buffer_cqe(5 * kSize, 2), br, 3, 0, group)) == Errno::eoverflow);
  entries[1].bid = kCount;
  CHECK(test::error_of(cqe_bundle(buffer_cqe(20, 2), br, 3, 0, group)) == Errno::erange);
  entries[1].bid = 0;
  entries[1].len = kSize + 1;
  CHECK(test::error_of(cqe_bundle(buffer_cqe(20, 2), br, 3, 0, group)) == Errno::eoverflow);
}

TEST_CASE("cqe_buffer: a socket's end of stream, then a dry group, told apart") {
  FRING_RING(ring, 8);
  FRING_REQUIRE_REGISTER_OP(reg_op::pbuf_ring);
  BufRing br = test::must(setup_buf_ring(ring, kCount, 23, 0));
  static uint8_t pool[kCount * kSize];
  const BufGroup group{pool, kSize, kCount};
  buf_ring_add(br.get(), pool, kSize, 0, br.mask(), 0);
  buf_ring_advance(br.get(), 1);
  int sv[2];
  REQUIRE(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
  REQUIRE(write(sv[1], "data", 4) == 4);
  auto recv_one = [&] {
    Sqe* s = test::get_sqe(ring);
    REQUIRE(s != nullptr);
    prep_recv(*s, sv[0], nullptr, 0, 0);
    sqe_set_flags(*s, sqe_flag::buffer_select);
    sqe_set_buf_group(*s, br.bgid());
    return test::complete(ring);
  };
  const CqeBuffer first = test::must(cqe_buffer(recv_one(), group));
  CHECK(first.len == 4);
  CHECK(!first.end_of_stream());
  // The group is dry now and the peer still there: the ring ran out.
  REQUIRE(write(sv[1], "more", 4) == 4);
  CHECK(test::error_of(cqe_buffer(recv_one(), group)) == Errno::enobufs);
  // Give the buffer back, read the rest, then the peer closes: end of stream.
  buf_ring_add(br.get(), pool, kSize, 0, br.mask(), 0);
  buf_ring_advance(br.get(), 1);
  CHECK(test::must(cqe_buffer(recv_one(), group)).len == 4);
  buf_ring_add(br.get(), pool, kSize, 0, br.mask(), 0);
  buf_ring_advance(br.get(), 1);
  close(sv[1]);
  CHECK(test::must(cqe_buffer(recv_one(), group)).end_of_stream());
  close(sv[0]);
}

TEST_CASE("cqe_buffer: where buffer-select reads from the kernel landed") {
  FRING_RING(ring, 8);
  FRING_REQUIRE_REGISTER_OP(reg_op::pbuf_ring);
  BufRing br = test::must(setup_buf_ring(ring, kCount, 21, 0));
  static uint8_t pool[kCount * kSize];
  std::memset(pool, 0, sizeof(pool));
  const BufGroup group{pool, kSize, kCount};
  // Published out of id order: the kernel takes them in publication order.
  const uint16_t order[kCount] = {2, 0, 3, 1};
  for (uint16_t i = 0; i < kCount; ++i) {
    buf_ring_add(br.get(), pool + order[i] * kSize, kSize, order[i], br.mask(), i);
  }
  buf_ring_advance(br.get(), kCount);
  test::Pipe pipe;
  const char* messages[kCount] = {"first", "second one", "3", "the fourth, full"};
  for (unsigned i = 0; i < kCount; ++i) {
    CAPTURE(i);
    put(pipe, messages[i]);
    const Cqe cqe = select_read(ring, pipe.fds[0], kSize, br.bgid());
    const CqeBuffer b = test::must(cqe_buffer(cqe, group));
    CHECK(b.bid == order[i]);
    REQUIRE(b.len == std::strlen(messages[i]));
    CHECK(std::memcmp(b.data, messages[i], b.len) == 0);
  }
  // The group is empty now: the read's own error.
  put(pipe, "x");
  CHECK(test::error_of(cqe_buffer(select_read(ring, pipe.fds[0], kSize, br.bgid()), group)) ==
        Errno::enobufs);
}

TEST_CASE("cqe_buffer: incremental consumption, offsets tracked by the caller") {
  FRING_RING(ring, 8);
  FRING_REQUIRE_REGISTER_OP(reg_op::pbuf_ring);
  // Registered by hand, so that the kernel's answer to buf_ring_flag::inc is
  // the one the test sees.
  const size_t ring_bytes = 2 * sizeof(Buf);
  void* mem = mmap(nullptr, ring_bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  REQUIRE(mem != MAP_FAILED);
  BufReg reg{};
  reg.ring_addr = reinterpret_cast<uintptr_t>(mem);
  reg.ring_entries = 2;
  reg.bgid = 22;
  const Result<void> registered = register_buf_ring(ring, &reg, buf_ring_flag::inc);
  if (!registered.ok()) {
    munmap(mem, ring_bytes);
    REQUIRE(registered.error() == Errno::einval);
    REQUIRE(!test::kernel_at_least(6, 12));  // a kernel that has the flag must take it
    FRING_SKIP("kernel lacks buf_ring_flag::inc (Linux 6.12)");
  }
  auto* br = static_cast<PbufRing*>(mem);
  buf_ring_init(br);
  static uint8_t pool[2 * kSize];
  std::memset(pool, 0, sizeof(pool));
  const BufGroup group{pool, kSize, 2};
  buf_ring_add(br, pool + kSize, kSize, 1, buf_ring_mask(2), 0);
  buf_ring_advance(br, 1);
  test::Pipe pipe;
  uint32_t used = 0;  // bytes of buffer 1 that earlier completions used
  for (const char* part : {"abcdef", "ghij", "klmnopqrst"}) {
    CAPTURE(part);
    put(pipe, part);
    const Cqe cqe = select_read(ring, pipe.fds[0], kSize, reg.bgid);
    const CqeBuffer b = test::must(cqe_buffer(cqe, group, used));
    CHECK(b.bid == 1);
    // The last part is cut to the 6 bytes left, which uses the buffer up.
    const size_t expect = std::strlen(part) < kSize - used ? std::strlen(part) : kSize - used;
    REQUIRE(b.len == expect);
    CHECK(std::memcmp(b.data, part, b.len) == 0);
    CHECK(b.data == pool + kSize + used);
    used = b.more ? used + b.len : 0;
  }
  CHECK(used == 0);  // buffer 1 came back from the kernel
  CHECK(std::memcmp(pool + kSize, "abcdefghijklmnop", kSize) == 0);
  // A stale offset (the caller forgot the completions before) is refused.
  CHECK(test::error_of(cqe_buffer(buffer_cqe(10, 1, cqe_flag::buf_more), group, 10)) ==
        Errno::eoverflow);
  REQUIRE(unregister_buf_ring(ring, reg.bgid).ok());
  munmap(mem, ring_bytes);
}

}  // namespace fring
