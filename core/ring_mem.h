// SPDX-License-Identifier: MIT
// How much memory a ring takes, computed the way the kernel lays it out:
// the SQE array, then one region holding the SQ and CQ rings. Used to size
// caller memory for setup::no_mmap (Ring::queue_init_mem) and to size
// RLIMIT_MEMLOCK on kernels that charge rings to it. Pure arithmetic, except
// for learning the page size once per process.
#ifndef FRING_CORE_RING_MEM_H
#define FRING_CORE_RING_MEM_H

#include <stddef.h>
#include <stdint.h>

#include "fring/core/result.h"
#include "fring/core/uapi/io_uring.h"
#include "fring/syscall/syscall.h"

namespace fring {

/// The bit shift from an SQ index to its SQE slot: 1 with setup::sqe128
/// (128-byte SQEs), else 0. SQE `i` is `sqes[(i & ring_mask) << shift]`.
/// Matches io_uring_sqe_shift_from_flags() in liburing. Available since Linux 5.19.
[[nodiscard, gnu::always_inline]] constexpr unsigned sqe_shift_from_flags(unsigned flags) noexcept {
  return (flags & setup::sqe128) != 0 ? 1 : 0;
}

/// The bit shift from a CQ index to its CQE slot: 1 with setup::cqe32
/// (32-byte CQEs), else 0 (also with setup::cqe_mixed, whose 32-byte
/// CQEs take two 16-byte slots instead). Matches
/// io_uring_cqe_shift_from_flags() in liburing. Available since Linux 5.19.
[[nodiscard, gnu::always_inline]] constexpr unsigned cqe_shift_from_flags(unsigned flags) noexcept {
  return (flags & setup::cqe32) != 0 ? 1 : 0;
}

namespace detail {

// The kernel's limits on io_uring_setup() sizes (IORING_MAX_ENTRIES and
// IORING_MAX_CQ_ENTRIES).
inline constexpr unsigned kMaxSqEntries = 32768;
inline constexpr unsigned kMaxCqEntries = 2 * kMaxSqEntries;
// struct io_rings up to its cqes[] array: heads, tails, masks, flags.
inline constexpr size_t kRingsHeader = 64;
// The kernel aligns the SQ index array to SMP_CACHE_BYTES (64 on x86_64,
// arm64 and riscv64).
inline constexpr size_t kRingsAlign = 64;
// The largest base page size of Linux on x86_64, aarch64 and riscv64 (arm64's 64 KiB).
inline constexpr size_t kMaxPageSize = 65536;

// Hidden: one per program or library, and reached without a GOT.
[[gnu::visibility("hidden")]] inline size_t page_size_cache = 0;

// Finds the page size without libc or /proc: in a fresh anonymous mapping
// (page aligned), madvise() accepts an address only if it is page aligned,
// so the smallest power of two it accepts past the start is the page size.
inline size_t probe_page_size() noexcept {
  const long base =
      sys::mmap(nullptr, kMaxPageSize, prot::read, map_flag::private_ | map_flag::anonymous, -1, 0);
  if (is_raw_error(base)) return 4096;
  char* start = reinterpret_cast<char*>(base);
  size_t size = 4096;
  while (size < kMaxPageSize && is_raw_error(sys::madvise(start + size, 1, madv::dofork))) {
    size <<= 1;
  }
  (void)sys::munmap(start, kMaxPageSize);
  return size;
}

/// The kernel's page size (4096, 16384 or 65536), learned on first use with
/// three to six syscalls and cached for the process. No liburing equivalent
/// (liburing asks sysconf()). Any kernel.
inline size_t page_size() noexcept {
  size_t size = __atomic_load_n(&page_size_cache, __ATOMIC_RELAXED);
  if (size == 0) {
    size = probe_page_size();
    // Racing threads store the same value.
    __atomic_store_n(&page_size_cache, size, __ATOMIC_RELAXED);
  }
  return size;
}

constexpr size_t align_up(size_t n, size_t alignment) noexcept {
  return (n + alignment - 1) & ~(alignment - 1);
}

constexpr unsigned roundup_pow2(unsigned n) noexcept {
  unsigned p = 1;
  while (p < n) p <<= 1;
  return p;
}

/// Where the kernel puts the SQ index array in the rings region: after the
/// CQEs (`cqes_offset` is CqOffsets::cqes), at a 64-byte boundary;
/// with setup::cqe32 the kernel doubles the header along with the CQEs.
constexpr size_t sq_array_offset(size_t cqes_offset, unsigned cq_entries, uint32_t flags) noexcept {
  return align_up((cqes_offset + size_t{cq_entries} * sizeof(Cqe)) << cqe_shift_from_flags(flags),
                  kRingsAlign);
}

/// The two areas of a ring, each page aligned: the SQE array first, then the
/// region holding the SQ and CQ rings (and the SQ index array).
struct RingLayout {
  size_t sqes_size;
  size_t rings_size;
};

// What io_uring_setup(entries, p) would allocate, with the kernel's rounding
// and limits. Errors: einval for sizes the kernel refuses.
inline Result<RingLayout> ring_layout(unsigned entries, const Params& p, size_t page) noexcept {
  if (entries == 0) return Errno::einval;
  if (entries > kMaxSqEntries) {
    if (!(p.flags & setup::clamp)) return Errno::einval;
    entries = kMaxSqEntries;
  }
  const unsigned sq_entries = roundup_pow2(entries);
  unsigned cq_entries = 2 * sq_entries;
  if (p.flags & setup::cqsize) {
    cq_entries = p.cq_entries;
    if (cq_entries == 0) return Errno::einval;
    if (cq_entries > kMaxCqEntries) {
      if (!(p.flags & setup::clamp)) return Errno::einval;
      cq_entries = kMaxCqEntries;
    }
    cq_entries = roundup_pow2(cq_entries);
    if (cq_entries < sq_entries) return Errno::einval;
  }
  // A 32-byte CQE or 128-byte SQE of a mixed ring needs two adjacent slots.
  if ((p.flags & setup::cqe_mixed) && cq_entries < 2) return Errno::einval;
  if ((p.flags & setup::sqe_mixed) && sq_entries < 2) return Errno::einval;
  size_t rings = sq_array_offset(kRingsHeader, cq_entries, p.flags);
  if (!(p.flags & setup::no_sqarray)) rings += size_t{sq_entries} * sizeof(uint32_t);
  const size_t sqes = (size_t{sq_entries} * sizeof(Sqe)) << sqe_shift_from_flags(p.flags);
  return RingLayout{align_up(sqes, page), align_up(rings, page)};
}

}  // namespace detail

/// Bytes of memory a ring set up with `entries` and `p` (flags, cq_entries
/// with setup::cqsize) takes: the SQE array and the rings, each rounded
/// up to whole pages. This is the buffer size Ring::queue_init_mem() needs.
/// Errors: einval for sizes io_uring_setup() would refuse (0 entries, more
/// than 32768 without setup::clamp, a CQ smaller than the SQ).
/// Matches io_uring_memory_size_params() in liburing. Any kernel.
inline Result<size_t> memory_size_params(unsigned entries, const Params& p) noexcept {
  FRING_TRY_ASSIGN(const detail::RingLayout layout,
                   detail::ring_layout(entries, p, detail::page_size()));
  return layout.sqes_size + layout.rings_size;
}

/// memory_size_params() for a ring with setup:: `flags` only.
/// Errors: as memory_size_params(). Matches io_uring_memory_size() in
/// liburing. Any kernel.
inline Result<size_t> memory_size(unsigned entries, uint32_t flags) noexcept {
  Params p{};
  p.flags = flags;
  return memory_size_params(entries, p);
}

/// The RLIMIT_MEMLOCK room a ring set up with `entries` and `p` may need:
/// memory_size_params(), on every kernel. A task without CAP_IPC_LOCK has
/// its rings charged to RLIMIT_MEMLOCK before Linux 5.12, not from 5.12
/// (feat::native_workers; the memory cgroup pays), and on some later
/// kernels again (a 6.18 charges them, Debian's 6.12 and 7.2 do not), which
/// no feature bit tells apart; so the answer is the most any kernel
/// charges. Registered buffers are charged on every kernel and are not
/// included.
/// Errors: as memory_size_params(). Matches io_uring_mlock_size_params() in
/// liburing (which returns 0 with feat::native_workers, too little
/// where the rings are charged again). Any kernel.
inline Result<size_t> mlock_size_params(unsigned entries, const Params& p) noexcept {
  return memory_size_params(entries, p);
}

/// mlock_size_params() for a ring with setup:: `flags` only.
/// Errors: as memory_size_params(). Matches io_uring_mlock_size() in liburing.
/// Any kernel.
inline Result<size_t> mlock_size(unsigned entries, uint32_t flags) noexcept {
  Params p{};
  p.flags = flags;
  return mlock_size_params(entries, p);
}

}  // namespace fring

#endif  // FRING_CORE_RING_MEM_H
