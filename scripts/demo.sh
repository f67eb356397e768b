#!/usr/bin/env bash
# The README's main command: a real local Kafka broker, the Persona app, a simulated shop (web tracker and POS systems
# whose shoppers redeem the offers they receive), and what the engine made of it. Builds first when needed; a second
# run downloads and rebuilds nothing. Ctrl-C stops everything it started.
#
#   scripts/demo.sh                 run, show, then stop what it started
#   scripts/demo.sh --rate N        publish at N events/s (default DEMO_RATE, 600)
#   scripts/demo.sh --keep-running  leave the broker and the app running in the background
#   scripts/demo.sh --stop          stop what --keep-running left running
#
# A broker already answering on KAFKA_PORT (default 9092) is used as it is. Otherwise the demo starts its own, with its
# data in .persona/kafka, cleared at every run so that each run shows the same fresh shop.
# Traffic: DEMO_CUSTOMERS (300), DEMO_DAYS (21), DEMO_RATE (600 events/s; the loop closes only while the app keeps
# up, see the README). Before it, DEMO_WARMUP seconds (20; 0 for none) of another shop at the same rate warm the JVMs
# up: 300 other customers (c-100000 on), in the weeks before the demo's first day.
set -euo pipefail

ROOT="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)"
JAR="$ROOT/tools/target/persona.jar"
RUN_DIR="$ROOT/.persona"
APP_LOG="$RUN_DIR/app.log"
APP_PID_FILE="$RUN_DIR/app.pid"
KEEP_RUNNING=0
STARTED_BROKER=0
APP_PID=""
DEMO_CUSTOMERS="${DEMO_CUSTOMERS:-300}"
DEMO_DAYS="${DEMO_DAYS:-21}"
DEMO_RATE="${DEMO_RATE:-600}"
DEMO_WARMUP="${DEMO_WARMUP:-20}"
DEMO_START="2026-03-01T00:00:00Z"
WARMED_UP_EVENTS=0
KAFKA_PORT="${KAFKA_PORT:-9092}"
export KAFKA_LOCAL_DIR="$RUN_DIR/kafka" KAFKA_PORT

