// SPDX-License-Identifier: MIT
// The differential test's oracle: liburing 2.15 (@fring_liburing), driven as
// its own users drive it. Only this file includes <liburing.h>.
#include <errno.h>
#include <liburing.h>
#include <signal.h>
#include <stdlib.h>

#include "tests/differential/backend.h"

namespace fring::diff {
namespace {

struct Rings {
  io_uring a;
  io_uring b;
  sigset_t empty;
};

io_uring* ring_of(void* h, int ring) {
  Rings* r = static_cast<Rings*>(h);
  return ring == 0 ? &r->a : &r->b;
}

io_uring* a_of(void* h) { return ring_of(h, 0); }

// Request timeouts are read when the SQE is consumed (by the SQPOLL thread,
// perhaps later than the submit), so they live as long as the program.
__kernel_timespec* timespec_of(Wait w) {
  static __kernel_timespec table[4];
  __kernel_timespec* ts = &table[static_cast<int>(w)];
  int64_t sec = 0, nsec = 0;
  wait_time(w, &sec, &nsec);
  ts->tv_sec = sec;
  ts->tv_nsec = nsec;
  return ts;
}

void* create(const Setup& s, int* err) {
  Rings* r = static_cast<Rings*>(calloc(1, sizeof(Rings)));
  sigemptyset(&r->empty);
  io_uring_params p = {};
  p.flags = s.flags | IORING_SETUP_CQSIZE;
  p.cq_entries = s.cq_entries;
  p.sq_thread_idle = s.sq_thread_idle;
  int ret = io_uring_queue_init_params(s.entries, &r->a, &p);
  if (ret < 0) {
    free(r);
    *err = ret;
    return nullptr;
  }
  io_uring_params pb = {};
  pb.flags = IORING_SETUP_CQSIZE;
  pb.cq_entries = s.cq_entries;
  ret = io_uring_queue_init_params(4, &r->b, &pb);
  if (ret == 0 && s.register_ring_fd) ret = io_uring_register_ring_fd(&r->a);
  if (ret < 0) {
    if (pb.sq_entries != 0) io_uring_queue_exit(&r->b);
    io_uring_queue_exit(&r->a);
    free(r);
    *err = ret < 0 ? ret : -EINVAL;
    return nullptr;
  }
  *err = 0;
  return r;
}

void destroy(void* h) {
  io_uring_queue_exit(a_of(h));
  io_uring_queue_exit(ring_of(h, 1));
  free(h);
}

RingView view(void* h, int which) {
  io_uring* ring = ring_of(h, which);
  RingView v;
  v.fd = ring->ring_fd;
  v.sq_khead = ring->sq.khead;
  v.sq_ktail = ring->sq.ktail;
  v.sq_kflags = ring->sq.kflags;
  v.cq_khead = ring->cq.khead;
  v.cq_ktail = ring->cq.ktail;
  v.cqes = reinterpret_cast<const char*>(ring->cq.cqes);
  v.cqe_size = 16U << io_uring_cqe_shift(ring);
  v.cq_mask = ring->cq.ring_mask;
  v.cq_entries = ring->cq.ring_entries;
  v.sq_entries = ring->sq.ring_entries;
  return v;
}

bool queue(void* h, const Prep& p, unsigned* sq_index) {
  io_uring* ring = a_of(h);
  io_uring_sqe* sqe = p.kind == Kind::nop128 ? io_uring_get_sqe128(ring) : io_uring_get_sqe(ring);
  if (sqe == nullptr) return false;
  *sq_index = static_cast<unsigned>(sqe - ring->sq.sqes) >> io_uring_sqe_shift(ring);
  switch (p.kind) {
    case Kind::nop:
      io_uring_prep_nop(sqe);
      sqe->nop_flags = p.nop_flags;
      sqe->len = static_cast<unsigned>(p.inject);
      break;
    case Kind::nop128:
      io_uring_prep_nop128(sqe);
      break;
    case Kind::read:
    case Kind::read_fixed_file:
      io_uring_prep_read(sqe, p.fd, p.buf, p.len, p.off);
      break;
    case Kind::write:
      io_uring_prep_write(sqe, p.fd, p.buf, p.len, p.off);
      break;
    case Kind::read_fixed:
      io_uring_prep_read_fixed(sqe, p.fd, p.buf, p.len, p.off, 0);
      break;
    case Kind::read_select:
      io_uring_prep_read(sqe, p.fd, nullptr, p.len, p.off);
      sqe->buf_group = p.bgid;
      break;
    case Kind::poll_add:
      io_uring_prep_poll_add(sqe, p.fd, p.len);
      break;
    case Kind::timeout:
      io_uring_prep_timeout(sqe, timespec_of(p.ts), 0, 0);
      break;
    case Kind::timeout_remove:
      io_uring_prep_timeout_remove(sqe, p.target, 0);
      break;
    case Kind::link_timeout:
      io_uring_prep_link_timeout(sqe, timespec_of(p.ts), 0);
      break;
    case Kind::cancel:
      io_uring_prep_cancel64(sqe, p.target, 0);
      break;
    case Kind::poll_remove:
      io_uring_prep_poll_remove(sqe, p.target);
      break;
    case Kind::msg_ring:
      io_uring_prep_msg_ring(sqe, p.fd, p.len, p.target, 0);
      break;
    case Kind::provide_buffers:
      io_uring_prep_provide_buffers(sqe, p.buf, static_cast<int>(p.len), static_cast<int>(p.nr),
                                    p.bgid, p.bid);
      break;
  }
  unsigned flags = p.sqe_flags;
  if (p.kind == Kind::read_fixed_file) flags |= IOSQE_FIXED_FILE;
  if (p.kind == Kind::read_select) flags |= IOSQE_BUFFER_SELECT;
  io_uring_sqe_set_flags(sqe, flags);
  io_uring_sqe_set_data64(sqe, p.user_data);
  return true;
}

int submit(void* h) { return io_uring_submit(a_of(h)); }

int submit_and_wait(void* h, unsigned nr) { return io_uring_submit_and_wait(a_of(h), nr); }

int submit_and_wait_timeout(void* h, const void** cqe, unsigned nr, Wait ts, bool sigmask) {
  io_uring_cqe* out = nullptr;
  Rings* r = static_cast<Rings*>(h);
  const int ret = io_uring_submit_and_wait_timeout(&r->a, &out, nr, timespec_of(ts),
                                                   sigmask ? &r->empty : nullptr);
  *cqe = out;
  return ret;
}

int submit_and_wait_reg(void* h, const void** cqe, unsigned nr) {
  io_uring_cqe* out = nullptr;
  const int ret = io_uring_submit_and_wait_reg(a_of(h), &out, nr, 0);
  *cqe = out;
  return ret;
}

int submit_and_get_events(void* h) { return io_uring_submit_and_get_events(a_of(h)); }

int get_events(void* h) { return io_uring_get_events(a_of(h)); }

int peek_cqe(void* h, int ring, const void** cqe) {
  io_uring_cqe* out = nullptr;
  const int ret = io_uring_peek_cqe(ring_of(h, ring), &out);
  *cqe = out;
  return ret;
}

int wait_cqe(void* h, const void** cqe) {
  io_uring_cqe* out = nullptr;
  const int ret = io_uring_wait_cqe(a_of(h), &out);
  *cqe = out;
  return ret;
}

int wait_cqe_nr(void* h, const void** cqe, unsigned nr) {
  io_uring_cqe* out = nullptr;
  const int ret = io_uring_wait_cqe_nr(a_of(h), &out, nr);
  *cqe = out;
  return ret;
}

int wait_cqes(void* h, const void** cqe, unsigned nr, Wait ts, bool sigmask) {
  io_uring_cqe* out = nullptr;
  Rings* r = static_cast<Rings*>(h);
  const int ret =
      io_uring_wait_cqes(&r->a, &out, nr, timespec_of(ts), sigmask ? &r->empty : nullptr);
  *cqe = out;
  return ret;
}

int wait_cqe_timeout(void* h, const void** cqe, Wait ts) {
  io_uring_cqe* out = nullptr;
  const int ret = io_uring_wait_cqe_timeout(a_of(h), &out, timespec_of(ts));
  *cqe = out;
  return ret;
}

unsigned peek_batch_cqe(void* h, const void** cqes, unsigned count) {
  io_uring_cqe* out[64];
  if (count > 64) count = 64;
  const unsigned n = io_uring_peek_batch_cqe(a_of(h), out, count);
  for (unsigned i = 0; i < n; ++i) cqes[i] = out[i];
  return n;
}

unsigned for_each_cqe(void* h, const void** cqes, unsigned max) {
  io_uring* ring = a_of(h);
  io_uring_cqe* cqe;
  unsigned head;
  unsigned n = 0;
  io_uring_for_each_cqe(ring, head, cqe) {
    if (n < max) cqes[n] = cqe;
    ++n;
  }
  return n;
}

void cqe_seen(void* h, int ring, const void* cqe) {
  io_uring_cqe_seen(ring_of(h, ring), static_cast<io_uring_cqe*>(const_cast<void*>(cqe)));
}

void cq_advance(void* h, unsigned nr) { io_uring_cq_advance(a_of(h), nr); }

unsigned cq_ready(void* h) { return io_uring_cq_ready(a_of(h)); }

unsigned sq_ready(void* h) { return io_uring_sq_ready(a_of(h)); }

unsigned sq_space_left(void* h) { return io_uring_sq_space_left(a_of(h)); }

int sqring_wait(void* h) { return io_uring_sqring_wait(a_of(h)); }

int register_files(void* h, const int* fds, unsigned n) {
  return io_uring_register_files(a_of(h), fds, n);
}

int unregister_files(void* h) { return io_uring_unregister_files(a_of(h)); }

int register_buffers(void* h, const iovec* iov, unsigned n) {
  return io_uring_register_buffers(a_of(h), iov, n);
}

int unregister_buffers(void* h) { return io_uring_unregister_buffers(a_of(h)); }

}  // namespace

extern const Backend kLiburing = {
    "liburing",
    create,
    destroy,
    view,
    queue,
    submit,
    submit_and_wait,
    submit_and_wait_timeout,
    submit_and_wait_reg,
    submit_and_get_events,
    get_events,
    peek_cqe,
    wait_cqe,
    wait_cqe_nr,
    wait_cqes,
    wait_cqe_timeout,
    peek_batch_cqe,
    for_each_cqe,
    cqe_seen,
    cq_advance,
    cq_ready,
    sq_ready,
    sq_space_left,
    sqring_wait,
    register_files,
    unregister_files,
    register_buffers,
    unregister_buffers,
};

}  // namespace fring::diff
