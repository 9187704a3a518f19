#!/bin/sh
# SPDX-License-Identifier: MIT
# Every relative link of README.md and docs/*.md leads to a file of the
# checkout and, with a #fragment, to a heading or anchor there
# (tests/doc_links.py). The links reach anywhere in the tree, so the test
# reads the checkout itself, found through a runfile (tag external: never
# cached).
# usage: doc_links_test.sh ANY_RUNFILE_AT_THE_ROOT
set -u
. tests/support/check.sh

checkout=$(dirname "$(readlink -f "$1")")
links() { python3 tests/doc_links.py "$checkout"; }
expect "the links of README.md and docs/*.md lead somewhere" links
summary
