# shellcheck shell=bash
# Apache Kafka for Brújula's event pipeline, without containers.
#
# Policy (docs: docs/operations.md "Kafka locally"):
#   1. When BRUJULA_KAFKA_BOOTSTRAP is already set in the environment (an existing cluster), it is
#      used as it is: nothing is started, fetched or probed (it may want TLS or SASL).
#      The one exception is the address `services env` printed for the broker these scripts run:
#      a shell that exported it still gets that broker restarted when it is down.
#   2. Otherwise Brújula runs a single-node KRaft broker (one process is broker and controller):
#      the jars listed in scripts/kafka-broker/pom.xml, copied once from Maven Central into the
#      state directory, data under the state directory, bound to 127.0.0.1 only, on port 9092 when
#      free (else the next free one, or BRUJULA_KAFKA_PORT), its controller on the next free port
#      above. scripts/kafka-broker/server.properties is its configuration.
# What was chosen is recorded in $BRUJULA_STATE_DIR/kafka.env so that the next call checks that one
# broker and is done.
#
# Environment for the Java side (exactly this name):
#   BRUJULA_KAFKA_BOOTSTRAP  host:port[,host:port...] of the brokers (here 127.0.0.1:PORT)

# shellcheck source=scripts/lib/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# Remember whether the caller pointed us at a cluster before anything of ours exports it.
_KAFKA_REQUESTED_BOOTSTRAP="${_KAFKA_REQUESTED_BOOTSTRAP-${BRUJULA_KAFKA_BOOTSTRAP:-}}"
_KAFKA_REQUESTED_PORT="${_KAFKA_REQUESTED_PORT-${BRUJULA_KAFKA_PORT:-}}"
export _KAFKA_REQUESTED_BOOTSTRAP _KAFKA_REQUESTED_PORT

KAFKA_HOST=127.0.0.1
KAFKA_DEFAULT_PORT=9092
KAFKA_HEAP=512m
KAFKA_DIST="$BRUJULA_ROOT/scripts/kafka-broker"
KAFKA_DIR="$BRUJULA_STATE_DIR/kafka"
KAFKA_DATA="$KAFKA_DIR/data"
KAFKA_LOG="$KAFKA_DIR/kafka.log"
KAFKA_PID_FILE="$KAFKA_DIR/kafka.pid"
KAFKA_PROPERTIES="$KAFKA_DIR/server.properties"
KAFKA_LOG4J="$KAFKA_DIR/log4j2.properties"
KAFKA_STATE_FILE="$BRUJULA_STATE_DIR/kafka.env"
# Seconds to wait for a started broker to answer (it takes 2 to 10 on a busy 2-core machine).
KAFKA_START_TIMEOUT=90

# ---------------------------------------------------------------------------------------------
# Helpers.
# ---------------------------------------------------------------------------------------------

# _kafka_version: the broker version, read from scripts/kafka-broker/pom.xml (its one source).
_kafka_version() {
  local v
  v="$(sed -n 's|.*<kafka.version>\([^<]*\)</kafka.version>.*|\1|p' "$KAFKA_DIST/pom.xml" 2>/dev/null | head -n 1)"
  [[ -n "$v" ]] || die "cannot read <kafka.version> from $KAFKA_DIST/pom.xml."
  printf '%s' "$v"
}

# _kafka_lib: where the jars of this version live (a complete directory or none: see _kafka_fetch).
_kafka_lib() { printf '%s/lib-%s' "$KAFKA_DIR" "$(_kafka_version)"; }

# _kafka_external: true when the caller's BRUJULA_KAFKA_BOOTSTRAP names a cluster that is not ours.
_kafka_external() {
  [[ -n "$_KAFKA_REQUESTED_BOOTSTRAP" ]] || return 1
  [[ "$_KAFKA_REQUESTED_BOOTSTRAP" != "$KAFKA_HOST:$(kv_get "$KAFKA_STATE_FILE" BRUJULA_KAFKA_PORT)" ]]
}

