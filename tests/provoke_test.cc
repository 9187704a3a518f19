// SPDX-License-Identifier: MIT
// Real-kernel provocations: the kernel itself refuses or interrupts, and
// fring must answer with a typed error, leak nothing and lose no completion.
// Resource limits, seccomp filters and dropped capabilities are applied in a
// forked child (tests/support/child.h), so that the test process, which is
// PID 1 of the VM cells, stays as it was. kernel.io_uring_disabled is set
// only as /init of a VM guest, and restored.
#include <fcntl.h>
#include <linux/capability.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstddef>
#include <cstring>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/child.h"
#include "tests/support/fring_test.h"
#include "tests/support/leaks.h"
#include "tests/support/ring_util.h"
#include "tests/support/seccomp.h"
#include "tests/support/vm_init.h"

namespace fring {
using test::Failures;

namespace {

template <class R>
std::string error_text(const R& r) {
  return r.ok() ? "(no error)" : errno_name(r.error());
}

// Queues `n` NOPs with user_data first.., submits them and reaps them all,
// in a child: "" when each came back once, else what went wrong.
std::string round_trip(Ring& ring, uint64_t first, unsigned n) {
  for (unsigned i = 0; i < n; ++i) {
    Sqe* sqe = ring.get_sqe();
    if (sqe == nullptr) return "get_sqe: SQ full\n";
    prep_nop(*sqe);
    sqe_set_data64(*sqe, first + i);
  }
  auto submitted = ring.submit_and_wait(n);
  if (!submitted.ok() || submitted.value() != n) {
    return "submit_and_wait: " + error_text(submitted) + "\n";
  }
  std::vector<unsigned> seen(n, 0);
  for (unsigned i = 0; i < n; ++i) {
    auto cqe = ring.wait_cqe();
    if (!cqe.ok()) return "wait_cqe: " + error_text(cqe) + "\n";
    const uint64_t data = cqe.value()->user_data;
    if (data < first || data >= first + n) return "foreign user_data\n";
    ++seen[data - first];
    ring.cqe_seen(cqe.value());
  }
  for (unsigned count : seen) {
    if (count != 1) return "a user_data came back " + std::to_string(count) + " times\n";
  }
  if (ring.cq_ready() != 0) return "CQEs left over\n";
  return "";
}

// The lowest fd not in use.
int lowest_free_fd() {
  const int fd = fcntl(0, F_DUPFD_CLOEXEC, 0);
  close(fd);
  return fd;
}

// This process's address space in bytes (VmSize of /proc/self/status).
size_t address_space() {
  FILE* f = fopen("/proc/self/status", "r");
  if (f == nullptr) return 0;
  char line[256];
  size_t kib = 0;
  while (fgets(line, sizeof(line), f) != nullptr) {
    if (sscanf(line, "VmSize: %zu kB", &kib) == 1) break;
  }
  fclose(f);
  return kib * 1024;
}

bool set_soft_limit(int resource, rlim_t value) {
  rlimit lim{};
  if (getrlimit(resource, &lim) != 0) return false;
  lim.rlim_cur = value;
  return setrlimit(resource, &lim) == 0;
}

// A child reports a reason to skip as its whole report, after this prefix.
constexpr const char* kSkipPrefix = "skip: ";

// The reason a child gave to skip, kept for the run, or nullptr.
const char* child_skip_reason(const test::ChildResult& r) {
  static std::set<std::string> reasons;
  if (r.status != 1 || r.report.rfind(kSkipPrefix, 0) != 0) return nullptr;
  return reasons.insert(r.report.substr(std::strlen(kSkipPrefix))).first->c_str();
}

// CHECKs that a child found everything as expected; skips the test case
// when the child reported a reason to skip.
#define CHECK_CHILD(result)                                                         \
  do {                                                                              \
    const ::fring::test::ChildResult child_ = (result);                             \
    if (const char* why_ = child_skip_reason(child_)) FRING_SKIP(why_);             \
    CHECK_MESSAGE(child_.ok(), "child exit ", child_.status, ":\n", child_.report); \
  } while (0)

}  // namespace

// ---------------------------------------------------------------------------
// Resource limits

TEST_CASE("provoke: RLIMIT_NOFILE too small: set-up fails with EMFILE, nothing leaks") {
  if (const char* why = test::io_uring_unavailable()) FRING_SKIP(why);
  CHECK_CHILD(test::in_child([] {
    Failures f;
    auto before = Ring::queue_init(4);  // set up while fds are left
    f.expect(before.ok(), "set-up before the limit: " + error_text(before));
    const int fds = test::count_fds();
    const int maps = test::count_mappings();
    rlimit old{};
    getrlimit(RLIMIT_NOFILE, &old);
    f.expect(set_soft_limit(RLIMIT_NOFILE, static_cast<rlim_t>(lowest_free_fd())), "setrlimit");
    auto r = Ring::queue_init(4);
    f.expect(test::error_of(r) == Errno::emfile, "queue_init: " + error_text(r) + ", want EMFILE");
    auto s = StaticRing<0>::queue_init(4);
    f.expect(test::error_of(s) == Errno::emfile, "StaticRing: " + error_text(s) + ", want EMFILE");
    // An fd the ring would open for us fails in its CQE, not in fring.
    if (before.ok()) {
      Ring& ring = before.value();
      Sqe* sqe = ring.get_sqe();
      prep_openat(*sqe, AT_FDCWD, "/proc/self/status", O_RDONLY | O_CLOEXEC, 0);
      sqe_set_data64(*sqe, 7);
      auto cqe = ring.submit_and_wait(1).ok() ? ring.wait_cqe() : Result<Cqe*>(Errno::eio);
      f.expect(cqe.ok() && cqe.value()->res == -EMFILE && cqe.value()->user_data == 7,
               "openat through the ring should complete with -EMFILE");
      if (cqe.ok()) ring.cqe_seen(cqe.value());
      f.lines += round_trip(ring, 100, 4);
    }
    f.expect(setrlimit(RLIMIT_NOFILE, &old) == 0, "restoring RLIMIT_NOFILE");
    f.expect(test::count_fds() == fds, "fds leaked");
    f.expect(test::count_mappings() == maps, "mappings leaked");
    return f.lines;
  }));
}

TEST_CASE("provoke: RLIMIT_NOFILE exhausted: a REGISTERED_FD_ONLY ring needs no fd") {
  if (const char* why = test::missing_setup_flag(setup::no_mmap, "NO_MMAP")) {
    FRING_SKIP(why);
  }
  if (const char* why = test::missing_setup_flag(setup::registered_fd_only, "REGISTERED_FD_ONLY")) {
    FRING_SKIP(why);
  }
  CHECK_CHILD(test::in_child([] {
    Failures f;
    const size_t size = memory_size(8, 0).value();
    std::vector<char> raw(size + 65536);
    void* mem = reinterpret_cast<void*>((reinterpret_cast<uintptr_t>(raw.data()) + 65535) &
                                        ~uintptr_t{65535});
    f.expect(set_soft_limit(RLIMIT_NOFILE, static_cast<rlim_t>(lowest_free_fd())), "setrlimit");
    Params p{};
    p.flags = setup::registered_fd_only;
    auto ring = Ring::queue_init_mem(8, p, mem, size);
    f.expect(ring.ok(), "queue_init_mem with no fd left: " + error_text(ring));
    if (ring.ok()) f.lines += round_trip(ring.value(), 1, 8);
    return f.lines;
  }));
}

TEST_CASE("provoke: RLIMIT_MEMLOCK too small for registered buffers and rings: ENOMEM") {
  if (const char* why = test::io_uring_unavailable()) FRING_SKIP(why);
  CHECK_CHILD(test::in_child([] {
    Failures f;
    // Root is exempt (CAP_IPC_LOCK), and the charge is per user, shared by
    // all its processes: become a user of our own (which also drops every
    // capability) before the ring is made, which is when the kernel decides
    // whether to charge its user.
    const uid_t uid = 200000 + static_cast<uid_t>(getpid() % 100000);
    if (geteuid() != 0 || setresgid(uid, uid, uid) != 0 || setresuid(uid, uid, uid) != 0) {
      return std::string(kSkipPrefix) +
             "needs a user of its own for RLIMIT_MEMLOCK (setresuid refused: not root, or "
             "a user namespace such as Bazel's sandbox)";
    }
    const size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
    const size_t limit = 8 * page;
    f.expect(set_soft_limit(RLIMIT_MEMLOCK, limit), "setrlimit");
    const int fds = test::count_fds();
    const int maps = test::count_mappings();
    {
      auto r = Ring::queue_init(8);
      f.expect(r.ok(), "a small ring within the limit: " + error_text(r));
      if (!r.ok()) return f.lines;
      Ring& ring = r.value();
      std::vector<char> big(64 * page);
      const Iovec too_big{big.data(), big.size()};
      auto reg = register_buffers(ring, &too_big, 1);
      f.expect(test::error_of(reg) == Errno::enomem,
               "64 pages: " + error_text(reg) + ", want ENOMEM");
      f.expect(test::error_of(unregister_buffers(ring)) == Errno::enxio, "nothing registered");
      const Iovec small{big.data(), page};  // one page fits
      auto ok = register_buffers(ring, &small, 1);
      f.expect(ok.ok(), "1 page: " + error_text(ok));
      f.expect(unregister_buffers(ring).ok(), "unregister");
      f.lines += round_trip(ring, 1, 8);
      // Whether the rings themselves are charged depends on the kernel
      // (before 5.12 and on some later ones: 6.18 does, 6.12 and 7.2 do
      // not); a refused ring leaks nothing, and mlock_size() never says
      // less than the kernel charged.
      auto huge = Ring::queue_init(4096);
      auto need = mlock_size(4096, 0);
      f.expect(huge.ok() || test::error_of(huge) == Errno::enomem,
               "4096 entries: " + error_text(huge) + ", want success or ENOMEM");
      f.expect(need.ok() && (huge.ok() || need.value() > limit),
               "mlock_size(4096) is " + std::to_string(need.ok() ? need.value() : 0) +
                   " bytes, but the kernel refused the ring under a limit of " +
                   std::to_string(limit));
    }
    f.expect(test::count_fds() == fds, "fds leaked");
    f.expect(test::count_mappings() == maps, "mappings leaked");
    return f.lines;
  }));
}

TEST_CASE("provoke: RLIMIT_AS too small for the rings: ENOMEM, nothing leaks") {
  if (const char* why = test::io_uring_unavailable()) FRING_SKIP(why);
  CHECK_CHILD(test::in_child([] {
    Failures f;
    const int fds = test::count_fds();
    const int maps = test::count_mappings();
    // 4096 entries: 132 KiB of rings (the first mmap), 256 KiB of SQEs (the
    // second). Room for neither, then room for the rings only.
    const size_t rings = 132 * 1024;
    for (const size_t room : {size_t{16 * 1024}, rings + 32 * 1024}) {
      const size_t now = address_space();
      f.expect(set_soft_limit(RLIMIT_AS, static_cast<rlim_t>(now + room)), "setrlimit");
      auto r = Ring::queue_init(4096);
      auto s = StaticRing<0>::queue_init(4096);
      f.expect(set_soft_limit(RLIMIT_AS, RLIM_INFINITY), "restoring RLIMIT_AS");
      f.expect(test::error_of(r) == Errno::enomem,
               "room " + std::to_string(room) + ": " + error_text(r) + ", want ENOMEM");
      f.expect(test::error_of(s) == Errno::enomem,
               "StaticRing, room " + std::to_string(room) + ": " + error_text(s));
    }
    f.expect(test::count_fds() == fds, "fds leaked");
    f.expect(test::count_mappings() == maps, "mappings leaked");
    auto ring = Ring::queue_init(4096);
    f.expect(ring.ok(), "with the limit lifted: " + error_text(ring));
    if (ring.ok()) f.lines += round_trip(ring.value(), 1, 64);
    return f.lines;
  }));
}

// ---------------------------------------------------------------------------
// seccomp

TEST_CASE("provoke: a seccomp filter denying io_uring_setup gives EPERM") {
  if (const char* why = test::io_uring_unavailable()) FRING_SKIP(why);
  CHECK_CHILD(test::in_child([] {
    Failures f;
    const int fds = test::count_fds();
    const int maps = test::count_mappings();
    f.expect(test::deny_syscall(sys::nr::uring_setup, EPERM), "installing the filter");
    auto r = Ring::queue_init(8);
    f.expect(test::error_of(r) == Errno::eperm, "queue_init: " + error_text(r) + ", want EPERM");
    const char* why = test::io_uring_unavailable();
    f.expect(why != nullptr && std::strstr(why, "io_uring disabled") != nullptr,
             "the reason should name io_uring disabled");
    f.expect(test::count_fds() == fds, "fds leaked");
    f.expect(test::count_mappings() == maps, "mappings leaked");
    return f.lines;
  }));
  // A sandbox that pretends io_uring does not exist.
  CHECK_CHILD(test::in_child([] {
    Failures f;
    f.expect(test::deny_syscall(sys::nr::uring_setup, ENOSYS), "installing the filter");
    auto r = StaticRing<0>::queue_init(8);
    f.expect(test::error_of(r) == Errno::enosys, "queue_init: " + error_text(r) + ", want ENOSYS");
    return f.lines;
  }));
}

TEST_CASE("provoke: a seccomp filter denying io_uring_enter: EPERM, the SQEs stay queued") {
  if (const char* why = test::io_uring_unavailable()) FRING_SKIP(why);
  CHECK_CHILD(test::in_child([] {
    Failures f;
    auto r = Ring::queue_init(8);
    f.expect(r.ok(), "set-up: " + error_text(r));
    if (!r.ok()) return f.lines;
    Ring& ring = r.value();
    f.lines += round_trip(ring, 1, 8);
    f.expect(test::deny_syscall(sys::nr::uring_enter, EPERM), "installing the filter");
    for (unsigned i = 0; i < 3; ++i) prep_nop(*ring.get_sqe());
    auto s = ring.submit();
    f.expect(test::error_of(s) == Errno::eperm, "submit: " + error_text(s) + ", want EPERM");
    f.expect(ring.sq_ready() == 3, "the three SQEs should still be queued");
    auto w = ring.wait_cqe();
    f.expect(test::error_of(w) == Errno::eperm, "wait_cqe: " + error_text(w) + ", want EPERM");
    // Registration is a syscall of its own, still allowed.
    auto probe = get_probe_ring(ring);
    f.expect(probe.ok(), "get_probe: " + error_text(probe));
    return f.lines;
  }));
}

// ---------------------------------------------------------------------------
// Signals

namespace {

std::atomic<int> g_signals{0};

void count_signal(int) { g_signals.fetch_add(1, std::memory_order_relaxed); }

// Calls `wait()` while another thread sends this one SIGUSR1 (handled with
// sigaction flags `sa_flags`) every millisecond, until the wait returns or
// 500 were sent; then that thread writes a byte to `write_fd`.
template <class Wait>
auto wait_under_signals(int sa_flags, int write_fd, Wait wait) -> decltype(wait()) {
  struct sigaction sa {};
  struct sigaction old {};
  sa.sa_handler = count_signal;
  sa.sa_flags = sa_flags;
  sigemptyset(&sa.sa_mask);
  REQUIRE(sigaction(SIGUSR1, &sa, &old) == 0);
  g_signals = 0;
  std::atomic<bool> done{false};
  const pthread_t waiter = pthread_self();
  std::thread signaller([&] {
    for (int i = 0; i < 500 && !done.load(); ++i) {
      pthread_kill(waiter, SIGUSR1);
      usleep(1000);
    }
    CHECK(write(write_fd, "x", 1) == 1);
  });
  auto result = wait();
  done = true;
  signaller.join();  // every signal it sent is handled by now
  sigaction(SIGUSR1, &old, nullptr);
  return result;
}

// A read of one byte from a pipe, submitted and pending, interrupted in
// wait_cqe() by signals with `sa_flags`: io_uring_enter is never restarted
// (it returns EINTR, SA_RESTART or not), and the read completes once.
void interrupted_wait(int sa_flags) {
  FRING_RING(ring, 4);
  int p[2];
  REQUIRE(pipe2(p, O_CLOEXEC) == 0);
  char byte = 0;
  Sqe* sqe = ring.get_sqe();
  prep_read(*sqe, p[0], &byte, 1, 0);
  sqe_set_data64(*sqe, 42);
  test::submit(ring, 1);
  auto first = wait_under_signals(sa_flags, p[1], [&] { return ring.wait_cqe(); });
  CHECK(g_signals.load() >= 1);
  CHECK(test::error_of(first) == Errno::eintr);
  const Cqe cqe = test::reap(ring);
  CHECK(cqe.user_data == 42);
  CHECK(cqe.res == 1);
  CHECK(byte == 'x');
  CHECK(ring.cq_ready() == 0);
  CHECK(test::error_of(ring.peek_cqe()) == Errno::eagain);

  // submit_and_wait: the kernel submits first, so a signal during the wait
  // reports the submission, not EINTR; the read is neither lost nor doubled.
  sqe = ring.get_sqe();
  prep_read(*sqe, p[0], &byte, 1, 0);
  sqe_set_data64(*sqe, 43);
  auto submitted = wait_under_signals(sa_flags, p[1], [&] { return ring.submit_and_wait(1); });
  REQUIRE_MESSAGE(submitted.ok(), "submit_and_wait: ", test::error_name(submitted));
  if (!test::sqpoll(ring)) {  // an SQPOLL thread takes the SQE in its own time
    CHECK(submitted.value() == 1);
    CHECK(ring.sq_ready() == 0);
  }
  const Cqe second = test::reap(ring);
  CHECK(second.user_data == 43);
  CHECK(second.res == 1);
  CHECK(test::error_of(ring.peek_cqe()) == Errno::eagain);
  close(p[0]);
  close(p[1]);
}

}  // namespace

TEST_CASE("provoke: a signal interrupts a wait (handler without SA_RESTART)") {
  interrupted_wait(0);
}

TEST_CASE("provoke: a signal interrupts a wait (handler with SA_RESTART)") {
  interrupted_wait(SA_RESTART);
}

// ---------------------------------------------------------------------------
// CQ overflow

namespace {

// 10^4 NOPs through a ring with a 2-entry CQ, submitted two at a time; every
// `reap_every` batches one CQE is reaped (0: none until the end). On
// feat::nodrop kernels the rest wait in the kernel's overflow backlog
// and reach the CQ as it drains: each comes back once, in order.
template <class R>
void overflow_then_flush(R& ring, unsigned reap_every) {
  constexpr unsigned kTotal = 10000;
  REQUIRE(ring.cq().ring_entries == 2);
  REQUIRE(ring.sq().ring_entries == 2);
  std::vector<uint64_t> seen;
  seen.reserve(kTotal);
  auto reap_one = [&] {
    auto cqe = ring.wait_cqe();
    REQUIRE_MESSAGE(cqe.ok(), "wait_cqe: ", test::error_name(cqe));
    CHECK(cqe.value()->res == 0);
    seen.push_back(cqe.value()->user_data);
    ring.cqe_seen(cqe.value());
  };
  for (unsigned i = 0, batch = 0; i < kTotal; i += 2, ++batch) {
    for (unsigned j = 0; j < 2; ++j) {
      Sqe* sqe = ring.get_sqe();
      REQUIRE(sqe != nullptr);
      prep_nop(*sqe);
      sqe_set_data64(*sqe, i + j);
    }
    REQUIRE(test::must(ring.submit()) == 2);
    if (reap_every != 0 && batch % reap_every == 0) reap_one();
  }
  CHECK(ring.cq_ready() == 2);
  CHECK(ring.cq_has_overflow());
  while (seen.size() < kTotal) reap_one();
  CHECK(*ring.cq().koverflow == 0);  // nothing dropped
  CHECK_FALSE(ring.cq_has_overflow());
  CHECK(test::error_of(ring.peek_cqe()) == Errno::eagain);
  REQUIRE(seen.size() == kTotal);
  unsigned out_of_place = 0;
  for (unsigned i = 0; i < kTotal; ++i) out_of_place += seen[i] != i;
  CHECK(out_of_place == 0);
}

template <class R>
Result<R> two_entry_cq() {
  Params p{};
  p.flags = setup::cqsize;
  p.cq_entries = 2;
  return R::queue_init_params(2, p);
}

}  // namespace

TEST_CASE("provoke: a 2-entry CQ takes 10^4 NOPs: overflow, flush, each once in order") {
  if (const char* why = test::io_uring_unavailable()) FRING_SKIP(why);
  Ring ring = test::must(two_entry_cq<Ring>());
  if (!(ring.features() & feat::nodrop)) {
    // The older path: CQEs that do not fit are dropped and counted.
    for (uint64_t i = 0; i < 10; ++i) {
      prep_nop(*ring.get_sqe());
      REQUIRE(test::must(ring.submit()) == 1);
    }
    CHECK(ring.cq_ready() == 2);
    CHECK(*ring.cq().koverflow == 8);
    FRING_SKIP("kernel lacks feat::nodrop (Linux 5.5): overflowing CQEs are dropped");
  }
  overflow_then_flush(ring, 0);
  overflow_then_flush(ring, 3);
  StaticRing<0> fixed = test::must(two_entry_cq<StaticRing<0>>());
  overflow_then_flush(fixed, 0);
  overflow_then_flush(fixed, 5);
}

// ---------------------------------------------------------------------------
// kernel.io_uring_disabled

namespace {

constexpr const char* kDisabled = "/proc/sys/kernel/io_uring_disabled";

bool write_sysctl(const char* path, int value) {
  FILE* f = fopen(path, "w");
  if (f == nullptr) return false;
  const bool ok = fprintf(f, "%d\n", value) > 0;
  return fclose(f) == 0 && ok;
}

int read_sysctl(const char* path) {
  FILE* f = fopen(path, "r");
  if (f == nullptr) return -1;
  int value = -1;
  if (fscanf(f, "%d", &value) != 1) value = -1;
  fclose(f);
  return value;
}

// Sets kernel.io_uring_disabled for the scope and puts the old value back.
class DisabledFor {
 public:
  explicit DisabledFor(int value) : old_(read_sysctl(kDisabled)) {
    REQUIRE(write_sysctl(kDisabled, value));
  }
  ~DisabledFor() { write_sysctl(kDisabled, old_); }
  DisabledFor(const DisabledFor&) = delete;
  DisabledFor& operator=(const DisabledFor&) = delete;

