#!/bin/bash
# SPDX-License-Identifier: MIT
# The ordering proof: disassembles the probe functions (probes.cc), built
# for each architecture, and checks that every shared-ring access site has
# the barrier the memory model needs there: an acquire load, a release
# store or a full fence, as that architecture spells them; and that the
# controls have none (so the check can fail). An architecture that orders a
# kind of access in hardware (x86-64 loads and stores) has an empty pattern
# for it, and those sites are skipped with that reason.
# usage: ordering_test.sh ARCH OBJDUMP ACQUIRE RELEASE FENCE PROBES.a [ARCH ...]
# (six arguments per architecture; the patterns are extended regular
# expressions over "mnemonic operands", one per instruction).
set -u
. tests/support/check.sh

# The probes, one line each: the function, then what it must hold (+kind)
# and must not hold (-kind).
sites='
fring_probe_submit_sqpoll               +release +fence
fring_probe_submit_and_wait_sqpoll      +release +fence
fring_probe_sq_head_load_sqpoll         +acquire
fring_probe_cq_tail_load                +acquire
fring_probe_cq_tail_load_walk           +acquire
fring_probe_cq_head_store               +release
fring_probe_buf_ring_tail_store         +release
fring_probe_control_submit_plain        -release -fence
fring_probe_control_sq_head_load_plain  -acquire
'

tmp=${TEST_TMPDIR:-/tmp}

# The instructions of function FUNC in the disassembly DIS, one per line as
# "mnemonic operands" (tabs folded to spaces, comments dropped).
instructions() {  # DIS FUNC
  awk -v f="<$2>:" '
    /^[0-9a-f]+ <.*>:$/ { inside = ($2 == f); next }
    inside && /^ *[0-9a-f]+:\t/ {
      sub(/^ *[0-9a-f]+:\t/, ""); sub(/[ \t]*(\/\/|#|<).*$/, ""); gsub(/\t/, " "); print
    }' "$1"
}

# One check: FUNC in DIS must (+) or must not (-) have an instruction
# matching PATTERN.
site() {  # DIS FUNC SIGN PATTERN
  local insns
  insns=$(instructions "$1" "$2")
  [ -n "$insns" ] || { echo "no function $2 in the disassembly"; return 1; }
  if [ "$3" = + ]; then
    echo "$insns" | grep -Eq "$4" && return 0
    echo "no instruction matching /$4/ in $2:"; echo "$insns"; return 1
  fi
  ! echo "$insns" | grep -Eq "$4" && return 0
  echo "an instruction matching /$4/ in $2, which needs none:"; echo "$insns"; return 1
}

while [ $# -ge 6 ]; do
  arch=$1 objdump=$2 acquire=$3 release=$4 fence=$5 probes=$6
  shift 6
  dis=$tmp/probes_$arch.dis
  if ! "$objdump" -d --no-show-raw-insn "$probes" >"$dis" 2>"$dis.err"; then
    fail "$arch: disassemble the probes" "$(cat "$dis.err")"
    continue
  fi
  while read -r func checks; do
    [ -n "$func" ] || continue
    for check in $checks; do
      sign=${check%%[a-z]*} kind=${check#[+-]}
      case $kind in
        acquire) pattern=$acquire ;;
        release) pattern=$release ;;
        fence) pattern=$fence ;;
      esac
      what="$arch: $func $( [ "$sign" = + ] && echo has || echo has no ) $kind ordering"
      if [ -z "$pattern" ]; then
        skip "$what" "$arch orders it in hardware: no instruction to find"
      else
        expect "$what" site "$dis" "$func" "$sign" "$pattern"
      fi
    done
  done <<<"$sites"
done
[ $# -eq 0 ] || fail "arguments" "expected six per architecture, $# left over"
summary
