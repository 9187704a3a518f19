// SPDX-License-Identifier: MIT
// Memory regions shared with the kernel (IORING_REGISTER_MEM_REGION), and
// the registered wait arguments that live in one: an array of
// io_uring_reg_wait that submit_and_wait_reg() names by index, so a wait
// passes no pointer and the kernel copies no timespec.
#ifndef FRING_CORE_REGISTER_REGION_H
#define FRING_CORE_REGISTER_REGION_H

#include <stdint.h>

#include "fring/core/ring.h"
#include "fring/core/ring_mem.h"

namespace fring {

/// Registers the memory region `reg.region_uptr` describes (an
/// io_uring_region_desc: caller memory with IORING_MEM_REGION_TYPE_USER and
/// a page-aligned `user_addr` and `size`, else memory the kernel allocates
/// and reports at `mmap_offset`, to be mapped from the ring fd). With
/// IORING_MEM_REGION_REG_WAIT_ARG in `reg.flags` the region holds registered
/// wait arguments; that needs a ring created with IORING_SETUP_R_DISABLED
/// and not yet enabled. One region per ring.
/// Errors: einval (bad flags or sizes, unaligned memory, WAIT_ARG on an
/// enabled ring, kernels before 6.13), ebusy (a region is already
/// registered), efault, enomem, e2big. Matches io_uring_register_region() in
/// liburing. Available since Linux 6.13.
inline Result<void> register_region(Ring& ring, const io_uring_mem_region_reg& reg) noexcept {
  FRING_TRY(ring.register_op(IORING_REGISTER_MEM_REGION, &reg, 1));
  return {};
}

/// Registers the `nr` wait arguments at `reg` for submit_and_wait_reg(): a
/// region of caller memory with IORING_MEM_REGION_REG_WAIT_ARG. `reg` must be
/// page aligned, and the memory must extend to the end of the page holding
/// entry `nr - 1` (the kernel pins whole pages); it must outlive the ring. The
/// ring must have been created with IORING_SETUP_R_DISABLED and not yet
/// enabled (IORING_REGISTER_ENABLE_RINGS). Entries may be rewritten at any
/// time before the wait that uses them.
/// Errors: einval (`nr` 0, `reg` unaligned, an enabled ring), and those of
/// register_region(). No direct liburing equivalent: liburing's
/// io_uring_register_wait_reg() only returns -EINVAL, as the kernel call it
/// was written for was replaced by IORING_REGISTER_MEM_REGION before Linux
/// 6.13 shipped; this does what its name promises through that call.
/// Available since Linux 6.13.
inline Result<void> register_wait_reg(Ring& ring, io_uring_reg_wait* reg, unsigned nr) noexcept {
  const size_t page = detail::page_size();
  const uintptr_t addr = reinterpret_cast<uintptr_t>(reg);
  if (nr == 0 || addr == 0 || (addr & (page - 1)) != 0) return Errno::einval;
  io_uring_region_desc desc{};
  desc.user_addr = addr;
  desc.size = detail::align_up(size_t{nr} * sizeof(io_uring_reg_wait), page);
  desc.flags = IORING_MEM_REGION_TYPE_USER;
  io_uring_mem_region_reg region{};
  region.region_uptr = reinterpret_cast<uintptr_t>(&desc);
  region.flags = IORING_MEM_REGION_REG_WAIT_ARG;
  return register_region(ring, region);
}

}  // namespace fring

#endif  // FRING_CORE_REGISTER_REGION_H
