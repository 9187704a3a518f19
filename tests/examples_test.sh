#!/bin/bash
# SPDX-License-Identifier: MIT
# Runs every example and checks what it did: cat, dcat and cp against cmp,
# dcat's signals (SIGPIPE ignored: `dcat | head` exits 0; SIGINT stops it
# with status 130), timer's steps and ticks, echo and co_echo each driven by
# echo_client over loopback with 50 connections (with the buffer ring full,
# and nearly empty), sqpoll's file, co_cp against cmp; and that each names
# an error and exits 1. An example that finds io_uring
# or a kernel feature missing exits 77 with the reason, reported as a skip.
# Binaries run through tools/bazel/run_under.sh, so aarch64 builds run under
# qemu-user (where io_uring is missing: they skip).
# usage: examples_test.sh RUN_UNDER CAT CP TIMER ECHO ECHO_CLIENT SQPOLL CO_ECHO CO_CP DCAT
set -u
. tests/support/check.sh

run=$1 cat=$2 cp=$3 timer=$4 echo_server=$5 client=$6 sqpoll=$7 co_echo=$8 co_cp=$9 dcat=${10}
root=$PWD
tmp=${TEST_TMPDIR:-/tmp}/examples
mkdir -p "$tmp"
cd "$tmp" || exit 1
ex() { "$root/$run" "$root/$1" "${@:2}"; }  # runs an example, by its runfiles path

# example NAME FUNCTION: one test case. FUNCTION returns 0 (pass), 77 (the
# example found something missing: skip, with the reason it printed on
# stderr, which FUNCTION leaves in $tmp/stderr), or anything else (fail).
example() {
  local out status
  : > "$tmp/stderr"
  out=$("$2" 2>&1)
  status=$?
  case $status in
    0) pass "$1" ;;
    77) skip "$1" "$(sed -n 's/.*unsupported here: //p' "$tmp/stderr" | head -1)" ;;
    *) fail "$1" "$out$(cat "$tmp/stderr")" ;;
  esac
}

# Runs an example with stderr kept in $tmp/stderr, and returns 77 if it did.
keep() {
  "$@" 2>> "$tmp/stderr"
  local status=$?
  [ $status -eq 77 ] && return 77
  return $status
}

# The error message (stderr) of a failing run must contain $1; exit status 1.
names_error() {
  local want=$1 status
  shift
  "$@" > /dev/null 2> "$tmp/err"
  status=$?
  [ $status -eq 77 ] && { cp "$tmp/err" "$tmp/stderr"; return 77; }
  [ $status -eq 1 ] && grep -qF "$want" "$tmp/err" || { echo "status $status:"; cat "$tmp/err"; return 1; }
}

head -c 100000 /dev/urandom > big
printf 'a small file\n' > small

cat_files() {
  keep ex "$cat" big small > out || return
  cat big small | cmp - out
}
cat_stdin() {
  printf 'from stdin\n' | keep ex "$cat" small - > out || return
  printf 'a small file\nfrom stdin\n' | cmp - out
}
cat_missing() { names_error "cat: opening nosuch: ENOENT (No such file or directory)" ex "$cat" nosuch; }
example "cat: two files, one larger than its registered buffer" cat_files
example "cat: a file and stdin" cat_stdin
example "cat: a missing file is named, exit 1" cat_missing

# Sizes around dcat's 64 KiB block, read with O_DIRECT where the file
# system takes it (it says which with -v), buffered where it does not.
dcat_sizes() {
  local size status
  for size in 0 1 4096 65535 65536 65537 1048579; do
    head -c $size /dev/urandom > src
    ex "$dcat" -v src > out 2> "$tmp/dcat.err"
    status=$?
    [ $status -eq 77 ] && { cat "$tmp/dcat.err" >> "$tmp/stderr"; return 77; }
    [ $status -eq 0 ] || { echo "size $size: status $status"; cat "$tmp/dcat.err"; return 1; }
    cmp src out || { echo "size $size differs"; return 1; }
    grep -qE "^dcat: reading (with O_DIRECT|buffered)" "$tmp/dcat.err" ||
      { cat "$tmp/dcat.err"; return 1; }
  done
}
# SIGPIPE ignored: when head has what it wants, dcat's next write gets EPIPE
# and dcat exits 0 (killed by SIGPIPE, the shell would say 141).
dcat_pipe() {
  local status
  head -c 4194304 /dev/urandom > src
  ex "$dcat" -v src 2> "$tmp/dcat.err" | head -c 1000 > out
  status=${PIPESTATUS[0]}
  [ $status -eq 77 ] && { cat "$tmp/dcat.err" >> "$tmp/stderr"; return 77; }
  [ $status -eq 0 ] || { echo "dcat exited with $status"; cat "$tmp/dcat.err"; return 1; }
  grep -q "stdout's reader went away" "$tmp/dcat.err" || { cat "$tmp/dcat.err"; return 1; }
  cmp -n 1000 src out
}
# SIGINT, sent once dcat has its handler (its SigCgt mask in /proc has bit
# 2), while it copies /dev/zero: it stops between blocks, says so, exits 130.
dcat_interrupt() {
  local pid i status
  # run_under execs dcat, so $! is dcat itself.
  "$root/$run" "$root/$dcat" /dev/zero > /dev/null 2> "$tmp/dcat.err" &
  pid=$!
  for i in $(seq 100); do
    kill -0 $pid 2> /dev/null || break
    [ $(( 0x$(sed -n 's/^SigCgt:\t*//p' /proc/$pid/status 2> /dev/null || echo 0) & 2 )) -ne 0 ] && break
    sleep 0.1
  done
  kill -INT $pid 2> /dev/null
  wait $pid
  status=$?
  [ $status -eq 77 ] && { cat "$tmp/dcat.err" >> "$tmp/stderr"; return 77; }
  [ $status -eq 130 ] && grep -q "^dcat: interrupted after [0-9]* bytes$" "$tmp/dcat.err" ||
    { echo "status $status:"; cat "$tmp/dcat.err"; return 1; }
}
dcat_missing() { names_error "dcat: opening nosuch: ENOENT (No such file or directory)" ex "$dcat" nosuch; }
dcat_usage() { names_error "usage: dcat" ex "$dcat"; }
example "dcat: files of 0 B to 1 MiB, with O_DIRECT where the file system allows it" dcat_sizes
example "dcat: SIGPIPE ignored, dcat | head exits 0" dcat_pipe
example "dcat: SIGINT stops the copy between blocks, exit 130" dcat_interrupt
example "dcat: a missing file is named, exit 1" dcat_missing
example "dcat: no file, usage, exit 1" dcat_usage

