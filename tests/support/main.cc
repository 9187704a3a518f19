// SPDX-License-Identifier: MIT
// The main() of every fring test binary. It runs doctest once per shape x
// mode combination (matrix.h): the first pass runs every test case and
// notes which ones drive rings (FRING_RING); the other passes repeat only
// those. A listener counts passed, failed and skipped test cases (with
// reasons) per combination, fails a test that passed without a single
// assertion, tracks the "Zig N: ..." conformance cases, and prints:
//   fring-test: combo SHAPE/MODE: N passed, N failed, N skipped   (each pass)
//   fring-test: ring-free: N passed, N failed, N skipped          (no ring)
//   fring-test: zig N passed|skipped: REASON|FAILED              (each row)
//   fring-test: N passed, N failed, N skipped                     (last line)
// and, to show where a run's time goes, each pass's time and every test case
// that took a second or more. A binary with ring tests fails when io_uring is
// unavailable, unless it runs under qemu-user (FRING_QEMU_USER).
// which tools/matrix, .ci/run and the VM runner read. FRING_COMBOS (a comma
// list of SHAPE/MODE names) limits the passes. As /init in a VM it also sets
// up the machine first and powers it off at the end (vm_init.h).
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "tests/support/fring_test.h"
#include "tests/support/vm_init.h"

namespace fring::test {
namespace {

struct Counts {
  unsigned passed = 0;
  unsigned failed = 0;
  unsigned skipped = 0;
};

// One conformance row across every combination it ran in.
struct ZigRow {
  Counts counts;
  const char* reason = nullptr;  // the first skip reason
};

struct State {
  const char* skip_reason = nullptr;  // set by mark_skipped() in the running test
  bool ring_test = false;             // set by note_ring_test() in the running test
  Counts total;
  Counts ring_free;
  Counts combos[kComboCount];
  std::map<std::string, unsigned> reasons;  // skip reason -> count
  std::set<const doctest::TestCaseData*> ring_tests;
  std::map<unsigned, ZigRow> zig;
};

State& state() {
  static State s;
  return s;
}

double seconds_since(const timespec& start) {
  timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return static_cast<double>(now.tv_sec - start.tv_sec) +
         static_cast<double>(now.tv_nsec - start.tv_nsec) / 1e9;
}

// The row number of a test named "Zig N: ...", or 0.
unsigned zig_row(const char* name) {
  if (strncmp(name, "Zig ", 4) != 0) return 0;
  char* end;
  const unsigned long n = strtoul(name + 4, &end, 10);
  return end != name + 4 && *end == ':' ? static_cast<unsigned>(n) : 0;
}

void print_counts(const char* label, const Counts& c) {
  printf("fring-test: %s%u passed, %u failed, %u skipped\n", label, c.passed, c.failed, c.skipped);
}

class Listener : public doctest::IReporter {
 public:
  explicit Listener(const doctest::ContextOptions&) {}

