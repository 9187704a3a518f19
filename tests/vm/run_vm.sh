#!/bin/bash
# SPDX-License-Identifier: MIT
# Boots a statically linked program as /init under qemu-system (TCG) and
# reports how it went. The program prints "fring-vm: exit N" and powers off
# (tests/support/vm_init.cc, examples/hello). Anything else is a failure:
# a kernel panic, a hang past the time limit, no result, a non-zero status,
# or a kernel log line with WARNING:, BUG: or Oops. The console log is shown.
#
# usage: run_vm.sh ARCH KERNEL PROGRAM SECONDS [OPTIONS] [-- GUEST_ARGS...]
#   ARCH     x86_64, aarch64 or riscv64
#   KERNEL   the vmlinuz to boot
#   PROGRAM  becomes /init in the initramfs
#   SECONDS  time limit for the whole boot
# OPTIONS:
#   --expect LINE     also require this exact line on the console
#   --smp N           N vCPUs on multi-threaded TCG, guest time following the
#                     host's clock; also require the guest to see N CPUs.
#                     Without it: one vCPU and instruction-counted time.
#   --env NAME=VALUE  an environment variable of /init (the kernel passes the
#                     command line's NAME=VALUE words before "--" to init)
# GUEST_ARGS become /init's arguments.
# Output ends with "fring-vm: PASS" or "fring-vm: FAIL: <why>", then the
# guest's "fring-test: N passed, N failed, N skipped" line, counting at least
# one failed test when the run failed; a program that prints no such line
# counts as one test case. Exit status 0 only on PASS. A kernel panic before
# /init started is retried once ("fring-vm: retry: ..."); tools/matrix shows
# the retries.
set -u
. tools/test_summary.sh  # run from the workspace root, as Bazel does

usage() {
  echo "usage: $0 ARCH KERNEL PROGRAM SECONDS [--expect LINE] [--smp N] [--env NAME=VALUE]..." \
    "[-- GUEST_ARGS...]" >&2
  exit 2
}
[ $# -ge 4 ] || usage
arch=$1 kernel=$2 program=$3 limit=$4
shift 4
expect= smp= env=
while [ $# -gt 0 ]; do
  case $1 in
    --expect) [ $# -ge 2 ] || usage; expect=$2; shift 2 ;;
    --smp) [[ ${2:-} =~ ^[1-9][0-9]*$ ]] || usage; smp=$2; shift 2 ;;
    --env) [[ ${2:-} =~ ^[A-Za-z_][A-Za-z0-9_]*=[^[:space:]]*$ ]] || usage; env="$env $2"; shift 2 ;;
    --) shift; break ;;
    *) usage ;;
  esac
done

work=$(mktemp -d "${TEST_TMPDIR:-/tmp}/fring-vm.XXXXXX")
trap 'rm -rf "$work"' EXIT

# --- initramfs: newc cpio, written directly ---------------------------------
ino=0
pad() { [ "$1" -eq 0 ] || head -c $((4 - $1)) /dev/zero; }
entry() {  # NAME MODE RDEV_MAJOR RDEV_MINOR [FILE]
  local name=$1 mode=$2 major=$3 minor=$4 file=${5:-} size=0 namesize
  [ -n "$file" ] && size=$(stat -L -c %s "$file")
  namesize=$((${#name} + 1))
  ino=$((ino + 1))
  printf '070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X' \
    "$ino" "$mode" 0 0 1 0 "$size" 0 0 "$major" "$minor" "$namesize" 0
  printf '%s\0' "$name"
  pad $(((110 + namesize) % 4))
  if [ -n "$file" ]; then
    cat "$file"
    pad $((size % 4))
  fi
}
{
  entry dev $((0040755)) 0 0
  entry dev/console $((0020600)) 5 1  # the kernel opens it for init's stdio
  entry proc $((0040755)) 0 0
  entry sys $((0040755)) 0 0
  entry tmp $((01777 | 0040000)) 0 0
  entry init $((0100755)) 0 0 "$program"
  entry TRAILER!!! 0 0 0
} >"$work/initramfs.cpio"

# --- boot --------------------------------------------------------------------
case $arch in
  x86_64)
    qemu=(qemu-system-x86_64 -cpu max)
    console=ttyS0
    ;;
  aarch64)
    # pauth-impdef: a cheaper pointer-authentication algorithm under TCG.
    qemu=(qemu-system-aarch64 -M virt -cpu max,pauth-impdef=on)
    console=ttyAMA0
    ;;
  riscv64)
    # -bios default: the OpenSBI firmware that comes with qemu-system-data.
    qemu=(qemu-system-riscv64 -M virt -bios default)
    console=ttyS0
    ;;
  *)
    echo "fring-vm: FAIL: unknown architecture $arch"
    exit 2
    ;;
