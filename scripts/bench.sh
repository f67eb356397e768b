#!/usr/bin/env bash
# Persona against this machine's own Kafka Streams ceiling, on a broker of its own (fresh each run, ports
# 19092/19093, data in .persona/bench-kafka). Traffic: 95% clicks and 5% POS baskets, Zipf(0.99) product popularity,
# a warm-up as large as the timed part so that profiles exist first. Measures throughput of a pass-through, a
# pass-through with one repartition and the whole app over the same pre-published traffic (median of 3 runs each,
# min and max beside), app CPU per 1,000
# events, bytes per profile, the profile store's restore rate against a plain consume of its changelog; then, live,
# the highest rate the engine sustains (a ramp), and click-to-offer and basket-to-offer latency at half of it, with
# the engine's commit latency and partitions per transaction. Writes bench.md and PNG charts to
# results/bench-<time>-<profile>/.
#
#   scripts/bench.sh           quick profile: 200,000 events (+ as many to warm up), 100,000 customers, 20 s of latency
#   scripts/bench.sh --full    full profile: 1,000,000 events (+ as many), 1,000,000 customers, 60 s of latency
#   scripts/bench.sh [--full] [--events N] [--warm-up-events N] [--customers N] [--seed N] [--runs N]
#                    [--latency-seconds N] [--latency-rate R]
set -euo pipefail

ROOT="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)"
JAR="$ROOT/harness/target/persona-harness.jar"
export KAFKA_LOCAL_DIR="$ROOT/.persona/bench-kafka" KAFKA_PORT=19092 KAFKA_CONTROLLER_PORT=19093

PROFILE=quick
ARGS=(--events 200000 --customers 100000 --latency-seconds 20)
if [[ "${1:-}" == "--full" ]]; then
  PROFILE=full
  ARGS=(--events 1000000 --customers 1000000 --latency-seconds 60)
  shift
fi
RESULTS="$ROOT/results/bench-$(date -u +%Y%m%d-%H%M)-$PROFILE"

if [[ ! -f "$JAR" ]] || [[ -n "$(find "$ROOT/pom.xml" "$ROOT"/*/pom.xml "$ROOT"/*/src/main "$ROOT/schemas" -newer "$JAR" -print -quit)" ]]; then
  echo "==> building the app"
  (cd "$ROOT" && mvn -B -q -ntp -DskipTests package)
fi
trap '"$ROOT/scripts/kafka-local.sh" reset >/dev/null' EXIT
"$ROOT/scripts/kafka-local.sh" reset >/dev/null
"$ROOT/scripts/kafka-local.sh" start
echo "==> $PROFILE profile; machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -n 1)"
java -Xmx2g -Dpersona.kafka.log.level=ERROR -jar "$JAR" bench --bootstrap-servers "127.0.0.1:$KAFKA_PORT" \
  --results "$RESULTS" "${ARGS[@]}" "$@"
