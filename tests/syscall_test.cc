// SPDX-License-Identifier: MIT
// The arch stubs (0 to 6 arguments) and the syscall layer: numbers and
// constants pinned against libc's, raw -errno returns, real kernel effects.
// Nothing here needs io_uring, so it all runs under qemu-user as well.
#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/reboot.h>
#include <sys/syscall.h>
#include <sys/wait.h>
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
  static_assert(sys::nr::read == SYS_read);
  static_assert(sys::nr::write == SYS_write);
  static_assert(sys::nr::close == SYS_close);
  static_assert(sys::nr::mmap == SYS_mmap);
  static_assert(sys::nr::munmap == SYS_munmap);
  static_assert(sys::nr::madvise == SYS_madvise);
  static_assert(sys::nr::getpid == SYS_getpid);
  static_assert(sys::nr::reboot == SYS_reboot);
  static_assert(sys::nr::exit_group == SYS_exit_group);
  static_assert(sys::nr::openat == SYS_openat);
  CHECK(sys::nr::uring_setup == 425);
}

TEST_CASE("constants match libc") {
  static_assert(fring::prot::read == PROT_READ && fring::prot::write == PROT_WRITE);
  static_assert(fring::map_flag::shared == MAP_SHARED && fring::map_flag::private_ == MAP_PRIVATE);
  static_assert(fring::map_flag::anonymous == MAP_ANONYMOUS && fring::map_flag::populate == MAP_POPULATE);
  static_assert(fring::madv::dontfork == MADV_DONTFORK && fring::madv::dofork == MADV_DOFORK);
  static_assert(fring::at::fdcwd == AT_FDCWD);
  static_assert(fring::open_flag::rdonly == O_RDONLY && fring::open_flag::wronly == O_WRONLY && fring::open_flag::rdwr == O_RDWR);
  static_assert(fring::open_flag::creat == O_CREAT && fring::open_flag::trunc == O_TRUNC && fring::open_flag::append == O_APPEND);
  static_assert(fring::open_flag::cloexec == O_CLOEXEC);
  static_assert(sys::reboot_cmd_power_off == static_cast<long>(static_cast<unsigned>(RB_POWER_OFF)));
  CHECK(sys::nsig_bytes == 8);
}

TEST_CASE("stubs pass 0 to 6 arguments") {
  // 0 arguments.
  CHECK(arch::syscall0(sys::nr::getpid) == getpid());
  // 1 argument: a closed fd gives the raw -EBADF.
  CHECK(arch::syscall1(sys::nr::close, -1) == -EBADF);
  // 2 arguments: PR_GET_NAME reads back what PR_SET_NAME (5 arguments) wrote.
  char name[16] = {};
  REQUIRE(arch::syscall5(SYS_prctl, PR_SET_NAME, reinterpret_cast<long>("fring-stub"), 0, 0, 0) == 0);
  REQUIRE(arch::syscall2(SYS_prctl, PR_GET_NAME, reinterpret_cast<long>(name)) == 0);
  CHECK(std::strcmp(name, "fring-stub") == 0);
  // 3 arguments: write to a pipe, read it back.
  int p[2];
  REQUIRE(pipe(p) == 0);
  CHECK(arch::syscall3(sys::nr::write, p[1], reinterpret_cast<long>("abc"), 3) == 3);
  char buf[4] = {};
  CHECK(arch::syscall3(sys::nr::read, p[0], reinterpret_cast<long>(buf), 3) == 3);
  CHECK(std::strcmp(buf, "abc") == 0);
  close(p[0]);
  close(p[1]);
  // 4 arguments: openat with flags and mode.
  const long fd = arch::syscall4(sys::nr::openat, AT_FDCWD, reinterpret_cast<long>("/dev/null"),
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
  char c;
  CHECK(sys::read(-1, &c, 1) == -EBADF);
  CHECK(sys::openat(fring::at::fdcwd, "/nonexistent/fring", fring::open_flag::rdonly, 0) == -ENOENT);
  CHECK(sys::munmap(reinterpret_cast<void*>(1), 4096) == -EINVAL);  // unaligned
  CHECK(sys::mmap(nullptr, 0, fring::prot::read, fring::map_flag::private_ | fring::map_flag::anonymous, -1, 0) ==
        -EINVAL);
  const long addr = sys::mmap(nullptr, 8192, fring::prot::read | fring::prot::write,
                              fring::map_flag::private_ | fring::map_flag::anonymous, -1, 0);
  REQUIRE(addr > 0);
  CHECK(sys::madvise(reinterpret_cast<void*>(addr), 8192, fring::madv::dontfork) == 0);
  CHECK(sys::munmap(reinterpret_cast<void*>(addr), 8192) == 0);
  // Not root in a test sandbox, or root outside PID 1: either way no reboot.
  if (getpid() != 1) CHECK(sys::reboot(0x12345678) == -EINVAL);
  CHECK(sys::uring_register(-1, 0xffff, nullptr, 0) < 0);
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
