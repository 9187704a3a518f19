// SPDX-License-Identifier: MIT
// Typed wrappers, one per kernel call that fring makes or that a program
// without libc needs around its ring (signals, clocks, memory, randomness,
// exit). Each returns the raw result: a value on success, -errno on failure
// (-4095..-1). Nothing here interprets results; core/ turns them into
// Result<T>. The constants they take are in syscall/abi/.
#ifndef FRING_SYSCALL_SYSCALL_H
#define FRING_SYSCALL_SYSCALL_H

#include <stddef.h>
#include <stdint.h>

#include "fring/arch/signal.h"
#include "fring/arch/syscall.h"
#include "fring/syscall/abi/mman.h"
#include "fring/syscall/abi/random.h"
#include "fring/syscall/abi/reboot.h"
#include "fring/syscall/abi/signal.h"
#include "fring/syscall/abi/time.h"
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
[[gnu::always_inline]] inline long uring_enter2(int fd, unsigned to_submit, unsigned min_complete,
                                                unsigned flags, const void* arg,
                                                size_t argsz) noexcept {
  FRING_SYS_FAULT_POINT(Call::uring_enter);
  return arch::syscall6(nr::uring_enter, fd, to_submit, min_complete, flags,
                        detail::arg(const_cast<void*>(arg)), static_cast<long>(argsz));
}

