#!/bin/bash
# SPDX-License-Identifier: MIT
# Runs every benchmark and writes one markdown report with a PNG plot:
# NOP round trips (ns/op), instructions per NOP (callgrind), per-op cost as
# the ring grows, random page-cached reads, TCP echo, the no-libc footprint
# and the echo servers' size, and the targets (the ring against liburing and
# the raw loop, fring/co against the plain loop), each marked met or not met.
#   bazel run -c opt //bench:report [-- --out=DIR] [--long | --smoke]
# --out    where to write report.md and nop.png (default, under bazel run:
#          bench/results/<UTC date and time>/ in the source tree)
# --long   5x the operations and 11 rounds (or FRING_BENCH_LONG=1)
# --smoke  tiny sizes: checks that everything runs (the smoke test uses it)
# The other arguments: the programs, the hellos and the plot script, as
# BUILD.bazel passes them (bazel run puts them before the flags).
set -uo pipefail

scale=default out= files=()
for arg in "$@"; do
  case $arg in
    --out=*) out=${arg#*=} ;;
    --long) scale=long ;;
    --smoke) scale=smoke ;;
    --*) echo "report: unknown flag $arg" >&2; exit 2 ;;
    *) files+=("$arg") ;;
  esac
done
set -- "${files[@]}"
[ "${FRING_BENCH_LONG:-0}" = 1 ] && [ $scale = default ] && scale=long
[ $# -eq 14 ] || { echo "report: want 14 files besides the flags, got $#" >&2; exit 2; }
nop_bench=$1 ring_size_bench=$2 read_bench=$3 echo_bench=$4 instructions=$5 size=$6
sized=("$7" "$8" "$9" "${10}" "${11}" "${12}" "${13}") gnuplot_script=${14}
stamp=$(date -u +%Y-%m-%d-%H%M%S)
if [ -z "$out" ]; then
  if [ -n "${BUILD_WORKSPACE_DIRECTORY:-}" ]; then
    out=$BUILD_WORKSPACE_DIRECTORY/bench/results/$stamp
  else
    out=$PWD/bench-results/$stamp
  fi
fi
mkdir -p "$out/raw" || exit 1
read_file=${FRING_BENCH_DIR:+--file=$FRING_BENCH_DIR/read-256MiB.dat}

case $scale in
  default)
    nop=(--ops=200000 --rounds=7)
    sizes=(--ops=100000 --rounds=5)
    reads=(--ops=200000 --rounds=5 $read_file)
    echo_=(--messages=40000 --rounds=5)
    instr=(--n=32768 --sizes=1,2,4,8,16,32,64,128,256,512,1024,2048,4096,8192,16384,32768)
    ;;
  long)
    nop=(--ops=1000000 --rounds=11)
    sizes=(--ops=500000 --rounds=11)
    reads=(--ops=1000000 --rounds=11 $read_file)
    echo_=(--messages=200000 --rounds=11)
    instr=(--n=131072 --sizes=1,2,4,8,16,32,64,128,256,512,1024,2048,4096,8192,16384,32768)
    ;;
  smoke)
    nop=(--ops=256 --rounds=1)
    sizes=(--ops=64 --rounds=1 --max-entries=16)
    reads=(--ops=256 --rounds=1 --size-mib=1 "--file=$out/raw/read.dat")
    echo_=(--messages=200 --rounds=1)
    instr=(--n=128 --modes=plain --batches=8 --sizes=8)
    ;;
esac

