// SPDX-License-Identifier: MIT
// echo [--port PORT] [--connections N] [--buffers N]: a TCP echo server on 127.0.0.1 in
// one thread and one ring (setup::single_issuer | DEFER_TASKRUN: the
// kernel runs completion work only when this thread waits).
//   - One multishot accept takes every connection (re-armed if it ends).
//   - Each connection has one multishot recv that picks buffers from a
//     provided-buffer ring; a recv that finds the ring empty (-ENOBUFS) is
//     re-armed once a buffer comes back.
//   - What arrives is sent back from the buffer it landed in, one send at a
//     time per connection so bytes stay in order; the buffer goes back to
//     the ring once sent.
//   - End of stream (or an error) closes the connection after its sends.
// It prints "echo: listening on 127.0.0.1:PORT" (PORT 0 picks a free one)
// and, with --connections N, exits 0 after serving N connections. The
// buffer ring holds 256 buffers of 2 KiB, or --buffers (a power of two, at
// most 1024; a few make it run dry often). Errors are
// named on stderr with exit status 1; 77 where the kernel lacks what it
// needs (DEFER_TASKRUN, Linux 6.1, which also has multishot accept and recv
// and buffer rings).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <vector>

#include "examples/report.h"
#include "fring/fring.h"

namespace {

using example::die;

constexpr unsigned kMaxBuffers = 1024;
constexpr unsigned kBufferSize = 2048;
constexpr uint16_t kGroup = 1;

alignas(4096) char pool[kMaxBuffers][kBufferSize];

// user_data: what completed, and on which fd.
enum Kind : uint32_t { kAccept = 1, kRecv, kSend, kClose };
uint64_t tag(Kind kind, int fd) { return uint64_t{kind} << 32 | static_cast<uint32_t>(fd); }

// Data received into buffer `bid`, of which `sent` bytes are sent back.
struct Chunk {
  uint16_t bid;
  unsigned len;
  unsigned sent;
};

struct Connection {
  bool open = false;
  bool ended = false;    // end of stream or an error: close once sent
  bool sending = false;  // one send in flight, so the bytes keep their order
  std::deque<Chunk> queue;
};

class Server {
 public:
  Server(fring::Ring& ring, fring::BufRing& buffers, int listener, unsigned limit)
      : ring_(ring), buffers_(buffers), listener_(listener), limit_(limit) {}

  void run() {
    for (unsigned bid = 0; bid < buffers_.entries(); ++bid) {
      fring::buf_ring_add(buffers_.get(), pool[bid], kBufferSize, static_cast<uint16_t>(bid),
                          buffers_.mask(), static_cast<int>(bid));
    }
    fring::buf_ring_advance(buffers_.get(), static_cast<int>(buffers_.entries()));
    arm_accept();
    while (limit_ == 0 || closed_ < limit_) {
      example::must(ring_.submit_and_wait(1), "waiting");
      const unsigned seen = ring_.for_each_cqe([&](fring::Cqe& cqe) { handle(cqe); });
      ring_.cq_advance(seen);
    }
    printf("echo: served %u connections, %llu bytes; the %u buffers ran out %u times\n", closed_,
           static_cast<unsigned long long>(bytes_), buffers_.entries(), dry_);
  }

 private:
  void handle(const fring::Cqe& cqe) {
    const int fd = static_cast<int>(cqe.user_data & 0xffffffffU);
    switch (static_cast<Kind>(cqe.user_data >> 32)) {
      case kAccept:
        return accepted(cqe);
      case kRecv:
        return received(fd, cqe);
      case kSend:
        return sent(fd, cqe);
      case kClose:
        return was_closed(fd, cqe);
    }
    die("a completion nobody asked for");
  }

  fring::Sqe* sqe() {
    fring::Sqe* sqe = ring_.get_sqe();
    if (sqe == nullptr) {  // full: hand the queued ones over and try again
      example::must(ring_.submit(), "submitting");
      sqe = ring_.get_sqe();
      if (sqe == nullptr) die("no free SQE after submitting");
    }
    return sqe;
  }

  void arm_accept() {
    fring::Sqe* s = sqe();
    fring::prep_multishot_accept(*s, listener_, nullptr, nullptr, SOCK_CLOEXEC);
    fring::sqe_set_data64(*s, tag(kAccept, listener_));
  }

  void arm_recv(int fd) {
    fring::Sqe* s = sqe();
    fring::prep_recv_multishot(*s, fd, nullptr, 0, 0);
    fring::sqe_set_flags(*s, fring::sqe_flag::buffer_select);
    fring::sqe_set_buf_group(*s, kGroup);
    fring::sqe_set_data64(*s, tag(kRecv, fd));
  }

  Connection& connection(int fd) {
    if (static_cast<size_t>(fd) >= connections_.size()) connections_.resize(fd + 1);
    return connections_[static_cast<size_t>(fd)];
  }

  void accepted(const fring::Cqe& cqe) {
    const fring::Result<int> fd = fring::cqe_result(cqe);
    if (!fd) die("accepting", fd.error());
    connection(fd.value()) = Connection{true, false, false, {}};
    arm_recv(fd.value());
    // A multishot request that ends (the CQ overflowed, say) is armed again.
    if (!(cqe.flags & fring::cqe_flag::more)) arm_accept();
  }

