// SPDX-License-Identifier: MIT
// What waitid(2) and op::waitid take and report: the id types, the options,
// and the si_code of the Siginfo it fills in, in fring's form
// (docs/contributing.md, "Names"): P_PID is `idtype::pid`, WEXITED
// `wait_flag::exited`, CLD_EXITED `cld::exited`. The same on x86_64,
// aarch64 and riscv64.
#ifndef FRING_CORE_UAPI_WAIT_H
#define FRING_CORE_UAPI_WAIT_H

namespace fring {

/// Which children waitid(2) waits for (its idtype argument).
namespace idtype {
/// P_ALL: any child (the id is ignored).
inline constexpr int all = 0;
/// P_PID: the child whose process id is the id.
inline constexpr int pid = 1;
/// P_PGID: any child in the process group of the id.
inline constexpr int pgid = 2;
/// P_PIDFD: the child the pidfd id refers to (Linux 5.4).
inline constexpr int pidfd = 3;
}  // namespace idtype

/// The options of waitid(2) and op::waitid: which changes to wait for, at
/// least one of exited, stopped and continued.
namespace wait_flag {
/// WNOHANG: return at once if no child changed.
inline constexpr int nohang = 0x00000001;
/// WSTOPPED: children stopped by a signal (also WUNTRACED).
inline constexpr int stopped = 0x00000002;
/// WEXITED: children that ended.
inline constexpr int exited = 0x00000004;
/// WCONTINUED: stopped children continued by SIGCONT.
inline constexpr int continued = 0x00000008;
/// WNOWAIT: leave the child waitable (do not reap it).
inline constexpr int nowait = 0x01000000;
/// __WNOTHREAD: not the children of other threads of the group.
inline constexpr int nothread = 0x20000000;
/// __WALL: every child, whatever its exit signal.
inline constexpr int all = 0x40000000;
}  // namespace wait_flag

/// Siginfo::si_code of a SIGCHLD, and of op::waitid's result.
namespace cld {
/// CLD_EXITED: the child ended; sigchld.status is its exit status.
inline constexpr int exited = 1;
/// CLD_KILLED: a signal killed the child; sigchld.status is the signal.
inline constexpr int killed = 2;
/// CLD_DUMPED: a signal killed the child, which dumped core.
inline constexpr int dumped = 3;
/// CLD_TRAPPED: a traced child trapped.
inline constexpr int trapped = 4;
/// CLD_STOPPED: a signal stopped the child.
inline constexpr int stopped = 5;
/// CLD_CONTINUED: the stopped child continued.
inline constexpr int continued = 6;
}  // namespace cld

}  // namespace fring

#endif  // FRING_CORE_UAPI_WAIT_H
