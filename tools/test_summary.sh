# SPDX-License-Identifier: MIT
# Sourced by the scripts that read fring's test logs (.ci/run, tools/matrix,
# tests/vm/run_vm.sh, tests/vm/runner_test.sh): the one parser of the lines
# every test binary and shell test ends with (tests/support/main.cc,
# tests/support/check.sh):
#   fring-test: N passed, N failed, N skipped             (the last line)
#   fring-test: combo SHAPE/MODE: N passed, N failed, N skipped   (ring tests)

# summary_of FILE: "P F S" of FILE's last summary line, or nothing.
summary_of() {
  sed -nE 's/^fring-test: ([0-9]+) passed, ([0-9]+) failed, ([0-9]+) skipped$/\1 \2 \3/p' \
    "$1" 2>/dev/null | tail -1
}

# ring_passes FILE: the ring test cases FILE's combination lines count as
# passed (0 when none ran).
ring_passes() {
  sed -nE 's/^fring-test: combo [^ ]+: ([0-9]+) passed, .*/\1/p' "$1" 2>/dev/null |
    awk '{ n += $1 } END { print n + 0 }'
}
