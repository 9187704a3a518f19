// SPDX-License-Identifier: MIT
// Memory regions shared with the kernel (reg_op::mem_region), and
// the registered wait arguments that live in one: an array of
// RegWait that submit_and_wait_reg() names by index, so a wait
// passes no pointer and the kernel copies no timespec.
#ifndef FRING_CORE_REGISTER_REGION_H
#define FRING_CORE_REGISTER_REGION_H

#include <stdint.h>

#include "fring/core/ring.h"
#include "fring/core/ring_mem.h"

namespace fring {

/// Registers the memory region `arg->region_uptr` describes (a
/// RegionDesc: caller memory with mem_region::type_user and
/// a page-aligned `user_addr` and `size`, else memory the kernel allocates
/// and reports at `mmap_offset`, to be mapped from the ring fd). With
/// mem_region::reg_wait_arg in `arg->flags` the region holds registered
/// wait arguments; that needs a ring created with setup::r_disabled
/// and not yet enabled. One region per ring.
/// Errors: einval (bad flags or sizes, unaligned memory, WAIT_ARG on an
/// enabled ring, kernels before 6.13), ebusy (a region is already
/// registered), efault, enomem, e2big. Matches io_uring_register_region() in
/// liburing. Available since Linux 6.13.
inline Result<void> register_region(Ring& ring, KernelPtr<const MemRegionReg> arg) noexcept {
  FRING_TRY(ring.register_op(reg_op::mem_region, arg.get(), 1));
  return {};
}

/// Registers the `nr` wait arguments at `waits` for submit_and_wait_reg(): a
/// region of caller memory with mem_region::reg_wait_arg. `waits` must be
/// page aligned, and the memory must extend to the end of the page holding
/// entry `nr - 1` (the kernel pins whole pages); it must outlive the ring. The
/// ring must have been created with setup::r_disabled and not yet
/// enabled (reg_op::enable_rings). Entries may be rewritten at any
/// time before the wait that uses them.
/// Errors: einval (`nr` 0, `waits` unaligned, an enabled ring), and those of
/// register_region(). No direct liburing equivalent: liburing's
/// io_uring_register_wait_reg() only returns -EINVAL, as the kernel call it
/// was written for was replaced by reg_op::mem_region before Linux
/// 6.13 shipped; this does what its name promises through that call.
/// Available since Linux 6.13.
inline Result<void> register_wait_reg(Ring& ring, KernelPtr<RegWait> waits, unsigned nr) noexcept {
  const size_t page = detail::page_size();
  const uintptr_t addr = reinterpret_cast<uintptr_t>(waits.get());
  if (nr == 0 || addr == 0 || (addr & (page - 1)) != 0) return Errno::einval;
  RegionDesc desc{};
  desc.user_addr = addr;
  desc.size = detail::align_up(size_t{nr} * sizeof(RegWait), page);
  desc.flags = mem_region::type_user;
  MemRegionReg region{};
  region.region_uptr = reinterpret_cast<uintptr_t>(&desc);
  region.flags = mem_region::reg_wait_arg;
  return register_region(ring, &region);
}

}  // namespace fring

#endif  // FRING_CORE_REGISTER_REGION_H
