#!/bin/bash
# SPDX-License-Identifier: MIT
# The consumer built with nothing but a compiler (tests/consumer/plain/build.sh,
# the README's "With plain -I" recipe), with gcc and clang, C++17 and C++20:
# the hosted program and the no-libc one both build and run, and the no-libc
# one has no undefined symbol.
# The consumer lives outside fring's Bazel packages (.bazelignore), so this
# test finds the checkout through a runfile and is never cached (tag external).
# usage: consumer_plain_test.sh ANY_RUNFILE_AT_THE_ROOT
set -u
. tests/support/check.sh

checkout=$(dirname "$(readlink -f "$1")")
tmp=${TEST_TMPDIR:-/tmp}/consumer_plain

# Builds both with CXX STD; returns 77 where io_uring is unavailable here.
builds_and_runs() {  # CXX STD
  local out=$tmp/$1-$2 said
  sh "$checkout/tests/consumer/plain/build.sh" "$1" "$2" "$out" || return 1
  if ! said=$("$out/hosted" 2>&1); then
    echo "$said"
    echo "$said" | grep -qE 'io_uring_setup: (ENOSYS|EPERM)' && return 77
    return 1
  fi
  echo "$said" | grep -q 'went over TCP' || { echo "$said"; return 1; }
  "$out/nolibc" | grep -q '^nolibc: hello through io_uring, no libc$' || return 1
  [ -z "$(nm -u "$out/nolibc")" ] || { nm -u "$out/nolibc"; return 1; }
}

for cxx in g++ clang++; do
  for std in c++17 c++20; do
    name="$cxx -std=$std: hosted and no-libc programs with plain -I"
    out=$(builds_and_runs $cxx $std 2>&1)
    case $? in
      0) pass "$name" ;;
      77) skip "$name" "io_uring unavailable here" ;;
      *) fail "$name" "$out" ;;
    esac
  done
done
summary
