#!/usr/bin/env bash
# Runs one libFuzzer target (fuzz/) for a while:
#
#   scripts/fuzz.sh TARGET SECONDS [libFuzzer flags...]
#
# TARGET is ingest, normalize, pipeline, rules or jsonl.  Builds build-fuzz
# with clang when needed (CC=clang CXX=clang++ cmake -B build-fuzz
# -DSOLIEU_FUZZ=ON -DSOLIEU_TESTS=OFF), then fuzzes from the seed corpus
# fuzz/corpus/TARGET.  New corpus items go to a scratch folder outside the
# tree ($SOLIEU_FUZZ_WORK, default /tmp/solieu-fuzz-work/TARGET); crash, leak,
# timeout and out-of-memory inputs go to fuzz/regressions/TARGET/, where
# tests/fuzz_regression_test.cpp replays them once minimized and fixed.
# SOLIEU_FUZZ_NOBUILD=1 skips the (incremental) build when the binary exists.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [[ $# -lt 2 ]]; then
  echo "usage: scripts/fuzz.sh TARGET SECONDS [libFuzzer flags...]" >&2
  exit 2
fi
target=${1%_fuzzer}
seconds=$2
shift 2
case "$target" in
  ingest|normalize|pipeline) dict=fuzz/dict/text.dict ;;
  rules) dict=fuzz/dict/rules.dict ;;
  jsonl) dict=fuzz/dict/jsonl.dict ;;
  *) echo "fuzz.sh: unknown target '$target' (ingest, normalize, pipeline, rules, jsonl)" >&2; exit 2 ;;
esac

build=${SOLIEU_FUZZ_BUILD:-build-fuzz}
if [[ ! -f "$build/CMakeCache.txt" ]]; then
  CC=clang CXX=clang++ cmake -B "$build" -DSOLIEU_FUZZ=ON -DSOLIEU_TESTS=OFF
fi
binary=$build/fuzz/${target}_fuzzer
# SOLIEU_FUZZ_NOBUILD=1 keeps an existing binary (long runs while the tree changes).
if [[ -z "${SOLIEU_FUZZ_NOBUILD:-}" || ! -x "$binary" ]]; then
  cmake --build "$build" --target "${target}_fuzzer" -j"$(nproc)"
fi

work=${SOLIEU_FUZZ_WORK:-/tmp/solieu-fuzz-work}/$target
regressions=fuzz/regressions/$target
mkdir -p "$work" "$regressions"
status=0
# The first folder receives new corpus items; the seed corpus is only read.
"$binary" -max_total_time="$seconds" -max_len=4096 -timeout=30 \
  -rss_limit_mb=2048 -print_final_stats=1 -dict="$dict" \
  -artifact_prefix="$regressions/" "$@" "$work" "fuzz/corpus/$target" || status=$?
rmdir "$regressions" 2>/dev/null || true  # no finding: leave no empty folder
exit "$status"
