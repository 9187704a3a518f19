// SPDX-License-Identifier: MIT
// Harness self-test: a unit with a failing check. Booted as /init, the VM
// runner must report it as failed (guest exit status 1).
#include "tests/support/fring_test.h"

TEST_CASE("deliberately failing") { CHECK(1 + 1 == 3); }
