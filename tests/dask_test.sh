#!/usr/bin/env bash
# Scale-out on a real Dask cluster (issue 6, item 6): a scheduler and two
# workers on 127.0.0.1, and scale/dask_extract.py sharding the inputs over
# them.  The inputs are the bundled corpus/ plus a few hundred documents
# made from ../shared at run time (the same texts as UTF-8, UTF-16 and CRLF,
# in nested folders; skipped with a message when ../shared is absent) and a
# dangling link (an unreadable document).  Checked:
#   - the merged output is byte for byte `solieu extract` of the same inputs
#     on one machine, and the exit status (2: one unreadable document) too;
#   - with --ship (document bytes sent with the tasks) as well;
#   - both workers ran shards (the workers the tasks report, which must be
#     the workers the scheduler knows);
#   - `solieu audit` of the merged records (--audit) is `solieu audit` of the
#     single machine's records;
#   - a failing shard fails the run with status 1, a message naming the
#     shard's first document, and no output file (a solieu that does not
#     exist; a solieu that exits 1, with a rules folder that does not exist).
#
# Usage: dask_test.sh SOLIEU SOURCE_DIR [SHARED_DIR]
# Needs Debian's python3-distributed (for /usr/bin/python3; SOLIEU_PYTHON
# names another interpreter); without it the test is skipped (exit 77), or
# fails when SOLIEU_REQUIRE_DASK=1 (CI, which installs it).
set -euo pipefail
solieu="$(realpath "$1")"; source_dir="$(realpath "$2")"; shared="${3:-$source_dir/../shared}"
py="${SOLIEU_PYTHON:-/usr/bin/python3}"
driver="$source_dir/scale/dask_extract.py"

if ! "$py" -c 'import distributed' >/dev/null 2>&1; then
  if [ "${SOLIEU_REQUIRE_DASK:-0}" = "1" ]; then
    echo "dask_test: FAILED: $py cannot import distributed, and SOLIEU_REQUIRE_DASK=1 (apt-get install python3-distributed)"
    exit 1
  fi
  echo "dask_test: $py has no Dask distributed (apt-get install python3-distributed); skipped"
  exit 77
