#!/usr/bin/env bash
# Throughput and memory of `solieu extract`, beside anchors timed in the same
# run on the same bytes (issue 6).
#
#   bash bench/run.sh [--size-mb N] [--runs N] [--jobs N] [--bin PATH] [--baseline PATH] [--no-nfd]
#
# Builds bench/work/corpus-N/ (default 200 MB) from the real documents in
# ../shared (the bundled corpus/ when ../shared is absent): each benchmark
# document joins about 25 real ones, drawn in a fixed pseudo-random order.
# Also builds a fully decomposed (NFD) copy of it. Then, for each corpus, runs
# --runs rounds, each timing once every one of these, and takes medians:
#   - uconv -f utf-8 -t utf-8 -x any-nfc   (ICU's own normalizer command)
#   - rg -c with a percent pattern         (a regex engine's floor)
#   - solieu extract -j 1, all rules, JSON Lines out
#   - solieu extract -j N (N = --jobs, default: all cores), when N > 1
#   - N copies of solieu extract -j 1 at once, when N > 1: how much more
#     work the machine itself does on N cores than on one, in this round
#   - --baseline PATH: another solieu binary (an older build), -j 1, so that
#     a change is measured against what it replaces in the same run (its
#     documents/s and entities/s use the counts of this build's output)
# and prints MB/s (10^6 bytes of input per second), documents/s,
# entities/s and peak RSS, with each speed as a ratio to uconv's.
#
# Needs: uconv (icu-devtools), rg (ripgrep), /usr/bin/time (time), python3.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

SIZE_MB=200 RUNS=3 JOBS=$(nproc) BIN=build/solieu BASELINE="" NFD=1
while [ $# -gt 0 ]; do
  case "$1" in
    --size-mb) SIZE_MB="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    --jobs) JOBS="$2"; shift 2 ;;
    --bin) BIN="$2"; shift 2 ;;
    --baseline) BASELINE="$2"; shift 2 ;;
    --no-nfd) NFD=0; shift ;;
    *) echo "bench/run.sh: unknown option $1" >&2; exit 1 ;;
  esac
done
for tool in uconv rg /usr/bin/time python3 "$BIN" ${BASELINE:+"$BASELINE"}; do
  if ! command -v "$tool" >/dev/null; then
    echo "bench/run.sh: $tool is missing (apt-get install -y icu-devtools ripgrep time python3; bash scripts/setup.sh builds $BIN)" >&2
    exit 1
  fi
done

WORK=bench/work
CORPUS="$WORK/corpus-$SIZE_MB"
mkdir -p "$WORK"
if [ ! -f "$CORPUS/.done" ]; then
  rm -rf "$CORPUS" "$CORPUS-nfd"
  SOURCES=../shared
  [ -d "$SOURCES/eval" ] || SOURCES=corpus
  echo "bench: building $CORPUS ($SIZE_MB MB) from the documents in $SOURCES" >&2
  python3 bench/make_corpus.py "$SOURCES" "$CORPUS" "$SIZE_MB"
  touch "$CORPUS/.done"
fi
if [ "$NFD" = 1 ] && [ ! -f "$CORPUS-nfd/.done" ]; then
  python3 bench/make_corpus.py --nfd "$CORPUS" "$CORPUS-nfd"
  touch "$CORPUS-nfd/.done"
fi

# One timed command: prints "seconds peak_kib cpu_seconds" (user + system).
timed() {
  /usr/bin/time -f "%e %M %U %S" -o "$WORK/time.txt" "$@" >/dev/null
  awk '{printf "%s %s %.2f\n", $1, $2, $3 + $4}' "$WORK/time.txt"
}

# The median, by wall time, of the timings in a file of `timed` lines.
median_of() {
  sort -n "$1" | awk '{a[NR]=$0} END {print a[int((NR+1)/2)]}'
}

