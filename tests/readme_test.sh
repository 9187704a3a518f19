#!/bin/bash
# SPDX-License-Identifier: MIT
# The C++ in README.md and docs/guide.md compiles as shown, with gcc and
# clang: a block that defines fring_main links with -nostdlib -static, the
# size flags the README gives and //mem, with nothing undefined; any other
# compiles hosted (and links when it has a main). A block that includes fring/co is C++20, the rest C++17.
# Run from the workspace root, named "fring" (its parent goes on the include path).
# usage: readme_test.sh
set -u
. tests/support/check.sh

inc=$(cd .. && pwd)
tmp=${TEST_TMPDIR:-/tmp}/readme
rm -rf "$tmp"
mkdir -p "$tmp"
warn="-Wall -Wextra -Werror"
size="-Os -ffunction-sections -fdata-sections -fno-asynchronous-unwind-tables
  -Wl,--gc-sections -Wl,-n -Wl,-z,noseparate-code"

# Each ```cpp block of a document into a file of its own: DOC-N.cc.
for doc in README.md docs/guide.md; do
  awk -v base="$tmp/$(basename "$doc" .md)" '
    /^```cpp$/ { n++; file = base "-" n ".cc"; printf "" > file; inside = 1; next }
    /^```$/ { inside = 0; next }
    inside { print >> file }
  ' "$doc"
done
blocks=$(ls "$tmp"/*.cc 2> /dev/null)

std_of() { if grep -q '"fring/co/' "$1"; then echo c++20; else echo c++17; fi; }
builds() {  # CXX BLOCK
  local std
  std=$(std_of "$2")
  if grep -q fring_main "$2"; then
    # shellcheck disable=SC2086
    $1 -std="$std" $warn $size -ffreestanding -fno-exceptions -fno-rtti -fno-stack-protector \
      -nostdlib -static -I"$inc" "$2" mem/mem.cc -o "$tmp/prog" &&
      [ -z "$(nm -u "$tmp/prog")" ]
  elif grep -q 'int main' "$2"; then
    $1 -std="$std" $warn -I"$inc" "$2" -o "$tmp/prog"
  else
    $1 -std="$std" $warn -Wno-unused-variable -I"$inc" -c "$2" -o "$tmp/prog.o"
  fi
}

[ -n "$blocks" ] || fail "the documents have C++ blocks" "none found"
for b in $blocks; do
  for cxx in g++ clang++; do
    expect "$cxx: $(basename "$b" .cc) ($(head -1 "$b" | cut -c1-50))" builds $cxx "$b"
  done
done
summary
