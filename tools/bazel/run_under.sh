#!/bin/sh
# Bazel --run_under wrapper for --config=aarch64: an aarch64 ELF executable
# runs under qemu-aarch64-static with FRING_QEMU_USER=1 set (so tests can name
# why io_uring is missing); scripts and native binaries run directly.
set -eu
bin=$1
magic=$(od -An -c -N 4 "$bin" 2>/dev/null | tr -d ' ') || magic=
machine=$(od -An -t u2 -j 18 -N 2 "$bin" 2>/dev/null | tr -d ' ') || machine=
if [ "$magic" = '177ELF' ] && [ "$machine" = 183 ] && [ "$(uname -m)" != aarch64 ]; then
  FRING_QEMU_USER=1 exec qemu-aarch64-static "$@"
fi
exec "$@"
