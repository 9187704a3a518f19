#!/bin/bash
# SPDX-License-Identifier: MIT
# fring's kernel names against the kernel's own headers (tests/uapi_check.py):
# every constant's value and every struct's size and field offsets, in
# Debian 12's headers (Linux 6.1, older: the names it has), in the aarch64
# and riscv64 cross compilers' headers (clang --target=, the arch's own
# values: fring's are chosen for the target), and in the newest ones
# (tools/liburing fetches Debian unstable's, Linux 7.2 on 2026-12-06, which
# must name nothing fring lacks); libc's headers as well for each.
# usage: uapi_test.sh NEWEST_KERNEL_INCLUDE_DIR
set -u
. tests/support/check.sh

sets=("Debian 12's headers=")
for arch in aarch64 riscv64; do
  if [ -f "/usr/$arch-linux-gnu/include/linux/io_uring.h" ]; then
    sets+=("$arch, Debian 12's cross headers=--target=$arch-linux-gnu")
  else
    skip "$arch's headers" "/usr/$arch-linux-gnu/include not installed (tools/setup installs it)"
  fi
done
if [ -f "${1:-}/linux/io_uring.h" ]; then
  sets+=("the newest headers=-isystem $(cd "$1" && pwd)")
else
  skip "the newest kernel headers" "not fetched (${1:-no folder given}): run tools/setup"
fi
expect "every kernel constant, struct size and field offset is fring's" \
  python3 tests/uapi_check.py . "${sets[@]}"
summary
