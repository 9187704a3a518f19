// SPDX-License-Identifier: MIT
// The echo server on fring (see echo.h), as a template over the ring type.
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include "bench/echo.h"
#include "fring/fring.h"

namespace bench {
namespace {

template <class RingT>
class Server {
 public:
  Server(RingT& ring, fring::BufRing& br, char* bufs) : ring_(ring), br_(br), bufs_(bufs) {}

  fring::Sqe& sqe() {
    fring::Sqe* sqe = ring_.get_sqe();
    if (sqe == nullptr) failed("fring", "get_sqe: SQ full", 0);
    return *sqe;
  }
  void accept(int listen_fd) {
    fring::Sqe& s = sqe();
    fring::prep_multishot_accept(s, listen_fd, nullptr, nullptr, 0);
    fring::sqe_set_data64(s, echo_encode(EchoKind::accept, listen_fd));
  }
  void recv(int fd) {
    fring::Sqe& s = sqe();
    fring::prep_recv_multishot(s, fd, nullptr, 0, 0);
    fring::sqe_set_flags(s, fring::sqe_flag::buffer_select);
    fring::sqe_set_buf_group(s, kEchoGroup);
    fring::sqe_set_data64(s, echo_encode(EchoKind::recv, fd));
  }
  void send(int fd, unsigned bid, unsigned start, unsigned end) {
    fring::Sqe& s = sqe();
    fring::prep_send(s, fd, bufs_ + size_t{bid} * kEchoBufSize + start, end - start, 0);
    fring::sqe_set_data64(s, echo_encode(EchoKind::send, fd, bid, start, end));
  }
  void give_back(unsigned bid) {
    fring::buf_ring_add(br_.get(), bufs_ + size_t{bid} * kEchoBufSize, kEchoBufSize,
                        static_cast<unsigned short>(bid), br_.mask(), 0);
    fring::buf_ring_advance(br_.get(), 1);
  }

  // True once the stop request completed and every connection is closed:
  // then only the multishot accept is left, which touches no buffer.
  bool done() const { return stopped_ && open_ == 0; }

  void handle(const fring::Cqe& cqe, int listen_fd) {
    const EchoTag tag = echo_decode(cqe.user_data);
    const bool more = (cqe.flags & fring::cqe_flag::more) != 0;
    switch (tag.kind) {
      case EchoKind::accept:
        if (cqe.res < 0) failed("fring", "accept", cqe.res);
        echo_accepted("fring", cqe.res);
        ++open_;
        recv(cqe.res);
        if (!more) accept(listen_fd);
        return;
      case EchoKind::recv:
        if (cqe.res > 0) {
          send(tag.fd, fring::cqe_buffer_id(cqe), 0, static_cast<unsigned>(cqe.res));
          if (!more) recv(tag.fd);
        } else if (cqe.res == -ENOBUFS) {
          recv(tag.fd);  // every buffer is out in a send; they come back
        } else if (cqe.res == 0 || cqe.res == -ECONNRESET) {
          close(tag.fd);
          --open_;
        } else {
          failed("fring", "recv", cqe.res);
        }
        return;
      case EchoKind::send:
        if (cqe.res >= 0 && tag.start + static_cast<unsigned>(cqe.res) < tag.end) {
          send(tag.fd, tag.bid, tag.start + static_cast<unsigned>(cqe.res), tag.end);
          return;
        }
        if (cqe.res < 0 && cqe.res != -EPIPE && cqe.res != -ECONNRESET) {
          failed("fring", "send", cqe.res);
        }
        give_back(tag.bid);
        return;
      case EchoKind::stop:
        stopped_ = true;
        return;
    }
    failed("fring", "unknown user_data", static_cast<long>(cqe.user_data));
  }

 private:
  RingT& ring_;
  fring::BufRing& br_;
  char* bufs_;
  bool stopped_ = false;
  int open_ = 0;
};

template <class RingT>
void fring_serve(Mode mode, int listen_fd, int stop_fd) {
  const uint32_t flags =
      mode == Mode::defer ? fring::setup::single_issuer | fring::setup::defer_taskrun : 0;
  auto ring = RingT::queue_init(kEchoEntries, flags);
  if (!ring.ok()) failed("fring", "queue_init", -static_cast<long>(ring.error()));
  if (mode == Mode::defer) {
    const auto r = ring->register_ring_fd();
    if (!r.ok()) failed("fring", "register_ring_fd", -static_cast<long>(r.error()));
  }
  auto br = fring::setup_buf_ring(ring.value(), kEchoBufs, kEchoGroup, 0);
  if (!br.ok()) failed("fring", "setup_buf_ring", -static_cast<long>(br.error()));
  char* bufs = static_cast<char*>(aligned_alloc(4096, size_t{kEchoBufs} * kEchoBufSize));
  if (bufs == nullptr) failed("fring", "out of memory", 0);
  Server<RingT> server(ring.value(), br.value(), bufs);
  for (unsigned i = 0; i < kEchoBufs; ++i) {
    fring::buf_ring_add(br->get(), bufs + size_t{i} * kEchoBufSize, kEchoBufSize,
                        static_cast<unsigned short>(i), br->mask(), static_cast<int>(i));
  }
  fring::buf_ring_advance(br->get(), kEchoBufs);

  uint64_t stop_value;
  fring::Sqe& s = server.sqe();
  fring::prep_read(s, stop_fd, &stop_value, sizeof(stop_value), 0);
  fring::sqe_set_data64(s, echo_encode(EchoKind::stop, stop_fd));
  server.accept(listen_fd);
  while (!server.done()) {
    const auto submitted = ring->submit_and_wait(1);
    if (!submitted.ok() && submitted.error() != fring::Errno::eintr) {
      failed("fring", "submit_and_wait", -static_cast<long>(submitted.error()));
    }
    const unsigned seen =
        ring->for_each_cqe([&](fring::Cqe& cqe) { server.handle(cqe, listen_fd); });
    ring->cq_advance(seen);
  }
  ring.value().queue_exit();
  free(bufs);
}

template <class RingT>
EchoServer fring_server(const char* name) {
  return EchoServer{name, &fring_serve<RingT>};
}

}  // namespace

// One line per fring ring type to measure.
std::vector<EchoServer> fring_echo_servers() {
  return {
      fring_server<fring::StaticRing<0>>("fring"),
      fring_server<fring::Ring>("fring-Ring"),
  };
}

}  // namespace bench
