#!/usr/bin/env bash
# The README's main command: a real local Kafka broker, the Persona app, demo traffic from a web tracker and POS
# systems, and what the engine made of it. Builds first when needed; a second run downloads and rebuilds nothing.
#
#   scripts/demo.sh                 run, show, then stop what it started
#   scripts/demo.sh --keep-running  leave the broker and the app running in the background
#   scripts/demo.sh --stop          stop an app left running by --keep-running (the broker: scripts/kafka-local.sh stop)
set -euo pipefail

ROOT="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)"
JAR="$ROOT/streams-app/target/persona-streams-app.jar"
RUN_DIR="$ROOT/.persona"
APP_LOG="$RUN_DIR/app.log"
APP_PID_FILE="$RUN_DIR/app.pid"
KEEP_RUNNING=0
STARTED_BROKER=0
APP_PID=""

export PERSONA_BOOTSTRAP_SERVERS="${PERSONA_BOOTSTRAP_SERVERS:-127.0.0.1:${KAFKA_PORT:-9092}}"
export PERSONA_APPLICATION_ID="${PERSONA_APPLICATION_ID:-persona-demo}"
export PERSONA_STATE_DIR="${PERSONA_STATE_DIR:-$RUN_DIR/state}"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
persona() { java -jar "$JAR" "$@"; }

stop_app() {
  local pid="${1:-}"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
  say "stopping the app (pid $pid)"
  kill -TERM "$pid"
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
  rm -f "$APP_PID_FILE"
}

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if (( KEEP_RUNNING == 0 )); then
    stop_app "$APP_PID"
    if (( STARTED_BROKER == 1 )); then
      say "stopping the broker this run started"
      "$ROOT/scripts/kafka-local.sh" stop
    fi
  fi
  exit "$status"
}

build_if_needed() {
  if [[ -f "$JAR" ]] && [[ -z "$(find "$ROOT/pom.xml" "$ROOT/streams-app/pom.xml" "$ROOT/streams-app/src/main" \
      "$ROOT/schemas" -newer "$JAR" -print -quit)" ]]; then
    say "app jar is up to date"
    return
  fi
  say "building the app (first run downloads dependencies from Maven Central; a few minutes)"
  (cd "$ROOT" && mvn -B -q -ntp -DskipTests package)
}

wait_for_running() {
  say "waiting for the app to reach RUNNING"
  for i in $(seq 1 180); do
    if grep -q -- "-> RUNNING" "$APP_LOG" 2>/dev/null; then
      echo; grep -- "-> RUNNING" "$APP_LOG" | tail -n 1; return 0
    fi
    if ! kill -0 "$APP_PID" 2>/dev/null; then
      echo; echo "the app exited; its log:" >&2; tail -n 40 "$APP_LOG" >&2; return 1
    fi
    printf '.'; sleep 0.5
  done
  echo; echo "the app did not reach RUNNING within 90 s; its log:" >&2; tail -n 40 "$APP_LOG" >&2; return 1
}

publish_demo_traffic() {
  if [[ -n "$(persona consume --topic clickstream --max 1 2>>"$RUN_DIR/check.err")" ]]; then
    say "demo traffic already published by an earlier run (kept as is: replaying it would count it twice)"
    return
  fi
  say "publishing a simulated shop at 2,500 events/s: offer catalog, consents, then 3 weeks of web clicks and POS"
  say "baskets of 300 customers"
  persona simulate --customers 300 --days 21 --seed 7 --rate 2500
}

# Done when two reads two seconds apart agree: the app has caught up with the traffic.
wait_until_settled() {
  say "waiting for the app to process the traffic"
  local now="" previous=""
  for _ in $(seq 1 60); do
    now="$(persona kpis 2>/dev/null || true)"
    [[ -n "$now" && "$now" == "$previous" ]] && { echo; return 0; }
    previous="$now"
    printf '.'; sleep 2
  done
  echo
}

