// SPDX-License-Identifier: MIT
// Typed wrappers, one per kernel call that fring makes. Each returns the raw
// result: a value on success, -errno on failure (-4095..-1). Nothing here
// interprets results; core/ turns them into Result<T>.
#ifndef FRING_SYSCALL_SYSCALL_H
#define FRING_SYSCALL_SYSCALL_H

#include <stddef.h>
#include <stdint.h>

#include "fring/arch/syscall.h"
#include "fring/syscall/constants.h"
#include "fring/syscall/fault.h"
#include "fring/syscall/nr.h"

namespace fring::sys {

namespace detail {
template <class T>
[[gnu::always_inline]] inline long arg(T* p) noexcept {
  return reinterpret_cast<long>(p);
}
[[gnu::always_inline]] inline long arg(long v) noexcept { return v; }
}  // namespace detail

/// io_uring_setup(2): creates a ring with `entries` SQEs; `params` points to a
/// struct Params that the kernel reads and fills in.
/// Returns the ring fd, or -EINVAL/-EFAULT/-EMFILE/-ENFILE/-ENOMEM/-EPERM/-ENOSYS.
/// Matches io_uring_setup() in liburing. Available since Linux 5.1.
[[gnu::always_inline]] inline long uring_setup(uint32_t entries, void* params) noexcept {
  FRING_SYS_FAULT_POINT(Call::uring_setup);
  return arch::syscall2(nr::uring_setup, entries, detail::arg(params));
}

/// io_uring_enter(2) with the extended argument: submits `to_submit` SQEs and
/// waits for `min_complete` CQEs per `flags`; `arg`/`argsz` is a signal mask
/// or, with enter::ext_arg, a struct GeteventsArg.
/// Returns the number of SQEs consumed, or -EAGAIN/-EBADF/-EBUSY/-EFAULT/-EINTR/
/// -EINVAL/-ETIME/-EOPNOTSUPP. Matches io_uring_enter2() in liburing.
/// Available since Linux 5.1 (EXT_ARG since 5.11).
[[gnu::always_inline]] inline long uring_enter2(int fd, unsigned to_submit,
                                                   unsigned min_complete, unsigned flags,
                                                   const void* arg, size_t argsz) noexcept {
  FRING_SYS_FAULT_POINT(Call::uring_enter);
  return arch::syscall6(nr::uring_enter, fd, to_submit, min_complete, flags,
                        detail::arg(const_cast<void*>(arg)), static_cast<long>(argsz));
}

/// io_uring_enter(2) with an optional signal mask (`sigmask` may be null).
/// Returns as io_uring_enter2(). Matches io_uring_enter() in liburing.
/// Available since Linux 5.1.
[[gnu::always_inline]] inline long uring_enter(int fd, unsigned to_submit,
                                                  unsigned min_complete, unsigned flags,
                                                  const void* sigmask) noexcept {
  return uring_enter2(fd, to_submit, min_complete, flags, sigmask, nsig_bytes);
}

/// io_uring_enter(2) with no signal mask and no extended argument: the
/// submit-and-reap call of the hot path, one argument register fewer (the
/// kernel reads the size only when the argument is not null).
/// Returns as io_uring_enter2(). Matches io_uring_enter() in liburing with a
/// null sigmask. Available since Linux 5.1.
[[gnu::always_inline]] inline long uring_enter_nosig(int fd, unsigned to_submit,
                                                        unsigned min_complete,
                                                        unsigned flags) noexcept {
  FRING_SYS_FAULT_POINT(Call::uring_enter);
  return arch::syscall5(nr::uring_enter, fd, to_submit, min_complete, flags, 0);
}

/// io_uring_register(2): registers or queries resources of ring `fd`
/// (`opcode` is a reg_op:: value; fd -1 for ring-less queries).
/// Returns an opcode-specific value, or -EINVAL/-EBUSY/-EFAULT/-ENOMEM/-ENXIO/
/// -EOPNOTSUPP/-EEXIST/-EBADF. Matches io_uring_register() in liburing.
/// Available since Linux 5.1.
[[gnu::always_inline]] inline long uring_register(int fd, unsigned opcode, const void* arg,
                                                     unsigned nr_args) noexcept {
  FRING_SYS_FAULT_POINT(Call::uring_register);
  return arch::syscall4(nr::uring_register, fd, opcode,
                        detail::arg(const_cast<void*>(arg)), nr_args);
}

/// mmap(2). Returns the address as a long, or -ENOMEM/-EINVAL/-EBADF/-EACCES.
/// No liburing equivalent (liburing calls it internally). Available since Linux 1.0.
[[gnu::always_inline]] inline long mmap(void* addr, size_t length, int prot, int flags, int fd,
                                        long offset) noexcept {
  FRING_SYS_FAULT_POINT(Call::mmap);
  return arch::syscall6(nr::mmap, detail::arg(addr), static_cast<long>(length), prot, flags, fd,
                        offset);
}

/// munmap(2). Returns 0 or -EINVAL. No liburing equivalent (liburing calls
/// libc's). Available since Linux 1.0.
[[gnu::always_inline]] inline long munmap(void* addr, size_t length) noexcept {
  FRING_SYS_FAULT_POINT(Call::munmap);
  return arch::syscall2(nr::munmap, detail::arg(addr), static_cast<long>(length));
}

/// madvise(2). Returns 0 or -EINVAL/-ENOMEM/-EAGAIN. No liburing equivalent
/// (liburing calls libc's). Available since Linux 2.4.
[[gnu::always_inline]] inline long madvise(void* addr, size_t length, int advice) noexcept {
  FRING_SYS_FAULT_POINT(Call::madvise);
  return arch::syscall3(nr::madvise, detail::arg(addr), static_cast<long>(length), advice);
}

/// close(2). Returns 0 or -EBADF/-EINTR/-EIO. No liburing equivalent (liburing
/// calls libc's). Available since Linux 1.0.
[[gnu::always_inline]] inline long close(int fd) noexcept {
  FRING_SYS_FAULT_POINT(Call::close);
  return arch::syscall1(nr::close, fd);
}

/// read(2). Returns the byte count or -errno (-EBADF, -EFAULT, -EINTR, -EIO...).
/// No liburing equivalent. Available since Linux 1.0.
[[gnu::always_inline]] inline long read(int fd, void* buf, size_t count) noexcept {
  FRING_SYS_FAULT_POINT(Call::read);
  return arch::syscall3(nr::read, fd, detail::arg(buf), static_cast<long>(count));
}

/// write(2). Returns the byte count or -errno (-EBADF, -EFAULT, -EPIPE, -EINTR...).
/// No liburing equivalent. Available since Linux 1.0.
[[gnu::always_inline]] inline long write(int fd, const void* buf, size_t count) noexcept {
  FRING_SYS_FAULT_POINT(Call::write);
  return arch::syscall3(nr::write, fd, detail::arg(const_cast<void*>(buf)),
                        static_cast<long>(count));
}

/// openat(2). Returns the new fd or -errno (-ENOENT, -EACCES, -EMFILE...).
/// No liburing equivalent. Available since Linux 2.6.16.
[[gnu::always_inline]] inline long openat(int dirfd, const char* path, int flags,
                                          unsigned mode) noexcept {
  FRING_SYS_FAULT_POINT(Call::openat);
  return arch::syscall4(nr::openat, dirfd, detail::arg(const_cast<char*>(path)), flags, mode);
}

/// getpid(2). Returns the process id (never fails). No liburing equivalent.
/// Available since Linux 1.0.
[[gnu::always_inline]] inline long getpid() noexcept {
  FRING_SYS_FAULT_POINT(Call::getpid);
  return arch::syscall0(nr::getpid);
}

/// reboot(2) with the magic numbers filled in; `cmd` is e.g. reboot_cmd_power_off.
/// Returns -EPERM without CAP_SYS_BOOT; does not return on success.
/// No liburing equivalent. Available since Linux 1.0.
[[gnu::always_inline]] inline long reboot(long cmd) noexcept {
  FRING_SYS_FAULT_POINT(Call::reboot);
  return arch::syscall4(nr::reboot, reboot_magic1, reboot_magic2, cmd, 0);
}

/// exit_group(2): ends every thread of the process with `status`. Never returns.
/// No liburing equivalent. Available since Linux 2.6.
[[noreturn, gnu::always_inline]] inline void exit_group(int status) noexcept {
  arch::syscall1(nr::exit_group, status);
  __builtin_unreachable();
}

}  // namespace fring::sys

#endif  // FRING_SYSCALL_SYSCALL_H
