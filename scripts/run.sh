#!/usr/bin/env bash
# Quick start, step 1: set up, then run the main job on the bundled corpus/:
# extract the records, audit them, load both into one SQLite database, and
# write the HTML report.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
mkdir -p output
build/solieu extract corpus -o output/records.jsonl
echo "run: wrote output/records.jsonl ($(wc -l < output/records.jsonl) documents," \
     "$(grep -o '"norm"' output/records.jsonl | wc -l) entities)"
build/solieu audit output/records.jsonl -o output/findings.jsonl
echo "run: wrote output/findings.jsonl ($(grep -c '"kind":"conflict"' output/findings.jsonl) conflicts," \
     "$(grep -c '"kind":"corroboration"' output/findings.jsonl) corroborations," \
     "$(grep -c '"kind":"inconsistency"' output/findings.jsonl) inconsistencies)"
# The database holds the documents, entities, indicators and findings; built
# afresh (in a temporary file, renamed at the end) so that it is exactly corpus/.
rm -f output/solieu.sqlite
build/solieu audit output/records.jsonl --format sqlite -o output/solieu.sqlite
echo "run: wrote output/solieu.sqlite"
build/solieu report output/records.jsonl -o output/report.html
echo "run: wrote output/report.html (open it in a browser: charts, findings, highlighted figures)"
build/solieu audit output/records.jsonl --summary
