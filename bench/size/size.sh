#!/bin/bash
# SPDX-License-Identifier: MIT
# Prints markdown tables of stripped sizes.
# 1. The minimal no-libc hello on fring, on the raw ring and on liburing
#    (built by Bazel with the size flags, see BUILD.bazel), and
#    examples/hello as Bazel builds it. Each one is run too: a binary that
#    cannot write its line is reported, not measured silently.
# 2. fring's hello in its two styles, the ring used through Result's
#    operator-> after every call (hello_fring_arrow.cc) and taken out of
#    the Result once (hello_fring.cc), built here with gcc and clang for
#    x86_64, aarch64 and riscv64 and the same flags, with //mem's functions.
# 3. The echo examples, plain and written with fring/co, and co_cp, as Bazel
#    builds them (measured, not run: they are servers and copiers).
# Run from the workspace root, named "fring" (its parent goes on the include path).
# usage: size.sh HELLO_FRING HELLO_RAW HELLO_LIBURING EXAMPLES_HELLO ECHO CO_ECHO CO_CP
set -euo pipefail

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The flags the README recommends for a static binary without libc, as
# BUILD.bazel's _SIZE_COPTS and _SIZE_LINKOPTS.
compile_flags="-std=c++17 -ffreestanding -fno-exceptions -fno-rtti -fno-stack-protector -Os
  -fomit-frame-pointer -ffunction-sections -fdata-sections -fno-asynchronous-unwind-tables"
link_flags="-nostdlib -static -Wl,--gc-sections -Wl,-n -Wl,-z,noseparate-code"

echo "## Footprint: stripped size of a minimal no-libc hello"
echo
echo "Set up a ring, one op::write to stdout, reap it, exit. Built -Os"
echo "-ffunction-sections -fdata-sections -Wl,--gc-sections -fno-asynchronous-unwind-tables"
echo "-fcf-protection=none -Wl,-n -Wl,-z,noseparate-code, linked -nostdlib -static by"
echo "ld.bfd, then stripped. examples/hello is the shipped example as Bazel builds it"
echo "(gold, the compilation mode's flags), for comparison."
echo "liburing: Debian's liburing.a, whose objects come whole (no per-function"
echo "sections), plus the canary TLS block, __stack_chk_fail and calloc/free stubs"
echo "that its stack-protected objects need."
echo
echo "| program | stripped bytes | .text bytes | runs |"
echo "|---|---:|---:|---|"
for entry in "hello on fring:$1" "hello on raw ring:$2" "hello on liburing:$3" \
             "examples/hello:$4"; do
  name=${entry%%:*}
  bin=${entry#*:}
  strip -o "$work/bin" "$bin"
  bytes=$(stat -c %s "$work/bin")
  text=$(size -A "$work/bin" | awk '$1 == ".text" {print $2}')
  if out=$("$bin" 2>&1) && [ -n "$out" ]; then runs=yes; else runs="NO: ${out:-no output}"; fi
  echo "| $name | $bytes | $text | $runs |"
done
echo

echo "### Footprint: Result's operator-> after each call, or the ring taken out once"
echo
echo "bench/size/hello_fring_arrow.cc (\`ring->get_sqe()\`, \`ring->submit_and_wait()\`, ...)"
echo "beside hello_fring.cc (\`StaticRing<0>& ring = made.value();\` after one test), with"
echo "//mem's functions, built by each compiler with the flags above (-fcf-protection=none"
echo "on x86_64) and stripped. Each \`->\` after a call the compiler cannot see into tests"
echo "the Result again, and its failure path writes \"fring: value() on errno N\" and traps."
echo "Target: the \`->\` hello within 5% of the other, and at most 3,000 bytes, on x86_64."
echo
echo "| compiler | arch | \`->\` after each call | taken out once | ratio | runs |"
echo "|---|---|---:|---:|---:|---|"
host=$(uname -m)
for entry in "gcc x86_64 g++" "clang x86_64 clang++" \
             "gcc aarch64 aarch64-linux-gnu-g++" \
             "clang aarch64 clang++ --target=aarch64-linux-gnu" \
             "gcc riscv64 riscv64-linux-gnu-g++" \
             "clang riscv64 clang++ --target=riscv64-linux-gnu"; do
  read -r family arch cxx <<< "$entry"
  strip_tool=strip extra=
  [ "$arch" = "$host" ] || strip_tool=$arch-linux-gnu-strip
  [ "$arch" = x86_64 ] && extra=-fcf-protection=none
  if ! command -v "${cxx%% *}" > /dev/null || ! command -v "$strip_tool" > /dev/null; then
    echo "| $family | $arch | - | - | - | not installed |"
    continue
  fi
  sizes=()
  for style in arrow once; do
    src=bench/size/hello_fring.cc
    [ $style = arrow ] && src=bench/size/hello_fring_arrow.cc
    # shellcheck disable=SC2086
    $cxx $compile_flags $extra $link_flags -I.. "$src" mem/mem.cc -o "$work/$style" \
      2> "$work/$style.err" || { cat "$work/$style.err" >&2; exit 1; }
    "$strip_tool" -o "$work/$style.stripped" "$work/$style"
    sizes+=("$(stat -c %s "$work/$style.stripped")")
  done
  ratio=$(awk -v a="${sizes[0]}" -v b="${sizes[1]}" 'BEGIN { printf "%.3f", a / b }')
  runs="qemu-user has no io_uring"
  if [ "$arch" = "$host" ]; then
    if "$work/arrow" > /dev/null && "$work/once" > /dev/null; then runs=yes; else runs=NO; fi
  fi
  echo "| $family | $arch | ${sizes[0]} | ${sizes[1]} | $ratio | $runs |"
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
