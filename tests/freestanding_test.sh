#!/bin/sh
# SPDX-License-Identifier: MIT
# The freestanding proof, for x86_64 and aarch64: examples/hello links with
# -nostdlib -static and nothing undefined; its code (fring inlined) needs at
# most memcpy/memset/memmove/memcmp from the environment; the binary defines
# nothing but _start, fring_main and those four; and it really runs: on x86_64
# it writes its line through io_uring, under qemu-user (no io_uring) it must
# fail cleanly with a clear message.
# usage: freestanding_test.sh HELLO_X86_64 OBJ_X86_64 HELLO_AARCH64 OBJ_AARCH64
set -u
. tests/support/check.sh

allowed_undefined='^(memcpy|memset|memmove|memcmp)$'
allowed_defined='^(_start|fring_main|memcpy|memset|memmove|memcmp)$'

# Each check runs nm first and fails if nm does, so a wrong path cannot pass.
no_undefined() {  # NM FILE
  local out
  out=$($1 -u "$2") && [ -z "$out" ]
}
only_mem_undefined() {  # NM FILE
  local out
  out=$($1 -u "$2") || return 1
  ! echo "$out" | awk '$1 == "U" {print $2}' | grep -Ev "$allowed_undefined" | grep -q .
}
only_expected_defined() {  # NM FILE
  local out
  out=$($1 --defined-only -g "$2") || return 1
  echo "$out" | grep -q ' T _start$' &&
    ! echo "$out" | awk '$2 == "T" {print $3}' | grep -Ev "$allowed_defined" | grep -q .
}

check_arch() {  # ARCH NM HELLO OBJ
  expect "$1: hello links with nothing undefined" no_undefined "$2" "$3"
  expect "$1: fring code needs only mem* from the environment" only_mem_undefined "$2" "$4"
  expect "$1: hello defines only _start, fring_main and mem*" only_expected_defined "$2" "$3"
}

check_arch x86_64 nm "$1" "$2"
check_arch aarch64 aarch64-linux-gnu-nm "$3" "$4"

expected_line='hello from fring: written with IORING_OP_WRITE, no libc'
native_run() {
  out=$("$1") && [ "$out" = "$expected_line" ]
}
qemu_user_run() {
  if err=$(qemu-aarch64-static "$1" 2>&1 >/dev/null); then
    echo "exited 0 although qemu-user has no io_uring"
    return 1
  fi
  echo "$err" | grep -q 'io_uring unavailable' || { echo "$err"; return 1; }
}
case $(uname -m) in
  x86_64)
    expect "x86_64: hello writes its line through io_uring" native_run "$1"
    expect "aarch64: hello under qemu-user fails with a clear message" qemu_user_run "$3"
    ;;
  aarch64)
    skip "x86_64: hello writes its line through io_uring" "not an x86_64 host"
    expect "aarch64: hello writes its line through io_uring" native_run "$3"
    ;;
esac
summary
