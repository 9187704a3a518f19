// SPDX-License-Identifier: MIT
// fring::mem (the memcpy, memmove, memset and memcmp of //mem) against
// libc's as the reference: every size from 0 to 4096 bytes at every source
// and destination offset within a word, guard bytes around the destination,
// overlap both ways for move, a difference at the first, a middle and the
// last byte for compare. Built -O2 (BUILD), the form a compiler could turn
// back into calls, and run on every arch.
#include <string.h>

#include "fring/mem/mem.h"
#include "tests/support/fring_test.h"

namespace {

constexpr size_t kMax = 4096;
constexpr size_t kGuard = 32;   // bytes checked on either side of each call
constexpr size_t kShift = 128;  // the farthest move below
constexpr size_t kBuffer = kShift + kGuard + 8 + kMax + kGuard + 8 + kShift;

// Word-aligned buffers, so that offset k below is offset k within a word.
// `mine` is worked on by fring::mem, `libc` by libc's functions; after each
// call they must be equal.
alignas(64) unsigned char source[kBuffer];
alignas(64) unsigned char mine[kBuffer];
alignas(64) unsigned char libc[kBuffer];

void fill(unsigned char* buf, size_t len, unsigned seed) {
  for (size_t i = 0; i < len; ++i) {
    buf[i] = static_cast<unsigned char>((i * 7 + seed * 13 + 1) ^ (i >> 8));
  }
}

void fill_both(unsigned seed) {
  fill(mine, kBuffer, seed);
  memcpy(libc, mine, kBuffer);
}

int sign(int v) { return (v > 0) - (v < 0); }

// The first few mismatches are reported with what was called; all are counted.
struct Failures {
  unsigned count = 0;
  bool report() { return count++ < 5; }
};

}  // namespace

TEST_CASE("copy matches memcpy for every size and offset") {
  fill(source, kBuffer, 1);
  Failures failures;
  for (size_t n = 0; n <= kMax; ++n) {
    for (size_t so = 0; so < 8; ++so) {
      fill_both(2 + static_cast<unsigned>(so));
      for (size_t d_off = 0; d_off < 8; ++d_off) {
        const size_t at = kGuard + d_off;
        memcpy(libc + at, source + kGuard + so, n);
        if (fring::mem::copy(mine + at, source + kGuard + so, n) != mine + at ||
            memcmp(mine, libc, at + n + kGuard) != 0) {
          if (failures.report()) {
            FAIL_CHECK("copy: size " << n << ", source offset " << so << ", destination offset "
                                     << d_off);
          }
          memcpy(mine, libc, kBuffer);
        }
      }
    }
  }
  CHECK(failures.count == 0);
}

TEST_CASE("set matches memset for every size, offset and value") {
  Failures failures;
  for (size_t n = 0; n <= kMax; ++n) {
    fill_both(3);
    for (size_t d_off = 0; d_off < 8; ++d_off) {
      // 0, 255, and values past 255, which store their low byte.
      const int c = n % 3 == 0 ? 0 : n % 3 == 1 ? 0xff : static_cast<int>(0x100 + n + d_off);
      const size_t at = kGuard + d_off;
      memset(libc + at, c, n);
      if (fring::mem::set(mine + at, c, n) != mine + at ||
          memcmp(mine, libc, at + n + kGuard) != 0) {
        if (failures.report()) {
          FAIL_CHECK("set: size " << n << ", offset " << d_off << ", value " << c);
        }
        memcpy(mine, libc, kBuffer);
      }
    }
  }
  CHECK(failures.count == 0);
}

TEST_CASE("move matches memmove with the ranges overlapping either way") {
  // The source sits `shift` bytes from the destination (then moved by its
  // own offset): below it for a negative shift, above it for a positive one.
  // Ranges apart go to copy(), tested above, and are covered by +-128.
  const long shifts[] = {-128, -9, -1, 1, 9, 128};
  Failures failures;
  for (size_t n = 0; n <= kMax; ++n) {
    fill_both(4 + static_cast<unsigned>(n % 7));
    for (const long shift : shifts) {
      for (size_t so = 0; so < 8; ++so) {
        for (size_t d_off = 0; d_off < 8; ++d_off) {
          const size_t d = kShift + kGuard + d_off;
          const size_t s = static_cast<size_t>(static_cast<long>(kShift + kGuard + so) + shift);
          const size_t low = (d < s ? d : s) - kGuard, high = (d > s ? d : s) + n + kGuard;
          memmove(libc + d, libc + s, n);
          if (fring::mem::move(mine + d, mine + s, n) != mine + d ||
              memcmp(mine + low, libc + low, high - low) != 0) {
            if (failures.report()) {
              FAIL_CHECK("move: size " << n << ", shift " << shift << ", source offset " << so
                                       << ", destination offset " << d_off);
            }
            memcpy(mine, libc, kBuffer);
          }
        }
      }
    }
  }
  CHECK(failures.count == 0);
}

TEST_CASE("compare matches memcmp's sign for every size and offset") {
  Failures failures;
  for (size_t n = 0; n <= kMax; ++n) {
    for (size_t ao = 0; ao < 8; ++ao) {
      for (size_t bo = 0; bo < 8; ++bo) {
        unsigned char* a = source + kGuard + ao;
        unsigned char* b = mine + kGuard + bo;
        fill(a, n, 5);
        memcpy(b, a, n);
        // Bytes past the end differ, and must not count.
        a[n] = 1;
        b[n] = 2;
        if (fring::mem::compare(a, b, n) != 0 && failures.report()) {
          FAIL_CHECK("compare of equal bytes: size " << n << ", offsets " << ao << ", " << bo);
        }
        if (n == 0) continue;
        // Each difference alone: first byte, middle, last; above, below, and
        // by 0x80 (bytes compare unsigned).
        struct Change {
          size_t at;
          int delta;
        };
        for (const Change change : {Change{0, 1}, Change{n / 2, -1}, Change{n - 1, 0x80}}) {
          const unsigned char saved = b[change.at];
          b[change.at] = static_cast<unsigned char>(a[change.at] + change.delta);
          if (sign(fring::mem::compare(a, b, n)) != sign(memcmp(a, b, n)) && failures.report()) {
            FAIL_CHECK("compare: size " << n << ", offsets " << ao << ", " << bo
                                        << ", difference at " << change.at << " by "
                                        << change.delta);
          }
          b[change.at] = saved;
        }
      }
    }
  }
  CHECK(failures.count == 0);
}