# _kafka_probe PORT: true when a Kafka broker on 127.0.0.1:PORT answers a Metadata request (v4,
# no topics) naming at least one broker, i.e. it has registered with its controller and takes
# clients. Plain bash, no JVM: request header (api key 3, version 4, correlation id 0x0b7a,
# client id "brujula"), an empty topic list, no auto-creation. The answer starts with its size,
# our correlation id, the throttle time and the number of brokers.
_kafka_probe() {
  local port="$1"
  local -a b
  read -r -a b < <({
    exec 3<>"/dev/tcp/$KAFKA_HOST/$port" || exit 1
    printf '\x00\x00\x00\x16\x00\x03\x00\x04\x00\x00\x0b\x7a\x00\x07brujula\x00\x00\x00\x00\x00' >&3
    timeout 5 head -c 16 <&3 | od -An -tu1 -v | tr '\n' ' '
  } 2>/dev/null) || true
  ((${#b[@]} == 16)) || return 1
  # correlation id 0x00000b7a, then a broker count >= 1 (big-endian int32 in bytes 12..15)
  [[ "${b[4]} ${b[5]} ${b[6]} ${b[7]}" == "0 0 11 122" ]] || return 1
  ((b[12] < 128 && (b[12] + b[13] + b[14] + b[15]) > 0))
}

# _kafka_running_pid: the pid of our broker when it runs (recorded pid, alive, running kafka.Kafka
# with our configuration file).
_kafka_running_pid() {
  local pid cmd
  [[ -r "$KAFKA_PID_FILE" ]] || return 1
  pid="$(cat "$KAFKA_PID_FILE")"
  [[ "$pid" =~ ^[0-9]+$ && -r "/proc/$pid/cmdline" ]] || return 1
  cmd="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" || return 1
  [[ "$cmd" == *"kafka.Kafka $KAFKA_PROPERTIES"* ]] || return 1
  printf '%s' "$pid"
}

# _kafka_fetch: the broker's jars, copied once from Maven Central through Maven (so a mirror in
# ~/.m2/settings.xml applies) into a temporary directory renamed at the end: the directory is
# complete or absent. test-support's KafkaBroker does the same when it finds no such directory.
_kafka_fetch() {
  local lib tmp
  lib="$(_kafka_lib)"
  [[ -d "$lib" ]] && return 0
  ensure_jdk_maven
  tmp="$(mktemp -d "$KAFKA_DIR/fetch.XXXXXX")"
  info "downloading Kafka $(_kafka_version) (Maven Central, $KAFKA_DIST/pom.xml) into $lib"
  if ! mvn -B -ntp -q -f "$KAFKA_DIST/pom.xml" \
    org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies \
    -DoutputDirectory="$tmp" </dev/null >&2; then
    rm -rf "$tmp"
    die "could not download the Kafka broker's jars (network? Maven settings?): mvn -f $KAFKA_DIST/pom.xml failed."
  fi
  mv -T "$tmp" "$lib" 2>/dev/null || rm -rf "$tmp" # a concurrent fetch won: same jars
}

# _kafka_pick_port RECORDED_PORT: the broker port (pinned, recorded, 9092, or the next free one).
_kafka_pick_port() {
  local st_port="$1" port
  if [[ -n "$_KAFKA_REQUESTED_PORT" ]]; then
    [[ "$_KAFKA_REQUESTED_PORT" =~ ^[0-9]+$ ]] || die "BRUJULA_KAFKA_PORT must be a port number, not '$_KAFKA_REQUESTED_PORT'."
    port_in_use "$_KAFKA_REQUESTED_PORT" && die "port $_KAFKA_REQUESTED_PORT (BRUJULA_KAFKA_PORT) is taken; pick another port."
    printf '%s' "$_KAFKA_REQUESTED_PORT"
    return 0
  fi
  if [[ -n "$st_port" ]] && ! port_in_use "$st_port"; then
    printf '%s' "$st_port" # keep the port clients were configured with
    return 0
  fi
  for ((port = KAFKA_DEFAULT_PORT; port < KAFKA_DEFAULT_PORT + 20; port++)); do
    if ! port_in_use "$port"; then
      printf '%s' "$port"
      return 0
    fi
  done
  die "no free port in $KAFKA_DEFAULT_PORT..$((KAFKA_DEFAULT_PORT + 19)) for Kafka; set BRUJULA_KAFKA_PORT."
}

# _kafka_pick_controller_port BROKER_PORT RECORDED: the controller's port, the recorded one when
# still free, else the first free one above the broker's. Clients never use it.
_kafka_pick_controller_port() {
  local broker="$1" st_cport="$2" port
  if [[ -n "$st_cport" && "$st_cport" != "$broker" ]] && ! port_in_use "$st_cport"; then
    printf '%s' "$st_cport"
    return 0
  fi
  for ((port = broker + 1; port < broker + 21; port++)); do
    if ! port_in_use "$port"; then
      printf '%s' "$port"
      return 0
    fi
  done
  die "no free port in $((broker + 1))..$((broker + 20)) for the Kafka controller."
}

# _kafka_cluster_id: a new cluster id as kafka-storage random-uuid makes it (16 random bytes,
# URL-safe base64 without padding, not starting with '-'), without starting a JVM for it.
_kafka_cluster_id() {
  local id
  while :; do
    id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
    [[ "$id" != -* ]] && break
  done
  printf '%s' "$id"
}

_kafka_fail() {
  tail -n 30 "$KAFKA_LOG" >&2 || true
  die "$* (full log: $KAFKA_LOG)"
}

# _kafka_start PORT CONTROLLER_PORT: write the configuration, format the data directory on first
# use, start the broker detached and wait until it answers.
_kafka_start() {
  local port="$1" cport="$2" lib conf pid i
  lib="$(_kafka_lib)"
  conf="$(<"$KAFKA_DIST/server.properties")"
  conf="${conf//@PORT@/$port}"
  conf="${conf//@CONTROLLER_PORT@/$cport}"
  conf="${conf//@DATA_DIR@/$KAFKA_DATA}"
  printf '# Written by scripts/lib/kafka.sh on every start, from %s.\n%s\n' \
    "$KAFKA_DIST/server.properties" "$conf" >"$KAFKA_PROPERTIES"
  cp -f "$KAFKA_DIST/log4j2.properties" "$KAFKA_LOG4J"
  : >"$KAFKA_LOG"
  if [[ ! -f "$KAFKA_DATA/meta.properties" ]]; then
    info "formatting the Kafka data directory $KAFKA_DATA"
    mkdir -p "$KAFKA_DATA"
    if ! no_lock "$JAVA_HOME/bin/java" -Xmx256m -Dlog4j2.configurationFile="$KAFKA_LOG4J" -cp "$lib/*" \
      kafka.tools.StorageTool format --ignore-formatted -t "$(_kafka_cluster_id)" -c "$KAFKA_PROPERTIES" \
      </dev/null >>"$KAFKA_LOG" 2>&1; then
      _kafka_fail "formatting the Kafka data directory $KAFKA_DATA failed."
    fi
  fi
  info "starting Kafka $(_kafka_version) on $KAFKA_HOST:$port (controller :$cport; data: $KAFKA_DATA, log: $KAFKA_LOG)"
  # Detached from this shell (and from the state lock) so it outlives ./brujula. setsid execs java
  # in place (a background job of a script is no process-group leader), so $! is its pid.
  # ExitOnOutOfMemoryError: a broker that ran out of heap dies, and the next start replaces it.
  local -a cmd=("$JAVA_HOME/bin/java" "-Xmx$KAFKA_HEAP" -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true
    -Dlog4j2.configurationFile="$KAFKA_LOG4J" -cp "$lib/*" kafka.Kafka "$KAFKA_PROPERTIES")
  if [[ -n "$_BRUJULA_LOCK_FD" ]]; then
    setsid "${cmd[@]}" </dev/null >>"$KAFKA_LOG" 2>&1 {_BRUJULA_LOCK_FD}>&- &
  else
    setsid "${cmd[@]}" </dev/null >>"$KAFKA_LOG" 2>&1 &
  fi
  pid=$!
  printf '%s\n' "$pid" >"$KAFKA_PID_FILE"
  for ((i = 0; i < KAFKA_START_TIMEOUT * 10; i++)); do
    if _kafka_probe "$port"; then
      return 0
    fi
    [[ -e "/proc/$pid" ]] || _kafka_fail "Kafka exited before it answered on $KAFKA_HOST:$port."
    sleep 0.1
  done
  _kafka_fail "Kafka did not answer on $KAFKA_HOST:$port within $KAFKA_START_TIMEOUT s."
}

# _kafka_kill PID [GRACE]: stop the broker, cleanly if it does so within GRACE seconds (default
# 30: it flushes its logs and gives up leadership), else for good.
_kafka_kill() {
  local pid="$1" grace="${2:-30}" i
  kill "$pid" 2>/dev/null || true
  for ((i = 0; i < grace * 10; i++)); do
    [[ -e "/proc/$pid" ]] || return 0
    sleep 0.1
  done
  warn "Kafka (pid $pid) did not stop within $grace s: killing it"
  kill -9 "$pid" 2>/dev/null || true
}

_kafka_export() {
  BRUJULA_KAFKA_BOOTSTRAP="$1"
  export BRUJULA_KAFKA_BOOTSTRAP
}

# ---------------------------------------------------------------------------------------------
# Service interface (see common.sh).
# ---------------------------------------------------------------------------------------------

# kafka_ensure: a usable broker; exports BRUJULA_KAFKA_BOOTSTRAP.
kafka_ensure() {
  local st_port st_cport port cport pid i
  if _kafka_external; then
    _kafka_export "$_KAFKA_REQUESTED_BOOTSTRAP"
    return 0
  fi
  state_lock
  mkdir -p "$KAFKA_DIR"
  st_port="$(kv_get "$KAFKA_STATE_FILE" BRUJULA_KAFKA_PORT)"
  st_cport="$(kv_get "$KAFKA_STATE_FILE" BRUJULA_KAFKA_CONTROLLER_PORT)"
  port=""
  if pid="$(_kafka_running_pid)"; then
    if [[ -n "$_KAFKA_REQUESTED_PORT" && "$_KAFKA_REQUESTED_PORT" != "$st_port" ]]; then
      info "Kafka runs on port ${st_port:-?} but BRUJULA_KAFKA_PORT=$_KAFKA_REQUESTED_PORT: restarting it there"
      _kafka_kill "$pid"
    elif [[ -n "$st_port" ]]; then
      # Warm path: one probe, up to three for a broker too busy (a bench) to answer at once.
      for ((i = 0; i < 3; i++)); do
        if _kafka_probe "$st_port"; then
          port="$st_port"
          break
        fi
        sleep 0.1
      done
      if [[ -z "$port" ]]; then
        warn "Kafka (pid $pid) does not answer on port $st_port: restarting it"
        _kafka_kill "$pid" 5
      fi
    else
      _kafka_kill "$pid"
    fi
  fi
  if [[ -z "$port" ]]; then
    ensure_jdk_maven
    _kafka_fetch
    port="$(_kafka_pick_port "$st_port")"
    cport="$(_kafka_pick_controller_port "$port" "$st_cport")"
    _kafka_start "$port" "$cport"
    st_cport="$cport"
  fi
  pid="$(cat "$KAFKA_PID_FILE")"
  kv_write "$KAFKA_STATE_FILE" \
    "BRUJULA_KAFKA_BOOTSTRAP=$KAFKA_HOST:$port" \
    "BRUJULA_KAFKA_PORT=$port" \
    "BRUJULA_KAFKA_CONTROLLER_PORT=$st_cport" \
    "BRUJULA_KAFKA_PID=$pid" \
    "BRUJULA_KAFKA_DATA=$KAFKA_DATA" \
    "BRUJULA_KAFKA_LOG=$KAFKA_LOG"
  state_unlock
  _kafka_export "$KAFKA_HOST:$port"
}

kafka_stop() {
  local pid
  if _kafka_external; then
    info "Kafka at $_KAFKA_REQUESTED_BOOTSTRAP was not started by Brújula: left running"
    return 0
  fi
  if ! pid="$(_kafka_running_pid)"; then
    info "Kafka is not running"
    rm -f "$KAFKA_PID_FILE"
    return 0
  fi
  info "stopping Kafka (pid $pid)"
  _kafka_kill "$pid"
  rm -f "$KAFKA_PID_FILE"
}

kafka_status() {
  local st_port st_cport pid
  if _kafka_external; then
    printf 'kafka: external cluster %s (BRUJULA_KAFKA_BOOTSTRAP)\n' "$_KAFKA_REQUESTED_BOOTSTRAP"
    return 0
  fi
  st_port="$(kv_get "$KAFKA_STATE_FILE" BRUJULA_KAFKA_PORT)"
  st_cport="$(kv_get "$KAFKA_STATE_FILE" BRUJULA_KAFKA_CONTROLLER_PORT)"
  if pid="$(_kafka_running_pid)" && [[ -n "$st_port" ]] && _kafka_probe "$st_port"; then
    printf 'kafka: running on %s:%s (controller :%s), Kafka %s single-node KRaft (pid %s)\n' \
      "$KAFKA_HOST" "$st_port" "${st_cport:-?}" "$(_kafka_version)" "$pid"
    printf '  data: %s\n  log:  %s\n  state: %s\n' "$KAFKA_DATA" "$KAFKA_LOG" "$KAFKA_STATE_FILE"
    return 0
  fi
  if [[ -d "$(_kafka_lib)" ]]; then
    printf 'kafka: STOPPED (in %s, last port %s)\n' "$KAFKA_DIR" "${st_port:-?}"
  else
    printf 'kafka: not set up yet (./brujula services start)\n'
  fi
  return 3
}

kafka_env() {
  printf 'BRUJULA_KAFKA_BOOTSTRAP=%s\n' "$BRUJULA_KAFKA_BOOTSTRAP"
}
