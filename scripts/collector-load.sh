#!/usr/bin/env bash
# Load test of the HTTP collector, on loopback only: a broker of its own (127.0.0.1:47092) and the app (API on
# 127.0.0.1:47080, collector included). Clients post Segment batches as fast as the collector answers, bounded in
# count and time; the broker is restarted part way. At the end every event answered 202 is looked for in
# clickstream: the goal is that none is missing. Prints accepted events/s and the requests' p50 / p99 latency.
#
#   scripts/collector-load.sh                      # 300,000 events or 60 s, 8 clients, batches of 20, restart at 20 s
#   scripts/collector-load.sh --events 50000 --seconds 20 --restart-after 8
#   scripts/collector-load.sh --no-restart         # throughput without the restart
set -euo pipefail

ROOT="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)"
JAR="$ROOT/harness/target/persona-harness.jar"
WORK="$ROOT/.persona/collector-load"
export KAFKA_LOCAL_DIR="$WORK/kafka" KAFKA_PORT=47092 KAFKA_CONTROLLER_PORT=47093
API_PORT=47080
RESTART=(--restart "\"$ROOT/scripts/kafka-local.sh\" stop && \"$ROOT/scripts/kafka-local.sh\" start")
ARGS=()
for arg in "$@"; do
  if [[ "$arg" == "--no-restart" ]]; then RESTART=(); else ARGS+=("$arg"); fi
done

if [[ ! -f "$JAR" ]] || [[ -n "$(find "$ROOT/pom.xml" "$ROOT"/*/pom.xml "$ROOT"/*/src/main "$ROOT/schemas" -newer "$JAR" -print -quit)" ]]; then
  echo "==> building the app"
  (cd "$ROOT" && mvn -B -q -ntp -DskipTests package)
fi

APP_PID=""
cleanup() {
  [[ -n "$APP_PID" ]] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
  "$ROOT/scripts/kafka-local.sh" reset >/dev/null 2>&1 || true
}
trap cleanup EXIT
"$ROOT/scripts/kafka-local.sh" reset >/dev/null
rm -rf "$WORK/state"
mkdir -p "$WORK"
"$ROOT/scripts/kafka-local.sh" start

echo "==> starting the app (collector on 127.0.0.1:$API_PORT); log: $WORK/app.log"
PERSONA_BOOTSTRAP_SERVERS="127.0.0.1:$KAFKA_PORT" PERSONA_SERVER_PORT="$API_PORT" PERSONA_STATE_DIR="$WORK/state" \
  PERSONA_APPLICATION_ID=persona-load PERSONA_COLLECTOR_WRITE_KEYS=load \
  java -Xmx1g -Dpersona.kafka.log.level=ERROR -jar "$JAR" run >"$WORK/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$API_PORT/ready" >/dev/null && break
  kill -0 "$APP_PID" 2>/dev/null || { echo "the app stopped; see $WORK/app.log" >&2; exit 1; }
  sleep 1
done
curl -sf "http://127.0.0.1:$API_PORT/ready" >/dev/null || { echo "the app did not become ready; see $WORK/app.log" >&2; exit 1; }

echo "==> machine: $(nproc) cores, $(java -version 2>&1 | head -n 1)"
java -Xmx1g -Dpersona.kafka.log.level=ERROR -jar "$JAR" collector-load --bootstrap-servers "127.0.0.1:$KAFKA_PORT" \
  --url "http://127.0.0.1:$API_PORT" --write-key load "${RESTART[@]}" "${ARGS[@]}"
