// SPDX-License-Identifier: MIT
// fring/co's lifetime rules under load: thousands of tasks, each a random
// script of requests (NOPs, timeouts, reads that only a cancel ends, link
// timeouts, chains, streams, awaited children), cancelled and destroyed at
// random points, on one ring and on one ring per thread. Every frame comes
// from malloc, so ASan sees a frame freed too early; each await counts its
// resumptions, so a completion lost (the drain never ends) or delivered
// twice fails the test. The seed is printed; FRING_CO_STRESS_SEED repeats a
// run and FRING_CO_STRESS_TASKS makes it longer.
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <thread>
#include <vector>

#include "fring/co/co.h"
#include "tests/support/files.h"
#include "tests/support/fring_test.h"

namespace fring {
namespace {

uint64_t next_random(uint64_t& state) {  // splitmix64
  uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// Frames from malloc, counted: ASan catches a frame used after it is freed.
struct Heap {
  long live = 0;
  void* allocate(size_t n) {
    ++live;
    return aligned_alloc(16, (n + 15) & ~size_t{15});
  }
  void deallocate(void* p, size_t) {
    --live;
    free(p);
  }
};

// What one thread's run saw; checked on the test's thread.
struct Tally {
  long awaits = 0;
  long resumes = 0;
  long twice = 0;       // a resumption with no await pending
  long after_gone = 0;  // a resumption of a destroyed task
  long started = 0;
  long finished = 0;
  long destroyed = 0;
  long cancelled = 0;
};

struct Slot {
  int pending = 0;  // awaits not yet resumed: 0 or 1
  bool gone = false;
};

struct World {
  Ring& ring;
  co::FrameStorage& storage;
  int never;  // a pipe's read end nobody writes: reads end only by cancel
  bool multishot_timeout;
  Tally tally;
  std::vector<Slot> slots;
};

// Brackets one await: counts it, and back() checks its single resumption
// (not a destructor: destroying a suspended frame runs those).
struct Await {
  World& w;
  size_t id;
  Await(World& world, int task) : w(world), id(static_cast<size_t>(task)) {
    ++w.tally.awaits;
    ++w.slots[id].pending;
  }
  void back() {
    ++w.tally.resumes;
    if (w.slots[id].pending != 1) ++w.tally.twice;
    if (w.slots[id].gone) ++w.tally.after_gone;
    --w.slots[id].pending;
  }
};

co::Task<Result<int>> child(co::FrameStorage&, World& w, int id, uint64_t seed) {
  char buf[8];
  for (int i = 0; i < 3; ++i) {
    Await a(w, id);
    auto r = next_random(seed) % 2 ? co_await co::read(w.ring, w.never, buf, sizeof(buf), 0)
                                   : co_await co::nop(w.ring);
    a.back();
    FRING_CO_TRY(r);
  }
  co_return 0;
}

co::Task<Result<int>> script(co::FrameStorage& fs, World& w, int id, uint64_t seed) {
  char buf[16];  // reads land in the frame: it must outlive them
  const int steps = 1 + static_cast<int>(next_random(seed) % 8);
  for (int i = 0; i < steps; ++i) {
    switch (next_random(seed) % 7) {
      case 0: {
        Await a(w, id);
        (void)co_await co::nop(w.ring);
        a.back();
        break;
      }
      case 1: {
        Await a(w, id);
        const long ns = static_cast<long>(next_random(seed) % 200'000);
        (void)co_await co::timeout(w.ring, Timespec{0, ns});
        a.back();
        break;
      }
      case 2: {
        Await a(w, id);
        (void)co_await co::read(w.ring, w.never, buf, sizeof(buf), 0);
        a.back();
        break;
      }
      case 3: {
        Await a(w, id);
        (void)co_await co::with_timeout(
            w.ring, [&](Sqe& s) { prep_read(s, w.never, buf, sizeof(buf), 0); },
            Timespec{0, static_cast<long>(next_random(seed) % 100'000)});
        a.back();
        break;
      }
      case 4: {
        Await a(w, id);
        (void)co_await co::link(
            w.ring, [](Sqe& s) { prep_nop(s); }, [&](Sqe& s) { prep_read(s, w.never, buf, 1, 0); });
        a.back();
        break;
      }
      case 5: {
        if (!w.multishot_timeout) break;
        auto ticks = co::timeout_stream(w.ring, Timespec{0, 20'000}, 3);
        for (;;) {
          Await a(w, id);
          co::Completion c = co_await ticks.next();
          a.back();
          if (!c.more()) break;
          if (next_random(seed) % 3 == 0) break;  // dropped armed
        }
        break;
      }
      default: {
        Await a(w, id);
        (void)co_await child(fs, w, id + static_cast<int>(w.slots.size() / 2), next_random(seed));
        a.back();
        break;
      }
    }
  }
  co_return id;
}

co::Task<void> ticker(co::FrameStorage&, Ring& ring, const bool* stop) {
  while (!*stop) (void)co_await co::timeout(ring, Timespec{0, 50'000});
}

// `tasks` scripts, at most 64 alive at once, on `w.ring`; returns false when
// the drain did not end (a lost completion).
bool stress(World& w, long tasks, uint64_t seed) {
  w.slots.assign(2 * static_cast<size_t>(tasks), Slot{});  // a script's, its child's
  std::vector<co::Task<Result<int>>> live(64);
  std::vector<int> ids(64, -1);
  bool stop = false;
  auto tick = ticker(w.storage, w.ring, &stop);
  tick.frame()->started = true;
  tick.frame()->self.resume();
  long next_id = 0;
  while (next_id < tasks || w.tally.finished + w.tally.destroyed < tasks) {
    for (size_t i = 0; i < live.size(); ++i) {
      if (live[i].ok() && live[i].done()) {
        ++w.tally.finished;
        (void)live[i].result();
        live[i].reset();
      }
      if (!live[i].ok() && next_id < tasks) {
        ids[i] = static_cast<int>(next_id);
        live[i] = script(w.storage, w, ids[i], next_random(seed));
        ++next_id;
        ++w.tally.started;
        live[i].frame()->started = true;
        live[i].frame()->self.resume();
      }
    }
    const size_t pick = next_random(seed) % live.size();
    if (live[pick].ok() && !live[pick].done()) {
      switch (next_random(seed) % 4) {
        case 0:
          w.slots[static_cast<size_t>(ids[pick])].gone = true;
          w.slots[static_cast<size_t>(ids[pick] + tasks)].gone = true;
          live[pick].reset();
          ++w.tally.destroyed;
          break;
        case 1:
        case 2:
          co::cancel(live[pick]);
          ++w.tally.cancelled;
          break;
        default:
          break;
      }
    }
    if (!co::turn(w.ring).ok()) return false;
  }
  stop = true;
  for (long turns = 0; !tick.done() || w.storage.draining() != 0; ++turns) {
    if (turns == 100'000 || !co::turn(w.ring).ok()) return false;
  }
  return true;
}

uint64_t seed_for_run() {
  const char* fixed = getenv("FRING_CO_STRESS_SEED");
  if (fixed != nullptr) return strtoull(fixed, nullptr, 0);
  timespec now{};
  clock_gettime(CLOCK_MONOTONIC, &now);
  return static_cast<uint64_t>(now.tv_nsec) ^ static_cast<uint64_t>(now.tv_sec);
}

void check(const World& w, const Heap& heap, long tasks) {
  CHECK(w.tally.started == tasks);
  CHECK(w.tally.finished + w.tally.destroyed == tasks);
  CHECK(w.tally.twice == 0);
  CHECK(w.tally.after_gone == 0);
  CHECK(w.storage.draining() == 0);
  CHECK(heap.live == 0);
  // Every await of a task that finished was resumed; those of a destroyed
  // task (and of the child it awaited) at their suspension point never are.
  CHECK(w.tally.resumes <= w.tally.awaits);
  CHECK(w.tally.awaits - w.tally.resumes <= 2 * w.tally.destroyed);
}

bool has_multishot_timeout() { return test::kernel_at_least(6, 4); }

TEST_CASE("co/stress: thousands of tasks cancelled and destroyed at random points") {
  FRING_RING(ring, 64);
  const uint64_t seed = seed_for_run();
  printf("fring-test: co/stress seed %#llx (FRING_CO_STRESS_SEED repeats it)\n",
         static_cast<unsigned long long>(seed));
  const long tasks =
      static_cast<long>(test::env_count("FRING_CO_STRESS_TASKS", test::matrix_count(5000, 500)));
  Heap heap;
  co::FrameStorage storage(heap);
  test::Pipe never;
  World w{ring, storage, never.fds[0], has_multishot_timeout(), {}, {}};
  CHECK_MESSAGE(stress(w, tasks, seed), "the drain did not end: a completion was lost");
  check(w, heap, tasks);
  MESSAGE("destroyed ", w.tally.destroyed, ", cancelled ", w.tally.cancelled, ", awaits ",
          w.tally.awaits);
}

TEST_CASE("co/stress: one ring and one storage per thread") {
  const char* skip = nullptr;
  const uint64_t seed = seed_for_run();
  printf("fring-test: co/stress threads seed %#llx\n", static_cast<unsigned long long>(seed));
  const long tasks =
      static_cast<long>(test::env_count("FRING_CO_STRESS_TASKS", test::matrix_count(2000, 200)));
  constexpr int kThreads = 4;
  std::vector<Result<Ring>> rings;
  for (int t = 0; t < kThreads; ++t) {
    rings.push_back(test::make_ring(&skip, 64));
    if (skip != nullptr) FRING_SKIP(skip);
    REQUIRE(rings.back().ok());
    // The rings are made here, then each is driven by its own thread.
    FRING_SKIP_IF_RING(rings.back().value(), setup::single_issuer,
                       "a SINGLE_ISSUER ring takes requests only from the thread that made it");
  }
  Heap heaps[kThreads];
  bool drained[kThreads] = {};
  std::vector<World*> worlds;
  test::Pipe never;
  std::vector<std::thread> threads;
  std::vector<co::FrameStorage*> storages;
  for (int t = 0; t < kThreads; ++t) storages.push_back(new co::FrameStorage(heaps[t]));
  for (int t = 0; t < kThreads; ++t) {
    worlds.push_back(new World{rings[static_cast<size_t>(t)].value(),
                               *storages[t],
                               never.fds[0],
                               has_multishot_timeout(),
                               {},
                               {}});
  }
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] { drained[t] = stress(*worlds[t], tasks, seed + t); });
  }
  for (auto& th : threads) th.join();
  for (int t = 0; t < kThreads; ++t) {
    CHECK_MESSAGE(drained[t], "thread ", t, ": the drain did not end");
    check(*worlds[t], heaps[t], tasks);
    delete worlds[t];
    delete storages[t];
  }
}

}  // namespace
}  // namespace fring
