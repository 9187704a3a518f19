// SPDX-License-Identifier: MIT
// Signals as the kernel's rt_sigaction(2), rt_sigprocmask(2) and
// signalfd4(2) take them: the signal numbers, the sa_flag bits, the
// kernel's struct sigaction (not libc's, whose mask is 128 bytes), the
// 8-byte signal set, the siginfo a handler or op::waitid gets, and what a
// signalfd reads. The numbers and flags are the
// kernel's generic ones, identical on x86_64, aarch64 and riscv64; only
// SA_RESTORER and the struct's sa_restorer field are missing on riscv64,
// whose kernel has neither. fring's form (docs/contributing.md, "Names"):
// SIGINT is `sig::int_` (a trailing underscore where the name would be a
// keyword), SA_RESTART `sa_flag::restart`.
#ifndef FRING_SYSCALL_ABI_SIGNAL_H
#define FRING_SYSCALL_ABI_SIGNAL_H

#include <stddef.h>
#include <stdint.h>

namespace fring {

/// Signal numbers (the kernel's generic signal.h; the same on x86_64, aarch64 and
/// riscv64). A name that is a keyword takes a trailing underscore.
namespace sig {
/// SIGHUP: the terminal hung up.
inline constexpr int hup = 1;
/// SIGINT: interrupt from the keyboard (Ctrl-C).
inline constexpr int int_ = 2;
/// SIGQUIT: quit from the keyboard.
inline constexpr int quit = 3;
/// SIGILL: illegal instruction (what a fring misuse trap raises on x86_64).
inline constexpr int ill = 4;
/// SIGTRAP: breakpoint (a misuse trap on aarch64 and riscv64).
inline constexpr int trap = 5;
/// SIGABRT: abort.
inline constexpr int abrt = 6;
/// SIGBUS: bus error.
inline constexpr int bus = 7;
/// SIGFPE: arithmetic exception.
inline constexpr int fpe = 8;
/// SIGKILL: kill (cannot be caught, blocked or ignored).
inline constexpr int kill = 9;
/// SIGUSR1: user-defined signal 1.
inline constexpr int usr1 = 10;
/// SIGSEGV: invalid memory access.
inline constexpr int segv = 11;
/// SIGUSR2: user-defined signal 2.
inline constexpr int usr2 = 12;
/// SIGPIPE: write to a pipe or socket with no reader (ignore it to get
/// -EPIPE instead).
inline constexpr int pipe = 13;
/// SIGALRM: timer expired.
inline constexpr int alrm = 14;
/// SIGTERM: termination request.
inline constexpr int term = 15;
/// SIGSTKFLT: coprocessor stack fault (unused).
inline constexpr int stkflt = 16;
/// SIGCHLD: a child stopped or ended.
inline constexpr int chld = 17;
/// SIGCONT: continue if stopped.
inline constexpr int cont = 18;
/// SIGSTOP: stop (cannot be caught, blocked or ignored).
inline constexpr int stop = 19;
/// SIGTSTP: stop from the terminal (Ctrl-Z).
inline constexpr int tstp = 20;
/// SIGTTIN: background read from the terminal.
inline constexpr int ttin = 21;
/// SIGTTOU: background write to the terminal.
inline constexpr int ttou = 22;
/// SIGURG: urgent data on a socket.
inline constexpr int urg = 23;
/// SIGXCPU: CPU time limit exceeded.
inline constexpr int xcpu = 24;
/// SIGXFSZ: file size limit exceeded.
inline constexpr int xfsz = 25;
/// SIGVTALRM: virtual timer expired.
inline constexpr int vtalrm = 26;
/// SIGPROF: profiling timer expired.
inline constexpr int prof = 27;
/// SIGWINCH: the terminal window changed size.
inline constexpr int winch = 28;
/// SIGIO: I/O is possible (also SIGPOLL).
inline constexpr int io = 29;
/// SIGPWR: power failure.
inline constexpr int pwr = 30;
/// SIGSYS: bad system call (also what a seccomp filter raises).
inline constexpr int sys = 31;
/// SIGRTMIN: the first real-time signal as the kernel numbers them (glibc
/// keeps 32 and 33 for its threads; its SIGRTMIN is 34).
inline constexpr int rtmin = 32;
/// SIGRTMAX: the last real-time signal (_NSIG).
inline constexpr int rtmax = 64;
}  // namespace sig

/// Sigaction::sa_flags (the kernel's generic signal-defs.h).
namespace sa_flag {
/// SA_NOCLDSTOP: no SIGCHLD when a child stops or continues.
inline constexpr uint64_t nocldstop = 0x00000001;
/// SA_NOCLDWAIT: children do not become zombies.
inline constexpr uint64_t nocldwait = 0x00000002;
/// SA_SIGINFO: call Sigaction::action with the Siginfo and context.
inline constexpr uint64_t siginfo = 0x00000004;
/// SA_UNSUPPORTED: never supported; set it to learn whether the kernel
/// clears unknown flags (Linux 5.11).
inline constexpr uint64_t unsupported = 0x00000400;
/// SA_EXPOSE_TAGBITS: keep the tag bits of si_addr (Linux 5.11).
inline constexpr uint64_t expose_tagbits = 0x00000800;
#if !defined(__riscv)
/// SA_RESTORER: sa_restorer is set (x86_64 and aarch64 only; on x86_64
/// sys::rt_sigaction() sets it when the caller does not).
inline constexpr uint64_t restorer = 0x04000000;
#endif
/// SA_ONSTACK: run the handler on the alternate signal stack.
inline constexpr uint64_t onstack = 0x08000000;
/// SA_RESTART: restart system calls the signal interrupted.
inline constexpr uint64_t restart = 0x10000000;
/// SA_NODEFER: do not block the signal while its handler runs.
inline constexpr uint64_t nodefer = 0x40000000;
/// SA_RESETHAND: back to the default action once delivered.
inline constexpr uint64_t resethand = 0x80000000;
}  // namespace sa_flag

/// The `how` of rt_sigprocmask(2).
namespace sig_how {
/// SIG_BLOCK: add the set to the blocked signals.
inline constexpr int block = 0;
/// SIG_UNBLOCK: remove the set from the blocked signals.
inline constexpr int unblock = 1;
/// SIG_SETMASK: the set becomes the blocked signals.
inline constexpr int setmask = 2;
}  // namespace sig_how

/// The dispositions that are no handler, for Sigaction::disposition.
namespace sig_handler {
/// SIG_DFL: the signal's default action.
inline constexpr uintptr_t dfl = 0;
/// SIG_IGN: ignore the signal.
inline constexpr uintptr_t ign = 1;
}  // namespace sig_handler

/// The flags of signalfd4(2).
namespace sfd_flag {
/// SFD_NONBLOCK: reads return EAGAIN when no signal is pending
/// (open_flag::nonblock).
inline constexpr int nonblock = 00004000;
/// SFD_CLOEXEC: the descriptor closes on execve(2) (open_flag::cloexec).
inline constexpr int cloexec = 02000000;
}  // namespace sfd_flag

/// The bit of signal `signo` in a signal set as the kernel's rt_* calls take
/// it (8 bytes, bit signo - 1). No liburing equivalent (libc's sigaddset()
/// on its own, larger, sigset_t). Any kernel.
constexpr uint64_t sig_bit(int signo) noexcept {
  return uint64_t{1} << static_cast<unsigned>(signo - 1);
}

/// The SIGCHLD fields of siginfo_t. libc defines si_pid & co. as macros, so
/// these drop the si_ prefix. A kill() fills in pid and uid too.
struct SiginfoChild {
  int32_t pid;
  uint32_t uid;
  int32_t status;
  int64_t utime;
  int64_t stime;
};

/// siginfo_t (the kernel's generic siginfo.h), 128 bytes, with the SIGCHLD fields
/// that op::waitid fills in.
struct Siginfo {
  int32_t si_signo;
  int32_t si_errno;
  int32_t si_code;
  int32_t pad;
  union {
    SiginfoChild sigchld;
    uint8_t raw[112];
  };
};

/// struct sigaction (the arch's signal.h): the kernel's, which rt_sigaction(2)
/// reads, not libc's. glibc defines sa_handler and sa_sigaction as macros,
/// so the handler is `handler` (or `action` with sa_flag::siginfo, or
/// `disposition` for sig_handler::dfl and ::ign). riscv64 has no
/// sa_restorer.
struct Sigaction {
  union {
    void (*handler)(int);
    void (*action)(int, Siginfo*, void*);
    uintptr_t disposition;
  };
  uint64_t sa_flags;  // sa_flag bits
#if !defined(__riscv)
  void (*sa_restorer)();
#endif
  uint64_t sa_mask;  // signals blocked while the handler runs (sig_bit())
};

/// struct signalfd_siginfo (linux/signalfd.h): what a read of a signalfd
/// returns, 128 bytes per signal.
struct SignalfdSiginfo {
  uint32_t ssi_signo;
  int32_t ssi_errno;
  int32_t ssi_code;
  uint32_t ssi_pid;  // the sender, for a kill()
  uint32_t ssi_uid;
  int32_t ssi_fd;
  uint32_t ssi_tid;
  uint32_t ssi_band;
  uint32_t ssi_overrun;
  uint32_t ssi_trapno;
  int32_t ssi_status;
  int32_t ssi_int;
  uint64_t ssi_ptr;
  uint64_t ssi_utime;
  uint64_t ssi_stime;
  uint64_t ssi_addr;
  uint16_t ssi_addr_lsb;
  uint16_t pad2;
  int32_t ssi_syscall;
  uint64_t ssi_call_addr;
  uint32_t ssi_arch;
  uint8_t pad[28];
};

static_assert(sizeof(Siginfo) == 128);
static_assert(offsetof(Siginfo, sigchld) == 16);
static_assert(offsetof(Siginfo, sigchld.status) == 24);
static_assert(sizeof(SignalfdSiginfo) == 128);
static_assert(offsetof(SignalfdSiginfo, ssi_ptr) == 48);
static_assert(offsetof(SignalfdSiginfo, ssi_arch) == 96);
#if defined(__riscv)
static_assert(sizeof(Sigaction) == 24);
#else
static_assert(sizeof(Sigaction) == 32);
static_assert(offsetof(Sigaction, sa_restorer) == 16);
#endif

namespace sys {

/// The size of the kernel's signal set, passed with a sigmask to
/// rt_sigaction, rt_sigprocmask and io_uring_enter.
inline constexpr unsigned long nsig_bytes = 64 / 8;

}  // namespace sys

}  // namespace fring

#endif  // FRING_SYSCALL_ABI_SIGNAL_H
