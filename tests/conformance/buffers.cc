// SPDX-License-Identifier: MIT
// Zig's conformance tests on provided buffers: 26 (PROVIDE_BUFFERS and
// buffer-select reads), 27 (REMOVE_BUFFERS), 28 (provided buffers for TCP
// receives), 37 (a buffer ring: a receive picks a buffer, which goes back),
// 38 (receives from a ring of two 4-byte buffers: -ENOBUFS, put back, go on)
// and 39 (multishot receive from a buffer ring, restarted, then cancelled).
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <set>

#include "tests/net_support.h"
#include "tests/support/ring_util.h"

namespace fring {
using namespace fring::test::net;

namespace {

// The legacy group of Zig's tests 26-28.
constexpr int kGroup = 1337;
constexpr unsigned kSize = 128;
constexpr unsigned kCount = 4;

// A memory-backed file holding kCount blocks of kSize bytes, block k filled
// with 'a' + k; nothing to clean up but the fd.
struct Blocks {
  Blocks() {
    fd = memfd_create("fring_provide_buffers", MFD_CLOEXEC);
    REQUIRE(fd >= 0);
    for (unsigned k = 0; k < kCount; ++k) {
      char block[kSize];
      std::memset(block, 'a' + static_cast<int>(k), sizeof(block));
      REQUIRE(pwrite(fd, block, sizeof(block), k * kSize) == static_cast<ssize_t>(kSize));
    }
  }
  ~Blocks() { close(fd); }
  int fd;
};

// Provides `nr` buffers of kSize bytes from `pool + bid * kSize` as ids
// bid.. in kGroup and checks the kernel took them.
void provide(Ring& ring, char* pool, int nr, int bid) {
  prep_provide_buffers(*test::get_sqe(ring), pool + bid * static_cast<int>(kSize), kSize, nr,
                       kGroup, bid);
  const int res = test::run(ring);
  // Older kernels report the number of buffers added, newer ones 0.
  CHECK((res == 0 || res == nr));
}

// A buffer-select read of block `block` from `fd`, reaped.
Cqe read_block(Ring& ring, int fd, unsigned block) {
  Sqe* s = test::get_sqe(ring);
  prep_read(*s, fd, nullptr, kSize, block * kSize);
  select_from(s, kGroup);
  return test::complete(ring);
}

// True when buffer `bid` of `pool` holds block `block`.
bool holds(const char* pool, unsigned bid, unsigned block) {
  char want[kSize];
  std::memset(want, 'a' + static_cast<int>(block), sizeof(want));
  return std::memcmp(pool + bid * kSize, want, kSize) == 0;
}

// A receive of up to `len` bytes from `fd` into a buffer of group `bgid`,
// reaped.
Cqe recv_from_group(Ring& ring, int fd, unsigned len, uint16_t bgid) {
  Sqe* s = test::get_sqe(ring);
  prep_recv(*s, fd, nullptr, len, 0);
  select_from(s, bgid);
  return test::complete(ring);
}

// Receives `pool.size` bytes from `fd` into a buffer of group `bgid`, checks
// that they are `want`, and returns the buffer id.
uint16_t recv_chunk(Ring& ring, int fd, Pool& pool, uint16_t bgid, const char* want) {
  const Cqe c = recv_from_group(ring, fd, pool.size, bgid);
  REQUIRE(c.res == static_cast<int>(pool.size));
  REQUIRE((c.flags & cqe_flag::buffer) != 0);
  const uint16_t bid = cqe_buffer_id(c);
  CHECK(std::memcmp(pool.at(bid), want, pool.size) == 0);
  return bid;
}

// Sends `len` bytes from `data` on `fd` through the ring.
void send_all(Ring& ring, int fd, const char* data, unsigned len) {
  prep_send(*test::get_sqe(ring), fd, data, len, 0);
  REQUIRE(test::run(ring) == static_cast<int>(len));
}

// Whether a multishot receive that has emptied the socket waits for more
// data (Linux 6.5, and stable kernels with the same fix), rather than going
// straight on to take another buffer and ending with -ENOBUFS when the group
// is empty, as earlier kernels do. Probed on a plain ring of its own, where
// the receive runs at submit: 4 bytes waiting, one 8-byte buffer.
bool multishot_recv_waits_when_empty() {
  static const bool waits = [] {
    Ring ring = test::must(test::set_up_waiting([&] { return Ring::queue_init(4); }));
    Pool pool(1, 8);
    Result<BufRing> br = Errno::einval;
    REQUIRE(buffer_ring(ring, 2, 7, pool, 1, br));
    TcpPair t;
    tcp_pair(ring, t);
    REQUIRE(send(t.client.get(), "data", 4, 0) == 4);
    Sqe* s = test::get_sqe(ring);
    prep_recv_multishot(*s, t.server.get(), nullptr, 0, 0);
    select_from(s, 7);
    REQUIRE(test::must(ring.submit()) == 1);
    const Cqe first = test::reap(ring);
    REQUIRE(first.res == 4);
    return ring.cq_ready() == 0;
  }();
  return waits;
}

// Zig 37-39's set-up: ring-mapped group kRingGroup with `count` buffers of
// `size` bytes, all published, and a connected TCP pair.
constexpr uint16_t kRingGroup = 1;
struct RingGroup {
  Pool pool;
  Result<BufRing> br = Errno::einval;
  TcpPair t;

