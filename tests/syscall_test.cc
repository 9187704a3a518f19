// SPDX-License-Identifier: MIT
// The arch stubs (0 to 6 arguments) and the syscall layer: numbers pinned
// against libc's, raw -errno returns, real kernel effects. (The constants
// are pinned for every arch by //tests:uapi_test; signals have
// tests/signal_test.cc.) Nothing here needs io_uring, so it all runs under
// qemu-user as well.
#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "tests/support/fring_test.h"

namespace sys = fring::sys;
namespace arch = fring::arch;

TEST_CASE("syscall numbers match libc") {
  static_assert(sys::nr::uring_setup == SYS_io_uring_setup);
  static_assert(sys::nr::uring_enter == SYS_io_uring_enter);
  static_assert(sys::nr::uring_register == SYS_io_uring_register);
  static_assert(sys::nr::write == SYS_write);
  static_assert(sys::nr::close == SYS_close);
  static_assert(sys::nr::mmap == SYS_mmap);
  static_assert(sys::nr::mprotect == SYS_mprotect);
  static_assert(sys::nr::munmap == SYS_munmap);
  static_assert(sys::nr::madvise == SYS_madvise);
  static_assert(sys::nr::rt_sigaction == SYS_rt_sigaction);
  static_assert(sys::nr::rt_sigprocmask == SYS_rt_sigprocmask);
  static_assert(sys::nr::signalfd4 == SYS_signalfd4);
  static_assert(sys::nr::clock_gettime == SYS_clock_gettime);
  static_assert(sys::nr::getrandom == SYS_getrandom);
  static_assert(sys::nr::getpid == SYS_getpid);
  static_assert(sys::nr::reboot == SYS_reboot);
  static_assert(sys::nr::exit_group == SYS_exit_group);
  CHECK(sys::nr::uring_setup == 425);
  CHECK(sys::nsig_bytes == 8);
}

TEST_CASE("stubs pass 0 to 6 arguments") {
  // 0 arguments.
  CHECK(arch::syscall0(sys::nr::getpid) == getpid());
  // 1 argument: a closed fd gives the raw -EBADF.
  CHECK(arch::syscall1(sys::nr::close, -1) == -EBADF);
  // 2 arguments: PR_GET_NAME reads back what PR_SET_NAME (5 arguments) wrote.
  char name[16] = {};
  REQUIRE(arch::syscall5(SYS_prctl, PR_SET_NAME, reinterpret_cast<long>("fring-stub"), 0, 0, 0) ==
          0);
  REQUIRE(arch::syscall2(SYS_prctl, PR_GET_NAME, reinterpret_cast<long>(name)) == 0);
  CHECK(std::strcmp(name, "fring-stub") == 0);
  // 3 arguments: write to a pipe, read it back.
  int p[2];
  REQUIRE(pipe(p) == 0);
  CHECK(arch::syscall3(sys::nr::write, p[1], reinterpret_cast<long>("abc"), 3) == 3);
  char buf[4] = {};
  CHECK(arch::syscall3(SYS_read, p[0], reinterpret_cast<long>(buf), 3) == 3);
  CHECK(std::strcmp(buf, "abc") == 0);
  close(p[0]);
  close(p[1]);
  // 4 arguments: openat with flags and mode.
  const long fd = arch::syscall4(SYS_openat, AT_FDCWD, reinterpret_cast<long>("/dev/null"),
                                 O_RDONLY | O_CLOEXEC, 0);
  REQUIRE(fd >= 0);
  CHECK(fcntl(static_cast<int>(fd), F_GETFD) == FD_CLOEXEC);
  close(static_cast<int>(fd));
  // 6 arguments: an anonymous mapping we can write to.
  const long addr = arch::syscall6(sys::nr::mmap, 0, 4096, PROT_READ | PROT_WRITE,
                                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  REQUIRE(addr > 0);
  *reinterpret_cast<volatile int*>(addr) = 42;
  CHECK(*reinterpret_cast<volatile int*>(addr) == 42);
  CHECK(munmap(reinterpret_cast<void*>(addr), 4096) == 0);
}

TEST_CASE("wrappers return raw results") {
  CHECK(sys::getpid() == getpid());
  CHECK(sys::close(-1) == -EBADF);
  CHECK(sys::write(-1, "x", 1) == -EBADF);
  CHECK(sys::munmap(reinterpret_cast<void*>(1), 4096) == -EINVAL);  // unaligned
  CHECK(sys::mmap(nullptr, 0, fring::prot::read,
                  fring::map_flag::private_ | fring::map_flag::anonymous, -1, 0) == -EINVAL);
  const long addr = sys::mmap(nullptr, 8192, fring::prot::read | fring::prot::write,
                              fring::map_flag::private_ | fring::map_flag::anonymous, -1, 0);
  REQUIRE(addr > 0);
  CHECK(sys::madvise(reinterpret_cast<void*>(addr), 8192, fring::madv::dontfork) == 0);
  CHECK(sys::munmap(reinterpret_cast<void*>(addr), 8192) == 0);
  // Not root in a test sandbox, or root outside PID 1: either way no reboot.
  if (getpid() != 1) CHECK(sys::reboot(0x12345678) == -EINVAL);
  CHECK(sys::uring_register(-1, 0xffff, nullptr, 0) < 0);
}

TEST_CASE("mprotect takes write access away and gives it back") {
  const long addr = sys::mmap(nullptr, 4096, fring::prot::read | fring::prot::write,
                              fring::map_flag::private_ | fring::map_flag::anonymous, -1, 0);
  REQUIRE(addr > 0);
  void* page = reinterpret_cast<void*>(addr);
  *static_cast<volatile char*>(page) = 1;
  CHECK(sys::mprotect(page, 4096, fring::prot::read) == 0);
  // A child writes to the page: it must die of SIGSEGV.
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    signal(SIGSEGV, SIG_DFL);
    *static_cast<volatile char*>(page) = 2;
    _exit(0);
  }
  int status = 0;
  REQUIRE(waitpid(child, &status, 0) == child);
  CHECK(WIFSIGNALED(status));
  CHECK(WTERMSIG(status) == SIGSEGV);
  CHECK(sys::mprotect(page, 4096, fring::prot::read | fring::prot::write) == 0);
  *static_cast<volatile char*>(page) = 3;
  CHECK(*static_cast<volatile char*>(page) == 3);
  CHECK(sys::mprotect(reinterpret_cast<char*>(page) + 1, 4096, fring::prot::read) == -EINVAL);
  CHECK(sys::munmap(page, 4096) == 0);
}

