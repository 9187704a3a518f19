// SPDX-License-Identifier: MIT
// memcpy, memmove, memset and memcmp for programs without libc, a word (8
// bytes) at a time: compilers emit calls to these four even in freestanding
// code (struct copies, zeroing), so a -nostdlib program must define them.
// Here they are fring::mem::copy, move, set and compare, usable anywhere;
// fring/mem/mem.cc (the //mem target, or that file compiled with the
// program) defines the four global symbols from them.
//
// Only aligned words are loaded and stored: the destination is brought to a
// word boundary byte by byte, and a source at another offset is read as
// aligned words whose bytes are shifted into place (little-endian, which
// fring/arch/target.h requires), so riscv64 never takes a misaligned access.
// An aligned word holding the first (or, backwards, the last) source byte
// may hold bytes outside the range; it never crosses a page.
#ifndef FRING_MEM_MEM_H
#define FRING_MEM_MEM_H

#include <stddef.h>
#include <stdint.h>

// The loops below must stay loops: gcc's loop distribution and clang's idiom
// recognition would turn them into calls to memcpy or memset, which are these
// functions themselves. (//tests:mem_calls_test checks the objects.)
#if defined(__clang__)
#define FRING_MEM_NO_LIBCALL \
  __attribute__((no_builtin("memcpy", "memmove", "memset", "memcmp", "bcmp")))
#else
#define FRING_MEM_NO_LIBCALL __attribute__((optimize("no-tree-loop-distribute-patterns")))
#endif

