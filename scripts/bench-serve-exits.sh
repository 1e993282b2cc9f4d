#!/usr/bin/env bash
# Serving figures (issue 22): one-image requests/s at concurrency 32, then 16 images a request with exits on and
# with exits off (--threshold 1.01: every sample runs the whole backbone), alternated ROUNDS times; server and
# load generator share this machine. Usage: scripts/bench-serve-exits.sh BUNDLE [ROUNDS (default 2)] [serve options…]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUNDLE="${1:?usage: scripts/bench-serve-exits.sh BUNDLE [ROUNDS] [serve options]}"; ROUNDS="${2:-2}"; shift $(( $# > 1 ? 2 : 1 ))
PORT=8097
export DJL_OFFLINE=true
LOG="$(mktemp)"; SP=""
trap '[ -n "$SP" ] && kill "$SP" 2>/dev/null; rm -f "$LOG"' EXIT
serve() {
  "$ROOT/zerowaste" serve --model "$BUNDLE" --port $PORT "$@" > "$LOG" 2>&1 & SP=$!
  for _ in $(seq 120); do curl -sf localhost:$PORT/health >/dev/null && return; sleep 1; done
  echo "the server did not start:"; cat "$LOG"; exit 1
}
stop() { kill "$SP"; wait "$SP" 2>/dev/null || true; SP=""; }
load() { echo "=== $(date -u +%T) $*"; "$ROOT/zerowaste" bench serve --url http://localhost:$PORT --concurrency 32 --duration 20s "$@" 2>&1 | grep -v WARN; }
for round in $(seq "$ROUNDS"); do
  echo "##### round $round"
  serve "$@"; load --per-request 1; load --per-request 16; stop
  echo "(exits off)"; serve --threshold 1.01 "$@"; load --per-request 16; stop
done