fi

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  # A Dask worker can hang in its own shutdown after SIGTERM (seen once in
  # ten runs: a CancelledError in Worker.close), and waiting for it would
  # hold the test until ctest's timeout: 10 seconds, then SIGKILL.
  for _ in $(seq 1 20); do
    local alive=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 0.5
  done
  for pid in "${pids[@]}"; do
    if kill -9 "$pid" 2>/dev/null; then echo "dask_test: process $pid ignored SIGTERM for 10 s; killed"; fi
  done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "dask_test: FAILED: $*"; for f in "$work"/*.log; do echo "--- $f"; tail -20 "$f"; done; exit 1; }
now() { date +%s.%N; }
elapsed() { "$py" -c "import sys; print('%.2f' % (float(sys.argv[2]) - float(sys.argv[1])))" "$1" "$2"; }

# Dask reads no configuration but ours.
export DASK_CONFIG="$work/dask-config"
mkdir -p "$DASK_CONFIG"

# --- the cluster: a scheduler on a free port, two single-threaded workers ---
"$py" -m distributed.cli.dask_scheduler --host 127.0.0.1 --port 0 --no-dashboard \
  --scheduler-file "$work/scheduler.json" >"$work/scheduler.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 120); do
  [ -s "$work/scheduler.json" ] && break
  sleep 0.5
done
[ -s "$work/scheduler.json" ] || fail "the scheduler did not start"
address=$("$py" -c 'import json, sys; print(json.load(open(sys.argv[1]))["address"])' "$work/scheduler.json")
for name in w1 w2; do
  "$py" -m distributed.cli.dask_worker "$address" --host 127.0.0.1 --nthreads 1 --nworkers 1 --no-nanny \
    --no-dashboard --name "$name" --memory-limit 0 --local-directory "$work/$name" >"$work/$name.log" 2>&1 &
  pids+=($!)
done
"$py" - "$address" >"$work/workers.txt" <<'EOF' || fail "the two workers did not join the scheduler"
import sys
from distributed import Client
with Client(sys.argv[1], timeout=60) as client:
    client.wait_for_workers(2, timeout=120)
    for address in sorted(client.scheduler_info()["workers"]):
        print(address)
EOF
[ "$(wc -l <"$work/workers.txt")" = 2 ] || fail "expected 2 workers: $(cat "$work/workers.txt")"
echo "dask_test: scheduler $address, workers $(paste -sd' ' "$work/workers.txt")"

# --- the inputs ---
inputs=("$source_dir/corpus")
mkdir -p "$work/in"
if [ -d "$shared/corpus" ]; then
  "$py" - "$shared" "$work/in/shared" <<'EOF'
import os, sys
shared, out = sys.argv[1], sys.argv[2]
texts = []
for folder in ("corpus", "eval/dev/corpus"):
    base = os.path.join(shared, folder)
    if os.path.isdir(base):
        texts += [os.path.join(base, n) for n in sorted(os.listdir(base)) if n.endswith(".txt")]
for i, path in enumerate(texts):
    with open(path, "rb") as f:
        data = f.read()
    name = "%03d-%s" % (i, os.path.basename(path))
    for sub, form in (("utf8", data),
                      ("utf16/le", b"\xff\xfe" + data.decode("utf-8", "replace").encode("utf-16-le")),
                      ("crlf/nested/deeper", data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))):
        os.makedirs(os.path.join(out, sub), exist_ok=True)
        with open(os.path.join(out, sub, name), "wb") as f:
            f.write(form)
print("dask_test: %d documents made from %s" % (3 * len(texts), shared))
EOF
  inputs+=("$work/in/shared")
else
  echo "dask_test: $shared is absent; only corpus/ (the ../shared documents are skipped)"
fi
mkdir -p "$work/in/odd"
ln -s nowhere.txt "$work/in/odd/dangling.txt"      # unreadable: an error line, exit status 2
cp "$source_dir/corpus/"*.txt "$work/in/odd/" 2>/dev/null || true
inputs+=("$work/in/odd")
# --- one machine ---
t0=$(now)
set +e
"$solieu" extract "${inputs[@]}" -o "$work/single.jsonl" 2>"$work/single.err"
single_status=$?
set -e
t1=$(now)
[ "$single_status" = 2 ] || fail "solieu extract exited $single_status, expected 2 (the dangling link)"
"$solieu" audit "$work/single.jsonl" -o "$work/single-findings.jsonl" || fail "solieu audit of the single run"
docs=$(wc -l <"$work/single.jsonl")
shard_docs=$(( docs / 24 + 1 ))   # about 24 shards, over two workers

# --- the cluster ---
t2=$(now)
set +e
"$py" "$driver" --scheduler "$address" --solieu "$solieu" --shard-docs "$shard_docs" \
  -o "$work/merged.jsonl" --audit "$work/merged-findings.jsonl" --stats "$work/stats.json" \
  "${inputs[@]}" 2>"$work/driver.log"
status=$?
set -e
t3=$(now)
[ "$status" = 2 ] || fail "the driver exited $status, expected 2 (as solieu)"
cmp "$work/single.jsonl" "$work/merged.jsonl" || fail "the merged records differ from one machine's"
cmp "$work/single-findings.jsonl" "$work/merged-findings.jsonl" || fail "the audit of the merged records differs"
grep -q 'dangling.txt' "$work/driver.log" || fail "the unreadable document's message is not on stderr"
"$py" - "$work/stats.json" "$work/workers.txt" "$docs" <<'EOF' || fail "the shards did not run on both workers"
import json, sys
stats = json.load(open(sys.argv[1]))
known = set(open(sys.argv[2]).read().split())
workers = stats["workers"]
print("dask_test: %d documents in %d shards; shards per worker: %s" % (stats["documents"], stats["shards"], workers))
assert stats["documents"] == int(sys.argv[3]), stats
assert stats["shards"] >= 10, stats
assert set(workers) == known, (workers, known)
assert all(n > 0 for n in workers.values()), workers
EOF

# --- --ship: the documents' bytes travel with the tasks ---
t4=$(now)
set +e
"$py" "$driver" --scheduler "$address" --solieu "$solieu" --shard-docs $(( shard_docs * 2 )) --ship \
  -o "$work/shipped.jsonl" "${inputs[@]}" 2>"$work/ship.log"
status=$?
set -e
t5=$(now)
[ "$status" = 2 ] || fail "the driver with --ship exited $status, expected 2"
cmp "$work/single.jsonl" "$work/shipped.jsonl" || fail "the records made with --ship differ from one machine's"

# --- failures: status 1, the failed shard's first document named, nothing written ---
# A failed shard stops the run at once, so the shard named is any of them.
check_failure() {  # LOG WHAT: the message names shard N and its first document
  "$py" - "$1" "$work/single.jsonl" "$shard_docs" <<'EOF' || fail "$2: $(cat "$1")"
import json, re, sys
log = open(sys.argv[1], encoding="utf-8").read()
docs = [json.loads(line)["doc"] for line in open(sys.argv[2], encoding="utf-8")]
m = re.search(r"shard (\d+) \(first document (.*)\) failed on (\S+): (.*)", log)
assert m, "no shard named"
shard, first = int(m.group(1)), m.group(2)
assert first == docs[shard * int(sys.argv[3])], (first, docs[shard * int(sys.argv[3])])
assert m.group(3).startswith("tcp://127.0.0.1:"), m.group(3)
print("dask_test: as expected: " + m.group(0))
EOF
}
set +e
"$py" "$driver" --scheduler "$address" --solieu "$work/no-such-solieu" --shard-docs "$shard_docs" \
  -o "$work/failed.jsonl" "${inputs[@]}" 2>"$work/fail1.log"
status=$?
set -e
[ "$status" = 1 ] || fail "a missing solieu: the driver exited $status, expected 1"
check_failure "$work/fail1.log" "a missing solieu"
grep -q "cannot run $work/no-such-solieu" "$work/fail1.log" || fail "a missing solieu: the message does not say what failed"
[ ! -e "$work/failed.jsonl" ] || fail "a failed run left an output file"
for leftover in "$work"/failed.jsonl.tmp.*; do
  [ -e "$leftover" ] && fail "a failed run left a temporary file: $leftover"
done
set +e
"$py" "$driver" --scheduler "$address" --solieu "$solieu" --rules "$work/no-rules" --shard-docs "$shard_docs" \
  -o "$work/failed.jsonl" "${inputs[@]}" 2>"$work/fail2.log"
status=$?
set -e
[ "$status" = 1 ] || fail "solieu exiting 1: the driver exited $status, expected 1"
check_failure "$work/fail2.log" "solieu exiting 1"
grep -q "solieu exited with status 1" "$work/fail2.log" || fail "solieu exiting 1: the message does not give the status"
[ ! -e "$work/failed.jsonl" ] || fail "a failed run left an output file"

echo "dask_test: ok: $docs documents; one machine $(elapsed "$t0" "$t1") s;" \
  "Dask, 2 workers, shards of $shard_docs: $(elapsed "$t2" "$t3") s with the audit;" \
  "--ship, shards of $(( shard_docs * 2 )): $(elapsed "$t4" "$t5") s"
