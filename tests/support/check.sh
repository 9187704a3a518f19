# SPDX-License-Identifier: MIT
# Sourced by fring's shell tests: named checks counted like doctest cases,
# ending in the same summary line the doctest binaries print:
#   fring-test: N passed, N failed, N skipped

fring_passed=0
fring_failed=0
fring_skipped=0

# pass NAME / fail NAME WHY / skip NAME WHY: record one test case.
pass() { fring_passed=$((fring_passed + 1)); echo "ok: $1"; }
fail() { fring_failed=$((fring_failed + 1)); echo "FAILED: $1: $2"; }
skip() { fring_skipped=$((fring_skipped + 1)); echo "fring-test: skip: $1: $2"; }

# expect NAME COMMAND...: one test case that passes when COMMAND succeeds.
expect() {
  name=$1
  shift
  if out=$("$@" 2>&1); then pass "$name"; else fail "$name" "$out"; fi
}

# summary: prints the counts and exits non-zero if anything failed.
summary() {
  echo "fring-test: $fring_passed passed, $fring_failed failed, $fring_skipped skipped"
  [ "$fring_failed" -eq 0 ]
}
