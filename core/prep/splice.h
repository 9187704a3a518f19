// SPDX-License-Identifier: MIT
// Prep helpers for pipes: creating one, and moving (splice) or duplicating
// (tee) data through one without copying it to user space.
#ifndef FRING_CORE_PREP_SPLICE_H
#define FRING_CORE_PREP_SPLICE_H

#include <stdint.h>

#include "fring/core/prep/base.h"
#include "fring/core/prep/files.h"

namespace fring {

/// Moves up to `nbytes` from `fd_in` to `fd_out`, one of which must be a
/// pipe, as splice(2). `off_in`/`off_out` are file offsets, or -1 for a pipe
/// or to use (and advance) the file position. splice_flag::fd_in_fixed in
/// `splice_flags` makes `fd_in` a fixed file (sqe_flag::fixed_file does that for
/// `fd_out`). res is the byte count (0 at end of input) or -errno (-EINVAL
/// when neither end is a pipe or an offset is given for a pipe, -ESPIPE,
/// -EBADF). Matches io_uring_prep_splice() in liburing. Available since Linux 5.7.
[[gnu::always_inline]] inline void prep_splice(Sqe& sqe, int fd_in, int64_t off_in, int fd_out,
                                               int64_t off_out, unsigned nbytes,
                                               unsigned splice_flags) noexcept {
  prep_rw(sqe, op::splice, fd_out, static_cast<uint64_t>(off_in), nbytes,
          static_cast<uint64_t>(off_out));
  sqe.splice_fd_in = fd_in;
  sqe.splice_flags = splice_flags;
}

/// Copies up to `nbytes` from pipe `fd_in` to pipe `fd_out` without consuming
/// them, as tee(2) (splice_flag::fd_in_fixed in `splice_flags`: `fd_in` is a fixed
/// file). res is the byte count or -errno (-EINVAL when either is not a pipe
/// or both are the same pipe). Matches io_uring_prep_tee() in liburing.
/// Available since Linux 5.8.
[[gnu::always_inline]] inline void prep_tee(Sqe& sqe, int fd_in, int fd_out, unsigned nbytes,
                                            unsigned splice_flags) noexcept {
  prep_rw(sqe, op::tee, fd_out, 0, nbytes, 0);
  sqe.splice_fd_in = fd_in;
  sqe.splice_flags = splice_flags;
}

/// Creates a pipe, as pipe2(2) with O_CLOEXEC/O_NONBLOCK/O_DIRECT
/// `pipe_flags`: on completion `fds[0]` is the read end and `fds[1]` the
/// write end. res is 0 or -errno (-EINVAL for bad flags, -EMFILE, -ENFILE,
/// -EFAULT). Matches io_uring_prep_pipe() in liburing. Available since Linux 6.16.
[[gnu::always_inline]] inline void prep_pipe(Sqe& sqe, int* fds, int pipe_flags) noexcept {
  prep_rw(sqe, op::pipe, 0, detail::addr_of(fds), 0, 0);
  sqe.pipe_flags = static_cast<uint32_t>(pipe_flags);
}

/// prep_pipe() into the fixed-file table: the read end goes to slot
/// `file_index` and the write end to the next one (both must be free), or
/// with file_index_alloc to any free slots; `fds` receives the two slot
/// indices. O_CLOEXEC is refused. Extra errors in res: -ENXIO (no fixed-file
/// table), -EINVAL (slots out of range, O_CLOEXEC), -ENFILE (no free slot).
/// Matches io_uring_prep_pipe_direct() in liburing. Available since Linux 6.16.
[[gnu::always_inline]] inline void prep_pipe_direct(Sqe& sqe, int* fds, int pipe_flags,
                                                    unsigned file_index) noexcept {
  prep_pipe(sqe, fds, pipe_flags);
  sqe.file_index = detail::target_slot(file_index);
}

}  // namespace fring

#endif  // FRING_CORE_PREP_SPLICE_H
