#!/usr/bin/env bash
# The README's three mean ± std tables, each from three seeds (0, 1, 2) and 'report --aggregate', in fp32 as
# measured ('auto' would pick bf16 on a CPU with bf16 units).
# Usage: scripts/readme-tables.sh exits|continual|glimpse|all RUNS_DIR
#   exits      exits train (a backbone per seed, SDN/PBEE/ZTW): about 15 min a seed on 2 cores
#   continual  continual run, class-il 5 x 2, all seven strategies: about 11 min a seed; an interrupted seed resumes
#   glimpse    scripts/glimpse-seeds.sh: about 26 min a seed
# Prints each table as markdown and writes RUNS_DIR/<kind>-aggregate.html.
set -euo pipefail
[[ $# -eq 2 && "$1" =~ ^(exits|continual|glimpse|all)$ ]] || { echo "usage: $0 exits|continual|glimpse|all RUNS_DIR" >&2; exit 2; }
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
Z="$ROOT/zerowaste"
KIND="$1"
R="$2"
mkdir -p "$R"

aggregate() { "$Z" report --aggregate "$R/$1-s0" "$R/$1-s1" "$R/$1-s2" --markdown --out "$R/$1-aggregate.html"; }

if [[ "$KIND" == exits || "$KIND" == all ]]; then
  for S in 0 1 2; do
    if [[ ! -f "$R/exits-s$S/results.json" ]]; then
      rm -rf "$R/exits-s$S" # exits train has no --resume: an unfinished seed starts over
      "$Z" exits train --seed "$S" --precision fp32 --out "$R/exits-s$S"
    fi
  done
  aggregate exits
fi
if [[ "$KIND" == continual || "$KIND" == all ]]; then
  for S in 0 1 2; do
    # results.json grows strategy by strategy, so a seed is finished only once the command has returned 0
    if [[ ! -f "$R/continual-s$S.finished" ]]; then
      resume=""; [[ -d "$R/continual-s$S/checkpoints" ]] && resume="--resume"
      "$Z" continual run --seed "$S" --precision fp32 $resume --out "$R/continual-s$S"
      touch "$R/continual-s$S.finished"
    fi
  done
  aggregate continual
fi
if [[ "$KIND" == glimpse || "$KIND" == all ]]; then
  "$ROOT/scripts/glimpse-seeds.sh" "$R"
fi
