#!/bin/sh
# SPDX-License-Identifier: MIT
# The core in UBSan trap mode, freestanding: examples/hello and
# tests/ubsan_smoke.cc built by clang with -fsanitize=undefined
# -fsanitize-trap=undefined, -ffreestanding -nostdlib -static, for x86_64
# and aarch64. Each links with nothing undefined (no UBSan runtime: every
# check is a trap instruction, and there are some), and runs: natively on
# x86_64 (hello writes its line through io_uring, the smoke passes with its
# rings), under qemu-user on aarch64 (hello fails cleanly for want of
# io_uring, the smoke passes without its rings). A trap fails the run.
# Every check of -fsanitize=undefined is on but `function`: clang 14
# implements it with the C++ ABI's type_info objects (__function_type_info),
# a runtime no freestanding program has (clang 17 uses type hashes instead);
# `vptr` is off by -fno-rtti.
# usage: ubsan_trap_test.sh COMPILER_FLAGS...   (FRING_HEADER_COPTS)
set -u
. tests/support/check.sh

flags="-std=c++17 -O2 -fsanitize=undefined -fno-sanitize=function -fsanitize-trap=undefined $*"
tmp=${TEST_TMPDIR:-/tmp}
hello_line='hello from fring: written with op::write, no libc'

build() {  # OUT CXX...: the program $src, freestanding, in trap mode.
  out=$1
  shift
  "$@" $flags -nostdlib -static -I.. "$src" mem/mem.cc -o "$out"
}
links_clean() {  # NM BIN: nothing undefined, so no sanitizer runtime.
  undefined=$($1 -u "$2") || return 1
  [ -z "$undefined" ] || { echo "undefined: $undefined"; return 1; }
}
has_traps() {  # OBJDUMP BIN TRAP: the checks are there, as traps.
  n=$($1 -d --no-show-raw-insn "$2" | grep -cE "[[:space:]]$3([[:space:]]|\$)")
  [ "$n" -gt 0 ] || { echo "no $3 instruction: UBSan checks missing"; return 1; }
}
runs() {  # RUNNER BIN EXPECT: exits 0 and prints the line EXPECT.
  out=$($1 "$2" 2>&1) || { echo "exit $? (a trap is SIGILL or SIGTRAP): $out"; return 1; }
  echo "$out" | grep -qxF "$3" || { echo "$out"; return 1; }
}
fails_cleanly() {  # RUNNER BIN: exits non-zero, saying io_uring is missing (no trap).
  if out=$($1 "$2" 2>&1); then echo "exited 0 without io_uring"; return 1; fi
  echo "$out" | grep -q 'io_uring unavailable' || { echo "$out"; return 1; }
}

if ! command -v clang++ >/dev/null; then
  skip "UBSan trap mode, freestanding" "clang++ not installed (tools/setup installs it)"
  summary
  exit
fi
for arch in x86_64 aarch64; do
  case $arch in
    # UBSan's checks become ud1 (with the check's kind encoded), fring's own
    # misuse traps ud2.
    x86_64) cxx="clang++ --target=x86_64-linux-gnu" nm_tool=nm objdump=objdump trap='ud[12]' ;;
    aarch64) cxx="clang++ --target=aarch64-linux-gnu" nm_tool=aarch64-linux-gnu-nm
      objdump=aarch64-linux-gnu-objdump trap=brk ;;
  esac
  if [ "$arch" = "$(uname -m)" ]; then run=""; else run="qemu-$arch-static"; fi
  for prog in hello ubsan_smoke; do
    case $prog in
      hello) src=examples/hello.cc ;;
      ubsan_smoke) src=tests/ubsan_smoke.cc ;;
    esac
    bin=$tmp/${prog}_$arch
    what="$arch: $prog builds freestanding in UBSan trap mode"
    if ! out=$(build "$bin" $cxx 2>&1); then
      fail "$what" "$out"
      continue
    fi
    pass "$what"
    expect "$arch: $prog links with nothing undefined" links_clean $nm_tool "$bin"
    expect "$arch: $prog carries UBSan's checks as traps ($trap)" has_traps $objdump "$bin" $trap
    case $prog/$run in
      hello/) expect "$arch: hello writes its line" runs "" "$bin" "$hello_line" ;;
      hello/*) expect "$arch: hello without io_uring fails cleanly" fails_cleanly "$run" "$bin" ;;
      ubsan_smoke/) expect "$arch: the smoke runs without a trap" runs "" "$bin" "ubsan-smoke: ok"
        expect "$arch: the smoke drives its rings" runs "" "$bin" "ubsan-smoke: rings ok" ;;
      ubsan_smoke/*) expect "$arch: the smoke runs without a trap" runs "$run" "$bin" "ubsan-smoke: ok" ;;
    esac
  done
done
summary
