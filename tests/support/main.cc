// SPDX-License-Identifier: MIT
// The main() of every fring test binary: runs doctest with a listener that
// counts passed, failed and skipped test cases (with reasons), fails a test
// that passed without a single assertion, and prints one summary line:
//   fring-test: N passed, N failed, N skipped
// which .ci/run and the VM runner add up. As /init in a VM it also sets up
// the machine first and powers it off at the end (vm_init.h).
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <map>
#include <string>

#include "tests/support/fring_test.h"
#include "tests/support/vm_init.h"

namespace fring::test {
namespace {

struct State {
  const char* skip_reason = nullptr;  // set by mark_skipped() in the running test
  unsigned passed = 0;
  unsigned failed = 0;
  unsigned skipped = 0;
  std::map<std::string, unsigned> reasons;  // skip reason -> count
};

State& state() {
  static State s;
  return s;
}

class Listener : public doctest::IReporter {
 public:
  explicit Listener(const doctest::ContextOptions&) {}

  void report_query(const doctest::QueryData&) override {}
  void test_run_start() override {}
  void test_case_start(const doctest::TestCaseData& tc) override {
    name_ = tc.m_name;
    state().skip_reason = nullptr;
  }
  void test_case_reenter(const doctest::TestCaseData&) override {}
  void test_case_end(const doctest::CurrentTestCaseStats& st) override {
    State& s = state();
    if (!st.testCaseSuccess) {
      ++s.failed;
    } else if (s.skip_reason != nullptr) {
      ++s.skipped;
      ++s.reasons[s.skip_reason];
      printf("fring-test: skip: %s: %s\n", name_.c_str(), s.skip_reason);
    } else if (st.numAssertsCurrentTest == 0) {
      ++s.failed;
      printf("fring-test: FAILED: %s: passed without asserting anything\n", name_.c_str());
    } else {
      ++s.passed;
    }
  }
  void test_case_exception(const doctest::TestCaseException&) override {}
  void subcase_start(const doctest::SubcaseSignature&) override {}
  void subcase_end() override {}
  void log_assert(const doctest::AssertData&) override {}
  void log_message(const doctest::MessageData&) override {}
  void test_case_skipped(const doctest::TestCaseData&) override {}
  void test_run_end(const doctest::TestRunStats&) override {
    const State& s = state();
    for (const auto& [reason, count] : s.reasons) {
      printf("fring-test: skip-reason: %u x %s\n", count, reason.c_str());
    }
    printf("fring-test: %u passed, %u failed, %u skipped\n", s.passed, s.failed, s.skipped);
    fflush(stdout);
  }

 private:
  std::string name_;
};

REGISTER_LISTENER("fring", 1, Listener);

}  // namespace

void mark_skipped(const char* reason) { state().skip_reason = reason; }

const char* setup_skip_reason(Errno e) {
  if (e == Errno::enosys) {
    return getenv("FRING_QEMU_USER") != nullptr ? "io_uring unavailable (qemu-user)"
                                                : "io_uring unavailable (ENOSYS)";
  }
  if (e == Errno::eperm) return "io_uring disabled (EPERM)";
  return nullptr;
}

namespace {

// What io_uring_setup of a 1-entry ring answers here: 0, or the Errno.
Errno setup_error() {
  Params p{};
  const long fd = sys::io_uring_setup(1, &p);
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
  context.applyCommandLine(argc, argv);
  if (init) context.setOption("no-colors", true);  // the console is a serial line
  int rc = context.run();
  if (!context.shouldExit()) rc = rc != 0 || fring::test::state().failed != 0 ? 1 : 0;
  if (init) vm::finish(rc);
  return rc;
}
