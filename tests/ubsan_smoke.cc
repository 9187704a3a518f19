// SPDX-License-Identifier: MIT
// A freestanding program (no libc) that runs much of fring's core, built by
// ubsan_trap_test.sh with UBSan in trap mode: any undefined behaviour on a
// path it takes stops it with a trap instruction. Without a kernel io_uring
// (qemu-user) it runs the parts that need none and says the rings were
// skipped. Prints "ubsan-smoke: ok" and exits 0 when every check held.
#include "fring/arch/start.h"
#include "fring/fring.h"

namespace {

using namespace fring;

int g_failed = 0;

size_t length(const char* s) {
  size_t n = 0;
  while (s[n] != '\0') ++n;
  return n;
}

void say(const char* s) { (void)sys::write(1, s, length(s)); }

void check(bool ok, const char* what) {
  if (ok) return;
  say("ubsan-smoke: FAILED: ");
  say(what);
  say("\n");
  ++g_failed;
}

template <class T>
void put(uint8_t* p, const T& v) {
  __builtin_memcpy(p, &v, sizeof(v));
}

// cqe_buffer(): a good completion and each typed error.
void buffers() {
  static uint8_t pool[4 * 32];
  const BufGroup group{pool, 32, 4};
  Cqe cqe{};
  cqe.res = 20;
  cqe.flags = cqe_flag::buffer | (3U << cqe_flag::buffer_shift) | cqe_flag::buf_more;
  Result<CqeBuffer> b = cqe_buffer(cqe, group, 12);
  check(b.ok() && b.value().data == pool + 3 * 32 + 12 && b.value().more, "cqe_buffer");
  check(!cqe_buffer(cqe, group, 13).ok(), "cqe_buffer past the end");
  cqe.flags = cqe_flag::buffer | (4U << cqe_flag::buffer_shift);
  check(!cqe_buffer(cqe, group).ok(), "cqe_buffer bad id");
  cqe.res = -2147483647 - 1;
  check(!cqe_buffer(cqe, group).ok() && cqe_buffer(cqe, group).error() == Errno::einval,
        "cqe_buffer negative result");
}

// A recvmsg buffer at an odd address with a 28-byte name: misaligned control
// messages, parsed end to end.
void recvmsg() {
  alignas(8) static uint8_t storage[1 + 128];
  uint8_t* b = storage + 1;
  Msghdr mh{};
  mh.msg_namelen = 28;
  mh.msg_controllen = 40;
  put(b, RecvmsgOut{28, 40, 4, 0});
  put(b + 44, Cmsghdr{20, 1, 2});
  put(b + 68, Cmsghdr{16, 3, 4});
  RecvmsgOut* o = recvmsg_validate(b, 88, &mh);
  check(o != nullptr, "recvmsg_validate");
  if (o == nullptr) return;
  unsigned n = 0;
  for (Cmsghdr* c = recvmsg_cmsg_firsthdr(o, &mh); c != nullptr;
       c = recvmsg_cmsg_nexthdr(o, &mh, c)) {
    ++n;
  }
  check(n == 2, "recvmsg control messages");
  check(recvmsg_payload_length(o, 88, &mh) == 4, "recvmsg payload");
}

// A buffer ring in plain memory, its 16-bit tail wrapping.
void buf_ring() {
  alignas(16) static Buf entries[8];
  auto* br = reinterpret_cast<PbufRing*>(entries);
  buf_ring_init(br);
  br->tail = 0xfffa;
  static uint8_t data[64];
  for (int round = 0; round < 10; ++round) {
    for (int i = 0; i < 3; ++i) {
      buf_ring_add(br, data, sizeof(data), static_cast<unsigned short>(i), buf_ring_mask(8), i);
    }
    buf_ring_advance(br, 3);
  }
  check(br->tail == static_cast<uint16_t>(0xfffa + 30), "buffer-ring tail wraps");
}

// NOP batches on a small ring of type R, reaped in each way.
template <class R>
void nops(R& ring) {
  uint64_t next = 1;
  for (unsigned round = 0; round < 64; ++round) {
    const unsigned batch = 1 + round % 4;
    for (unsigned i = 0; i < batch; ++i) {
      Sqe* sqe = ring.get_sqe();
      check(sqe != nullptr, "get_sqe");
      if (sqe == nullptr) return;
      prep_nop(*sqe);
      sqe_set_data64(*sqe, next++);
    }
    Result<unsigned> s = ring.submit_and_wait(batch);
    check(s.ok(), "submit_and_wait");
    if (!s.ok()) return;
    unsigned seen = 0;
    switch (round % 3) {
      case 0: {
        const unsigned slots = ring.for_each_cqe([&](Cqe& c) { seen += c.res == 0 ? 1 : 0; });
        ring.cq_advance(slots);
        break;
      }
      case 1: {
        Cqe* cqes[4];
        const unsigned n = ring.peek_batch_cqe(cqes, 4);
        for (unsigned i = 0; i < n; ++i) {
          seen += cqes[i]->res == 0 ? 1 : 0;
          ring.cqe_seen(cqes[i]);
        }
        break;
      }
      default:
        while (seen < batch) {
          Result<Cqe*> c = ring.wait_cqe();
          if (!c.ok()) break;
          ++seen;
          ring.cqe_seen(c.value());
        }
    }
    check(seen == batch, "every NOP completed");
  }
}

void rings() {
  Result<Ring> ring = Ring::queue_init(4);
  if (!ring.ok() && (ring.error() == Errno::enosys || ring.error() == Errno::eperm)) {
    say("ubsan-smoke: rings skipped: io_uring unavailable\n");
    return;
  }
  check(ring.ok(), "Ring::queue_init");
  if (ring.ok()) nops(ring.value());
  Result<StaticRing<0>> typed = StaticRing<0>::queue_init(4);
  check(typed.ok(), "StaticRing<0>::queue_init");
  if (typed.ok()) nops(typed.value());
  say("ubsan-smoke: rings ok\n");
}

}  // namespace

extern "C" int fring_main(int, char**, char**) {
  buffers();
  recvmsg();
  buf_ring();
  check(memory_size(8, 0).ok(), "memory_size");
  check(errno_name(Errno::einval)[0] == 'E', "errno_name");
  rings();
  if (g_failed != 0) return 1;
  say("ubsan-smoke: ok\n");
  return 0;
}