namespace fring::mem {

namespace detail {

// A word that may alias any object, as memcpy's bytes do.
typedef uint64_t __attribute__((may_alias)) Word;

inline constexpr size_t kWord = sizeof(Word);
// Below this many bytes a plain byte loop is as fast as aligning first.
inline constexpr size_t kWordsFrom = 2 * kWord;

[[gnu::always_inline]] inline size_t offset(const void* p) noexcept {
  return reinterpret_cast<uintptr_t>(p) & (kWord - 1);
}

}  // namespace detail

/// Copies `n` bytes from `src` to `dst`, front to back; the ranges must not
/// overlap unless `dst` comes first. Returns `dst`. As memcpy(3).
/// No liburing equivalent. Any kernel.
FRING_MEM_NO_LIBCALL inline void* copy(void* dst, const void* src, size_t n) noexcept {
  using detail::Word;
  unsigned char* d = static_cast<unsigned char*>(dst);
  const unsigned char* s = static_cast<const unsigned char*>(src);
  if (n >= detail::kWordsFrom) {
    for (; detail::offset(d) != 0; --n) *d++ = *s++;
    Word* dw = reinterpret_cast<Word*>(d);
    const size_t off = detail::offset(s);
    if (off == 0) {
      const Word* sw = reinterpret_cast<const Word*>(s);
      for (; n >= detail::kWord; n -= detail::kWord) *dw++ = *sw++;
      s = reinterpret_cast<const unsigned char*>(sw);
    } else {
      // Each word of d is the high bytes of one aligned word of s and the
      // low bytes of the next; `next` is loaded only while it lies wholly
      // inside the range (n >= 16 > 16 - off).
      const unsigned right = static_cast<unsigned>(8 * off), left = 64 - right;
      const Word* sw = reinterpret_cast<const Word*>(s - off);
      Word w = *sw++;
      for (; n >= detail::kWordsFrom; n -= detail::kWord) {
        const Word next = *sw++;
        *dw++ = (w >> right) | (next << left);
        w = next;
      }
      s = reinterpret_cast<const unsigned char*>(sw) - detail::kWord + off;
    }
    d = reinterpret_cast<unsigned char*>(dw);
  }
  for (; n > 0; --n) *d++ = *s++;
  return dst;
}

/// Copies `n` bytes from `src` to `dst`, which may overlap. Returns `dst`.
/// As memmove(3). No liburing equivalent. Any kernel.
FRING_MEM_NO_LIBCALL inline void* move(void* dst, const void* src, size_t n) noexcept {
  using detail::Word;
  const uintptr_t da = reinterpret_cast<uintptr_t>(dst), sa = reinterpret_cast<uintptr_t>(src);
  // Front to back is safe unless dst starts inside the source.
  if (da - sa >= n) return copy(dst, src, n);
  unsigned char* d = static_cast<unsigned char*>(dst) + n;
  const unsigned char* s = static_cast<const unsigned char*>(src) + n;
  if (n >= detail::kWordsFrom) {
    for (; detail::offset(d) != 0; --n) *--d = *--s;
    Word* dw = reinterpret_cast<Word*>(d);
    const size_t off = detail::offset(s);
    if (off == 0) {
      const Word* sw = reinterpret_cast<const Word*>(s);
      for (; n >= detail::kWord; n -= detail::kWord) *--dw = *--sw;
      s = reinterpret_cast<const unsigned char*>(sw);
    } else {
      // Back to front: each word of d is the high bytes of one aligned word
      // of s and the low bytes of the one above it. The first `w` reaches
      // up to 8 - off bytes past the source's end; d ends above s on a
      // word boundary, so those bytes are the destination's.
      const unsigned right = static_cast<unsigned>(8 * off), left = 64 - right;
      const Word* sw = reinterpret_cast<const Word*>(s - off);
      Word w = *sw;
      for (; n >= detail::kWordsFrom; n -= detail::kWord) {
        const Word below = *--sw;
        *--dw = (below >> right) | (w << left);
        w = below;
      }
      s = reinterpret_cast<const unsigned char*>(sw) + off;
    }
    d = reinterpret_cast<unsigned char*>(dw);
  }
  for (; n > 0; --n) *--d = *--s;
  return dst;
}

/// Sets `n` bytes at `dst` to `c` converted to unsigned char. Returns `dst`.
/// As memset(3). No liburing equivalent. Any kernel.
FRING_MEM_NO_LIBCALL inline void* set(void* dst, int c, size_t n) noexcept {
  using detail::Word;
  unsigned char* d = static_cast<unsigned char*>(dst);
  const unsigned char byte = static_cast<unsigned char>(c);
  if (n >= detail::kWordsFrom) {
    for (; detail::offset(d) != 0; --n) *d++ = byte;
    // The byte in every byte of a word, by shifts: a 64-bit constant would
    // sit in a literal pool (writable .sdata with clang on riscv64, a
    // segment and a page of its own in a -nostdlib binary).
    Word word = byte;
    word |= word << 8;
    word |= word << 16;
    word |= word << 32;
    Word* dw = reinterpret_cast<Word*>(d);
    for (; n >= detail::kWord; n -= detail::kWord) *dw++ = word;
    d = reinterpret_cast<unsigned char*>(dw);
  }
  for (; n > 0; --n) *d++ = byte;
  return dst;
}

/// Compares `n` bytes at `a` and `b` as unsigned chars: negative, zero or
/// positive as the first difference is below, absent or above. As
/// memcmp(3). No liburing equivalent. Any kernel.
FRING_MEM_NO_LIBCALL inline int compare(const void* a, const void* b, size_t n) noexcept {
  using detail::Word;
  const unsigned char* x = static_cast<const unsigned char*>(a);
  const unsigned char* y = static_cast<const unsigned char*>(b);
  if (n >= detail::kWordsFrom) {
    for (; detail::offset(x) != 0; --n, ++x, ++y) {
      if (*x != *y) return *x - *y;
    }
    const Word* xw = reinterpret_cast<const Word*>(x);
    const size_t off = detail::offset(y);
    const unsigned right = static_cast<unsigned>(8 * off), left = 64 - right;
    const Word* yw = reinterpret_cast<const Word*>(y - off);
    Word w = *yw++;
    // As copy() reads its source: y's words, shifted when it is not aligned.
    for (; n >= detail::kWordsFrom; n -= detail::kWord) {
      Word wy;
      if (off == 0) {
        wy = w;
        w = *yw++;
      } else {
        const Word next = *yw++;
        wy = (w >> right) | (next << left);
        w = next;
      }
      const Word wx = *xw++;
      if (wx != wy) {
        // The lowest differing byte comes first in memory.
        unsigned shift = 0;
        while (((wx ^ wy) >> shift & 0xff) == 0) shift += 8;
        return static_cast<int>(wx >> shift & 0xff) - static_cast<int>(wy >> shift & 0xff);
      }
    }
    x = reinterpret_cast<const unsigned char*>(xw);
    y = reinterpret_cast<const unsigned char*>(yw) - detail::kWord + off;
  }
  for (; n > 0; --n, ++x, ++y) {
    if (*x != *y) return *x - *y;
  }
  return 0;
}

}  // namespace fring::mem

#endif  // FRING_MEM_MEM_H
