// SPDX-License-Identifier: MIT
// Result<T>: a value or an Errno, the return type of every fring call that
// reaches the kernel. Built from a raw syscall return with the -4095 window;
// tests as a bool and compares with an Errno. Misuse (value() of an error,
// error() of a value, an error of 0) writes one line saying so to fd 2 and
// traps (core/misuse.h).
#ifndef FRING_CORE_RESULT_H
#define FRING_CORE_RESULT_H

#include <stddef.h>
#include <stdint.h>

#include "fring/core/errno.h"
#include "fring/core/misuse.h"

namespace fring::detail {

// A private placement form of operator new, so that Result can construct its
// value in place without <new> (not available to every freestanding user).
struct PlaceTag {};

template <class T>
struct RemoveRef {
  using type = T;
};
template <class T>
struct RemoveRef<T&> {
  using type = T;
};

template <class T>
[[gnu::always_inline]] constexpr typename RemoveRef<T>::type&& move(T&& v) noexcept {
  return static_cast<typename RemoveRef<T>::type&&>(v);
}

/// True when `raw` is a kernel error return (-4095..-1).
[[gnu::always_inline]] constexpr bool is_raw_error(long raw) noexcept {
  return raw < 0 && raw >= -4095;
}

}  // namespace fring::detail

[[gnu::always_inline]] inline void* operator new(size_t, void* where,
                                                 fring::detail::PlaceTag) noexcept {
  return where;
}
// Pairs with the placement form above; only called if a constructor throws,
// which cannot happen under -fno-exceptions.
inline void operator delete(void*, void*, fring::detail::PlaceTag) noexcept {}

namespace fring {

namespace detail {

// Result's storage: the value or the error, and which one it holds. A T that
// is trivially copyable keeps the implicit copy, move and destructor, so a
// Result<unsigned> is trivially copyable too and travels in registers when a
// call returns it; any other T gets the copy, move and destruction below.
template <class T, bool = __is_trivially_copyable(T)>
class ResultStorage {
 protected:
  [[gnu::always_inline]] ResultStorage(const T& value) noexcept : ok_(1), value_(value) {}
  [[gnu::always_inline]] ResultStorage(T&& value) noexcept : ok_(1), value_(detail::move(value)) {}
  [[gnu::always_inline]] ResultStorage(Errno error) noexcept : ok_(0), error_(error) {}

  // First, so that a test of it needs no offset from the Result's address;
  // a byte, not a bool: GCC copies a trivially copyable Result as bytes and
  // forwards the stored byte to a later test of ok() only when both have the
  // same type (with a bool, a submit in a loop costs five instructions more).
  uint8_t ok_;
  union {
    T value_;
    Errno error_;
  };
};

template <class T>
class ResultStorage<T, false> {
 protected:
  [[gnu::always_inline]] ResultStorage(const T& value) noexcept : ok_(1) {
    new (&value_, PlaceTag{}) T(value);
  }
  [[gnu::always_inline]] ResultStorage(T&& value) noexcept : ok_(1) {
    new (&value_, PlaceTag{}) T(detail::move(value));
  }
  [[gnu::always_inline]] ResultStorage(Errno error) noexcept : ok_(0), error_(error) {}

  ResultStorage(const ResultStorage& other) noexcept : ok_(other.ok_) {
    if (ok_) {
      new (&value_, PlaceTag{}) T(other.value_);
    } else {
      error_ = other.error_;
    }
  }
  ResultStorage(ResultStorage&& other) noexcept : ok_(other.ok_) {
    if (ok_) {
      new (&value_, PlaceTag{}) T(detail::move(other.value_));
    } else {
      error_ = other.error_;
    }
  }
  ResultStorage& operator=(const ResultStorage& other) noexcept {
    if (this != &other) {
      this->~ResultStorage();
      new (this, PlaceTag{}) ResultStorage(other);
    }
    return *this;
  }
  ResultStorage& operator=(ResultStorage&& other) noexcept {
    if (this != &other) {
      this->~ResultStorage();
      new (this, PlaceTag{}) ResultStorage(detail::move(other));
    }
    return *this;
  }
  ~ResultStorage() {
    if (ok_) value_.~T();
  }

