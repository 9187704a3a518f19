#!/bin/bash
# SPDX-License-Identifier: MIT
# tests/consumer/bazel, a separate Bazel workspace set up exactly as the
# README's "From Bazel" section says (local_repository + fring_deps(), C++17
# in its .bazelrc), builds offline with nothing but what deps.bzl provides,
# and its two programs run: the hosted one, and the no-libc one with _start
# from @fring//arch:start and no undefined symbol.
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
summary
