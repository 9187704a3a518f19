#!/bin/bash
# SPDX-License-Identifier: MIT
# A run without io_uring is a failure, not a pass with every ring test
# skipped: a ring test binary whose io_uring_setup fails with EPERM (as under
# a container's seccomp profile) or ENOSYS (a kernel without it) exits
# non-zero and says why; only under qemu-user (FRING_QEMU_USER) may it pass
# with the ring tests skipped. A binary without ring tests is not affected.
# usage: no_io_uring_test.sh WITHOUT_IO_URING RING_TEST RING_FREE_TEST
set -u
. tests/support/check.sh
. tools/test_summary.sh
without=$1 ring_test=$2 ring_free=$3

# fails ERROR: the ring test binary fails, naming the reason, and counts it.
fails() {
  local out
  if out=$("$without" "$1" "$ring_test" 2>&1); then
    echo "it passed without io_uring"
    return 1
  fi
  echo "$out" | grep -q "^fring-test: FAILED: no ring test could run: " || { echo "$out" | tail -5; return 1; }
  echo "$out" >"$TEST_TMPDIR/run.log"
  read -r _ f _ <<<"$(summary_of "$TEST_TMPDIR/run.log")"
  [ "${f:-0}" -ge 1 ]
}

# passes_under_qemu_user: the same run passes where qemu-user is named.
passes_under_qemu_user() { FRING_QEMU_USER=1 "$without" ENOSYS "$ring_test" >/dev/null 2>&1; }

ring_free_passes() { "$without" EPERM "$ring_free" >/dev/null 2>&1; }

expect "io_uring disabled (EPERM): the ring tests fail" fails EPERM
expect "no io_uring (ENOSYS): the ring tests fail" fails ENOSYS
expect "under qemu-user the ring tests skip and the run passes" passes_under_qemu_user
expect "a binary without ring tests does not care" ring_free_passes
summary
