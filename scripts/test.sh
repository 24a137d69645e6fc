#!/usr/bin/env bash
# Quick start, step 2: set up, then run the whole test suite.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
cd build
ctest --output-on-failure -j"$(nproc)"