  void report_query(const doctest::QueryData&) override {}
  void test_run_start() override {}
  void test_case_start(const doctest::TestCaseData& tc) override {
    test_ = &tc;
    clock_gettime(CLOCK_MONOTONIC, &start_);
    state().skip_reason = nullptr;
    state().ring_test = false;
  }
  void test_case_reenter(const doctest::TestCaseData&) override {}
  void test_case_end(const doctest::CurrentTestCaseStats& st) override {
    State& s = state();
    if (first_pass() && s.ring_test) s.ring_tests.insert(test_);
    Counts& bucket = s.ring_test ? s.combos[current_combo()] : s.ring_free;
    const std::string where =
        s.ring_test ? std::string("[") + combo(current_combo()).name + "] " : std::string();
    const double took = seconds_since(start_);
    if (took >= 1.0) printf("fring-test: slow: %s%s: %.1f s\n", where.c_str(), test_->m_name, took);
    const unsigned row = zig_row(test_->m_name);
    ZigRow* zig = row != 0 ? &s.zig[row] : nullptr;
    unsigned Counts::*outcome;
    if (!st.testCaseSuccess) {
      outcome = &Counts::failed;
      printf("fring-test: FAILED: %s%s\n", where.c_str(), test_->m_name);
    } else if (s.skip_reason != nullptr) {
      outcome = &Counts::skipped;
      ++s.reasons[s.skip_reason];
      if (zig != nullptr && zig->reason == nullptr) zig->reason = s.skip_reason;
      // A combination the kernel refuses is reported once, by the runner.
      if (s.skip_reason != combo_refused()) {
        printf("fring-test: skip: %s%s: %s\n", where.c_str(), test_->m_name, s.skip_reason);
      }
    } else if (st.numAssertsCurrentTest == 0) {
      outcome = &Counts::failed;
      printf("fring-test: FAILED: %s%s: passed without asserting anything\n", where.c_str(),
             test_->m_name);
    } else {
      outcome = &Counts::passed;
    }
    ++(bucket.*outcome);
    ++(s.total.*outcome);
    if (zig != nullptr) ++(zig->counts.*outcome);
  }
  void test_case_exception(const doctest::TestCaseException&) override {}
  void subcase_start(const doctest::SubcaseSignature&) override {}
  void subcase_end() override {}
  void log_assert(const doctest::AssertData&) override {}
  void log_message(const doctest::MessageData&) override {}
  void test_case_skipped(const doctest::TestCaseData&) override {}
  void test_run_end(const doctest::TestRunStats&) override {}

