// SPDX-License-Identifier: MIT
// The echo server written with fring/co (see echo.h; C++20, so a translation
// unit of its own), on the StaticRing<0> of the plain "fring" server: a
// coroutine accepts (co::accept_stream) and spawns one per connection, which
// takes each piece from its multishot recv (co::recv_stream, the same
// provided-buffer ring), sends it back (co::send, finishing short sends) and
// returns the buffer. The plain server keeps every send in flight at once;
// a connection's coroutine sends one piece at a time, which with one message
// in flight per connection (the client's pattern) is the same traffic.
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include "bench/echo.h"
#include "fring/co/co.h"
#include "fring/fring.h"

namespace bench {
namespace {

using Ring = fring::StaticRing<0>;
namespace co = fring::co;

// A frame per connection (and the acceptor and the stop task), each with
// one stream record: about 250 bytes of frame and 230 of record.
using Pool = co::FramePool<512, 1024>;

struct Server {
  Ring& ring;
  fring::BufRing& br;
  char* bufs;
  int open = 0;  // connections accepted and not yet closed
  bool stopped = false;

  char* buf(unsigned bid) { return bufs + size_t{bid} * kEchoBufSize; }
  void give_back(unsigned bid) {
    fring::buf_ring_add(br.get(), buf(bid), kEchoBufSize, static_cast<unsigned short>(bid),
                        br.mask(), 0);
    fring::buf_ring_advance(br.get(), 1);
  }
};

// An item a dropped recv stream held: its buffer goes back.
void give_back(void* server, const co::Completion& item) noexcept {
  if (item.has_buffer()) static_cast<Server*>(server)->give_back(item.buffer_id());
}

co::Task<void> connection(co::FrameStorage&, Server& s, int fd) {
  for (bool open = true; open;) {
    auto in = co::recv_stream(s.ring, fd, kEchoGroup, give_back, &s);
    for (;;) {
      const co::Completion c = co_await in.next();
      if (c.res == -ENOBUFS) break;  // every buffer is out in a send; they come back
      if (c.res == 0 || c.res == -ECONNRESET) {
        open = false;
        break;
      }
      if (c.res < 0) failed("fring-co", "recv", c.res);
      const unsigned bid = c.buffer_id();
      const char* data = s.buf(bid);
      for (unsigned left = static_cast<unsigned>(c.res); left > 0;) {
        const fring::Result<int> sent = co_await co::send(s.ring, fd, data, left, 0);
        if (!sent.ok()) {
          if (sent.error() != fring::Errno::epipe && sent.error() != fring::Errno::econnreset) {
            failed("fring-co", "send", -static_cast<long>(sent.error()));
          }
          break;
        }
        data += sent.value();
        left -= static_cast<unsigned>(sent.value());
      }
      s.give_back(bid);
      if (!c.more()) break;  // the recv ended: arm another
    }
  }
  close(fd);
  --s.open;
}

// Accepts until the stop task cancels it.
co::Task<void> acceptor(co::FrameStorage& fs, Server& s, int listen_fd) {
  while (!s.stopped) {
    auto conns = co::accept_stream(s.ring, listen_fd, 0);
    for (;;) {
      const co::Completion c = co_await conns.next();
      if (c.res == -ECANCELED && s.stopped) break;
      if (c.res < 0) failed("fring-co", "accept", c.res);
      echo_accepted("fring-co", c.res);
      ++s.open;
      if (!co::spawn(connection(fs, s, c.res)).ok()) failed("fring-co", "no frame left", c.res);
      if (!c.more()) break;  // the accept ended: arm another
    }
  }
}

// Waits for the benchmark's stop (its clients are closed by then) and ends
// the acceptor.
co::Task<void> stopper(co::FrameStorage&, Server& s, int stop_fd, co::Task<void>* accepting) {
  uint64_t value;
  const fring::Result<int> r = co_await co::read(s.ring, stop_fd, &value, sizeof(value), 0);
  if (!r.ok()) failed("fring-co", "read of the stop eventfd", -static_cast<long>(r.error()));
  s.stopped = true;
  co::cancel(*accepting);
}

void co_serve(Mode mode, int listen_fd, int stop_fd) {
  const uint32_t flags =
      mode == Mode::defer ? fring::setup::single_issuer | fring::setup::defer_taskrun : 0;
  auto ring = Ring::queue_init(kEchoEntries, flags);
  if (!ring.ok()) failed("fring-co", "queue_init", -static_cast<long>(ring.error()));
  if (mode == Mode::defer) {
    const auto r = ring->register_ring_fd();
    if (!r.ok()) failed("fring-co", "register_ring_fd", -static_cast<long>(r.error()));
  }
  auto br = fring::setup_buf_ring(ring.value(), kEchoBufs, kEchoGroup, 0);
  if (!br.ok()) failed("fring-co", "setup_buf_ring", -static_cast<long>(br.error()));
  char* bufs = static_cast<char*>(aligned_alloc(4096, size_t{kEchoBufs} * kEchoBufSize));
  if (bufs == nullptr) failed("fring-co", "out of memory", 0);
  Server s{ring.value(), br.value(), bufs};
  for (unsigned i = 0; i < kEchoBufs; ++i) {
    fring::buf_ring_add(br->get(), s.buf(i), kEchoBufSize, static_cast<unsigned short>(i),
                        br->mask(), static_cast<int>(i));
  }
  fring::buf_ring_advance(br->get(), kEchoBufs);

  auto* frames = new Pool;
  co::Task<void> accepting = acceptor(*frames, s, listen_fd);
  if (!co::spawn(stopper(*frames, s, stop_fd, &accepting)).ok()) failed("fring-co", "spawn", 0);
  const auto accepted = co::run(ring.value(), accepting);
  if (!accepted.ok()) failed("fring-co", "accepting", -static_cast<long>(accepted.error()));
  while (s.open > 0) {
    const auto turned = co::turn(ring.value());
    if (!turned.ok()) failed("fring-co", "turn", -static_cast<long>(turned.error()));
  }
  accepting.reset();
  const auto drained = co::drain(ring.value(), *frames);
  if (!drained.ok()) failed("fring-co", "drain", -static_cast<long>(drained.error()));
  if (frames->used() != 0) failed("fring-co", "frames left", static_cast<long>(frames->used()));
  ring.value().queue_exit();
  delete frames;
  free(bufs);
}

}  // namespace

EchoServer co_echo_server() { return EchoServer{"fring-co", &co_serve}; }

}  // namespace bench
