#!/bin/bash
# SPDX-License-Identifier: MIT
# The VM runner catches what it must: a failing unit, a kernel WARNING in the
# log of an otherwise passing run, a hung guest and a kernel panic are each a
# failure with the right reason, and a healthy program passes.
# usage: runner_test.sh KERNEL HELLO FAIL WARN HANG PANIC   (all x86_64)
set -u
. tests/support/check.sh
kernel=$1

# caught NAME PROGRAM SECONDS REASON_PATTERN: run_vm.sh must fail with REASON.
caught() {
  local out
  if out=$(tests/vm/run_vm.sh x86_64 "$kernel" "$2" "$3" 2>&1); then
    echo "the runner passed it"
    return 1
  fi
  echo "$out" | grep -qE "^fring-vm: FAIL: $4" || { echo "$out" | tail -3; return 1; }
  # The run still counts as a failed test case.
  echo "$out" | tail -1 | grep -qE '^fring-test: [0-9]+ passed, [1-9][0-9]* failed'
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
summary
