#!/usr/bin/env bash
# The lifecycle accuracy comparison of docs/LIFECYCLE.md: class-incremental 5 x 2 on 15,000 Fashion-MNIST
# training images, replay updates against retraining from scratch after every update, without serving.
# Usage: scripts/lifecycle-accuracy.sh OUT_DIR [extra lifecycle demo options, e.g. --strategy cumulative --update-epochs 1]
set -euo pipefail
[[ $# -ge 1 ]] || { echo "usage: $0 OUT_DIR [lifecycle demo options]" >&2; exit 2; }
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$1"; shift
ZEROWASTE_THREADS="${ZEROWASTE_THREADS:-1}" "$ROOT/zerowaste" lifecycle demo --train-limit 15000 --scratch --no-serve --out "$OUT" "$@"
