// SPDX-License-Identifier: MIT
#include "tests/ring_circle.h"

#include <sys/mman.h>

#include <atomic>
#include <thread>

#include "tests/support/fring_test.h"
#include "tests/support/setup_wait.h"

namespace fring::test::circle {
namespace {

// Messages a peer may have sent that the next peer has not booked yet: the
// most any CQ holds of them.
constexpr uint64_t kWindow = 32;
// user_data: the kind of completion in the top byte, its index below.
constexpr uint64_t kNop = 1ULL << 56;      // index: round * batch + NOP
constexpr uint64_t kSent = 2ULL << 56;     // our MSG_RING SQE's own CQE; index: round
constexpr uint64_t kMessage = 3ULL << 56;  // posted by the previous peer; index: round
constexpr uint64_t kIndex = (1ULL << 56) - 1;

// What a message carries in its res: the low 31 bits of its round.
int message_res(uint64_t round) { return static_cast<int>(round & 0x7fffffff); }

// What all peers share.
struct Shared {
  Plan plan;
  unsigned peers = 0;
  std::atomic<unsigned> ready{0};  // peers done setting up, or failing to
  std::atomic<int> stop{0};        // set when a peer failed: every peer stops
};

// One thread's ring and what it saw; read by the main thread after join().
struct Peer {
  Kind kind = Kind::kRing;
  std::atomic<int> fd{-1};          // published once the ring is set up
  std::atomic<uint64_t> booked{0};  // messages booked: the previous peer's credit
  Outcome out;
  std::vector<uint8_t> nops, sent, messages;  // completions per index
  unsigned outstanding = 0;                   // this round's NOPs and send not yet back
};

// Records the first failure and stops every peer; returns false.
bool fail(Peer& me, Shared& s, const std::string& why) {
  if (me.out.error.empty()) me.out.error = why;
  s.stop.store(1);
  return false;
}

// Books one completion: empty, or what was wrong with it.
std::string book(Peer& me, const Cqe& cqe) {
  const uint64_t kind = cqe.user_data & ~kIndex;
  const uint64_t index = cqe.user_data & kIndex;
  std::vector<uint8_t>* seen = nullptr;
  uint64_t* count = nullptr;
  int res = 0;
  if (kind == kNop) {
    seen = &me.nops;
    count = &me.out.nops;
  } else if (kind == kSent) {
    seen = &me.sent;
    count = &me.out.sends;
  } else if (kind == kMessage) {
    seen = &me.messages;
    count = &me.out.messages;
    res = message_res(index);
  }
  const bool twice = seen != nullptr && index < seen->size() && (*seen)[index] != 0;
  if (seen == nullptr || index >= seen->size() || cqe.res != res || twice) {
    return std::string(twice ? "a completion came twice" : "an unexpected completion") +
           ": user_data " + std::to_string(cqe.user_data) + ", res " + std::to_string(cqe.res);
  }
  (*seen)[index] = 1;
  ++*count;
  if (kind == kMessage) {
    // Release: the previous peer may send again once it sees this.
    me.booked.store(me.out.messages, std::memory_order_release);
  } else {
    --me.outstanding;
  }
  return {};
}

// Books what the CQ holds. With `wait`, first waits (at most 10 s, so that a
// lost completion fails the test instead of hanging it) for one CQE; without,
// flushes what the kernel holds back (DEFER_TASKRUN task work) if the CQ is
// empty. False on a failure.
template <class R>
bool reap(R& ring, Peer& me, Shared& s, bool wait) {
  if (wait) {
    const Timespec limit{10, 0};
    Result<Cqe*> first = ring.wait_cqe_timeout(&limit);
    if (!first.ok()) return fail(me, s, std::string("wait: ") + errno_name(first.error()));
  } else if (Result<Cqe*> first = ring.peek_cqe(); !first.ok()) {
    return first.error() == Errno::eagain ||
           fail(me, s, std::string("peek: ") + errno_name(first.error()));
  }
  std::string bad;
  const unsigned slots = ring.for_each_cqe([&](Cqe& cqe) {
    if (bad.empty()) bad = book(me, cqe);
  });
  ring.cq_advance(slots);
  return bad.empty() || fail(me, s, bad);
}

// The rounds, through the typed hot path of `ring` (a Ring or a StaticRing):
// each queues a batch of NOPs and a message to `next`, submits, and reaps
// until that batch and the send have completed. Then it waits for the
// messages the previous peer still has to send.
template <class R>
void run_rounds(R& ring, Peer& me, const Peer& next, Shared& s) {
  const unsigned batch = s.plan.batch;
  const int next_fd = next.fd.load();
  for (uint64_t round = 0; round < s.plan.rounds; ++round) {
    while (round >= next.booked.load(std::memory_order_acquire) + kWindow) {
      // Keep booking our own messages meanwhile: the previous peer may be
      // waiting for the same.
      if (s.stop.load() != 0 || !reap(ring, me, s, false)) return;
      std::this_thread::yield();
    }
    // An SQPOLL thread may post CQEs before it moves the SQ head past their
    // SQEs: wait for the slots rather than assume they are free.
    while (ring.sq_space_left() < batch + 1) {
      if (Result<unsigned> w = ring.sqring_wait(); !w.ok()) {
        fail(me, s, std::string("sqring_wait: ") + errno_name(w.error()));
        return;
      }
    }
    for (unsigned i = 0; i <= batch; ++i) {
      Sqe* sqe = ring.get_sqe();
      if (sqe == nullptr) {
        fail(me, s, "no free SQE");
        return;
      }
      if (i < batch) {
        prep_nop(*sqe);
        sqe_set_data64(*sqe, kNop | (round * batch + i));
      } else {
        prep_msg_ring(*sqe, next_fd, static_cast<unsigned>(message_res(round)), kMessage | round,
                      0);
        sqe_set_data64(*sqe, kSent | round);
      }
    }
    me.outstanding = batch + 1;
    if (Result<unsigned> r = ring.submit(); !r.ok()) {
      fail(me, s, std::string("submit: ") + errno_name(r.error()));
      return;
    }
    while (me.outstanding != 0) {
      if (s.stop.load() != 0 || !reap(ring, me, s, true)) return;
    }
  }
  while (me.out.messages < s.plan.rounds) {
    if (s.stop.load() != 0 || !reap(ring, me, s, true)) return;
  }
}

unsigned power_of_two_at_least(unsigned n) {
  unsigned p = 1;
  while (p < n) p *= 2;
  return p;
}

// Sets up the ring of `me.kind` on this thread, publishes its fd, waits for
// every peer to do the same, and runs.
void peer_main(Peer& me, const Peer& next, Shared& s) {
  const uint64_t rounds = s.plan.rounds;
  me.nops.assign(rounds * s.plan.batch, 0);
  me.sent.assign(rounds, 0);
  me.messages.assign(rounds, 0);
  const unsigned entries = power_of_two_at_least(s.plan.batch + 1 < 8 ? 8 : s.plan.batch + 1);
  Params p{};
  p.flags = setup::cqsize;
  // This round's batch and send, and the messages the credit allows, twice over.
  p.cq_entries = power_of_two_at_least(2 * (s.plan.batch + 1 + static_cast<unsigned>(kWindow)));
  auto start = [&](auto&& ring) {
    if (!ring.ok()) fail(me, s, std::string("set-up: ") + errno_name(ring.error()));
    if (ring.ok()) me.fd.store(ring.value().fd());
    ++s.ready;
    while (s.ready.load() < s.peers) std::this_thread::yield();
    if (s.stop.load() == 0) run_rounds(ring.value(), me, next, s);
  };
  switch (me.kind) {
    case Kind::kRing:
      start(test::set_up_waiting([&] { return Ring::queue_init_params(entries, p); }));
      break;
    case Kind::kDeferTaskrun:
      p.flags |= setup::single_issuer | setup::defer_taskrun;
      start(test::set_up_waiting([&] { return StaticRing<0>::queue_init_params(entries, p); }));
      break;
    case Kind::kSqpoll:
      p.sq_thread_idle = 1;
      start(test::set_up_waiting(
          [&] { return StaticRing<setup::sqpoll>::queue_init_params(entries, p); }));
      break;
    case Kind::kCallerMemory:
    case Kind::kStaticCallerMemory: {
      // Caller memory larger than a page must be physically contiguous
      // before Linux 6.10: use a mapped ring there.
      if (test::missing_setup_flag(setup::no_mmap, "NO_MMAP") != nullptr ||
          !test::kernel_at_least(6, 10)) {
        start(test::set_up_waiting([&] { return Ring::queue_init_params(entries, p); }));
        break;
      }
      if (me.kind == Kind::kStaticCallerMemory) p.flags |= setup::cqe32;  // sized with it
      const size_t size = memory_size_params(entries, p).value();
      void* mem = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
      if (mem == MAP_FAILED) {
        start(Result<Ring>(Errno::enomem));
        break;
      }
      // The ring is gone when start() returns, before its memory.
      if (me.kind == Kind::kCallerMemory) {
        start(test::set_up_waiting([&] { return Ring::queue_init_mem(entries, p, mem, size); }));
      } else {
        start(test::set_up_waiting(
            [&] { return StaticRing<setup::cqe32>::queue_init_mem(entries, p, mem, size); }));
      }
      munmap(mem, size);
      break;
    }
  }
}

// The first index of `seen` not booked, as "NOP 12 never came back", or empty.
std::string first_missing(const std::vector<uint8_t>& seen, const char* what) {
  for (size_t i = 0; i < seen.size(); ++i) {
    if (seen[i] != 1) return std::string(what) + " " + std::to_string(i) + " never came back";
  }
  return {};
}

}  // namespace

const char* missing_feature(const std::vector<Kind>& kinds) {
  if (const char* why = test::io_uring_unavailable()) return why;
  if (const char* why = test::missing_op(op::msg_ring)) return why;
  for (Kind kind : kinds) {
    const char* why = nullptr;
    if (kind == Kind::kSqpoll) why = test::missing_setup_flag(setup::sqpoll, "SQPOLL");
    if (kind == Kind::kDeferTaskrun) {
      why = test::missing_setup_flag(setup::defer_taskrun, "DEFER_TASKRUN");
    }
    if (why != nullptr) return why;
  }
  return nullptr;
}

std::vector<Outcome> run(const std::vector<Kind>& kinds, const Plan& plan) {
  Shared shared;
  shared.plan = plan;
  shared.peers = static_cast<unsigned>(kinds.size());
  std::vector<Peer> peers(kinds.size());
  for (size_t i = 0; i < kinds.size(); ++i) peers[i].kind = kinds[i];
  std::vector<std::thread> threads;
  for (size_t i = 0; i < peers.size(); ++i) {
    threads.emplace_back(peer_main, std::ref(peers[i]), std::cref(peers[(i + 1) % peers.size()]),
                         std::ref(shared));
  }
  for (std::thread& t : threads) t.join();
  std::vector<Outcome> outcomes;
  for (Peer& peer : peers) {
    for (std::string missing : {first_missing(peer.nops, "NOP"), first_missing(peer.sent, "send"),
                                first_missing(peer.messages, "message")}) {
      if (peer.out.miscount.empty()) peer.out.miscount = missing;
    }
    outcomes.push_back(peer.out);
  }
  return outcomes;
}

void check(const std::vector<Outcome>& outcomes, const Plan& plan) {
  for (size_t i = 0; i < outcomes.size(); ++i) {
    const Outcome& o = outcomes[i];
    INFO("peer ", i);
    CHECK_MESSAGE(o.error.empty(), o.error);
    CHECK_MESSAGE(o.miscount.empty(), o.miscount);
    CHECK(o.nops == plan.rounds * plan.batch);
    CHECK(o.sends == plan.rounds);
    CHECK(o.messages == plan.rounds);
  }
}

}  // namespace fring::test::circle
