#!/usr/bin/env bash
# The glimpse tables of the README and docs/GLIMPSES.md: one model per seed (0, 1, 2), every policy evaluated
# on it, then the mean ± std tables; and the entropy fine-tune experiment on seed 0 with its control.
# Usage: scripts/glimpse-seeds.sh RUNS_DIR [--finetune]   (about 26 min a seed on 2 cores; fp32 as measured)
set -euo pipefail
[[ $# -ge 1 ]] || { echo "usage: $0 RUNS_DIR [--finetune]" >&2; exit 2; }
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
Z="$ROOT/zerowaste"
R="$1"
for S in 0 1 2; do
  # --resume: an interrupted seed goes on; a finished one is re-scored by the current evaluator
  resume=""; [[ -d "$R/glimpse-s$S/checkpoint" ]] && resume="--resume"
  "$Z" glimpse train --policy all --seed "$S" --precision fp32 $resume --out "$R/glimpse-s$S"
done
"$Z" report --aggregate "$R/glimpse-s0" "$R/glimpse-s1" "$R/glimpse-s2" --markdown --out "$R/glimpse-aggregate.html"
if [[ "${2:-}" == "--finetune" ]]; then
  # 250 steps at a tenth of the learning rate, with the entropy policy in the loop, and the same on random subsets
  "$Z" glimpse train --init "$R/glimpse-s0/model" --train-policy entropy --steps 250 --lr 1e-4 --seed 0 --precision fp32 \
    --out "$R/glimpse-ft-entropy"
  "$Z" glimpse train --init "$R/glimpse-s0/model" --steps 250 --lr 1e-4 --seed 0 --precision fp32 --out "$R/glimpse-ft-subsets"
fi
