// SPDX-License-Identifier: MIT
// Harness self-test: every check passes, but a WARNING line lands in the
// kernel log (written through /dev/kmsg, the way a kernel WARN_ON would show).
// The VM runner must still report the run as failed.
#include <fcntl.h>
#include <unistd.h>

#include <cstring>

#include "tests/support/fring_test.h"

TEST_CASE("passes but logs a kernel warning") {
  const int fd = open("/dev/kmsg", O_WRONLY | O_CLOEXEC);
  REQUIRE(fd >= 0);
  const char line[] = "<4>WARNING: fring harness self-test\n";
  CHECK(write(fd, line, strlen(line)) == static_cast<ssize_t>(strlen(line)));
  close(fd);
}