TEST_CASE("clock_gettime reads the clocks as libc does") {
  fring::Timespec before{}, now{};
  timespec libc{};
  REQUIRE(sys::clock_gettime(fring::clock_id::monotonic, &before) == 0);
  REQUIRE(clock_gettime(CLOCK_MONOTONIC, &libc) == 0);
  REQUIRE(sys::clock_gettime(fring::clock_id::monotonic, &now) == 0);
  // Monotonic: libc's reading lies between fring's two.
  const auto ns = [](int64_t s, int64_t n) { return s * 1000000000 + n; };
  CHECK(ns(before.tv_sec, before.tv_nsec) <= ns(libc.tv_sec, libc.tv_nsec));
  CHECK(ns(libc.tv_sec, libc.tv_nsec) <= ns(now.tv_sec, now.tv_nsec));
  CHECK(now.tv_nsec >= 0);
  CHECK(now.tv_nsec < 1000000000);
  fring::Timespec real{};
  CHECK(sys::clock_gettime(fring::clock_id::realtime, &real) == 0);
  CHECK(real.tv_sec > 1600000000);  // after September 2020
  CHECK(sys::clock_gettime(fring::clock_id::boottime, &real) == 0);
  CHECK(sys::clock_gettime(-42, &real) == -EINVAL);
}

TEST_CASE("getrandom fills the buffer") {
  unsigned char a[64] = {}, b[64] = {};
  CHECK(sys::getrandom(a, sizeof a, 0) == 64);
  CHECK(sys::getrandom(b, sizeof b, fring::grnd::nonblock) == 64);
  // 64 random bytes twice alike, or all zero: one chance in 2^512.
  CHECK(std::memcmp(a, b, sizeof a) != 0);
  const unsigned char zero[64] = {};
  CHECK(std::memcmp(a, zero, sizeof a) != 0);
  CHECK(sys::getrandom(a, 0, 0) == 0);
  CHECK(sys::getrandom(a, sizeof a, 0x80) == -EINVAL);  // an unknown flag
}

TEST_CASE("exit_group ends the process with its status") {
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) sys::exit_group(7);
  int status = 0;
  REQUIRE(waitpid(child, &status, 0) == child);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 7);
}
