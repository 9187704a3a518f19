// SPDX-License-Identifier: MIT
// The seed corpus of the completion fuzzer (tests/fuzz/corpus/cqe) as a
// regression test: every input runs through the fuzz target in each
// configuration the suite is built in (gcc, the sanitizers, aarch64 under
// qemu-user), without libFuzzer. An invariant that fails aborts the test.
#include <dirent.h>
#include <stdio.h>

#include <string>
#include <vector>

#include "tests/support/fring_test.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

// The corpus folder in the test's runfiles (the working directory of a test).
constexpr const char* kCorpus = "tests/fuzz/corpus/cqe";

std::vector<uint8_t> read_file(const std::string& path) {
  std::vector<uint8_t> data;
  FILE* f = fopen(path.c_str(), "rb");
  REQUIRE_MESSAGE(f != nullptr, "cannot open ", path);
  uint8_t buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof(buf), f)) > 0) data.insert(data.end(), buf, buf + n);
  fclose(f);
  return data;
}

}  // namespace

TEST_CASE("every input of the completion fuzzer's seed corpus runs clean") {
  DIR* dir = opendir(kCorpus);
  REQUIRE_MESSAGE(dir != nullptr, "no corpus at ", kCorpus);
  std::vector<std::string> names;
  while (const dirent* e = readdir(dir)) {
    if (e->d_name[0] != '.') names.push_back(e->d_name);
  }
  closedir(dir);
  for (const std::string& name : names) {
    const std::vector<uint8_t> input = read_file(std::string(kCorpus) + "/" + name);
    CHECK(LLVMFuzzerTestOneInput(input.data(), input.size()) == 0);
  }
  MESSAGE(names.size(), " inputs replayed");
  CHECK(names.size() >= 44);  // the hand-written seeds at least
}
