// SPDX-License-Identifier: MIT
// What fring does when it is misused (value() of an error Result, say):
// write one line naming the misuse to fd 2 through fring's own syscall
// layer, then trap. Cold and out of line, so a caller that tested ok() first
// keeps no reference to it. No message names an error: a number costs a few
// instructions where the name would link the whole name table.
#ifndef FRING_CORE_MISUSE_H
#define FRING_CORE_MISUSE_H

#include <stddef.h>

#include "fring/core/errno.h"
#include "fring/syscall/syscall.h"

namespace fring::detail {

/// Writes `line` (`len` bytes, ending in a newline) to fd 2 and traps.
[[noreturn, gnu::cold, gnu::noinline]] inline void misuse(const char* line, size_t len) noexcept {
  (void)sys::write(2, line, len);
  __builtin_trap();
}

// misuse() of a string literal. (Literals, not static arrays: those would
// be shared objects, reached through the GOT in position-independent code.)
template <size_t N>
[[noreturn, gnu::always_inline]] inline void misuse(const char (&line)[N]) noexcept {
  misuse(line, N - 1);
}

/// The misuse of value() on an error holding `e`: writes
/// "fring: value() on errno N\n" to fd 2 and traps. The number, not the
/// name: the name table (errno_name()) is linked only into programs that
/// call it, so a program that takes values with `->` after every call costs
/// little more than one that tests its Results first.
[[noreturn, gnu::cold, gnu::noinline]] inline void misuse_value(Errno e) noexcept {
  char digits[12];
  char* p = digits + sizeof(digits);
  *--p = '\n';
  unsigned v = static_cast<unsigned>(e);
  do {
    *--p = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  // Two writes rather than a copy into one buffer: less code. Another
  // thread's write to fd 2 could fall between them, which the last words
  // of a trapping process can afford.
  (void)sys::write(2, "fring: value() on errno ", 24);
  (void)sys::write(2, p, static_cast<size_t>(digits + sizeof(digits) - p));
  __builtin_trap();
}

/// The misuse of error() on a Result<T> holding a value.
[[noreturn, gnu::cold, gnu::noinline]] inline void misuse_error_of_value() noexcept {
  misuse("fring: error() on a value\n");
}

/// The misuse of error() on a successful Result<void>.
[[noreturn, gnu::cold, gnu::noinline]] inline void misuse_error_of_success() noexcept {
  misuse("fring: error() on a success\n");
}

/// The misuse of making an error Result from 0, which is no error.
[[noreturn, gnu::cold, gnu::noinline]] inline void misuse_zero_error() noexcept {
  misuse("fring: an error Result made from error number 0\n");
}

/// The misuse of moving a ring of another shape into a StaticRing (through a
/// Ring&), whose compiled-in shape would then be wrong.
[[noreturn, gnu::cold, gnu::noinline]] inline void misuse_shape() noexcept {
  misuse("fring: a ring of another shape moved into a StaticRing\n");
}

}  // namespace fring::detail

#endif  // FRING_CORE_MISUSE_H
