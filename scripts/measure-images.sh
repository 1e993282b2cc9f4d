#!/usr/bin/env bash
# Issue 21's figures: decode cost, Fashion-MNIST as IDX files against the same images as PNG folders (exits train,
# continual run, glimpse train; seeds 0 and 1 for the noise, IDX and PNG side by side, one libtorch thread each),
# and a 32x32 colour set through exits train, bench exits, continual run, glimpse train, serve and Spark.
# Usage: scripts/measure-images.sh OUT [IDX_DIR (default /usr/share/datasets/fashion-mnist)]
# Writes OUT/fmnist-png (scripts/make-image-folder.py), OUT/shapes32 (data shapes, 2,000 train / 200 test a class),
# one log per run in OUT, and prints the steps with their exit codes.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
R="${1:?usage: scripts/measure-images.sh OUT [IDX_DIR]}"; IDX="${2:-/usr/share/datasets/fashion-mnist}"
mkdir -p "$R"; R="$(cd "$R" && pwd)"
PNG=$R/fmnist-png; SH=$R/shapes32
export DJL_OFFLINE=true ZEROWASTE_CACHE=$R/cache
run() { local name=$1; shift
  echo "=== $(date -u +%T) $name: zerowaste $*"
  /usr/bin/time -f "wall %e s" "$ROOT/zerowaste" "$@" > "$R/$name.log" 2>&1; echo "=== $(date -u +%T) $name exit $?"; }
pair() { local name=$1 s=$2; shift 2
  ZEROWASTE_THREADS=1 run "$name-idx-s$s" "$@" --data "$IDX" --seed "$s" --out "$R/$name-idx-s$s" &
  ZEROWASTE_THREADS=1 run "$name-png-s$s" "$@" --data "$PNG" --seed "$s" --out "$R/$name-png-s$s" &
  wait; }
[ -d "$PNG" ] || python3 "$ROOT/scripts/make-image-folder.py" "$PNG" --idx "$IDX"
[ -d "$SH" ] || "$ROOT/zerowaste" data shapes "$SH" --train-per-class 2000 --test-per-class 200
rm -rf "$R/cache"
run inspect-uncached data inspect --data "$PNG"
run inspect-cached data inspect --data "$PNG"
run inspect-idx data inspect --data "$IDX"
for s in 0 1; do
  pair exits "$s" exits train --backbone-epochs 2 --head-epochs 1 --ensemble-epochs 3 --methods ztw --train-limit 10000 --precision fp32
  pair continual "$s" continual run --strategies replay --epochs 1 --train-limit 10000 --precision fp32
done
pair glimpse 0 glimpse train --policy entropy --steps 200 --train-limit 10000 --precision fp32
run shapes-exits exits train --data "$SH" --backbone-epochs 10 --head-epochs 3 --ensemble-epochs 5 --methods ztw --precision fp32 --seed 0 --out "$R/shapes-exits"
run shapes-bench bench exits --data "$SH" --model "$R/shapes-exits/ztw" --precision fp32
run shapes-continual continual run --data "$SH" --strategies finetune,replay --seed 0 --precision fp32 --out "$R/shapes-continual"
run shapes-glimpse glimpse train --data "$SH" --policy all --steps 600 --seed 0 --precision fp32 --out "$R/shapes-glimpse"
"$ROOT/zerowaste" serve --model "$R/shapes-exits/ztw" --port 8099 > "$R/shapes-serve.log" 2>&1 & SP=$!
for _ in $(seq 90); do curl -sf localhost:8099/health >/dev/null && break; sleep 1; done
for c in $(ls "$SH/test"); do f=$(ls "$SH/test/$c" | head -1)
  echo "$c $(curl -s -H 'Content-Type: image/png' --data-binary @"$SH/test/$c/$f" localhost:8099/v1/predict)"; done > "$R/shapes-serve-answers.txt"
kill $SP; wait $SP 2>/dev/null
run shapes-spark-convert spark convert "$SH" "$R/shapes-test.parquet" --set test
run shapes-spark-predict spark predict --master 'local[2]' --model "$R/shapes-exits/ztw" --input "$R/shapes-test.parquet" --output "$R/shapes-spark.parquet"
echo "=== $(date -u +%T) all done"
