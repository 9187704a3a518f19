#!/bin/sh
# SPDX-License-Identifier: MIT
# Every public header compiles on its own, without Bazel (plain -I), with gcc
# and clang for x86_64, aarch64 and riscv64 under the flags given as arguments
# (FRING_HEADER_COPTS: freestanding, no exceptions or RTTI, strict warnings as
# errors); a whole program links with -nostdlib -static under each compiler;
# every unsupported target (x32, ILP32, big-endian, riscv32, i386) is refused
# with fring's #error as the first error; no layer above arch/ has asm; and
# the library includes nothing beyond <stdint.h> and <stddef.h> (mem/ too).
# Run from the workspace root, which Bazel
# names "fring": -I.. resolves "fring/core/ring.h" the way a user's -I
# resolves their clone.
# usage: headers_test.sh COMPILER_FLAGS...
set -u
. tests/support/check.sh

strict="-std=c++17 $*"
headers=$(find arch syscall core mem -name '*.h' | sort; echo fring.h)
tmp=${TEST_TMPDIR:-/tmp}

compile_each() {  # CXX...: every header alone, included twice (guards).
  for h in $headers; do
    case $h in
      arch/*/*) continue ;;  # reached through arch/*.h only
      core/internal/*) continue ;;  # parts of core/ring.h, reached through it
    esac
    printf '#include "fring/%s"\n#include "fring/%s"\n' "$h" "$h" |
      "$@" $strict -I.. -x c++ -c - -o "$tmp/header.o" || { echo "in $h"; return 1; }
  done
}

link_hello() {  # NM CXX...: a -nostdlib -static program with nothing undefined.
  nm_tool=$1
  shift
  "$@" $strict -O2 -nostdlib -static -I.. examples/hello.cc mem/mem.cc \
    -o "$tmp/hello" && [ -z "$($nm_tool -u "$tmp/hello")" ]
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
  expect "hello links -nostdlib -static with $cxx" link_hello $nm_tool $cxx
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
  [ -n "$(find -L core syscall mem -name '*.h')" ] && ! grep -Rn asm core syscall mem fring.h
}
expect "no asm outside arch/" no_asm

# The freestanding set, hosted or not: every include of the library is
# <stdint.h>, <stddef.h> or one of its own "fring/..." headers.
own_includes() {
  [ -n "$(find -L arch core syscall mem -name '*.h')" ] &&
    ! grep -RnE '^[[:space:]]*#[[:space:]]*include' arch core syscall mem fring.h |
      grep -vE '#include (<std(int|def)\.h>|"fring/[a-z0-9_/]+\.h")'
}
expect "library headers include only <stdint.h>, <stddef.h> and fring's own" own_includes
summary
