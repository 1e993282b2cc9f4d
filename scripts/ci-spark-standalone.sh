#!/usr/bin/env bash
# CI: a tiny exits bundle on the committed fixture, then 'spark predict' on a standalone master + worker (the shaded jar
# submitted with SparkSubmit) compared with 'exits predict' on the same images; the cluster is stopped whatever happens.
# Both sides pin --precision fp32: the comparison is bit for bit, and auto would pick bf16 on a CPU with bf16 units.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FIXTURE="$ROOT/zerowaste-core/src/test/resources/fashion-mnist-mini"
WORK="$(mktemp -d)"
trap '"$ROOT/scripts/spark-cluster.sh" stop || true; rm -rf "$WORK"' EXIT
"$ROOT/zerowaste" exits train --precision fp32 --data "$FIXTURE" --methods ztw --backbone-epochs 1 --head-epochs 1 --ensemble-epochs 2 \
  --train-limit 400 --out "$WORK/run" >/dev/null
IMAGES="$(ls "$FIXTURE"/t10k-images-idx3-ubyte* | head -1)"
"$ROOT/zerowaste" exits predict --precision fp32 --model "$WORK/run/ztw" --images "$IMAGES" --format json --out "$WORK/exits.json"
"$ROOT/scripts/spark-cluster.sh" start
"$ROOT/scripts/spark-cluster.sh" submit predict --precision fp32 --model "$WORK/run/ztw" --input "$IMAGES" --output "$WORK/spark.parquet" \
  --partitions 2
"$ROOT/zerowaste" spark compare --predictions "$WORK/spark.parquet" --expected "$WORK/exits.json"
