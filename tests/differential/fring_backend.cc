// SPDX-License-Identifier: MIT
// fring's side of the differential test, driven as fring's users drive it:
// Rings that own themselves, Results, prep helpers taking an Sqe&.
// Built twice: as it is, and with FRING_DIFF_MUTATE, where prep_timeout()'s
// SQE gets the wrong opcode (op::nop), the broken encoding the mutation test
// expects the differential to catch.
#include "fring/fring.h"
#include "tests/differential/backend.h"

namespace fring::diff {
namespace {

struct Rings {
  Ring a;
  Ring b;
  uint64_t empty = 0;  // an empty kernel sigset
};

Ring& ring_of(void* h, int ring) {
  Rings* r = static_cast<Rings*>(h);
  return ring == 0 ? r->a : r->b;
}

Ring& a_of(void* h) { return ring_of(h, 0); }

// A Result as liburing would return it: the value, or -errno.
int code(const Result<unsigned>& r) {
  return r.ok() ? static_cast<int>(r.value()) : -static_cast<int>(r.error());
}

int code(const Result<void>& r) { return r.ok() ? 0 : -static_cast<int>(r.error()); }

// A Result<Cqe*> as liburing's int and out-pointer.
int code(const Result<Cqe*>& r, const void** cqe) {
  *cqe = r.ok() ? r.value() : nullptr;
  return r.ok() ? 0 : -static_cast<int>(r.error());
}

// Request timeouts must stay valid until the SQE is consumed.
const Timespec* timespec_of(Wait w) {
  static Timespec table[4];
  Timespec* ts = &table[static_cast<int>(w)];
  int64_t sec = 0, nsec = 0;
  wait_time(w, &sec, &nsec);
  ts->tv_sec = sec;
  ts->tv_nsec = nsec;
  return ts;
}

void* create(const Setup& s, int* err) {
  Params p{};
  p.flags = s.flags | setup::cqsize;
  p.cq_entries = s.cq_entries;
  p.sq_thread_idle = s.sq_thread_idle;
  auto a = Ring::queue_init_params(s.entries, p);
  if (!a.ok()) {
    *err = -static_cast<int>(a.error());
    return nullptr;
  }
  Params pb{};
  pb.flags = setup::cqsize;
  pb.cq_entries = s.cq_entries;
  auto b = Ring::queue_init_params(4, pb);
  if (!b.ok()) {
    *err = -static_cast<int>(b.error());
    return nullptr;
  }
  if (s.register_ring_fd) {
    const Result<void> reg = a.value().register_ring_fd();
    if (!reg.ok()) {
      *err = -static_cast<int>(reg.error());
      return nullptr;
    }
  }
  Rings* r = new Rings;
  r->a = static_cast<Result<Ring>&&>(a).value();
  r->b = static_cast<Result<Ring>&&>(b).value();
  *err = 0;
  return r;
}

void destroy(void* h) { delete static_cast<Rings*>(h); }

RingView view(void* h, int which) {
  const Ring& ring = ring_of(h, which);
  RingView v;
  v.fd = ring.fd();
  v.sq_khead = ring.sq().khead;
  v.sq_ktail = ring.sq().ktail;
  v.sq_kflags = ring.sq().kflags;
  v.cq_khead = ring.cq().khead;
  v.cq_ktail = ring.cq().ktail;
  v.cqes = reinterpret_cast<const char*>(ring.cq().cqes);
  v.cqe_size = 16U << ring.cqe_shift();
  v.cq_mask = ring.cq().ring_mask;
  v.cq_entries = ring.cq().ring_entries;
  v.sq_entries = ring.sq().ring_entries;
  return v;
}

bool queue(void* h, const Prep& p, unsigned* sq_index) {
  Ring& ring = a_of(h);
  Sqe* sqe = p.kind == Kind::nop128 ? ring.get_sqe128() : ring.get_sqe();
  if (sqe == nullptr) return false;
  *sq_index = static_cast<unsigned>(sqe - ring.sq().sqes) >> ring.sqe_shift();
  switch (p.kind) {
    case Kind::nop:
      prep_nop(*sqe);
      sqe->nop_flags = p.nop_flags;
      sqe->len = static_cast<uint32_t>(p.inject);
      break;
    case Kind::nop128:
      prep_nop128(*sqe);
      break;
    case Kind::read:
    case Kind::read_fixed_file:
      prep_read(*sqe, p.fd, p.buf, p.len, p.off);
      break;
    case Kind::write:
      prep_write(*sqe, p.fd, p.buf, p.len, p.off);
      break;
    case Kind::read_fixed:
      prep_read_fixed(*sqe, p.fd, p.buf, p.len, p.off, 0);
      break;
    case Kind::read_select:
      prep_read(*sqe, p.fd, nullptr, p.len, p.off);
      sqe_set_buf_group(*sqe, p.bgid);
      break;
    case Kind::poll_add:
      prep_poll_add(*sqe, p.fd, p.len);
      break;
    case Kind::timeout:
      prep_timeout(*sqe, timespec_of(p.ts), 0, 0);
#ifdef FRING_DIFF_MUTATE
      sqe->opcode = op::nop;  // the planted encoding bug
#endif
      break;
    case Kind::timeout_remove:
      prep_timeout_remove(*sqe, p.target, 0);
      break;
    case Kind::link_timeout:
      prep_link_timeout(*sqe, timespec_of(p.ts), 0);
      break;
    case Kind::cancel:
      prep_cancel64(*sqe, p.target, 0);
      break;
    case Kind::poll_remove:
      prep_poll_remove(*sqe, p.target);
      break;
    case Kind::msg_ring:
      prep_msg_ring(*sqe, p.fd, p.len, p.target, 0);
      break;
    case Kind::provide_buffers:
      prep_provide_buffers(*sqe, p.buf, static_cast<int>(p.len), static_cast<int>(p.nr), p.bgid,
                           p.bid);
      break;
  }
  unsigned flags = p.sqe_flags;
  if (p.kind == Kind::read_fixed_file) flags |= sqe_flag::fixed_file;
  if (p.kind == Kind::read_select) flags |= sqe_flag::buffer_select;
  sqe_set_flags(*sqe, flags);
  sqe_set_data64(*sqe, p.user_data);
  return true;
}

int submit(void* h) { return code(a_of(h).submit()); }

int submit_and_wait(void* h, unsigned nr) { return code(a_of(h).submit_and_wait(nr)); }

int submit_and_wait_timeout(void* h, const void** cqe, unsigned nr, Wait ts, bool sigmask) {
  Cqe* out = nullptr;
  Rings* r = static_cast<Rings*>(h);
  const int ret =
      code(r->a.submit_and_wait_timeout(&out, nr, timespec_of(ts), sigmask ? &r->empty : nullptr));
  *cqe = out;
  return ret;
}

int submit_and_wait_reg(void* h, const void** cqe, unsigned nr) {
  Cqe* out = nullptr;
  const int ret = code(a_of(h).submit_and_wait_reg(&out, nr, 0));
  *cqe = out;
  return ret;
}

int submit_and_get_events(void* h) { return code(a_of(h).submit_and_get_events()); }

int get_events(void* h) { return code(a_of(h).get_events()); }

int peek_cqe(void* h, int ring, const void** cqe) { return code(ring_of(h, ring).peek_cqe(), cqe); }

int wait_cqe(void* h, const void** cqe) { return code(a_of(h).wait_cqe(), cqe); }

int wait_cqe_nr(void* h, const void** cqe, unsigned nr) {
  return code(a_of(h).wait_cqe_nr(nr), cqe);
}

int wait_cqes(void* h, const void** cqe, unsigned nr, Wait ts, bool sigmask) {
  Rings* r = static_cast<Rings*>(h);
  return code(r->a.wait_cqes(nr, timespec_of(ts), sigmask ? &r->empty : nullptr), cqe);
}

int wait_cqe_timeout(void* h, const void** cqe, Wait ts) {
  return code(a_of(h).wait_cqe_timeout(timespec_of(ts)), cqe);
}

unsigned peek_batch_cqe(void* h, const void** cqes, unsigned count) {
  Cqe* out[64];
  if (count > 64) count = 64;
  const unsigned n = a_of(h).peek_batch_cqe(out, count);
  for (unsigned i = 0; i < n; ++i) cqes[i] = out[i];
  return n;
}

unsigned for_each_cqe(void* h, const void** cqes, unsigned max) {
  unsigned n = 0;
  const unsigned slots = a_of(h).for_each_cqe([&](Cqe& cqe) {
    if (n < max) cqes[n] = &cqe;
    ++n;
  });
  return n == slots ? n : ~0U;  // one slot per CQE on every ring here
}

void cqe_seen(void* h, int ring, const void* cqe) {
  ring_of(h, ring).cqe_seen(static_cast<Cqe*>(const_cast<void*>(cqe)));
}

void cq_advance(void* h, unsigned nr) { a_of(h).cq_advance(nr); }

unsigned cq_ready(void* h) { return a_of(h).cq_ready(); }

unsigned sq_ready(void* h) { return a_of(h).sq_ready(); }

unsigned sq_space_left(void* h) { return a_of(h).sq_space_left(); }

int sqring_wait(void* h) { return code(a_of(h).sqring_wait()); }

int register_files(void* h, const int* fds, unsigned n) {
  return code(fring::register_files(a_of(h), fds, n));
}

int unregister_files(void* h) { return code(fring::unregister_files(a_of(h))); }

int register_buffers(void* h, const iovec* iov, unsigned n) {
  return code(fring::register_buffers(a_of(h), iov, n));
}

int unregister_buffers(void* h) { return code(fring::unregister_buffers(a_of(h))); }

}  // namespace

#ifdef FRING_DIFF_MUTATE
constexpr const char* kName = "fring with prep_timeout broken";
#else
constexpr const char* kName = "fring";
#endif

extern const Backend kFring = {
    kName,
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
