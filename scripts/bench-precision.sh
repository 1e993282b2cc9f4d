#!/usr/bin/env bash
# Issue 20's speed figures: zerowaste's bench infer|train|exits in bf16 and fp32 against the PyTorch-Python peers
# (bench_resnet14.py, dynamic_exits.py), alternated in the same minutes, ROUNDS times. The peer runs with the
# launcher's glibc allocator settings and, for dynamic exits, with the exit fractions zerowaste measured on BUNDLE.
# Usage: scripts/bench-precision.sh BUNDLE [PEERS_DIR (default ../shared/peers)] [ROUNDS (default 2)]
# Needs /usr/bin/python3 with torch (Debian: python3-torch). Run it on a quiet machine: it prints figures only.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUNDLE="${1:?usage: scripts/bench-precision.sh BUNDLE [PEERS_DIR] [ROUNDS]}"
PEERS="${2:-$ROOT/../shared/peers}"
ROUNDS="${3:-2}"
export DJL_OFFLINE=true
ALLOC=(MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=17179869184 MALLOC_ARENA_MAX=1)
OUT="$(mktemp -d)"; trap 'rm -rf "$OUT"' EXIT
zw() { echo "=== $(date -u +%T) zerowaste $*"; "$ROOT/zerowaste" "$@" 2>&1 | grep -v "WARN\|^\[W"; }
peer() { echo "=== $(date -u +%T) peer $*"; env "${ALLOC[@]}" /usr/bin/python3 "$@" 2>&1 | grep -v Warning; }
# the share of samples leaving at each exit, from the samples reaching each stage in bench exits' first table
fractions() {
  python3 - "$1" <<'PY'
import sys
reach = [float(l.split()[5]) for l in open(sys.argv[1]) if l.startswith('stage ')]
reach = reach[:len(reach) // 2]
f = [(reach[i] - reach[i + 1]) / reach[0] for i in range(len(reach) - 1)] + [reach[-1] / reach[0]]
print(','.join(f"{v:.4f}" for v in f))
PY
}
for round in $(seq "$ROUNDS"); do
  echo "##### round $round"
  zw bench infer --precision bf16
  peer "$PEERS/bench_resnet14.py" --channels-last --bf16
  peer "$PEERS/bench_resnet14.py" --channels-last
  zw bench train --precision bf16
  zw bench train --precision fp32
  for p in bf16 fp32; do
    zw bench exits --model "$BUNDLE" --precision "$p" | tee "$OUT/exits-$p.txt"
    bf=0; [ "$p" = bf16 ] && bf=1
    peer "$PEERS/dynamic_exits.py" "$(fractions "$OUT/exits-$p.txt")" 256 5 1 "$bf"
  done
done
