// SPDX-License-Identifier: MIT
// The two ways between fring's kernel structs and other code's:
// - KernelPtr<Kernel>: how fring's helpers take a pointer to a kernel struct
//   (Iovec, Msghdr, Sockaddr, Statx, BufReg, ...). It takes fring's own type,
//   and any other struct with the kernel's layout: libc's `iovec*`,
//   `msghdr*`, `sockaddr_in*`, `struct statx*`, `epoll_event*`, the kernel
//   headers' `open_how*`, `futex_waitv*`, `__kernel_timespec*`, `siginfo_t*`,
//   `io_uring_buf_reg*`, ..., in any include order and with any libc, with
//   no cast.
// - kernel_cast<T>(p): fring's struct handed to code typed with another
//   header's (a fring Sqe* to a function taking io_uring_sqe*).
// Either way the layout (field names, offsets and sizes) is checked at
// compile time; a struct that differs is refused with a message saying what
// the kernel expects.
#ifndef FRING_CORE_UAPI_KERNEL_PTR_H
#define FRING_CORE_UAPI_KERNEL_PTR_H

#include <stddef.h>
#include <stdint.h>

#include "fring/core/uapi/bpf_filter.h"
#include "fring/core/uapi/io_uring.h"
#include "fring/core/uapi/kernel_types.h"
#include "fring/core/uapi/query.h"

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

// Member `m` of T sits where fring's struct F has it and has its size.
#define FRING_SAME_FIELD_(F, m) (offsetof(T, m) == offsetof(F, m) && sizeof(T::m) == sizeof(F::m))

/// True when T has the layout of fring's kernel struct Kernel: the fields
/// the kernel reads or writes, by name, at Kernel's offsets with Kernel's
/// sizes, and Kernel's size.
template <class Kernel, class T, class = void>
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
struct SameLayout<Timespec, T, Void<decltype(T::tv_sec), decltype(T::tv_nsec)>>
    : Bool<sizeof(T) == sizeof(Timespec) && FRING_SAME_FIELD_(Timespec, tv_sec) &&
           FRING_SAME_FIELD_(Timespec, tv_nsec)> {};

template <class T>
struct SameLayout<Siginfo, T,
                  Void<decltype(T::si_signo), decltype(T::si_errno), decltype(T::si_code)>>
    : Bool<sizeof(T) == sizeof(Siginfo) && FRING_SAME_FIELD_(Siginfo, si_signo) &&
           FRING_SAME_FIELD_(Siginfo, si_errno) && FRING_SAME_FIELD_(Siginfo, si_code)> {};

// The io_uring structs: the kernel header's and liburing's copies of them
// (io_uring_sqe, io_uring_buf_reg, ...) have fring's layout field by field.
// FRING_IO_URING_LAYOUT_(F, a, b, c, d) checks F's size and four fields.
#define FRING_IO_URING_LAYOUT_(F, a, b, c, d)                                                   \
  template <class T>                                                                            \
  struct SameLayout<F, T, Void<decltype(T::a), decltype(T::b), decltype(T::c), decltype(T::d)>> \
      : Bool<sizeof(T) == sizeof(F) && FRING_SAME_FIELD_(F, a) && FRING_SAME_FIELD_(F, b) &&    \
             FRING_SAME_FIELD_(F, c) && FRING_SAME_FIELD_(F, d)> {};
FRING_IO_URING_LAYOUT_(Sqe, opcode, fd, addr, user_data)
FRING_IO_URING_LAYOUT_(Cqe, user_data, res, flags, flags)
FRING_IO_URING_LAYOUT_(Params, sq_entries, flags, features, cq_off)
FRING_IO_URING_LAYOUT_(ProbeHdr, last_op, ops_len, resv, resv2)
FRING_IO_URING_LAYOUT_(ProbeOp, op, flags, resv, resv2)
FRING_IO_URING_LAYOUT_(PbufRing, resv1, resv2, resv3, tail)
FRING_IO_URING_LAYOUT_(Buf, addr, len, bid, resv)
FRING_IO_URING_LAYOUT_(BufReg, ring_addr, ring_entries, bgid, bgid)  // Linux 6.1 calls flags "pad"
FRING_IO_URING_LAYOUT_(RsrcUpdate, offset, resv, data, data)
FRING_IO_URING_LAYOUT_(Restriction, opcode, register_op, resv, resv2)
FRING_IO_URING_LAYOUT_(ClockRegister, clockid, clockid, clockid, clockid)
FRING_IO_URING_LAYOUT_(SyncCancelReg, addr, fd, flags, timeout)
FRING_IO_URING_LAYOUT_(Napi, busy_poll_to, prefer_busy_poll, resv, resv)
FRING_IO_URING_LAYOUT_(MemRegionReg, region_uptr, flags, flags, flags)
FRING_IO_URING_LAYOUT_(RegWait, ts, min_wait_usec, flags, sigmask)
FRING_IO_URING_LAYOUT_(ZcrxIfqReg, if_idx, if_rxq, area_ptr, offsets)
FRING_IO_URING_LAYOUT_(QueryHdr, next_entry, query_data, query_op, result)
FRING_IO_URING_LAYOUT_(QueryOpcode, nr_request_opcodes, feature_flags, sqe_flags, nr_query_opcodes)
FRING_IO_URING_LAYOUT_(Bpf, cmd_type, cmd_flags, resv, filter)
FRING_IO_URING_LAYOUT_(ZcrxCtrl, zcrx_id, op, resv, zc_export)
#undef FRING_IO_URING_LAYOUT_

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
template <class Kernel, class T>
struct RequireLayout {
  static_assert(SameLayout<Kernel, T>::value,
                "fring: expected a struct with the kernel's layout of this io_uring struct "
                "(the kernel header's or liburing's struct of the same name)");
  static constexpr bool value = true;
};

