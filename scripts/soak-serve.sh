#!/usr/bin/env bash
# Server soak test (issue 17): 'zerowaste serve' on 127.0.0.1 at 1.5x its measured saturation rate, open loop, with
# 10 % malformed requests, for SOAK_SECONDS (default 600). Samples the server's resident memory, open file
# descriptors and threads from /proc, and checks: RSS growth after warm-up <= 10 %, no 5xx but 503, every request
# sent answered, fds and threads back to their idle counts once the load stops. Prints a summary, writes it to OUT/summary.txt, stops the server, and exits
# 1 if a check failed.
#
#   scripts/soak-serve.sh                       # trains a quick ZTW bundle first (~2 min)
#   SOAK_BUNDLE=runs/demo/ztw SOAK_SECONDS=60 scripts/soak-serve.sh
#
# Settings (environment): SOAK_SECONDS (600), SOAK_BUNDLE (an exits bundle; default: train one), SOAK_OUT
# (target/soak), SOAK_RATE_FACTOR (1.5), SOAK_MALFORMED (0.1), SOAK_SATURATION_SECONDS (20), SOAK_WARMUP_SECONDS
# (60), SOAK_SAMPLE_SECONDS (10), SOAK_DATA (the launcher's default data folder). Only loopback addresses are used.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ZW="$ROOT/zerowaste"
SECONDS_LOAD="${SOAK_SECONDS:-600}"
OUT="${SOAK_OUT:-$ROOT/target/soak}"
FACTOR="${SOAK_RATE_FACTOR:-1.5}"
MALFORMED="${SOAK_MALFORMED:-0.1}"
SAT_SECONDS="${SOAK_SATURATION_SECONDS:-20}"
WARMUP="${SOAK_WARMUP_SECONDS:-60}"
SAMPLE="${SOAK_SAMPLE_SECONDS:-10}"
DATA_ARGS=()
[[ -n "${SOAK_DATA:-}" ]] && DATA_ARGS=(--data "$SOAK_DATA")
HOST=127.0.0.1

(( SECONDS_LOAD > WARMUP )) || { echo "error: SOAK_SECONDS ($SECONDS_LOAD) must exceed SOAK_WARMUP_SECONDS ($WARMUP)" >&2; exit 2; }
mkdir -p "$OUT"
SERVER_PID=""
LOAD_PID=""
cleanup() {
  [[ -n "$LOAD_PID" ]] && kill "$LOAD_PID" 2>/dev/null || true
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 1; done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
  fi
}
trap cleanup EXIT
log() { echo "soak: $*" >&2; }

# 1. A bundle to serve.
BUNDLE="${SOAK_BUNDLE:-}"
if [[ -z "$BUNDLE" ]]; then
  BUNDLE="$OUT/exits/ztw"
  if [[ ! -f "$BUNDLE/manifest.json" ]]; then
    log "training a quick ZTW bundle into $OUT/exits"
    timeout 1800 "$ZW" exits train "${DATA_ARGS[@]}" --methods ztw --backbone-epochs 1 --head-epochs 1 --ensemble-epochs 3 \
      --train-limit 6000 --out "$OUT/exits" > "$OUT/exits-train.log" 2>&1
  fi
fi
[[ -f "$BUNDLE/manifest.json" ]] || { echo "error: $BUNDLE is not a bundle (no manifest.json)" >&2; exit 2; }

# 2. The server, on a free loopback port. The launcher execs java, so $! is the server's JVM.
"$ZW" serve "${DATA_ARGS[@]}" --model "$BUNDLE" --host "$HOST" --port 0 > "$OUT/server.out" 2> "$OUT/server.err" &
SERVER_PID=$!
for _ in $(seq 1 180); do
  grep -q '^ready' "$OUT/server.out" 2>/dev/null && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$OUT/server.err" >&2; echo "error: the server exited" >&2; exit 1; }
  sleep 1
done
URL="$(grep -o "http://$HOST:[0-9]*" "$OUT/server.out" | head -1)"
[[ -n "$URL" ]] || { echo "error: the server did not get ready in 180 s" >&2; exit 1; }
log "server pid $SERVER_PID at $URL"

