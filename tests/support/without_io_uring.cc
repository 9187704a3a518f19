// SPDX-License-Identifier: MIT
// Runs a program as if io_uring were unavailable: io_uring_setup fails with
// EPERM (a container's seccomp profile, kernel.io_uring_disabled) or ENOSYS
// (a kernel without it) for the program and everything it starts.
// usage: without_io_uring EPERM|ENOSYS PROGRAM [ARGS...]
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "fring/fring.h"
#include "tests/support/seccomp.h"

int main(int argc, char** argv) {
  if (argc < 3 || (strcmp(argv[1], "EPERM") != 0 && strcmp(argv[1], "ENOSYS") != 0)) {
    fprintf(stderr, "usage: without_io_uring EPERM|ENOSYS PROGRAM [ARGS...]\n");
    return 2;
  }
  const int error = strcmp(argv[1], "EPERM") == 0 ? EPERM : ENOSYS;
  if (!fring::test::deny_syscall(fring::sys::nr::uring_setup, error)) {
    perror("without_io_uring: seccomp");
    return 2;
  }
  execv(argv[2], argv + 2);
  perror("without_io_uring: exec");
  return 2;
}
