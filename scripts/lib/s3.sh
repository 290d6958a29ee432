# shellcheck shell=bash
# S3-compatible object storage for Brújula's photos, without containers.
#
# Policy (docs: DESIGN.md "Running locally", docs/operations.md "Configuration"):
#   1. When BRUJULA_S3_ENDPOINT and BRUJULA_S3_ACCESS_KEY/BRUJULA_S3_SECRET_KEY are already set in
#      the environment (a real MinIO, another S3), they are used as they are: nothing is started.
#   2. Otherwise Brújula runs s3proxy (org.gaul:s3proxy, jar-with-dependencies from Maven Central,
#      fetched once into the state directory) with its filesystem backend under the state
#      directory, bound to 127.0.0.1 only, on port 9000 when free (else the next free one, or
#      BRUJULA_S3_PORT). SigV4 credentials are generated once and kept in the state directory
#      (mode 600); they are never part of the repository.
# What was chosen is recorded in $BRUJULA_STATE_DIR/s3.env so that the next call checks that one
# server and is done.
#
# Environment for the Java side (exactly these names):
#   BRUJULA_S3_ENDPOINT  BRUJULA_S3_ACCESS_KEY  BRUJULA_S3_SECRET_KEY
#   BRUJULA_S3_BUCKET    brujula-photos (run), brujula-photos-test (test), brujula-photos-bench
#                        (bench): follows the database the subcommand picked (use_database).
# The backend creates its bucket when it starts.

# shellcheck source=scripts/lib/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# Remember whether the caller pointed us at an S3 server before anything of ours exports it.
_S3_REQUESTED_ENDPOINT="${_S3_REQUESTED_ENDPOINT-${BRUJULA_S3_ENDPOINT:-}}"
_S3_REQUESTED_PORT="${_S3_REQUESTED_PORT-${BRUJULA_S3_PORT:-}}"
export _S3_REQUESTED_ENDPOINT _S3_REQUESTED_PORT

S3_HOST=127.0.0.1
S3_DEFAULT_PORT=9000
S3PROXY_VERSION="${BRUJULA_S3PROXY_VERSION:-4.1.0}"
S3_DIR="$BRUJULA_STATE_DIR/s3"
S3_JAR="$S3_DIR/lib/s3proxy-$S3PROXY_VERSION-jar-with-dependencies.jar"
S3_DATA="$S3_DIR/data"
S3_LOG="$S3_DIR/s3proxy.log"
S3_PID_FILE="$S3_DIR/s3proxy.pid"
S3_PROPERTIES="$S3_DIR/s3proxy.properties"
S3_CREDENTIALS="$S3_DIR/credentials.env"
S3_STATE_FILE="$BRUJULA_STATE_DIR/s3.env"

# ---------------------------------------------------------------------------------------------
# Helpers.
# ---------------------------------------------------------------------------------------------

# _s3_bucket: the bucket of the database the subcommand works on (run, test or bench).
_s3_bucket() {
  case "${BRUJULA_DB_NAME:-brujula}" in
    brujula_test*) printf 'brujula-photos-test' ;;
    brujula_bench*) printf 'brujula-photos-bench' ;;
    *) printf 'brujula-photos' ;;
  esac
}

