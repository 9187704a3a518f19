// SPDX-License-Identifier: MIT
// co_echo [--port PORT] [--connections N] [--buffers N]: examples/echo
// written with fring/co, one coroutine per connection. The same server: one
// thread, one ring (SINGLE_ISSUER | DEFER_TASKRUN), a multishot accept, a
// multishot recv per connection into a provided-buffer ring, each piece
// sent back from its buffer before the next is taken, the buffer returned
// once sent. A recv that finds the ring empty (-ENOBUFS) is re-armed after
// a short timeout. Frames come from a fixed pool: a connection arriving
// when it is full (more than 60 at once) is closed. Same output and exit statuses as echo.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "examples/report.h"
#include "fring/co/co.h"
#include "fring/fring.h"

namespace {

using example::die;
using fring::Errno;
using fring::Result;
namespace co = fring::co;

constexpr unsigned kMaxBuffers = 1024;
constexpr unsigned kBufferSize = 2048;
constexpr uint16_t kGroup = 1;

alignas(64) char buffer_memory[kMaxBuffers][kBufferSize];

// A frame per connection, and a multishot recv record each, whose queue has
// room for every buffer (an item waiting to be taken holds one), so it never
// fills and holds up the CQ.
constexpr size_t kSlot = 9216;
co::FramePool<kSlot, 192> frames;

struct Server {
  fring::Ring& ring;
  fring::PbufRing* br;
  int mask;
  unsigned served = 0;
  unsigned dry = 0;
  unsigned long long bytes = 0;

  void give_back(uint16_t bid) {
    fring::buf_ring_add(br, buffer_memory[bid], kBufferSize, bid, mask, 0);
    fring::buf_ring_advance(br, 1);
  }
};

void give_back(void* server, const co::Completion& item) noexcept {
  if (item.has_buffer()) static_cast<Server*>(server)->give_back(item.buffer_id());
}

// One connection: echo until the peer closes, then close.
co::Task<Result<void>> serve(co::FrameStorage&, Server& s, int fd) {
  bool open = true;
  while (open) {
    auto in = co::recv_stream<kMaxBuffers>(s.ring, fd, kGroup, give_back, &s);
    for (;;) {
      co::Completion c = co_await in.next();
      if (c.res == -static_cast<int>(Errno::enobufs)) {
        ++s.dry;  // the ring ran dry: wait for buffers to come back
        (void)co_await co::timeout(s.ring, fring::Timespec{0, 1'000'000});
        break;
      }
      if (c.res <= 0) {
        open = false;  // end of stream, or an error: close
        break;
      }
      // Send it all (a short send goes on with the rest), then give the
      // buffer back.
      const char* data = buffer_memory[c.buffer_id()];
      Result<int> sent = 0;
      for (unsigned left = static_cast<unsigned>(c.res); left > 0 && sent.ok();) {
        sent = co_await co::send(s.ring, fd, data, left, MSG_NOSIGNAL);
        if (sent.ok()) {
          data += sent.value();
          left -= static_cast<unsigned>(sent.value());
        }
      }
      s.give_back(c.buffer_id());
      if (!sent) {
        open = false;
        break;
      }
      s.bytes += static_cast<unsigned>(c.res);
      if (!c.more()) break;  // the recv ended: arm another
    }
  }
  FRING_CO_TRY(co_await co::close(s.ring, fd));
  ++s.served;
  co_return {};
}

// Accepts connections (all of them, or `limit`) and gives each a coroutine.
co::Task<Result<void>> accept_all(co::FrameStorage& fs, Server& s, int listener, unsigned limit) {
  unsigned accepted = 0;
  while (limit == 0 || accepted < limit) {
    auto conns = co::accept_stream(s.ring, listener, SOCK_CLOEXEC);
    for (;;) {
      co::Completion c = co_await conns.next();
      FRING_CO_TRY_ASSIGN(int fd, c.result());
      ++accepted;
      if (!co::spawn(serve(fs, s, fd))) ::close(fd);  // no frame left: refuse it
      if (limit != 0 && accepted == limit) break;
      if (!c.more()) break;  // the accept ended: arm another
    }
  }
  co_return {};
}

int listen_on(uint16_t port) {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) die("socket", static_cast<Errno>(errno));
  const int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (bind(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof(addr)) != 0) {
    die("bind", static_cast<Errno>(errno));
  }
  if (listen(fd, 128) != 0) die("listen", static_cast<Errno>(errno));
  socklen_t len = sizeof(addr);
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  printf("echo: listening on 127.0.0.1:%u\n", ntohs(addr.sin_port));
  fflush(stdout);
  return fd;
}

}  // namespace

int main(int argc, char** argv) {
  example::program = "co_echo";
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
    fprintf(stderr, "usage: co_echo [--port PORT] [--connections N] [--buffers N]\n");
    return 1;
  }
  fring::Params p{};
  p.flags = fring::setup::single_issuer | fring::setup::defer_taskrun;
  fring::Ring ring = example::make_ring(256, p, "setup::defer_taskrun (Linux 6.1)");
  fring::BufRing buffers =
      example::must(fring::setup_buf_ring(ring, count, kGroup, 0), "setting up the buffer ring");
  Server s{ring, buffers.get(), buffers.mask()};
  for (unsigned i = 0; i < count; ++i) {
    fring::buf_ring_add(s.br, buffer_memory[i], kBufferSize, static_cast<uint16_t>(i), s.mask,
                        static_cast<int>(i));
  }
  fring::buf_ring_advance(s.br, static_cast<int>(count));
  const int listener = listen_on(static_cast<uint16_t>(port));
  example::must(co::run(ring, accept_all(frames, s, listener, limit)), "accepting");
  while (s.served < limit) example::must(co::turn(ring), "serving");
  printf("echo: served %u connections, %llu bytes; the %u buffers ran out %u times\n", s.served,
         s.bytes, count, s.dry);
  close(listener);
  return 0;
}
