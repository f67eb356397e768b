#!/usr/bin/env bash
# kafka-local.sh - run a REAL Apache Kafka 4.3.1 broker (KRaft, combined broker+controller,
# single node) as a background process on this machine. No Docker.
#
#   scripts/kafka-local.sh start        start (first use: fetch jars + format storage); idempotent
#   scripts/kafka-local.sh start --secure   the same, secured: SASL_SSL with SCRAM-SHA-512, TLS with a local CA,
#                                       and the standard authorizer (ACLs); writes the client settings of an
#                                       admin and of Persona's principal to <data dir>/secure (see the README)
#   scripts/kafka-local.sh stop         SIGTERM, wait up to KAFKA_STOP_TIMEOUT s, then SIGKILL; idempotent
#   scripts/kafka-local.sh status       exit 0 if running and answering, 1 otherwise
#   scripts/kafka-local.sh logs [-f]    last 100 lines of the broker log (follow with -f)
#   scripts/kafka-local.sh reset        stop + delete the data dir (topics, offsets, logs)
#
# Environment (all optional):
#   KAFKA_PORT             client listener port, 127.0.0.1 only          (default 9092)
#   KAFKA_CONTROLLER_PORT  KRaft controller port, 127.0.0.1 only         (default 9093)
#   KAFKA_LOCAL_DIR        data dir: server.properties, KRaft logs, broker.pid, broker.log
#                                                                        (default <repo>/.kafka-local)
#   PERSONA_CACHE          jar cache root; jars go to $PERSONA_CACHE/kafka-4.3.1/lib
#                                                                        (default ~/.cache/persona)
#   KAFKA_HEAP_OPTS        broker heap                                   (default -Xmx1g -Xms256m)
#   KAFKA_OPTS             extra JVM options for the broker              (default empty)
#   KAFKA_START_TIMEOUT    seconds to wait for readiness                 (default 60)
#   KAFKA_STOP_TIMEOUT     seconds to wait after SIGTERM before SIGKILL  (default 30)
#   JAVA_HOME / MVN        java (17+) and maven to use                   (default: from PATH)
#
# Needs only bash, coreutils, java and (first use only) mvn. The port is probed with bash's /dev/tcp.
set -euo pipefail

readonly KAFKA_VERSION="4.3.1"
readonly HOST="127.0.0.1"

SCRIPT_DIR="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)"
REPO_ROOT="$(cd -- "$SCRIPT_DIR/.." && pwd -P)"
readonly SCRIPT_DIR REPO_ROOT

readonly CACHE_DIR="${PERSONA_CACHE:-$HOME/.cache/persona}/kafka-$KAFKA_VERSION"
readonly LIB="$CACHE_DIR/lib"
readonly FETCH_POM="$SCRIPT_DIR/kafka-broker/pom.xml"

