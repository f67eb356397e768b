#!/usr/bin/env bash
# persona reset, then a rebuild from the log that gives the same profiles (hash of the latest value per customer).
# A replay of Online Retail's first three months into a broker and app of its own (ports 49092/48080), then:
# run until processed, hash; stop; persona reset; run again until processed, hash. About two minutes.
set -euo pipefail
ROOT="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$ROOT"
export KAFKA_LOCAL_DIR=$ROOT/.persona/reset-check/kafka KAFKA_PORT=49092 KAFKA_CONTROLLER_PORT=49093
export PERSONA_BOOTSTRAP_SERVERS=127.0.0.1:49092 PERSONA_APPLICATION_ID=persona-rr PERSONA_STATE_DIR=$ROOT/.persona/reset-check/state PERSONA_SERVER_PORT=48080
J="java -jar tools/target/persona.jar"
MAP="--map customer=CustomerID --map basket=InvoiceNo --map product=StockCode --map description=Description --map quantity=Quantity --map price=UnitPrice --map time=InvoiceDate --map store=Country"
scripts/kafka-local.sh reset >/dev/null; rm -rf $ROOT/.persona/reset-check/state
scripts/kafka-local.sh start | tail -1
$J create-topics >/dev/null 2>&1
$J replay --file "${FILE:-$ROOT/../shared/data/online-retail/online_retail.csv.gz}" $MAP --until 2011-03-01T00:00:00Z --catalog 2>&1 | grep published
wait_processed() {
  local n="$1"
  until [[ "$(curl -s 127.0.0.1:48080/metrics | awk '/^persona_events_total\{type="basket"\}/ { print int($2) }')" -ge "$n" ]] 2>/dev/null; do sleep 1; done
}
# The learning app publishes the profile changelog to customer-profiles: done once there are more records than
# before ($1) and their count holds still for two seconds.
wait_published() {
  local before="$1" now previous=-1
  while :; do
    now="$(published)"
    (( now > before && now == previous )) && return 0
    previous="$now"
    sleep 2
  done
}
published() { $J consume --topic customer-profiles 2>/dev/null | wc -l; }
profiles_hash() { $J consume --topic customer-profiles --latest 2>/dev/null | sort | sha256sum | cut -c1-16; }
BASKETS=$($J consume --topic pos-transactions 2>/dev/null | wc -l)
mkdir -p "$ROOT/.persona/reset-check"
$J run > $ROOT/.persona/reset-check/app1.log 2>&1 & APP=$!
wait_processed "$BASKETS"
wait_published 0
FIRST=$(published)
echo "first build:  $($J consume --topic customer-profiles --latest 2>/dev/null | wc -l) profiles, hash $(profiles_hash) ($(published) records in customer-profiles)"
kill -TERM $APP; wait $APP || true
echo "== persona reset"
$J reset --force 2>&1 | grep -vE "^\s*$" | sed 's/^/  /' | head -30
$J run > $ROOT/.persona/reset-check/app2.log 2>&1 & APP=$!
wait_processed "$BASKETS"
wait_published "$FIRST"
echo "rebuilt:      $($J consume --topic customer-profiles --latest 2>/dev/null | wc -l) profiles, hash $(profiles_hash) ($(published) records in customer-profiles: the rebuild published them again)"
kill -TERM $APP; wait $APP || true
scripts/kafka-local.sh stop >/dev/null
