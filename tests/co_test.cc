// SPDX-License-Identifier: MIT
// fring/co in every shape x mode of the matrix: tasks and their results,
// frame storage running out, each short form against real files, pipes and
// sockets, chains and link timeouts, streams, cancellation, destroying tasks
// in flight, and the driver's pieces.
#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>

#include "fring/co/co.h"
#include "tests/net_support.h"
#include "tests/support/files.h"
#include "tests/support/fring_test.h"

namespace fring {
namespace {

using Pool = co::FramePool<1024, 32>;

// Starts a task by hand (co::run() would wait for it; co::spawn() would
// give it up).
template <class T>
void start(co::Task<T>& task) {
  REQUIRE(task.ok());
  task.frame()->started = true;
  task.frame()->self.resume();
}

co::Task<int> nops(co::FrameStorage&, Ring& ring, int n) {
  for (int i = 0; i < n; ++i) {
    FRING_CO_TRY(co_await co::nop(ring));
  }
  co_return n;
}

co::Task<Result<int>> sum_of_children(co::FrameStorage& fs, Ring& ring) {
  FRING_CO_TRY_ASSIGN(int a, co_await nops(fs, ring, 3));
  FRING_CO_TRY_ASSIGN(int b, co_await nops(fs, ring, 4));
  co_return a + b;
}

co::Task<void> nothing(co::FrameStorage&, Ring& ring, int* out) {
  *out = (co_await co::nop(ring)).value_or(-1);
}

co::Task<Result<void>> read_bad_fd(co::FrameStorage&, Ring& ring) {
  char c;
  FRING_CO_TRY(co_await co::read(ring, -1, &c, 1, 0));
  co_return {};
}

TEST_CASE("co/task: results of Task<int>, Task<Result<int>>, Task<void>, errors") {
  FRING_RING(ring, 16);
  static Pool pool;
  CHECK(test::must(co::run(ring, sum_of_children(pool, ring))) == 7);
  int out = -2;
  CHECK(co::run(ring, nothing(pool, ring, &out)).ok());
  CHECK(out == 0);
  CHECK(test::error_of(co::run(ring, read_bad_fd(pool, ring))) == Errno::ebadf);
  CHECK(pool.used() == 0);
  CHECK(pool.draining() == 0);
}

TEST_CASE("co/storage: a full pool or a small slot makes a task holding ENOMEM") {
  co::FramePool<1024, 1> one;
  co::FramePool<64, 4> small;
  Ring unused;
  auto first = nops(one, unused, 0);
  CHECK(first.ok());
  auto second = nops(one, unused, 0);
  CHECK(!second.ok());
  CHECK(second.error() == Errno::enomem);
  CHECK(test::error_of(second.result()) == Errno::enomem);
  CHECK(test::error_of(co::run(unused, nops(small, unused, 0))) == Errno::enomem);
  CHECK(!nops(small, unused, 0));
  first.reset();  // never started: freed at once
  CHECK(one.used() == 0);
}

// A storage of the caller's own: counts and forwards to a pool.
struct Counting {
  Pool pool;
  unsigned calls = 0;
  void* allocate(size_t n) {
    ++calls;
    return pool.allocate(n);
  }
  void deallocate(void* p, size_t n) { pool.deallocate(p, n); }
};

TEST_CASE("co/storage: an allocator of one's own plugs in") {
  FRING_RING(ring, 16);
  Counting counting;
  co::FrameStorage storage(counting);
  CHECK(test::must(co::run(ring, sum_of_children(storage, ring))) == 7);
  CHECK(counting.calls == 3);
  CHECK(counting.pool.used() == 0);
}

co::Task<int> file_round_trip(co::FrameStorage&, Ring& ring, const char* path) {
  FRING_CO_TRY_ASSIGN(int fd, co_await co::openat(ring, AT_FDCWD, path, O_RDWR | O_CLOEXEC, 0));
  static const char kText[] = "coroutines";
  FRING_CO_TRY_ASSIGN(int wrote, co_await co::write(ring, fd, kText, sizeof(kText), 0));
  char back[sizeof(kText)] = {};
  FRING_CO_TRY_ASSIGN(int got, co_await co::read(ring, fd, back, sizeof(back), 0));
  FRING_CO_TRY(co_await co::close(ring, fd));
  if (wrote != got || std::memcmp(back, kText, sizeof(kText)) != 0) co_return Errno::eio;
  co_return got;
}

TEST_CASE("co/await: openat, write, read and close on a file") {
  FRING_RING(ring, 16);
  FRING_REQUIRE_OP(op::openat);
  static Pool pool;
  test::TempFile file("co");
  CHECK(test::must(co::run(ring, file_round_trip(pool, ring, file.path.c_str()))) == 11);
}

co::Task<int> echo_once(co::FrameStorage&, Ring& ring, int listener, SockaddrIn addr) {
  int client = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (client < 0) co_return Errno::emfile;
  auto linked = co_await co::link(
      ring, [&](Sqe& s) { prep_connect(s, client, test::net::as_sockaddr(addr), sizeof(addr)); },
      [&](Sqe& s) { prep_send(s, client, "ping", 4, 0); });
  FRING_CO_TRY(linked.at[0].result());
  FRING_CO_TRY(linked.at[1].result());
  FRING_CO_TRY_ASSIGN(int server, co_await co::accept(ring, listener, SOCK_CLOEXEC));
  char buf[8] = {};
  FRING_CO_TRY_ASSIGN(int n, co_await co::recv(ring, server, buf, sizeof(buf), 0));
  FRING_CO_TRY(co_await co::send(ring, server, buf, static_cast<size_t>(n), 0));
  FRING_CO_TRY_ASSIGN(int back, co_await co::recv(ring, client, buf, sizeof(buf), 0));
  ::close(server);
  ::close(client);
  co_return std::memcmp(buf, "ping", 4) == 0 ? back : -1;
}

TEST_CASE("co/await: connect and send linked, accept, recv, send over loopback") {
  FRING_RING(ring, 16);
  FRING_REQUIRE_OP(op::send);
  static Pool pool;
  SockaddrIn addr{};
  test::net::Fd listener = test::net::tcp_listener(&addr);
  CHECK(test::must(co::run(ring, echo_once(pool, ring, listener.get(), addr))) == 4);
}

co::Task<Result<int>> chain_outcomes(co::FrameStorage&, Ring& ring, int pipe_reader) {
  // A failed request ends its chain: the NOP after it is cancelled.
  char c;
  auto failed = co_await co::link(
      ring, [&](Sqe& s) { prep_read(s, -1, &c, 1, 0); }, [](Sqe& s) { prep_nop(s); });
  if (failed.at[0].result() != Errno::ebadf) co_return Errno::eproto;
  if (failed.at[1].result() != Errno::ecanceled) co_return Errno::eproto;
  // A read that never completes is cut by its link timeout.
  auto cut = co_await co::with_timeout(
      ring, [&](Sqe& s) { prep_read(s, pipe_reader, &c, 1, 0); }, Timespec{0, 10'000'000});
  if (cut.result() != Errno::ecanceled) co_return Errno::eproto;
  // One that completes first keeps its result.
  auto quick = co_await co::with_timeout(
      ring, [](Sqe& s) { prep_nop(s); }, Timespec{5, 0});
  FRING_CO_TRY(quick.result());
  // A timeout on its own ends with -ETIME.
  if (co_await co::timeout(ring, Timespec{0, 1'000'000}) != Errno::etime) co_return Errno::eproto;
  co_return 0;
}

TEST_CASE("co/await: linked chains, link timeouts and timeouts") {
  FRING_RING(ring, 16);
  FRING_REQUIRE_OP(op::link_timeout);
  static Pool pool;
  test::Pipe pipe;
  CHECK(test::must(co::run(ring, chain_outcomes(pool, ring, pipe.fds[0]))) == 0);
}

co::Task<Result<int>> big_nop(co::FrameStorage&, Ring& ring, bool nop128) {
  auto c = co_await co::request128(ring, [nop128](Sqe& s) {
    if (nop128) {
      prep_nop128(s);
    } else {
      prep_nop(s);
    }
  });
  FRING_CO_TRY(c.result());
  co_return c.res;
}

TEST_CASE("co/await: a 128-byte SQE where the ring has them") {
  FRING_RING(ring, 16);
  static Pool pool;
  if (!(ring.flags() & (setup::sqe128 | setup::sqe_mixed))) {
    FRING_SKIP("a 128-byte SQE needs setup::sqe128 or setup::sqe_mixed");
  }
  // Every SQE of an SQE128 ring is 128 bytes: a NOP fills one on any kernel
  // that has them (5.19). A mixed ring reads the size from the opcode.
  if (ring.flags() & setup::sqe128) {
    CHECK(test::must(co::run(ring, big_nop(pool, ring, false))) == 0);
  }
  FRING_REQUIRE_OP(op::nop128);
  CHECK(test::must(co::run(ring, big_nop(pool, ring, true))) == 0);
}

co::Task<Result<int>> big_cqe(co::FrameStorage&, Ring& ring) {
  auto c = co_await co::request(ring, [](Sqe& s) {
    prep_nop(s);
    s.nop_flags = nop_flag::cqe32 | nop_flag::inject_result;
    s.len = 7;
    s.off = 0x1111;
    s.addr = 0x2222;
  });
  FRING_CO_TRY(c.result());
  if (c.big[0] != 0x1111 || c.big[1] != 0x2222) co_return Errno::eproto;
  co_return c.res;
}

TEST_CASE("co/await: the second half of a 32-byte CQE reaches the Completion") {
  FRING_RING(ring, 16);
  static Pool pool;
  if (!(ring.flags() & (setup::cqe32 | setup::cqe_mixed))) {
    FRING_SKIP("a 32-byte CQE needs setup::cqe32 or setup::cqe_mixed");
  }
  auto r = co::run(ring, big_cqe(pool, ring));
  if (r == Errno::einval) FRING_SKIP("kernel lacks nop_flag::cqe32 (Linux 6.18)");
  CHECK(test::must(static_cast<Result<int>&&>(r)) == 7);
}

co::Task<Result<int>> send_zero_copy(co::FrameStorage&, Ring& ring, int fd, uint32_t* flags) {
  static const char kText[] = "zero copy";
  co::Completion c =
      co_await co::request(ring, [fd](Sqe& s) { prep_send_zc(s, fd, kText, sizeof(kText), 0, 0); });
  *flags = c.flags;
  co_return c.result();
}

TEST_CASE("co/await: request() of a zero-copy send resumes once its notification is in") {
  FRING_RING(ring, 16);
  FRING_REQUIRE_OP(op::send_zc);
  static Pool pool;
  test::net::TcpPair t;
  test::net::tcp_pair(ring, t);
  uint32_t flags = 0;
  CHECK(test::must(co::run(ring, send_zero_copy(pool, ring, t.client.get(), &flags))) == 10);
  // The result's CQE (with cqe_flag::more), then the notification's.
  CHECK((flags & cqe_flag::notif) != 0);
  CHECK((flags & cqe_flag::more) == 0);
  char back[16] = {};
  CHECK(::recv(t.server.get(), back, sizeof(back), 0) == 10);
  CHECK(std::strcmp(back, "zero copy") == 0);
  CHECK(pool.used() == 0);
}

TEST_CASE("co/await: short forms wait for room when the SQ is full") {
  // Four tasks on a ring of two SQEs: an await that finds the SQ full
  // submits to make room. Reaped into a Ready list, so that the CQ (four
  // entries) never holds more than the four requests in flight.
  FRING_RING(ring, 2);
  static Pool pool;
  co::Task<int> tasks[4] = {nops(pool, ring, 10), nops(pool, ring, 10), nops(pool, ring, 10),
                            nops(pool, ring, 10)};
  for (auto& t : tasks) start(t);
  co::Ready ready;
  auto all_done = [&tasks] {
    for (auto& t : tasks) {
      if (!t.done()) return false;
    }
    return true;
  };
  for (int turns = 0; !all_done() && turns < 1000; ++turns) {
    test::must(ring.submit_and_wait(1));
    co::reap(ring, ready);
    ready.resume();
  }
  for (auto& t : tasks) CHECK(test::must(t.result()) == 10);
}

co::Task<Result<int>> tick(co::FrameStorage&, Ring& ring) {
  auto ticks = co::timeout_stream(ring, Timespec{0, 1'000'000}, 3);
  int items = 0;
  for (;;) {
    co::Completion c = co_await ticks.next();
    if (c.res != -static_cast<int>(Errno::etime)) co_return c.result();
    ++items;
    if (!c.more()) break;
  }
  if (!ticks.done()) co_return Errno::eproto;
  if ((co_await ticks.next()).result() != Errno::enodata) co_return Errno::eproto;
  co_return items;
}

TEST_CASE("co/stream: a multishot timeout ends after its count") {
  FRING_RING(ring, 16);
  static Pool pool;
  auto r = co::run(ring, tick(pool, ring));
  if (r == Errno::einval) FRING_SKIP("kernel lacks timeout_flag::multishot (Linux 6.4)");
  CHECK(test::must(static_cast<Result<int>&&>(r)) == 3);
  CHECK(pool.used() == 0);
}

co::Task<Result<int>> accept_three(co::FrameStorage&, Ring& ring, int listener, int* accepted) {
  auto conns = co::accept_stream(ring, listener, SOCK_CLOEXEC);
  while (*accepted < 3) {
    co::Completion c = co_await conns.next();
    FRING_CO_TRY_ASSIGN(int fd, c.result());
    ::close(fd);
    ++*accepted;
    if (!c.more()) co_return Errno::eproto;
  }
  co_return *accepted;  // the stream is dropped armed: cancelled, record kept until its last CQE
}

co::Task<Result<int>> connect_three(co::FrameStorage& fs, Ring& ring, int listener,
                                    SockaddrIn addr) {
  int accepted = 0;
  co::Task<Result<int>> acceptor = accept_three(fs, ring, listener, &accepted);
  int fds[3];
  for (int& fd : fds) {
    fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    FRING_CO_TRY(co_await co::connect(ring, fd, test::net::as_sockaddr(addr), sizeof(addr)));
  }
  FRING_CO_TRY_ASSIGN(int n, co_await acceptor);
  for (int fd : fds) ::close(fd);
  co_return n;
}

TEST_CASE("co/stream: multishot accept, dropped while armed") {
  FRING_RING(ring, 16);
  FRING_REQUIRE_OP(op::accept);
  if (!test::kernel_at_least(5, 19)) FRING_SKIP("kernel lacks multishot accept (Linux 5.19)");
  static Pool pool;
  SockaddrIn addr{};
  test::net::Fd listener = test::net::tcp_listener(&addr);
  CHECK(test::must(co::run(ring, connect_three(pool, ring, listener.get(), addr))) == 3);
  CHECK(pool.draining() == 0);
  CHECK(pool.used() == 0);
}

struct Bufs {
  PbufRing* br;
  int mask;
  char data[8][64];
};

void give_back(void* ctx, const co::Completion& item) noexcept {
  Bufs& b = *static_cast<Bufs*>(ctx);
  if (!item.has_buffer()) return;
  buf_ring_add(b.br, b.data[item.buffer_id()], 64, item.buffer_id(), b.mask, 0);
  buf_ring_advance(b.br, 1);
}

co::Task<Result<int>> receive_all(co::FrameStorage&, Ring& ring, int fd, Bufs* bufs) {
  auto in = co::recv_stream(ring, fd, 5, give_back, bufs);
  int total = 0;
  for (;;) {
    co::Completion c = co_await in.next();
    FRING_CO_TRY_ASSIGN(int n, c.result());
    if (n == 0) break;  // the peer closed
    if (!c.has_buffer()) co_return Errno::eproto;
    total += n;
    give_back(bufs, c);
    if (!c.more()) co_return Errno::eproto;
  }
  co_return total;
}

TEST_CASE("co/stream: multishot recv with a buffer ring until the peer closes") {
  FRING_RING(ring, 16);
  if (!test::kernel_at_least(6, 0)) FRING_SKIP("kernel lacks multishot recv (Linux 6.0)");
  static Pool pool;
  static Bufs bufs;
  BufRing br = test::must(setup_buf_ring(ring, 8, 5, 0));
  bufs.br = br.get();
  bufs.mask = br.mask();
  for (unsigned short i = 0; i < 8; ++i) buf_ring_add(bufs.br, bufs.data[i], 64, i, bufs.mask, i);
  buf_ring_advance(bufs.br, 8);
  int sv[2];
  REQUIRE(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == 0);
  REQUIRE(::write(sv[1], "abcdef", 6) == 6);
  ::shutdown(sv[1], SHUT_WR);
  CHECK(test::must(co::run(ring, receive_all(pool, ring, sv[0], &bufs))) == 6);
  ::close(sv[0]);
  ::close(sv[1]);
  test::must(free_buf_ring(ring, br));
}

// Takes every tick of a multishot timeout through a stream whose queue holds
// two; `*items` counts them.
co::Task<Result<int>> ticks_two_at_a_time(co::FrameStorage&, Ring& ring, int* items) {
  auto prep = [](Sqe& s) {
    static const Timespec kTick{0, 1000};
    prep_timeout(s, &kTick, 5, timeout_flag::multishot);
  };
  co::Stream<decltype(prep), 2> ticks(ring, prep);
  for (;;) {
    co::Completion c = co_await ticks.next();
    if (c.result() != Errno::etime) co_return c.result();
    ++*items;
    if (!c.more()) break;
  }
  co_return *items;
}

TEST_CASE("co/stream: a full queue leaves the rest in the CQ, in order, until taken") {
  FRING_RING(ring, 16);
  if (!test::kernel_at_least(6, 4)) FRING_SKIP("kernel lacks timeout_flag::multishot (Linux 6.4)");
  static Pool pool;
  int items = 0;
  auto task = ticks_two_at_a_time(pool, ring, &items);
  start(task);
  // All five ticks in the CQ (a timeout's CQE ends a wait early: wait again).
  for (int waits = 0; ring.cq_ready() < 5 && waits < 100; ++waits) {
    test::must(ring.submit_and_wait(5));
  }
  REQUIRE(ring.cq_ready() == 5);
  co::Ready ready;
  // Reaped into a Ready list, the task does not take items meanwhile: two
  // fill its queue and the reaper stops at the third, leaving it and the
  // rest in the CQ.
  CHECK(co::reap(ring, ready) == 2);
  CHECK(ring.cq_ready() == 3);
  for (int turns = 0; !task.done() && turns < 10; ++turns) {
    ready.resume();
    co::reap(ring, ready);
  }
  CHECK(test::must(task.result()) == 5);
  CHECK(items == 5);
  CHECK(ring.cq_ready() == 0);
  CHECK(pool.used() == 1);
  task.reset();
  CHECK(pool.used() == 0);
}

// Three readiness events of a pipe through one multishot poll, then a cancel.
co::Task<Result<int>> poll_three(co::FrameStorage&, Ring& ring, int rfd, int wfd) {
  auto readable = co::poll_stream(ring, rfd, POLLIN);
  int items = 0;
  for (int i = 0; i < 3; ++i) {
    if (::write(wfd, "x", 1) != 1) co_return Errno::eio;
    co::Completion c = co_await readable.next();
    FRING_CO_TRY_ASSIGN(int events, c.result());
    if (!(events & POLLIN) || !c.more()) co_return Errno::eproto;
    char byte;
    if (::read(rfd, &byte, 1) != 1) co_return Errno::eio;
    ++items;
  }
  readable.cancel();
  co::Completion last = co_await readable.next();
  if (last.more() || last.result() != Errno::ecanceled) co_return Errno::eproto;
  if (!readable.done()) co_return Errno::eproto;
  if ((co_await readable.next()).result() != Errno::enodata) co_return Errno::eproto;
  co_return items;
}

TEST_CASE("co/stream: multishot poll on a pipe, an item per event, ended by a cancel") {
  FRING_RING(ring, 16);
  FRING_REQUIRE_OP(op::poll_add);
  if (!test::kernel_at_least(5, 13)) FRING_SKIP("kernel lacks multishot poll (Linux 5.13)");
  static Pool pool;
  test::Pipe pipe;
  CHECK(test::must(co::run(ring, poll_three(pool, ring, pipe.fds[0], pipe.fds[1]))) == 3);
  CHECK(pool.used() == 0);
  CHECK(pool.draining() == 0);
}

// Counts its resumptions; parks on a read of an empty pipe into its frame.
co::Task<Result<int>> parked(co::FrameStorage&, Ring& ring, int fd, int* resumed) {
  char buf[16];
  auto r = co_await co::read(ring, fd, buf, sizeof(buf), 0);
  ++*resumed;
  co_return r;
}

TEST_CASE("co/cancel: a cancelled read resumes once with ECANCELED") {
  FRING_RING(ring, 16);
  static Pool pool;
  test::Pipe pipe;
  int resumed = 0;
  auto task = parked(pool, ring, pipe.fds[0], &resumed);
  co::Ready ready;
  REQUIRE(co::spawn(nops(pool, ring, 0)).ok());  // spawned tasks free themselves
  // Start it with the pieces: run() would wait for it.
  auto starter = [](co::FrameStorage&, co::Task<Result<int>>& t) -> co::Task<Result<int>> {
    co_return co_await t;
  };
  auto outer = starter(pool, task);
  REQUIRE(outer.ok());
  co::cancel(outer);  // nothing in flight yet: no effect
  start(outer);
  CHECK(!task.done());
  co::cancel(outer);
  while (!outer.done()) {
    test::must(co::turn(ring));
  }
  CHECK(resumed == 1);
  CHECK(test::error_of(outer.result()) == Errno::ecanceled);
  CHECK(ready.empty());
}

co::Task<Result<int>> nop_then_timeout(co::FrameStorage&, Ring& ring, int* first) {
  *first = (co_await co::nop(ring)).value_or(-1);
  co_return co_await co::timeout(ring, Timespec{0, 1'000'000});
}

TEST_CASE("co/cancel: a request that completed first keeps its result; no later one is hit") {
  FRING_RING(ring, 16);
  static Pool pool;
  int first = -2;
  auto task = nop_then_timeout(pool, ring, &first);
  start(task);
  test::must(ring.submit_and_wait(1));  // the NOP's CQE is in the CQ, not reaped
  co::cancel(task);                     // its cancel is queued, not submitted
  // The NOP's CQE resumes the task with its own result; the timeout it then
  // awaits carries the same user_data (its frame's) and goes out behind the
  // cancel, which therefore finds nothing to cancel.
  CHECK(co::reap(ring) == 1);
  CHECK(first == 0);
  while (!task.done()) test::must(co::turn(ring));
  CHECK(test::error_of(task.result()) == Errno::etime);
}

TEST_CASE("co/lifetime: destroying a task in flight frees it after its last CQE") {
  FRING_RING(ring, 16);
  static Pool pool;
  test::Pipe pipe;
  int resumed = 0;
  auto awaiting = [](co::FrameStorage& fs, Ring& r, int fd, int* n) -> co::Task<Result<int>> {
    co_return co_await parked(fs, r, fd, n);  // the read's buffer lives in the child
  };
  auto task = awaiting(pool, ring, pipe.fds[0], &resumed);
  start(task);
  REQUIRE(pool.used() == 2);
  task.reset();  // cancels the read; both frames wait for its CQE
  CHECK(pool.used() == 2);
  CHECK(pool.draining() == 2);
  test::must(co::drain(ring, pool));
  CHECK(pool.used() == 0);
  CHECK(resumed == 0);
}

TEST_CASE("co/driver: reap into a Ready list, then resume") {
  FRING_RING(ring, 16);
  static Pool pool;
  int out[3] = {-2, -2, -2};
  co::Task<void> tasks[3] = {nothing(pool, ring, &out[0]), nothing(pool, ring, &out[1]),
                             nothing(pool, ring, &out[2])};
  for (auto& t : tasks) start(t);
  co::Ready ready;
  unsigned routed = 0;
  while (routed < 3) {
    test::must(ring.submit_and_wait(1));
    routed += co::reap(ring, ready);
  }
  CHECK(out[0] == -2);  // queued, not resumed
  CHECK(ready.resume() == 3);
  for (int o : out) CHECK(o == 0);
  for (auto& t : tasks) CHECK(t.done());
}

TEST_CASE("co/lifetime: a task destroyed while on a Ready list is freed by its resume()") {
  FRING_RING(ring, 16);
  static Pool pool;
  int out[2] = {-2, -2};
  co::Task<void> a = nothing(pool, ring, &out[0]);
  co::Task<void> b = nothing(pool, ring, &out[1]);
  start(a);
  start(b);
  REQUIRE(pool.used() == 2);
  co::Ready ready;
  unsigned routed = 0;
  while (routed < 2) {
    test::must(ring.submit_and_wait(1));
    routed += co::reap(ring, ready);
  }
  a.reset();  // its CQE is in, its frame queued: kept until resume() sees it
  CHECK(pool.used() == 2);
  CHECK(pool.draining() == 1);
  CHECK(ready.resume() == 1);  // b ran; a was freed, not resumed
  CHECK(pool.used() == 1);
  CHECK(pool.draining() == 0);
  CHECK(out[0] == -2);
  CHECK(out[1] == 0);
  CHECK(b.done());
}

}  // namespace
}  // namespace fring
