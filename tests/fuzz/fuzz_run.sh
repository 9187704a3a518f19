#!/bin/sh
# SPDX-License-Identifier: MIT
# CI's libFuzzer run of the completion fuzzer: FRING_FUZZ_SECONDS (default
# 60) from a copy of the seed corpus. Any crash, failed invariant, leak,
# timeout or sanitizer report fails it; the input that did it is kept in the
# test's undeclared outputs. Prints libFuzzer's final statistics.
# usage: fuzz_run.sh FUZZER CORPUS_DIR
set -u
. tests/support/check.sh

fuzzer=$1
seeds=$2
seconds=${FRING_FUZZ_SECONDS:-60}
tmp=${TEST_TMPDIR:-/tmp}
out=${TEST_UNDECLARED_OUTPUTS_DIR:-$tmp}

fuzz() {
  mkdir -p "$tmp/corpus" && cp "$seeds"/* "$tmp/corpus/" || return 1
  "$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$out/" "$tmp/corpus" >"$tmp/fuzz.log" 2>&1
  status=$?
  [ $status -eq 0 ] || { tail -60 "$tmp/fuzz.log"; return 1; }
}

if "$fuzzer" -help=1 2>&1 | grep -q max_total_time; then
  expect "libFuzzer: ${seconds} s over completion processing, no finding" fuzz
  grep -E '^stat::(number_of_executed_units|average_exec_per_sec|new_units_added|peak_rss_mb)' \
    "$tmp/fuzz.log"
else
  skip "libFuzzer run" "the fuzzer was not built with libFuzzer (use --config=fuzz)"
fi
summary
