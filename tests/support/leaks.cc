// SPDX-License-Identifier: MIT
#include "tests/support/leaks.h"

#include <dirent.h>
#include <stdio.h>

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

int count_mappings() {
  int n = 0;
  FILE* f = fopen("/proc/self/maps", "r");
  REQUIRE(f != nullptr);
  for (int c; (c = fgetc(f)) != EOF;) n += c == '\n';
  fclose(f);
  return n;
}

}  // namespace fring::test