DATA_DIR="${KAFKA_LOCAL_DIR:-$REPO_ROOT/.kafka-local}"
[[ "$DATA_DIR" == /* ]] || DATA_DIR="$PWD/$DATA_DIR"   # absolute: the pid lookup matches on it
DATA_DIR="${DATA_DIR%/}"
readonly DATA_DIR
readonly KRAFT_DIR="$DATA_DIR/kraft-logs"
readonly PROPS="$DATA_DIR/server.properties"
readonly LOG4J_CONF="$DATA_DIR/log4j2.properties"
readonly PID_FILE="$DATA_DIR/broker.pid"
readonly LOG_FILE="$DATA_DIR/broker.log"
readonly OUT_FILE="$DATA_DIR/broker.out"   # JVM stdout/stderr (crashes, OOM); normally empty
readonly CLUSTER_ID_FILE="$DATA_DIR/cluster.id"
readonly CTL_PORT_FILE="$DATA_DIR/controller.port"
readonly MODE_FILE="$DATA_DIR/mode"
readonly SECURE_DIR="$DATA_DIR/secure"
SECURE=0

readonly PORT="${KAFKA_PORT:-9092}"
readonly CTL_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
readonly HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xmx1g -Xms256m}"
readonly START_TIMEOUT="${KAFKA_START_TIMEOUT:-60}"
readonly STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-30}"
readonly MVN="${MVN:-mvn}"
if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then JAVA="$JAVA_HOME/bin/java"; else JAVA="java"; fi
readonly JAVA

PROG="$(basename -- "$0")"
readonly PROG

die() { echo "$PROG: $*" >&2; exit 1; }

usage() {
  cat <<EOF
usage: $PROG start [--secure]|stop|status|logs [-f]|reset

  start    start a local Kafka $KAFKA_VERSION broker on $HOST:$PORT (KRaft, single node)
           --secure: SASL_SSL (SCRAM-SHA-512), TLS and ACLs; client settings in $SECURE_DIR
  stop     stop it (SIGTERM, then SIGKILL after ${STOP_TIMEOUT}s)
  status   print whether it runs; exit 0 if running, 1 if not
  logs     print the last 100 lines of the broker log; 'logs -f' follows it
  reset    stop it and delete its data dir ($DATA_DIR)
EOF
}

is_uint() { [[ "$1" =~ ^[0-9]+$ ]]; }

validate_env() {
  local v p
  for v in KAFKA_PORT:PORT KAFKA_CONTROLLER_PORT:CTL_PORT; do
    p="${v#*:}"
    is_uint "${!p}" && (( 10#${!p} >= 1 && 10#${!p} <= 65535 )) || die "invalid port ${v%%:*}='${!p}'"
  done
  [[ "$PORT" != "$CTL_PORT" ]] || die "KAFKA_PORT and KAFKA_CONTROLLER_PORT must differ (both $PORT)"
  is_uint "$START_TIMEOUT" || die "KAFKA_START_TIMEOUT must be a number of seconds (got '$START_TIMEOUT')"
  is_uint "$STOP_TIMEOUT" || die "KAFKA_STOP_TIMEOUT must be a number of seconds (got '$STOP_TIMEOUT')"
}

now_ms() { date +%s%3N; }
elapsed() { local ms=$(( $(now_ms) - $1 )); printf '%d.%01ds' $(( ms / 1000 )) $(( ms % 1000 / 100 )); }

# True if something accepts TCP connections on $HOST:$1 (bash /dev/tcp; no nc needed).
port_open() {
  timeout 2 bash -c "exec 3<>/dev/tcp/$HOST/$1" 2>/dev/null
}

# True if $1 is a live process running this data dir's broker (guards against pid reuse).
is_our_broker() {
  local pid="$1" cmdline
  is_uint "$pid" && kill -0 "$pid" 2>/dev/null || return 1
  if [[ -r "/proc/$pid/cmdline" ]]; then
    cmdline="$( { tr '\0' ' ' <"/proc/$pid/cmdline"; } 2>/dev/null)" || return 1
    [[ "$cmdline" == *"kafka.Kafka $PROPS"* ]]
  else
    return 0   # no /proc (not Linux): trust the pid file
  fi
}

# Prints the broker pid for this data dir (pid file first, then a /proc scan in case the pid
# file was lost) and returns 0; returns 1 if no broker runs.
find_pid() {
  local pid="" f
  [[ -f "$PID_FILE" ]] && pid="$( { tr -dc '0-9' <"$PID_FILE"; } 2>/dev/null || true)"
  if [[ -n "$pid" ]] && is_our_broker "$pid"; then echo "$pid"; return 0; fi
  if [[ -d /proc ]]; then
    # grep -l prints the /proc/<pid>/cmdline files mentioning our server.properties.
    while IFS= read -r f; do
      pid="${f#/proc/}"; pid="${pid%/cmdline}"
      if is_our_broker "$pid"; then
        { echo "$pid" >"$PID_FILE"; } 2>/dev/null || true
        echo "$pid"; return 0
      fi
    done < <(grep -lsF -- "$PROPS" /proc/[0-9]*/cmdline 2>/dev/null || true)
  fi
  return 1
}

check_java() {
  command -v "$JAVA" >/dev/null 2>&1 || die "java not found (Java 17+ required; set JAVA_HOME or PATH)"
  local spec
  spec="$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n1 || true)"
  spec="${spec#1.}"
  if is_uint "${spec%%.*}" && (( ${spec%%.*} < 17 )); then
    die "Kafka $KAFKA_VERSION needs Java 17+, but '$JAVA' is Java $spec"
  fi
}

lib_complete() {
  [[ -f "$LIB/kafka_2.13-$KAFKA_VERSION.jar" && -f "$LIB/kafka-tools-$KAFKA_VERSION.jar" \
     && -f "$LIB/.complete" ]]
}