  uint8_t ok_;  // as above
  union {
    T value_;
    Errno error_;
  };
};

}  // namespace detail

/// Holds either a T or an Errno. Test with ok() before value() or error().
/// Trivially copyable when T is.
template <class T>
class [[nodiscard]] Result : private detail::ResultStorage<T> {
  using Storage = detail::ResultStorage<T>;
  using Storage::error_;
  using Storage::ok_;
  using Storage::value_;

 public:
  /// A success holding `value`.
  [[gnu::always_inline]] Result(const T& value) noexcept : Storage(value) {}
  /// A success holding `value`.
  [[gnu::always_inline]] Result(T&& value) noexcept : Storage(detail::move(value)) {}
  /// A failure holding `error`. An `error` of 0 is misuse: writes "fring:
  /// an error Result made from error number 0" to fd 2 and traps.
  [[gnu::always_inline]] Result(Errno error) noexcept : Storage(error) {
    if (static_cast<int>(error) == 0) detail::misuse_zero_error();
  }

  // The accessors are always inlined: where the caller tested ok() first,
  // the compiler then drops their misuse branch, and with it any reference
  // to core/misuse.h.

  /// True when this holds a value.
  [[nodiscard, gnu::always_inline]] bool ok() const noexcept { return ok_ != 0; }
  /// ok(), for `if (auto r = f(); !r) ...`.
  [[gnu::always_inline]] explicit operator bool() const noexcept { return ok_ != 0; }
  /// The value. On an error, writes "fring: value() on errno N" to
  /// fd 2 and traps.
  [[nodiscard, gnu::always_inline]] T& value() & noexcept {
    if (__builtin_expect(!ok_, 0)) detail::misuse_value(error_);
    return value_;
  }
  /// The value. On an error, writes "fring: value() on errno N" to
  /// fd 2 and traps.
  [[nodiscard, gnu::always_inline]] const T& value() const& noexcept {
    if (__builtin_expect(!ok_, 0)) detail::misuse_value(error_);
    return value_;
  }
  /// The value, moved out. On an error, writes "fring: value() on errno N"
  /// to fd 2 and traps.
  [[nodiscard, gnu::always_inline]] T&& value() && noexcept {
    if (__builtin_expect(!ok_, 0)) detail::misuse_value(error_);
    return detail::move(value_);
  }
  /// The value, or `fallback` when this holds an error.
  [[nodiscard]] T value_or(T fallback) const& noexcept { return ok_ ? value_ : fallback; }
  /// The error (never 0). On a value, writes "fring: error() on a value" to
  /// fd 2 and traps.
  [[nodiscard, gnu::always_inline]] Errno error() const noexcept {
    if (__builtin_expect(ok_, 0)) detail::misuse_error_of_value();
    // The constructor refused 0, so a Result made from this one need not check again.
    if (static_cast<int>(error_) == 0) __builtin_unreachable();
    return error_;
  }
  /// True when this holds error `e` (false when it holds a value).
  friend bool operator==(const Result& r, Errno e) noexcept { return !r.ok_ && r.error_ == e; }
  /// True when this holds error `e` (false when it holds a value).
  friend bool operator==(Errno e, const Result& r) noexcept { return r == e; }
  /// True unless this holds error `e`.
  friend bool operator!=(const Result& r, Errno e) noexcept { return !(r == e); }
  /// True unless this holds error `e`.
  friend bool operator!=(Errno e, const Result& r) noexcept { return !(r == e); }
  /// The value's members; as value() on an error.
  [[gnu::always_inline]] T* operator->() noexcept { return &value(); }
  /// The value's members; as value() on an error.
  [[gnu::always_inline]] const T* operator->() const noexcept { return &value(); }
  /// The value; as value() on an error.
  [[gnu::always_inline]] T& operator*() & noexcept { return value(); }
  /// The value; as value() on an error.
  [[gnu::always_inline]] const T& operator*() const& noexcept { return value(); }
};

/// The status-only Result: success, or an Errno.
template <>
class [[nodiscard]] Result<void> {
 public:
  /// A success.
  constexpr Result() noexcept = default;
  /// A failure holding `error`. An `error` of 0 is misuse: writes "fring:
  /// an error Result made from error number 0" to fd 2 and traps.
  [[gnu::always_inline]] Result(Errno error) noexcept : error_(error) {
    if (static_cast<int>(error) == 0) detail::misuse_zero_error();
  }
  /// True on success.
  [[nodiscard, gnu::always_inline]] constexpr bool ok() const noexcept {
    return static_cast<int>(error_) == 0;
  }
  /// ok(), for `if (auto r = f(); !r) ...`.
  [[gnu::always_inline]] constexpr explicit operator bool() const noexcept { return ok(); }
  /// The error (never 0). On success, writes "fring: error() on a success"
  /// to fd 2 and traps.
  [[nodiscard, gnu::always_inline]] Errno error() const noexcept {
    if (__builtin_expect(ok(), 0)) detail::misuse_error_of_success();
    return error_;
  }
  /// True when this holds error `e`.
  friend bool operator==(const Result& r, Errno e) noexcept { return r.error_ == e && !r.ok(); }
  /// True when this holds error `e`.
  friend bool operator==(Errno e, const Result& r) noexcept { return r == e; }
  /// True unless this holds error `e`.
  friend bool operator!=(const Result& r, Errno e) noexcept { return !(r == e); }
  /// True unless this holds error `e`.
  friend bool operator!=(Errno e, const Result& r) noexcept { return !(r == e); }

