#!/bin/bash
# SPDX-License-Identifier: MIT
# The C++ in README.md compiles as shown, with gcc and clang: a block that
# defines fring_main links with -nostdlib -static and nothing undefined,
# any other compiles hosted (and links when it has a main).
# Run from the workspace root, named "fring" (its parent goes on the include path).
# usage: readme_test.sh
set -u
. tests/support/check.sh

inc=$(cd .. && pwd)
tmp=${TEST_TMPDIR:-/tmp}/readme
mkdir -p "$tmp"
warn="-Wall -Wextra -Werror"

# Each ```cpp block of the README into a file of its own.
awk -v dir="$tmp" '
  /^```cpp$/ { n++; file = dir "/block" n ".cc"; printf "" > file; inside = 1; next }
  /^```$/ { inside = 0; next }
  inside { print >> file }
' README.md
blocks=$(ls "$tmp"/block*.cc 2> /dev/null)

builds() {  # CXX BLOCK
  if grep -q fring_main "$2"; then
    $1 -std=c++17 $warn -Os -ffreestanding -fno-exceptions -fno-rtti -fno-stack-protector \
      -nostdlib -static -I"$inc" "$2" mem/mem.cc -o "$tmp/prog" &&
      [ -z "$(nm -u "$tmp/prog")" ]
  elif grep -q 'int main' "$2"; then
    $1 -std=c++17 $warn -I"$inc" "$2" -o "$tmp/prog"
  else
    $1 -std=c++17 $warn -Wno-unused-variable -I"$inc" -c "$2" -o "$tmp/prog.o"
  fi
}

[ -n "$blocks" ] || fail "README.md has C++ blocks" "none found"
for b in $blocks; do
  for cxx in g++ clang++; do
    expect "$cxx: README block $(basename "$b" .cc) ($(head -1 "$b" | cut -c1-50))" builds $cxx "$b"
  done
done
summary