/// io_uring_enter(2) with an optional signal mask (`sigmask` may be null).
/// Returns as io_uring_enter2(). Matches io_uring_enter() in liburing.
/// Available since Linux 5.1.
[[gnu::always_inline]] inline long uring_enter(int fd, unsigned to_submit, unsigned min_complete,
                                               unsigned flags, const void* sigmask) noexcept {
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
  return arch::syscall4(nr::uring_register, fd, opcode, detail::arg(const_cast<void*>(arg)),
                        nr_args);
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

/// write(2). Returns the byte count or -errno (-EBADF, -EFAULT, -EPIPE, -EINTR...).
/// No liburing equivalent. Available since Linux 1.0.
[[gnu::always_inline]] inline long write(int fd, const void* buf, size_t count) noexcept {
  FRING_SYS_FAULT_POINT(Call::write);
  return arch::syscall3(nr::write, fd, detail::arg(const_cast<void*>(buf)),
                        static_cast<long>(count));
}

/// getpid(2). Returns the process id (never fails). No liburing equivalent.
/// Available since Linux 1.0.
[[gnu::always_inline]] inline long getpid() noexcept {
  FRING_SYS_FAULT_POINT(Call::getpid);
  return arch::syscall0(nr::getpid);
}

/// reboot(2) with the magic numbers filled in; `cmd` is a reboot_cmd::
/// value (reboot_cmd::power_off for a program that runs as PID 1).
/// Returns -EPERM without CAP_SYS_BOOT, -EINVAL for an unknown command; does
/// not return on success. No liburing equivalent. Available since Linux 1.0.
[[gnu::always_inline]] inline long reboot(unsigned cmd) noexcept {
  FRING_SYS_FAULT_POINT(Call::reboot);
  return arch::syscall4(nr::reboot, reboot_magic::magic1, reboot_magic::magic2, cmd, 0);
}

/// mprotect(2): sets the prot:: bits of whole pages at `addr`. Returns 0 or
/// -EINVAL/-ENOMEM/-EACCES. No liburing equivalent. Available since Linux 1.0.
[[gnu::always_inline]] inline long mprotect(void* addr, size_t length, int prot) noexcept {
  FRING_SYS_FAULT_POINT(Call::mprotect);
  return arch::syscall3(nr::mprotect, detail::arg(addr), static_cast<long>(length), prot);
}

/// rt_sigaction(2): sets the action of signal `sig` from `act` (unless null)
/// and stores the previous one in `oldact` (unless null); the kernel's
/// Sigaction, an 8-byte mask. On x86_64, where the kernel returns from a
/// handler only through sa_restorer, an `act` without sa_flag::restorer is
/// passed with fring's restorer (arch::restore_rt), as libc's sigaction()
/// does; aarch64 and riscv64 return through the vDSO. Returns 0 or -EINVAL
/// (a bad signal number, or SIGKILL or SIGSTOP)/-EFAULT. No liburing
/// equivalent (libc's sigaction()). Available since Linux 2.2.
[[gnu::always_inline]] inline long rt_sigaction(int sig, const Sigaction* act,
                                                Sigaction* oldact) noexcept {
  FRING_SYS_FAULT_POINT(Call::rt_sigaction);
#if defined(__x86_64__)
  Sigaction with_restorer;
  if (act != nullptr && (act->sa_flags & sa_flag::restorer) == 0) {
    with_restorer = *act;
    with_restorer.sa_flags |= sa_flag::restorer;
    with_restorer.sa_restorer = arch::restore_rt;
    act = &with_restorer;
  }
#endif
  return arch::syscall4(nr::rt_sigaction, sig, detail::arg(act), detail::arg(oldact),
                        static_cast<long>(nsig_bytes));
}

/// rt_sigprocmask(2): changes the calling thread's blocked signals by `how`
/// (a sig_how:: value) with `set` (unless null; sig_bit() bits) and stores
/// the previous ones in `oldset` (unless null). Returns 0 or -EINVAL/-EFAULT.
/// No liburing equivalent (libc's sigprocmask()). Available since Linux 2.2.
[[gnu::always_inline]] inline long rt_sigprocmask(int how, const uint64_t* set,
                                                  uint64_t* oldset) noexcept {
  FRING_SYS_FAULT_POINT(Call::rt_sigprocmask);
  return arch::syscall4(nr::rt_sigprocmask, how, detail::arg(set), detail::arg(oldset),
                        static_cast<long>(nsig_bytes));
}

/// signalfd4(2): a descriptor from which the signals of `mask` (sig_bit()
/// bits; block them with rt_sigprocmask() so that they wait to be read)
/// are read as SignalfdSiginfo records, a ring's read among them; `fd` -1
/// makes one, an existing signalfd changes its mask. `flags` are sfd_flag::
/// bits. Returns the descriptor or -EINVAL/-EBADF/-EMFILE/-ENFILE/-ENOMEM.
/// No liburing equivalent (libc's signalfd()). Available since Linux 2.6.27.
[[gnu::always_inline]] inline long signalfd4(int fd, const uint64_t* mask, int flags) noexcept {
  FRING_SYS_FAULT_POINT(Call::signalfd4);
  return arch::syscall4(nr::signalfd4, fd, detail::arg(mask), static_cast<long>(nsig_bytes), flags);
}

/// clock_gettime(2): stores the time of clock `clock` (a clock_id:: value)
/// in `ts`. Returns 0 or -EINVAL (an unknown clock)/-EFAULT. Always a system
/// call: fring does not look for the vDSO. No liburing equivalent.
/// Available since Linux 2.6.
[[gnu::always_inline]] inline long clock_gettime(int clock, Timespec* ts) noexcept {
  FRING_SYS_FAULT_POINT(Call::clock_gettime);
  return arch::syscall2(nr::clock_gettime, clock, detail::arg(ts));
}

/// getrandom(2): fills `length` bytes at `buf` with random bytes, per `flags`
/// (grnd:: bits). Returns the byte count (a request above 256 bytes may be
/// cut short by a signal) or -EAGAIN/-EINTR/-EINVAL/-EFAULT. No liburing
/// equivalent. Available since Linux 3.17.
[[gnu::always_inline]] inline long getrandom(void* buf, size_t length, unsigned flags) noexcept {
  FRING_SYS_FAULT_POINT(Call::getrandom);
  return arch::syscall3(nr::getrandom, detail::arg(buf), static_cast<long>(length), flags);
}

/// exit_group(2): ends every thread of the process with `status`. Never returns.
/// No liburing equivalent. Available since Linux 2.6.
[[noreturn, gnu::always_inline]] inline void exit_group(int status) noexcept {
  arch::syscall1(nr::exit_group, status);
  __builtin_unreachable();
}

}  // namespace fring::sys

#endif  // FRING_SYSCALL_SYSCALL_H
