// SPDX-License-Identifier: MIT
#include "tests/support/child.h"

#include <fcntl.h>
#include <linux/capability.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>

namespace fring::test {

ChildResult in_child(const std::function<std::string()>& body) {
  int pipefd[2];
  if (pipe2(pipefd, O_CLOEXEC) != 0) return ChildResult{-1, "pipe2 failed\n"};
  const pid_t pid = fork();
  if (pid < 0) {
    close(pipefd[0]);
    close(pipefd[1]);
    return ChildResult{-1, "fork failed\n"};
  }
  if (pid == 0) {
    close(pipefd[0]);
    std::string report;
    try {
      report = body();
    } catch (...) {
      // A doctest REQUIRE failing in the child throws: it must end here,
      // not unwind into a second copy of the test run.
      report = "a REQUIRE failed in the child (its message is lost)\n";
    }
    size_t done = 0;
    while (done < report.size()) {
      const ssize_t n = write(pipefd[1], report.data() + done, report.size() - done);
      if (n <= 0) break;
      done += static_cast<size_t>(n);
    }
    _exit(report.empty() ? 0 : 1);
  }
  close(pipefd[1]);
  ChildResult result{0, std::string()};
  char buf[512];
  for (ssize_t n; (n = read(pipefd[0], buf, sizeof(buf))) != 0;) {
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) break;
    result.report.append(buf, static_cast<size_t>(n));
  }
  close(pipefd[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

bool drop_capability(int cap) {
  __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
  __user_cap_data_struct data[2] = {};
  if (syscall(SYS_capget, &header, data) != 0) return false;
  const unsigned word = static_cast<unsigned>(cap) / 32;
  const unsigned bit = 1U << (static_cast<unsigned>(cap) % 32);
  data[word].effective &= ~bit;
  data[word].permitted &= ~bit;
  data[word].inheritable &= ~bit;
  return syscall(SYS_capset, &header, data) == 0;
}

}  // namespace fring::test
