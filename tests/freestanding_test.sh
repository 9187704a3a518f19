#!/bin/sh
# SPDX-License-Identifier: MIT
# The freestanding proof, for every architecture: examples/hello links with
# -nostdlib -static and nothing undefined; its code (fring inlined) needs at
# most memcpy/memset/memmove/memcmp from the environment (and, on riscv64, the
# linker's __global_pointer$, which _start loads into gp); the binary defines
# nothing but _start, fring_main and those four; and it really runs: on the
# host's architecture it writes its line through io_uring, under qemu-user (no
# io_uring) it must fail cleanly with a clear message.
# usage: freestanding_test.sh ARCH HELLO OBJ [ARCH HELLO OBJ]...
set -u
. tests/support/check.sh

allowed_undefined='^(memcpy|memset|memmove|memcmp)$'
allowed_defined='^(_start|fring_main|memcpy|memset|memmove|memcmp)$'
host=$(uname -m)

# Each check runs nm first and fails if nm does, so a wrong path cannot pass.
no_undefined() {  # NM FILE
  local out
  out=$($1 -u "$2") && [ -z "$out" ]
}
only_mem_undefined() {  # NM FILE ALLOWED_REGEX
  local out
  out=$($1 -u "$2") || return 1
  ! echo "$out" | awk '$1 == "U" {print $2}' | grep -Ev "$3" | grep -q .
}
only_expected_defined() {  # NM FILE
  local out
  out=$($1 --defined-only -g "$2") || return 1
  echo "$out" | grep -q ' T _start$' &&
    ! echo "$out" | awk '$2 == "T" {print $3}' | grep -Ev "$allowed_defined" | grep -q .
}

expected_line='hello from fring: written with op::write, no libc'
native_run() {  # HELLO
  out=$("$1") && [ "$out" = "$expected_line" ]
}
qemu_user_run() {  # ARCH HELLO
  if err=$("qemu-$1-static" "$2" 2>&1 >/dev/null); then
    echo "exited 0 although qemu-user has no io_uring"
    return 1
  fi
  echo "$err" | grep -q 'io_uring unavailable' || { echo "$err"; return 1; }
}

while [ $# -ge 3 ]; do
  arch=$1 hello=$2 obj=$3
  shift 3
  nm_tool=nm
  [ "$arch" = "$host" ] || nm_tool=$arch-linux-gnu-nm
  expect "$arch: hello links with nothing undefined" no_undefined "$nm_tool" "$hello"
  allowed=$allowed_undefined
  [ "$arch" = riscv64 ] && allowed='^(memcpy|memset|memmove|memcmp|__global_pointer\$)$'
  expect "$arch: fring code needs only mem* from the environment" \
    only_mem_undefined "$nm_tool" "$obj" "$allowed"
  expect "$arch: hello defines only _start, fring_main and mem*" only_expected_defined "$nm_tool" "$hello"
  if [ "$arch" = "$host" ]; then
    expect "$arch: hello writes its line through io_uring" native_run "$hello"
  else
    expect "$arch: hello under qemu-user fails with a clear message" qemu_user_run "$arch" "$hello"
  fi
done
summary
