// SPDX-License-Identifier: MIT
// 4 KiB random reads from a page-cached file on a local disk filesystem
// (ext4 here; tmpfs is refused: its reads go through io-wq workers and
// measure something else), at queue depths 32 and 128, with the file and
// the buffers registered (READ_FIXED): fring against liburing, interleaved
// on one pinned CPU. Creates the file once (each block starts with its
// number), reads it all into the page cache, and reports how much is there.
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <algorithm>
#include <string>
#include <vector>

#include "bench/harness.h"
#include "bench/read.h"

namespace {

using namespace bench;

constexpr char kUsage[] =
    "usage: read_bench [--file=PATH] [--size-mib=N] [--ops=N] [--rounds=N] [--qds=32,128]\n"
    "                  [--modes=plain,defer] [--impls=all|fring,liburing] [--cpu=N]\n"
    "  --file      the file to read, created if missing or of another size (default\n"
    "              $FRING_BENCH_DIR or ~/.cache/fring/bench, read-<size>MiB.dat); it must\n"
    "              be on a disk filesystem (ext4), not tmpfs\n"
    "  --size-mib  its size (default 256)\n"
    "  --ops       reads per cell and round (default 200000)\n"
    "  --rounds    rounds (default 5)\n";

constexpr long kTmpfsMagic = 0x01021994, kExt4Magic = 0xEF53;

std::string default_file(unsigned long mib) {
  std::string dir;
  if (const char* d = getenv("FRING_BENCH_DIR"); d != nullptr && *d != '\0') {
    dir = d;
  } else {
    const char* home = getenv("HOME");
    dir = std::string(home != nullptr ? home : "/tmp") + "/.cache/fring/bench";
  }
  std::string partial;
  for (size_t i = 0; i <= dir.size(); ++i) {  // mkdir -p
    if (i == dir.size() || (dir[i] == '/' && i > 0)) {
      partial = dir.substr(0, i);
      if (mkdir(partial.c_str(), 0755) != 0 && errno != EEXIST) {
        die("mkdir %s: %s", partial.c_str(), strerror(errno));
      }
    }
  }
  return dir + "/read-" + std::to_string(mib) + "MiB.dat";
}

// Writes the file unless it exists with the right size: block i starts
// with the 8 bytes of i. Written under a temporary name, then renamed.
void create_file(const std::string& path, uint64_t blocks) {
  struct stat st;
  if (stat(path.c_str(), &st) == 0 && static_cast<uint64_t>(st.st_size) == blocks * kBlock) return;
  const std::string tmp = path + ".tmp";
  const int fd = open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0) die("create %s: %s", tmp.c_str(), strerror(errno));
  std::vector<char> chunk(256 * kBlock, 'x');
  for (uint64_t b = 0; b < blocks;) {
    const uint64_t n = std::min<uint64_t>(256, blocks - b);
    for (uint64_t i = 0; i < n; ++i) {
      const uint64_t id = b + i;
      memcpy(&chunk[i * kBlock], &id, sizeof(id));
    }
    if (write(fd, chunk.data(), n * kBlock) != static_cast<ssize_t>(n * kBlock)) {
      die("write %s: %s", tmp.c_str(), strerror(errno));
    }
    b += n;
  }
  if (close(fd) != 0 || rename(tmp.c_str(), path.c_str()) != 0) {
    die("finish %s: %s", path.c_str(), strerror(errno));
  }
}

// Reads the whole file (bringing it into the page cache) and returns the
// fraction of its pages resident afterwards (mincore).
double warm_page_cache(int fd, uint64_t size) {
  std::vector<char> chunk(1 << 20);
  for (uint64_t off = 0; off < size; off += chunk.size()) {
    if (pread(fd, chunk.data(), chunk.size(), static_cast<off_t>(off)) < 0) {
      die("pread: %s", strerror(errno));
    }
  }
  void* map = mmap(nullptr, size, PROT_READ, MAP_SHARED, fd, 0);
  if (map == MAP_FAILED) die("mmap: %s", strerror(errno));
  const long page = sysconf(_SC_PAGESIZE);
  std::vector<unsigned char> vec((size + static_cast<uint64_t>(page) - 1) /
                                 static_cast<uint64_t>(page));
  if (mincore(map, size, vec.data()) != 0) die("mincore: %s", strerror(errno));
  munmap(map, size);
  size_t resident = 0;
  for (unsigned char v : vec) resident += v & 1;
  return static_cast<double>(resident) / static_cast<double>(vec.size());
}

}  // namespace

