#!/bin/bash
# SPDX-License-Identifier: MIT
# fring's kernel names against the kernel's own headers (tests/uapi_check.py):
# every constant's value and every struct's size and field offsets, in
# Debian 12's headers (Linux 6.1, older: the names it has) and in the newest
# ones (tools/liburing fetches Debian unstable's, Linux 7.2 on 2026-12-06,
# which must name nothing fring lacks), and the syscall layer's constants
# against libc's.
# usage: uapi_test.sh NEWEST_KERNEL_INCLUDE_DIR
set -u
. tests/support/check.sh

sets=("Debian 12's headers=")
if [ -f "${1:-}/linux/io_uring.h" ]; then
  sets+=("the newest headers=-isystem $(cd "$1" && pwd)")
else
  skip "the newest kernel headers" "not fetched (${1:-no folder given}): run tools/setup"
fi
expect "every kernel constant, struct size and field offset is fring's" \
  python3 tests/uapi_check.py . "${sets[@]}"
summary
