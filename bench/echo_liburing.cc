// SPDX-License-Identifier: MIT
// The echo server on liburing (see echo.h), echo_fring.cc in liburing's
// words. liburing 2.3 has no io_uring_setup_buf_ring(), so the buffer ring
// is mapped and registered by hand, as its own examples do.
#include <errno.h>
#include <liburing.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "bench/echo.h"

namespace bench {
namespace {

class Server {
 public:
  Server(io_uring* ring, io_uring_buf_ring* br, char* bufs) : ring_(ring), br_(br), bufs_(bufs) {}

  io_uring_sqe* sqe() {
    io_uring_sqe* sqe = io_uring_get_sqe(ring_);
    if (sqe == nullptr) failed("liburing", "get_sqe: SQ full", 0);
    return sqe;
  }
  void accept(int listen_fd) {
    io_uring_sqe* s = sqe();
    io_uring_prep_multishot_accept(s, listen_fd, nullptr, nullptr, 0);
    io_uring_sqe_set_data64(s, echo_encode(EchoKind::accept, listen_fd));
  }
  void recv(int fd) {
    io_uring_sqe* s = sqe();
    io_uring_prep_recv_multishot(s, fd, nullptr, 0, 0);
    io_uring_sqe_set_flags(s, IOSQE_BUFFER_SELECT);
    s->buf_group = kEchoGroup;
    io_uring_sqe_set_data64(s, echo_encode(EchoKind::recv, fd));
  }
  void send(int fd, unsigned bid, unsigned start, unsigned end) {
    io_uring_sqe* s = sqe();
    io_uring_prep_send(s, fd, bufs_ + size_t{bid} * kEchoBufSize + start, end - start, 0);
    io_uring_sqe_set_data64(s, echo_encode(EchoKind::send, fd, bid, start, end));
  }
  void give_back(unsigned bid) {
    io_uring_buf_ring_add(br_, bufs_ + size_t{bid} * kEchoBufSize, kEchoBufSize,
                          static_cast<unsigned short>(bid), io_uring_buf_ring_mask(kEchoBufs), 0);
    io_uring_buf_ring_advance(br_, 1);
  }

  // True once the stop request completed and every connection is closed.
  bool done() const { return stopped_ && open_ == 0; }

  void handle(const io_uring_cqe* cqe, int listen_fd) {
    const EchoTag tag = echo_decode(cqe->user_data);
    const bool more = (cqe->flags & IORING_CQE_F_MORE) != 0;
    switch (tag.kind) {
      case EchoKind::accept:
        if (cqe->res < 0) failed("liburing", "accept", cqe->res);
        echo_accepted("liburing", cqe->res);
        ++open_;
        recv(cqe->res);
        if (!more) accept(listen_fd);
        return;
      case EchoKind::recv:
        if (cqe->res > 0) {
          send(tag.fd, cqe->flags >> IORING_CQE_BUFFER_SHIFT, 0, static_cast<unsigned>(cqe->res));
          if (!more) recv(tag.fd);
        } else if (cqe->res == -ENOBUFS) {
          recv(tag.fd);  // every buffer is out in a send; they come back
        } else if (cqe->res == 0 || cqe->res == -ECONNRESET) {
          close(tag.fd);
          --open_;
        } else {
          failed("liburing", "recv", cqe->res);
        }
        return;
      case EchoKind::send:
        if (cqe->res >= 0 && tag.start + static_cast<unsigned>(cqe->res) < tag.end) {
          send(tag.fd, tag.bid, tag.start + static_cast<unsigned>(cqe->res), tag.end);
          return;
        }
        if (cqe->res < 0 && cqe->res != -EPIPE && cqe->res != -ECONNRESET) {
          failed("liburing", "send", cqe->res);
        }
        give_back(tag.bid);
        return;
      case EchoKind::stop:
        stopped_ = true;
        return;
    }
    failed("liburing", "unknown user_data", static_cast<long>(cqe->user_data));
  }

 private:
  io_uring* ring_;
  io_uring_buf_ring* br_;
  char* bufs_;
  bool stopped_ = false;
  int open_ = 0;
};

void liburing_serve(Mode mode, int listen_fd, int stop_fd) {
  io_uring ring;
  const unsigned flags =
      mode == Mode::defer ? IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN : 0;
  if (const int r = io_uring_queue_init(kEchoEntries, &ring, flags); r < 0) {
    failed("liburing", "io_uring_queue_init", r);
  }
  if (mode == Mode::defer) {
    if (const int r = io_uring_register_ring_fd(&ring); r < 0) {
      failed("liburing", "io_uring_register_ring_fd", r);
    }
  }
  const size_t br_size = kEchoBufs * sizeof(io_uring_buf);
  void* br_mem = mmap(nullptr, br_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (br_mem == MAP_FAILED) failed("liburing", "mmap", -errno);
  auto* br = static_cast<io_uring_buf_ring*>(br_mem);
  io_uring_buf_reg reg{};
  reg.ring_addr = reinterpret_cast<uint64_t>(br);
  reg.ring_entries = kEchoBufs;
  reg.bgid = kEchoGroup;
  if (const int r = io_uring_register_buf_ring(&ring, &reg, 0); r < 0) {
    failed("liburing", "io_uring_register_buf_ring", r);
  }
  io_uring_buf_ring_init(br);
  char* bufs = static_cast<char*>(aligned_alloc(4096, size_t{kEchoBufs} * kEchoBufSize));
  if (bufs == nullptr) failed("liburing", "out of memory", 0);
  for (unsigned i = 0; i < kEchoBufs; ++i) {
    io_uring_buf_ring_add(br, bufs + size_t{i} * kEchoBufSize, kEchoBufSize,
                          static_cast<unsigned short>(i), io_uring_buf_ring_mask(kEchoBufs),
                          static_cast<int>(i));
  }
  io_uring_buf_ring_advance(br, kEchoBufs);
  Server server(&ring, br, bufs);

  uint64_t stop_value;
  io_uring_sqe* s = server.sqe();
  io_uring_prep_read(s, stop_fd, &stop_value, sizeof(stop_value), 0);
  io_uring_sqe_set_data64(s, echo_encode(EchoKind::stop, stop_fd));
  server.accept(listen_fd);
  while (!server.done()) {
    const int submitted = io_uring_submit_and_wait(&ring, 1);
    if (submitted < 0 && submitted != -EINTR) failed("liburing", "submit_and_wait", submitted);
    unsigned seen = 0;
    unsigned head;
    io_uring_cqe* cqe;
    io_uring_for_each_cqe(&ring, head, cqe) {
      server.handle(cqe, listen_fd);
      ++seen;
    }
    io_uring_cq_advance(&ring, seen);
  }
  io_uring_queue_exit(&ring);
  munmap(br_mem, br_size);
  free(bufs);
}

}  // namespace

EchoServer liburing_echo_server() { return EchoServer{"liburing", &liburing_serve}; }

}  // namespace bench
