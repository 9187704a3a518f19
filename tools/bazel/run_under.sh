#!/bin/sh
# Bazel --run_under wrapper for --config=aarch64 and --config=riscv64: an ELF
# executable for another architecture (e_machine 183 aarch64, 243 riscv64)
# runs under qemu-<arch>-static with FRING_QEMU_USER=1 set (so tests can name
# why io_uring is missing); scripts and native binaries run directly.
set -eu
bin=$1
magic=$(od -An -c -N 4 "$bin" 2>/dev/null | tr -d ' ') || magic=
machine=$(od -An -t u2 -j 18 -N 2 "$bin" 2>/dev/null | tr -d ' ') || machine=
arch=
if [ "$magic" = '177ELF' ]; then
  case $machine in
    183) arch=aarch64 ;;
    243) arch=riscv64 ;;
  esac
fi
if [ -n "$arch" ] && [ "$(uname -m)" != "$arch" ]; then
  FRING_QEMU_USER=1 exec "qemu-$arch-static" "$@"
fi
exec "$@"