 private:
  Errno error_ = static_cast<Errno>(0);
};

/// Turns a raw kernel return into a Result<T>: -4095..-1 become the Errno,
/// anything else is converted to T. Errors: whichever -errno `raw` holds. No
/// liburing equivalent (it is liburing's IS_ERR()/PTR_ERR() logic). Any kernel.
template <class T>
[[gnu::always_inline]] inline Result<T> result_from(long raw) noexcept {
  if (__builtin_expect(detail::is_raw_error(raw), 0)) return static_cast<Errno>(-raw);
  return static_cast<T>(raw);
}

/// Turns a raw kernel return into a Result<void>: -4095..-1 become the Errno.
/// Errors: whichever -errno `raw` holds. No liburing equivalent. Any kernel.
[[gnu::always_inline]] inline Result<void> status_from(long raw) noexcept {
  if (__builtin_expect(detail::is_raw_error(raw), 0)) return static_cast<Errno>(-raw);
  return {};
}

}  // namespace fring

#define FRING_CONCAT_INNER_(a, b) a##b
#define FRING_CONCAT_(a, b) FRING_CONCAT_INNER_(a, b)

/// Evaluates `expr` (a Result); on error, returns that Errno from the enclosing
/// function (whose return type must be a Result).
#define FRING_TRY(expr)                 \
  do {                                  \
    auto&& fring_try_result_ = (expr);  \
    if (!fring_try_result_.ok()) {      \
      return fring_try_result_.error(); \
    }                                   \
  } while (0)

/// Evaluates `expr` (a Result<T>); on error returns its Errno from the
/// enclosing function, otherwise moves the value into `lhs`, which may be a
/// declaration (`FRING_TRY_ASSIGN(int fd, open_file())`).
#define FRING_TRY_ASSIGN(lhs, expr) \
  FRING_TRY_ASSIGN_IMPL_(FRING_CONCAT_(fring_try_, __LINE__), lhs, expr)
#define FRING_TRY_ASSIGN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                           \
  if (!tmp.ok()) return tmp.error();           \
  lhs = ::fring::detail::move(tmp).value()

#endif  // FRING_CORE_RESULT_H
