// SPDX-License-Identifier: MIT
// The differential test's driver (driver.h). A sequence is a seeded list of
// calls; each runs on both libraries' rings, set up alike, and its results
// are compared as far as the kernel defines them:
//  - exactly, where the kernel's state decides them: what get_sqe gives,
//    submit counts without SQPOLL, what the SQ and CQ hold after the call,
//    the CQ position of every CQE a reaping call returns, register results;
//  - within the kernel's bounds, where time decides: the count a submit
//    returns on an SQPOLL ring (0 up to the SQEs queued: the thread may
//    take them before the library reads its head), and the CQE a reaping
//    call finds while requests are in flight ("racy" calls);
//  - as multisets of (user_data, res, flags), for the completion streams,
//    since requests that complete asynchronously post in any order; and in
//    order within a chain of linked NOPs, which the kernel runs in order.
// A model of the requests in flight tells which CQEs must come (each
// request's fate is fixed by construction: NOPs with injected results,
// reads of files at known offsets and of pipes whose contents the model
// tracks, timeouts that expire or are removed, ...), so that the driver can
// wait until both rings hold every CQE due ("settle", with raw
// io_uring_enter calls outside either library) before a call whose result
// must not depend on time. Where fring differs from liburing on purpose
// (docs/liburing-map.md, Differences), the driver models the difference
// and counts it.
#include "tests/differential/driver.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <deque>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "fring/fring.h"
#include "tests/support/fring_test.h"