#define FRING_REQUIRE_LAYOUT_(F, message)                               \
  template <class T>                                                    \
  struct RequireLayout<F, T> {                                          \
    static_assert(SameLayout<F, T>::value, "fring: expected " message); \
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
FRING_REQUIRE_LAYOUT_(Timespec, "a struct Timespec: 64-bit tv_sec and tv_nsec; 16 bytes")
FRING_REQUIRE_LAYOUT_(Siginfo, "a siginfo_t: si_signo, si_errno, si_code first; 128 bytes")
FRING_REQUIRE_LAYOUT_(Sockaddr,
                      "a socket address: a struct whose first field is a 16-bit *_family "
                      "(sockaddr, sockaddr_in, sockaddr_in6, sockaddr_un, sockaddr_storage, ...)")
#undef FRING_REQUIRE_LAYOUT_

}  // namespace detail

/// A pointer to kernel struct Kernel (`const Kernel` when the kernel only
/// reads it), taken from a Kernel*, from nullptr, or from a pointer to any
/// struct with Kernel's layout (libc's or the kernel headers' struct of the
/// same name), so that hosted code passes its own structs to fring without a
/// cast. The layout is checked at compile time. No liburing equivalent
/// (liburing takes libc's types). Any kernel.
template <class Kernel>
class KernelPtr {
 public:
  /// From fring's own struct.
  [[gnu::always_inline]] KernelPtr(Kernel* p) noexcept : p_(p) {}
  /// A null pointer (an optional argument the kernel skips).
  [[gnu::always_inline]] KernelPtr(decltype(nullptr)) noexcept : p_(nullptr) {}
  /// From any struct with Kernel's layout; a struct without it does not compile.
  template <class T>
  [[gnu::always_inline]] KernelPtr(T* p) noexcept
      : p_(reinterpret_cast<Kernel*>(const_cast<typename detail::Unconst<T>::type*>(p))) {
    static_assert(detail::RequireLayout<typename detail::Unconst<Kernel>::type,
                                        typename detail::Unconst<T>::type>::value);
    static_assert(detail::IsConst<Kernel>::value || !detail::IsConst<T>::value,
                  "fring: a const struct passed where the kernel writes into it");
  }

  /// The pointer, as fring's type.
  [[nodiscard, gnu::always_inline]] Kernel* get() const noexcept { return p_; }

 private:
  Kernel* p_;
};

/// `p`, a pointer to one of fring's kernel structs, as a pointer to T: the
/// same struct as another header declares it, for code written against that
/// header (a fring `Sqe*` to a function taking `io_uring_sqe*`, a `Statx*`
/// to one taking `struct statx*`). T must have the kernel's layout, checked
/// at compile time as KernelPtr checks it; constness is kept. This is the one
/// conversion from fring's types to another header's. No liburing
/// equivalent. Any kernel.
template <class T, class Kernel>
[[nodiscard, gnu::always_inline]] inline T* kernel_cast(Kernel* p) noexcept {
  static_assert(detail::RequireLayout<typename detail::Unconst<Kernel>::type,
                                      typename detail::Unconst<T>::type>::value);
  static_assert(detail::IsConst<T>::value || !detail::IsConst<Kernel>::value,
                "fring: kernel_cast would drop const");
  return reinterpret_cast<T*>(p);
}

}  // namespace fring

#endif  // FRING_CORE_UAPI_KERNEL_PTR_H