loads=()  # every load average sampled, for the warning
sample_load() { loads+=("$(cut -d' ' -f1 /proc/loadavg)"); }
failures=()
# run NAME PROGRAM ARGS...: runs one benchmark into raw/NAME.md.
run() {
  local name=$1
  shift
  echo "report: $name: $*" >&2
  sample_load
  local t0=$SECONDS
  if ! "$@" >"$out/raw/$name.md" 2>"$out/raw/$name.err"; then
    failures+=("$name")
    echo "report: $name FAILED:" >&2
    cat "$out/raw/$name.err" >&2
  fi
  sample_load
  echo "report: $name took $((SECONDS - t0)) s" >&2
  # The programs print their load average at the start of each round.
  loads+=($(awk -F'|' '/^#.* rounds$/ { on = 1; next } on && /^\| [0-9]+ \|/ { gsub(/ /, "", $4); print $4 }
    on && !/^\|/ && NF { on = 0 }' "$out/raw/$name.md"))
}

start_load=$(cat /proc/loadavg)
started=$SECONDS
run nop "$nop_bench" "${nop[@]}"
run instructions "$instructions" "$nop_bench" "${instr[@]}"
run ring_size "$ring_size_bench" "${sizes[@]}"
run read "$read_bench" "${reads[@]}"
run echo "$echo_bench" "${echo_[@]}"
run size "$size" "${sized[@]}"
rm -f "$out/raw/read.dat"
elapsed=$((SECONDS - started))

# value FILE HEADING COLUMN KEY1 [KEY2]: the cell of COLUMN in the row whose
# first cells are KEY1 (and KEY2) of the first table after the line that
# starts with HEADING; empty when there is none.
value() {
  awk -v heading="$2" -v col="$3" -v k1="$4" -v k2="${5-}" '
    index($0, heading) == 1 { on = 1; next }
    on && /^\|/ {
      n = split($0, f, "|")
      for (i = 2; i < n; i++) gsub(/^ +| +$/, "", f[i])
      if (!hdr) { for (i = 2; i < n; i++) idx[f[i]] = i; hdr = 1; next }
      if (f[2] == k1 && (k2 == "" || f[3] == k2) && (col in idx)) { print f[idx[col]]; exit }
      next
    }
    on && hdr && !/^\|/ { exit }' "$out/raw/$1.md"
}
# column_keys FILE HEADING N: the distinct values of column N (1-based) of that table.
column_keys() {
  awk -v heading="$2" -v c="$3" '
    index($0, heading) == 1 { on = 1; next }
    on && /^\|/ { n = split($0, f, "|"); gsub(/ /, "", f[c + 1]); if (row++ > 1 && !seen[f[c + 1]]++) print f[c + 1]; next }
    on && row && !/^\|/ { exit }' "$out/raw/$1.md"
}
# check VALUE OP LIMIT: "met" or "**not met**" (or "no figure").
check() {
  if [ -z "$1" ] || [ "$1" = - ]; then echo "no figure"; return; fi
  if awk -v v="$1" -v l="$3" -v op="$2" 'BEGIN { exit !(op == "<=" ? v + 0 <= l + 0 : v + 0 >= l + 0) }'; then
    echo met
  else
    echo "**not met**"
  fi
}
# all_met CHECK...: not met when one is not, no figure when one has none, else met.
all_met() {
  case " $* " in
    *"not met"*) echo "**not met**" ;;
    *"no figure"*) echo "no figure" ;;
    *) echo met ;;
  esac
}

# The ring's implementations and fring/co's.
fring_impls=$("$nop_bench" --list | grep '^fring' | grep -v -- '-co$')
co_impls=$("$nop_bench" --list | grep '^fring.*-co$')
modes=$(column_keys nop "## NOP round trips: ns/op" 1)
batches=$(column_keys nop "## NOP round trips: ns/op" 2)
H_NS="## NOP round trips: ns/op"
H_IR="## NOP round trips: instructions per NOP"
H_SZ_IR="## Per-op cost as the ring grows: instructions per NOP"
H_SZ_NS="### Ring size spread"
H_READ="## 4 KiB random reads"
H_ECHO="## TCP echo over loopback"
H_SIZE="## Footprint"
H_STYLES="### Footprint: Result's operator-> after each call"
H_CO_SIZE="## fring/co: size of the echo server"

