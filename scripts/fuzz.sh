#!/usr/bin/env bash
# Runs each fuzz target in fuzzing mode for its @FuzzTest maxDuration (60 s) and prints the executions.
# Usage: scripts/fuzz.sh [TARGET...]   TARGET = module:Class#method (default: all of them; see docs/FUZZING.md)
# A finding fails the run; Jazzer saves the crashing input in the target's corpus folder under src/test/resources.
# MVN overrides the Maven command, e.g. MVN="flock /tmp/zw-build.lock mvn" on a shared machine.
set -euo pipefail
cd "$(dirname "$0")/.."
MVN=${MVN:-mvn}
TARGETS=(
  zerowaste-core:io.zerowaste.core.fuzz.IdxReaderFuzzTest#imagesFile
  zerowaste-core:io.zerowaste.core.fuzz.IdxReaderFuzzTest#datasetFolder
  zerowaste-nn:io.zerowaste.nn.fuzz.BundleFuzzTest#bundleFolder
  zerowaste-nn:io.zerowaste.nn.fuzz.CheckpointFuzzTest#checkpointFolder
  zerowaste-serve:io.zerowaste.serve.fuzz.RequestParserFuzzTest#requestBody
  zerowaste-serve:io.zerowaste.serve.fuzz.RequestParserFuzzTest#pngImage
)
[ $# -gt 0 ] && TARGETS=("$@")
mkdir -p target/fuzz
summary=()
for t in "${TARGETS[@]}"; do
  module=${t%%:*}
  test=${t#*:}
  log=target/fuzz/${test##*.}.log
  echo "== fuzzing $test ($module), log in $log"
  # JAZZER_FUZZ=1: fuzz instead of replaying the corpus; Jazzer fuzzes one test per JVM, hence one Maven run each
  if ! JAZZER_FUZZ=1 $MVN -B verify -pl "$module" -am -Dtest="$test" -Dsurefire.failIfNoSpecifiedTests=false >"$log" 2>&1; then
    grep -E "^(==|\[ERROR\]|Exception|java\.|Caused by)" "$log" | head -40 || true
    echo "fuzz target $test FAILED (a finding, or a build error): see $log" >&2
    exit 1
  fi
  runs=$(grep -oE "Done [0-9]+ runs in [0-9]+ second" "$log" | tail -1 || true)
  summary+=("$test: ${runs:-no libFuzzer summary found}")
done
printf '%s\n' "${summary[@]}" | tee target/fuzz/summary.txt
