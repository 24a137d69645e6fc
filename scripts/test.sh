#!/usr/bin/env bash
# Quick start, step 2: set up, then run the whole test suite.
#
#   bash scripts/test.sh              # build/ and every test
#   bash scripts/test.sh --sanitize   # the same under ASan and UBSan, in build-asan/
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
BUILD=build
if [ "${1:-}" = "--sanitize" ]; then
  BUILD=build-asan
  bash scripts/setup.sh --tests --sanitize
  # Leaks are findings too; a report stops the test that made it.
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
else
  bash scripts/setup.sh --tests
fi
cd "$BUILD"
ctest --output-on-failure -j"$(nproc)"