namespace bench {

void check_read(const char* impl, int res, const char* buf, uint64_t block) {
  if (res != static_cast<int>(kBlock)) failed(impl, "read res", res);
  uint64_t got;
  memcpy(&got, buf, sizeof(got));
  if (got != block) failed(impl, "read the wrong block", static_cast<long>(got));
}

}  // namespace bench

int main(int argc, char** argv) {
  const Flags flags(argc, argv);
  flags.check({"file", "size-mib", "ops", "rounds", "qds", "modes", "impls", "cpu", "help"},
              kUsage);
  const unsigned long mib = flags.num("size-mib", 256);
  const unsigned long ops = flags.num("ops", 200000);
  const unsigned rounds = static_cast<unsigned>(flags.num("rounds", 5));
  const std::vector<unsigned> qds = flags.nums("qds", "32,128");
  std::vector<Mode> modes;
  for (const std::string& m : flags.list("modes", "plain,defer")) {
    if (m != "plain" && m != "defer") die("unknown mode '%s'", m.c_str());
    modes.push_back(m == "plain" ? Mode::plain : Mode::defer);
  }
  std::vector<ReadImpl> all = fring_read_impls();
  all.push_back(liburing_read_impl());
  const std::vector<ReadImpl> impls = select_impls(all, flags.list("impls", "all"));
  const std::string path = flags.has("file") ? flags.str("file", "") : default_file(mib);
  if (mib == 0) die("--size-mib must be positive");
  const uint64_t blocks = mib * (1 << 20) / kBlock;

  create_file(path, blocks);
  const int fd = open(path.c_str(), O_RDONLY);
  if (fd < 0) die("open %s: %s", path.c_str(), strerror(errno));
  struct statfs fs;
  if (fstatfs(fd, &fs) != 0) die("fstatfs: %s", strerror(errno));
  if (fs.f_type == kTmpfsMagic) {
    die("%s is on tmpfs, whose reads go through io-wq workers: use a disk filesystem (--file)",
        path.c_str());
  }
  const double cached = warm_page_cache(fd, blocks * kBlock);
  const int cpu = pin_to_cpu(flags.has("cpu") ? static_cast<int>(flags.num("cpu", 0)) : -1);

  // One ring and QD buffers per implementation, mode and queue depth.
  struct Open {
    const ReadImpl* impl;
    void* ctx;
    char* bufs;
  };
  std::vector<Open> opened;
  std::vector<std::vector<Job>> groups;
  for (Mode mode : modes) {
    for (unsigned qd : qds) {
      std::vector<Job> group;
      for (const ReadImpl& impl : impls) {
        char* bufs = static_cast<char*>(aligned_alloc(kBlock, size_t{qd} * kBlock));
        if (bufs == nullptr) die("out of memory");
        void* ctx = impl.open(mode, fd, qd, bufs);
        opened.push_back(Open{&impl, ctx, bufs});
        // Every implementation reads the same block sequence in a round.
        group.push_back(
            Job{impl.name,
                [&impl, ctx, blocks, seed = uint64_t{0x9e3779b97f4a7c15}](unsigned long n) mutable {
                  impl.run(ctx, n, blocks, seed);
                  return n;
                },
                {}});
      }
      groups.push_back(group);
    }
  }
  const std::vector<Round> done = run_rounds(groups, rounds, ops);

  print_preamble("4 KiB random reads from a page-cached file: ops/s", cpu);
  printf(
      "%s: %lu MiB on %s, %.1f%% of it in the page cache before the run; READ_FIXED\n"
      "of a registered file into registered buffers, QD reads kept in flight, %lu reads\n"
      "per cell and round, %u rounds, interleaved; medians over clean samples.\n\n",
      path.c_str(), mib,
      fs.f_type == kExt4Magic ? "ext4"
                              : fmt("filesystem 0x%lx", static_cast<long>(fs.f_type)).c_str(),
      cached * 100, ops, rounds);
  std::vector<std::vector<std::string>> keys;
  for (size_t g = 0; g < groups.size(); ++g) {
    keys.push_back({mode_name(modes[g / qds.size()]), fmt("%u", qds[g % qds.size()])});
  }
  print_results({"mode", "QD"}, keys, groups, Figure::per_second, "ops/s", true, rounds);
  printf("### Read rounds\n\n");
  print_rounds(done);

  for (const Open& o : opened) {
    o.impl->close(o.ctx);
    free(o.bufs);
  }
  close(fd);
  return 0;
}
