#!/usr/bin/env bash
# Extraction quality on the shared gold documents must not fall below the
# bounds the issues set (score.py prints the table; exit 1 below a bound).
# Skips (exit 77) when ../shared is absent.
set -euo pipefail
solieu="$1"; shared="$2"; shift 2
if [ ! -f "$shared/eval/dev/gold.jsonl" ]; then
  echo "quality_test: $shared/eval is absent; skipped"
  exit 77
fi
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$solieu" extract "$shared/eval/dev/corpus" -o "$out"
python3 "$shared/eval/score.py" "$shared/eval/dev/gold.jsonl" "$out" "$@"