  void received(int fd, const fring::Cqe& cqe) {
    Connection& c = connection(fd);
    const bool more = (cqe.flags & fring::cqe_flag::more) != 0;
    if (cqe.res > 0) {
      const uint16_t bid = fring::cqe_buffer_id(cqe);
      c.queue.push_back(Chunk{bid, static_cast<unsigned>(cqe.res), 0});
      bytes_ += static_cast<unsigned>(cqe.res);
      send_next(fd);
      if (!more) arm_recv(fd);
      return;
    }
    if (cqe.res == -ENOBUFS) {  // the buffer ring ran dry: wait for one to come back
      starved_.push_back(fd);
      ++dry_;
      return;
    }
    // 0: the peer closed its side. An error (ECONNRESET): the same for us.
    c.ended = true;
    close_if_done(fd);
  }

  void send_next(int fd) {
    Connection& c = connection(fd);
    if (c.sending || c.queue.empty()) return;
    const Chunk& chunk = c.queue.front();
    fring::Sqe* s = sqe();
    fring::prep_send(*s, fd, pool[chunk.bid] + chunk.sent, chunk.len - chunk.sent, 0);
    fring::sqe_set_data64(*s, tag(kSend, fd));
    c.sending = true;
  }

  void sent(int fd, const fring::Cqe& cqe) {
    Connection& c = connection(fd);
    c.sending = false;
    if (cqe.res < 0) {  // the peer went away: drop what is left
      for (const Chunk& chunk : c.queue) give_back(chunk.bid);
      c.queue.clear();
      c.ended = true;
      return close_if_done(fd);
    }
    Chunk& chunk = c.queue.front();
    chunk.sent += static_cast<unsigned>(cqe.res);
    if (chunk.sent == chunk.len) {
      give_back(chunk.bid);
      c.queue.pop_front();
    }
    send_next(fd);
    close_if_done(fd);
  }

  // Buffer `bid` is free again: back into the ring, and any connection that
  // found the ring empty receives again.
  void give_back(uint16_t bid) {
    fring::buf_ring_add(buffers_.get(), pool[bid], kBufferSize, bid, buffers_.mask(), 0);
    fring::buf_ring_advance(buffers_.get(), 1);
    for (const int fd : starved_) {
      if (connection(fd).open && !connection(fd).ended) arm_recv(fd);
    }
    starved_.clear();
  }

  void close_if_done(int fd) {
    Connection& c = connection(fd);
    if (!c.open || !c.ended || c.sending || !c.queue.empty()) return;
    c.open = false;
    fring::Sqe* s = sqe();
    fring::prep_close(*s, fd);
    fring::sqe_set_data64(*s, tag(kClose, fd));
  }

  void was_closed(int fd, const fring::Cqe& cqe) {
    if (const fring::Result<int> r = fring::cqe_result(cqe); !r) die("closing", r.error());
    (void)fd;
    ++closed_;
  }

  fring::Ring& ring_;
  fring::BufRing& buffers_;
  const int listener_;
  const unsigned limit_;
  std::vector<Connection> connections_;
  std::vector<int> starved_;
  unsigned closed_ = 0;
  unsigned dry_ = 0;
  uint64_t bytes_ = 0;
};

int listen_on(uint16_t port) {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) die("socket", static_cast<fring::Errno>(errno));
  const int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (bind(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof(addr)) != 0) {
    die("bind", static_cast<fring::Errno>(errno));
  }
  if (listen(fd, 128) != 0) die("listen", static_cast<fring::Errno>(errno));
  socklen_t len = sizeof(addr);
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  printf("echo: listening on 127.0.0.1:%u\n", ntohs(addr.sin_port));
  fflush(stdout);
  return fd;
}

}  // namespace

int main(int argc, char** argv) {
  example::program = "echo";
  unsigned port = 0;
  unsigned limit = 0;
  unsigned count = 256;
  for (int i = 1; i < argc; ++i) {
    if (i + 1 < argc && strcmp(argv[i], "--port") == 0) {
      port = static_cast<unsigned>(atoi(argv[++i]));
    } else if (i + 1 < argc && strcmp(argv[i], "--connections") == 0) {
      limit = static_cast<unsigned>(atoi(argv[++i]));
    } else if (i + 1 < argc && strcmp(argv[i], "--buffers") == 0) {
      count = static_cast<unsigned>(atoi(argv[++i]));
    } else {
      count = 0;  // not a valid count: the usage below
      break;
    }
  }
  if (count == 0 || count > kMaxBuffers || (count & (count - 1)) != 0) {
    fprintf(stderr, "usage: echo [--port PORT] [--connections N] [--buffers N]\n");
    return 1;
  }
  fring::Params p{};
  p.flags = fring::setup::single_issuer | fring::setup::defer_taskrun;
  fring::Ring ring = example::make_ring(256, p, "setup::defer_taskrun (Linux 6.1)");
  fring::BufRing buffers =
      example::must(fring::setup_buf_ring(ring, count, kGroup, 0), "setting up the buffer ring");
  const int listener = listen_on(static_cast<uint16_t>(port));
  Server(ring, buffers, listener, limit).run();
  close(listener);
  return 0;
}
