#!/usr/bin/env bash
# Throughput of the Persona topology against a Kafka Streams pass-through, on this machine, on a broker of its own
# (fresh each run, ports 19092/19093, data in .persona/bench-kafka). Prints a table and the ratio.
#
#   scripts/bench.sh [--events N] [--customers N] [--seed N]
set -euo pipefail

ROOT="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)"
JAR="$ROOT/streams-app/target/persona-streams-app.jar"
export KAFKA_LOCAL_DIR="$ROOT/.persona/bench-kafka" KAFKA_PORT=19092 KAFKA_CONTROLLER_PORT=19093

if [[ ! -f "$JAR" ]] || [[ -n "$(find "$ROOT/streams-app/src/main" "$ROOT/schemas" -newer "$JAR" -print -quit)" ]]; then
  echo "==> building the app"
  (cd "$ROOT" && mvn -B -q -ntp -DskipTests package)
fi
trap '"$ROOT/scripts/kafka-local.sh" reset >/dev/null' EXIT
"$ROOT/scripts/kafka-local.sh" reset >/dev/null
"$ROOT/scripts/kafka-local.sh" start
echo "==> machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -n 1)"
java -Xmx2g -jar "$JAR" bench --bootstrap-servers "127.0.0.1:$KAFKA_PORT" "$@"
