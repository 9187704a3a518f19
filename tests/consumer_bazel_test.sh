#!/bin/bash
# SPDX-License-Identifier: MIT
# tests/consumer/bazel, a separate Bazel workspace set up exactly as the
# README's "From Bazel" section says (local_repository + fring_deps(), C++17
# in its .bazelrc), builds offline with nothing but what deps.bzl provides,
# and its two programs run: the hosted one, and the no-libc one with _start
# from @fring//arch:start and no undefined symbol. With
# fring_cross_toolchains() it also cross-builds both for aarch64 and riscv64
# (--config=aarch64 / riscv64 of its .bazelrc); they are ELF files of that
# machine and run under qemu-user, which has no io_uring, so each must say
# "io_uring_setup: ENOSYS" (or, on a qemu that has it, succeed).
# The nested Bazel has its own output root under the test's TMPDIR, runs in
# batch mode (no server is left behind) and makes no convenience symlinks;
# the outer workspace ignores tests/consumer (.bazelignore), so this test
# finds the checkout through a runfile and is never cached (tag external).
# usage: consumer_bazel_test.sh ANY_RUNFILE_AT_THE_ROOT [--cross]
set -u
. tests/support/check.sh

if [ "${2:-}" = --cross ]; then
  skip "the Bazel consumer" "it builds for the host; the host run of //... checks it"
  summary
  exit
fi

checkout=$(dirname "$(readlink -f "$1")")
tmp=${TEST_TMPDIR:-/tmp}/consumer_bazel
mkdir -p "$tmp"
export HOME=$tmp  # Bazel wants a writable home
nested() {
  (cd "$checkout/tests/consumer/bazel" &&
    bazel --batch --output_user_root="$tmp/root" "$@")
}

builds() { nested build --symlink_prefix=/ //... > "$tmp/build.log" 2>&1 || { tail -40 "$tmp/build.log"; return 1; }; }
expect "the consumer workspace builds offline" builds

bin=$(nested info bazel-bin 2> /dev/null)
hosted_runs() {
  local said
  if ! said=$("$bin/hosted" 2>&1); then
    echo "$said"
    return 1
  fi
  echo "$said" | grep -q 'went over TCP' || { echo "$said"; return 1; }
}
nolibc_runs() {
  "$bin/nolibc" | grep -q '^nolibc: hello through io_uring, no libc$' && [ -z "$(nm -u "$bin/nolibc")" ]
}
if "$bin/hosted" 2>&1 | grep -qE 'io_uring_setup: (ENOSYS|EPERM)'; then
  skip "the consumer's programs run" "io_uring unavailable here"
else
  expect "the consumer's hosted program runs" hosted_runs
  expect "the consumer's no-libc program runs, nothing undefined" nolibc_runs
fi

# e_machine of an ELF file: 183 aarch64, 243 riscv64.
machine_of() { od -An -t u2 -j 18 -N 2 "$1" | tr -d ' '; }
cross_builds() {
  nested build --symlink_prefix=/ --config="$1" //... > "$tmp/build-$1.log" 2>&1 ||
    { tail -40 "$tmp/build-$1.log"; return 1; }
}
# Runs $2 (a program of arch $1) under qemu-user; it must work or fail for
# the lack of io_uring only.
runs_under_qemu() {
  local said
  said=$("qemu-$1-static" -L "/usr/$1-linux-gnu" "$2" 2>&1) && return 0
  echo "$said" | grep -q 'io_uring_setup: ENOSYS' || { echo "$said"; return 1; }
}
cross_runs() {
  local arch=$1 want=$2 dir prog
  dir=$(nested info --config="$arch" bazel-bin 2> /dev/null)
  for prog in hosted nolibc; do
    [ "$(machine_of "$dir/$prog")" = "$want" ] || { echo "$prog: e_machine $(machine_of "$dir/$prog")"; return 1; }
    runs_under_qemu "$arch" "$dir/$prog" || return 1
  done
  [ -z "$(nm -u "$dir/nolibc")" ]
}
for pair in aarch64:183 riscv64:243; do
  arch=${pair%:*}
  expect "the consumer cross-builds for $arch (--config=$arch)" cross_builds "$arch"
  expect "its $arch programs are $arch ELF files that run under qemu-$arch-static" cross_runs "$arch" "${pair#*:}"
done
summary