show_results() {
  local profiles offers
  profiles="$(persona consume --topic customer-profiles --latest 2>/dev/null || true)"
  for _ in $(seq 1 5); do # a read can meet a transaction still open; the next one sees it committed
    offers="$(persona consume --topic personalized-offers 2>/dev/null || true)"
    [[ -n "$offers" ]] && break
    sleep 2
  done
  say "one customer profile (of $(grep -c . <<<"$profiles" || true); latest per customer from customer-profiles)"
  persona consume --topic customer-profiles --latest --pretty --max 1 2>/dev/null | head -n 40
  say "three personalized offers (of $(grep -c . <<<"$offers" || true) in personalized-offers), with their reason codes"
  persona consume --topic personalized-offers --pretty --max 3 2>/dev/null
  say "offers by trigger and channel"
  sed -E 's/.*"channel":"([A-Z_]+)".*"trigger":"([A-Z_]+)".*/\2 -> \1/' <<<"$offers" | sort | uniq -c | sort -rn
  say "offer KPIs: treatment (sent) versus holdout (would have sent); uplift = difference in conversion"
  persona kpis
  echo "(the simulated shoppers do not read their offers, so uplift here is noise around zero; redemptions count"
  echo " only where the engine did send the offer.)"
  echo "dead letters: $( (persona consume --topic dead-letter 2>/dev/null || true) | grep -c . || true)"
  show_api
}

# The app's HTTP API answers for any customer, whichever instance owns them.
show_api() {
  local api="http://${PERSONA_SERVER_HOST:-127.0.0.1}:${PERSONA_SERVER_PORT:-8080}"
  [[ "${PERSONA_SERVER_PORT:-8080}" == "0" ]] && return 0
  say "the HTTP API: top 3 offers for c-7 on email, ranked now (read-only: nothing sent, no cap used)"
  curl -s "$api/customers/c-7/offers?k=3&channel=email" || echo "(no answer from $api)"
  echo
  echo "more to try while the app runs (scripts/demo.sh --keep-running):"
  echo "  curl $api/customers/c-7/profile"
  echo "  curl $api/offers/o-garden-10/kpis"
  echo "  curl $api/ready"
}

main() {
  case "${1:-}" in
    --keep-running) KEEP_RUNNING=1 ;;
    --stop) stop_app "$(cat "$APP_PID_FILE" 2>/dev/null || true)"; exit 0 ;;
    "") ;;
    *) echo "usage: scripts/demo.sh [--keep-running|--stop]" >&2; exit 2 ;;
  esac
  mkdir -p "$RUN_DIR"
  trap cleanup EXIT INT TERM

  build_if_needed
  if "$ROOT/scripts/kafka-local.sh" status >/dev/null 2>&1; then
    say "using the broker already running at $PERSONA_BOOTSTRAP_SERVERS"
  else
    "$ROOT/scripts/kafka-local.sh" start
    STARTED_BROKER=1
  fi
  if [[ -f "$APP_PID_FILE" ]] && kill -0 "$(cat "$APP_PID_FILE")" 2>/dev/null; then
    echo "an app started by an earlier 'demo.sh --keep-running' is still running: scripts/demo.sh --stop" >&2
    exit 1
  fi

  say "starting the app (log: $APP_LOG)"
  java -jar "$JAR" run >"$APP_LOG" 2>&1 &
  APP_PID=$!   # java itself, so that SIGTERM reaches the app's shutdown hook
  echo "$APP_PID" >"$APP_PID_FILE"
  wait_for_running
  publish_demo_traffic
  wait_until_settled
  show_results

  if (( KEEP_RUNNING == 1 )); then
    say "left running: broker at $PERSONA_BOOTSTRAP_SERVERS, app pid $APP_PID. Try:"
    echo "  java -jar streams-app/target/persona-streams-app.jar consume --topic personalized-offers --follow"
    echo "  java -jar streams-app/target/persona-streams-app.jar kpis"
    echo "  stop: scripts/demo.sh --stop && scripts/kafka-local.sh stop"
  fi
}

main "$@"
