#!/bin/sh
# SPDX-License-Identifier: MIT
# Turns docs/liburing-map.md into a doctest unit that cannot compile unless
# every fring counterpart the map names exists, and that checks at run time
# that the map has one row per public liburing function (224 in 2.15, whose
# list names io_uring_get_sqe twice) and none twice. A row with no
# counterpart must give a reason, or generation fails. Its "Kernel names"
# table (written by tools/gen_api) must name a fring declaration in each row
# and each kernel name once; a row whose kind says `#if COND` (a name of some
# arches only) is checked under that #if.
# Map rows look like:
#   | `io_uring_get_sqe` | `Ring::get_sqe` | optional note |
#   | `io_uring_free_probe` | none | the reason there is none |
# A counterpart cell may name several, comma-separated. `Type::member` names a
# member of a fring type (checked by a using-declaration in a derived
# struct), anything else a name in namespace fring (a using-declaration).
# usage: liburing_map_gen.sh MAP.md > OUT.cc
set -eu
map=$1

cat <<'HEAD'
// Generated from docs/liburing-map.md by tests/liburing_map_gen.sh.
#include <set>
#include <string>

#include "tests/support/fring_test.h"

namespace map_check {
HEAD

awk -F'|' '
  function trim(s) { gsub(/^[ \t`]+|[ \t`]+$/, "", s); return s }
  /^## / { section = $0 }
  section == "## Kernel names" && /^\| `/ {
    kernel = trim($2); fring = trim($3); only_if = ""
    if (match($4, /`#if [^`]*`/)) only_if = substr($4, RSTART + 1, RLENGTH - 2)
    if (kernel in kernels) { print "map: " kernel " is listed twice" > "/dev/stderr"; failed = 1 }
    kernels[kernel] = 1
    if (only_if != "") print only_if
    printf "static_assert(sizeof(::fring::%s) > 0, \"%s\");\n", fring, kernel
    if (only_if != "") print "#endif"
    next
  }
  section == "## The map" && /^\| `io_uring_/ {
    name = trim($2); fring = trim($3); note = trim($4)
    if (fring == "none") {
      if (note == "") { print "map: " name " has no counterpart and no reason" > "/dev/stderr"; failed = 1 }
      next
    }
    n = split(fring, parts, /,/)
    for (i = 1; i <= n; i++) {
      p = trim(parts[i])
      if (p in declared) continue  # named by more than one row
      declared[p] = 1
      if (p ~ /^[A-Z][A-Za-z0-9_]*::[A-Za-z0-9_]+$/) {
        split(p, tm, "::")
        members[tm[1]] = members[tm[1]] "  using fring::" p ";\n"
      } else {
        print "using fring::" p ";"
      }
    }
  }
  END {
    for (t in members) printf "struct %sCheck : fring::%s {\n%s};\n", t, t, members[t]
    exit failed
  }
' "$map"

cat <<'MIDDLE'
}  // namespace map_check

namespace {
const char* const kLiburingNames[] = {
MIDDLE

awk -F'|' '/^## / { section = $0 }
  section == "## The map" && /^\| `io_uring_/ { n = $2; gsub(/[ `]/, "", n); printf "    \"%s\",\n", n }' "$map"

cat <<'TAIL'
};
}  // namespace

TEST_CASE("the liburing map lists every public liburing function once") {
  std::set<std::string> seen;
  for (const char* name : kLiburingNames) {
    CAPTURE(name);
    CHECK(seen.insert(name).second);
    CHECK(std::string(name).rfind("io_uring_", 0) == 0);
  }
  CHECK(seen.size() == 224);  // liburing 2.15's public functions
}
TAIL