targets=$out/raw/targets.md
{
  echo "| target | implementation | measured | limit | status |"
  echo "|---|---|---|---|---|"
  for f in $fring_impls; do
    for mode in $modes; do
      # The raw loop does only what the ring's protocol needs; StaticRing's shape
      # is fixed at compile time, Ring tests it at run time.
      raw_limit=1.05
      [ "$f" = fring ] || raw_limit=1.10
      for peer in liburing:0.99 raw:$raw_limit; do
        p=${peer%:*} limit=${peer#*:}
        figs= checks=()
        for b in $batches; do
          v=$(value instructions "$H_IR" "$f/$p" "$mode" "$b")
          figs+="B=$b: ${v:-?}, "
          checks+=("$(check "$v" "<=" "$limit")")
        done
        echo "| instructions per NOP vs $p, every B, $mode | $f | ${figs%, } | <= ${limit}x | $(all_met "${checks[@]}") |"
      done
    done
    # At B=1 the system call (about 1 us here) is the whole round trip: a
    # figure, not a target.
    for mode in $modes; do
      v=$(value nop "$H_NS" "$f/liburing" "$mode" 1)
      echo "| ns/op vs liburing at B=1, $mode | $f | ${v:-?} | (a figure) | - |"
      figs= checks=()
      for b in $batches; do
        [ "$b" -ge 8 ] || continue
        v=$(value nop "$H_NS" "$f/liburing" "$mode" "$b")
        figs+="B=$b: ${v:-?}, "
        checks+=("$(check "$v" "<=" 0.95)")
      done
      echo "| ns/op vs liburing at B>=8, $mode | $f | ${figs%, } | <= 0.95x | $(all_met "${checks[@]}") |"
    done
    for mode in $modes; do
      figs= checks=()
      for qd in $(column_keys read "$H_READ" 2); do
        v=$(value read "$H_READ" "$f/liburing" "$mode" "$qd")
        figs+="QD $qd: ${v:-?}, "
        checks+=("$(check "$v" ">=" 1.0)")
      done
      echo "| reads ops/s vs liburing, $mode | $f | ${figs%, } | >= 1.0x | $(all_met "${checks[@]}") |"
    done
    for mode in $(column_keys echo "$H_ECHO" 1); do
      v=$(value echo "$H_ECHO" "$f/liburing" "$mode")
      echo "| echo messages/s vs liburing, $mode | $f | ${v:-?} | >= 1.0x | $(check "$v" ">=" 1.0) |"
    done
    spread_ns=$(value ring_size "$H_SZ_NS" "(max - min) / min" "$f" | tr -d %)
    echo "| ns/op spread over rings of 8 entries and up | $f | ${spread_ns:-?}% | <= 5% | $(check "$spread_ns" "<=" 5) |"
    spread_ir=$(awk -v heading="$H_SZ_IR" -v col="$f" '
      index($0, heading) == 1 { on = 1; next }
      on && /^\|/ { n = split($0, c, "|"); for (i = 2; i < n; i++) gsub(/ /, "", c[i])
        if (!hdr) { for (i = 2; i < n; i++) idx[c[i]] = i; hdr = 1; next }
        if (c[2] + 0 < 8 || !(col in idx)) next
        v = c[idx[col]] + 0; if (!cnt++ || v < lo) lo = v; if (v > hi) hi = v; next }
      on && hdr && !/^\|/ { exit }
      END { if (cnt && lo > 0) printf "%.1f", (hi - lo) / lo * 100 }' "$out/raw/instructions.md")
    echo "| instructions/op spread over rings of 8 entries and up | $f | ${spread_ir:-?}% | <= 5% | $(check "$spread_ir" "<=" 5) |"
  done
  v=$(value size "$H_SIZE" "stripped bytes" "hello on fring")
  echo "| minimal no-libc hello, stripped | fring | ${v:-?} bytes | <= 1500 bytes | $(check "$v" "<=" 1500) |"
  v=$(value size "$H_STYLES" "ratio" gcc x86_64)
  echo "| \`->\` hello / taken out once, gcc x86_64 | fring | ${v:-?} | <= 1.05x |" \
    "$(check "$v" "<=" 1.05) |"
  v=$(value size "$H_STYLES" "\`->\` after each call" gcc x86_64)
  echo "| \`->\` hello, stripped, gcc x86_64 | fring | ${v:-?} bytes | <= 3000 bytes |" \
    "$(check "$v" "<=" 3000) |"
  v=$(value size "$H_STYLES" "taken out once" gcc x86_64)
  echo "| hello with the ring taken out once, stripped, gcc x86_64 | fring | ${v:-?} bytes |" \
    "(a figure) | - |"
  echo
} >"$targets"

# Each fring/co implementation ("X-co") against the plain loop (X).
co_targets=$out/raw/co_targets.md
{
  echo "| target | implementation | measured | limit | status |"
  echo "|---|---|---|---|---|"
  for c in $co_impls; do
    p=${c%-co}
    for mode in $modes; do
      figs= checks=()
      for b in $batches; do
        v=$(value instructions "$H_IR" "$c - $p" "$mode" "$b")
        figs+="B=$b: ${v:-?}, "
        checks+=("$(check "$v" "<=" 15)")
      done
      echo "| instructions per awaited NOP minus the plain loop's, $mode | $c | ${figs%, } | <= +15 | $(all_met "${checks[@]}") |"
      figs=
      for b in $batches; do
        v=$(value nop "$H_NS" "$c/$p" "$mode" "$b")
        figs+="B=$b: ${v:-?}, "
      done
      echo "| ns per awaited NOP over the plain loop's, $mode | $c | ${figs%, } | (a figure) | - |"
    done
    for mode in $(column_keys echo "$H_ECHO" 1); do
      v=$(value echo "$H_ECHO" "$c/$p" "$mode")
      echo "| echo messages/s over the plain server's, $mode | $c | ${v:-?} | >= 0.97x | $(check "$v" ">=" 0.97) |"
    done
  done
  plain=$(value size "$H_CO_SIZE" "own code bytes" "examples/echo")
  v=$(value size "$H_CO_SIZE" "own code bytes" "examples/co_echo")
  bytes=$(value size "$H_CO_SIZE" "stripped bytes" "examples/co_echo")
  echo "| co_echo's own code (examples/echo: ${plain:-?}); stripped, glibc included | fring/co | ${v:-?}; ${bytes:-?} bytes | (a figure) | - |"
  echo
} >"$co_targets"

# The plot: ns/op and instructions/op against B, one line per implementation and mode.
plot_data=$out/raw/plot.dat
impls=$("$nop_bench" --list)
{
  printf '# B'
  for mode in $modes; do for i in $impls; do printf ' %s_%s' "$i" "$mode"; done; done
  for mode in $modes; do for i in $impls; do printf ' %s_%s' "$i" "$mode"; done; done
  echo
  for b in $batches; do
    printf '%s' "$b"
    for mode in $modes; do
      for i in $impls; do v=$(value nop "$H_NS" "$i ns/op" "$mode" "$b") && printf ' %s' "${v:-NaN}"; done
    done
    for mode in $modes; do
      for i in $impls; do v=$(value instructions "$H_IR" "$i" "$mode" "$b") && printf ' %s' "${v:-NaN}"; done
    done
    echo
  done
} >"$plot_data"
plot=none
if command -v gnuplot >/dev/null; then
  if gnuplot -e "datafile='$plot_data'; outfile='$out/nop.png'; series='$(echo $impls)'; modes='$(echo $modes)'" \
    "$gnuplot_script" 2>"$out/raw/gnuplot.err"; then
    plot=nop.png
  else
    failures+=(plot)
  fi
else
  echo "report: gnuplot is not installed (tools/setup): no plot" >&2
fi

# The load average warning: above half a load per core at any sample.
cores=$(nproc)
max_load=$(printf '%s\n' "${loads[@]}" | sort -g | tail -1)
busy=$(awk -v m="$max_load" -v c="$cores" 'BEGIN { print (m > 0.5 * c) ? 1 : 0 }')

machine_cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
version() { "$@" 2>&1 | head -1; }
commit=unknown
if [ -n "${BUILD_WORKSPACE_DIRECTORY:-}" ] && git -C "$BUILD_WORKSPACE_DIRECTORY" rev-parse >/dev/null 2>&1; then
  commit=$(git -C "$BUILD_WORKSPACE_DIRECTORY" log -1 --format='%h %s')
  [ -z "$(git -C "$BUILD_WORKSPACE_DIRECTORY" status --porcelain --untracked-files=no)" ] || commit="$commit (with local changes)"
fi
{
  echo "# fring benchmark report, $stamp"
  echo
  if [ "$busy" = 1 ]; then
    echo "> **Warning: the machine was busy.** The load average reached $max_load on $cores cores"
    echo "> (above 0.5 per core) during the run, so wall-clock figures (ns/op, ops/s and their"
    echo "> ratios) are disturbed; the instruction counts are not. Re-run on a quiet machine."
    echo
  fi
  if [ ${#failures[@]} -gt 0 ]; then
    echo "> **Failed:** ${failures[*]} (see raw/*.err)."
    echo
  fi
  [ $scale = default ] || { echo "> Scale: **$scale** (not the default sizes)."; echo; }
  echo "| machine | |"
  echo "|---|---|"
  echo "| CPU | $machine_cpu |"
  echo "| cores | $cores online |"
  echo "| kernel | $(uname -srm) |"
  echo "| compilers | $(version gcc --version); $(version clang --version) |"
  echo "| liburing | liburing-dev $(dpkg-query -W -f='${Version}' liburing-dev 2>/dev/null || echo '?') (static) |"
  echo "| valgrind | $(version valgrind --version) |"
  echo "| fring commit | $commit |"
  echo "| build | $(sed -n 's/^Build: \([^.]*\)\..*/\1/p' "$out/raw/nop.md" | head -1) |"
  echo "| date (UTC) | $(date -u '+%Y-%m-%d %H:%M') |"
  echo "| load average | at start: $start_load; at end: $(cat /proc/loadavg); highest sampled: $max_load |"
  echo "| run time | $elapsed s |"
  echo
  echo "## Targets"
  echo
  cat "$targets"
  echo "## Targets of fring/co"
  echo
  cat "$co_targets"
  [ $plot = none ] || { echo "![ns/op and instructions/op against B]($plot)"; echo; }
  for name in nop instructions ring_size read echo size; do
    # Each program's output, its headings one level down.
    sed 's/^#/##/' "$out/raw/$name.md"
  done
} >"$out/report.md"
echo "report: wrote $out/report.md (plot: $plot) in $elapsed s" >&2
[ ${#failures[@]} -eq 0 ]
