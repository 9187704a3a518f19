// SPDX-License-Identifier: MIT
// Running part of a test in a forked child, for provocations that must not
// touch the test process: resource limits, seccomp filters, dropped
// capabilities, use of a ring from another task. The child reports through
// a pipe and its exit status; doctest assertions made in it are lost.
#ifndef FRING_TESTS_SUPPORT_CHILD_H
#define FRING_TESTS_SUPPORT_CHILD_H

#include <functional>
#include <string>

namespace fring::test {

/// What a child left behind: `report` holds the failures it wrote (empty
/// when everything held); `status` is its exit status, or 128 + the signal
/// that ended it.
struct ChildResult {
  int status;
  std::string report;
  bool ok() const { return status == 0 && report.empty(); }
};

/// Runs `body` in a forked child and waits for it. `body` returns what went
/// wrong, one line per failure ("" when everything held); the child then
/// exits at once with _exit(), running no destructor and no atexit handler.
/// A doctest REQUIRE failing in `body` ends the child as a failure too.
ChildResult in_child(const std::function<std::string()>& body);

/// Collects failures inside a child: expect() adds `what` when `ok` is false.
struct Failures {
  std::string lines;
  void expect(bool ok, const std::string& what) {
    if (!ok) lines += what + "\n";
  }
};

/// Drops capability `cap` (CAP_*) from this process's effective, permitted
/// and inheritable sets; false when the kernel refused. For use in a child.
bool drop_capability(int cap);

}  // namespace fring::test

#endif  // FRING_TESTS_SUPPORT_CHILD_H