export PERSONA_BOOTSTRAP_SERVERS="${PERSONA_BOOTSTRAP_SERVERS:-127.0.0.1:$KAFKA_PORT}"
export PERSONA_APPLICATION_ID="${PERSONA_APPLICATION_ID:-persona-demo}"
export PERSONA_STATE_DIR="${PERSONA_STATE_DIR:-$RUN_DIR/state}"
API="http://${PERSONA_SERVER_HOST:-127.0.0.1}:${PERSONA_SERVER_PORT:-8080}"

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
  (( status == 0 )) || echo
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
  if [[ -f "$JAR" ]] && [[ -z "$(find "$ROOT/pom.xml" "$ROOT"/*/pom.xml "$ROOT"/*/src/main \
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

# "<clicks> <baskets>" from a simulate log's last line.
published_counts() {
  sed -nE 's/.* ([0-9]+) clicks and ([0-9]+) baskets.*/\1 \2/p' "$1" | tail -n 1
}

# A freshly started broker and app spend their first minute compiling their hot code, on the cores the traffic needs:
# another shop's traffic, ending two days before the demo's, gets that done first. Its offers expire before the demo
# starts, and the simulator counts only offers made from its own first day on.
warm_up() {
  (( DEMO_WARMUP > 0 )) || return 0
  local days=$(( (DEMO_WARMUP * DEMO_RATE + 999) / 1000 )) # the shop makes about 1,000 events a day
  (( days >= 2 )) || days=2
  say "warming up: ${DEMO_WARMUP} s of another shop's traffic (${days} days before the demo's, customers c-100000 on)"
  persona simulate --customers "$DEMO_CUSTOMERS" --first-customer 100000 --days "$days" --seed 70 \
    --start "$(date -u -d "$DEMO_START - $(( days + 2 )) days" +%Y-%m-%dT%H:%M:%SZ)" --rate "$DEMO_RATE" --closed-loop \
    2> >(tee "$RUN_DIR/warm-up.log" >&2)
  local clicks baskets
  read -r clicks baskets <<<"$(published_counts "$RUN_DIR/warm-up.log")"
  WARMED_UP_EVENTS=$(( clicks + baskets ))
  local now=0
  for _ in $(seq 1 120); do # the timed traffic starts on an app that has caught up
    now="$(processed_events)"
    (( now >= WARMED_UP_EVENTS )) && return 0
    sleep 0.5
  done
  echo "the app had folded only $now of the warm-up's $WARMED_UP_EVENTS events after 60 s; going on" >&2
}

publish_demo_traffic() {
  say "publishing the demo offer catalog and consents, then ${DEMO_DAYS} days of web clicks and POS baskets of"
  say "${DEMO_CUSTOMERS} customers at ${DEMO_RATE} events/s; shoppers redeem only offers they received"
  SIM_STARTED=$(date +%s.%N)
  persona simulate --customers "$DEMO_CUSTOMERS" --days "$DEMO_DAYS" --seed 7 --start "$DEMO_START" --rate "$DEMO_RATE" \
    --closed-loop \
    2> >(tee "$RUN_DIR/simulate.log" >&2)
  PUBLISHED="$(published_counts "$RUN_DIR/simulate.log")"
}

# A scrape that fails or takes too long counts as -1 (unknown), and never stops the demo.
metric_sum() {
  { curl -s --max-time 5 "$API/metrics" || echo "unknown 0"; } \
    | awk -v name="$1" '$1 ~ "^" name { sum += $2; seen = 1 } /^unknown/ { unknown = 1 }
        END { print (unknown && !seen) ? -1 : sum + 0 }'
}

processed_events() {
  metric_sum persona_events_total
}

# A bar of the clicks and baskets the app has folded into profiles, from its own /metrics, until it has them all.
wait_for_processing() {
  local clicks baskets target done_count=0 last=-1 stalled=0 width=30 filled now
  read -r clicks baskets <<<"$PUBLISHED"
  target=$(( clicks + baskets ))
  say "the app processing the traffic"
  while (( done_count < target && stalled < 60 )); do
    now="$(processed_events)"
    (( now >= 0 )) && done_count=$(( now - WARMED_UP_EVENTS ))
    filled=$(( done_count * width / target ))
    printf '\r  [%s%s] %3d%%  %d of %d events' "$(printf '%*s' "$filled" '' | tr ' ' '#')" \
      "$(printf '%*s' $(( width - filled )) '' | tr ' ' '.')" $(( done_count * 100 / target )) "$done_count" "$target"
    if (( done_count == last )); then stalled=$(( stalled + 1 )); else stalled=0; last=$done_count; fi
    (( done_count < target )) && sleep 0.5
  done
  echo
  PROCESSED_SECONDS="$(awk -v a="$SIM_STARTED" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')"
  (( done_count >= target )) || echo "the app stopped making progress; its log: $APP_LOG" >&2
  PROCESSED="$done_count"
}

# Offers leave with the events that earn them; timers and the learning app's KPIs (1 s commits) trail a little:
# done when the app's offer count, read from its /metrics (no JVM started), agrees twice two seconds apart.
wait_until_settled() {
  local now="" previous=""
  for _ in $(seq 1 30); do
    now="$(metric_sum persona_offers_total)"
    [[ "$now" != "-1" && "$now" == "$previous" ]] && { sleep 2; return 0; }
    previous="$now"
    sleep 2
  done
}

show_results() {
  local profiles offers kpis
  profiles="$(persona consume --topic customer-profiles --latest 2>/dev/null || true)"
  kpis="$(persona kpis --by-week 2>/dev/null || true)"
  for _ in $(seq 1 5); do # a read can meet a transaction still open; the next one sees it committed
    offers="$(persona consume --topic personalized-offers 2>/dev/null || true)"
    [[ -n "$offers" ]] && break
    sleep 2
  done
  say "summary"
  sed -nE 's/^published [0-9]+ offers, ([0-9]+) consent changes, ([0-9]+) clicks and ([0-9]+) baskets .* in ([0-9.]+) s \(([0-9,]+) events\/s\)/traffic: \2 clicks, \3 baskets and \1 consent changes published in \4 s (\5 events\/s)/p' \
    "$RUN_DIR/simulate.log" | tail -n 1
  tr '\r' '\n' <"$RUN_DIR/simulate.log" | grep -o 'offers received .*' | tail -n 1 | sed 's/^/shoppers: /'
  awk -v n="$PROCESSED" -v s="$PROCESSED_SECONDS" 'BEGIN { printf "the app folded %d clicks and baskets into profiles within %.1f s of the first one (%.0f events/s; the simulator set the pace)\n", n, s, n / s }'
  echo "profiles: $(grep -c . <<<"$profiles" || true) customers; offers: $(grep -c . <<<"$offers" || true) in personalized-offers$( \
    (( WARMED_UP_EVENTS > 0 )) && echo " (both counts include the warm-up shop)");" \
    "dead letters: $( (persona consume --topic dead-letter 2>/dev/null || true) | grep -c . || true)"
  grep '^response rate (redeemed' <<<"$kpis" | sed 's/^response rate/closed loop: response rate/' || true
  say "one customer profile (latest per customer, from customer-profiles)"
  persona consume --topic customer-profiles --latest --pretty --max 1 2>/dev/null | head -n 40
  say "three personalized offers, with their reason codes"
  persona consume --topic personalized-offers --pretty --max 3 2>/dev/null
  say "offers by trigger and channel"
  sed -E 's/.*"channel":"([A-Z_]+)".*"trigger":"([A-Z_]+)".*/\2 -> \1/' <<<"$offers" | sort | uniq -c | sort -rn
  say "offer KPIs: treatment (sent) versus holdout (would have sent, withheld to measure uplift), warm-up included"
  echo "$kpis"
  show_api
}

# The app's HTTP API answers for any customer, whichever instance owns them.
show_api() {
  say "the HTTP API: top 3 offers for c-7 on email, ranked now (read-only: nothing sent, no cap used)"
  curl -s "$API/customers/c-7/offers?k=3&channel=email" || echo "(no answer from $API)"
  echo
  echo "more to try while the app runs (scripts/demo.sh --keep-running):"
  echo "  the marketer's page: $API/ui/ (offers, KPIs and charts, customers, new offers)"
  echo "  curl -si -X POST $API/v1/track -H 'Content-Type: application/json' -d '{\"event\": \"Product Viewed\", \"anonymousId\": \"a-1\", \"userId\": \"c-7\", \"properties\": {\"product_id\": \"p-garden-1\"}}'"
  echo "  curl $API/customers/c-7/profile"
  echo "  curl '$API/customers/c-7/offers?k=5&channel=pos'"
  echo "  curl $API/offers/o-garden-10/kpis"
  echo "  curl $API/ready"
  echo "  curl -s $API/metrics | grep ^persona_"
}

main() {
  while (( $# > 0 )); do
    case "$1" in
      --keep-running) KEEP_RUNNING=1 ;;
      --stop) stop_app "$(cat "$APP_PID_FILE" 2>/dev/null || true)"; "$ROOT/scripts/kafka-local.sh" stop; exit 0 ;;
      --rate)
        [[ "${2:-}" =~ ^[0-9]+$ ]] && (( $2 > 0 )) || { echo "--rate needs a number of events per second, e.g. --rate 3000" >&2; exit 2; }
        DEMO_RATE="$2"; shift ;;
      *) echo "usage: scripts/demo.sh [--rate N] [--keep-running|--stop]" >&2; exit 2 ;;
    esac
    shift
  done
  mkdir -p "$RUN_DIR"
  trap cleanup EXIT INT TERM

  build_if_needed
  if (exec 3<>"/dev/tcp/127.0.0.1/$KAFKA_PORT") 2>/dev/null; then
    say "using the broker already answering on 127.0.0.1:$KAFKA_PORT, as it is"
    if [[ -n "$(persona consume --topic clickstream --max 1 2>/dev/null)" ]]; then
      echo "it already holds traffic: the simulated shop is added to it, so the figures below count both" >&2
    fi
  else
    "$ROOT/scripts/kafka-local.sh" reset >/dev/null
    rm -rf "$PERSONA_STATE_DIR"
    "$ROOT/scripts/kafka-local.sh" start
    STARTED_BROKER=1
  fi
  if [[ -f "$APP_PID_FILE" ]] && kill -0 "$(cat "$APP_PID_FILE")" 2>/dev/null; then
    echo "an app started by an earlier 'demo.sh --keep-running' is still running: scripts/demo.sh --stop" >&2
    exit 1
  fi
  say "creating the topics"
  persona create-topics

  say "starting the app (log: $APP_LOG)"
  java -jar "$JAR" run >"$APP_LOG" 2>&1 &
  APP_PID=$!   # java itself, so that SIGTERM reaches the app's shutdown hook
  echo "$APP_PID" >"$APP_PID_FILE"
  wait_for_running
  warm_up
  publish_demo_traffic
  wait_for_processing
  wait_until_settled
  show_results

  if (( KEEP_RUNNING == 1 )); then
    say "left running: broker at $PERSONA_BOOTSTRAP_SERVERS, app pid $APP_PID. Try:"
    echo "  java -jar tools/target/persona.jar consume --topic personalized-offers --follow"
    echo "  java -jar tools/target/persona.jar kpis"
    echo "  stop: scripts/demo.sh --stop"
  fi
}

main "$@"
