// SPDX-License-Identifier: MIT
#include "tests/support/files.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

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

TempDir::TempDir() {
  std::string tmpl = std::string(tmp_dir()) + "/fring_dir_XXXXXX";
  REQUIRE(mkdtemp(tmpl.data()) != nullptr);
  dir = tmpl;
  fd = open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  REQUIRE(fd >= 0);
}

TempDir::~TempDir() {
  close(fd);
  std::error_code ignored;
  std::filesystem::remove_all(dir, ignored);
}

std::string TempDir::path(const char* name) const { return dir + "/" + name; }

void write_file(const std::string& path, const std::string& data) {
  const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  REQUIRE(fd >= 0);
  REQUIRE(write(fd, data.data(), data.size()) == static_cast<ssize_t>(data.size()));
  close(fd);
}

std::string read_fd(int fd) {
  char buf[256];
  const ssize_t n = pread(fd, buf, sizeof(buf), 0);
  REQUIRE(n >= 0);
  return std::string(buf, static_cast<size_t>(n));
}

std::string read_file(const std::string& path) {
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return "<missing>";
  std::string s = read_fd(fd);
  close(fd);
  return s;
}

bool exists(const std::string& path) {
  struct stat st;
  return lstat(path.c_str(), &st) == 0;
}

off_t file_size(int fd) {
  struct stat st;
  REQUIRE(fstat(fd, &st) == 0);
  return st.st_size;
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
