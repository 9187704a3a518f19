// SPDX-License-Identifier: MIT
// Files, directories and pipes a test makes for itself and leaves nothing of:
// a temporary file or directory under tmp_dir(), and a pipe, closed (and
// removed) when they go out of scope; plus reading and writing whole small
// files to check what a request did to the file system.
#ifndef FRING_TESTS_SUPPORT_FILES_H
#define FRING_TESTS_SUPPORT_FILES_H

#include <sys/types.h>

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

/// A fresh directory under tmp_dir(), open as `fd` (O_DIRECTORY), removed with
/// its contents when it goes out of scope.
struct TempDir {
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  /// The path of `name` inside the directory.
  std::string path(const char* name) const;
  std::string dir;
  int fd;
};

/// Creates (or truncates) the file at `path` holding `data`.
void write_file(const std::string& path, const std::string& data);

/// Up to 256 bytes of the file `fd` refers to, from offset 0.
std::string read_fd(int fd);

/// Up to 256 bytes of the file at `path`, or "<missing>" when it cannot be
/// opened.
std::string read_file(const std::string& path);

/// True when something (a link included) exists at `path`.
bool exists(const std::string& path);

/// The size of the file `fd` refers to.
off_t file_size(int fd);

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
