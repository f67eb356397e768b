#!/usr/bin/env bash
# Exactly-once under faults. On a broker of its own (ports 39092/39093, fresh every run), with app instances as
# separate processes: (1) exactly_once_v2 while instances are killed with SIGKILL and restarted, with malformed
# records mixed in, then one instance loses its state directory and restores; (2) the same under at_least_once, as
# the control; (3, --full only) exactly_once_v2 while the broker is killed three times and frozen for 30 s.
# Every run is checked against an oracle computed from the input; the script fails if any check fails.
#
#   scripts/faults.sh          CI profile: 100,000 events, at least 5 kills; 30,000 under at_least_once (about 4.5 minutes)
#   scripts/faults.sh --full   1,000,000 events, at least 10 kills, and the broker faults
set -euo pipefail

ROOT="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)"
JAR="$ROOT/harness/target/persona-harness.jar"
RUN_DIR="$ROOT/.persona/faults"
export KAFKA_PORT=39092 KAFKA_CONTROLLER_PORT=39093 KAFKA_LOCAL_DIR="$RUN_DIR/kafka"
BOOTSTRAP="127.0.0.1:$KAFKA_PORT"
PROFILE=ci
case "${1:-}" in
  --full) PROFILE=full ;;
  "") ;;
  *) echo "usage: scripts/faults.sh [--full]" >&2; exit 2 ;;
esac

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  pkill -f "$RUN_DIR/.*-state" 2>/dev/null || true
  "$ROOT/scripts/kafka-local.sh" stop >/dev/null 2>&1 || true
  exit "$status"
}
trap cleanup EXIT INT TERM

if [[ ! -f "$JAR" ]] || [[ -n "$(find "$ROOT/pom.xml" "$ROOT"/*/pom.xml "$ROOT"/*/src/main "$ROOT/schemas" -newer "$JAR" -print -quit)" ]]; then
  say "building the app"
  (cd "$ROOT" && mvn -B -q -ntp -DskipTests package)
fi
mkdir -p "$RUN_DIR"
REPORT="$RUN_DIR/report-$PROFILE.md"
{
  echo "# Exactly-once under faults ($PROFILE profile, $(date -u +%Y-%m-%dT%H:%MZ))"
  echo
  echo "Machine: $(nproc) cores, $(java -version 2>&1 | head -1), one local Kafka broker (KRaft)."
  echo
} >"$REPORT"

fresh_broker() {
  "$ROOT/scripts/kafka-local.sh" reset >/dev/null 2>&1 || true
  rm -rf "$RUN_DIR"/instance-*
  "$ROOT/scripts/kafka-local.sh" start
}

faults() {
  java -Dpersona.kafka.log.level=ERROR -jar "$JAR" faults --bootstrap-servers "$BOOTSTRAP" --work-dir "$RUN_DIR" \
    --broker-script "$ROOT/scripts/kafka-local.sh" --report "$REPORT" "$@"
}

if [[ "$PROFILE" == ci ]]; then
  EOS=(--events 100000 --rate 1000 --customers 2000 --pills 50 --min-kills 5)
  ALOS=(--events 30000 --rate 1000 --customers 2000 --pills 10 --min-kills 1)
else
  EOS=(--events 1000000 --rate 4000 --customers 20000 --pills 200 --min-kills 10)
  ALOS=(--events 200000 --rate 2000 --customers 20000 --pills 20 --min-kills 5)
fi

status=0
say "1. exactly_once_v2: instances killed with SIGKILL while the input flows; then a state loss"
fresh_broker
faults --guarantee exactly_once_v2 "${EOS[@]}" --state-loss || status=1

say "2. at_least_once, the control: the same faults; duplicates expected, nothing lost"
fresh_broker
faults --guarantee at_least_once "${ALOS[@]}" || status=1

if [[ "$PROFILE" == full ]]; then
  say "3. exactly_once_v2 with broker faults: SIGKILL and restart three times, SIGSTOP for 30 s"
  fresh_broker
  faults --guarantee exactly_once_v2 --events 300000 --rate 1000 --customers 20000 --pills 30 --min-kills 5 \
    --broker-kills 3 --broker-pause 30 || status=1
fi

cat >>"$REPORT" <<'EOT'
What one broker cannot prove: durability when a disk or a host is lost. A kill -9 of the broker leaves its log in the
operating system's page cache, so acknowledged records survive it; losing the machine or an unsynced disk would lose
them, and only replication across brokers (replication factor 3, min.insync.replicas 2) protects against that.
EOT
say "report: $REPORT"
exit "$status"
