#!/usr/bin/env bash
# A real standalone Spark cluster on this machine, from the Spark jars Maven resolved (no download):
#   scripts/spark-cluster.sh start      a Master on spark://127.0.0.1:7077 and one Worker (WORKER_CORES, default 2)
#   scripts/spark-cluster.sh submit …   spark-submit the shaded -spark jar: 'submit predict --model B --input … --output …'
#   scripts/spark-cluster.sh stop       stops what start started (by the pids it recorded)
#   scripts/spark-cluster.sh executor-classpath   Spark's own jars (what a cluster's executors bring)
# Loopback only: everything binds to 127.0.0.1. Logs and pids in $ZEROWASTE_SPARK_STATE (default /tmp/zerowaste-spark-$USER).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MODULE="$ROOT/zerowaste-spark"
STATE="${ZEROWASTE_SPARK_STATE:-/tmp/zerowaste-spark-${USER:-$(id -un)}}"
MASTER_PORT="${SPARK_MASTER_PORT:-7077}"
MASTER="spark://127.0.0.1:$MASTER_PORT"
export SPARK_LOCAL_IP=127.0.0.1

classpath() {
  [[ -f "$MODULE/target/classpath.txt" ]] || { echo "error: build first: mvn -B -DskipTests install (writes $MODULE/target/classpath.txt)" >&2; exit 2; }
  cat "$MODULE/target/classpath.txt"
}

# Spark's jars only: the executors load zerowaste and DJL from the shaded jar, as on a real cluster.
executor_classpath() {
  classpath | tr ':' '\n' | grep -v -e '/ai/djl/' -e '/io/zerowaste/' -e '/zerowaste-[a-z]*/target/' -e '/info/picocli/' | paste -sd: -
}

module_opts() {
  sed -n 's:.*<spark.module.options>\(.*\)</spark.module.options>.*:\1:p' "$MODULE/pom.xml"
}

wait_for() { # wait_for SECONDS DESCRIPTION COMMAND…
  local secs="$1" what="$2"; shift 2
  for _ in $(seq "$secs"); do "$@" && return 0; sleep 1; done
  echo "error: $what did not come up within ${secs}s (see $STATE/*.log)" >&2; exit 1
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start() {
  mkdir -p "$STATE/home/jars" "$STATE/work"
  # SPARK_HOME/jars: what the Worker puts on its executors' classpath (links to Maven's Spark jars, as in an install)
  rm -f "$STATE/home/jars/"*.jar
  executor_classpath | tr ':' '\n' | while read -r j; do ln -sf "$j" "$STATE/home/jars/"; done
  if [[ -f "$STATE/master.pid" ]] && kill -0 "$(cat "$STATE/master.pid")" 2>/dev/null; then
    echo "already running: $MASTER (scripts/spark-cluster.sh stop first)" >&2; exit 0
  fi
  port_open "$MASTER_PORT" && { echo "error: port $MASTER_PORT is taken (set SPARK_MASTER_PORT)" >&2; exit 2; }
  local cp; cp="$(executor_classpath)"
  export SPARK_HOME="$STATE/home"
  export SPARK_SCALA_VERSION=2.13  # else the Worker looks for a Spark source build to learn it
  nohup java -Xmx512m $(module_opts) -cp "$cp" org.apache.spark.deploy.master.Master \
    --host 127.0.0.1 --port "$MASTER_PORT" --webui-port "${SPARK_MASTER_WEBUI_PORT:-18080}" >"$STATE/master.log" 2>&1 &
  echo $! >"$STATE/master.pid"
  wait_for 60 "the Spark master" port_open "$MASTER_PORT"
  nohup java -Xmx512m $(module_opts) -cp "$cp" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 \
    --cores "${WORKER_CORES:-2}" --memory "${WORKER_MEMORY:-4g}" --work-dir "$STATE/work" \
    --webui-port "${SPARK_WORKER_WEBUI_PORT:-18081}" "$MASTER" >"$STATE/worker.log" 2>&1 &
  echo $! >"$STATE/worker.pid"
  wait_for 60 "the Spark worker" grep -q "Registering worker" "$STATE/master.log"
  echo "started $MASTER (1 worker, ${WORKER_CORES:-2} cores; logs in $STATE)"
}

stop() {
  for p in worker master; do
    if [[ -f "$STATE/$p.pid" ]]; then
      local pid; pid="$(cat "$STATE/$p.pid")"
      if kill -0 "$pid" 2>/dev/null; then
        kill "$pid"
        for _ in $(seq 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      fi
      rm -f "$STATE/$p.pid"
    fi
  done
  echo "stopped $MASTER"
}

submit() {
  local jar; jar="$(ls "$MODULE"/target/zerowaste-spark-*-spark.jar 2>/dev/null | head -1 || true)"
  [[ -n "$jar" ]] || { echo "error: build the shaded jar first: mvn -B -Pspark-jar -pl zerowaste-spark -am -DskipTests package" >&2; exit 2; }
  # the driver runs in this JVM (client mode): quiet log profile and one intra-op thread, as the launcher sets them
  exec java -Xmx2g $(module_opts) -Dlog4j2.configurationFile="$MODULE/src/main/resources/zerowaste-spark-log4j2.properties" \
    -Dai.djl.pytorch.num_threads=1 -cp "$(executor_classpath)" org.apache.spark.deploy.SparkSubmit \
    --master "${SPARK_SUBMIT_MASTER:-$MASTER}" --deploy-mode client \
    --conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1 \
    --conf spark.executor.cores="${EXECUTOR_CORES:-1}" --conf spark.cores.max="${CORES_MAX:-2}" \
    --conf spark.executor.memory="${EXECUTOR_MEMORY:-1g}" \
    --class io.zerowaste.spark.cli.SparkCli "$jar" "$@"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  submit) shift; submit "$@" ;;
  executor-classpath) executor_classpath ;;
  *) echo "usage: scripts/spark-cluster.sh start|stop|submit ARGS…|executor-classpath" >&2; exit 2 ;;
esac
