// SPDX-License-Identifier: MIT
// Multishot requests under pressure: a CQ too small for their completions,
// and an empty buffer ring. A multishot request whose next CQE does not fit
// is ended by the kernel with a final CQE (without cqe_flag::more) that
// waits in the overflow backlog; one whose buffer group runs dry ends with
// -ENOBUFS. For multishot recv on a buffer ring, multishot accept,
// multishot timeout and poll multishot: every arm gets exactly one final
// CQE and nothing after it, the test re-arms on it, and no byte,
// connection or event is lost or seen twice.
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <set>
#include <string>
#include <vector>

#include "tests/net_support.h"
#include "tests/support/fring_test.h"
#include "tests/support/ring_util.h"

namespace fring {
using namespace fring::test::net;

namespace {

// One multishot request, armed again and again: generation g carries
// user_data tag + g. A CQE must belong to the armed generation (an older
// one has had its final CQE); one without F_MORE ends it.
class Generations {
 public:
  explicit Generations(uint64_t tag) : tag_(tag) {}

  // The user_data for a new arm.
  uint64_t arm() {
    REQUIRE_FALSE(armed_);
    armed_ = true;
    ++arms_;
    return tag_ + finals_;
  }

  // Records `cqe`; true when it ended the armed generation.
  bool ends(const Cqe& cqe) {
    CHECK_MESSAGE(armed_, "a CQE after the final one: ", cqe.user_data);
    CHECK(cqe.user_data == tag_ + finals_);
    if (cqe.flags & cqe_flag::more) {
      ++more_;
      return false;
    }
    armed_ = false;
    ++finals_;
    return true;
  }

  bool armed() const { return armed_; }
  uint64_t current() const { return tag_ + finals_; }
  unsigned arms() const { return arms_; }
  unsigned finals() const { return finals_; }
  unsigned more() const { return more_; }

 private:
  uint64_t tag_;
  bool armed_ = false;
  unsigned arms_ = 0;
  unsigned finals_ = 0;
  unsigned more_ = 0;
};

// A ring with 2 SQ entries and a CQ of `cq` entries.
Ring small_cq(unsigned cq) {
  Params p{};
  p.flags = setup::cqsize;
  p.cq_entries = cq;
  return test::must(test::set_up_waiting([&] { return Ring::queue_init_params(2, p); }));
}

// Hands every CQE ready now (the overflow backlog flushed in as the CQ
// empties) to `f`; returns true when the CQ was full with a backlog behind
// it when the drain began.
template <class F>
bool drain(Ring& ring, F f) {
  const bool overflowed = ring.cq_ready() == ring.cq().ring_entries && ring.cq_has_overflow();
  for (auto cqe = ring.peek_cqe(); cqe.ok(); cqe = ring.peek_cqe()) {
    const Cqe copy = *cqe.value();
    ring.cqe_seen(cqe.value());
    f(copy);
  }
  return overflowed;
}

// Cancels the armed generation of `g` and checks that it ends once: with
// -ECANCELED, or, when it had ended on its own already (a receive before
// Linux 6.5 stops as soon as the buffer group is empty), the cancel finds
// nothing and the final CQE says why it ended.
void cancel(Ring& ring, Generations& g) {
  REQUIRE(g.armed());
  Sqe* sqe = test::get_sqe(ring);
  prep_cancel64(*sqe, g.current(), 0);
  sqe_set_data64(*sqe, 1);
  test::submit(ring, 1);
  int cancelled = 1, last = 1;
  while (g.armed() || cancelled == 1) {
    const Cqe c = test::reap(ring);
    if (c.user_data == 1) {
      cancelled = c.res;
    } else if (g.ends(c)) {
      last = c.res;
    }
  }
  CHECK_MESSAGE(
      ((cancelled == 0 && last == -ECANCELED) || (cancelled == -ENOENT && last != -ECANCELED)),
      "cancel ", cancelled, ", last CQE ", last);
  CHECK(g.finals() == g.arms());
}

// ---------------------------------------------------------------------------
// Multishot recv on a buffer ring

constexpr unsigned kChunk = 16;
constexpr uint16_t kGroup = 21;

char stream_byte(size_t i) { return static_cast<char>((i * 7 + i / 256) & 0xff); }

// A receiving end for multishot recv: a buffer ring of `count` buffers of
// kChunk bytes, the bytes received so far, and the arms.
struct Receiver {
  Ring& ring;
  int fd;
  BufRing br;
  std::vector<char> pool;
  std::string got;
  Generations gens{0x5000};
  unsigned enobufs = 0;
  unsigned ended_with_data = 0;

