#!/usr/bin/env bash
# Renders an HTML report in headless Chromium and saves a PNG screenshot.
#   scripts/screenshot-report.sh REPORT.html [OUT.png]     (default OUT: target/report-screenshot.png)
# Needs the Debian package `chromium`. The page must open offline: networking is disabled.
set -euo pipefail
report=${1:?usage: scripts/screenshot-report.sh REPORT.html [OUT.png]}
out=${2:-target/report-screenshot.png}
[ -f "$report" ] || { echo "error: no report at $report (write one with ./zerowaste report RUN_DIR --out FILE)" >&2; exit 2; }
browser=$(command -v chromium || command -v chromium-browser || true)
[ -n "$browser" ] || { echo "error: chromium is not installed (apt-get install chromium)" >&2; exit 2; }
mkdir -p "$(dirname "$out")"
abs=$(cd "$(dirname "$report")" && pwd)/$(basename "$report")
rm -f "$out"
"$browser" --headless --no-sandbox --disable-gpu --disable-background-networking --no-first-run \
  --hide-scrollbars --window-size=1400,2400 --screenshot="$out" "file://$abs" > /dev/null 2>&1 || true
[ -s "$out" ] || { echo "error: chromium wrote no screenshot to $out" >&2; exit 1; }
echo "screenshot: $out"
