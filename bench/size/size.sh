#!/bin/bash
# SPDX-License-Identifier: MIT
# Prints a markdown table of stripped sizes: the minimal no-libc hello on
# fring, on the raw ring and on liburing (built with the size flags, see
# BUILD.bazel), and examples/hello as Bazel builds it. Each one is run too:
# a binary that cannot write its line is reported, not measured silently.
# Then the echo examples, plain and written with fring/co, and co_cp, as Bazel
# builds them (measured, not run: they are servers and copiers).
# usage: size.sh HELLO_FRING HELLO_RAW HELLO_LIBURING EXAMPLES_HELLO ECHO CO_ECHO CO_CP
set -euo pipefail

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "## Footprint: stripped size of a minimal no-libc hello"
echo
echo "Set up a ring, one op::write to stdout, reap it, exit. Built -Os"
echo "-ffunction-sections -fdata-sections -Wl,--gc-sections -fno-asynchronous-unwind-tables"
echo "-fcf-protection=none -Wl,-n -Wl,-z,noseparate-code, linked -nostdlib -static by ld.bfd,"
echo "then stripped. examples/hello is the shipped example as Bazel builds it (gold, the"
echo "compilation mode's flags), for comparison. liburing: Debian's liburing.a, whose"
echo "objects come whole (no per-function sections), plus the canary TLS block,"
echo "__stack_chk_fail and calloc/free stubs that its stack-protected objects need."
echo
echo "| program | stripped bytes | .text bytes | runs |"
echo "|---|---:|---:|---|"
for entry in "hello on fring:$1" "hello on raw ring:$2" "hello on liburing:$3" "examples/hello:$4"; do
  name=${entry%%:*}
  bin=${entry#*:}
  strip -o "$work/bin" "$bin"
  bytes=$(stat -c %s "$work/bin")
  text=$(size -A "$work/bin" | awk '$1 == ".text" {print $2}')
  if out=$("$bin" 2>&1) && [ -n "$out" ]; then runs=yes; else runs="NO: ${out:-no output}"; fi
  echo "| $name | $bytes | $text | $runs |"
done
echo

# own BIN: the bytes of the program's own code, fring's and its functions'
# (every function of namespace fring, of an anonymous namespace, of
# example::, and main), not libc's; aliases counted once.
own() {
  nm -S -C --defined-only "$1" | awk '$3 ~ /^[tTwW]$/' |
    grep -E 'fring::|anonymous namespace|example::| main$' | sort -u -k1,1 |
    while read -r _ bytes _; do echo $((16#$bytes)); done | awk '{ s += $1 } END { print s + 0 }'
}
# sizes NAME BIN: stripped bytes, .text bytes and the program's own code.
sizes() {
  strip -o "$work/bin" "$2"
  echo "| $1 | $(stat -c %s "$work/bin") | $(size -A "$work/bin" | awk '$1 == ".text" {print $2}') | $(own "$2") |"
}
echo "## fring/co: size of the echo server"
echo
echo "examples/echo and examples/co_echo (the same server: multishot accept, multishot recv"
echo "into a provided-buffer ring, send; co_echo with a coroutine per connection) as Bazel"
echo "builds them, statically linked with glibc; co_cp (fring/co, no libc). Stripped sizes"
echo "are mostly glibc's; \"own code\" is the bytes of the functions of fring and of the"
echo "program itself (from the unstripped symbol table)."
echo
echo "| program | stripped bytes | .text bytes | own code bytes |"
echo "|---|---:|---:|---:|"
sizes examples/echo "$5"
sizes examples/co_echo "$6"
sizes examples/co_cp "$7"
echo
