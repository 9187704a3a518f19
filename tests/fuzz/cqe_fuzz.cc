// SPDX-License-Identifier: MIT
// The fuzz target over completion processing: each input is a fake ring
// state in plain memory (CQ head and tail anywhere, near 2^32 included; any
// CQE flags, CQE32 slots and CQE_MIXED padding and two-slot CQEs, F_MORE,
// F_BUFFER and buffer ids, the overflow and task-work flags, incremental
// buffer offsets, recvmsg headers) driven through fring's real reaping code
// on Ring and StaticRing: for_each_cqe, cqe_iter, peek_cqe, peek_batch_cqe,
// cqe_seen, cq_advance, cq_ready, cqe_buffer(), the recvmsg parsers and the
// buffer-ring helpers. The rings are real fring rings that queue_mmap()
// opened on fake ring memory (tests/support/fake_ring.h), so no test-only
// door into core/ is needed; this file plays the kernel's side.
// Invariants, besides no sanitizer report: never more ready than entries,
// every CQE handed out lies inside the CQ array (with its second half, for
// 32-byte CQEs) and is no padding, and a bad buffer id, length or offset is
// a typed error: the bytes cqe_buffer() points to lie inside their buffer.
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fring/fring.h"
#include "tests/support/fake_ring.h"

namespace fring {
namespace {

// Fails the run with a message: libFuzzer reports the abort as a crash and
// keeps the input.
#define FUZZ_ASSERT(cond)                                                              \
  do {                                                                                 \
    if (!(cond)) {                                                                     \
      fprintf(stderr, "cqe_fuzz: invariant failed at line %d: %s\n", __LINE__, #cond); \
      abort();                                                                         \
    }                                                                                  \
  } while (0)

// The input, read front to back; zeroes once it runs out.
class Input {
 public:
  Input(const uint8_t* data, size_t size) : data_(data), size_(size) {}
  uint8_t u8() { return pos_ < size_ ? data_[pos_++] : 0; }
  uint32_t u32() {
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i) v |= uint32_t{u8()} << (8 * i);
    return v;
  }
  // Copies up to `n` bytes (zero-filled past the end of the input).
  void bytes(uint8_t* out, size_t n) {
    for (size_t i = 0; i < n; ++i) out[i] = u8();
  }

 private:
  const uint8_t* data_;
  size_t size_;
  size_t pos_ = 0;
};

constexpr uint32_t kShapes[] = {0, setup::cqe32, setup::cqe_mixed};
constexpr uint32_t kSizes[] = {1, 2, 8, 64};
constexpr uint32_t kModes[] = {
    0,
    setup::single_issuer | setup::defer_taskrun,
    setup::coop_taskrun | setup::taskrun_flag,
};
constexpr size_t kFakes = 3 * 4 * 3;

// One fake ring (the kernel's side) and fring's two views of it: a Ring,
// and the StaticRing of its shape (kept as a Ring*, cast back to drive it).
struct Fake {
  test::FakeRing* kernel;
  Ring* ring;
  Ring* typed;
  uint32_t entries() const { return kernel->entries(); }
  bool big() const { return (kernel->flags() & setup::cqe32) != 0; }
  bool mixed() const { return (kernel->flags() & setup::cqe_mixed) != 0; }
};

Fake g_fakes[kFakes];

template <class R>
R* open_view(const test::FakeRing& fake) {
  Result<R> r = fake.open<R>();
  if (!r.ok()) {
    fprintf(stderr, "cqe_fuzz: queue_mmap of a fake ring: %s\n", errno_name(r.error()));
    abort();
  }
  return new R(static_cast<R&&>(r.value()));
}

void setup_once() {
  static bool done = false;
  if (done) return;
  size_t i = 0;
  for (uint32_t shape : kShapes) {
    for (uint32_t entries : kSizes) {
      for (uint32_t mode : kModes) {
        Fake& f = g_fakes[i++];
        f.kernel = new test::FakeRing(entries, shape | mode);
        if (!f.kernel->ok()) {
          perror("cqe_fuzz: setting up a fake ring");
          abort();
        }
        f.ring = open_view<Ring>(*f.kernel);
        if (shape == 0) {
          f.typed = open_view<StaticRing<0>>(*f.kernel);
        } else if (shape == setup::cqe32) {
          f.typed = open_view<StaticRing<setup::cqe32>>(*f.kernel);
        } else {
          f.typed = open_view<StaticRing<setup::cqe_mixed>>(*f.kernel);
        }
      }
    }
  }
  done = true;
}

// What one input drives: the ring, the buffer group its CQEs point into, the
// incremental offsets per buffer id, and the recvmsg layout.
struct Run {
  Fake* fake;
  BufGroup group;
  PbufRing* br;  // a buffer ring of br_entries, exactly allocated
  uint32_t br_entries;
  uint32_t offsets[256];  // bytes of each buffer used by earlier BUF_MORE completions
  Msghdr msgh;
};

// Reads `p..p+n` as a caller would, so that ASan sees it: one byte in every
// 8 (ASan's granule, and half its smallest redzone) and the last one, which
// finds any byte of the range that is not addressable.
unsigned touch(const uint8_t* p, size_t n) {
  unsigned sum = 0;
  for (size_t i = 0; i < n; i += 8) sum += p[i];
  if (n > 0) sum += p[n - 1];
  return sum;
}

// Walks a validated recvmsg buffer the way a caller does, in a copy of
// exactly `len` bytes that keeps the buffer's alignment (mod 8), so that any
// read past its end is a sanitizer report and misaligned layouts are kept.
void parse_recvmsg(const uint8_t* data, uint32_t len, const Msghdr& msgh) {
  const size_t shift = reinterpret_cast<uintptr_t>(data) % 8;
  uint8_t* block = static_cast<uint8_t*>(malloc(shift + len + (len == 0 ? 1 : 0)));
  uint8_t* copy = block + shift;
  memcpy(copy, data, len);
  RecvmsgOut* o = recvmsg_validate(copy, static_cast<int>(len), &msgh);
  if (o != nullptr) {
    RecvmsgOut header;
    memcpy(&header, o, sizeof(header));
    const uint32_t reserved = static_cast<uint32_t>(msgh.msg_namelen);
    // The name holds o->namelen bytes, cut to the space reserved for it.
    (void)touch(static_cast<uint8_t*>(recvmsg_name(o)),
                header.namelen < reserved ? header.namelen : reserved);
    int steps = 0;
    for (Cmsghdr* c = recvmsg_cmsg_firsthdr(o, &msgh); c != nullptr;
         c = recvmsg_cmsg_nexthdr(o, &msgh, c)) {
      const uint8_t* at = reinterpret_cast<uint8_t*>(c);
      FUZZ_ASSERT(at >= copy && at + sizeof(Cmsghdr) <= copy + len);
      // A message may sit at any address (after a name of any length): read
      // its length as bytes, then every byte it says it has.
      size_t cmsg_len;
      memcpy(&cmsg_len, at + offsetof(Cmsghdr, cmsg_len), sizeof(cmsg_len));
      FUZZ_ASSERT(cmsg_len <= static_cast<size_t>(copy + len - at));
      (void)touch(at, cmsg_len);
      FUZZ_ASSERT(++steps <= 4096);
    }
    const uint8_t* payload = static_cast<uint8_t*>(recvmsg_payload(o, &msgh));
    const unsigned n = recvmsg_payload_length(o, static_cast<int>(len), &msgh);
    if (n > 0) {
      FUZZ_ASSERT(payload >= copy && payload + n <= copy + len);
      (void)touch(payload, n);
    }
  }
  free(block);
}

// What a caller does with one CQE that `r` handed out.
void handle(Run& run, const Ring& r, const Cqe* cqe) {
  const Fake& f = *run.fake;
  const uint8_t* begin = test::FakeRing::cqes_of(r);
  const uint8_t* end = begin + f.entries() * f.kernel->slot_bytes();
  const uint8_t* p = reinterpret_cast<const uint8_t*>(cqe);
  // Inside the CQ array, on a slot boundary, with its second half for a
  // 32-byte CQE, and never the padding of a mixed ring.
  const bool mixed_big = f.mixed() && (cqe->flags & cqe_flag::cqe32);
  const size_t bytes = mixed_big ? 32 : f.kernel->slot_bytes();
  FUZZ_ASSERT(p >= begin && (p - begin) % f.kernel->slot_bytes() == 0);
  FUZZ_ASSERT(p + bytes <= end);
  FUZZ_ASSERT(!(f.mixed() && (cqe->flags & cqe_flag::skip)));
  // In the published window: at most the ring's entries from the head on.
  const uint32_t mask = f.entries() - 1;
  const uint32_t slot = static_cast<uint32_t>((p - begin) / f.kernel->slot_bytes());
  const uint32_t ready = f.kernel->cq_tail() - f.kernel->cq_head();
  FUZZ_ASSERT(((slot - f.kernel->cq_head()) & mask) < (ready < f.entries() ? ready : f.entries()));
  (void)touch(p, bytes);
  if (!(cqe->flags & cqe_flag::buffer)) return;
  const uint16_t bid = cqe_buffer_id(*cqe);
  const uint32_t offset = bid < 256 ? run.offsets[bid] : 0;
  Result<CqeBuffer> b = cqe_buffer(*cqe, run.group, offset);
  // The model: the request's own errno, a bad id, or data past the end.
  Errno expect = static_cast<Errno>(0);
  if (cqe->res < 0) {
    expect = cqe->res >= -4095 ? static_cast<Errno>(-cqe->res) : Errno::einval;
  } else if (bid >= run.group.count) {
    expect = Errno::erange;
  } else if (uint64_t{offset} + static_cast<uint32_t>(cqe->res) > run.group.size) {
    expect = Errno::eoverflow;
  }
  if (!b.ok()) {
    FUZZ_ASSERT(b.error() == expect);
    return;
  }
  FUZZ_ASSERT(static_cast<int>(expect) == 0);
  const CqeBuffer& buf = b.value();
  uint8_t* start = static_cast<uint8_t*>(run.group.base) + size_t{bid} * run.group.size;
  FUZZ_ASSERT(buf.bid == bid && bid < run.group.count);
  FUZZ_ASSERT(buf.data >= start && buf.data + buf.len <= start + run.group.size);
  (void)touch(buf.data, buf.len);
  if (buf.len > 0) parse_recvmsg(buf.data, buf.len, run.msgh);
  if (bid < 256) run.offsets[bid] = buf.more ? offset + buf.len : 0;
}

// Where `r` has the CQE of CQ position `pos`.
const Cqe* cqe_slot(const Ring& r, uint32_t pos) {
  const Cq& cq = r.cq();
  return reinterpret_cast<const Cqe*>(reinterpret_cast<const uint8_t*>(cq.cqes) +
                                      (size_t{pos & cq.ring_mask} << cq.slot_log2));
}

// The CQ slots the kernel's words say are ready.
uint32_t kernel_ready(const Fake& f) { return f.kernel->cq_tail() - f.kernel->cq_head(); }

// One operation on ring `r` (Ring or StaticRing), chosen by the input.
template <class R>
void step(Run& run, R& r, uint8_t op, uint8_t arg) {
  Fake& f = *run.fake;
  switch (op % 10) {
    case 0: {
      const unsigned ready = r.cq_ready();
      FUZZ_ASSERT(ready <= f.entries());
      FUZZ_ASSERT(ready <= kernel_ready(f));
      break;
    }
    case 1: {
      unsigned calls = 0;
      const unsigned slots = r.for_each_cqe([&](Cqe& cqe) {
        handle(run, r, &cqe);
        ++calls;
      });
      FUZZ_ASSERT(slots <= f.entries() && calls <= slots);
      FUZZ_ASSERT(slots <= kernel_ready(f));
      if (arg & 1) r.cq_advance(slots);
      break;
    }
    case 2: {
      CqeIter it = r.cqe_iter_init();
      const uint32_t head = it.head;
      Cqe* cqe;
      for (unsigned n = 0; n < arg && Ring::cqe_iter_next(it, &cqe); ++n) handle(run, r, cqe);
      FUZZ_ASSERT(it.head - head <= f.entries());
      FUZZ_ASSERT(it.head - head <= kernel_ready(f));
      r.cq_advance(it.head - head);
      break;
    }
    case 3: {
      Result<Cqe*> cqe = (arg & 1) ? r.wait_cqe_nr(0) : r.peek_cqe();
      if (cqe.ok()) {
        handle(run, r, cqe.value());
        r.cqe_seen(cqe.value());
      }
      break;
    }
    case 4: {
      Cqe* batch[16];
      const unsigned want = arg % 17;
      const unsigned n = r.peek_batch_cqe(batch, want);
      FUZZ_ASSERT(n <= want && n <= f.entries());
      for (unsigned i = 0; i < n; ++i) handle(run, r, batch[i]);
      // Consuming each batch entry consumes exactly the batch: one after
      // the other, as many slots as the CQEs take.
      if (arg & 0x80) {
        const uint32_t head = f.kernel->cq_head();
        uint32_t slots = 0;
        for (unsigned i = 0; i < n; ++i) {
          FUZZ_ASSERT(batch[i] == cqe_slot(r, head + slots));
          slots += f.mixed() ? cqe_nr(*batch[i]) : 1;
          r.cqe_seen(batch[i]);
        }
      }
      break;
    }
    case 5:
      // A caller's own arithmetic, right or wrong: the head is ours to move.
      r.cq_advance(arg % 4);
      break;
    case 6:
      // The kernel posts more (whatever the slots hold).
      f.kernel->set_cq_tail(f.kernel->cq_tail() + arg % (f.entries() + 1));
      break;
    case 7:
      (void)r.cq_has_overflow();
      (void)r.cq_eventfd_enabled();
      break;
    case 8:
      // The kernel flags a backlog or task work, or clears them.
      f.kernel->set_sq_flags(arg & (sq_flag::cq_overflow | sq_flag::taskrun));
      break;
    case 9: {
      // Put buffers back and consume CQEs, as a recv loop does; the u16
      // tail wraps.
      const uint16_t tail = run.br->tail;
      const int add = arg % 4;
      const uint16_t bid = static_cast<uint16_t>(arg % run.group.count);
      for (int i = 0; i < add; ++i) {
        buf_ring_add(run.br, run.group.base, run.group.size, bid, buf_ring_mask(run.br_entries), i);
      }
      const unsigned consumed = (arg >> 2) % 3;
      if (consumed > r.cq_ready()) break;
      buf_ring_cq_advance(r, run.br, static_cast<int>(consumed), add);
      FUZZ_ASSERT(run.br->tail == static_cast<uint16_t>(tail + add));
      break;
    }
  }
}

template <uint32_t kShape>
void steps_typed(Run& run, Ring* ring, Input& in, unsigned n) {
  auto& r = static_cast<StaticRing<kShape>&>(*ring);
  for (unsigned i = 0; i < n; ++i) {
    const uint8_t op = in.u8();
    step(run, r, op, in.u8());
  }
}

// Writes the CQE at ring position `pos` from the input.
void write_cqe(const Fake& f, Input& in, uint32_t pos) {
  Cqe* cqe = f.kernel->cqe(pos);
  const uint8_t sel = in.u8();
  uint32_t flags;
  if (sel & 0x80) {
    flags = in.u32();  // anything at all
  } else {
    flags = 0;
    if (sel & 1) flags |= cqe_flag::buffer;
    if (sel & 2) flags |= cqe_flag::more;
    if (sel & 4) flags |= cqe_flag::sock_nonempty | cqe_flag::notif;
    if (sel & 8) flags |= cqe_flag::buf_more;
    if (sel & 16) flags |= cqe_flag::skip;
    if (sel & 32) flags |= cqe_flag::cqe32;
    flags |= uint32_t{in.u8()} << cqe_flag::buffer_shift;  // small buffer ids
  }
  const uint8_t r = in.u8();
  int32_t res;
  if (r < 0x80) {
    res = r;  // a small length
  } else if (r < 0xc0) {
    res = -static_cast<int32_t>(r & 0x3f) - 1;  // an errno
  } else {
    res = static_cast<int32_t>(in.u32());  // anything
  }
  cqe->user_data = pos;
  cqe->res = res;
  cqe->flags = flags;
  if (f.big()) memset(cqe + 1, static_cast<int>(pos), sizeof(Cqe));
}

}  // namespace

// The input, in order: the ring (which of kFakes, Ring or StaticRing); the CQ
// head; how many slots are ready; the SQ flags; the CQEs; the buffer group
// and recvmsg layout; the buffer ring; the operations; then the buffers'
// contents.
int fuzz_one(const uint8_t* data, size_t size) {
  setup_once();
  Input in(data, size);
  const uint8_t sel = in.u8();
  Run run{};
  run.fake = &g_fakes[(sel & 0x7f) % kFakes];  // the top bit picks the view
  Fake& f = *run.fake;
  // The head: near 2^32, anywhere, or small.
  const uint8_t where = in.u8();
  uint32_t head = in.u32();
  if (where % 3 == 0) head = 0xffffffffU - (head & 0xff);
  if (where % 3 == 2) head &= 0xff;
  // Ready slots: within the ring (what a kernel writes) or anything at all
  // (what a process that scribbles on its rings might leave).
  const uint8_t r = in.u8();
  const uint32_t ready = (r & 0x80) ? in.u32() : r % (f.entries() + 1);
  f.kernel->set_cq_head(head);
  f.kernel->set_cq_tail(head + ready);
  const uint32_t sq_flags = sq_flag::cq_overflow | sq_flag::taskrun | sq_flag::need_wakeup;
  f.kernel->set_sq_flags(in.u8() & sq_flags);
  f.kernel->set_cq_overflow(in.u8());
  for (uint32_t i = 0; i < f.entries(); ++i) write_cqe(f, in, head + i);
  // Buffers: 1..8 of 1..256 bytes in one exactly-sized allocation.
  const uint32_t count = 1 + in.u8() % 8;
  const uint32_t bsize = 1 + in.u8();
  run.msgh.msg_namelen = in.u8() % 64;
  if (in.u8() == 0xff) run.msgh.msg_namelen -= 128;  // a negative length
  run.msgh.msg_controllen = in.u8() % 128;
  uint8_t* pool = static_cast<uint8_t*>(malloc(size_t{count} * bsize));
  run.group = BufGroup{pool, bsize, count};
  run.br_entries = 1U << (in.u8() % 4);
  run.br = static_cast<PbufRing*>(calloc(run.br_entries, sizeof(Buf)));
  run.br->tail = static_cast<uint16_t>(0xfff0 + in.u8() % 32);  // near the wrap
  const unsigned ops = 1 + in.u8() % 16;
  // The operations are read as they run; the buffers get what follows them.
  Input ops_in = in;
  for (unsigned i = 0; i < 2 * ops; ++i) (void)in.u8();
  in.bytes(pool, size_t{count} * bsize);
  if (sel & 0x80) {
    switch (f.kernel->flags() & (setup::cqe32 | setup::cqe_mixed)) {
      case 0:
        steps_typed<0>(run, f.typed, ops_in, ops);
        break;
      case setup::cqe32:
        steps_typed<setup::cqe32>(run, f.typed, ops_in, ops);
        break;
      default:
        steps_typed<setup::cqe_mixed>(run, f.typed, ops_in, ops);
        break;
    }
  } else {
    for (unsigned i = 0; i < ops; ++i) {
      const uint8_t op = ops_in.u8();
      step(run, *f.ring, op, ops_in.u8());
    }
  }
  free(run.br);
  free(pool);
  return 0;
}

}  // namespace fring

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return fring::fuzz_one(data, size);
}
