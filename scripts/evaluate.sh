#!/usr/bin/env bash
# Decision quality on real data: replays the Online Retail transaction log (../shared/data/online-retail, or FILE=...)
# into a fresh Persona up to the cut time T, then asks the app's HTTP API for each returning customer's top k offers
# and scores them against what the customers bought after T, next to the mass-marketing and personal-frequency
# baselines. Runs its own broker (port 29092) and app (API on 18080), fresh every time, and stops them at the end.
#
#   scripts/evaluate.sh                      Online Retail, T = 2011-11-02T12:20:00Z, k = 10
#   CUT=... UNTIL=... K=... FILE=... MAP="..." scripts/evaluate.sh
#   scripts/evaluate.sh --keep-running      leave broker and app running to ask more ($API); stop: --stop
set -euo pipefail

ROOT="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)"
JAR="$ROOT/tools/target/persona.jar"
RUN_DIR="$ROOT/.persona/evaluate"
FILE="${FILE:-$ROOT/../shared/data/online-retail/online_retail.csv.gz}"
CUT="${CUT:-2011-11-02T12:20:00Z}"
# UNTIL ends the scored period: the validation cut that parameters are chosen on is
# CUT=2011-09-01T00:00:00Z UNTIL=2011-11-02T12:20:00Z (it never sees the reported period).
UNTIL="${UNTIL:-}"
K="${K:-10}"
# Online Retail's columns; another file of the same shape needs only its own names here.
MAP="${MAP:-customer=CustomerID basket=InvoiceNo product=StockCode description=Description quantity=Quantity price=UnitPrice time=InvoiceDate store=Country}"
export KAFKA_PORT=29092 KAFKA_CONTROLLER_PORT=29093 KAFKA_LOCAL_DIR="$RUN_DIR/kafka"
export PERSONA_BOOTSTRAP_SERVERS="127.0.0.1:$KAFKA_PORT" PERSONA_APPLICATION_ID=persona-evaluate
export PERSONA_STATE_DIR="$RUN_DIR/state" PERSONA_SERVER_PORT=18080
# The data set carries no consent records; a replay for evaluation asks what the engine would offer, so every channel
# is treated as granted here (never a default for real customers: see the README's Privacy section).
export PERSONA_CONSENT_DEFAULT_EMAIL=grant PERSONA_CONSENT_DEFAULT_POS=grant PERSONA_CONSENT_DEFAULT_PUSH=grant
API="http://127.0.0.1:$PERSONA_SERVER_PORT"
APP_PID=""

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
persona() { java -jar "$JAR" "$@"; }
map_args() { for pair in $MAP; do printf -- '--map\n%s\n' "$pair"; done; }

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if (( KEEP_RUNNING == 1 && status == 0 )); then
    echo "left running: app pid $APP_PID, API $API, broker 127.0.0.1:$KAFKA_PORT; stop: scripts/evaluate.sh --stop"
    echo "$APP_PID" >"$RUN_DIR/app.pid"
    exit 0
  fi
  if [[ -n "$APP_PID" ]] && kill -0 "$APP_PID" 2>/dev/null; then
    kill -TERM "$APP_PID"; wait "$APP_PID" 2>/dev/null || true
  fi
  "$ROOT/scripts/kafka-local.sh" stop >/dev/null 2>&1 || true
  exit "$status"
}

KEEP_RUNNING=0
case "${1:-}" in
  --keep-running) KEEP_RUNNING=1 ;;
  --stop) kill "$(cat "$RUN_DIR/app.pid" 2>/dev/null)" 2>/dev/null || true; "$ROOT/scripts/kafka-local.sh" stop; exit 0 ;;
  "") ;;
  *) echo "usage: scripts/evaluate.sh [--keep-running|--stop]" >&2; exit 2 ;;
esac
[[ -f "$FILE" ]] || { echo "no transaction file at $FILE (set FILE=...)" >&2; exit 2; }
if [[ ! -f "$JAR" ]] || [[ -n "$(find "$ROOT/pom.xml" "$ROOT"/*/pom.xml "$ROOT"/*/src/main "$ROOT/schemas" -newer "$JAR" -print -quit)" ]]; then
  say "building the app"
  (cd "$ROOT" && mvn -B -q -ntp -DskipTests package)
fi
mkdir -p "$RUN_DIR"
trap cleanup EXIT INT TERM
"$ROOT/scripts/kafka-local.sh" reset >/dev/null
rm -rf "$PERSONA_STATE_DIR"
"$ROOT/scripts/kafka-local.sh" start
persona create-topics >/dev/null 2>&1

say "starting the app (log: $RUN_DIR/app.log)"
java -jar "$JAR" run >"$RUN_DIR/app.log" 2>&1 &
APP_PID=$!
until curl -sf "$API/ready" >/dev/null; do
  kill -0 "$APP_PID" 2>/dev/null || { tail -n 30 "$RUN_DIR/app.log" >&2; exit 1; }
  sleep 0.5
done

say "replaying $(basename "$FILE") up to $CUT, as fast as possible, with one offer per product"
mapfile -t MAP_ARGS < <(map_args)
persona replay --file "$FILE" "${MAP_ARGS[@]}" --until "$CUT" --catalog 2> >(tee "$RUN_DIR/replay.log" >&2)
BASKETS="$(sed -nE 's/^published ([0-9,]+) baskets.*/\1/p' "$RUN_DIR/replay.log" | tr -d ,)"

say "waiting for the app to process all $BASKETS baskets"
started=$(date +%s.%N)
while true; do
  done_count="$(curl -s "$API/metrics" | awk '/^persona_events_total\{type="basket"\}/ { print int($2) }')"
  printf '\r  %s of %s baskets' "${done_count:-0}" "$BASKETS"
  (( ${done_count:-0} >= BASKETS )) && break
  sleep 1
done
echo
awk -v n="$BASKETS" -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "  processed in %.1f s after the replay ended\n", b - a }'

say "evaluating: top $K offers per returning customer, from the app's API, against purchases after $CUT"
# The co-purchase learning and the offer KPIs trail the profiles: evaluate first waits for the app's two groups to have
# committed every partition it reads, repartition topics included, so that every run asks a settled app.
persona evaluate --file "$FILE" "${MAP_ARGS[@]}" --cut "$CUT" ${UNTIL:+--until "$UNTIL"} -k "$K" --api "$API" \
  --wait-for-group "$PERSONA_APPLICATION_ID"
