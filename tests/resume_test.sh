#!/usr/bin/env bash
# Issue 5: an interrupted run continues with --resume, without repeating or
# losing a document. Kills `solieu extract` with SIGKILL mid-run (twice: the
# resumed run is killed too), resumes, and compares the output byte for byte
# with an uninterrupted run's.
#
#   tests/resume_test.sh SOLIEU_BINARY
set -euo pipefail
BIN="$1"
SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$(mktemp -d)"
trap 'kill -9 $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT

# 600 documents of the bundled corpus, each numbered so that they differ.
mkdir "$WORK/in"
for i in $(seq -w 1 600); do
  { echo "Bản tin số $i"; echo; cat "$SRC"/corpus/*.txt; } > "$WORK/in/doc$i.txt"
done

"$BIN" extract --quiet "$WORK/in" -o "$WORK/whole.jsonl"
total=$(wc -l < "$WORK/whole.jsonl")
[ "$total" -eq 600 ] || { echo "FAIL: the uninterrupted run wrote $total lines, not 600"; exit 1; }

lines() { if [ -f "$1" ]; then wc -l < "$1"; else echo 0; fi; }

# Starts a run (resuming when $1 is --resume) and kills it with SIGKILL once
# its partial output holds more than $2 lines.
run_and_kill() {
  local resume="$1" after="$2"
  "$BIN" extract --quiet -j 2 $resume "$WORK/in" -o "$WORK/out.jsonl" 2>>"$WORK/err" &
  local pid=$!
  for _ in $(seq 600); do
    [ "$(lines "$WORK/out.jsonl.partial")" -gt "$after" ] && break
    sleep 0.05
  done
  kill -9 "$pid"
  wait "$pid" 2>/dev/null || true
}

run_and_kill "" 100
[ ! -e "$WORK/out.jsonl" ] || { echo "FAIL: a killed run left $WORK/out.jsonl"; exit 1; }
first=$(lines "$WORK/out.jsonl.partial")
[ "$first" -gt 100 ] && [ "$first" -lt 600 ] ||
  { echo "FAIL: the run was not killed mid-way ($first of 600 lines)"; exit 1; }

run_and_kill --resume $((first + 100))
second=$(lines "$WORK/out.jsonl.partial")
[ "$second" -gt "$first" ] && [ "$second" -lt 600 ] ||
  { echo "FAIL: the resumed run was not killed mid-way ($second lines after $first)"; exit 1; }

"$BIN" extract --quiet -j 2 --resume "$WORK/in" -o "$WORK/out.jsonl" 2>>"$WORK/err"
[ ! -e "$WORK/out.jsonl.partial" ] || { echo "FAIL: the partial file is still there"; exit 1; }
if ! cmp "$WORK/whole.jsonl" "$WORK/out.jsonl"; then
  echo "FAIL: the resumed output differs from the uninterrupted run's"
  exit 1
fi
grep -q "resuming .* after" "$WORK/err" || { echo "FAIL: no resume message on stderr"; exit 1; }
echo "ok: killed after $first and $second of 600 documents; resumed output identical"