  Receiver(Ring& r, int socket, unsigned count, bool publish)
      : ring(r),
        fd(socket),
        br(test::must(setup_buf_ring(r, count, kGroup, 0))),
        pool(size_t{count} * kChunk) {
    if (publish) {
      for (unsigned bid = 0; bid < count; ++bid) give_back(static_cast<uint16_t>(bid));
    }
  }

  void give_back(uint16_t bid) {
    buf_ring_add(br.get(), pool.data() + size_t{bid} * kChunk, kChunk, bid, br.mask(), 0);
    buf_ring_advance(br.get(), 1);
  }

  void arm() {
    Sqe* sqe = test::get_sqe(ring);
    REQUIRE(sqe != nullptr);
    prep_recv_multishot(*sqe, fd, nullptr, 0, 0);
    sqe_set_flags(*sqe, sqe_flag::buffer_select);
    sqe_set_buf_group(*sqe, kGroup);
    sqe_set_data64(*sqe, gens.arm());
    test::submit(ring, 1);
  }

  // Takes one CQE: its bytes appended, its buffer put back; a final CQE
  // re-arms.
  void take(const Cqe& c) {
    const bool final = gens.ends(c);
    if (c.res > 0) {
      REQUIRE((c.flags & cqe_flag::buffer) != 0);
      const uint16_t bid = cqe_buffer_id(c);
      REQUIRE(bid < br.entries());
      got.append(pool.data() + size_t{bid} * kChunk, static_cast<size_t>(c.res));
      give_back(bid);
      ended_with_data += final;
    } else {
      CHECK_MESSAGE(c.res == -ENOBUFS, "multishot recv ended with ", c.res);
      CHECK((c.flags & cqe_flag::buffer) == 0);
      enobufs += final;
    }
    if (final) arm();
  }

  // False (after skipping) when the kernel refuses multishot recv.
  bool supported() {
    if (ring.cq_ready() == 0) return true;
    Cqe* c = test::must(ring.peek_cqe());
    if (c->res != -EINVAL || test::kernel_at_least(6, 0)) return true;
    test::mark_skipped("kernel lacks multishot op::recv (Linux 6.0)");
    return false;
  }
};

void send_bytes(int fd, size_t from, size_t n) {
  std::string s(n, '\0');
  for (size_t i = 0; i < n; ++i) s[i] = stream_byte(from + i);
  REQUIRE(send(fd, s.data(), n, 0) == static_cast<ssize_t>(n));
}

bool stream_intact(const std::string& got, size_t n) {
  if (got.size() != n) return false;
  for (size_t i = 0; i < n; ++i) {
    if (got[i] != stream_byte(i)) return false;
  }
  return true;
}

struct SocketPair {
  SocketPair() { REQUIRE(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) == 0); }
  ~SocketPair() {
    close(fds[0]);
    close(fds[1]);
  }
  int fds[2];
};

}  // namespace

TEST_CASE("multishot recv: a 4-entry CQ ends it with its data; re-armed, every byte arrives once") {
  FRING_REQUIRE_REGISTER_OP(reg_op::pbuf_ring);
  Ring ring = small_cq(4);
  SocketPair s;
  Receiver rx(ring, s.fds[0], 64, true);
  rx.arm();
  if (!rx.supported()) return;
  constexpr size_t kTotal = 200 * kChunk;
  bool saw_overflow = false;
  // One chunk a send; the CQ is reaped only every twelfth, so it fills and
  // the kernel ends the request.
  for (size_t sent = 0; sent < kTotal; sent += kChunk) {
    send_bytes(s.fds[1], sent, kChunk);
    if ((sent / kChunk) % 12 == 11) {
      saw_overflow |= drain(ring, [&](const Cqe& c) { rx.take(c); });
    }
  }
  while (rx.got.size() < kTotal) rx.take(test::reap(ring));
  (void)drain(ring, [&](const Cqe& c) { rx.take(c); });
  CHECK(stream_intact(rx.got, kTotal));
  CHECK(saw_overflow);
  CHECK(rx.gens.finals() >= 1);
  CHECK(rx.ended_with_data + rx.enobufs == rx.gens.finals());
  cancel(ring, rx.gens);
}

