// SPDX-License-Identifier: MIT
// The only way fring touches memory it shares with the kernel (ring heads,
// tails, flags, buffer-ring tails). Named accessors and a fence, built on the
// compiler's __atomic builtins (and one plain load, for a word only we write);
// each call site says what the kernel must see.
#ifndef FRING_CORE_BARRIER_H
#define FRING_CORE_BARRIER_H

namespace fring {

namespace detail {
template <class T>
struct Identity {
  using type = T;
};
}  // namespace detail

/// Reads `*p` so that no later memory access moves before it (pairs with the
/// kernel's release store). Matches io_uring_smp_load_acquire() in liburing.
/// Any kernel.
template <class T>
[[gnu::always_inline]] inline T load_acquire(const T* p) noexcept {
  return __atomic_load_n(p, __ATOMIC_ACQUIRE);
}

/// Writes `*p = v` so that every earlier memory access is visible before it
/// (pairs with the kernel's acquire load). Matches io_uring_smp_store_release()
/// in liburing. Any kernel.
template <class T>
[[gnu::always_inline]] inline void store_release(T* p,
                                                 typename detail::Identity<T>::type v) noexcept {
  __atomic_store_n(p, v, __ATOMIC_RELEASE);
}

/// Reads `*p` exactly once, without ordering: the value may change under us
/// but must not be torn or cached. Matches IO_URING_READ_ONCE() in liburing.
/// Any kernel.
template <class T>
[[gnu::always_inline]] inline T read_once(const T* p) noexcept {
  return __atomic_load_n(p, __ATOMIC_RELAXED);
}

/// Writes `*p = v` exactly once, without ordering. Matches IO_URING_WRITE_ONCE()
/// in liburing. Any kernel.
template <class T>
[[gnu::always_inline]] inline void write_once(T* p, typename detail::Identity<T>::type v) noexcept {
  __atomic_store_n(p, v, __ATOMIC_RELAXED);
}

/// Reads `*p`, a word of shared ring memory that only we write (the CQ head):
/// the kernel only reads it, so there is nothing to order, and a plain load
/// lets the compiler reuse the value it read a moment ago (for_each_cqe()
/// then cq_advance()). No liburing equivalent (it uses a plain load too).
/// Any kernel.
template <class T>
[[gnu::always_inline]] inline T read_own(const T* p) noexcept {
  return *p;
}

/// A full memory barrier: no access moves across it in either direction.
/// Matches io_uring_smp_mb() in liburing. Any kernel.
[[gnu::always_inline]] inline void full_fence() noexcept {
  __atomic_thread_fence(__ATOMIC_SEQ_CST);
}

}  // namespace fring

#endif  // FRING_CORE_BARRIER_H
