#!/bin/bash
# SPDX-License-Identifier: MIT
# Keeps the benchmarks from rotting: runs the whole report at tiny sizes
# (report.sh --smoke: every program, callgrind, the size build, the plot) and
# checks that each table came out with rows. Asserts nothing about time.
# The benchmarks drive the host's io_uring and link the host's liburing, so
# on other platforms there is nothing to run (no arguments): a named skip.
# usage: smoke_test.sh [REPORT_SCRIPT FILES...]
# (check.sh's expect() sets $out, so the report goes in $dir.)
set -u
. tests/support/check.sh

if [ $# -eq 0 ]; then
  skip "benchmarks" "x86_64 hosts only (the host kernel's io_uring and liburing-dev)"
  summary
  exit
fi

dir=${TEST_TMPDIR:-$(mktemp -d)}/report
report=$1
shift
expect "report.sh --smoke runs every benchmark" "$report" --smoke --out="$dir" "$@"
[ -f "$dir/report.md" ] || { fail "report.md written" "missing"; summary; exit; }

# rows FILE HEADING: the data rows of the first table after HEADING.
rows() {
  awk -v heading="$2" 'index($0, heading) == 1 { on = 1; next }
    on && /^\|/ { if (n++ > 1) print; next } on && n && !/^\|/ { exit }' "$1"
}
# has_rows NAME HEADING PATTERN: a row of that table matches PATTERN.
has_rows() {
  if rows "$dir/report.md" "$2" | grep -Eq "$3"; then pass "$1"; else fail "$1" "no row like /$3/ under '$2'"; fi
}
num='[0-9]+(\.[0-9]+)?'
has_rows "NOP table: ns/op for both modes" "### NOP round trips: ns/op" "^\| defer \| 128 \| $num \| $num \| $num \|"
has_rows "NOP table: fring's ratios" "### NOP round trips: ns/op" "^\| plain \| 1 \|( $num \|){3} $num \| $num \|"
if command -v valgrind >/dev/null; then
  has_rows "instructions per NOP" "### NOP round trips: instructions per NOP" "^\| plain \| 8 \| $num \| $num \| $num \|"
  has_rows "instructions per NOP by ring size" "### Per-op cost as the ring grows: instructions" "^\| 8 \| 8 \|"
else
  skip "instructions per NOP" "valgrind is not installed (tools/setup)"
fi
has_rows "ring size table" "### Per-op cost as the ring grows: ns/op" "^\| 16 \| 8 \| $num \|"
has_rows "random reads table" "### 4 KiB random reads" "^\| defer \| 128 \| $num \| $num \|"
has_rows "echo table" "### TCP echo over loopback" "^\| defer \| $num \| $num \|"
has_rows "footprint table: every hello runs" "### Footprint" "^\| hello on liburing \| $num \| $num \| yes \|"
if rows "$dir/report.md" "### Footprint" | grep -q 'NO'; then
  fail "footprint table: no failed hello" "$(rows "$dir/report.md" "### Footprint")"
else
  pass "footprint table: no failed hello"
fi
styles="#### Footprint: Result's operator->"
has_rows "footprint styles: gcc on x86_64" "$styles" "^\| gcc \| x86_64 \| $num \| $num \| $num \| yes \|"
has_rows "footprint styles: clang on riscv64" "$styles" "^\| clang \| riscv64 \| $num \| $num \| $num \|"
has_rows "targets table" "## Targets" "^\| minimal no-libc hello, stripped \| fring \| $num bytes \|"
has_rows "targets table: the -> hello" "## Targets" \
  "^\| .->. hello / taken out once, gcc x86_64 \| fring \| $num \|"
has_rows "fring/co echo size table" "### fring/co: size of the echo server" \
  "^\| examples/co_echo \| $num \| $num \| $num \|"
if command -v valgrind >/dev/null; then
  has_rows "fring/co targets: instructions over the plain loop" "## Targets of fring/co" \
    "^\| instructions per awaited NOP minus the plain loop's, plain \| fring-co \| .*B=8: [-+]$num"
else
  skip "fring/co targets: instructions over the plain loop" "valgrind is not installed (tools/setup)"
fi
has_rows "fring/co targets: echo over the plain server" "## Targets of fring/co" \
  "^\| echo messages/s over the plain server's, defer \| fring-co \| $num \|"
has_rows "machine table" "| machine |" "^\| kernel \| Linux "
if command -v gnuplot >/dev/null; then
  if [ "$(head -c 4 "$dir/nop.png" 2>/dev/null | tail -c 3)" = PNG ]; then pass "plot"; else fail "plot" "no nop.png"; fi
else
  skip "plot" "gnuplot is not installed (tools/setup)"
fi
summary
