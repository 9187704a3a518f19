// SPDX-License-Identifier: MIT
// Prep helpers that work on the ring's fixed-file table: updating slots from
// the ring and turning a fixed file back into a normal fd.
#ifndef FRING_CORE_PREP_FILES_H
#define FRING_CORE_PREP_FILES_H

#include <stdint.h>

#include "fring/core/prep/base.h"

namespace fring {

/// Replaces `nr_fds` fixed-file slots starting at `offset` with the fds in
/// `fds` (-1 empties a slot, reg_op::files_skip leaves it), like
/// register_files_update() but as a request. With `offset`
/// file_index_alloc the kernel picks free slots and writes their
/// indices back into `fds`. res: the number of slots updated (or allocated),
/// or -ENXIO (no table), -EINVAL, -EFAULT, -EBADF, -EOVERFLOW, -ENFILE (no
/// free slot), -ENOMEM. Matches io_uring_prep_files_update() in liburing,
/// which takes `offset` as an int. Available since Linux 5.6
/// (file_index_alloc since 5.19).
[[gnu::always_inline]] inline void prep_files_update(Sqe& sqe, int* fds, unsigned nr_fds,
                                                     unsigned offset) noexcept {
  prep_rw(sqe, op::files_update, -1, detail::addr_of(fds), nr_fds, offset);
}

/// Installs fixed file `fd` (a slot index) as a normal fd of the process;
/// res is the new fd. The fd has O_CLOEXEC unless `flags` is
/// fixed_fd_flag::no_cloexec. Sets sqe_flag::fixed_file, which the kernel
/// requires (more sqe flags may be added after this call). Errors in res:
/// -EBADF (empty slot), -EINVAL (other flags), -EPERM (with a personality),
/// -EMFILE. Matches io_uring_prep_fixed_fd_install() in liburing.
/// Available since Linux 6.8.
[[gnu::always_inline]] inline void prep_fixed_fd_install(Sqe& sqe, int fd,
                                                         unsigned flags) noexcept {
  prep_rw(sqe, op::fixed_fd_install, fd, 0, 0, 0);
  sqe.flags = sqe_flag::fixed_file;
  sqe.install_fd_flags = flags;
}

}  // namespace fring

#endif  // FRING_CORE_PREP_FILES_H