# _s3_probe PORT: true when an HTTP server answers on 127.0.0.1:PORT (s3proxy answers any request,
# even an anonymous one, with an HTTP status line). Plain bash: no curl needed.
_s3_probe() {
  local line=""
  {
    exec 3<>"/dev/tcp/$S3_HOST/$1" || return 1
    printf 'HEAD / HTTP/1.0\r\nHost: %s:%s\r\n\r\n' "$S3_HOST" "$1" >&3
    IFS= read -r -t 5 line <&3 || true
    exec 3<&- 3>&-
  } 2>/dev/null
  [[ "$line" == HTTP/* ]]
}

# _s3_running_pid: the pid of our s3proxy when it runs (recorded pid, alive, running our jar).
_s3_running_pid() {
  local pid
  [[ -r "$S3_PID_FILE" ]] || return 1
  pid="$(cat "$S3_PID_FILE")"
  [[ "$pid" =~ ^[0-9]+$ && -r "/proc/$pid/cmdline" ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "s3proxy" || return 1
  printf '%s' "$pid"
}

# _s3_fetch: the s3proxy jar, downloaded once from Maven Central through Maven (so a corporate
# mirror in ~/.m2/settings.xml applies), into a temporary directory renamed at the end.
_s3_fetch() {
  local tmp
  [[ -f "$S3_JAR" ]] && return 0
  ensure_jdk_maven
  tmp="$(mktemp -d "$S3_DIR/fetch.XXXXXX")"
  info "downloading s3proxy $S3PROXY_VERSION (Maven Central) into $S3_DIR/lib"
  if ! mvn -B -ntp -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
    -Dartifact="org.gaul:s3proxy:$S3PROXY_VERSION:jar:jar-with-dependencies" \
    -DoutputDirectory="$tmp" </dev/null >&2; then
    rm -rf "$tmp"
    die "could not download org.gaul:s3proxy:$S3PROXY_VERSION (network? Maven settings?)."
  fi
  mkdir -p "$S3_DIR/lib"
  mv -f "$tmp/$(basename "$S3_JAR")" "$S3_JAR"
  rm -rf "$tmp"
}

# _s3_credentials: SigV4 access and secret keys, generated once (random, mode 600).
_s3_credentials() {
  local access secret
  if [[ ! -s "$S3_CREDENTIALS" ]]; then
    access="brujula$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
    secret="$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')"
    (
      umask 077
      printf '# s3proxy credentials for Brújula, generated once; never commit them.\nBRUJULA_S3_ACCESS_KEY=%s\nBRUJULA_S3_SECRET_KEY=%s\n' \
        "$access" "$secret" >"$S3_CREDENTIALS.tmp"
    )
    mv -f "$S3_CREDENTIALS.tmp" "$S3_CREDENTIALS"
  fi
  S3_ACCESS_KEY="$(kv_get "$S3_CREDENTIALS" BRUJULA_S3_ACCESS_KEY)"
  S3_SECRET_KEY="$(kv_get "$S3_CREDENTIALS" BRUJULA_S3_SECRET_KEY)"
  [[ -n "$S3_ACCESS_KEY" && -n "$S3_SECRET_KEY" ]] || die "$S3_CREDENTIALS is unreadable; delete it to generate new keys."
}

_s3_pick_port() {
  local st_port="$1" port
  if [[ -n "$_S3_REQUESTED_PORT" ]]; then
    [[ "$_S3_REQUESTED_PORT" =~ ^[0-9]+$ ]] || die "BRUJULA_S3_PORT must be a port number, not '$_S3_REQUESTED_PORT'."
    port_in_use "$_S3_REQUESTED_PORT" && die "port $_S3_REQUESTED_PORT (BRUJULA_S3_PORT) is taken; pick another port."
    printf '%s' "$_S3_REQUESTED_PORT"
    return 0
  fi
  if [[ -n "$st_port" ]] && ! port_in_use "$st_port"; then
    printf '%s' "$st_port" # keep the port the user already knows
    return 0
  fi
  for ((port = S3_DEFAULT_PORT; port < S3_DEFAULT_PORT + 20; port++)); do
    if ! port_in_use "$port"; then
      printf '%s' "$port"
      return 0
    fi
  done
  die "no free port in $S3_DEFAULT_PORT..$((S3_DEFAULT_PORT + 19)) for s3proxy; set BRUJULA_S3_PORT."
}

# _s3_start PORT
_s3_start() {
  local port="$1" pid i
  mkdir -p "$S3_DATA"
  (
    umask 077
    # The secret is in here: readable by this user only.
    cat >"$S3_PROPERTIES" <<EOF
# Written by Brújula's scripts/lib/s3.sh on every start.
s3proxy.endpoint=http://$S3_HOST:$port
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$S3_ACCESS_KEY
s3proxy.credential=$S3_SECRET_KEY
jclouds.provider=filesystem
jclouds.filesystem.basedir=$S3_DATA
EOF
  )
  info "starting s3proxy $S3PROXY_VERSION on $S3_HOST:$port (data: $S3_DATA, log: $S3_LOG)"
  # Detached from this shell (and from the state lock) so it outlives ./brujula.
  # setsid execs java in place (a background job is no process-group leader), so $! is its pid.
  if [[ -n "$_BRUJULA_LOCK_FD" ]]; then
    setsid "$JAVA_HOME/bin/java" -Xmx256m -jar "$S3_JAR" --properties "$S3_PROPERTIES" \
      </dev/null >"$S3_LOG" 2>&1 {_BRUJULA_LOCK_FD}>&- &
  else
    setsid "$JAVA_HOME/bin/java" -Xmx256m -jar "$S3_JAR" --properties "$S3_PROPERTIES" \
      </dev/null >"$S3_LOG" 2>&1 &
  fi
  pid=$!
  printf '%s\n' "$pid" >"$S3_PID_FILE"
  for ((i = 0; i < 300; i++)); do
    if _s3_probe "$port"; then
      return 0
    fi
    if [[ ! -e "/proc/$pid" ]]; then
      tail -n 20 "$S3_LOG" >&2 || true
      die "s3proxy exited before it answered (full log: $S3_LOG)."
    fi
    sleep 0.1
  done
  tail -n 20 "$S3_LOG" >&2 || true
  die "s3proxy did not answer on $S3_HOST:$port within 30 s (log: $S3_LOG)."
}

_s3_export() {
  BRUJULA_S3_ENDPOINT="$1"
  BRUJULA_S3_ACCESS_KEY="$2"
  BRUJULA_S3_SECRET_KEY="$3"
  BRUJULA_S3_BUCKET="$(_s3_bucket)"
  export BRUJULA_S3_ENDPOINT BRUJULA_S3_ACCESS_KEY BRUJULA_S3_SECRET_KEY BRUJULA_S3_BUCKET
}

# ---------------------------------------------------------------------------------------------
# Service interface (see common.sh).
# ---------------------------------------------------------------------------------------------

# s3_ensure: a usable S3 server; exports BRUJULA_S3_*.
s3_ensure() {
  local st_port port pid
  if [[ -n "$_S3_REQUESTED_ENDPOINT" ]]; then
    [[ -n "${BRUJULA_S3_ACCESS_KEY:-}" && -n "${BRUJULA_S3_SECRET_KEY:-}" ]] \
      || die "BRUJULA_S3_ENDPOINT is set ($_S3_REQUESTED_ENDPOINT) but BRUJULA_S3_ACCESS_KEY/BRUJULA_S3_SECRET_KEY are not."
    _s3_export "$_S3_REQUESTED_ENDPOINT" "$BRUJULA_S3_ACCESS_KEY" "$BRUJULA_S3_SECRET_KEY"
    return 0
  fi
  state_lock
  mkdir -p "$S3_DIR"
  chmod 700 "$S3_DIR"
  _s3_credentials
  st_port="$(kv_get "$S3_STATE_FILE" BRUJULA_S3_PORT)"
  # Warm path: our recorded server runs and answers.
  if pid="$(_s3_running_pid)" && [[ -n "$st_port" ]] && _s3_probe "$st_port"; then
    port="$st_port"
  else
    if pid="$(_s3_running_pid)"; then
      # Alive but not answering on the recorded port: a stale or half-started server.
      warn "s3proxy (pid $pid) does not answer on port ${st_port:-?}: restarting it"
      kill "$pid" 2>/dev/null || true
      sleep 1
    fi
    _s3_fetch
    ensure_jdk_maven
    port="$(_s3_pick_port "$st_port")"
    _s3_start "$port"
    pid="$(cat "$S3_PID_FILE")"
  fi
  kv_write "$S3_STATE_FILE" \
    "BRUJULA_S3_ENDPOINT=http://$S3_HOST:$port" \
    "BRUJULA_S3_PORT=$port" \
    "BRUJULA_S3_PID=$pid" \
    "BRUJULA_S3_DATA=$S3_DATA" \
    "BRUJULA_S3_LOG=$S3_LOG"
  state_unlock
  _s3_export "http://$S3_HOST:$port" "$S3_ACCESS_KEY" "$S3_SECRET_KEY"
}

s3_stop() {
  local pid i
  if [[ -n "$_S3_REQUESTED_ENDPOINT" ]]; then
    info "S3 at $_S3_REQUESTED_ENDPOINT was not started by Brújula: left running"
    return 0
  fi
  if ! pid="$(_s3_running_pid)"; then
    info "s3proxy is not running"
    rm -f "$S3_PID_FILE"
    return 0
  fi
  info "stopping s3proxy (pid $pid)"
  kill "$pid" 2>/dev/null || true
  for ((i = 0; i < 100; i++)); do
    [[ -e "/proc/$pid" ]] || break
    sleep 0.1
  done
  if [[ -e "/proc/$pid" ]]; then
    warn "s3proxy (pid $pid) did not stop within 10 s: killing it"
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$S3_PID_FILE"
}

s3_status() {
  local st_port pid
  if [[ -n "$_S3_REQUESTED_ENDPOINT" ]]; then
    printf 's3: external server %s (BRUJULA_S3_ENDPOINT), bucket %s\n' "$_S3_REQUESTED_ENDPOINT" "$(_s3_bucket)"
    return 0
  fi
  st_port="$(kv_get "$S3_STATE_FILE" BRUJULA_S3_PORT)"
  if pid="$(_s3_running_pid)" && [[ -n "$st_port" ]] && _s3_probe "$st_port"; then
    printf 's3: running on %s:%s, s3proxy %s (pid %s), filesystem backend\n' "$S3_HOST" "$st_port" "$S3PROXY_VERSION" "$pid"
    printf '  data: %s\n  log:  %s\n  keys: %s\n  state: %s\n' "$S3_DATA" "$S3_LOG" "$S3_CREDENTIALS" "$S3_STATE_FILE"
    return 0
  fi
  if [[ -f "$S3_JAR" ]]; then
    printf 's3: STOPPED (s3proxy in %s, last port %s)\n' "$S3_DIR" "${st_port:-?}"
  else
    printf 's3: not set up yet (./brujula services start)\n'
  fi
  return 3
}

s3_env() {
  printf 'BRUJULA_S3_ENDPOINT=%s\nBRUJULA_S3_ACCESS_KEY=%s\nBRUJULA_S3_SECRET_KEY=%s\nBRUJULA_S3_BUCKET=%s\n' \
    "$BRUJULA_S3_ENDPOINT" "$BRUJULA_S3_ACCESS_KEY" "$BRUJULA_S3_SECRET_KEY" "$(_s3_bucket)"
}