esac
# loglevel=5 shows kernel warnings on the console too; panic=-1 reboots at
# once on a panic and -no-reboot turns that into qemu exiting.
cmdline="console=$console loglevel=5 panic=-1$env"
[ $# -gt 0 ] && cmdline="$cmdline -- $*"
if [ -n "$smp" ]; then
  # Each vCPU a host thread, so that the guest's CPUs really run at once;
  # guest time is the host's, as -icount needs a single thread.
  cpus=(-smp "$smp" -accel tcg,thread=multi)
else
  # One vCPU, and guest time that follows executed instructions (-icount):
  # under TCG on a loaded host the guest's clock otherwise stalls and jumps,
  # which makes it miscalibrate its timers and, now and then, hang or panic
  # at boot.
  cpus=(-smp 1 -accel tcg -icount shift=auto)
fi
# boot N: boots the guest once, its console in $work/console.N.log; sets
# $log (the log, \r removed) and $qemu_status.
boot() {
  log=$work/console.$1.log
  timeout -k 5 "$limit" "${qemu[@]}" "${cpus[@]}" -m 1024 -nic none -no-reboot \
    -display none -monitor none -serial "file:$log.raw" \
    -kernel "$kernel" -initrd "$work/initramfs.cpio" -append "$cmdline" </dev/null
  qemu_status=$?
  tr -d '\r' <"$log.raw" >"$log" 2>/dev/null || : >"$log"
}

# started: true when /init began: it printed its first line (vm_init's
# "fring-vm: started:", the expected line, or its exit line).
started() {
  grep -qE '^fring-vm: (started:|exit [0-9]+$)' "$log" ||
    { [ -n "$expect" ] && grep -qxF "$expect" "$log"; }
}

# A kernel that panics while it boots, before /init starts, is not the
# program's doing (multi-threaded TCG patching kernel text has done it under
# load): boot once more, and say so. A panic after /init started fails.
boot 1
if grep -q 'Kernel panic - not syncing' "$log" && ! started; then
  cat "$log"
  echo "fring-vm: retry: the kernel panicked before /init started:" \
    "$(grep -m1 'Kernel panic - not syncing' "$log" | sed 's/.*not syncing: *//')"
  boot 2
fi

# --- verdict -----------------------------------------------------------------
cat "$log"
echo "fring-vm: ------------------------------------------------------------"
echo "fring-vm: $arch $(basename "$(dirname "$(readlink -f "$kernel")")") $(basename "$program"), qemu exit $qemu_status"

why=
exit_line=$(grep -E '^fring-vm: exit [0-9]+$' "$log" | tail -1)
if [ "$qemu_status" -eq 124 ] || [ "$qemu_status" -eq 137 ]; then
  why="hang: no power-off within ${limit} s"
elif grep -q 'Kernel panic - not syncing' "$log"; then
  why="kernel panic: $(grep -m1 'Kernel panic - not syncing' "$log" | sed 's/.*not syncing: *//')"
elif grep -qE 'fring-vm: dmesg:|BUG: |Oops[: ]|WARNING: CPU:' "$log"; then
  why="kernel log: $(grep -m1 -E 'fring-vm: dmesg:|BUG: |Oops[: ]|WARNING: CPU:' "$log" | sed 's/^fring-vm: dmesg: //')"
elif [ -z "$exit_line" ]; then
  why="no result: the guest never printed its exit line"
elif [ "${exit_line##* }" != 0 ]; then
  why="guest exit status ${exit_line##* }"
elif [ -n "$smp" ] && ! grep -qE "^fring-vm: started: .* cpus $smp\$" "$log"; then
  why="the guest did not see $smp CPUs"
elif [ -n "$expect" ] && ! grep -qxF "$expect" "$log"; then
  why="expected line missing: $expect"
elif [ "$qemu_status" -ne 0 ]; then
  why="qemu exited with $qemu_status"
fi

summary=$(summary_of "$log")
if [ -z "$why" ]; then
  echo "fring-vm: PASS"
  # A program without test cases of its own (hello) counts as one.
  read -r p f s <<<"${summary:-1 0 0}"
  echo "fring-test: $p passed, $f failed, $s skipped"
  exit 0
fi
echo "fring-vm: FAIL: $why"
read -r p f s <<<"${summary:-0 0 0}"
# A failure only the harness saw (panic, warning, hang) counts as one more.
[ "$f" -eq 0 ] && f=1
echo "fring-test: $p passed, $f failed, $s skipped"
exit 1
