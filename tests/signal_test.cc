// SPDX-License-Identifier: MIT
// Signals through the syscall layer, delivered for real: handlers installed
// with sys::rt_sigaction() run and return (through fring's restorer on
// x86_64, the vDSO's on aarch64 and riscv64, qemu's under qemu-user), an
// SA_SIGINFO handler gets its Siginfo, the previous action reads back,
// SIG_IGN turns SIGPIPE into EPIPE, rt_sigprocmask() holds a signal back
// until it is unblocked, a signalfd reads blocked signals, and bad
// arguments get -EINVAL.
#include <signal.h>
#include <unistd.h>

#include <cerrno>

#include "tests/support/files.h"
#include "tests/support/fring_test.h"

namespace sys = fring::sys;
using fring::Sigaction;
using fring::Siginfo;
namespace sig = fring::sig;
namespace sa_flag = fring::sa_flag;

namespace {

volatile int delivered = 0;
volatile int last_signo = 0;
Siginfo last_info;

void count(int signo) {
  delivered = delivered + 1;
  last_signo = signo;
}

void record(int signo, Siginfo* info, void*) {
  delivered = delivered + 1;
  last_signo = signo;
  last_info = *info;
}

// Installs `act` for `signo` for the length of a test case, then puts the
// default action back.
struct Installed {
  Installed(int signo, const Sigaction& act) : signo_(signo) {
    REQUIRE(sys::rt_sigaction(signo, &act, nullptr) == 0);
  }
  ~Installed() {
    Sigaction dfl{};
    dfl.disposition = fring::sig_handler::dfl;
    CHECK(sys::rt_sigaction(signo_, &dfl, nullptr) == 0);
  }
  int signo_;
};

Sigaction handler_action(void (*handler)(int)) {
  Sigaction act{};
  act.handler = handler;
  return act;
}

}  // namespace

TEST_CASE("a handler runs on the signal and returns to the code it interrupted") {
  Installed installed(sig::usr1, handler_action(count));
  delivered = 0;
  // Values live across the signal: the return path must restore them.
  volatile double kept = 2.5;
  volatile long also = 0x1234567890;
  REQUIRE(kill(getpid(), SIGUSR1) == 0);
  CHECK(delivered == 1);
  CHECK(last_signo == sig::usr1);
  CHECK(kept == 2.5);
  CHECK(also == 0x1234567890);
  REQUIRE(kill(getpid(), SIGUSR1) == 0);
  CHECK(delivered == 2);
}

TEST_CASE("an SA_SIGINFO handler gets the sender in its Siginfo") {
  Sigaction act{};
  act.action = record;
  act.sa_flags = sa_flag::siginfo;
  Installed installed(sig::usr2, act);
  delivered = 0;
  last_info = Siginfo{};
  REQUIRE(kill(getpid(), SIGUSR2) == 0);
  REQUIRE(delivered == 1);
  CHECK(last_info.si_signo == sig::usr2);
  CHECK(last_info.si_code == SI_USER);
  CHECK(last_info.sigchld.pid == getpid());
  CHECK(last_info.sigchld.uid == getuid());
}

TEST_CASE("the previous action reads back as it was set") {
  Sigaction act = handler_action(count);
  act.sa_flags = sa_flag::restart;
  act.sa_mask = fring::sig_bit(sig::usr2) | fring::sig_bit(sig::term);
  Installed installed(sig::usr1, act);
  Sigaction old{};
  REQUIRE(sys::rt_sigaction(sig::usr1, nullptr, &old) == 0);
  CHECK(static_cast<bool>(old.handler == count));
  CHECK((old.sa_flags & sa_flag::restart) != 0);
  CHECK(old.sa_mask == (fring::sig_bit(sig::usr2) | fring::sig_bit(sig::term)));
#if defined(__x86_64__)
  // x86_64 needs a restorer; the wrapper supplied fring's.
  CHECK((old.sa_flags & sa_flag::restorer) != 0);
  CHECK(static_cast<bool>(old.sa_restorer == fring::arch::restore_rt));
#endif
  // libc reads the same action.
  struct sigaction libc {};
  REQUIRE(sigaction(SIGUSR1, nullptr, &libc) == 0);
  CHECK(static_cast<bool>(libc.sa_handler == count));
  CHECK(sigismember(&libc.sa_mask, SIGUSR2) == 1);
  CHECK(sigismember(&libc.sa_mask, SIGTERM) == 1);
  CHECK(sigismember(&libc.sa_mask, SIGINT) == 0);
}

