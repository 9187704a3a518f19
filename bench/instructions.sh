#!/bin/bash
# SPDX-License-Identifier: MIT
# User-space instructions per NOP under valgrind's callgrind, for every
# implementation of nop_bench: the marginal cost (Ir(2N) - Ir(N)) / N of two
# runs of --only, so set-up, mmap and exit cancel out. Deterministic: the
# figure to tune against (there are no hardware counters here). Runs the
# valgrind jobs in parallel; prints markdown tables.
# usage: instructions.sh NOP_BENCH [--n=N] [--modes=plain,defer]
#          [--batches=1,8,32,128] [--impls=a,b] [--sizes=1,2,...,32768]
#          [--size-batch=8] [--jobs=N]
#   --n      N, in NOPs (default 32768; a multiple of every B)
#   --sizes  also count plain rings of these sizes at B = min(--size-batch, size)
set -euo pipefail

bench=${1:?usage: instructions.sh NOP_BENCH [flags]}
shift
n=32768 modes=plain,defer batches=1,8,32,128 impls= sizes= size_batch=8 jobs=$(nproc)
for arg in "$@"; do
  case $arg in
    --n=*) n=${arg#*=} ;;
    --modes=*) modes=${arg#*=} ;;
    --batches=*) batches=${arg#*=} ;;
    --impls=*) impls=${arg#*=} ;;
    --sizes=*) sizes=${arg#*=} ;;
    --size-batch=*) size_batch=${arg#*=} ;;
    --jobs=*) jobs=${arg#*=} ;;
    *) echo "instructions.sh: unknown flag $arg" >&2; exit 2 ;;
  esac
done
command -v valgrind >/dev/null || { echo "instructions.sh: valgrind is not installed (tools/setup)" >&2; exit 1; }
[ -n "$impls" ] || impls=$("$bench" --list | paste -sd, -)
IFS=, read -ra impl_list <<<"$impls"
IFS=, read -ra mode_list <<<"$modes"
IFS=, read -ra batch_list <<<"$batches"
IFS=, read -ra size_list <<<"$sizes"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# One job per line: KEY ONLY ENTRIES OPS. KEY names the table cell.
for mode in "${mode_list[@]}"; do
  for b in "${batch_list[@]}"; do
    [ $((n % b)) -eq 0 ] || { echo "instructions.sh: --n=$n is not a multiple of B=$b" >&2; exit 2; }
    for impl in "${impl_list[@]}"; do
      for k in 1 2; do
        echo "nop,$mode,$b,$impl,$k $impl:$mode:$b 128 $((k * n))"
      done
    done
  done
done >"$work/jobs"
for size in "${size_list[@]}"; do
  b=$((size < size_batch ? size : size_batch))
  for impl in "${impl_list[@]}"; do
    for k in 1 2; do
      echo "size,$size,$b,$impl,$k $impl:plain:$b $size $((k * n))"
    done
  done
done >>"$work/jobs"

# Each job appends "KEY IR" to the results, or reports valgrind's output.
export bench work
run_job() {
  local out
  if ! out=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null \
    "$bench" --only="$2" --entries="$3" --ops="$4" 2>&1); then
    printf 'instructions.sh: %s --only=%s --entries=%s --ops=%s failed:\n%s\n' \
      "$bench" "$2" "$3" "$4" "$out" >&2
    return 1
  fi
  echo "$1 $(printf '%s\n' "$out" | sed -n 's/.*Collected : \([0-9]*\).*/\1/p')" >>"$work/results"
}
export -f run_job
xargs -P "$jobs" -L 1 bash -c 'run_job "$@"' _ <"$work/jobs"

# table KIND FIRST_COLUMN: one row per (config, B) in the jobs' order, one column per
# implementation, then each fring* implementation over liburing and raw, and
# each fring/co one ("X-co") minus the plain loop beside it (X), in instructions.
table() {
  awk -v kind="$1" -v first="$2" -v n="$n" -v impls="$impls" '
    { split($1, k, ","); if (k[1] != kind) next; row = k[2] SUBSEP k[3] }
    FNR == NR { if (!(row in seen)) { seen[row] = 1; order[++rows] = row }; next }
    { ir[row, k[4], k[5]] = $2 }
    END {
      ni = split(impls, name, ",")
      hdr = "| " first " | B |"; sep = "|---|---:|"
      for (i = 1; i <= ni; i++) { hdr = hdr " " name[i] " |"; sep = sep "---:|" }
      for (i = 1; i <= ni; i++) {
        if (name[i] !~ /^fring/) continue
        for (j = 1; j <= ni; j++) {
          if (name[j] != "liburing" && name[j] != "raw") continue
          hdr = hdr " " name[i] "/" name[j] " |"; sep = sep "---:|"
        }
      }
      for (i = 1; i <= ni; i++) {
        base[i] = 0
        if (name[i] !~ /^fring.*-co$/) continue
        for (j = 1; j <= ni; j++) if (name[j] == substr(name[i], 1, length(name[i]) - 3)) base[i] = j
        if (base[i]) { hdr = hdr " " name[i] " - " name[base[i]] " |"; sep = sep "---:|" }
      }
      print hdr; print sep
      for (r = 1; r <= rows; r++) {
        split(order[r], c, SUBSEP); line = "| " c[1] " | " c[2] " |"
        for (i = 1; i <= ni; i++) {
          per[i] = (ir[order[r], name[i], 2] - ir[order[r], name[i], 1]) / n
          line = line sprintf(" %.1f |", per[i])
        }
        for (i = 1; i <= ni; i++) {
          if (name[i] !~ /^fring/) continue
          for (j = 1; j <= ni; j++) {
            if (name[j] != "liburing" && name[j] != "raw") continue
            line = line sprintf(" %.3f |", per[j] > 0 ? per[i] / per[j] : 0)
          }
        }
        for (i = 1; i <= ni; i++) if (base[i]) line = line sprintf(" %+.1f |", per[i] - per[base[i]])
        print line
      }
      print ""
    }' "$work/jobs" "$work/results"
}

if [ ${#mode_list[@]} -gt 0 ] && [ ${#batch_list[@]} -gt 0 ]; then
  echo "## NOP round trips: instructions per NOP"
  echo
  echo "User-space instructions per NOP (valgrind $(valgrind --version | sed 's/valgrind-//') callgrind), the marginal"
  echo "cost (Ir(2N) - Ir(N)) / N with N = $n NOPs; rings of 128 entries. Deterministic."
  echo
  table nop mode
fi
if [ ${#size_list[@]} -gt 0 ]; then
  echo "## Per-op cost as the ring grows: instructions per NOP"
  echo
  echo "As above, plain rings of each size, B = min($size_batch, entries)."
  echo
  table size entries
fi