# Download the broker jars once into the shared cache (atomic: temp dir, then rename).
ensure_lib() {
  lib_complete && return 0
  command -v "$MVN" >/dev/null 2>&1 || die "'$MVN' not found: Maven is needed once to fetch the Kafka jars into $LIB"
  [[ -f "$FETCH_POM" ]] || die "missing $FETCH_POM"
  echo "fetching Kafka $KAFKA_VERSION from Maven Central (first use, ~55 MB)..."
  local t0 tmp n
  t0="$(now_ms)"
  mkdir -p "$CACHE_DIR"
  tmp="$(mktemp -d "$CACHE_DIR/lib.tmp.XXXXXX")"
  # Maven's output is kept (even -q -B prints stray ANSI resets) and shown only if it fails.
  if ! "$MVN" -B -q -f "$FETCH_POM" dependency:copy-dependencies \
        -DincludeScope=runtime -DoutputDirectory="$tmp" >"$tmp.mvn.log" 2>&1; then
    cat -- "$tmp.mvn.log" >&2
    rm -rf -- "$tmp" "$tmp.mvn.log"
    die "fetching the Kafka jars with Maven failed (see above; offline or no access to Maven Central?)"
  fi
  rm -f -- "$tmp.mvn.log"
  [[ -f "$tmp/kafka_2.13-$KAFKA_VERSION.jar" ]] || { rm -rf -- "$tmp"; die "Maven ran but kafka_2.13-$KAFKA_VERSION.jar is missing"; }
  touch "$tmp/.complete"
  rm -rf -- "$LIB"                      # an incomplete earlier copy, if any
  mv -T -- "$tmp" "$LIB" 2>/dev/null || rm -rf -- "$tmp"   # lost a race with a concurrent fetch: fine
  lib_complete || die "could not populate $LIB"
  n="$(find "$LIB" -name '*.jar' | wc -l)"
  echo "fetched $n jars ($(du -sh "$LIB" | cut -f1)) into $LIB in $(elapsed "$t0")"
}

# The client listener: plain, or (--secure) SASL_SSL with SCRAM-SHA-512, TLS and the standard authorizer. The
# controller listener stays PLAINTEXT on loopback; its principal (ANONYMOUS) is a super user so that the node can
# talk to itself, and no client listener ever yields that principal.
listener_config() {
  if (( SECURE == 0 )); then
    cat <<EOF
listeners=PLAINTEXT://$HOST:$PORT,CONTROLLER://$HOST:$CTL_PORT
advertised.listeners=PLAINTEXT://$HOST:$PORT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
EOF
    return 0
  fi
  cat <<EOF
listeners=SASL_SSL://$HOST:$PORT,CONTROLLER://$HOST:$CTL_PORT
advertised.listeners=SASL_SSL://$HOST:$PORT
listener.security.protocol.map=SASL_SSL:SASL_SSL,CONTROLLER:PLAINTEXT
inter.broker.listener.name=SASL_SSL
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$(secret admin)";
ssl.keystore.type=PKCS12
ssl.keystore.location=$SECURE_DIR/broker.p12
ssl.keystore.password=$(secret store)
ssl.truststore.type=PKCS12
ssl.truststore.location=$SECURE_DIR/truststore.p12
ssl.truststore.password=$(secret store)
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
allow.everyone.if.no.acl.found=false
super.users=User:admin;User:ANONYMOUS
EOF
}

secret() { cat -- "$SECURE_DIR/$1.password"; }