TEST_CASE("SIG_IGN on SIGPIPE turns a write to a closed pipe into EPIPE") {
  Sigaction ignore{};
  ignore.disposition = fring::sig_handler::ign;
  Installed installed(sig::pipe, ignore);
  fring::test::Pipe p;
  REQUIRE(close(p.fds[0]) == 0);
  p.fds[0] = -1;
  CHECK(sys::write(p.fds[1], "x", 1) == -EPIPE);
  struct sigaction libc {};
  REQUIRE(sigaction(SIGPIPE, nullptr, &libc) == 0);
  CHECK(static_cast<bool>(libc.sa_handler == SIG_IGN));
}

TEST_CASE("a blocked signal waits until rt_sigprocmask unblocks it") {
  Installed installed(sig::usr1, handler_action(count));
  delivered = 0;
  const uint64_t usr1 = fring::sig_bit(sig::usr1);
  uint64_t before = 0;
  REQUIRE(sys::rt_sigprocmask(fring::sig_how::block, &usr1, &before) == 0);
  CHECK((before & usr1) == 0);
  REQUIRE(kill(getpid(), SIGUSR1) == 0);
  CHECK(delivered == 0);
  sigset_t pending;
  REQUIRE(sigpending(&pending) == 0);
  CHECK(sigismember(&pending, SIGUSR1) == 1);
  uint64_t now = 0;
  REQUIRE(sys::rt_sigprocmask(fring::sig_how::block, nullptr, &now) == 0);
  CHECK((now & usr1) != 0);
  // Unblocking delivers it before the call returns.
  REQUIRE(sys::rt_sigprocmask(fring::sig_how::setmask, &before, nullptr) == 0);
  CHECK(delivered == 1);
  REQUIRE(sys::rt_sigprocmask(fring::sig_how::block, nullptr, &now) == 0);
  CHECK(now == before);
}

TEST_CASE("a signalfd reads the blocked signals of its mask") {
  const uint64_t mask = fring::sig_bit(sig::usr2) | fring::sig_bit(sig::usr1);
  uint64_t before = 0;
  REQUIRE(sys::rt_sigprocmask(fring::sig_how::block, &mask, &before) == 0);
  const long fd = sys::signalfd4(-1, &mask, fring::sfd_flag::cloexec | fring::sfd_flag::nonblock);
  REQUIRE(fd >= 0);
  fring::SignalfdSiginfo info{};
  CHECK(read(static_cast<int>(fd), &info, sizeof info) == -1);
  CHECK(errno == EAGAIN);
  REQUIRE(kill(getpid(), SIGUSR2) == 0);
  REQUIRE(read(static_cast<int>(fd), &info, sizeof info) == static_cast<ssize_t>(sizeof info));
  CHECK(info.ssi_signo == static_cast<uint32_t>(sig::usr2));
  CHECK(info.ssi_code == SI_USER);
  CHECK(info.ssi_pid == static_cast<uint32_t>(getpid()));
  // Read, so no longer pending.
  sigset_t pending;
  REQUIRE(sigpending(&pending) == 0);
  CHECK(sigismember(&pending, SIGUSR2) == 0);
  // The same descriptor with another mask.
  const uint64_t usr1 = fring::sig_bit(sig::usr1);
  CHECK(sys::signalfd4(static_cast<int>(fd), &usr1, 0) == fd);
  CHECK(sys::signalfd4(-1, &mask, 0x1) == -EINVAL);  // not an sfd_flag
  CHECK(close(static_cast<int>(fd)) == 0);
  REQUIRE(sys::rt_sigprocmask(fring::sig_how::setmask, &before, nullptr) == 0);
}

TEST_CASE("bad signal arguments get -EINVAL") {
  const Sigaction act = handler_action(count);
  CHECK(sys::rt_sigaction(sig::kill, &act, nullptr) == -EINVAL);
  CHECK(sys::rt_sigaction(sig::stop, &act, nullptr) == -EINVAL);
  CHECK(sys::rt_sigaction(0, &act, nullptr) == -EINVAL);
  CHECK(sys::rt_sigaction(sig::rtmax + 1, &act, nullptr) == -EINVAL);
  const uint64_t set = 0;
  CHECK(sys::rt_sigprocmask(99, &set, nullptr) == -EINVAL);
}
