// SPDX-License-Identifier: MIT
// KernelPtr<K>: how fring's helpers take a pointer to a kernel struct K
// (Iovec, Msghdr, Sockaddr, Statx, ...). It takes fring's own type, and any
// other struct with the kernel's layout: libc's `iovec*`, `msghdr*`,
// `sockaddr_in*`, `struct statx*`, `epoll_event*`, the kernel headers'
// `open_how*`, `futex_waitv*`, `__kernel_timespec*`, `siginfo_t*`, in any
// include order and with any libc, with no cast. The layout (field names,
// offsets and sizes) is checked at compile time; a struct that differs is
// refused with a message saying what the kernel expects.
#ifndef FRING_CORE_UAPI_KERNEL_PTR_H
#define FRING_CORE_UAPI_KERNEL_PTR_H

#include <stddef.h>
#include <stdint.h>

#include "fring/core/uapi/io_uring.h"
#include "fring/core/uapi/kernel_types.h"

namespace fring {

namespace detail {

template <class...>
struct MakeVoid {
  using type = void;
};
template <class... Ts>
using Void = typename MakeVoid<Ts...>::type;

template <class T>
struct Unconst {
  using type = T;
};
template <class T>
struct Unconst<const T> {
  using type = T;
};

template <bool B>
struct Bool {
  static constexpr bool value = B;
};

template <class T>
struct IsConst : Bool<false> {};
template <class T>
struct IsConst<const T> : Bool<true> {};

// Member `m` of T sits where the kernel's does (fring's K) and has its size.
#define FRING_SAME_FIELD_(K, m) (offsetof(T, m) == offsetof(K, m) && sizeof(T::m) == sizeof(K::m))

/// True when T has kernel struct K's layout: the fields the kernel reads or
/// writes, by name, at K's offsets with K's sizes, and K's size.
template <class K, class T, class = void>
struct SameLayout : Bool<false> {};

template <class T>
struct SameLayout<Iovec, T, Void<decltype(T::iov_base), decltype(T::iov_len)>>
    : Bool<sizeof(T) == sizeof(Iovec) && FRING_SAME_FIELD_(Iovec, iov_base) &&
           FRING_SAME_FIELD_(Iovec, iov_len)> {};

template <class T>
struct SameLayout<Msghdr, T,
                  Void<decltype(T::msg_name), decltype(T::msg_namelen), decltype(T::msg_iov),
                       decltype(T::msg_iovlen), decltype(T::msg_control),
                       decltype(T::msg_controllen), decltype(T::msg_flags)>>
    : Bool<sizeof(T) == sizeof(Msghdr) && FRING_SAME_FIELD_(Msghdr, msg_name) &&
           FRING_SAME_FIELD_(Msghdr, msg_namelen) && FRING_SAME_FIELD_(Msghdr, msg_iov) &&
           FRING_SAME_FIELD_(Msghdr, msg_iovlen) && FRING_SAME_FIELD_(Msghdr, msg_control) &&
           FRING_SAME_FIELD_(Msghdr, msg_controllen) && FRING_SAME_FIELD_(Msghdr, msg_flags)> {};

template <class T>
struct SameLayout<OpenHow, T, Void<decltype(T::flags), decltype(T::mode), decltype(T::resolve)>>
    : Bool<sizeof(T) == sizeof(OpenHow) && FRING_SAME_FIELD_(OpenHow, flags) &&
           FRING_SAME_FIELD_(OpenHow, mode) && FRING_SAME_FIELD_(OpenHow, resolve)> {};

// The fields the kernel fills in up to stx_dev_minor, which every libc's
// struct statx has; newer fields (stx_mnt_id, ...) live in the same 256 bytes.
template <class T>
struct SameLayout<Statx, T,
                  Void<decltype(T::stx_mask), decltype(T::stx_size), decltype(T::stx_mode),
                       decltype(T::stx_mtime), decltype(T::stx_dev_minor)>>
    : Bool<sizeof(T) == sizeof(Statx) && FRING_SAME_FIELD_(Statx, stx_mask) &&
           FRING_SAME_FIELD_(Statx, stx_blksize) && FRING_SAME_FIELD_(Statx, stx_nlink) &&
           FRING_SAME_FIELD_(Statx, stx_mode) && FRING_SAME_FIELD_(Statx, stx_ino) &&
           FRING_SAME_FIELD_(Statx, stx_size) && FRING_SAME_FIELD_(Statx, stx_blocks) &&
           FRING_SAME_FIELD_(Statx, stx_atime) && FRING_SAME_FIELD_(Statx, stx_mtime) &&
           FRING_SAME_FIELD_(Statx, stx_dev_minor)> {};

template <class T>
struct SameLayout<EpollEvent, T, Void<decltype(T::events), decltype(T::data)>>
    : Bool<sizeof(T) == sizeof(EpollEvent) && FRING_SAME_FIELD_(EpollEvent, events) &&
           FRING_SAME_FIELD_(EpollEvent, data)> {};

template <class T>
struct SameLayout<FutexWaitv, T, Void<decltype(T::val), decltype(T::uaddr), decltype(T::flags)>>
    : Bool<sizeof(T) == sizeof(FutexWaitv) && FRING_SAME_FIELD_(FutexWaitv, val) &&
           FRING_SAME_FIELD_(FutexWaitv, uaddr) && FRING_SAME_FIELD_(FutexWaitv, flags)> {};

template <class T>
struct SameLayout<kernel_timespec, T, Void<decltype(T::tv_sec), decltype(T::tv_nsec)>>
    : Bool<sizeof(T) == sizeof(kernel_timespec) && FRING_SAME_FIELD_(kernel_timespec, tv_sec) &&
           FRING_SAME_FIELD_(kernel_timespec, tv_nsec)> {};

template <class T>
struct SameLayout<Siginfo, T,
                  Void<decltype(T::si_signo), decltype(T::si_errno), decltype(T::si_code)>>
    : Bool<sizeof(T) == sizeof(Siginfo) && FRING_SAME_FIELD_(Siginfo, si_signo) &&
           FRING_SAME_FIELD_(Siginfo, si_errno) && FRING_SAME_FIELD_(Siginfo, si_code)> {};

// A socket address of any family: the kernel reads a 16-bit family first and
// the rest by that family, within the length passed beside the pointer. So
// any struct whose first field is a 16-bit *_family qualifies: sockaddr,
// sockaddr_in, sockaddr_in6, sockaddr_un, sockaddr_storage, sockaddr_nl,
// sockaddr_ll, sockaddr_vm and fring's own.
#define FRING_FAMILY_FIELD_(name)               \
  template <class T, class = void>              \
  struct Has_##name : Bool<false> {};           \
  template <class T>                            \
  struct Has_##name<T, Void<decltype(T::name)>> \
      : Bool<offsetof(T, name) == 0 && sizeof(T::name) == sizeof(uint16_t)> {};
FRING_FAMILY_FIELD_(sa_family)
FRING_FAMILY_FIELD_(sin_family)
FRING_FAMILY_FIELD_(sin6_family)
FRING_FAMILY_FIELD_(sun_family)
FRING_FAMILY_FIELD_(ss_family)
FRING_FAMILY_FIELD_(nl_family)
FRING_FAMILY_FIELD_(sll_family)
FRING_FAMILY_FIELD_(svm_family)
#undef FRING_FAMILY_FIELD_

template <class T>
struct SameLayout<Sockaddr, T>
    : Bool<Has_sa_family<T>::value || Has_sin_family<T>::value || Has_sin6_family<T>::value ||
           Has_sun_family<T>::value || Has_ss_family<T>::value || Has_nl_family<T>::value ||
           Has_sll_family<T>::value || Has_svm_family<T>::value> {};

#undef FRING_SAME_FIELD_

// What the compiler says when a struct does not qualify: one message per
// kernel struct, naming what the kernel expects.
template <class K, class T>
struct RequireLayout;

#define FRING_REQUIRE_LAYOUT_(K, message)                               \
  template <class T>                                                    \
  struct RequireLayout<K, T> {                                          \
    static_assert(SameLayout<K, T>::value, "fring: expected " message); \
    static constexpr bool value = true;                                 \
  };
FRING_REQUIRE_LAYOUT_(Iovec, "a struct iovec: iov_base at 0 and iov_len at 8, 16 bytes")
FRING_REQUIRE_LAYOUT_(Msghdr,
                      "the kernel's struct user_msghdr: msg_name, msg_namelen (4 bytes), "
                      "msg_iov, msg_iovlen (8), msg_control, msg_controllen (8), msg_flags at "
                      "offsets 0, 8, 16, 24, 32, 40, 48; 56 bytes (musl's msghdr, with 4-byte "
                      "lengths and padding, is not it)")
FRING_REQUIRE_LAYOUT_(OpenHow, "a struct open_how: u64 flags, mode, resolve; 24 bytes")
FRING_REQUIRE_LAYOUT_(Statx, "a struct statx with the kernel's field offsets, 256 bytes")
FRING_REQUIRE_LAYOUT_(EpollEvent,
                      "a struct epoll_event: u32 events, then u64 data (at 4 and 12 bytes in "
                      "all on x86_64, at 8 and 16 elsewhere)")
FRING_REQUIRE_LAYOUT_(FutexWaitv, "a struct futex_waitv: u64 val, u64 uaddr, u32 flags; 24 bytes")
FRING_REQUIRE_LAYOUT_(kernel_timespec,
                      "a struct __kernel_timespec: 64-bit tv_sec and tv_nsec; 16 bytes")
FRING_REQUIRE_LAYOUT_(Siginfo, "a siginfo_t: si_signo, si_errno, si_code first; 128 bytes")
FRING_REQUIRE_LAYOUT_(Sockaddr,
                      "a socket address: a struct whose first field is a 16-bit *_family "
                      "(sockaddr, sockaddr_in, sockaddr_in6, sockaddr_un, sockaddr_storage, ...)")
#undef FRING_REQUIRE_LAYOUT_

}  // namespace detail

/// A pointer to kernel struct K (`const K` when the kernel only reads it),
/// taken from a K*, from nullptr, or from a pointer to any struct with K's
/// kernel layout (libc's or the kernel headers' struct of the same name), so
/// that hosted code passes its own structs to fring without a cast. The
/// layout is checked at compile time. No liburing equivalent (liburing takes
/// libc's types). Any kernel.
template <class K>
class KernelPtr {
 public:
  /// From fring's own struct.
  [[gnu::always_inline]] KernelPtr(K* p) noexcept : p_(p) {}
  /// A null pointer (an optional argument the kernel skips).
  [[gnu::always_inline]] KernelPtr(decltype(nullptr)) noexcept : p_(nullptr) {}
  /// From any struct with K's layout; a struct without it does not compile.
  template <class T>
  [[gnu::always_inline]] KernelPtr(T* p) noexcept
      : p_(reinterpret_cast<K*>(const_cast<typename detail::Unconst<T>::type*>(p))) {
    static_assert(detail::RequireLayout<typename detail::Unconst<K>::type,
                                        typename detail::Unconst<T>::type>::value);
    static_assert(detail::IsConst<K>::value || !detail::IsConst<T>::value,
                  "fring: a const struct passed where the kernel writes into it");
  }

  /// The pointer, as fring's type.
  [[nodiscard, gnu::always_inline]] K* get() const noexcept { return p_; }

 private:
  K* p_;
};

}  // namespace fring

#endif  // FRING_CORE_UAPI_KERNEL_PTR_H
