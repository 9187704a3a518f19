// SPDX-License-Identifier: MIT
// Registered (fixed) buffers: pinned once, then used by index with
// READ_FIXED/WRITE_FIXED and the *_fixed prep helpers. The table can start
// sparse and be filled slot by slot, carry tags that come back as CQEs when a
// buffer is released, and be cloned from another ring.
#ifndef FRING_CORE_REGISTER_BUFFERS_H
#define FRING_CORE_REGISTER_BUFFERS_H

#include <stdint.h>

#include "fring/core/ring.h"
#include "fring/core/uapi/kernel_ptr.h"

namespace fring {

/// Registers `nr` buffers for fixed I/O (buffer i is index i).
/// Errors: ebusy (already registered), einval (0 or too many, bad iovec),
/// enomem (RLIMIT_MEMLOCK), efault, eopnotsupp (file-backed memory on old
/// kernels). Matches io_uring_register_buffers() in liburing.
/// Available since Linux 5.1.
inline Result<void> register_buffers(Ring& ring, KernelPtr<const Iovec> iovecs,
                                     unsigned nr) noexcept {
  FRING_TRY(ring.register_op(reg_op::buffers, iovecs.get(), nr));
  return {};
}

/// Registers `nr` buffers like register_buffers(), each with a tag: when
/// buffer i is later replaced (or, since Linux 6.13, unregistered) and no
/// request uses it any more, the kernel posts a CQE with user_data tags[i]
/// and res 0. A tag of 0
/// posts nothing; `tags` may be null. An empty slot (null iov_base) must have
/// tag 0. Errors: as register_buffers(), plus einval for a tag on an empty
/// slot. Matches io_uring_register_buffers_tags() in liburing.
/// Available since Linux 5.13 (reg_op::buffers2).
inline Result<void> register_buffers_tags(Ring& ring, KernelPtr<const Iovec> iovecs,
                                          const uint64_t* tags, unsigned nr) noexcept {
  RsrcRegister reg{};
  reg.nr = nr;
  reg.data = reinterpret_cast<uintptr_t>(iovecs.get());
  reg.tags = reinterpret_cast<uintptr_t>(tags);
  FRING_TRY(ring.register_op(reg_op::buffers2, &reg, sizeof(reg)));
  return {};
}

/// Registers a table of `nr` empty buffer slots, to be filled later with
/// register_buffers_update_tag(); fixed I/O on an empty slot fails with
/// -EFAULT. Errors: ebusy (a table exists), einval (0 or more than 16384
/// slots, or a kernel before 5.19), enomem. Matches
/// io_uring_register_buffers_sparse() in liburing.
/// Available since Linux 5.19 (rsrc_flag::register_sparse).
inline Result<void> register_buffers_sparse(Ring& ring, unsigned nr) noexcept {
  RsrcRegister reg{};
  reg.nr = nr;
  reg.flags = rsrc_flag::register_sparse;
  FRING_TRY(ring.register_op(reg_op::buffers2, &reg, sizeof(reg)));
  return {};
}

/// Replaces buffer slots `off` .. `off + nr - 1` with `iovecs` (a null
/// iov_base empties the slot), tagging the new buffers with `tags` (may be
/// null). The old buffers' tags, if any, come back as CQEs once released.
/// Returns the number of slots updated. Errors: enxio (no table), einval
/// (range past the table, tag on an empty slot), enomem, efault.
/// Matches io_uring_register_buffers_update_tag() in liburing.
/// Available since Linux 5.13 (reg_op::buffers_update).
inline Result<unsigned> register_buffers_update_tag(Ring& ring, unsigned off,
                                                    KernelPtr<const Iovec> iovecs,
                                                    const uint64_t* tags, unsigned nr) noexcept {
  RsrcUpdate2 up{};
  up.offset = off;
  up.data = reinterpret_cast<uintptr_t>(iovecs.get());
  up.tags = reinterpret_cast<uintptr_t>(tags);
  up.nr = nr;
  return ring.register_op(reg_op::buffers_update, &up, sizeof(up));
}

/// Drops every registered buffer. Errors: enxio when none are registered.
/// Matches io_uring_unregister_buffers() in liburing. Available since Linux 5.1.
inline Result<void> unregister_buffers(Ring& ring) noexcept {
  FRING_TRY(ring.register_op(reg_op::unregister_buffers, nullptr, 0));
  return {};
}

/// Copies `nr` of `src`'s registered buffers, starting at its slot
/// `src_off`, into `dst`'s table at slot `dst_off` (`nr` 0 with both offsets
/// 0: the whole table). The memory is shared, not pinned again. `flags` may
/// hold clone_flag::dst_replace to clone into a table `dst` already has:
/// its slots before `dst_off` are kept (those past the range too on recent
/// kernels; 6.13's code dropped them). When `src`'s fd is registered
/// (register_ring_fd()) its registered index is passed with
/// clone_flag::src_registered, so this works after close_ring_fd().
/// Errors: ebusy (`dst` has buffers and no DST_REPLACE), enxio (`src` has
/// none), einval (offsets without `nr`, `nr` past `src`'s table, unknown
/// flags, or a kernel before 6.13 given offsets or DST_REPLACE), eoverflow
/// (a range that wraps or runs past `src`'s table), eexist (`src` is
/// SINGLE_ISSUER and owned by another task), ebadf, enomem. Matches
/// io_uring_clone_buffers_offset() in liburing.
/// Available since Linux 6.13 (offsets and DST_REPLACE; 6.12 without).
inline Result<void> clone_buffers_offset(Ring& dst, Ring& src, unsigned dst_off, unsigned src_off,
                                         unsigned nr, unsigned flags) noexcept {
  CloneBuffers arg{};
  const bool use_index = src.ring_fd_registered() && (src.features() & feat::reg_reg_ring);
  if (use_index) {
    arg.src_fd = static_cast<uint32_t>(src.enter_fd());
    arg.flags = flags | clone_flag::src_registered;
  } else {
    arg.src_fd = static_cast<uint32_t>(src.fd());
    arg.flags = flags & ~clone_flag::src_registered;
  }
  arg.src_off = src_off;
  arg.dst_off = dst_off;
  arg.nr = nr;
  FRING_TRY(dst.register_op(reg_op::clone_buffers, &arg, 1));
  return {};
}

/// Copies all of `src`'s registered buffers into `dst`, which must have
/// none. Errors: as clone_buffers_offset(). Matches io_uring_clone_buffers()
/// in liburing. Available since Linux 6.12.
inline Result<void> clone_buffers(Ring& dst, Ring& src) noexcept {
  return clone_buffers_offset(dst, src, 0, 0, 0, 0);
}

}  // namespace fring

#endif  // FRING_CORE_REGISTER_BUFFERS_H