 private:
  const doctest::TestCaseData* test_ = nullptr;
  timespec start_{};
};

REGISTER_LISTENER("fring", 1, Listener);

// The combinations to run: all, or those FRING_COMBOS names.
std::vector<unsigned> selected_combos() {
  std::vector<unsigned> out;
  const char* env = getenv("FRING_COMBOS");
  if (env == nullptr || env[0] == '\0') {
    for (unsigned i = 0; i < kComboCount; ++i) out.push_back(i);
    return out;
  }
  std::string list = env;
  for (size_t start = 0; start <= list.size();) {
    size_t end = list.find(',', start);
    if (end == std::string::npos) end = list.size();
    const std::string name = list.substr(start, end - start);
    const int index = combo_index(name.c_str());
    if (index < 0) {
      printf("fring-test: FRING_COMBOS names no combination \"%s\"\n", name.c_str());
      ++state().total.failed;
    } else {
      out.push_back(static_cast<unsigned>(index));
    }
    start = end + 1;
  }
  return out;
}

// From the second pass on, doctest skips every test case that drove no ring.
void select_ring_tests() {
  for (const doctest::detail::TestCase& tc : doctest::detail::getRegisteredTests()) {
    if (state().ring_tests.count(&tc) == 0)
      const_cast<doctest::detail::TestCase&>(tc).m_skip = true;
  }
}

// Runs the passes and prints the report; returns the process status.
int run_matrix(doctest::Context& context) {
  State& s = state();
  const std::vector<unsigned> combos = selected_combos();
  std::vector<unsigned> ran;
  int rc = 0;
  for (size_t i = 0; i < combos.size(); ++i) {
    set_current_combo(combos[i]);
    set_first_pass(i == 0);
    if (i == 1) {
      // Nothing here drives a ring, or no ring can be had (qemu-user): the
      // other combinations would only repeat the same skips.
      if (s.ring_tests.empty() || io_uring_unavailable() != nullptr) break;
      select_ring_tests();
    }
    timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    if (context.run() != 0) rc = 1;
    if (context.shouldExit()) return rc;  // --help, --list-test-cases and the like
    ran.push_back(combos[i]);
    const char* refused = combo_refused();
    printf("fring-test: pass %s took %.1f s%s%s%s\n", combo(combos[i]).name, seconds_since(start),
           refused ? " (" : "", refused ? refused : "", refused ? ")" : "");
    fflush(stdout);
  }
  // Without io_uring every ring test skips, and a run that passes would say
  // nothing about fring: only qemu-user, which has no io_uring, may do that.
  if (!s.ring_tests.empty() && getenv("FRING_QEMU_USER") == nullptr) {
    if (const char* why = io_uring_unavailable()) {
      printf("fring-test: FAILED: no ring test could run: %s (only qemu-user may lack it)\n", why);
      ++s.total.failed;
    }
  }
  for (const auto& [reason, count] : s.reasons) {
    printf("fring-test: skip-reason: %u x %s\n", count, reason.c_str());
  }
  print_counts("ring-free: ", s.ring_free);
  for (unsigned c : ran)
    print_counts((std::string("combo ") + combo(c).name + ": ").c_str(), s.combos[c]);
  for (const auto& [row, z] : s.zig) {
    if (z.counts.failed != 0) {
      printf("fring-test: zig %u FAILED\n", row);
    } else if (z.counts.passed != 0) {
      printf("fring-test: zig %u passed\n", row);
    } else {
      printf("fring-test: zig %u skipped: %s\n", row, z.reason ? z.reason : "?");
    }
  }
  print_counts("", s.total);
  fflush(stdout);
  return rc != 0 || s.total.failed != 0 ? 1 : 0;
}

}  // namespace

void mark_skipped(const char* reason) { state().skip_reason = reason; }

void note_ring_test() { state().ring_test = true; }

const char* setup_skip_reason(Errno e) {
  if (e == Errno::enosys) {
    return getenv("FRING_QEMU_USER") != nullptr ? "io_uring unavailable (qemu-user)"
                                                : "io_uring unavailable (ENOSYS)";
  }
  if (e == Errno::eperm) return "io_uring disabled (EPERM)";
  return nullptr;
}

namespace {

// What io_uring_setup of a 1-entry ring answers here: 0, or the Errno. Not
// cached: a test may change the answer (a seccomp filter in a child). The
// probe ring has no SQ array where the kernel allows (as fring's rings): the
// first ring with one, and the last one freed, re-patch the kernel's
// io_submit_sqes (a static key, Linux 6.6+), and multi-threaded TCG can run
// the patch's transient int3 on another vCPU's SQPOLL thread (an Oops seen
// in the SMP cells while a probe ring was being freed).
Errno setup_error() {
  Params p{};
  p.flags = setup::no_sqarray;
  long fd = sys::uring_setup(1, &p);
  if (fd == -EINVAL) {  // a kernel before 6.6
    p = Params{};
    fd = sys::uring_setup(1, &p);
  }
  if (fd < 0) return static_cast<Errno>(-fd);
  sys::close(static_cast<int>(fd));
  return static_cast<Errno>(0);
}

}  // namespace

const char* io_uring_unavailable() {
  const Errno e = setup_error();
  return static_cast<int>(e) == 0 ? nullptr : setup_skip_reason(e);
}

bool io_uring_absent() { return setup_error() == Errno::enosys; }

const char* tmp_dir() {
  const char* dir = getenv("TEST_TMPDIR");
  return dir != nullptr && dir[0] != '\0' ? dir : "/tmp";
}

uint64_t env_count(const char* name, uint64_t fallback) {
  const char* text = getenv(name);
  if (text == nullptr) return fallback;
  char* end = nullptr;
  const unsigned long long value = strtoull(text, &end, 10);
  REQUIRE_MESSAGE((text[0] >= '0' && text[0] <= '9' && *end == '\0' && value > 0),
                  std::string(name), " is not a count: ", std::string(text));
  return value;
}

}  // namespace fring::test

int main(int argc, char** argv) {
  namespace vm = fring::test::vm;
  const bool init = vm::is_init();
  if (init) vm::start();
  doctest::Context context;
  context.setOption("minimal", true);  // one report per pass is ours; doctest adds failures only
  context.applyCommandLine(argc, argv);
  if (init) context.setOption("no-colors", true);  // the console is a serial line
  const int rc = fring::test::run_matrix(context);
  if (init) vm::finish(rc);
  return rc;
}
