#!/usr/bin/env bash
# Memory and time of `solieu audit` over N synthetic indicator records
# (default 1,000,000): the audit must stay under 1 GB at a million.
#
#   bash bench/audit_bench.sh [N] [SOLIEU_BINARY]
#
# Generates bench/work/records-N.jsonl (once; 10 indicators per document,
# each with its entity and a sentence of its own, as extract writes them:
# about 2.3 KB per indicator), then runs the audit under /usr/bin/time -v and
# prints peak RSS, wall time and the findings by kind.  The figures are
# drawn so that many keys are reported by several documents, some agreeing
# and some not, and a few documents contradict themselves.
#
# Measured (issue 4, RelWithDebInfo, 2 cores, N = 1,000,000, 892 MB of input):
#   peak RSS 354 MiB, 22-35 s wall (mostly parsing JSON); 33,984 findings.
#   With --format sqlite -o (not run here): 358 MiB, 1 min 49 s.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
N="${1:-1000000}"
BIN="${2:-build/solieu}"
WORK=bench/work
mkdir -p "$WORK"
RECORDS="$WORK/records-$N.jsonl"

if [ ! -s "$RECORDS" ]; then
  echo "audit_bench: generating $N indicator records into $RECORDS"
  python3 - "$N" "$RECORDS" <<'EOF'
import json, random, sys, zlib
n, path = int(sys.argv[1]), sys.argv[2]
rng = random.Random(4)  # fixed: the same file every time
places = [f"huyện Thử Nghiệm {i}" for i in range(700)] + [f"tỉnh Mẫu {i}" for i in range(63)]
measures = ["đảng viên", "tổ chức cơ sở đảng", "đảng viên kết nạp mới", "hộ nghèo", "diện tích lúa",
            "sản lượng lương thực", "thu ngân sách nhà nước", "vốn đầu tư công", "tỷ lệ hộ nghèo",
            "học sinh", "trường học đạt chuẩn", "km đường giao thông nông thôn", "ca mắc sốt xuất huyết"]
measures += [f"chỉ tiêu thử nghiệm số {i}" for i in range(200)]
roles = ["level", "flow", "change", "attainment", "target", "share"]
per_doc = 10
docs = (n + per_doc - 1) // per_doc
written = 0
with open(path, "w", encoding="utf-8") as out:
    for d in range(docs):
        place = rng.choice(places)
        year = rng.randint(2010, 2024)
        sentences, entities, indicators = [], [], []
        offset = 120
        for i in range(min(per_doc, n - written)):
            measure = rng.choice(measures)
            role = rng.choice(roles)
            kind = "percent" if role in ("attainment", "share") else "count"
            base = zlib.crc32(f"{place}|{measure}|{year}|{role}".encode()) % 5000 + 10
            value = base if rng.random() < 0.7 else base + rng.randint(1, 400)
            if kind == "percent":
                value = round((base % 1000) / 10, 1)
            text = f"{value:g}%" if kind == "percent" else f"{value} {measure}"
            sentence = (f"Tính đến cuối năm {year}, {place} có {text} ({measure}), "
                        f"theo báo cáo số {d}-{i}/BC của cơ quan thường trực tại hội nghị.")
            start = offset + sentence.index(text)
            entities.append({"type": kind, "text": text, "norm": f"{value:g}",
                             "value": {"value": value}, "start": start, "end": start + len(text),
                             "byte_start": start, "byte_end": start + len(text.encode()),
                             "sentence": i, "rule": "bench"})
            indicators.append({"kind": kind, "norm": f"{value:g}", "text": text, "value": value,
                               "unit": "%" if kind == "percent" else measure, "measure": measure,
                               "role": role, "qualifier": None,
                               "scope": {"name": place, "level": place.split()[0], "source": "sentence"},
                               "period": {"norm": str(year), "completed": None, "source": "sentence"},
                               "baseline": "so với cùng kỳ" if role in ("change", "attainment") else None,
                               "target": None, "refs": [], "entity": i,
                               "evidence": {"text": sentence, "byte_start": offset,
                                            "byte_end": offset + len(sentence.encode())}})
            offset += len(sentence.encode()) + 1
            written += 1
        record = {"doc": f"bench/{d:07d}.txt", "encoding": "utf-8", "confidence": 1, "chars": offset,
                  "entities": entities, "warnings": [],
                  "meta": {"url": f"https://baothu.example.vn/{d}.html", "title": f"Bài {d}",
                           "published": f"{year}-12-31", "published_from": "chrome", "source": None,
                           "byline": None, "captions": [], "scope": None},
                  "indicators": indicators}
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
EOF
fi

echo "audit_bench: $(wc -l < "$RECORDS") documents, $N indicators, $(du -h "$RECORDS" | cut -f1) of JSON Lines"
LOG="$WORK/time-$N.log"
OUT="$WORK/findings-$N.jsonl"
/usr/bin/time -v "$BIN" audit "$RECORDS" -o "$OUT" 2> "$LOG" || { cat "$LOG"; exit 1; }
rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$LOG")
wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$LOG")
echo "audit_bench: peak RSS $((rss_kb / 1024)) MiB, wall $wall, $(wc -l < "$OUT") findings:" \
     "$(grep -c '"kind":"conflict"' "$OUT") conflicts," \
     "$(grep -c '"kind":"corroboration"' "$OUT") corroborations," \
     "$(grep -c '"kind":"inconsistency"' "$OUT") inconsistencies"
if [ "$rss_kb" -ge $((1024 * 1024)) ]; then
  echo "audit_bench: FAIL: peak RSS is 1 GB or more"
  exit 1
fi
