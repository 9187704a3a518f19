// SPDX-License-Identifier: MIT
// Harness self-test: an /init that starts, says so, and exits. The kernel
// panics ("Attempted to kill init") after /init started; the VM runner must
// report the panic, without retrying the boot.
#include <stdio.h>

int main(void) {
  printf("fring-vm: started: selftest_panic\n");
  return 0;
}