bench_corpus() {
  local dir="$1" label="$2"
  local bytes docs
  bytes=$(find "$dir" -name '*.txt' -printf '%s\n' | awk '{s+=$1} END {print s}')
  docs=$(find "$dir" -name '*.txt' | wc -l)
  find "$dir" -name '*.txt' -print0 | sort -z | xargs -0 cat > "$WORK/all.txt"
  # Rounds, each timing every command once: the machine's speed drifts over
  # minutes, and a command timed in a row of its own runs would carry the
  # drift into its ratios to the others.
  rm -f "$WORK"/t-*.txt
  for _ in $(seq "$RUNS"); do
    timed uconv -f utf-8 -t utf-8 -x any-nfc -o /dev/null "$WORK/all.txt" >> "$WORK/t-uconv.txt"
    timed rg -c '[0-9]+(?:[.,][0-9]+)?\s?%' "$dir" >> "$WORK/t-rg.txt"
    timed "$BIN" extract --quiet -j 1 "$dir" -o "$WORK/out.jsonl" >> "$WORK/t-one.txt"
    if [ "$JOBS" -gt 1 ]; then
      timed "$BIN" extract --quiet -j "$JOBS" "$dir" -o "$WORK/out-j.jsonl" >> "$WORK/t-many.txt"
      cmp -s "$WORK/out.jsonl" "$WORK/out-j.jsonl" ||
        { echo "bench: -j $JOBS output differs from -j 1 on $dir" >&2; exit 1; }
      # The two runs of this round, taken one after the other, drift least
      # between them: their ratio is the fairest measure of the speed-up.
      # Beside it, the CPU time -j N spent over -j 1's on the same bytes:
      # above 1, the threads did the same work more slowly.
      # N copies of -j 1 at once do N times the work: against one alone,
      # they show what N cores give this round, whatever the program does.
      timed bash -c 'for k in $(seq "$1"); do "$2" extract --quiet -j 1 "$3" -o "$4/out-copy-$k.jsonl" & done; wait' \
        copies "$JOBS" "$BIN" "$dir" "$WORK" >> "$WORK/t-copies.txt"
      rm -f "$WORK"/out-copy-*.jsonl
      paste <(tail -n 1 "$WORK/t-one.txt") <(tail -n 1 "$WORK/t-many.txt") <(tail -n 1 "$WORK/t-copies.txt") |
        awk -v n="$JOBS" '{printf "%.3f %.3f %.3f\n", $1 / $4, $6 / $3, n * $1 / $7}' >> "$WORK/t-speedup.txt"
    fi
    if [ -n "$BASELINE" ]; then
      timed "$BASELINE" extract --quiet -j 1 "$dir" -o "$WORK/out-baseline.jsonl" >> "$WORK/t-baseline.txt"
    fi
  done
  local uconv rg one many="" baseline="" entities
  uconv=$(median_of "$WORK/t-uconv.txt")
  rg=$(median_of "$WORK/t-rg.txt")
  one=$(median_of "$WORK/t-one.txt")
  local speedups=""
  if [ "$JOBS" -gt 1 ]; then
    many=$(median_of "$WORK/t-many.txt")
    speedups=$(tr '\n' ' ' < "$WORK/t-speedup.txt")
  fi
  if [ -n "$BASELINE" ]; then baseline=$(median_of "$WORK/t-baseline.txt"); fi
  entities=$(python3 bench/count_entities.py "$WORK/out.jsonl")
  # The corpora stay for the next run; the outputs (about five times the input each) go.
  rm -f "$WORK/all.txt" "$WORK"/t-*.txt "$WORK/time.txt" "$WORK"/out*.jsonl
  python3 - "$label" "$bytes" "$docs" "$entities" "$uconv" "$rg" "$one" "$many" "$JOBS" "$baseline" "$speedups" <<'EOF'
import sys
label, nbytes, docs, entities = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
uconv, rg, one, many, jobs, baseline = sys.argv[5], sys.argv[6], sys.argv[7], sys.argv[8], sys.argv[9], sys.argv[10]
fields = [float(x) for x in sys.argv[11].split()]
speedups, cpu_ratios, machine = fields[0::3], fields[1::3], fields[2::3]
def parse(t):
    s, kib = t.split()[:2]
    return max(float(s), 0.01), int(kib)
base = nbytes / 1e6 / parse(uconv)[0]
print(f"\n{label}: {nbytes / 1e6:.1f} MB, {docs} documents, {entities} entities")
print(f"{'':28} {'MB/s':>8} {'x uconv':>8} {'docs/s':>9} {'entities/s':>11} {'peak RSS':>9}")
rows = [("uconv -x any-nfc", uconv, False), ("rg -c percent", rg, False), ("solieu extract -j 1", one, True)]
if many:
    rows.append((f"solieu extract -j {jobs}", many, True))
if baseline:
    rows.append(("baseline -j 1", baseline, True))
for name, t, ours in rows:
    s, kib = parse(t)
    mbs = nbytes / 1e6 / s
    extra = f"{docs / s:9.0f} {entities / s:11.0f}" if ours else f"{'':9} {'':11}"
    print(f"{name:28} {mbs:8.1f} {mbs / base:8.2f} {extra} {kib / 1024:7.0f} MB")
def median(xs):
    return sorted(xs)[(len(xs) - 1) // 2]
def listed(xs):
    return ", ".join(f"{x:.2f}" for x in xs)
if speedups:
    print(f"solieu -j {jobs} against -j 1, round by round: {median(speedups):.2f}x "
          f"(median of {listed(speedups)})")
    print(f"  CPU time of -j {jobs} over -j 1's on the same bytes: {listed(cpu_ratios)}")
    print(f"  {jobs} copies of -j 1 at once: {median(machine):.2f}x the work of one alone in the "
          f"same time (median of {listed(machine)}), what the machine gives {jobs} workers")
if baseline:
    print(f"solieu -j 1 against the baseline: {parse(baseline)[0] / parse(one)[0]:.2f}x as fast")
EOF
}

echo "bench: medians of $RUNS runs; $(nproc) cores; $("$BIN" --version 2>/dev/null || echo solieu)"
bench_corpus "$CORPUS" "NFC corpus $CORPUS"
if [ "$NFD" = 1 ]; then bench_corpus "$CORPUS-nfd" "NFD copy $CORPUS-nfd"; fi
