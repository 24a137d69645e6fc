#!/usr/bin/env bash
# Quick start, step 1: set up, then run the main job on the bundled corpus/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
mkdir -p output
build/solieu extract corpus -o output/records.jsonl
echo "run: wrote output/records.jsonl ($(wc -l < output/records.jsonl) documents," \
     "$(grep -o '"norm"' output/records.jsonl | wc -l) entities)"
