// SPDX-License-Identifier: MIT
#include "tests/support/leaks.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/support/fring_test.h"

namespace fring::test {

int count_fds() {
  int n = 0;
  DIR* d = opendir("/proc/self/fd");
  REQUIRE(d != nullptr);
  while (readdir(d) != nullptr) ++n;
  closedir(d);
  return n;
}

namespace {

#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define FRING_TEST_SANITIZER_MAPS 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define FRING_TEST_SANITIZER_MAPS 1
#endif

// Whether a /proc/self/maps line is one count_mappings() counts.
bool counted(const char* line) {
#ifdef FRING_TEST_SANITIZER_MAPS
  return strstr(line, "anon_inode:[io_uring]") != nullptr;
#else
  (void)line;
  return true;
#endif
}

}  // namespace

int count_mappings() {
  int n = 0;
  FILE* f = fopen("/proc/self/maps", "r");
  REQUIRE(f != nullptr);
  char* line = nullptr;
  size_t cap = 0;
  while (getline(&line, &cap, f) > 0) n += counted(line);
  free(line);
  fclose(f);
  return n;
}

}  // namespace fring::test
