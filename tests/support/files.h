// SPDX-License-Identifier: MIT
// Files and pipes a test makes for itself and leaves nothing of: a temporary
// file under tmp_dir() named after the test and this process, and a pipe,
// both closed (and the file removed) when they go out of scope.
#ifndef FRING_TESTS_SUPPORT_FILES_H
#define FRING_TESTS_SUPPORT_FILES_H

#include <string>

namespace fring::test {

/// tmp_dir()/fring_<tag>_<pid>: a path no other test process uses.
std::string temp_path(const char* tag);

/// A fresh file at temp_path(tag), open read-write (close-on-exec) as `fd`
/// and holding `contents`, closed and removed when it goes out of scope.
struct TempFile {
  explicit TempFile(const char* tag, const std::string& contents = std::string());
  ~TempFile();
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  std::string path;
  int fd;
};

/// A pipe made with pipe2(O_CLOEXEC): `fds[0]` reads, `fds[1]` writes. The
/// ends still open are closed when it goes out of scope.
struct Pipe {
  Pipe();
  ~Pipe();
  Pipe(const Pipe&) = delete;
  Pipe& operator=(const Pipe&) = delete;
  /// Closes the write end now, so that readers see end of file.
  void close_writer();
  int fds[2] = {-1, -1};
};

}  // namespace fring::test

#endif  // FRING_TESTS_SUPPORT_FILES_H