  RingGroup(unsigned count, unsigned size) : pool(count, size) {}

  // False, the test skipped, when the kernel has no buffer rings.
  bool set_up(Ring& ring, unsigned count) {
    if (!buffer_ring(ring, count, kRingGroup, pool, count, br)) return false;
    tcp_pair(ring, t);
    return true;
  }
};

}  // namespace

TEST_CASE("Zig 26: provide_buffers: read") {
  FRING_RING(ring, 4);
  FRING_REQUIRE_OP(op::provide_buffers);
  Blocks file;
  static char pool[kCount * kSize];
  std::memset(pool, 0, sizeof(pool));
  provide(ring, pool, kCount, 0);

  std::set<unsigned> used;
  for (unsigned k = 0; k < kCount; ++k) {
    CAPTURE(k);
    const Cqe c = read_block(ring, file.fd, k);
    CHECK(c.res == static_cast<int>(kSize));
    REQUIRE((c.flags & cqe_flag::buffer) != 0);
    const unsigned bid = cqe_buffer_id(c);
    REQUIRE(bid < kCount);
    CHECK(used.insert(bid).second);  // never the same buffer twice
    CHECK(holds(pool, bid, k));
  }
  const Cqe empty = read_block(ring, file.fd, 0);
  CHECK(empty.res == -ENOBUFS);
  CHECK((empty.flags & cqe_flag::buffer) == 0);

  // Hand buffer 2 back: the next read lands in it.
  std::memset(pool + 2 * kSize, 0, kSize);
  provide(ring, pool, 1, 2);
  const Cqe again = read_block(ring, file.fd, 3);
  CHECK(again.res == static_cast<int>(kSize));
  REQUIRE((again.flags & cqe_flag::buffer) != 0);
  CHECK(cqe_buffer_id(again) == 2);
  CHECK(holds(pool, 2, 3));
}

TEST_CASE("Zig 27: remove_buffers") {
  FRING_RING(ring, 4);
  FRING_REQUIRE_OP(op::remove_buffers);
  Blocks file;
  static char pool[kCount * kSize];
  std::memset(pool, 0, sizeof(pool));
  provide(ring, pool, kCount, 0);

  prep_remove_buffers(*test::get_sqe(ring), 3, kGroup);
  CHECK(test::run(ring) == 3);

  const Cqe one = read_block(ring, file.fd, 1);
  CHECK(one.res == static_cast<int>(kSize));
  REQUIRE((one.flags & cqe_flag::buffer) != 0);
  REQUIRE(cqe_buffer_id(one) < kCount);
  CHECK(holds(pool, cqe_buffer_id(one), 1));
  CHECK(read_block(ring, file.fd, 2).res == -ENOBUFS);
}

TEST_CASE("Zig 28: provide_buffers: accept/connect/send/recv") {
  FRING_REQUIRE_OP(op::provide_buffers);
  FRING_RING(ring, 8);
  constexpr int kChunk = 8;
  char pool[2][kChunk];
  Sqe* s = test::get_sqe(ring);
  prep_provide_buffers(*s, pool, kChunk, 2, kGroup, 0);
  test::submit(ring, 1);
  CHECK(test::reap(ring).res >= 0);
  TcpPair t;
  tcp_pair(ring, t);

  char msg[kChunk];
  bool used[2] = {false, false};
  for (char round = 0; round < 3; ++round) {
    std::memset(msg, 'a' + round, sizeof(msg));
    REQUIRE(send(t.client.get(), msg, sizeof(msg), 0) == kChunk);
    s = test::get_sqe(ring);
    prep_recv(*s, t.server.get(), nullptr, kChunk, 0);
    select_from(s, kGroup);
    test::submit(ring, 1);
    const Cqe c = test::reap(ring);
    if (round == 2) {
      CHECK(c.res == -ENOBUFS);  // both buffers are taken
      CHECK((c.flags & cqe_flag::buffer) == 0);
      break;
    }
    REQUIRE(c.res == kChunk);
    REQUIRE((c.flags & cqe_flag::buffer) != 0);
    const uint16_t bid = cqe_buffer_id(c);
    REQUIRE(bid < 2);
    CHECK_FALSE(used[bid]);
    used[bid] = true;
    CHECK(std::memcmp(pool[bid], msg, kChunk) == 0);
  }

  // Give buffer 1 back; the waiting data lands in it.
  s = test::get_sqe(ring);
  prep_provide_buffers(*s, pool[1], kChunk, 1, kGroup, 1);
  s = test::get_sqe(ring);
  prep_recv(*s, t.server.get(), nullptr, kChunk, 0);
  select_from(s, kGroup);
  test::submit(ring, 2);
  CHECK(test::reap(ring).res >= 0);
  const Cqe c = test::reap(ring);
  CHECK(c.res == kChunk);
  CHECK(cqe_buffer_id(c) == 1);
  CHECK(std::memcmp(pool[1], "cccccccc", kChunk) == 0);
}

TEST_CASE("Zig 37: BufferGroup") {
  FRING_RING(ring, 16);
  FRING_REQUIRE_OP(op::recv);
  RingGroup g(8, 1024);
  if (!g.set_up(ring, 8)) return;
  char data[512];
  for (uint16_t round = 0; round < 3; ++round) {
    CAPTURE(round);
    std::memset(data, 'x' + round, sizeof(data));
    send_all(ring, g.t.client.get(), data, sizeof(data));
    // Buffers go out in the order they were published; each one used is put
    // back behind the others.
    const Cqe c = recv_from_group(ring, g.t.server.get(), g.pool.size, kRingGroup);
    CHECK(c.res == static_cast<int>(sizeof(data)));
    REQUIRE((c.flags & cqe_flag::buffer) != 0);
    const uint16_t bid = cqe_buffer_id(c);
    CHECK(bid == round);
    CHECK(std::memcmp(g.pool.at(bid), data, sizeof(data)) == 0);
    g.pool.put(g.br.value(), bid);
  }
}

TEST_CASE("Zig 38: ring mapped buffers recv") {
  FRING_RING(ring, 16);
  FRING_REQUIRE_OP(op::recv);
  RingGroup g(2, 4);
  if (!g.set_up(ring, 2)) return;
  const int server = g.t.server.get();
  for (int round = 0; round < 4; ++round) {
    CAPTURE(round);
    char data[16];
    for (int i = 0; i < 16; ++i) data[i] = static_cast<char>(round * 16 + i);
    send_all(ring, g.t.client.get(), data, sizeof(data));
    // Two buffers of four bytes: each receive takes one chunk.
    const uint16_t first = recv_chunk(ring, server, g.pool, kRingGroup, data);
    const uint16_t second = recv_chunk(ring, server, g.pool, kRingGroup, data + 4);
    CHECK(first != second);
    // Both are in use: the group is empty until they go back.
    const Cqe none = recv_from_group(ring, server, g.pool.size, kRingGroup);
    CHECK(none.res == -ENOBUFS);
    CHECK((none.flags & cqe_flag::buffer) == 0);
    g.pool.put(g.br.value(), first);
    g.pool.put(g.br.value(), second);
    g.pool.put(g.br.value(), recv_chunk(ring, server, g.pool, kRingGroup, data + 8));
    g.pool.put(g.br.value(), recv_chunk(ring, server, g.pool, kRingGroup, data + 12));
  }
}

TEST_CASE("Zig 39: ring mapped buffers multishot recv") {
  FRING_RING(ring, 8);
  FRING_REQUIRE_OP(op::recv);
  RingGroup g(2, 4);
  if (!g.set_up(ring, 2)) return;
  const char data[16] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
  Sqe* s = test::get_sqe(ring);
  prep_send(*s, g.t.client.get(), data, sizeof(data), 0);
  test::submit(ring, 1);
  REQUIRE(test::reap(ring).res == 16);

  // Two buffers of four bytes: two chunks, then the group is empty, which
  // ends the request.
  s = test::get_sqe(ring);
  prep_recv_multishot(*s, g.t.server.get(), nullptr, 0, 0);
  select_from(s, kRingGroup);
  sqe_set_data64(*s, 10);
  test::submit(ring, 1);
  Cqe c = test::reap(ring);
  if (c.res == -EINVAL) FRING_SKIP("kernel lacks multishot op::recv (Linux 6.0)");
  unsigned offset = 0;
  for (int chunk = 0; chunk < 2; ++chunk) {
    if (chunk > 0) c = test::reap(ring);
    CHECK(c.user_data == 10);
    CHECK((c.flags & cqe_flag::more) != 0);
    REQUIRE((c.flags & cqe_flag::buffer) != 0);
    REQUIRE(c.res == 4);
    CHECK(std::memcmp(g.pool.at(cqe_buffer_id(c)), data + offset, 4) == 0);
    offset += 4;
  }
  c = test::reap(ring);
  CHECK(c.user_data == 10);
  CHECK(c.res == -ENOBUFS);
  CHECK((c.flags & (cqe_flag::more | cqe_flag::buffer)) == 0);

  // Put both back and start again: the rest arrives, one buffer at a time.
  g.pool.put(g.br.value(), 0);
  g.pool.put(g.br.value(), 1);
  s = test::get_sqe(ring);
  prep_recv_multishot(*s, g.t.server.get(), nullptr, 0, 0);
  select_from(s, kRingGroup);
  sqe_set_data64(*s, 11);
  test::submit(ring, 1);
  for (int chunk = 0; chunk < 2; ++chunk) {
    c = more(ring, 11);
    REQUIRE(c.res == 4);
    const uint16_t bid = cqe_buffer_id(c);
    CHECK(std::memcmp(g.pool.at(bid), data + offset, 4) == 0);
    offset += 4;
    g.pool.put(g.br.value(), bid);
  }
  // Nothing is left to receive. Where a multishot receive waits for more
  // data, the cancel ends it; where it goes straight on to take a buffer,
  // it has already ended with -ENOBUFS and the cancel finds nothing.
  if (multishot_recv_waits_when_empty()) {
    cancel_and_check(ring, 11, 0, -ECANCELED);
  } else {
    cancel_and_check(ring, 11, -ENOENT, -ENOBUFS);
  }
}

}  // namespace fring