TEST_CASE("multishot recv: an empty buffer ring ends it with -ENOBUFS; refilled, nothing is lost") {
  FRING_REQUIRE_REGISTER_OP(reg_op::pbuf_ring);
  FRING_RING(ring, 8);
  SocketPair s;
  constexpr unsigned kBufs = 4;
  Receiver rx(ring, s.fds[0], kBufs, false);  // nothing published yet
  constexpr size_t kTotal = 24 * kBufs * kChunk;
  send_bytes(s.fds[1], 0, kTotal);
  // Armed on data with no buffer: it ends at once.
  rx.arm();
  if (!rx.supported()) return;
  Cqe first = test::reap(ring);
  CHECK(first.res == -ENOBUFS);
  CHECK(rx.gens.ends(first));
  // From now on buffers come back only when their CQEs are handled, a few
  // CQEs at a time: the ring runs dry again and again.
  for (uint16_t bid = 0; bid < kBufs; ++bid) rx.give_back(bid);
  rx.arm();
  while (rx.got.size() < kTotal) rx.take(test::reap(ring));
  CHECK(stream_intact(rx.got, kTotal));
  CHECK(rx.enobufs >= 1);
  cancel(ring, rx.gens);
}

// ---------------------------------------------------------------------------
// Multishot accept

TEST_CASE(
    "multishot accept: a 4-entry CQ ends it with a connection; re-armed, each accepted once") {
  if (const char* why = test::io_uring_unavailable()) FRING_SKIP(why);
  Ring ring = small_cq(4);
  SockaddrIn addr;
  Fd listener = tcp_listener(&addr);
  Generations gens(0x6000);
  auto arm = [&] {
    Sqe* sqe = test::get_sqe(ring);
    prep_multishot_accept(*sqe, listener.get(), nullptr, nullptr, SOCK_CLOEXEC);
    sqe_set_data64(*sqe, gens.arm());
    test::submit(ring, 1);
  };
  arm();
  constexpr unsigned kClients = 16;
  std::vector<Fd> clients;
  std::set<int> client_ports;
  std::vector<Fd> accepted;
  std::set<int> accepted_ports;
  bool supported = true;
  auto take = [&](const Cqe& c) {
    const bool final = gens.ends(c);
    if (c.res == -EINVAL && gens.arms() == 1 && !test::kernel_at_least(5, 19)) {
      supported = false;
      return;
    }
    REQUIRE_MESSAGE(c.res >= 0, "accept: ", c.res);
    accepted.emplace_back(c.res);
    SockaddrIn peer{};
    socklen_t len = sizeof(peer);
    REQUIRE(getpeername(c.res, reinterpret_cast<sockaddr*>(&peer), &len) == 0);
    CHECK(accepted_ports.insert(peer.sin_port).second);  // never twice
    if (final) arm();
  };
  bool saw_overflow = false;
  for (unsigned i = 0; i < kClients; ++i) {
    Fd client(socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    REQUIRE(client.get() >= 0);
    REQUIRE(connect(client.get(), reinterpret_cast<const sockaddr*>(&addr), sizeof(addr)) == 0);
    client_ports.insert(local_address(client.get()).sin_port);
    clients.push_back(static_cast<Fd&&>(client));
    if (i == 7) saw_overflow |= drain(ring, take);
    if (!supported) FRING_SKIP("kernel lacks multishot accept (Linux 5.19)");
  }
  while (accepted.size() < kClients) take(test::reap(ring));
  CHECK(accepted_ports == client_ports);
  CHECK(saw_overflow);
  CHECK(gens.finals() >= 1);
  cancel(ring, gens);
}

// ---------------------------------------------------------------------------
// Multishot timeout

TEST_CASE("multishot timeout: a 2-entry CQ ends it; re-armed; a count ends it; remove ends it") {
  if (const char* why = test::io_uring_unavailable()) FRING_SKIP(why);
  Ring roomy = test::must(test::set_up_waiting([&] { return Ring::queue_init(8); }));
  Ring ring = small_cq(2);
  const Timespec every_ms{0, 1000000};
  auto arm = [&](Ring& r, Generations& g, unsigned count) {
    Sqe* sqe = test::get_sqe(r);
    prep_timeout(*sqe, &every_ms, count, timeout_flag::multishot);
    sqe_set_data64(*sqe, g.arm());
    test::submit(r, 1);
  };
  // Removes the armed generation of `g` on `r`: it ends with -ECANCELED,
  // or, when an expiry ended it first, the removal finds nothing.
  auto remove = [&](Ring& r, Generations& g) {
    Sqe* sqe = test::get_sqe(r);
    prep_timeout_remove(*sqe, g.current(), 0);
    sqe_set_data64(*sqe, 1);
    test::submit(r, 1);
    int removed = 1, last = 1;
    while (g.armed() || removed == 1) {
      const Cqe c = test::reap(r);
      if (c.user_data == 1) {
        removed = c.res;
      } else if (g.ends(c)) {
        last = c.res;
      } else {
        CHECK(c.res == -ETIME);
      }
    }
    CHECK(((removed == 0 && last == -ECANCELED) || (removed == -ENOENT && last == -ETIME)));
    CHECK(g.finals() == g.arms());
  };
  Generations gens(0x7000);
  arm(ring, gens, 0);  // forever
  Cqe first = test::reap(ring);
  if (first.res == -EINVAL && !test::kernel_at_least(6, 4)) {
    FRING_SKIP("kernel lacks timeout_flag::multishot (Linux 6.4)");
  }
  CHECK(first.res == -ETIME);
  CHECK_FALSE(gens.ends(first));
  // Not reaped for 30 ms: the CQ fills after two more, the next expiry
  // cannot post and ends the request, its final CQE in the backlog.
  bool saw_overflow = false;
  for (int round = 0; round < 3; ++round) {
    usleep(30000);
    saw_overflow |= drain(ring, [&](const Cqe& c) {
      CHECK(c.res == -ETIME);
      if (gens.ends(c)) arm(ring, gens, 0);
    });
  }
  CHECK(saw_overflow);
  CHECK(gens.finals() >= 1);
  remove(ring, gens);
  // A count of 3 on a roomy CQ: two with F_MORE, then the final one.
  Generations counted(0x7100);
  arm(roomy, counted, 3);
  for (int i = 0; i < 3; ++i) {
    const Cqe c = test::reap(roomy);
    CHECK(c.res == -ETIME);
    CHECK(counted.ends(c) == (i == 2));
  }
  CHECK(counted.more() == 2);
  // Forever, removed after a few.
  arm(roomy, counted, 0);
  for (int i = 0; i < 3; ++i) CHECK_FALSE(counted.ends(test::reap(roomy)));
  remove(roomy, counted);
}

// ---------------------------------------------------------------------------
// Poll multishot

TEST_CASE("poll multishot: a 4-entry CQ ends it with its event; re-armed; remove ends it") {
  if (const char* why = test::io_uring_unavailable()) FRING_SKIP(why);
  Ring ring = small_cq(4);
  const int efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  REQUIRE(efd >= 0);
  Generations gens(0x8000);
  auto arm = [&] {
    Sqe* sqe = test::get_sqe(ring);
    prep_poll_multishot(*sqe, efd, POLLIN);
    sqe_set_data64(*sqe, gens.arm());
    test::submit(ring, 1);
  };
  arm();
  bool saw_overflow = false;
  unsigned events = 0;
  auto take = [&](const Cqe& c) {
    CHECK((c.res & POLLIN) != 0);
    ++events;
    if (gens.ends(c)) arm();
  };
  const uint64_t one = 1;
  for (int i = 0; i < 30; ++i) {
    REQUIRE(write(efd, &one, sizeof(one)) == sizeof(one));  // a wake-up each
    if (i % 10 == 9) saw_overflow |= drain(ring, take);
  }
  CHECK(saw_overflow);
  CHECK(gens.finals() >= 1);
  CHECK(events >= 4);
  Sqe* sqe = test::get_sqe(ring);
  prep_poll_remove(*sqe, gens.current());
  sqe_set_data64(*sqe, 1);
  test::submit(ring, 1);
  bool removed = false;
  while (gens.armed() || !removed) {
    const Cqe c = test::reap(ring);
    if (c.user_data == 1) {
      CHECK(c.res == 0);
      removed = true;
    } else if (gens.ends(c)) {
      CHECK(c.res == -ECANCELED);
    }
  }
  CHECK(gens.finals() == gens.arms());
  close(efd);
}

}  // namespace fring
