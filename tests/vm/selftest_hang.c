// SPDX-License-Identifier: MIT
// Harness self-test: an /init that never finishes. The VM runner must stop
// the guest at its time limit and report a hang.
#include <unistd.h>

int main(void) {
  for (;;) pause();
}