# /proc figures of the server: RSS in KiB, threads, open fds.
rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$SERVER_PID/status"; }
threads() { awk '/^Threads:/ {print $2}' "/proc/$SERVER_PID/status"; }
fds() { ls "/proc/$SERVER_PID/fd" | wc -l; }
# The kernel's count of connections dropped because a listen queue was full (machine-wide; on an otherwise idle
# loopback it is the server's). Such a client sees a reset or a timeout: a transport error.
listen_overflows() { awk 'NR % 2 == 1 {for (i = 1; i <= NF; i++) h[i] = $i} NR % 2 == 0 && $1 == "TcpExt:" {for (i = 1; i <= NF; i++) if (h[i] == "ListenOverflows") print $i}' /proc/net/netstat 2>/dev/null || echo "?"; }
statuses_5xx() { curl -s --max-time 10 "$URL/metrics" | awk -F'[" ]' '/^zerowaste_requests_total\{status="5/ {print $2 "=" $NF}' | paste -sd' '; }

# 3. Saturation: closed loop, 32 clients.
log "measuring saturation for ${SAT_SECONDS}s (closed loop, 32 clients)"
timeout $((SAT_SECONDS + 300)) "$ZW" bench serve "${DATA_ARGS[@]}" --url "$URL" --concurrency 32 --duration "${SAT_SECONDS}s" \
  > "$OUT/saturation.txt" 2> "$OUT/saturation.err"
SAT="$(awk '/^requests\/s/ {print $2}' "$OUT/saturation.txt")"
sleep 10 # the idle baseline: pools started by the first requests, the saturation run's connections closed
IDLE_THREADS_BEFORE=$(threads); IDLE_FDS_BEFORE=$(fds)
RATE="$(awk -v s="$SAT" -v f="$FACTOR" 'BEGIN {printf "%.0f", s * f}')"
log "saturation $SAT requests/s; soaking at $RATE requests/s for ${SECONDS_LOAD}s with $MALFORMED malformed"

# 4. The soak: open loop at RATE, sampled every SAMPLE seconds.
timeout $((SECONDS_LOAD + 300)) "$ZW" bench serve "${DATA_ARGS[@]}" --url "$URL" --rate "$RATE" --malformed "$MALFORMED" \
  --duration "${SECONDS_LOAD}s" > "$OUT/soak.txt" 2> "$OUT/soak.err" &
LOAD_PID=$!
OVERFLOWS_BEFORE=$(listen_overflows)
echo "seconds,rss_kib,threads,fds" > "$OUT/samples.csv"
T0=$(date +%s)
RSS_WARM=""; THREADS_WARM=""; FDS_WARM=""
while kill -0 "$LOAD_PID" 2>/dev/null; do
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "error: the server died during the soak" >&2; exit 1; }
  T=$(( $(date +%s) - T0 ))
  if (( T <= SECONDS_LOAD )); then  # samples under load only, not while the last answers drain
    R=$(rss_kib); TH=$(threads); F=$(fds)
    echo "$T,$R,$TH,$F" >> "$OUT/samples.csv"
    if [[ -z "$RSS_WARM" ]] && (( T >= WARMUP )); then RSS_WARM=$R; THREADS_WARM=$TH; FDS_WARM=$F; fi
  fi
  sleep "$SAMPLE"
done
LOAD_RC=0; wait "$LOAD_PID" || LOAD_RC=$?
LOAD_PID=""
OVERFLOWS_AFTER=$(listen_overflows)
LAST="$(tail -1 "$OUT/samples.csv")"
RSS_END="$(cut -d, -f2 <<< "$LAST")"; THREADS_END="$(cut -d, -f3 <<< "$LAST")"; FDS_END="$(cut -d, -f4 <<< "$LAST")"
SERVER_5XX="$(statuses_5xx)"
sleep 10 # the load generator has exited: its connections close
IDLE_THREADS_AFTER=$(threads); IDLE_FDS_AFTER=$(fds)

