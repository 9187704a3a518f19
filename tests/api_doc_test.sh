#!/bin/sh
# SPDX-License-Identifier: MIT
# docs/api.md is what tools/gen_api makes of the headers' /// comments now,
# and every public function's comment states its errors, its liburing
# counterpart and its kernel. On failure it says what to run.
# usage: api_doc_test.sh
set -u
. tests/support/check.sh

current() { python3 tools/gen_api --check; }
expect "docs/api.md is current and complete (else run: tools/gen_api)" current
summary
