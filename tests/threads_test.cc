// SPDX-License-Identifier: MIT
// Several threads at once, each with its own ring of a different kind (Ring,
// StaticRing with SINGLE_ISSUER+DEFER_TASKRUN, StaticRing<SQPOLL>, and a
// Ring and a StaticRing<CQE32> in caller memory where the kernel takes it),
// set up concurrently and passing IORING_OP_MSG_RING messages around a
// circle of rings while running NOPs: every NOP and every message completes
// exactly once. Under --config=tsan this is the test that gives
// ThreadSanitizer something to look at (fring's process-wide state, set-up
// and teardown on many threads, the reaping paths side by side).
#include <sys/mman.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/fring_test.h"

namespace fring {

namespace {

constexpr unsigned kRounds = 500;
constexpr unsigned kPeers = 5;
// user_data: the kind of completion in the top byte, the round below.
constexpr uint64_t kNop = 1ULL << 56;
constexpr uint64_t kSent = 2ULL << 56;  // our MSG_RING SQE's own CQE
constexpr uint64_t kMessage = 3ULL << 56;  // a message posted by the previous peer

enum class Kind { kRing, kDeferTaskrun, kSqpoll, kCallerMemory, kStaticCallerMemory };

// One thread's ring and what it saw; read by the main thread after join().
struct Peer {
  Kind kind;
  std::atomic<int> fd{-1};       // published once the ring is set up
  std::atomic<int> failed{0};      // a flag; int, as riscv64 has no 1-byte atomic exchange without libatomic
  std::string error;             // the first failure, for the main thread
  std::vector<uint8_t> nops, sent, messages;  // completions per round
};

// Both the ready counter and the flag every peer checks, so that a peer
// whose set-up failed releases the others instead of hanging them.
std::atomic<unsigned> g_ready{0};

void fail(Peer& me, std::string why) {
  if (me.failed.exchange(1) == 0) me.error = std::move(why);
}

// Waits until every peer has published its ring fd; false when one failed.
bool all_ready(const std::vector<Peer*>& peers) {
  while (g_ready.load() < kPeers) std::this_thread::yield();
  for (const Peer* p : peers) {
    if (p->failed.load() != 0) return false;
  }
  return true;
}

// Books one completion; false for an unexpected one.
bool book(Peer& me, const Cqe& cqe) {
  const uint64_t kind = cqe.user_data & (0xffULL << 56);
  const uint64_t round = cqe.user_data & ((1ULL << 56) - 1);
  if (round >= kRounds) return false;
  std::vector<uint8_t>* seen = nullptr;
  int res = 0;
  if (kind == kNop) {
    seen = &me.nops;
  } else if (kind == kSent) {
    seen = &me.sent;
  } else if (kind == kMessage) {
    seen = &me.messages;
    res = static_cast<int>(round);  // a message carries its round in res too
  }
  if (seen == nullptr || cqe.res != res) return false;
  ++(*seen)[round];
  return true;
}

unsigned total(const std::vector<uint8_t>& v) {
  unsigned n = 0;
  for (uint8_t x : v) n += x;
  return n;
}

// The rounds, through the typed hot path of `ring` (a Ring or a StaticRing):
// each round queues a NOP and a message to `next`, submits, and reaps until
// that round's NOP and send completed. Then it waits for the messages the
// previous peer still has to send.
template <class R>
void run_rounds(R& ring, Peer& me, const Peer& next) {
  const kernel_timespec limit{10, 0};
  auto reap = [&]() -> bool {
    // Bounded, so that a lost completion fails the test instead of hanging it.
    Result<Cqe*> first = ring.wait_cqe_timeout(&limit);
    if (!first.ok()) {
      fail(me, std::string("wait: ") + errno_name(first.error()));
      return false;
    }
    bool ok = true;
    const unsigned slots = ring.for_each_cqe([&](Cqe& cqe) { ok = book(me, cqe) && ok; });
    ring.cq_advance(slots);
    if (!ok) fail(me, "an unexpected completion");
    return ok;
  };
  for (unsigned round = 0; round < kRounds && me.failed.load() == 0; ++round) {
    // An SQPOLL thread may post CQEs before it moves the SQ head past their
    // SQEs: wait for the slots rather than assume they are free.
    while (ring.sq_space_left() < 2) {
      if (Result<unsigned> w = ring.sqring_wait(); !w.ok()) {
        return fail(me, std::string("sqring_wait: ") + errno_name(w.error()));
      }
    }
    Sqe* nop = ring.get_sqe();
    Sqe* msg = ring.get_sqe();
    if (nop == nullptr || msg == nullptr) return fail(me, "no free SQE");
    prep_nop(*nop);
    sqe_set_data64(*nop, kNop | round);
    prep_msg_ring(*msg, next.fd.load(), round, kMessage | round, 0);
    sqe_set_data64(*msg, kSent | round);
    if (Result<unsigned> s = ring.submit(); !s.ok()) {
      return fail(me, std::string("submit: ") + errno_name(s.error()));
    }
    while (me.nops[round] == 0 || me.sent[round] == 0) {
      if (!reap()) return;
    }
  }
  while (me.failed.load() == 0 && total(me.messages) < kRounds) {
    if (!reap()) return;
  }
}

// Sets up the ring of `me.kind` on this thread, publishes its fd, and runs.
void peer_main(Peer& me, const Peer& next, const std::vector<Peer*>& peers) {
  me.nops.assign(kRounds, 0);
  me.sent.assign(kRounds, 0);
  me.messages.assign(kRounds, 0);
  Params p{};
  p.flags = IORING_SETUP_CQSIZE;
  p.cq_entries = 4 * kRounds;  // every message of the previous peer fits
  auto start = [&](auto&& ring) {
    if (!ring.ok()) {
      fail(me, std::string("set-up: ") + errno_name(ring.error()));
      ++g_ready;
      all_ready(peers);
      return;
    }
    me.fd.store(ring.value().fd());
    ++g_ready;
    if (all_ready(peers)) run_rounds(ring.value(), me, next);
  };
  switch (me.kind) {
    case Kind::kRing:
      start(Ring::queue_init_params(8, p));
      break;
    case Kind::kDeferTaskrun:
      p.flags |= IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN;
      start(StaticRing<0>::queue_init_params(8, p));
      break;
    case Kind::kSqpoll:
      p.sq_thread_idle = 1;
      start(StaticRing<IORING_SETUP_SQPOLL>::queue_init_params(8, p));
      break;
    case Kind::kCallerMemory:
    case Kind::kStaticCallerMemory: {
      // Caller memory larger than a page must be physically contiguous
      // before Linux 6.10: use a mapped ring there.
      if (test::missing_setup_flag(IORING_SETUP_NO_MMAP, "NO_MMAP") != nullptr ||
          !test::kernel_at_least(6, 10)) {
        start(Ring::queue_init_params(8, p));
        break;
      }
      if (me.kind == Kind::kStaticCallerMemory) p.flags |= IORING_SETUP_CQE32;  // sized with it
      const size_t size = memory_size_params(8, p).value();
      void* mem = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
      if (mem == MAP_FAILED) {
        fail(me, "mmap");
        ++g_ready;
        return;
      }
      // The ring is gone when start() returns, before its memory.
      if (me.kind == Kind::kCallerMemory) {
        start(Ring::queue_init_mem(8, p, mem, size));
      } else {
        start(StaticRing<IORING_SETUP_CQE32>::queue_init_mem(8, p, mem, size));
      }
      munmap(mem, size);
      break;
    }
  }
}

}  // namespace

TEST_CASE("threads with a ring each pass msg_ring messages around, each completion once") {
  if (const char* why = test::io_uring_unavailable()) FRING_SKIP(why);
  FRING_REQUIRE_OP(IORING_OP_MSG_RING);
  FRING_REQUIRE_SETUP_FLAG(SQPOLL);
  FRING_REQUIRE_SETUP_FLAG(DEFER_TASKRUN);
  // Two rings in caller memory, so that two threads learn the page size at once.
  const Kind kinds[kPeers] = {Kind::kRing, Kind::kDeferTaskrun, Kind::kSqpoll,
                              Kind::kCallerMemory, Kind::kStaticCallerMemory};
  std::vector<Peer> storage(kPeers);
  std::vector<Peer*> peers;
  for (unsigned i = 0; i < kPeers; ++i) {
    storage[i].kind = kinds[i];
    peers.push_back(&storage[i]);
  }
  g_ready = 0;
  std::vector<std::thread> threads;
  for (unsigned i = 0; i < kPeers; ++i) {
    threads.emplace_back(peer_main, std::ref(storage[i]), std::cref(storage[(i + 1) % kPeers]),
                         std::cref(peers));
  }
  for (std::thread& t : threads) t.join();
  for (unsigned i = 0; i < kPeers; ++i) {
    const Peer& me = storage[i];
    INFO("peer ", i);
    CHECK_MESSAGE(me.failed.load() == 0, me.error);
    // Exactly once: every round's NOP, send and message, none twice.
    for (unsigned round = 0; round < kRounds; ++round) {
      if (me.nops[round] != 1 || me.sent[round] != 1 || me.messages[round] != 1) {
        FAIL_CHECK("round ", round, ": ", int{me.nops[round]}, " NOPs, ", int{me.sent[round]},
                   " sends, ", int{me.messages[round]}, " messages");
        break;
      }
    }
    CHECK(total(me.nops) == kRounds);
    CHECK(total(me.messages) == kRounds);
  }
}

}  // namespace fring
