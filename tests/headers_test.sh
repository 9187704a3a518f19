#!/bin/sh
# SPDX-License-Identifier: MIT
# Every public header compiles on its own, without Bazel (plain -I), with gcc
# and clang for x86_64, aarch64 and riscv64 under the flags given as arguments
# (FRING_HEADER_COPTS: freestanding, no exceptions or RTTI, strict warnings as
# errors), C++17, and fring/co's as C++20; a whole program, and one written
# with fring/co, link with -nostdlib -static under each compiler;
# every unsupported target (x32, ILP32, big-endian, riscv32, i386) is refused
# with fring's #error as the first error; no layer above arch/ has asm; and
# the library includes nothing beyond <stdint.h> and <stddef.h> (mem/ too;
# and <coroutine> in fring/co).
# Run from the workspace root, which Bazel
# names "fring": -I.. resolves "fring/core/ring.h" the way a user's -I
# resolves their clone.
# usage: headers_test.sh COMPILER_FLAGS...
set -u
. tests/support/check.sh

strict="-std=c++17 $*"
strict_co="$* -std=c++20"
headers=$(find arch syscall core mem -name '*.h' | sort; echo fring.h)
co_headers=$(find -L co -name '*.h' | sort)
tmp=${TEST_TMPDIR:-/tmp}

# STD HEADERS CXX...: each header alone, included twice (guards).
compile_headers() {
  std=$1 list=$2
  shift 2
  for h in $list; do
    case $h in
      arch/*/*) continue ;;  # reached through arch/*.h only
      core/internal/*) continue ;;  # parts of core/ring.h, reached through it
    esac
    printf '#include "fring/%s"\n#include "fring/%s"\n' "$h" "$h" |
      "$@" $std -I.. -x c++ -c - -o "$tmp/header.o" || { echo "in $h"; return 1; }
  done
}
compile_each() { compile_headers "$strict" "$headers" "$@"; }
compile_each_co() { [ -n "$co_headers" ] && compile_headers "$strict_co" "$co_headers" "$@"; }

# NM OUT FLAGS SOURCES -- CXX...: a -nostdlib -static program with nothing
# undefined.
link_bare() {
  nm_tool=$1 out=$2 flags=$3 sources=$4
  shift 5
  "$@" $flags -O2 -nostdlib -static -I.. $sources -o "$tmp/$out" &&
    [ -z "$($nm_tool -u "$tmp/$out")" ]
}
link_hello() {  # NM CXX...
  nm_tool=$1
  shift
  link_bare "$nm_tool" hello "$strict" "examples/hello.cc mem/mem.cc" -- "$@"
}
link_co_cp() {  # NM CXX...
  nm_tool=$1
  shift
  link_bare "$nm_tool" co_cp "$strict_co" "examples/co_cp.cc mem/mem.cc" -- "$@"
}

for cxx in "g++" "clang++" "aarch64-linux-gnu-g++" "clang++ --target=aarch64-linux-gnu" \
           "riscv64-linux-gnu-g++" "clang++ --target=riscv64-linux-gnu"; do
  first=${cxx%% *}
  if ! command -v "$first" >/dev/null; then
    skip "headers compile alone with $cxx" "$first not installed (tools/setup installs it)"
    continue
  fi
  nm_tool=nm
  case $cxx in *aarch64*) nm_tool=aarch64-linux-gnu-nm ;; *riscv64*) nm_tool=riscv64-linux-gnu-nm ;; esac
  expect "headers compile alone with $cxx" compile_each $cxx
  expect "fring/co's headers compile alone (C++20) with $cxx" compile_each_co $cxx
  expect "hello links -nostdlib -static with $cxx" link_hello $nm_tool $cxx
  expect "co_cp links -nostdlib -static with $cxx" link_co_cp $nm_tool $cxx
done

# refused MESSAGE CXX...: the whole library fails to compile for this target,
# and the first error is fring's #error MESSAGE. Freestanding and syntax only,
# since such targets usually lack libc headers and a linker.
refused() {
  local message=$1 out
  shift
  if out=$(printf '#include "fring/fring.h"\n#include "fring/arch/start.h"\n' |
           "$@" -std=c++17 -ffreestanding -fsyntax-only -I.. -x c++ - 2>&1); then
    echo "compiled, although the target is unsupported"
    return 1
  fi
  echo "$out" | grep -m1 'error' | grep -qF "\"fring: $message" ||
    { echo "$out" | grep -m3 error; return 1; }
}

while IFS='|' read -r cxx message; do
  first=${cxx%% *}
  if ! command -v "$first" >/dev/null; then
    skip "$cxx is refused" "$first not installed (tools/setup installs it)"
  elif ! $cxx -ffreestanding -fsyntax-only -x c++ - </dev/null >/dev/null 2>&1; then
    skip "$cxx is refused" "the compiler does not accept these flags"
  else
    expect "$cxx is refused" refused "$message" $cxx
  fi
done <<'EOF'
g++ -mx32|x32 (x86_64 ILP32, -mx32) is not supported
clang++ -mx32|x32 (x86_64 ILP32, -mx32) is not supported
g++ -m32|unsupported architecture
aarch64-linux-gnu-g++ -mabi=ilp32|aarch64 ILP32 (-mabi=ilp32) is not supported
clang++ --target=aarch64-linux-gnu -mabi=ilp32|aarch64 ILP32 (-mabi=ilp32) is not supported
aarch64-linux-gnu-g++ -mbig-endian|big-endian targets are not supported
clang++ --target=aarch64_be-linux-gnu|big-endian targets are not supported
riscv64-linux-gnu-g++ -march=rv32gc -mabi=ilp32d|riscv32 is not supported
clang++ --target=riscv32-linux-gnu|riscv32 is not supported
EOF

# -R: in Bazel's runfiles every file is a symlink, which -r would skip.
no_asm() {
  [ -n "$(find -L core syscall mem co -name '*.h')" ] && ! grep -Rn asm core syscall mem co fring.h
}
expect "no asm outside arch/" no_asm

# The freestanding set, hosted or not: every include of the library is
# <stdint.h>, <stddef.h> or one of its own "fring/..." headers; fring/co's
# may include <coroutine> too.
own_includes() {
  [ -n "$(find -L arch core syscall mem -name '*.h')" ] &&
    ! grep -RnE '^[[:space:]]*#[[:space:]]*include' arch core syscall mem fring.h |
      grep -vE '#include (<std(int|def)\.h>|"fring/[a-z0-9_/]+\.h")'
}
expect "library headers include only <stdint.h>, <stddef.h> and fring's own" own_includes
co_includes() {
  [ -n "$co_headers" ] &&
    ! grep -RnE '^[[:space:]]*#[[:space:]]*include' co |
      grep -vE '#include (<std(int|def)\.h>|<coroutine>|"fring/[a-z0-9_/]+\.h")'
}
expect "fring/co includes only <stdint.h>, <stddef.h>, <coroutine> and fring's own" co_includes
summary
