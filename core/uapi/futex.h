// SPDX-License-Identifier: MIT
// What futex2 calls and op::futex_wait, ::futex_wake and ::futex_waitv take
// (linux/futex.h): the futex2 flags (FutexWaitv::flags, and the
// `futex_flags` of the prep helpers) and the bitset that matches any
// waiter, in fring's form (docs/contributing.md, "Names"): FUTEX2_SIZE_U32
// is `futex2_flag::size_u32`. The same on x86_64, aarch64 and riscv64.
#ifndef FRING_CORE_UAPI_FUTEX_H
#define FRING_CORE_UAPI_FUTEX_H

#include <stdint.h>

namespace fring {

/// The flags of a futex2 futex: its size, and where it lives.
namespace futex2_flag {
/// FUTEX2_SIZE_U8: an 8-bit futex (Linux 6.7).
inline constexpr uint32_t size_u8 = 0x00;
/// FUTEX2_SIZE_U16: a 16-bit futex (Linux 6.7).
inline constexpr uint32_t size_u16 = 0x01;
/// FUTEX2_SIZE_U32: a 32-bit futex, the only size io_uring takes (Linux 6.7).
inline constexpr uint32_t size_u32 = 0x02;
/// FUTEX2_SIZE_U64: a 64-bit futex (Linux 6.7).
inline constexpr uint32_t size_u64 = 0x03;
/// FUTEX2_SIZE_MASK: the mask of the size.
inline constexpr uint32_t size_mask = 0x03;
/// FUTEX2_NUMA: the futex is followed by a NUMA node word (newer kernels).
inline constexpr uint32_t numa = 0x04;
/// FUTEX2_MPOL: the node follows the memory policy (newer kernels).
inline constexpr uint32_t mpol = 0x08;
/// FUTEX2_PRIVATE: the futex is private to the process (FUTEX_PRIVATE_FLAG;
/// Linux 6.7).
inline constexpr uint32_t private_ = 128;
}  // namespace futex2_flag

/// The mask of futex waits and wakes.
namespace futex_bitset {
/// FUTEX_BITSET_MATCH_ANY: every bit, so any waiter matches.
inline constexpr uint64_t match_any = 0xffffffff;
}  // namespace futex_bitset

}  // namespace fring

#endif  // FRING_CORE_UAPI_FUTEX_H
