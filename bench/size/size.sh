#!/bin/bash
# SPDX-License-Identifier: MIT
# Prints a markdown table of stripped sizes: the minimal no-libc hello on
# fring, on the raw ring and on liburing (built with the size flags, see
# BUILD.bazel), and examples/hello as Bazel builds it. Each one is run too:
# a binary that cannot write its line is reported, not measured silently.
# usage: size.sh HELLO_FRING HELLO_RAW HELLO_LIBURING EXAMPLES_HELLO
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