# 5. Checks.
range() { awk -F, -v c="$1" -v w="$WARMUP" 'NR > 1 && $1 >= w { if (min == "" || $c < min) min = $c; if ($c > max) max = $c } END {print min "-" max}' "$OUT/samples.csv"; }
STATUS_LINE="$(grep '^statuses' "$OUT/soak.txt" || true)"
MALFORMED_LINE="$(grep '^malformed' "$OUT/soak.txt" || true)"
SENT="$(awk '/^sent/ {gsub(",", "", $2); print $2}' "$OUT/soak.txt")"
ANSWERED="$(awk '/^sent/ {print $4}' "$OUT/soak.txt")"
TRANSPORT="$(grep -o 'transport errors [0-9]*' "$OUT/soak.txt" | awk '{print $3}')"
BAD_5XX="$(grep -ho '\b5[0-9][0-9]=[0-9]*' <<< "$STATUS_LINE $MALFORMED_LINE $SERVER_5XX" | grep -v '^503=' || true)"
check() { if eval "$2"; then echo "PASS  $1"; else echo "FAIL  $1"; fi; }
{
  echo "zerowaste serve soak, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "machine     $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr), $(java -version 2>&1 | head -1)"
  echo "commit      $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo "bundle      $BUNDLE"
  echo "saturation  $SAT requests/s (closed loop, 32 clients, ${SAT_SECONDS}s)"
  echo "soak        $RATE requests/s (x$FACTOR) open loop for ${SECONDS_LOAD}s, $MALFORMED malformed; bench exit code $LOAD_RC"
  sed 's/^/  bench     /' "$OUT/soak.txt"
  echo "server 5xx  ${SERVER_5XX:-none} (from /metrics)"
  echo "RSS         $((RSS_WARM / 1024)) MiB after ${WARMUP}s warm-up, $((RSS_END / 1024)) MiB at the end ($(awk -v a="$RSS_WARM" -v b="$RSS_END" 'BEGIN {printf "%+.1f %%", 100 * (b - a) / a}')); range $(range 2) KiB"
  echo "threads     idle $IDLE_THREADS_BEFORE before the load, $IDLE_THREADS_AFTER after it; under load $THREADS_WARM after warm-up, $THREADS_END at the end, range $(range 3)"
  echo "fds         idle $IDLE_FDS_BEFORE before the load, $IDLE_FDS_AFTER after it; under load $FDS_WARM after warm-up, $FDS_END at the end, range $(range 4)"
  echo "listen      $(awk -v a="$OVERFLOWS_BEFORE" -v b="$OVERFLOWS_AFTER" 'BEGIN {print (a == "?" || b == "?") ? "?" : b - a}') connections dropped by a full listen queue during the load (kernel TcpExt ListenOverflows)"
  echo "samples     $OUT/samples.csv (every ${SAMPLE}s)"
  check "RSS growth after warm-up <= 10 %" "(( RSS_END * 10 <= RSS_WARM * 11 ))"
  check "no 5xx but 503 (client and server side)" "[[ -z \"$BAD_5XX\" ]]"
  check "every request sent was answered ($ANSWERED of $SENT, transport errors $TRANSPORT)" \
    "[[ -n \"$SENT\" && \"$SENT\" == \"$ANSWERED\" && \"$TRANSPORT\" == 0 ]]"
  # under load both follow the open connections; a leak shows once the load is gone
  check "threads back to idle after the load (<= before + 5)" "(( IDLE_THREADS_AFTER <= IDLE_THREADS_BEFORE + 5 ))"
  check "fds back to idle after the load (<= before + 5)" "(( IDLE_FDS_AFTER <= IDLE_FDS_BEFORE + 5 ))"
  check "the load generator finished" "(( LOAD_RC == 0 ))"
} | tee "$OUT/summary.txt"
FAIL=$(grep -c '^FAIL' "$OUT/summary.txt" || true)
log "summary in $OUT/summary.txt"
(( FAIL == 0 ))
