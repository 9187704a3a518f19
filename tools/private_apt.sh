# SPDX-License-Identifier: MIT
# Sourced by tools/kernels and tools/liburing: apt from a private state
# folder, so that packages of any Debian suite and architecture can be looked
# up and downloaded while the machine's own apt configuration is left alone.
# The caller sets $state (the folder) before calling apt_for.

mirror=$(sed -n 's/^URIs: *\(http[^ ]*\/debian\)\/*$/\1/p' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -1)
[ -n "$mirror" ] || mirror=$(sed -n 's/^deb \(\[[^]]*\] \)\?\(http[^ ]*\/debian\)\/* .*/\2/p' /etc/apt/sources.list 2>/dev/null | head -1)
[ -n "$mirror" ] || mirror=http://deb.debian.org/debian
security=${mirror%/debian}/debian-security
keyring=/usr/share/keyrings/debian-archive-keyring.gpg

# apt_for SUITE DEBARCH...: sets $apt to apt options for a private state of
# SUITE (with its -updates and -security suites if it is a release) that
# indexes the given Debian architectures.
apt_for() {
  local suite=$1 root=$state/$1 archs
  shift
  archs=$(IFS=,; echo "$*")
  mkdir -p "$root/lists/partial" "$root/cache/archives/partial"
  {
    echo "deb [arch=$archs signed-by=$keyring] $mirror $suite main"
    if [ "$suite" != sid ]; then
      echo "deb [arch=$archs signed-by=$keyring] $mirror $suite-updates main"
      echo "deb [arch=$archs signed-by=$keyring] $security $suite-security main"
    fi
  } >"$root/sources.list"
  apt=(-o "Dir::Etc::SourceList=$root/sources.list" -o Dir::Etc::SourceParts=/dev/null
       -o "Dir::State::Lists=$root/lists" -o "Dir::Cache=$root/cache"
       -o Dir::State::status=/dev/null -o Debug::NoLocking=1)
  for a in "$@"; do apt+=(-o "APT::Architectures::=$a"); done
}

# update SUITE: reads SUITE's index (apt_for first). Succeeds if its main
# index is there, even when a side index (-updates, -security) failed, as
# Debian 13's riscv64 ones sometimes do ("Mirror sync in progress?"); sets
# $apt_error to apt's first failed fetch, if any. apt-get update itself exits
# 0 on an unreachable mirror, so its status says little.
update() {
  apt_error=$(apt-get "${apt[@]}" -qq update 2>&1 >/dev/null | grep -m1 -E '^[EW]: Failed to fetch' |
    sed -E 's/^[EW]: *//')
  ls "$state/$1/lists/"*"_dists_$1_main_binary-"*"_Packages"* >/dev/null 2>&1
}

# newest NAME_REGEX: the highest-versioned package name matching the regex.
newest() {
  apt-cache "${apt[@]}" search --names-only "$1" 2>/dev/null | awk '{print $1}' |
    grep -E "$1" | sort -V | tail -1
}
