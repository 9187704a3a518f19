#!/bin/bash
# SPDX-License-Identifier: MIT
# //mem's memcpy, memmove, memset and memcmp never call one of themselves:
# mem/mem.cc compiled alone (-ffunction-sections, so that even a call within
# the file needs a relocation) with gcc and clang for x86_64, aarch64 and
# riscv64, at -O1, -O2, -O3 and -Os, hosted flags and -ffreestanding, has
# no relocation against memcpy, memmove, memset, memcmp or bcmp, and
# defines all four. Without its FRING_MEM_NO_LIBCALL attributes the same
# file does call memset (so the check can fail).
# Run from the workspace root, named "fring" (its parent goes on the include path).
# usage: mem_calls_test.sh WARNING_FLAGS...
set -u
. tests/support/check.sh

flags="-std=c++17 -Wconversion -Wsign-conversion $*"
tmp=${TEST_TMPDIR:-/tmp}/mem_calls
mkdir -p "$tmp"
calls='^(memcpy|memmove|memset|memcmp|bcmp)$'

# calls_none READELF NM CXX... -- OPT MODE: the object calls none of them and defines all four.
calls_none() {
  local readelf=$1 nm=$2 cxx=() opt mode out
  shift 2
  while [ "$1" != -- ]; do cxx+=("$1"); shift; done
  opt=$2 mode=$3
  # shellcheck disable=SC2086
  "${cxx[@]}" $flags $mode "$opt" -ffunction-sections -I.. -c mem/mem.cc -o "$tmp/mem.o" || return 1
  out=$("$readelf" -rW "$tmp/mem.o") || return 1
  if echo "$out" | awk '{print $5}' | grep -E "$calls"; then return 1; fi
  [ "$("$nm" --defined-only "$tmp/mem.o" | awk '$2 == "T" {print $3}' | grep -cE "$calls")" = 4 ]
}

# The attributes matter: without them clang's -O2 turns set()'s loop into memset.
unguarded_calls() {
  mkdir -p "$tmp/bare/fring/mem"
  sed -e 's/^#define FRING_MEM_NO_LIBCALL.*$/#define FRING_MEM_NO_LIBCALL/' \
    -e '/__attribute__((no_builtin/d' mem/mem.h > "$tmp/bare/fring/mem/mem.h"
  clang++ -std=c++17 -O2 -ffunction-sections -I"$tmp/bare" -c mem/mem.cc -o "$tmp/bare.o" &&
    readelf -rW "$tmp/bare.o" | awk '{print $5}' | grep -qE "$calls"
}

for cxx in "g++" "clang++" "aarch64-linux-gnu-g++" "clang++ --target=aarch64-linux-gnu" \
           "riscv64-linux-gnu-g++" "clang++ --target=riscv64-linux-gnu"; do
  first=${cxx%% *}
  if ! command -v "$first" >/dev/null; then
    skip "mem.cc calls none of the four with $cxx" "$first not installed (tools/setup installs it)"
    continue
  fi
  readelf=readelf nm=nm
  case $cxx in
    *aarch64*) readelf=aarch64-linux-gnu-readelf nm=aarch64-linux-gnu-nm ;;
    *riscv64*) readelf=riscv64-linux-gnu-readelf nm=riscv64-linux-gnu-nm ;;
  esac
  for opt in -O1 -O2 -O3 -Os; do
    for mode in "" -ffreestanding; do
      # shellcheck disable=SC2086
      expect "$cxx $opt ${mode:-hosted}: mem.cc calls none of the four, defines all" \
        calls_none $readelf $nm $cxx -- $opt "$mode"
    done
  done
done
expect "without its attributes, mem.cc compiled by clang -O2 calls memset" unguarded_calls
summary