# A local CA, the broker's key pair signed by it (127.0.0.1 and localhost), a truststore with the CA, random
# passwords for the stores, the admin and Persona's principal; then the client settings of both. Once per data dir.
ensure_secure_material() {
  [[ -f "$SECURE_DIR/.complete" ]] && return 0
  local keytool name pass
  keytool="$(dirname -- "$(readlink -f -- "$(command -v "$JAVA")")")/keytool"
  [[ -x "$keytool" ]] || die "keytool not found next to $JAVA (needed for --secure)"
  rm -rf -- "$SECURE_DIR"
  mkdir -p -- "$SECURE_DIR"
  chmod 700 -- "$SECURE_DIR"
  for name in store admin persona; do
    head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' >"$SECURE_DIR/$name.password"
  done
  pass="$(secret store)"
  kt() { "$keytool" "$@" -storepass "$pass" -noprompt >>"$SECURE_DIR/keytool.log" 2>&1 || die "keytool $1 failed (see $SECURE_DIR/keytool.log)"; }
  kt -genkeypair -alias ca -dname "CN=persona-local-ca" -ext bc:c -keyalg RSA -keysize 2048 -validity 3650 \
     -keystore "$SECURE_DIR/ca.p12" -storetype PKCS12
  kt -exportcert -alias ca -keystore "$SECURE_DIR/ca.p12" -rfc -file "$SECURE_DIR/ca.pem"
  kt -genkeypair -alias broker -dname "CN=localhost" -keyalg RSA -keysize 2048 -validity 3650 \
     -keystore "$SECURE_DIR/broker.p12" -storetype PKCS12
  kt -certreq -alias broker -keystore "$SECURE_DIR/broker.p12" -file "$SECURE_DIR/broker.csr"
  kt -gencert -alias ca -keystore "$SECURE_DIR/ca.p12" -infile "$SECURE_DIR/broker.csr" \
     -outfile "$SECURE_DIR/broker.pem" -rfc -validity 3650 -ext "SAN=ip:127.0.0.1,dns:localhost"
  kt -importcert -alias ca -file "$SECURE_DIR/ca.pem" -keystore "$SECURE_DIR/broker.p12"
  kt -importcert -alias broker -file "$SECURE_DIR/broker.pem" -keystore "$SECURE_DIR/broker.p12"
  kt -importcert -alias ca -file "$SECURE_DIR/ca.pem" -keystore "$SECURE_DIR/truststore.p12" -storetype PKCS12
  for name in admin persona; do
    cat >"$SECURE_DIR/$name.env" <<EOF
# Persona's settings to connect as $name: set -a; . $SECURE_DIR/$name.env; set +a
PERSONA_BOOTSTRAP_SERVERS=$HOST:$PORT
PERSONA_KAFKA_SECURITY_PROTOCOL=SASL_SSL
PERSONA_KAFKA_SASL_MECHANISM=SCRAM-SHA-512
PERSONA_KAFKA_SASL_JAAS_CONFIG='org.apache.kafka.common.security.scram.ScramLoginModule required username="$name" password="$(secret "$name")";'
PERSONA_KAFKA_SSL_TRUSTSTORE_TYPE=PKCS12
PERSONA_KAFKA_SSL_TRUSTSTORE_LOCATION=$SECURE_DIR/truststore.p12
PERSONA_KAFKA_SSL_TRUSTSTORE_PASSWORD=$pass
EOF
    sed -n 's/^PERSONA_KAFKA_\([A-Z_]*\)=/kafka.\1=/p; s/^PERSONA_BOOTSTRAP_SERVERS=/bootstrap.servers=/p' "$SECURE_DIR/$name.env" \
      | awk -F= '{ key = tolower($1); if (key ~ /^kafka\./) gsub(/_/, ".", key); sub(/^[^=]*=/, ""); gsub(/^\047|\047$/, ""); print key "=" $0 }' \
      >"$SECURE_DIR/$name.config.properties"
    cat >"$SECURE_DIR/$name.properties" <<EOF
# Kafka client settings to connect as $name (Kafka's own tools: --command-config)
bootstrap.servers=$HOST:$PORT
security.protocol=SASL_SSL
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="$name" password="$(secret "$name")";
ssl.truststore.type=PKCS12
ssl.truststore.location=$SECURE_DIR/truststore.p12
ssl.truststore.password=$pass
EOF
  done
  chmod 600 -- "$SECURE_DIR"/*
  touch "$SECURE_DIR/.complete"
}

# A data dir keeps the mode it was formatted in: its SCRAM users live in its metadata.
check_mode() {
  local formatted=""
  [[ -f "$MODE_FILE" ]] && formatted="$(cat -- "$MODE_FILE")"
  [[ -f "$KRAFT_DIR/meta.properties" ]] || return 0
  if (( SECURE == 1 )) && [[ "$formatted" != secure ]]; then
    die "$DATA_DIR was formatted without --secure: '$PROG reset' first, or use another KAFKA_LOCAL_DIR"
  fi
  if [[ "$formatted" == secure ]]; then SECURE=1; fi
  return 0
}

write_config() {
  mkdir -p "$DATA_DIR" "$KRAFT_DIR"
  # Regenerated on every start, so edits here apply on the next start.
  cat >"$PROPS" <<EOF
# Generated by scripts/kafka-local.sh on every start - edit the script, not this file.
# Single-node KRaft: this process is both broker and controller. Loopback only.
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=$HOST:$CTL_PORT
$(listener_config)
controller.listener.names=CONTROLLER
log.dirs=$KRAFT_DIR

# Topics are created explicitly by the app: a typo must fail, not create a 1-partition topic.
auto.create.topics.enable=false
num.partitions=1

# Replication factor 1 everywhere (one broker); transactions (exactly_once_v2) must work.
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1

# No 3 s wait before the first consumer-group rebalance (faster tests and demos).
group.initial.rebalance.delay.ms=0
EOF

  cat >"$LOG4J_CONF" <<EOF
# Generated by scripts/kafka-local.sh: broker logs go to $LOG_FILE, not the terminal.
status = warn
name = persona-kafka-local
appender.file.type = RollingFile
appender.file.name = FILE
appender.file.fileName = $LOG_FILE
appender.file.filePattern = $LOG_FILE.%i
appender.file.append = true
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
appender.file.policies.type = Policies
appender.file.policies.size.type = SizeBasedTriggeringPolicy
appender.file.policies.size.size = 50MB
appender.file.strategy.type = DefaultRolloverStrategy
appender.file.strategy.max = 3
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = FILE
logger.request.name = kafka.request.logger
logger.request.level = WARN
logger.authorizer.name = kafka.authorizer.logger
logger.authorizer.level = WARN
EOF
}

# Formats the KRaft storage on first start only; later starts reuse topics and offsets.
format_storage_if_needed() {
  if [[ -f "$KRAFT_DIR/meta.properties" ]]; then
    local old_ctl=""
    [[ -f "$CTL_PORT_FILE" ]] && old_ctl="$(tr -dc '0-9' <"$CTL_PORT_FILE")"
    if [[ -n "$old_ctl" && "$old_ctl" != "$CTL_PORT" ]]; then
      die "the data dir $DATA_DIR was formatted with KAFKA_CONTROLLER_PORT=$old_ctl (the KRaft voter set" \
          "records it); use KAFKA_CONTROLLER_PORT=$old_ctl, or '$PROG reset' to start from scratch"
    fi
    return 0
  fi
  local cluster_id out
  local -a SCRAM_ARGS=()
  if (( SECURE == 1 )); then  # the SCRAM users live in the metadata, written at format time
    SCRAM_ARGS=(--add-scram "SCRAM-SHA-512=[name=admin,password=$(secret admin)]"
                --add-scram "SCRAM-SHA-512=[name=persona,password=$(secret persona)]")
  fi
  cluster_id="$("$JAVA" -Dlog4j2.configurationFile="$LOG4J_CONF" -cp "$LIB/*" \
                kafka.tools.StorageTool random-uuid | tail -n1 | tr -d '[:space:]')"
  [[ "$cluster_id" =~ ^[A-Za-z0-9_-]{22}$ ]] || die "StorageTool random-uuid returned '$cluster_id'"
  echo "formatting KRaft storage in $KRAFT_DIR (cluster id $cluster_id)"
  if ! out="$("$JAVA" -Dlog4j2.configurationFile="$LOG4J_CONF" -cp "$LIB/*" \
              kafka.tools.StorageTool format -t "$cluster_id" -c "$PROPS" --standalone "${SCRAM_ARGS[@]}" 2>&1)"; then
    echo "$out" >&2
    die "formatting the KRaft storage failed"
  fi
  echo "$out" >>"$LOG_FILE"
  echo "$cluster_id" >"$CLUSTER_ID_FILE"
  if (( SECURE == 1 )); then echo secure >"$MODE_FILE"; else echo plain >"$MODE_FILE"; fi
  echo "$CTL_PORT" >"$CTL_PORT_FILE"
}

print_log_tail() {
  echo "---- last 30 lines of $LOG_FILE ----" >&2
  tail -n 30 "$LOG_FILE" >&2 2>/dev/null || echo "(no log)" >&2
  if [[ -s "$OUT_FILE" ]]; then
    echo "---- last 30 lines of $OUT_FILE (JVM stdout/stderr) ----" >&2
    tail -n 30 "$OUT_FILE" >&2
  fi
}

# True if the log has "Kafka Server started" after byte offset $1. (No 'grep -q' in a pipe: it
# exits at the first match, tail then dies of SIGPIPE and pipefail turns the match into a failure.)
started_since() {
  local offset="$1" size n
  size="$(stat -c %s "$LOG_FILE" 2>/dev/null || echo 0)"
  (( size >= offset )) || offset=0   # the log rolled over meanwhile
  n="$(tail -c +"$(( offset + 1 ))" "$LOG_FILE" 2>/dev/null | grep -c 'Kafka Server started' || true)"
  [[ "${n:-0}" -gt 0 ]]
}

# Waits until the broker logged "Kafka Server started" after byte offset $2 of the log and the
# port answers. Returns 0 when ready, 1 if the process died, 2 on timeout.
wait_ready() {
  local pid="$1" log_offset="$2" deadline=$(( SECONDS + START_TIMEOUT ))
  while :; do
    if ! kill -0 "$pid" 2>/dev/null; then echo; return 1; fi
    if started_since "$log_offset" && port_open "$PORT"; then
      echo; return 0
    fi
    (( SECONDS < deadline )) || { echo; return 2; }
    printf '.'
    sleep 1
  done
}

cmd_start() {
  validate_env
  local pid t0 log_offset rc
  if pid="$(find_pid)"; then
    if port_open "$PORT"; then
      echo "Kafka already running on $HOST:$PORT (pid $pid)"
      return 0
    fi
    # Our broker process exists but does not answer yet (e.g. another 'start' is in progress).
    printf 'Kafka process %s exists but %s:%s is not answering yet; waiting' "$pid" "$HOST" "$PORT"
    t0="$(now_ms)"
    rc=0; wait_ready "$pid" 0 || rc=$?
    case "$rc" in
      0) echo "Kafka ready on $HOST:$PORT (pid $pid) after $(elapsed "$t0")"; return 0 ;;
      1) print_log_tail; die "Kafka process $pid exited" ;;
      *) print_log_tail; die "Kafka process $pid did not become ready within ${START_TIMEOUT}s" \
                             "(try '$PROG stop' then '$PROG start')" ;;
    esac
  fi
  rm -f -- "$PID_FILE"

  local p
  for p in "$PORT" "$CTL_PORT"; do
    if port_open "$p"; then
      die "port $HOST:$p is already in use by another process (not this data dir's broker)." \
          "Stop it (see 'ss -ltnp | grep :$p') or choose other ports with KAFKA_PORT / KAFKA_CONTROLLER_PORT."
    fi
  done

  check_java
  ensure_lib
  check_mode
  (( SECURE == 0 )) || ensure_secure_material
  write_config
  format_storage_if_needed

  t0="$(now_ms)"
  touch "$LOG_FILE"
  log_offset="$(stat -c %s "$LOG_FILE")"
  : >"$OUT_FILE"
  printf 'starting Kafka %s on %s:%s (controller %s, data %s)' "$KAFKA_VERSION" "$HOST" "$PORT" "$CTL_PORT" "$DATA_DIR"
  # setsid + nohup: the broker gets its own session and survives this script and its terminal.
  # The inner bash writes its own pid, then exec's java, so the pid file holds the JVM's pid.
  # It runs in the data dir so the JVM pins no caller directory and any hs_err file lands there.
  # shellcheck disable=SC2086  # HEAP_OPTS / KAFKA_OPTS are intentionally word-split
  nohup setsid bash -c 'echo $$ >"$1"; cd "$2" || exit 1; shift 2; exec "$@"' _ "$PID_FILE" "$DATA_DIR" \
    "$JAVA" $HEAP_OPTS \
    -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 \
    -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$LOG4J_CONF" -Dkafka.logs.dir="$DATA_DIR" \
    ${KAFKA_OPTS:-} \
    -cp "$LIB/*" kafka.Kafka "$PROPS" \
    </dev/null >>"$OUT_FILE" 2>&1 &

  local i
  for (( i = 0; i < 50; i++ )); do [[ -s "$PID_FILE" ]] && break; sleep 0.1; done
  pid="$( { tr -dc '0-9' <"$PID_FILE"; } 2>/dev/null || true)"
  [[ -n "$pid" ]] || { echo; print_log_tail; die "the broker process did not start"; }

  rc=0; wait_ready "$pid" "$log_offset" || rc=$?
  case "$rc" in
    0) echo "Kafka $KAFKA_VERSION ready on $HOST:$PORT (pid $pid) in $(elapsed "$t0"); logs: $LOG_FILE"
       if (( SECURE == 1 )); then
         echo "secured: SASL_SSL, SCRAM-SHA-512, TLS (CA $SECURE_DIR/ca.pem), ACLs. Client settings: $SECURE_DIR/{admin,persona}.{env,properties}"
       fi ;;
    1) rm -f -- "$PID_FILE"; print_log_tail; die "Kafka exited during startup (see above)" ;;
    *) print_log_tail
       stop_pid "$pid" >/dev/null 2>&1 || true
       die "Kafka was not ready within ${START_TIMEOUT}s and was stopped (raise KAFKA_START_TIMEOUT on a slow machine)" ;;
  esac
}

# SIGTERM, wait up to STOP_TIMEOUT s (dots), then SIGKILL.
stop_pid() {
  local pid="$1" deadline=$(( SECONDS + STOP_TIMEOUT ))
  kill -TERM "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do
    if (( SECONDS >= deadline )); then
      echo
      echo "Kafka (pid $pid) still running after ${STOP_TIMEOUT}s: sending SIGKILL" >&2
      kill -KILL "$pid" 2>/dev/null || true
      sleep 0.5
      break
    fi
    printf '.'
    sleep 0.5
  done
  rm -f -- "$PID_FILE"
}

cmd_stop() {
  local pid t0
  if ! pid="$(find_pid)"; then
    rm -f -- "$PID_FILE"
    echo "Kafka not running"
    return 0
  fi
  t0="$(now_ms)"
  printf 'stopping Kafka (pid %s)' "$pid"
  stop_pid "$pid"
  echo
  echo "Kafka stopped in $(elapsed "$t0")"
}

cmd_status() {
  validate_env
  local pid
  if pid="$(find_pid)"; then
    if port_open "$PORT"; then
      echo "Kafka running on $HOST:$PORT (pid $pid, data $DATA_DIR)"
      return 0
    fi
    echo "Kafka process $pid exists but $HOST:$PORT is not answering (starting, or stuck: see '$PROG logs')"
    return 1
  fi
  echo "Kafka not running"
  return 1
}

cmd_logs() {
  [[ -f "$LOG_FILE" ]] || die "no broker log yet ($LOG_FILE)"
  case "${1:-}" in
    "") tail -n 100 -- "$LOG_FILE" ;;
    -f|--follow) exec tail -n 100 -F -- "$LOG_FILE" ;;
    *) usage >&2; exit 2 ;;
  esac
}

cmd_reset() {
  cmd_stop
  local d
  d="$(cd -- "$DATA_DIR" 2>/dev/null && pwd -P || true)"
  if [[ -z "$d" ]]; then echo "nothing to reset ($DATA_DIR does not exist)"; return 0; fi
  case "$d" in
    /|"$HOME"|"$REPO_ROOT") die "refusing to delete $d (check KAFKA_LOCAL_DIR)" ;;
  esac
  if [[ -n "$(ls -A -- "$d")" && ! -f "$d/server.properties" && ! -d "$d/kraft-logs" ]]; then
    die "refusing to delete $d: it does not look like a kafka-local data dir (check KAFKA_LOCAL_DIR)"
  fi
  rm -rf -- "$d"
  echo "deleted $d"
}

main() {
  local cmd="${1:-}"
  [[ $# -gt 0 ]] && shift
  case "$cmd" in
    start)  if [[ "${1:-}" == --secure ]]; then SECURE=1; shift; fi
            [[ $# -eq 0 ]] || { usage >&2; exit 2; }; cmd_start ;;
    stop)   [[ $# -eq 0 ]] || { usage >&2; exit 2; }; cmd_stop ;;
    status) [[ $# -eq 0 ]] || { usage >&2; exit 2; }; cmd_status ;;
    logs)   [[ $# -le 1 ]] || { usage >&2; exit 2; }; cmd_logs "${1:-}" ;;
    reset)  [[ $# -eq 0 ]] || { usage >&2; exit 2; }; cmd_reset ;;
    -h|--help|help) usage ;;
    *) usage >&2; exit 2 ;;
  esac
}

main "$@"
