#!/bin/bash
# SPDX-License-Identifier: MIT
# The misuse messages cost nothing where there is no misuse: a minimal
# -nostdlib program that tests ok() before value() carries neither
# core/misuse.h's functions nor the error-name table, at -O1, -O2 and -Os,
# with gcc and clang, for x86_64 and aarch64. The same program without the
# ok() test carries the value() message (so the check can fail) but still
# not the name table: the message gives the error's number. Prints the
# stripped sizes.
# Run from the workspace root, named "fring" (its parent goes on the include path).
# usage: misuse_footprint_test.sh
set -u
. tests/support/check.sh

inc=$(cd .. && pwd)
tmp=${TEST_TMPDIR:-/tmp}/footprint
mkdir -p "$tmp"

cat > "$tmp/checked.cc" <<'EOF'
#include "fring/arch/start.h"
#include "fring/fring.h"
extern "C" int fring_main(int, char**, char**) {
  auto made = fring::Ring::queue_init(4);
  if (!made) return 1;
  fring::Ring& ring = made.value();
  fring::prep_nop(*ring.get_sqe());
  if (!ring.submit_and_wait(1)) return 2;
  auto got = ring.wait_cqe();
  if (!got) return 3;
  fring::Cqe* cqe = got.value();
  const int res = cqe->res;
  ring.cqe_seen(cqe);
  return res == 0 ? 0 : 4;
}
EOF
grep -v 'if (!made) return 1;' "$tmp/checked.cc" > "$tmp/unchecked.cc"

flags="-std=c++17 -ffreestanding -fno-exceptions -fno-rtti -fno-stack-protector
  -fno-asynchronous-unwind-tables -nostdlib -static -ffunction-sections -fdata-sections
  -Wl,--gc-sections"

# build CXX... -- OPT NAME: links NAME.cc into $tmp/NAME and echoes the
# stripped size.
build() {
  local cxx=() opt name strip_tool=strip
  while [ "$1" != -- ]; do cxx+=("$1"); shift; done
  opt=$2 name=$3
  case "${cxx[*]}" in *aarch64*) strip_tool=aarch64-linux-gnu-strip ;; esac
  # shellcheck disable=SC2086
  "${cxx[@]}" $flags "$opt" -I"$inc" "$tmp/$name.cc" mem/mem.cc -o "$tmp/$name" &&
    $strip_tool -o "$tmp/$name.stripped" "$tmp/$name" &&
    stat -c %s "$tmp/$name.stripped"
}

# has_message FILE / has_names FILE: the binary holds the value() message /
# the error-name table.
has_message() { grep -q 'value() on errno' "$1"; }
has_names() { grep -q 'ENOENT' "$1"; }

lean() {  # CXX... -- OPT
  local size
  size=$(build "$@" checked) || return 1
  if has_message "$tmp/checked.stripped" || has_names "$tmp/checked.stripped"; then
    echo "checked program carries misuse code"
    return 1
  fi
  echo "checked: $size bytes stripped"
}
carries() {  # CXX... -- OPT
  build "$@" unchecked >/dev/null && has_message "$tmp/unchecked.stripped" &&
    ! has_names "$tmp/unchecked.stripped"
}

for cxx in "g++" "clang++" "aarch64-linux-gnu-g++" "clang++ --target=aarch64-linux-gnu"; do
  if ! command -v "${cxx%% *}" >/dev/null; then
    skip "misuse footprint with $cxx" "${cxx%% *} not installed (tools/setup installs it)"
    continue
  fi
  for opt in -O1 -O2 -Os; do
    # shellcheck disable=SC2086
    expect "$cxx $opt: ok() then value() leaves no misuse code or name table" lean $cxx -- $opt
    # shellcheck disable=SC2086
    expect "$cxx $opt: value() unchecked brings its message, not the name table" \
      carries $cxx -- $opt
  done
done
summary