# Sizes around the 64 KiB block and the queue depth of 8: every size that is
# not a multiple of 64 KiB ends in a short read.
cp_sizes() {
  local size
  for size in 0 1 12345 65536 65537 524288 536633 3145735; do
    head -c $size /dev/urandom > src
    keep ex "$cp" src dst || return
    cmp src dst || { echo "size $size differs"; return 1; }
  done
}
cp_missing() { names_error "cp: nosuch: ENOENT (No such file or directory)" ex "$cp" nosuch dst; }
example "cp: files of 0 B to 3 MiB, short reads included" cp_sizes
example "cp: a missing source is named, exit 1" cp_missing

timer_steps() {
  keep ex "$timer" 4 20 > out || return
  local line
  for line in "timeout: fired after" "timeout: ended by a completion" "timeout: moved from 10 s" \
    "link timeout: cancelled a read" "tick 4 at" "periodic: 4 ticks from one SQE"; do
    grep -qF "$line" out || { echo "no line '$line' in:"; cat out; return 1; }
  done
}
timer_usage() { names_error "usage: timer" ex "$timer" 0; }
example "timer: timeouts, a linked timeout and 4 periodic ticks" timer_steps
example "timer: bad arguments, exit 1" timer_usage

# echo_round SERVER BUFFERS: the server serves 50 connections of echo_client,
# then exits.
echo_round() {
  local server port i status
  # Emptied here, not by the server's redirection, which happens after the
  # fork: the loop below could read the port of the round before.
  : > echo.out
  # run_under execs the server, so $! is the server itself.
  "$root/$run" "$root/$1" --connections 50 --buffers "$2" > echo.out 2>> "$tmp/stderr" &
  server=$!
  for i in $(seq 100); do
    port=$(sed -n 's/^echo: listening on 127.0.0.1:\([0-9]*\)$/\1/p' echo.out)
    [ -n "$port" ] && break
    kill -0 $server 2> /dev/null || break
    sleep 0.1
  done
  if [ -z "$port" ]; then
    wait $server
    status=$?
    [ $status -eq 77 ] && return 77
    echo "the server did not listen (status $status)"
    return 1
  fi
  if ! ex "$client" "$port" 50; then
    kill $server
    wait $server
    return 1
  fi
  wait $server || { echo "server status $?"; return 1; }
  grep -q "^echo: served 50 connections" echo.out || { cat echo.out; return 1; }
}
echo_full() { echo_round "$echo_server" 256; }
echo_dry() { echo_round "$echo_server" 8; }
echo_usage() { names_error "usage: echo" ex "$echo_server" --buffers 3; }
example "echo: 50 connections over loopback, 256 buffers" echo_full
example "echo: 50 connections with 8 buffers (the ring runs dry)" echo_dry
example "echo: bad arguments, exit 1" echo_usage
co_echo_full() { echo_round "$co_echo" 256; }
co_echo_dry() { echo_round "$co_echo" 8; }
co_echo_usage() { names_error "usage: co_echo" ex "$co_echo" --buffers 3; }
example "co_echo: 50 connections over loopback, 256 buffers" co_echo_full
example "co_echo: 50 connections with 8 buffers (the ring runs dry)" co_echo_dry
example "co_echo: bad arguments, exit 1" co_echo_usage

co_cp_sizes() {
  local size
  for size in 0 1 65535 65536 65537 1000000; do
    head -c $size big > src 2> /dev/null || return 1
    [ $size -le 100000 ] || { head -c $size /dev/urandom > src || return 1; }
    rm -f dst
    keep ex "$co_cp" src dst || return
    cmp src dst || { echo "size $size differs"; return 1; }
  done
}
co_cp_missing() { names_error "co_cp: copying nosuch: ENOENT" ex "$co_cp" nosuch dst; }
example "co_cp: files of 0 B to 1 MB, no libc, eight coroutines" co_cp_sizes
example "co_cp: a missing source is named, exit 1" co_cp_missing

sqpoll_file() {
  keep ex "$sqpoll" sq.dat 256 > out || return
  grep -q "^sqpoll: wrote and read back 256 blocks" out && [ "$(stat -c %s sq.dat)" -eq 1048576 ]
}
sqpoll_missing() { names_error "sqpoll: nosuch/f: ENOENT" ex "$sqpoll" nosuch/f; }
example "sqpoll: 256 blocks written and read back through an SQPOLL ring" sqpoll_file
example "sqpoll: an unusable path is named, exit 1" sqpoll_missing

summary
