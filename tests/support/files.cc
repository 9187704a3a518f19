// SPDX-License-Identifier: MIT
#include "tests/support/files.h"

#include <fcntl.h>
#include <unistd.h>

#include "tests/support/fring_test.h"

namespace fring::test {

std::string temp_path(const char* tag) {
  return std::string(tmp_dir()) + "/fring_" + tag + "_" + std::to_string(getpid());
}

TempFile::TempFile(const char* tag, const std::string& contents) : path(temp_path(tag)) {
  fd = open(path.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  REQUIRE(fd >= 0);
  REQUIRE(write(fd, contents.data(), contents.size()) == static_cast<ssize_t>(contents.size()));
}

TempFile::~TempFile() {
  close(fd);
  unlink(path.c_str());
}

Pipe::Pipe() { REQUIRE(pipe2(fds, O_CLOEXEC) == 0); }

Pipe::~Pipe() {
  for (int fd : fds) {
    if (fd >= 0) close(fd);
  }
}

void Pipe::close_writer() {
  if (fds[1] >= 0) close(fds[1]);
  fds[1] = -1;
}

}  // namespace fring::test
