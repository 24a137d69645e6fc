#!/usr/bin/env bash
# solieu report in a real browser (issue 4, item 5): the page built from the
# bundled corpus/ (two documents there disagree on the party members of
# huyện Đăk Glei, so there is a finding) is opened in headless Chromium,
# offline, and must
#   - run its script without an error: <body data-report-status="ok">, no
#     console message at all (a script error, a blocked fetch), every chart
#     drawn (data-charts = the charts of the page, SVG circles in the DOM),
#     every finding listed (data-findings = the findings of the page, > 0);
#   - render: a 1280x2000 screenshot that is not blank (many colours, ink
#     over a fair share of it, the chart dots' colour in it).  The screenshot
#     is kept as OUT_DIR/report_browser_test.png for a look.
#
# Usage: report_browser_test.sh SOLIEU SOURCE_DIR OUT_DIR
# Without Chromium (Debian package `chromium`) the test is skipped (exit 77),
# or fails when SOLIEU_REQUIRE_BROWSER=1 (CI, which installs it).
set -euo pipefail
solieu="$1"; source_dir="$2"; out_dir="$3"

browser=""
for candidate in chromium chromium-browser google-chrome; do
  if command -v "$candidate" >/dev/null 2>&1; then browser="$candidate"; break; fi
done
if [ -z "$browser" ]; then
  if [ "${SOLIEU_REQUIRE_BROWSER:-0}" = "1" ]; then
    echo "report_browser_test: FAILED: no chromium, and SOLIEU_REQUIRE_BROWSER=1 (apt-get install chromium)"
    exit 1
  fi
  echo "report_browser_test: chromium is not installed (apt-get install chromium); skipped"
  exit 77
fi
if ! command -v python3 >/dev/null 2>&1; then
  echo "report_browser_test: FAILED: python3 is needed to check the results"
  exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out_dir"

"$solieu" extract "$source_dir/corpus" -o "$work/records.jsonl"
"$solieu" report "$work/records.jsonl" -o "$work/report.html"

# Offline, no first-run chatter, a profile of its own; --no-sandbox because
# CI runs as root.
run_browser() {
  timeout 180 "$browser" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
    --disable-background-networking --no-first-run --no-default-browser-check \
    --disable-extensions --disable-sync --user-data-dir="$work/profile" \
    --enable-logging=stderr --v=0 "$@" "file://$work/report.html"
}

run_browser --dump-dom >"$work/dom.html" 2>"$work/dom.log" || {
  echo "report_browser_test: FAILED: chromium --dump-dom failed"; cat "$work/dom.log"; exit 1; }
run_browser --screenshot="$work/shot.png" --window-size=1280,2000 --hide-scrollbars \
  >"$work/shot.out" 2>"$work/shot.log" || {
  echo "report_browser_test: FAILED: chromium --screenshot failed"; cat "$work/shot.log"; exit 1; }
cp "$work/shot.png" "$out_dir/report_browser_test.png"

python3 - "$work/report.html" "$work/dom.html" "$work/dom.log" "$work/shot.log" "$work/shot.png" <<'EOF'
import re, struct, sys, zlib

page_path, dom_path, dom_log, shot_log, png_path = sys.argv[1:]
page = open(page_path, encoding="utf-8").read()
dom = open(dom_path, encoding="utf-8").read()
failures = []

def check(ok, what):
    print(("ok    " if ok else "FAIL  ") + what)
    if not ok:
        failures.append(what)

# What the page holds, from the file itself.
# A chart whose figures all have a period of unknown year has a table, no plot.
charts_in_page = page.count('<div class="plot" data-chart=')
findings_in_page = page.count('<li class="finding ')
check(charts_in_page > 0, "the page has charts (%d)" % charts_in_page)
check(findings_in_page > 0, "the page has findings (%d): corpus/ has documents that disagree" % findings_in_page)

# What the script did, from the DOM after it ran.
body = re.search(r"<body([^>]*)>", dom)
check(body is not None, "the DOM has a <body>")
attrs = dict(re.findall(r'([\w-]+)="([^"]*)"', body.group(1) if body else ""))
check(attrs.get("data-report-status") == "ok",
      "data-report-status is ok (%r; errors: %r)" % (attrs.get("data-report-status"), attrs.get("data-report-errors")))
check(attrs.get("data-charts") == str(charts_in_page),
      "every chart drawn: data-charts %r of %d" % (attrs.get("data-charts"), charts_in_page))
check(attrs.get("data-findings") == str(findings_in_page),
      "every finding listed: data-findings %r of %d" % (attrs.get("data-findings"), findings_in_page))
svgs = dom.count("<svg")
circles = dom.count("<circle")
check(svgs == charts_in_page, "one <svg> per chart (%d)" % svgs)
check(circles > 0, "the charts have points (%d circles)" % circles)
check("huyện Đăk Glei" in dom, "Vietnamese text intact in the DOM")

# Chromium logs every console message (errors, CSP violations) as CONSOLE.
for log in (dom_log, shot_log):
    console = [l for l in open(log, encoding="utf-8", errors="replace") if ":CONSOLE" in l or "Uncaught" in l]
    check(not console, "no console messages in %s%s" % (log.rsplit("/", 1)[-1], (": " + console[0].strip()) if console else ""))

# The screenshot: a PNG of the window's size, decoded here (zlib + the five
# PNG filters; 8-bit RGB or RGBA), not blank.
def read_png(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", chunk)
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in (2, 6) or interlace:
        raise ValueError("PNG kind not handled: depth %d colour %d interlace %d" % (depth, colour, interlace))
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows, prev, at = [], bytearray(stride), 0
    for _ in range(height):
        kind, line = raw[at], bytearray(raw[at + 1:at + 1 + stride])
        at += 1 + stride
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if kind == 1: line[i] = (line[i] + a) & 255
            elif kind == 2: line[i] = (line[i] + b) & 255
            elif kind == 3: line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, bpp, rows

try:
    width, height, bpp, rows = read_png(png_path)
except Exception as e:
    check(False, "the screenshot is a PNG we can read (%s)" % e)
else:
    check((width, height) == (1280, 2000), "the screenshot is 1280x2000 (%dx%d)" % (width, height))
    colours, ink, total, dots = set(), 0, 0, 0
    for row in rows[::2]:
        for x in range(0, len(row), bpp * 2):
            r, g, b = row[x], row[x + 1], row[x + 2]
            colours.add((r, g, b))
            total += 1
            if r + g + b < 600:
                ink += 1
            # The first document's dot colour (#1f77b4), give or take antialiasing.
            if abs(r - 31) + abs(g - 119) + abs(b - 180) < 24:
                dots += 1
    check(len(colours) >= 32, "the screenshot is not blank: %d colours" % len(colours))
    check(0.01 < ink / total < 0.9, "ink over %.1f%% of the screenshot" % (100.0 * ink / total))
    check(dots > 0, "chart dots in the screenshot (%d samples of their colour)" % dots)

if failures:
    print("report_browser_test: %d checks FAILED" % len(failures))
    sys.exit(1)
print("report_browser_test: all checks passed")
EOF
