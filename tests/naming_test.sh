#!/bin/bash
# SPDX-License-Identifier: MIT
# The naming rule of docs/contributing.md on the compiled headers
# (tests/naming_check.py): no fring name at global scope, none spelled like
# a macro of libc, <linux/*.h> or <liburing.h>, none a using-directive could
# make ambiguous with their global names, none spelled like an io_uring name
# of the kernel or liburing, and no #define but FRING_*.
# usage: naming_test.sh LIBURING_2_15_DIR (its include/ and kernel-include/)
set -u
. tests/support/check.sh

flags=()
if [ -f "${1:-}/include/liburing.h" ]; then
  dir=$(cd "$1" && pwd)
  flags=(-isystem "$dir/include" -isystem "$dir/kernel-include")
  with="liburing 2.15"
else
  skip "liburing 2.15" "not fetched (${1:-no folder given}): run tools/setup; the system's liburing is read"
  with="the system's liburing"
fi
expect "fring's names meet no macro or global name of libc, <linux/*.h> or $with" \
  python3 tests/naming_check.py . "${flags[@]}"
summary
