#!/bin/sh
# SPDX-License-Identifier: MIT
# The two programs of tests/consumer/bazel, built with nothing but a C++
# compiler, as the README's "With plain -I" section says: fring's checkout
# reached as "fring/..." through a folder on the include path (here a
# symlink named fring, so the checkout's own name does not matter).
#   hosted:  CXX -std=STD -I INC hosted.cc
#   nolibc:  CXX -std=STD -ffreestanding -fno-exceptions -fno-rtti
#            -fno-stack-protector -nostdlib -static -I INC nolibc.cc fring/mem/mem.cc
# usage: build.sh CXX STD OUT_DIR   (e.g. build.sh clang++ c++20 /tmp/out)
set -eu
cxx=$1 std=$2 out=$3
here=$(cd "$(dirname "$0")" && pwd)
checkout=$(cd "$here/../../.." && pwd)
programs=$here/../bazel

mkdir -p "$out/include"
ln -sfn "$checkout" "$out/include/fring"
$cxx -std="$std" -Wall -Wextra -Werror -I "$out/include" "$programs/hosted.cc" -o "$out/hosted"
$cxx -std="$std" -Wall -Wextra -Werror -ffreestanding -fno-exceptions -fno-rtti \
  -fno-stack-protector -nostdlib -static -I "$out/include" \
  "$programs/nolibc.cc" "$out/include/fring/mem/mem.cc" -o "$out/nolibc"
