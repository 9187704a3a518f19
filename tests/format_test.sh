#!/bin/sh
# SPDX-License-Identifier: MIT
# Every C and C++ file of the checkout is formatted as .clang-format says,
# by Debian's clang-format (tools/setup installs it). The files are the
# checkout's own, found through a runfile (tag external: never cached);
# Bazel's output trees and .git are left out. On failure it names the files
# and the command that formats them.
# usage: format_test.sh ANY_RUNFILE_AT_THE_ROOT
set -u
. tests/support/check.sh

checkout=$(dirname "$(readlink -f "$1")")
if ! command -v clang-format > /dev/null; then
  fail "clang-format is installed" "not found: run tools/setup"
  summary
  exit
fi

sources() {
  (cd "$checkout" && find . \( -name 'bazel-*' -o -name .git \) -prune -o \
    -type f \( -name '*.h' -o -name '*.cc' -o -name '*.c' \) -print | sed 's|^\./||' | sort)
}
formatted() {
  local bad
  bad=$(cd "$checkout" && sources | while read -r f; do
    clang-format --dry-run --Werror "$f" > /dev/null 2>&1 || echo "$f"
  done)
  [ -z "$bad" ] && return 0
  echo "not formatted ($(clang-format --version | head -1)):"
  echo "$bad" | sed 's/^/  /'
  echo "format them: clang-format -i $(echo "$bad" | tr '\n' ' ')"
  return 1
}
count=$(sources | wc -l)
expect "the $count C and C++ files follow .clang-format" formatted
summary