 private:
  int old_;
};

}  // namespace

TEST_CASE("provoke: kernel.io_uring_disabled=2: EPERM, named as io_uring disabled") {
  if (const char* why = test::io_uring_unavailable()) FRING_SKIP(why);
  if (!test::vm::is_init()) {
    FRING_SKIP(
        "sets kernel.io_uring_disabled: only as /init of a VM guest (a shared host keeps it)");
  }
  if (access(kDisabled, F_OK) != 0) FRING_SKIP("kernel lacks kernel.io_uring_disabled (Linux 6.6)");
  const int before = read_sysctl(kDisabled);
  Ring existing = test::must(Ring::queue_init(8));
  {
    DisabledFor off(2);
    auto r = Ring::queue_init(8);
    CHECK(test::error_of(r) == Errno::eperm);
    const char* why = test::io_uring_unavailable();
    REQUIRE(why != nullptr);
    CHECK(std::string(why) == "io_uring disabled (EPERM)");
    // Only new rings are refused: one set up before keeps working.
    test::nop_round_trip(existing, 1);
  }
  {
    // 1: only CAP_SYS_ADMIN or kernel.io_uring_group may set up rings.
    DisabledFor some(1);
    CHECK(Ring::queue_init(8).ok());  // as root
    CHECK_CHILD(test::in_child([] {
      Failures f;
      f.expect(test::drop_capability(CAP_SYS_ADMIN), "dropping CAP_SYS_ADMIN");
      auto r = Ring::queue_init(8);
      f.expect(test::error_of(r) == Errno::eperm, "without CAP_SYS_ADMIN: " + error_text(r));
      return f.lines;
    }));
  }
  CHECK(read_sysctl(kDisabled) == before);
  CHECK(test::io_uring_unavailable() == nullptr);
  test::nop_round_trip(existing, 2);
}

}  // namespace fring