namespace fring::diff {
namespace {

// ---------------------------------------------------------------------------
// Calls.

// The operations and their weights, wrapped by hand.
// clang-format off
#define FRING_DIFF_OPS(X)                                                      \
  X(nop, 10) X(chain, 5) X(nop128, 2) X(read, 4) X(write, 3) X(read_fixed, 2)  \
  X(read_fixed_file, 2) X(read_select, 2) X(provide, 2) X(pipe_read, 3)       \
  X(poll_in, 2) X(poll_out, 1) X(timeout_short, 3) X(timeout_long, 2)          \
  X(timeout_remove, 2) X(cancel, 2) X(poll_remove, 1) X(linked, 3)             \
  X(msg_ring, 2) X(fill, 2) X(submit, 8) X(submit_and_wait, 4)                 \
  X(submit_and_wait_timeout, 5) X(submit_and_wait_reg, 2)                      \
  X(submit_and_get_events, 2) X(get_events, 2) X(peek, 8) X(wait, 3)           \
  X(wait_nr, 2) X(wait_cqes, 3) X(wait_timeout, 2) X(peek_batch, 4)            \
  X(for_each, 3) X(cq_ready, 2) X(sq_state, 2) X(sqring_wait, 2)               \
  X(reg_files, 1) X(unreg_files, 1) X(reg_bufs, 1) X(unreg_bufs, 1) X(put, 4)  \
  X(reap_b, 1)
// clang-format on

enum class Op : uint8_t {
#define FRING_DIFF_ENUM(name, weight) name,
  FRING_DIFF_OPS(FRING_DIFF_ENUM)
#undef FRING_DIFF_ENUM
};

struct OpInfo {
  const char* name;
  unsigned weight;
};

constexpr OpInfo kOps[] = {
#define FRING_DIFF_INFO(name, weight) {#name, weight},
    FRING_DIFF_OPS(FRING_DIFF_INFO)
#undef FRING_DIFF_INFO
};

struct Call {
  Op op;
  uint32_t r;  // random bits the op's parameters come from
};

uint64_t splitmix(uint64_t& s) {
  uint64_t z = (s += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

std::vector<Call> generate(uint64_t seed) {
  unsigned total = 0;
  for (const OpInfo& info : kOps) total += info.weight;
  uint64_t s = seed;
  const unsigned n = 5 + static_cast<unsigned>(splitmix(s) % 56);
  std::vector<Call> calls;
  for (unsigned i = 0; i < n; ++i) {
    unsigned pick = static_cast<unsigned>(splitmix(s) % total);
    unsigned op = 0;
    while (pick >= kOps[op].weight) pick -= kOps[op++].weight;
    calls.push_back(Call{static_cast<Op>(op), static_cast<uint32_t>(splitmix(s) >> 32)});
  }
  return calls;
}

// ---------------------------------------------------------------------------
// What each side holds, and what the driver reads of its rings.

struct Rec {
  uint64_t user_data;
  int32_t res;
  uint32_t flags;
  bool operator<(const Rec& o) const {
    if (user_data != o.user_data) return user_data < o.user_data;
    if (res != o.res) return res < o.res;
    return flags < o.flags;
  }
  bool operator==(const Rec& o) const {
    return user_data == o.user_data && res == o.res && flags == o.flags;
  }
};

std::string rec_text(const Rec& r) {
  char buf[96];
  snprintf(buf, sizeof(buf), "{ud %llu res %d flags 0x%x}",
           static_cast<unsigned long long>(r.user_data), r.res, r.flags);
  return buf;
}

constexpr size_t kArena = 128 * 1024;
constexpr size_t kBufArea = 64 * 1024;  // read/write buffers, registered as buffer 0
constexpr unsigned kProvidedLen = 64;
constexpr unsigned kFileSize = 64 * 1024;
constexpr unsigned kEntries = 8;
constexpr unsigned kCqEntries = 256;
constexpr uint16_t kBgid = 7;
constexpr uint64_t kMsgBit = 1ULL << 62;       // user_data of msg_ring CQEs in ring B
constexpr uint64_t kNoTarget = 0xdead0000ULL;  // a user_data nothing carries

struct Side {
  const Backend* be = nullptr;
  void* h = nullptr;
  RingView a{};
  RingView b{};
  int pipe[2] = {-1, -1};
  int file = -1;
  char* arena = nullptr;
  std::vector<Rec> got_a;
  std::vector<Rec> got_b;
};

uint32_t load(const uint32_t* p) { return __atomic_load_n(p, __ATOMIC_ACQUIRE); }

uint32_t cq_head(const RingView& v) { return load(v.cq_khead); }
uint32_t cq_tail(const RingView& v) { return load(v.cq_ktail); }
uint32_t sq_head(const RingView& v) { return load(v.sq_khead); }

Rec rec_at(const RingView& v, uint32_t index) {
  const char* p = v.cqes + static_cast<size_t>(index & v.cq_mask) * v.cqe_size;
  Rec r;
  memcpy(&r.user_data, p, 8);
  memcpy(&r.res, p + 8, 4);
  memcpy(&r.flags, p + 12, 4);
  return r;
}

// Where `cqe` lies in the CQ, counted from `head`; -1 for none.
int position(const RingView& v, const void* cqe, uint32_t head) {
  if (cqe == nullptr) return -1;
  const size_t slot = static_cast<size_t>(static_cast<const char*>(cqe) - v.cqes) / v.cqe_size;
  return static_cast<int>((static_cast<uint32_t>(slot) - head) & v.cq_mask);
}

double now() {
  timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

// Waits (outside either library) for the kernel to post: a raw
// io_uring_enter with GETEVENTS for one more CQE than the ring holds, for
// at most 1 ms. It also runs DEFER_TASKRUN task work.
void wait_kernel(const RingView& v) {
  GeteventsArg arg{};
  Timespec ts{0, 1000000};
  arg.ts = reinterpret_cast<uintptr_t>(&ts);
  arg.sigmask_sz = sys::nsig_bytes;
  uint32_t want = cq_tail(v) - cq_head(v) + 1;
  if (want > v.cq_entries) want = v.cq_entries;
  (void)sys::uring_enter2(v.fd, 0, want, enter::getevents | enter::ext_arg, &arg, sizeof(arg));
}

// ---------------------------------------------------------------------------
// The model of the requests of one sequence.

enum class Park : uint8_t { timeout, pipe_read, poll };

struct Entry {
  uint64_t id;  // 0 for the padding NOP get_sqe128() queues
  Kind kind;
  uint8_t flags;  // IOSQE_*
  int32_t inject;
  bool injects;
  unsigned slots;
  bool long_timeout;
  bool pair;  // the head of a request + link timeout pair
  uint64_t target;
  unsigned len;
};

struct Model {
  std::deque<Entry> queued;  // obtained, not yet consumed by the kernel, in SQ order
  unsigned queued_slots = 0;
  std::map<uint64_t, Park> parked;  // issued, waiting for an event the sequence makes
  std::set<uint64_t> expect_a;      // every CQE ring A must post (posted or not yet)
  std::set<uint64_t> expect_b;
  unsigned pipe_bytes = 0;
  bool drain_disabled = false;  // a CQE_SKIP_SUCCESS request was issued
  bool files = false;
  bool buffers = false;
  bool in_chain = false;
  bool chain_failed = false;
  bool chain_quiet = false;  // the failed chain posts no more CQEs
  // A read with a provided buffer may not have completed: the buffer it
  // takes (or its -ENOBUFS) depends on when it runs against other such
  // reads and provide requests, so only one is in flight at a time.
  bool select_issued = false;
  bool select_queued() const {
    for (const Entry& e : queued)
      if (e.kind == Kind::read_select) return true;
    return false;
  }
  // The last call issued a request whose fate time could still change (a
  // drain, a pipe read its link timeout is to cancel): settle after it.
  bool drained = false;
  // A DRAIN request was queued: from then on the kernel may hold back later
  // requests until every earlier one completes (after a request that parks,
  // forever), so the sequence queues none that can park, and leaves the
  // pipe alone, whose reads would then run when the kernel releases them.
  bool drain_seen = false;
  uint64_t next_id = 1;
  std::vector<std::vector<uint64_t>> chains;

  bool may_park_queued() const {
    for (const Entry& e : queued) {
      if (e.pair) continue;
      if ((e.kind == Kind::timeout && e.long_timeout) || e.kind == Kind::poll_add ||
          (e.kind == Kind::read && e.len != 0 && e.target == 1))
        return true;
    }
    return false;
  }
  // A request that may fail to initialise, which ends a submit: a read into
  // a registered buffer when none is registered.
  bool may_stop(const Entry& e) const { return e.kind == Kind::read_fixed && !buffers; }
  bool pipe_read_pending() const {
    for (const auto& [id, park] : parked)
      if (park == Park::pipe_read) return true;
    for (const Entry& e : queued)
      if (e.kind == Kind::read && e.target == 1) return true;
    return false;
  }
  // What the kernel does with `e` when it consumes it; false when the
  // submission stops after it (a request that failed to initialise).
  bool issue(const Entry& e) {
    const bool link = (e.flags & sqe_flag::io_link) != 0;
    const bool was_in_chain = in_chain;
    in_chain = link;
    if (e.id == 0) {  // get_sqe128's padding: a NOP with CQE_SKIP_SUCCESS
      drain_disabled = true;
      return true;
    }
    if (e.flags & sqe_flag::cqe_skip_success) drain_disabled = true;
    if ((e.flags & sqe_flag::io_drain) && drain_disabled) {
      expect_a.insert(e.id);  // -EOPNOTSUPP
      chain_failed = false;
      return false;
    }
    if (e.flags & sqe_flag::io_drain) drained = true;
    if (was_in_chain && chain_failed) {
      // -ECANCELED, posted unless the request that failed the chain had
      // CQE_SKIP_SUCCESS: then the kernel posts its CQE and none of the rest.
      if (!chain_quiet) expect_a.insert(e.id);
      if (!link) chain_failed = false;
      return true;
    }
    switch (e.kind) {
      case Kind::nop: {
        const int32_t res = e.injects ? e.inject : 0;
        if (res < 0 || !(e.flags & sqe_flag::cqe_skip_success)) expect_a.insert(e.id);
        if (res < 0 && link) {
          chain_failed = true;
          chain_quiet = (e.flags & sqe_flag::cqe_skip_success) != 0;
        }
        break;
      }
      case Kind::nop128:
        if (!(e.flags & sqe_flag::cqe_skip_success)) expect_a.insert(e.id);
        break;
      case Kind::read:
        if (e.target == 1) {  // the pipe
          if (pipe_bytes > 0) {
            pipe_bytes -= std::min(pipe_bytes, e.len);
            expect_a.insert(e.id);
          } else if (e.pair) {
            // Cancelled by its link timeout, which on DEFER_TASKRUN rings
            // acts only when the task enters: data written to the pipe
            // before then would complete the read instead. Wait for both.
            expect_a.insert(e.id);
            drained = true;
          } else {
            parked[e.id] = Park::pipe_read;
          }
        } else {
          expect_a.insert(e.id);
        }
        break;
      case Kind::poll_add:
        if (e.len == POLLIN && pipe_bytes == 0) {
          parked[e.id] = Park::poll;
        } else {
          expect_a.insert(e.id);
        }
        break;
      case Kind::timeout:
        if (e.long_timeout) {
          parked[e.id] = Park::timeout;
        } else {
          expect_a.insert(e.id);
        }
        break;
      case Kind::timeout_remove:
      case Kind::cancel:
      case Kind::poll_remove: {
        expect_a.insert(e.id);
        auto it = parked.find(e.target);
        if (it == parked.end()) break;
        if (e.kind == Kind::timeout_remove && it->second != Park::timeout) break;
        if (e.kind == Kind::poll_remove && it->second != Park::poll) break;
        expect_a.insert(it->first);
        parked.erase(it);
        break;
      }
      case Kind::msg_ring:
        expect_a.insert(e.id);
        expect_b.insert(e.target);
        break;
      case Kind::read_select:
        expect_a.insert(e.id);
        select_issued = true;
        break;
      default:  // reads and writes of the file, provided buffers, link timeouts
        expect_a.insert(e.id);
        break;
    }
    return true;
  }
};

// ---------------------------------------------------------------------------
// One sequence on both sides.

const char* kind_name(Kind k) {
  static const char* const names[] = {
      "nop",         "nop128",          "read",           "write",
      "read_fixed",  "read_fixed_file", "read_select",    "poll_add",
      "timeout",     "timeout_remove",  "link_timeout",   "cancel",
      "poll_remove", "msg_ring",        "provide_buffers"};
  return names[static_cast<int>(k)];
}

std::string flags_text(uint8_t f) {
  std::string s;
  if (f & sqe_flag::io_link) s += "|LINK";
  if (f & sqe_flag::io_drain) s += "|DRAIN";
  if (f & sqe_flag::async) s += "|ASYNC";
  if (f & sqe_flag::cqe_skip_success) s += "|SKIP_SUCCESS";
  return s.empty() ? std::string() : " flags " + s.substr(1);
}

std::string errno_text(int ret) {
  if (ret >= 0) return std::to_string(ret);
  return std::string("-") + errno_name(static_cast<Errno>(-ret));
}

class Run {
 public:
  Run(const Variant& v, const Backend& fring, bool trace) : trace_(trace) {
    const test::Combo c = test::combo(v.combo);
    setup_.entries = kEntries;
    setup_.cq_entries = kCqEntries;
    setup_.flags = c.shape.flags | c.mode.flags;
    setup_.sq_thread_idle = test::kSqThreadIdleMs;
    setup_.register_ring_fd = v.register_fd;
    sqpoll_ = (setup_.flags & setup::sqpoll) != 0;
    side_[0].be = &kLiburing;
    side_[1].be = &fring;
  }
  ~Run() {
    for (Side& s : side_) {
      if (s.h != nullptr) s.be->destroy(s.h);
      for (int fd : s.pipe)
        if (fd >= 0) close(fd);
      if (s.file >= 0) close(s.file);
      free(s.arena);
    }
  }

  // Sets both sides up; the error of the first that fails, or 0.
  int open() {
    for (Side& s : side_) {
      s.arena = static_cast<char*>(aligned_alloc(4096, kArena));
      memset(s.arena, 'a', kArena);
      // Blocking, or the kernel would fail reads of an empty pipe with
      // -EAGAIN instead of waiting.
      if (pipe2(s.pipe, O_CLOEXEC) != 0) return -errno;
      const std::string path = std::string(test::tmp_dir()) + "/fring_diff_XXXXXX";
      std::vector<char> name(path.begin(), path.end());
      name.push_back('\0');
      s.file = mkstemp(name.data());
      if (s.file < 0) return -errno;
      unlink(name.data());
      if (pwrite(s.file, s.arena, kFileSize, 0) != static_cast<ssize_t>(kFileSize)) return -EIO;
      int err = 0;
      s.h = s.be->create(setup_, &err);
      if (s.h == nullptr) return err;
      s.a = s.be->view(s.h, 0);
      s.b = s.be->view(s.h, 1);
    }
    return 0;
  }

  // Runs `calls`; false at the first divergence (see report()).
  bool run(const std::vector<Call>& calls) {
    for (size_t i = 0; i < calls.size(); ++i) {
      index_ = i;
      if (!exec(calls[i])) return false;
    }
    return finish();
  }

  const std::string& report() const { return report_; }
  const std::string& trace() const { return trace_text_; }
  uint64_t calls() const { return calls_; }
  uint64_t skipped() const { return skipped_; }
  uint64_t modelled() const { return modelled_; }

  // TaskRun and NOP flags the kernel has, found once.
  static uint32_t nop_flags_supported() {
    static const uint32_t flags = probe_nop_flags();
    return flags;
  }

 private:
  // A DEFER_TASKRUN ring whose kernel does not flag pending task work.
  bool defer_untagged() const {
    return (setup_.flags & (setup::defer_taskrun | setup::taskrun_flag)) == setup::defer_taskrun;
  }

  Side& L() { return side_[0]; }
  Side& F() { return side_[1]; }

  static uint32_t probe_nop_flags() {
    auto ring = Ring::queue_init(2);
    if (!ring.ok()) return 0;
    uint32_t found = 0;
    for (uint32_t flag : {nop_flag::inject_result, nop_flag::inject_result | nop_flag::tw}) {
      Sqe* sqe = ring.value().get_sqe();
      prep_nop(*sqe);
      sqe->nop_flags = flag;
      sqe->len = 5;
      if (!ring.value().submit_and_wait(1).ok()) break;
      auto cqe = ring.value().peek_cqe();
      if (!cqe.ok()) break;
      if (cqe.value()->res == 5) found |= flag;
      ring.value().cqe_seen(cqe.value());
    }
    return found;
  }

  // -------------------------------------------------------------------------
  // Reports.

  void note(const std::string& line) {
    if (trace_) trace_text_ += "    " + line + "\n";
  }

  bool diverge(const std::string& what) {
    report_ = what;
    note("DIVERGES: " + what);
    return false;
  }

  // -------------------------------------------------------------------------
  // Waiting for the kernel.

  // The ids the model expects in ring `which` of `s` that `s` has not reaped.
  std::multiset<uint64_t> missing(Side& s, int which) {
    const std::set<uint64_t>& expect = which == 0 ? model_.expect_a : model_.expect_b;
    std::multiset<uint64_t> out(expect.begin(), expect.end());
    for (const Rec& r : which == 0 ? s.got_a : s.got_b) {
      auto it = out.find(r.user_data);
      if (it != out.end()) out.erase(it);
    }
    return out;
  }

  // Until every CQE the model expects is in the CQ (or reaped): true, or
  // false after 5 s.
  bool settle(Side& s, int which) {
    const RingView& v = which == 0 ? s.a : s.b;
    std::multiset<uint64_t> want = missing(s, which);
    const double deadline = now() + 2;
    for (;;) {
      std::multiset<uint64_t> left = want;
      const uint32_t tail = cq_tail(v);
      for (uint32_t i = cq_head(v); i != tail; ++i) {
        auto it = left.find(rec_at(v, i).user_data);
        if (it != left.end()) left.erase(it);
      }
      if (left.empty()) return true;
      if (now() > deadline) {
        std::string ids;
        for (uint64_t id : left) ids += " " + std::to_string(id);
        report_ = std::string("model: ") + s.be->name + "'s ring " + (which ? "B" : "A") +
                  " never posted the CQEs of" + ids;
        return false;
      }
      wait_kernel(v);
    }
  }

  bool settle_both(int which = 0) {
    for (Side& s : side_)
      if (!settle(s, which)) return false;
    if (which == 0) model_.select_issued = false;
    return true;
  }

  // On SQPOLL rings, until the kernel thread has consumed every published SQE.
  bool settle_sq(Side& s) {
    if (!sqpoll_) return true;
    const double deadline = now() + 5;
    while (sq_head(s.a) != load(s.a.sq_ktail)) {
      if (now() > deadline) {
        report_ = std::string(s.be->name) + ": the SQPOLL thread never consumed the SQ (head " +
                  std::to_string(sq_head(s.a)) + ", tail " + std::to_string(load(s.a.sq_ktail)) +
                  ")";
        return false;
      }
      sched_yield();
    }
    return true;
  }

  // Records the CQEs side `s` consumed from ring `which` since `from`.
  void harvest(Side& s, int which, uint32_t from) {
    const RingView& v = which == 0 ? s.a : s.b;
    std::vector<Rec>& got = which == 0 ? s.got_a : s.got_b;
    const uint32_t head = cq_head(v);
    for (uint32_t i = from; i != head; ++i) got.push_back(rec_at(v, i));
  }

  // The CQEs the model expects in ring A that liburing's side has not
  // reaped.
  unsigned unreaped(const Model& m) const {
    unsigned n = 0;
    std::set<uint64_t> got;
    for (const Rec& r : side_[0].got_a) got.insert(r.user_data);
    for (uint64_t id : m.expect_a) n += got.count(id) == 0;
    return n;
  }

  // The CQEs to come, counting those of the requests queued now, were they
  // issued.
  unsigned eventual_after_issue() const {
    Model m = model_;
    for (const Entry& e : m.queued) {
      // Without SQPOLL a request that fails to initialise ends the submit.
      if ((!m.issue(e) || m.may_stop(e)) && !sqpoll_) break;
    }
    return unreaped(m);
  }

  unsigned eventual() const { return unreaped(model_); }

  // -------------------------------------------------------------------------
  // Queueing.

  Prep prep_for(Side& s, const Entry& e) const {
    Prep p{};
    p.kind = e.kind;
    p.sqe_flags = e.flags;
    p.nop_flags = e.injects ? nop_flag::inject_result : 0;
    if (e.kind == Kind::nop && (e.target & 2)) p.nop_flags |= nop_flag::tw;
    p.inject = e.inject;
    p.user_data = e.id;
    p.target = e.target;
    p.len = e.len;
    p.ts = e.long_timeout ? Wait::long_ : Wait::short_;
    p.bgid = kBgid;
    char* buf = s.arena + (e.id % 32) * 2048;
    switch (e.kind) {
      case Kind::read:
        p.fd = e.target == 1 ? s.pipe[0] : s.file;
        p.buf = buf;
        p.off = e.target == 1 ? ~0ULL : e.inject;
        p.target = 0;
        break;
      case Kind::write:
      case Kind::read_fixed:
      case Kind::read_select:
        p.fd = s.file;
        p.buf = buf;
        p.off = static_cast<uint64_t>(e.inject);
        break;
      case Kind::read_fixed_file:
        p.fd = 0;
        p.buf = buf;
        p.off = static_cast<uint64_t>(e.inject);
        break;
      case Kind::poll_add:
        p.fd = e.len == POLLIN ? s.pipe[0] : s.pipe[1];
        break;
      case Kind::msg_ring:
        p.fd = s.b.fd;
        break;
      case Kind::provide_buffers:
        p.buf = s.arena + kBufArea + static_cast<size_t>(e.target) * kProvidedLen;
        p.len = kProvidedLen;
        p.nr = e.len;
        p.bid = static_cast<uint16_t>(e.target);
        break;
      default:
        break;
    }
    return p;
  }

  // Queues `e` on both sides. 1: both queued it; 0: neither had an SQE;
  // -1: they diverged.
  int queue(Entry e) {
    bool ok[2];
    unsigned index[2] = {0, 0};
    for (int i = 0; i < 2; ++i) {
      Side& s = side_[i];
      ok[i] = s.be->queue(s.h, prep_for(s, e), &index[i]);
    }
    if (ok[0] != ok[1] || index[0] != index[1]) {
      diverge(std::string("queue ") + kind_name(e.kind) + ": liburing " +
              (ok[0] ? "SQE at " + std::to_string(index[0]) : "no SQE") + ", fring " +
              (ok[1] ? "SQE at " + std::to_string(index[1]) : "no SQE"));
      return -1;
    }
    note(std::string("queue ") + kind_name(e.kind) + " ud " + std::to_string(e.id) +
         flags_text(e.flags) + (e.injects ? " inject " + std::to_string(e.inject) : "") +
         (e.kind == Kind::nop && (e.target & 2) ? " (task work)" : "") +
         (ok[0] ? " -> SQE " + std::to_string(index[0]) : " -> none"));
    if (!ok[0]) return 0;
    // get_sqe128 on an SQE_MIXED ring pads the SQ's last slot with a NOP.
    if (e.kind == Kind::nop128 && (setup_.flags & setup::sqe_mixed)) {
      if (index[0] != sq_tail_) {
        Entry pad{};
        pad.kind = Kind::nop;
        pad.slots = 1;
        model_.queued.push_back(pad);
        model_.queued_slots += 1;
      }
      e.slots = 2;
    } else {
      e.slots = 1;
    }
    sq_tail_ = index[0] + e.slots;
    model_.queued.push_back(e);
    model_.queued_slots += e.slots;
    return 1;
  }

  Entry entry(Kind kind, uint8_t flags = 0) {
    Entry e{};
    e.id = model_.next_id++;
    e.kind = kind;
    e.flags = flags;
    return e;
  }

  // A NOP's flags and result from 12 random bits.
  Entry nop_entry(uint32_t r, bool standalone) {
    uint8_t flags = 0;
    if (r & 1) flags |= sqe_flag::cqe_skip_success;
    if ((r & 6) == 6) flags |= sqe_flag::async;
    // A drain waits for every earlier request: only where none can park.
    if (standalone && (r & 8) && !(flags & sqe_flag::cqe_skip_success) && model_.parked.empty() &&
        !model_.may_park_queued()) {
      flags |= sqe_flag::io_drain;
      model_.drain_seen = true;
    }
    Entry e = entry(Kind::nop, flags);
    static const int32_t results[] = {0, 7, -EINVAL, -EIO};
    const unsigned pick = (r >> 4) % 5;
    if (pick != 4 && (nop_flags_supported() & nop_flag::inject_result)) {
      e.injects = true;
      e.inject = results[pick];
    }
    if ((r & 0x100) && (nop_flags_supported() & nop_flag::tw) && e.injects) e.target = 2;
    return e;
  }

  // A target for cancel and remove requests: a parked request of `want`
  // (any when null), or a user_data nothing carries.
  uint64_t pick_target(uint32_t r, const Park* want) const {
    std::vector<uint64_t> ids;
    for (const auto& [id, park] : model_.parked)
      if (want == nullptr || park == *want) ids.push_back(id);
    if (ids.empty() || (r & 7) == 0) return kNoTarget + (r >> 8) % 4;
    return ids[(r >> 3) % ids.size()];
  }

  // -------------------------------------------------------------------------
  // The consumed SQEs.

  // After a call that may submit: waits for an SQPOLL thread, then applies
  // what the kernel consumed (the SQ heads must agree) to the model.
  bool consumed(uint32_t head_l, uint32_t head_f) {
    for (Side& s : side_)
      if (!settle_sq(s)) return false;
    const uint32_t nl = sq_head(L().a) - head_l;
    const uint32_t nf = sq_head(F().a) - head_f;
    if (nl != nf) {
      return diverge("the kernel consumed " + std::to_string(nl) + " SQ slots of liburing's, " +
                     std::to_string(nf) + " of fring's");
    }
    uint32_t left = nl;
    while (left > 0 && !model_.queued.empty()) {
      const Entry e = model_.queued.front();
      model_.queued.pop_front();
      model_.queued_slots -= e.slots;
      left -= std::min(left, e.slots);
      (void)model_.issue(e);
    }
    if (model_.drained) {
      model_.drained = false;
      return settle_both();
    }
    return true;
  }

  // -------------------------------------------------------------------------
  // Comparing results.

  struct Got {
    int ret = 0;
    std::vector<int> pos;  // CQ positions of the CQEs returned, from the head before
  };

  static std::string got_text(const Got& g) {
    std::string s = errno_text(g.ret);
    if (!g.pos.empty()) {
      s += " cqe@";
      for (size_t i = 0; i < g.pos.size(); ++i) s += (i ? "," : "") + std::to_string(g.pos[i]);
    }
    return s;
  }

  bool same(const char* what, const Got& l, const Got& f) {
    note(std::string(what) + ": liburing " + got_text(l) + ", fring " + got_text(f));
    if (l.ret == f.ret && l.pos == f.pos) return true;
    return diverge(std::string(what) + ": liburing " + got_text(l) + ", fring " + got_text(f));
  }

  // A submit count on an SQPOLL ring: the libraries read the kernel's SQ
  // head at their own moments, so each count lies anywhere in 0..queued;
  // an error must be the same error.
  bool same_sqpoll(const char* what, const Got& l, const Got& f, unsigned queued) {
    note(std::string(what) + ": liburing " + got_text(l) + ", fring " + got_text(f) +
         " (SQPOLL: counts within 0.." + std::to_string(queued) + ")");
    const bool lok = l.ret >= 0 && static_cast<unsigned>(l.ret) <= queued;
    const bool fok = f.ret >= 0 && static_cast<unsigned>(f.ret) <= queued;
    if (((lok && fok) || (l.ret < 0 && l.ret == f.ret)) && l.pos == f.pos) return true;
    return diverge(std::string(what) + " on SQPOLL with " + std::to_string(queued) +
                   " queued: liburing " + got_text(l) + ", fring " + got_text(f));
  }

  bool same_heads() {
    const uint32_t hl = cq_head(L().a);
    const uint32_t hf = cq_head(F().a);
    if (hl == hf) return true;
    return diverge("CQ head: liburing " + std::to_string(hl) + ", fring " + std::to_string(hf));
  }

  // After a call whose reaping depended on time: the side that consumed
  // fewer CQEs consumes the rest through its own library, so that both
  // rings are alike again.
  bool catch_up() {
    if (!settle_both()) return false;
    for (Side& s : side_) {
      for (;;) {
        const uint32_t other = cq_head(&s == &L() ? F().a : L().a);
        const uint32_t mine = cq_head(s.a);
        if (static_cast<int32_t>(other - mine) <= 0) break;
        const void* cqe = nullptr;
        const int ret = s.be->peek_cqe(s.h, 0, &cqe);
        if (ret != 0) {
          return diverge(std::string(s.be->name) + ": peek_cqe " + errno_text(ret) +
                         " with CQEs ready");
        }
        s.be->cqe_seen(s.h, 0, cqe);
        harvest(s, 0, mine);
      }
    }
    return same_heads();
  }

  // -------------------------------------------------------------------------
  // The calls.

  bool exec(const Call& c) {
    const uint32_t r = c.r;
    const uint32_t cq_l = cq_head(L().a);
    const uint32_t cq_f = cq_head(F().a);
    const uint32_t sq_l = sq_head(L().a);
    const uint32_t sq_f = sq_head(F().a);
    const unsigned queued = model_.queued_slots;
    const bool empty_queue = model_.queued.empty();
    if (trace_) trace_text_ += "  " + std::to_string(index_) + ": " + kOps[int(c.op)].name + "\n";
    if (getenv("FRING_DIFF_TRACE")) {
      printf("%s", trace_text_.c_str());
      trace_text_.clear();
      fflush(stdout);
    }
    ++calls_;
    Got g[2];
    auto reaped = [&](bool racy) {
      for (int i = 0; i < 2; ++i) harvest(side_[i], 0, i ? cq_f : cq_l);
      return racy ? catch_up() : same_heads();
    };
    auto skip = [&](const char* why) {
      --calls_;
      ++skipped_;
      note(std::string("skipped: ") + why);
      return true;
    };
    switch (c.op) {
      case Op::nop:
        return queue(nop_entry(r, true)) >= 0;
      case Op::chain: {
        const unsigned n = 2 + r % 3;
        if (kEntries - queued < n) return skip("no room for the chain");
        std::vector<uint64_t> ids;
        for (unsigned i = 0; i < n; ++i) {
          Entry e = nop_entry(r >> (2 + 4 * i), false);
          if (i + 1 < n) e.flags |= sqe_flag::io_link;
          e.flags &= static_cast<uint8_t>(~sqe_flag::io_drain);
          ids.push_back(e.id);
          if (queue(e) != 1) return false;
        }
        model_.chains.push_back(ids);
        return true;
      }
      case Op::nop128: {
        if ((setup_.flags & (setup::sqe128 | setup::sqe_mixed)) && test::missing_op(op::nop128))
          return skip(test::missing_op(op::nop128));
        Entry e = entry(Kind::nop128, (r & 1) ? sqe_flag::cqe_skip_success : 0);
        if ((setup_.flags & setup::sqe_mixed) && kEntries - queued < 3)
          return skip("no room for a padded 128-byte SQE");
        return queue(e) >= 0;
      }
      case Op::read:
      case Op::write:
      case Op::read_fixed:
      case Op::read_fixed_file: {
        static const Kind kinds[] = {Kind::read, Kind::write, Kind::read_fixed,
                                     Kind::read_fixed_file};
        Entry e = entry(kinds[int(c.op) - int(Op::read)]);
        e.len = 1 + r % 2048;
        e.inject = static_cast<int32_t>(((r >> 11) % 31) * 1024);  // the file offset
        e.target = 0;
        return queue(e) >= 0;
      }
      case Op::read_select:
      case Op::provide:
        // After a drain the kernel may run them in another order.
        if (model_.drain_seen) return skip("a drain may reorder the buffer requests");
        if (model_.select_queued()) return skip("a read with a provided buffer is queued");
        if (model_.select_issued && !settle_both()) return false;
        return queue_buffers(c.op, r);
      case Op::pipe_read: {
        if (model_.drain_seen) return skip("a drain may hold it back");
        if (model_.pipe_read_pending()) return skip("a pipe read is pending");
        Entry e = entry(Kind::read);
        e.target = 1;
        e.len = 1 + r % 64;
        return queue(e) >= 0;
      }
      case Op::poll_in:
      case Op::poll_out: {
        if (c.op == Op::poll_in && model_.drain_seen) return skip("a drain may hold it back");
        Entry e = entry(Kind::poll_add);
        e.len = c.op == Op::poll_in ? POLLIN : POLLOUT;
        return queue(e) >= 0;
      }
      case Op::timeout_short:
      case Op::timeout_long: {
        if (c.op == Op::timeout_long && model_.drain_seen) return skip("a drain may hold it back");
        Entry e = entry(Kind::timeout);
        e.long_timeout = c.op == Op::timeout_long;
        return queue(e) >= 0;
      }
      case Op::timeout_remove:
      case Op::cancel:
      case Op::poll_remove: {
        static const Park timeout = Park::timeout, poll = Park::poll;
        const Kind kind = c.op == Op::cancel           ? Kind::cancel
                          : c.op == Op::timeout_remove ? Kind::timeout_remove
                                                       : Kind::poll_remove;
        Entry e = entry(kind);
        e.target = pick_target(r, kind == Kind::cancel           ? nullptr
                                  : kind == Kind::timeout_remove ? &timeout
                                                                 : &poll);
        return queue(e) >= 0;
      }
      case Op::linked: {
        if (kEntries - queued < 2) return skip("no room for the pair");
        const bool pipe = (r & 1) && !model_.pipe_read_pending() && !model_.drain_seen;
        Entry head = pipe ? entry(Kind::read, sqe_flag::io_link) : nop_entry(0, false);
        head.flags = sqe_flag::io_link;
        head.pair = true;
        if (pipe) {
          head.target = 1;
          head.len = 1 + (r >> 1) % 64;
        }
        if (queue(head) != 1) return false;
        Entry lt = entry(Kind::link_timeout);
        return queue(lt) == 1;
      }
      case Op::msg_ring: {
        Entry e = entry(Kind::msg_ring);
        e.len = r % 1000;
        e.target = kMsgBit | e.id;
        return queue(e) >= 0;
      }
      case Op::fill: {
        for (;;) {
          Entry e = entry(Kind::nop);
          const int q = queue(e);
          if (q < 0) return false;
          if (q == 0) return true;
        }
      }
      case Op::submit:
      case Op::submit_and_get_events:
      case Op::get_events: {
        for (int i = 0; i < 2; ++i) {
          Side& s = side_[i];
          g[i].ret = c.op == Op::submit                  ? s.be->submit(s.h)
                     : c.op == Op::submit_and_get_events ? s.be->submit_and_get_events(s.h)
                                                         : s.be->get_events(s.h);
        }
        const char* what = kOps[int(c.op)].name;
        const bool ok = c.op != Op::get_events && sqpoll_ ? same_sqpoll(what, g[0], g[1], queued)
                                                          : same(what, g[0], g[1]);
        return ok && consumed(sq_l, sq_f) && reaped(false);
      }
      case Op::submit_and_wait: {
        const unsigned n = std::min(r % 4, eventual_after_issue());
        for (int i = 0; i < 2; ++i) g[i].ret = side_[i].be->submit_and_wait(side_[i].h, n);
        const bool ok = sqpoll_ ? same_sqpoll("submit_and_wait", g[0], g[1], queued)
                                : same("submit_and_wait", g[0], g[1]);
        return ok && consumed(sq_l, sq_f) && reaped(false);
      }
      case Op::submit_and_wait_timeout:
      case Op::submit_and_wait_reg: {
        const bool reg = c.op == Op::submit_and_wait_reg;
        // No wait region is registered (liburing 2.15 cannot register one),
        // so an enter that waits with the registered argument fails with
        // EFAULT: with nothing to submit, wait for one CQE, or whether a
        // library enters only to run task work would decide the result.
        const unsigned n = reg ? (empty_queue ? 1 : r % 2) : r % 4;
        const bool sig = (r >> 2) & 1;
        // Time decides what a wait for more CQEs than will come finds, and
        // which CQE (if any) a wait for none returns; nothing decides it
        // once the CQ is settled and nothing is to be submitted.
        const bool enough = n <= eventual_after_issue();
        if (empty_queue && !settle_both()) return false;
        const void* cqe[2];
        for (int i = 0; i < 2; ++i) {
          Side& s = side_[i];
          g[i].ret = reg ? s.be->submit_and_wait_reg(s.h, &cqe[i], n)
                         : s.be->submit_and_wait_timeout(
                               s.h, &cqe[i], n, enough ? Wait::wait_long : Wait::wait_short, sig);
        }
        // Which CQE a wait that submits returns depends on time even when
        // enough will come: a timeout request that fires wakes every waiter.
        const bool exact_cqe = empty_queue;
        for (int i = 0; i < 2; ++i) {
          const int p = position(side_[i].a, cqe[i], i ? cq_f : cq_l);
          if (exact_cqe) {
            if (p >= 0) g[i].pos.push_back(p);
          } else if (p > 0) {
            g[i].pos.push_back(p);  // a CQE returned is the head's, whenever it came
          }
        }
        const char* what = kOps[int(c.op)].name;
        // fring returns the SQEs it submitted; liburing's returns 0 when its
        // first look at the CQ found a CQE (docs/liburing-map.md: "The
        // submit-and-wait calls count what they submitted").
        if (g[0].ret == 0 && g[1].ret > 0 && cqe[0] != nullptr) {
          note(std::string(what) + ": liburing 0 with a CQE at once, fring " + got_text(g[1]) +
               " (modelled)");
          ++modelled_;
          g[0].ret = g[1].ret;
        }

        const bool ok = sqpoll_ && !empty_queue ? same_sqpoll(what, g[0], g[1], queued)
                                                : same(what, g[0], g[1]);
        return ok && consumed(sq_l, sq_f) && reaped(false);
      }
      case Op::peek:
      case Op::wait:
      case Op::wait_nr:
      case Op::wait_cqes:
      case Op::wait_timeout: {
        const bool racy = c.op == Op::peek && (r & 3) == 3;
        const bool seen = (r >> 2) & 1;
        unsigned n = 1;
        if (c.op == Op::wait_nr) n = std::min(1 + (r >> 3) % 3, eventual());
        if ((c.op == Op::wait || c.op == Op::wait_nr) && (n == 0 || eventual() == 0))
          return skip("no CQE will come to wait for");
        if (c.op == Op::wait_cqes) n = 1 + (r >> 3) % 3;
        const bool sig = (r >> 5) & 1;
        if ((c.op == Op::peek && !racy) || c.op == Op::wait_cqes || c.op == Op::wait_timeout) {
          if (!settle_both()) return false;
        }
        const void* cqe[2];
        for (int i = 0; i < 2; ++i) {
          Side& s = side_[i];
          switch (c.op) {
            case Op::peek:
              g[i].ret = s.be->peek_cqe(s.h, 0, &cqe[i]);
              break;
            case Op::wait:
              g[i].ret = s.be->wait_cqe(s.h, &cqe[i]);
              break;
            case Op::wait_nr:
              g[i].ret = s.be->wait_cqe_nr(s.h, &cqe[i], n);
              break;
            case Op::wait_cqes:
              g[i].ret = s.be->wait_cqes(s.h, &cqe[i], n, Wait::wait_short, sig);
              break;
            default:
              g[i].ret = s.be->wait_cqe_timeout(s.h, &cqe[i], Wait::wait_short);
              break;
          }
          const int p = position(s.a, cqe[i], i ? cq_f : cq_l);
          if (p >= 0) g[i].pos.push_back(p);
        }
        const char* what = kOps[int(c.op)].name;
        if (racy) {
          note(std::string("racy peek: liburing ") + got_text(g[0]) + ", fring " + got_text(g[1]));
          for (int i = 0; i < 2; ++i) {
            const bool ok = (g[i].ret == 0 && g[i].pos == std::vector<int>{0}) ||
                            (g[i].ret == -EAGAIN && g[i].pos.empty());
            if (!ok)
              return diverge(std::string("peek: ") + side_[i].be->name + " " + got_text(g[i]));
          }
          if (g[0].ret != g[1].ret) {
            // fring's peek_cqe enters the kernel for DEFER_TASKRUN task work.
            if (g[0].ret == -EAGAIN && defer_untagged()) ++modelled_;
          }
        } else if (!same(what, g[0], g[1])) {
          return false;
        }
        if (seen) {
          for (int i = 0; i < 2; ++i)
            if (g[i].ret == 0) side_[i].be->cqe_seen(side_[i].h, 0, cqe[i]);
        }
        return reaped(racy);
      }
      case Op::peek_batch:
      case Op::for_each: {
        const bool racy = c.op == Op::peek_batch && (r & 3) == 3;
        if (!racy && !settle_both()) return false;
        const unsigned count = 1 + (r >> 2) % 8;
        const void* cqes[2][64];
        unsigned n[2];
        for (int i = 0; i < 2; ++i) {
          Side& s = side_[i];
          n[i] = c.op == Op::peek_batch ? s.be->peek_batch_cqe(s.h, cqes[i], count)
                                        : s.be->for_each_cqe(s.h, cqes[i], 64);
          g[i].ret = static_cast<int>(n[i]);
          for (unsigned k = 0; k < std::min(n[i], 64U); ++k)
            g[i].pos.push_back(position(s.a, cqes[i][k], i ? cq_f : cq_l));
        }
        if (racy) {
          note(std::string("racy peek_batch: liburing ") + got_text(g[0]) + ", fring " +
               got_text(g[1]));
          for (int i = 0; i < 2; ++i) {
            for (unsigned k = 0; k < g[i].pos.size(); ++k) {
              if (g[i].pos[k] != static_cast<int>(k))
                return diverge(std::string("peek_batch_cqe: ") + side_[i].be->name + " " +
                               got_text(g[i]));
            }
          }
          if (n[0] == 0 && n[1] != 0 && defer_untagged()) ++modelled_;
        } else if (!same(kOps[int(c.op)].name, g[0], g[1])) {
          return false;
        }
        // Consume all or some of them with cq_advance.
        for (int i = 0; i < 2; ++i) {
          const unsigned take = (r >> 5) & 1 ? n[i] : std::min(n[i], (r >> 6) % 4);
          side_[i].be->cq_advance(side_[i].h, take);
        }
        return reaped(racy);
      }
      case Op::cq_ready: {
        if (!settle_both()) return false;
        for (int i = 0; i < 2; ++i) g[i].ret = static_cast<int>(side_[i].be->cq_ready(side_[i].h));
        return same("cq_ready", g[0], g[1]);
      }
      case Op::sq_state: {
        for (int i = 0; i < 2; ++i) {
          Side& s = side_[i];
          g[i].ret = static_cast<int>(s.be->sq_ready(s.h));
          g[i].pos.push_back(static_cast<int>(s.be->sq_space_left(s.h)));
        }
        return same("sq_ready, sq_space_left (as cqe@)", g[0], g[1]);
      }
      case Op::sqring_wait:
        return sqring_wait(queued, sq_l, sq_f);
      case Op::reg_files:
      case Op::unreg_files:
      case Op::reg_bufs:
      case Op::unreg_bufs: {
        // Requests held back by a drain run when the kernel releases them,
        // before or after the table changes.
        if (model_.drain_seen) return skip("a drain may hold back requests using the tables");
        for (int i = 0; i < 2; ++i) {
          Side& s = side_[i];
          const int fds[2] = {s.file, s.pipe[0]};
          const iovec iov = {s.arena, kBufArea};
          switch (c.op) {
            case Op::reg_files:
              g[i].ret = s.be->register_files(s.h, fds, 2);
              break;
            case Op::unreg_files:
              g[i].ret = s.be->unregister_files(s.h);
              break;
            case Op::reg_bufs:
              g[i].ret = s.be->register_buffers(s.h, &iov, 1);
              break;
            default:
              g[i].ret = s.be->unregister_buffers(s.h);
              break;
          }
          // Registered buffers are charged to RLIMIT_MEMLOCK, which other
          // processes' rings share: a moment's shortage is no result.
          for (int tries = 0; c.op == Op::reg_bufs && g[i].ret == -ENOMEM && tries < 1500;
               ++tries) {
            usleep(20000);
            g[i].ret = s.be->register_buffers(s.h, &iov, 1);
          }
        }
        if (!same(kOps[int(c.op)].name, g[0], g[1])) return false;
        if (g[0].ret == 0) {
          if (c.op == Op::reg_files || c.op == Op::unreg_files)
            model_.files = c.op == Op::reg_files;
          if (c.op == Op::reg_bufs || c.op == Op::unreg_bufs) model_.buffers = c.op == Op::reg_bufs;
        }
        return true;
      }
      case Op::put: {
        if (model_.drain_seen) return skip("a drain may hold back the pipe's readers");
        if (model_.pipe_read_pending()) return skip("a pipe read would race the write");
        if (model_.pipe_bytes > 4096) return skip("the pipe holds enough");
        const unsigned len = 1 + r % 100;
        for (Side& s : side_) {
          if (write(s.pipe[1], s.arena, len) != static_cast<ssize_t>(len))
            return diverge("write to the pipe failed");
        }
        note("put " + std::to_string(len) + " bytes");
        model_.pipe_bytes += len;
        for (auto it = model_.parked.begin(); it != model_.parked.end();) {
          if (it->second == Park::poll) {
            model_.expect_a.insert(it->first);
            it = model_.parked.erase(it);
          } else {
            ++it;
          }
        }
        return settle_both();
      }
      case Op::reap_b:
        return reap_b();
    }
    return true;
  }

  bool queue_buffers(Op op, uint32_t r) {
    if (op == Op::read_select) {
      Entry e = entry(Kind::read_select);
      e.len = 1 + r % 100;
      e.inject = static_cast<int32_t>((r >> 8) % 60) * 1024;
      return queue(e) >= 0;
    }
    Entry e = entry(Kind::provide_buffers);
    e.len = 1 + r % 4;
    e.target = (r >> 2) % 32;
    return queue(e) >= 0;
  }

  // sqring_wait: equal where no SQE is queued unpublished or the SQ has
  // room; otherwise fring's differs on purpose (docs/liburing-map.md:
  // "sqring_wait() waits for room on every ring"): without SQPOLL it
  // submits, and with SQPOLL it publishes the queued SQEs first, where
  // liburing's returns 0 at once. Modelled by submitting on liburing's side.
  bool sqring_wait(unsigned queued, uint32_t sq_l, uint32_t sq_f) {
    Got g[2];
    const bool full = queued >= kEntries;
    for (int i = 0; i < 2; ++i) g[i].ret = side_[i].be->sqring_wait(side_[i].h);
    if (full) {
      note("sqring_wait on a full SQ: liburing " + got_text(g[0]) + ", fring " + got_text(g[1]) +
           " (modelled: liburing then submits)");
      if (g[0].ret != 0) return diverge("sqring_wait: liburing " + got_text(g[0]));
      ++modelled_;
      const int sub = L().be->submit(L().h);
      if (!sqpoll_) g[0].ret = sub;
    }
    const bool ok = sqpoll_ && !full ? same_sqpoll("sqring_wait", g[0], g[1], queued)
                                     : same("sqring_wait", g[0], g[1]);
    return ok && consumed(sq_l, sq_f);
  }

  bool reap_b() {
    // Ring A first: a DEFER_TASKRUN ring A may hold the msg_ring request
    // itself in task work (behind a drain) until the task enters.
    if (!settle_both() || !settle_both(1)) return false;
    Got g[2];
    for (int i = 0; i < 2; ++i) {
      Side& s = side_[i];
      const uint32_t from = cq_head(s.b);
      for (;;) {
        const void* cqe = nullptr;
        if (s.be->peek_cqe(s.h, 1, &cqe) != 0) break;
        s.be->cqe_seen(s.h, 1, cqe);
        ++g[i].ret;
      }
      harvest(s, 1, from);
    }
    return same("reap ring B", g[0], g[1]);
  }

  // After the calls: every CQE due is reaped on both sides, and the two
  // streams are the same multiset, in chain order within each chain.
  bool finish() {
    index_ = ~size_t{0};
    if (trace_) trace_text_ += "  end: reap everything\n";
    if (!settle_both()) return false;
    for (Side& s : side_) {
      const uint32_t from = cq_head(s.a);
      for (;;) {
        const void* cqe = nullptr;
        if (s.be->peek_cqe(s.h, 0, &cqe) != 0) break;
        s.be->cqe_seen(s.h, 0, cqe);
      }
      harvest(s, 0, from);
    }
    if (!reap_b()) return false;
    for (int which = 0; which < 2; ++which) {
      std::vector<Rec> l = which ? L().got_b : L().got_a;
      std::vector<Rec> f = which ? F().got_b : F().got_a;
      std::sort(l.begin(), l.end());
      std::sort(f.begin(), f.end());
      if (l != f) {
        std::vector<Rec> only_l, only_f;
        std::set_difference(l.begin(), l.end(), f.begin(), f.end(), std::back_inserter(only_l));
        std::set_difference(f.begin(), f.end(), l.begin(), l.end(), std::back_inserter(only_f));
        std::string s =
            std::string("completions of ring ") + (which ? "B" : "A") + " differ: only liburing's:";
        for (const Rec& x : only_l) s += " " + rec_text(x);
        s += "; only fring's:";
        for (const Rec& x : only_f) s += " " + rec_text(x);
        return diverge(s);
      }
      // Both streams hold what the model expects, each CQE once.
      const std::set<uint64_t>& expect = which ? model_.expect_b : model_.expect_a;
      std::multiset<uint64_t> ids;
      for (const Rec& x : l) ids.insert(x.user_data);
      if (ids != std::multiset<uint64_t>(expect.begin(), expect.end())) {
        std::string s = std::string("model: both rings ") + (which ? "B" : "A") +
                        " posted other CQEs than expected:";
        for (const Rec& x : l)
          if (!expect.count(x.user_data) || ids.count(x.user_data) > 1) s += " " + rec_text(x);
        for (uint64_t id : expect)
          if (!ids.count(id)) s += " missing " + std::to_string(id);
        return diverge(s);
      }
    }
    for (const auto& chain : model_.chains) {
      for (Side& s : side_) {
        size_t at = 0;
        for (const Rec& x : s.got_a) {
          if (std::find(chain.begin(), chain.end(), x.user_data) == chain.end()) continue;
          const size_t k = static_cast<size_t>(std::find(chain.begin(), chain.end(), x.user_data) -
                                               chain.begin());
          if (k < at) {
            return diverge(std::string(s.be->name) + " reaped the chain starting at ud " +
                           std::to_string(chain[0]) + " out of order");
          }
          at = k;
        }
      }
    }
    if (!same_heads()) return false;
    note("end: " + std::to_string(L().got_a.size()) + " CQEs in ring A, " +
         std::to_string(L().got_b.size()) + " in ring B, the same on both sides");
    return true;
  }

  Setup setup_{};
  bool sqpoll_ = false;
  Side side_[2];
  Model model_;
  unsigned sq_tail_ = 0;
  bool trace_;
  size_t index_ = 0;
  std::string report_;
  std::string trace_text_;
  uint64_t calls_ = 0;
  uint64_t skipped_ = 0;
  uint64_t modelled_ = 0;
};

// Runs `calls` on a fresh pair of rings; true when they diverge.
bool diverges(const Variant& v, const Backend& fring, const std::vector<Call>& calls,
              std::string* report = nullptr, std::string* trace = nullptr, Tally* tally = nullptr) {
  const bool tracing = trace != nullptr || getenv("FRING_DIFF_TRACE") != nullptr;
  auto run = std::make_unique<Run>(v, fring, tracing);
  int err = run->open();
  // Rings count against RLIMIT_MEMLOCK (again since Linux 6.18), and the
  // kernel frees a torn-down ring's memory a little later: under churn a
  // set-up can find the limit reached for a moment.
  for (int tries = 0; err == -ENOMEM && tries < 1500; ++tries) {
    run.reset();
    usleep(20000);
    run = std::make_unique<Run>(v, fring, tracing);
    err = run->open();
  }
  if (err != 0) {
    if (report) *report = "set-up failed: " + errno_text(err);
    return true;
  }
  const bool same = run->run(calls);
  if (report) *report = run->report();
  if (trace) *trace = run->trace();
  if (tally) {
    tally->calls += run->calls();
    tally->skipped_calls += run->skipped();
    tally->modelled += run->modelled();
  }
  return !same;
}

// Delta debugging: drops chunks of calls, then single calls, while the
// sequence still diverges.
std::vector<Call> shrink(const Variant& v, const Backend& fring, std::vector<Call> calls) {
  size_t parts = 2;
  unsigned budget = 400;
  while (calls.size() >= 2 && budget > 0) {
    const size_t chunk = (calls.size() + parts - 1) / parts;
    bool reduced = false;
    for (size_t start = 0; start < calls.size() && budget > 0; start += chunk) {
      std::vector<Call> candidate(calls.begin(), calls.begin() + static_cast<long>(start));
      candidate.insert(candidate.end(),
                       calls.begin() + static_cast<long>(std::min(calls.size(), start + chunk)),
                       calls.end());
      --budget;
      if (!candidate.empty() && diverges(v, fring, candidate)) {
        calls = candidate;
        parts = std::max<size_t>(parts - 1, 2);
        reduced = true;
        break;
      }
    }
    if (!reduced) {
      if (parts >= calls.size()) break;
      parts = std::min(calls.size(), parts * 2);
    }
  }
  return calls;
}

}  // namespace

unsigned variant_count() { return test::kComboCount * 2; }

Variant variant(unsigned index) { return Variant{index / 2, (index & 1) != 0}; }

std::string variant_name(unsigned index) {
  const Variant v = variant(index);
  return std::string(test::combo(v.combo).name) + (v.register_fd ? "+regfd" : "");
}

const char* variant_refused(unsigned index) {
  const Variant v = variant(index);
  const test::Combo c = test::combo(v.combo);
  if (const char* why = test::setup_refused(c.shape.flags | c.mode.flags)) return why;
  if (v.register_fd && test::missing_register_op(reg_op::ring_fds) != nullptr)
    return test::missing_register_op(reg_op::ring_fds);
  return nullptr;
}

uint64_t seed_of(unsigned index, uint64_t n) { return (uint64_t{index} << 40) | n; }

unsigned variant_of_seed(uint64_t seed) { return static_cast<unsigned>(seed >> 40); }

namespace {

// A sequence that hangs (a wait for a CQE that never comes) names its seed
// before the test's time limit ends it.
uint64_t g_seed;

void on_alarm(int) {
  char line[96];
  const int n =
      snprintf(line, sizeof(line), "fring-diff: seed %llu hung; replay with FRING_DIFF_SEED\n",
               static_cast<unsigned long long>(g_seed));
  if (n > 0) (void)!write(1, line, static_cast<size_t>(n));
  _exit(1);
}

}  // namespace

void run_seed(uint64_t seed, const Backend& fring, Tally& tally) {
  g_seed = seed;
  signal(SIGALRM, on_alarm);
  alarm(60);  // shrinking included
  struct Disarm {
    ~Disarm() { alarm(0); }
  } disarm;
  const unsigned index = variant_of_seed(seed);
  const Variant v = variant(index);
  const std::vector<Call> calls = generate(seed);
  ++tally.sequences;
  std::string report;
  if (!diverges(v, fring, calls, &report, nullptr, &tally)) return;
  ++tally.divergences;
  // Past the third in a variant, one line each: shrinking takes hundreds of
  // runs, which a long run with a known divergence cannot afford.
  if (tally.divergences > 3) {
    printf("divergence: seed %llu (%s): %s\n", static_cast<unsigned long long>(seed),
           variant_name(index).c_str(), report.c_str());
    return;
  }
  const bool again = diverges(v, fring, calls);
  const std::vector<Call> shortest = again ? shrink(v, fring, calls) : calls;
  std::string short_report, trace;
  const bool still = diverges(v, fring, shortest, &short_report, &trace);
  std::string text = "divergence: seed " + std::to_string(seed) + " (" + variant_name(index) +
                     ", " + fring.name + ")\n  first run: " + report + "\n";
  if (!again) text += "  (did not diverge when run again: time decided it)\n";
  text += "  shortest diverging sequence (" + std::to_string(shortest.size()) + " of " +
          std::to_string(calls.size()) + " calls" + (still ? "" : ", not reproduced") + "):\n";
  text += trace;
  text += "  result: " + short_report + "\n";
  text += "  replay: FRING_DIFF_SEED=" + std::to_string(seed) + "\n";
  if (tally.first.empty()) tally.first = text;
  printf("%s", text.c_str());
  fflush(stdout);
}

}  // namespace fring::diff
