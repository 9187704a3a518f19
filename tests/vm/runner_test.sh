#!/bin/bash
# SPDX-License-Identifier: MIT
# The VM runner catches what it must: a failing unit, a kernel WARNING in the
# log of an otherwise passing run, a hung guest and a kernel panic are each a
# failure with the right reason; a panic before /init started is retried
# once, and reported; and a healthy program passes.
# usage: runner_test.sh KERNEL HELLO FAIL WARN HANG PANIC   (all x86_64)
set -u
. tests/support/check.sh
. tools/test_summary.sh
kernel=$1

# caught NAME PROGRAM SECONDS REASON_PATTERN [RUN_VM_OPTIONS...]: run_vm.sh
# must fail with REASON, without retrying the boot unless told (--retried).
caught() {
  local out retries=0 program=$2 limit=$3 reason=$4 f
  shift 4
  if [ "${1:-}" = --retried ]; then retries=1; shift; fi
  if out=$(tests/vm/run_vm.sh x86_64 "$kernel" "$program" "$limit" "$@" 2>&1); then
    echo "the runner passed it"
    return 1
  fi
  echo "$out" | grep -qE "^fring-vm: FAIL: $reason" || { echo "$out" | tail -3; return 1; }
  [ "$(echo "$out" | grep -c '^fring-vm: retry: ')" -eq $retries ] ||
    { echo "expected $retries boot retries:"; echo "$out" | grep '^fring-vm: retry'; return 1; }
  # The run still counts as a failed test case.
  echo "$out" >"$TEST_TMPDIR/run.log"
  read -r _ f _ <<<"$(summary_of "$TEST_TMPDIR/run.log")"
  [ "${f:-0}" -ge 1 ]
}

healthy() {
  tests/vm/run_vm.sh x86_64 "$kernel" "$1" 300 \
    --expect 'hello from fring: written with op::write, no libc' | tail -2
}

expect "a healthy program passes" healthy "$2"
expect "a failing unit is reported" caught fail "$3" 300 'guest exit status 1'
expect "a kernel WARNING fails a passing run" caught warn "$4" 300 'kernel log: .*WARNING: fring harness self-test'
expect "a hung guest is stopped and reported" caught hang "$5" 30 'hang: no power-off within 30 s'
expect "a kernel panic is reported" caught panic "$6" 300 'kernel panic: Attempted to kill init'
# No /init in the initramfs under that name: the kernel panics while it boots.
expect "a panic before /init started is retried once, then reported" caught boot "$2" 300 \
  'kernel panic: VFS: Unable to mount root fs' --retried --env rdinit=/absent
summary
