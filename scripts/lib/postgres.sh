# shellcheck shell=bash
# PostgreSQL + PostGIS for Brújula, without containers.
#
# Policy (docs: DESIGN.md "Running locally"):
#   1. A server that already accepts `psql -h 127.0.0.1 -p 5432 -U postgres` without a password
#      is used as it is (we only add databases and the PostGIS package of its major version).
#   2. Otherwise Brújula runs a PRIVATE cluster of its own (never the system "15 main" cluster,
#      whose configuration belongs to the machine's administrator): trust auth, bound to
#      127.0.0.1 only, on port 5432 when free, else 55432 (or BRUJULA_DB_PORT when set).
# What was chosen is recorded in $BRUJULA_STATE_DIR/db.env so that the next call (even from a
# fresh clone, as CI does) checks that one server with one psql call and is done.
#
# Environment for the Java side (exactly these names):
#   BRUJULA_DB_HOST=127.0.0.1  BRUJULA_DB_PORT  BRUJULA_DB_USER=postgres  BRUJULA_DB_PASSWORD=""
#   BRUJULA_DB_NAME (set per subcommand: brujula, brujula_test or brujula_bench)
#
# Knobs: BRUJULA_DB_PORT (pin the port), BRUJULA_PG_VERSION (private cluster's major version,
# default 15), BRUJULA_PG_DIR (where the private cluster lives).

# shellcheck source=scripts/lib/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# Remember whether the caller pinned a port before anything of ours exports BRUJULA_DB_PORT.
_PG_REQUESTED_PORT="${_PG_REQUESTED_PORT-${BRUJULA_DB_PORT:-}}"
export _PG_REQUESTED_PORT

PG_HOST=127.0.0.1
PG_USER=postgres
PG_DEFAULT_PORT=5432
PG_FALLBACK_PORT=55432
PG_VERSION="${BRUJULA_PG_VERSION:-15}"
PG_DATABASES=(brujula brujula_test brujula_bench)
PG_STATE_FILE="$BRUJULA_STATE_DIR/db.env"

# Root's $HOME (/root) is closed to the postgres user, and a cluster must not run as root, so
# as root the cluster lives where postgres can reach it; a normal user keeps it in its state dir
# and runs it as itself.
if [[ -n "${BRUJULA_PG_DIR:-}" ]]; then
  PG_DIR="$BRUJULA_PG_DIR"
elif is_root; then
  PG_DIR=/var/lib/postgresql/brujula
else
  PG_DIR="$BRUJULA_STATE_DIR/pg"
fi
PG_DATA="$PG_DIR/data"
PG_SOCKET_DIR="$PG_DIR/run"
PG_LOG="$PG_DIR/postgresql.log"

# Filled in once a server is found or started.
PG_PORT=""
PG_MODE=""        # private | external
PG_SERVER_NUM=""  # server_version_num, e.g. 150014

# ---------------------------------------------------------------------------------------------
# Low-level helpers.
# ---------------------------------------------------------------------------------------------

_pg_bin() { printf '/usr/lib/postgresql/%s/bin/%s' "$PG_VERSION" "$1"; }

# Run a command as the owner of the private cluster: user postgres when we are root (PostgreSQL
# refuses to run as root), ourselves otherwise. From PG_DIR (or /), because postgres cannot
# enter root's working directory and some tools complain about that.
_pg_as_owner() {
  if is_root; then
    (cd "$PG_DIR" 2>/dev/null || cd /; runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

# pg_psql PORT DB ARGS...: non-interactive psql as postgres on 127.0.0.1. -w: never prompt for
# a password (a server that wants one is "not usable"), stdin closed so we never read the
# caller's stdin (admin --password-stdin must reach Java untouched).
pg_psql() {
  local port="$1" db="$2"
  shift 2
  PGCONNECT_TIMEOUT=5 PGOPTIONS='-c client_min_messages=warning' \
    psql -X -w -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$port" -U "$PG_USER" -d "$db" "$@" </dev/null
}

# _pg_probe PORT: true when a server on PORT accepts passwordless postgres. Sets _PROBE_NUM
# (server_version_num), _PROBE_POSTGIS (1 when the postgis extension can be created) and
# _PROBE_DATADIR (empty unless we are superuser).
_pg_probe() {
  local port="$1" out
  _PROBE_NUM="" _PROBE_POSTGIS="" _PROBE_DATADIR=""
  if ! command -v psql >/dev/null 2>&1; then
    # Only worth installing the client when something listens there at all.
    port_in_use "$port" || return 1
    apt_install postgresql-client
    hash -r
  fi
  out="$(pg_psql "$port" postgres -At -F '|' -c "
    select current_setting('server_version_num'),
           (select count(*) from pg_available_extensions where name = 'postgis'),
           case when (select rolsuper from pg_roles where rolname = current_user)
                then current_setting('data_directory') end" 2>/dev/null)" || return 1
  IFS='|' read -r _PROBE_NUM _PROBE_POSTGIS _PROBE_DATADIR <<<"$out"
  [[ -n "$_PROBE_NUM" ]]
}

# _pg_private_port: print the port of OUR cluster when its postmaster is alive. Reads
# postmaster.pid directly: pg_ctl status would cost a process and refuses to run as root.
_pg_private_port() {
  local pid port
  [[ -r "$PG_DATA/postmaster.pid" ]] || return 1
  pid="$(sed -n 1p "$PG_DATA/postmaster.pid")"
  port="$(sed -n 4p "$PG_DATA/postmaster.pid")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  # A stale pid file (the machine or the session was killed) may name a reused pid.
  [[ -r "/proc/$pid/cmdline" ]] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q postgres || return 1
  printf '%s' "$port"
}

_pg_free_fallback_port() {
  local p
  for ((p = PG_FALLBACK_PORT; p < PG_FALLBACK_PORT + 20; p++)); do
    if ! port_in_use "$p"; then
      printf '%s' "$p"
      return 0
    fi
  done
  die "no free port in $PG_FALLBACK_PORT..$((PG_FALLBACK_PORT + 19)) for the private PostgreSQL; set BRUJULA_DB_PORT."
}

_pg_export() {
  BRUJULA_DB_HOST="$PG_HOST"
  BRUJULA_DB_PORT="$PG_PORT"
  BRUJULA_DB_USER="$PG_USER"
  BRUJULA_DB_PASSWORD=""
  export BRUJULA_DB_HOST BRUJULA_DB_PORT BRUJULA_DB_USER BRUJULA_DB_PASSWORD
}

# use_database NAME: point BRUJULA_DB_NAME at NAME (the subcommands pick run/test/bench).
use_database() {
  BRUJULA_DB_NAME="$1"
  export BRUJULA_DB_NAME
}

# ---------------------------------------------------------------------------------------------
# Finding or starting the server.
# ---------------------------------------------------------------------------------------------

# _pg_adopt PORT: take the server just probed on PORT as ours to use; make PostGIS available.
_pg_adopt() {
  local port="$1" major data_real="" old_port old_mode
  PG_PORT="$port"
  PG_SERVER_NUM="$_PROBE_NUM"
  [[ -d "$PG_DATA" ]] && data_real="$(readlink -f "$PG_DATA" 2>/dev/null || true)"
  if [[ -n "$_PROBE_DATADIR" && -n "$data_real" && "$(readlink -f "$_PROBE_DATADIR" 2>/dev/null || true)" == "$data_real" ]]; then
    PG_MODE=private
  else
    PG_MODE=external
  fi
  old_port="$(kv_get "$PG_STATE_FILE" BRUJULA_DB_PORT)"
  old_mode="$(kv_get "$PG_STATE_FILE" BRUJULA_DB_MODE)"
  if [[ "$old_port/$old_mode" != "$port/$PG_MODE" && "$PG_MODE" == external ]]; then
    info "using the PostgreSQL server already listening on $PG_HOST:$port (not managed by Brújula; 'services stop' leaves it alone)"
  fi
  if [[ "$_PROBE_POSTGIS" == "0" ]]; then
    # The server is Debian's packaging of some major version: its PostGIS package is named
    # after that version, not after ours.
    major=$((PG_SERVER_NUM / 10000))
    info "PostGIS is not available on the server on port $port (PostgreSQL $major)"
    apt_install "postgresql-$major-postgis-3"
    _pg_probe "$port" || die "PostgreSQL on port $port stopped answering while PostGIS was being installed."
    [[ "$_PROBE_POSTGIS" != "0" ]] \
      || die "PostGIS is still not available on port $port after installing postgresql-$major-postgis-3 (a server not from Debian's packages? install PostGIS for it, or set BRUJULA_DB_PORT to use a private cluster)."
  fi
  kv_write "$PG_STATE_FILE" \
    "BRUJULA_DB_HOST=$PG_HOST" \
    "BRUJULA_DB_PORT=$PG_PORT" \
    "BRUJULA_DB_USER=$PG_USER" \
    "BRUJULA_DB_MODE=$PG_MODE" \
    "BRUJULA_PG_DATA=${_PROBE_DATADIR:-unknown}" \
    "BRUJULA_PG_LOG=$([[ "$PG_MODE" == private ]] && printf '%s' "$PG_LOG" || printf 'unknown')"
}

# _pg_init_private: initdb our cluster once. Into a temporary directory that is renamed at the
# end, so an interrupted initdb never leaves a half-made data directory behind.
_pg_init_private() {
  local tmp="$PG_DATA.initdb"
  if is_root; then
    install -d -o postgres -g postgres -m 700 "$PG_DIR"
  else
    mkdir -p "$PG_DIR"
    chmod 700 "$PG_DIR"
  fi
  if [[ -f "$PG_DATA/PG_VERSION" ]]; then
    return 0
  fi
  [[ ! -e "$PG_DATA" ]] || die "$PG_DATA exists but is not a PostgreSQL data directory; move it away."
  info "creating the private PostgreSQL $PG_VERSION cluster in $PG_DATA"
  _pg_as_owner rm -rf "$tmp"
  # C.UTF-8 always exists on Debian (other locales may not be generated); UTF8 for Spanish text.
  if ! _pg_as_owner "$(_pg_bin initdb)" -D "$tmp" -U "$PG_USER" -A trust -E UTF8 --locale=C.UTF-8 \
    >"$PG_DIR/initdb.log" 2>&1; then
    tail -n 20 "$PG_DIR/initdb.log" >&2 || true
    die "initdb failed (full output: $PG_DIR/initdb.log)."
  fi
  _pg_as_owner mv "$tmp" "$PG_DATA"
}

# _pg_clear_stale_pid: called when postmaster.pid exists but names no live postgres (the machine
# or the session was killed). PostgreSQL refuses to start while that pid exists at all, even as
# a zombie waiting to be reaped or as an unrelated process that reused the number, and warns
# otherwise: give a zombie a few seconds to go, then remove the file. Safe: a live postmaster
# was ruled out by _pg_private_port, and PostgreSQL itself still refuses to start if backends of
# the killed server hold on to its shared memory.
_pg_clear_stale_pid() {
  local pid i
  [[ -f "$PG_DATA/postmaster.pid" ]] || return 0
  pid="$(sed -n 1p "$PG_DATA/postmaster.pid")"
  for ((i = 0; i < 50; i++)); do
    [[ "$pid" =~ ^[0-9]+$ && -e "/proc/$pid" ]] || break
    sleep 0.1
  done
  info "removing the stale $PG_DATA/postmaster.pid left by a server that was killed"
  _pg_as_owner rm -f "$PG_DATA/postmaster.pid"
}

# _pg_start_private PORT
_pg_start_private() {
  local port="$1" v
  _pg_init_private
  v="$(cat "$PG_DATA/PG_VERSION")"
  [[ "$v" == "$PG_VERSION" ]] \
    || die "$PG_DATA holds a PostgreSQL $v cluster but binaries of $PG_VERSION are in use; set BRUJULA_PG_VERSION=$v or move the directory away."
  _pg_as_owner mkdir -p "$PG_SOCKET_DIR"
  _pg_clear_stale_pid
  info "starting the private PostgreSQL on $PG_HOST:$port (log: $PG_LOG)"
  # Socket in our own directory (not /var/run/postgresql, which the system cluster uses), TCP
  # on loopback only: trust auth must never be reachable from the network.
  if ! no_lock _pg_as_owner "$(_pg_bin pg_ctl)" -D "$PG_DATA" -l "$PG_LOG" -w -t 120 \
    -o "-p $port -k '$PG_SOCKET_DIR' -c listen_addresses=$PG_HOST" start >/dev/null; then
    tail -n 20 "$PG_LOG" >&2 || true
    die "the private PostgreSQL did not start (full log: $PG_LOG)."
  fi
}

_pg_ensure_server() {
  local req="$_PG_REQUESTED_PORT" st_port st_mode port running candidates=()
  st_port="$(kv_get "$PG_STATE_FILE" BRUJULA_DB_PORT)"
  st_mode="$(kv_get "$PG_STATE_FILE" BRUJULA_DB_MODE)"
  if [[ -n "$req" ]]; then
    [[ "$req" =~ ^[0-9]+$ ]] || die "BRUJULA_DB_PORT must be a port number, not '$req'."
    candidates=("$req")
  else
    [[ -n "$st_port" ]] && candidates+=("$st_port")
    [[ "$st_port" != "$PG_DEFAULT_PORT" ]] && candidates+=("$PG_DEFAULT_PORT")
  fi

  # Warm path: the recorded server (or whatever answers on 5432) is up.
  for port in "${candidates[@]}"; do
    if _pg_probe "$port"; then
      _pg_adopt "$port"
      return 0
    fi
  done

  # Our cluster may be running on a port nobody recorded (db.env deleted, port changed).
  if running="$(_pg_private_port)"; then
    if [[ -n "$req" && "$running" != "$req" ]]; then
      die "the private PostgreSQL already runs on port $running, not BRUJULA_DB_PORT=$req; run './brujula services stop' first."
    fi
    _pg_probe "$running" \
      || die "the private PostgreSQL (data $PG_DATA) runs on port $running but refuses connections; see $PG_LOG."
    _pg_adopt "$running"
    return 0
  fi

  # Nothing usable: start our own. Install first, because installing the server package may
  # itself start the system cluster on 5432, which changes which port is free.
  apt_install "postgresql-$PG_VERSION-postgis-3"
  hash -r
  if [[ -n "$req" ]]; then
    if port_in_use "$req"; then
      die "port $req (BRUJULA_DB_PORT) is taken by something that does not accept passwordless 'postgres'; pick another port."
    fi
    port="$req"
  elif [[ "$st_mode" == private && -n "$st_port" ]] && ! port_in_use "$st_port"; then
    port="$st_port" # keep the port the user already knows
  elif ! port_in_use "$PG_DEFAULT_PORT"; then
    port="$PG_DEFAULT_PORT"
  else
    port="$(_pg_free_fallback_port)"
    info "something on $PG_HOST:$PG_DEFAULT_PORT does not accept passwordless 'postgres': using port $port for the private cluster"
  fi
  _pg_start_private "$port"
  _pg_probe "$port" || die "the private PostgreSQL started but psql cannot connect on port $port; see $PG_LOG."
  _pg_adopt "$port"
}

# ---------------------------------------------------------------------------------------------
# Databases.
# ---------------------------------------------------------------------------------------------

_pg_check_db_name() {
  [[ "$1" =~ ^[a-z_][a-z0-9_]*$ ]] || die "invalid database name '$1'."
}

# _pg_create_database NAME: CREATE DATABASE NAME (must not exist) with PostGIS.
_pg_create_database() {
  info "creating database $1 (with PostGIS)"
  pg_psql "$PG_PORT" postgres -c "CREATE DATABASE \"$1\" TEMPLATE template0 ENCODING 'UTF8'" \
    || die "CREATE DATABASE $1 failed on $PG_HOST:$PG_PORT."
  pg_psql "$PG_PORT" "$1" -c "CREATE EXTENSION IF NOT EXISTS postgis" \
    || die "CREATE EXTENSION postgis failed in database $1."
}

# _pg_ensure_databases: every Brújula database exists and has PostGIS. Warm cost: one psql to
# list databases plus one per database to check the extension.
_pg_ensure_databases() {
  local existing db has
  existing=" $(pg_psql "$PG_PORT" postgres -At -c "select string_agg(datname, ' ') from pg_database") " \
    || die "cannot list databases on $PG_HOST:$PG_PORT."
  for db in "${PG_DATABASES[@]}"; do
    if [[ "$existing" != *" $db "* ]]; then
      _pg_create_database "$db"
      continue
    fi
    has="$(pg_psql "$PG_PORT" "$db" -At -c "select 1 from pg_extension where extname = 'postgis'")" \
      || die "cannot connect to database $db on $PG_HOST:$PG_PORT."
    if [[ "$has" != 1 ]]; then
      pg_psql "$PG_PORT" "$db" -c "CREATE EXTENSION IF NOT EXISTS postgis" \
        || die "CREATE EXTENSION postgis failed in database $db."
    fi
  done
}

# pg_recreate_database NAME: drop NAME (disconnecting its sessions) and create it again, empty
# but for PostGIS. For benches and other runs that need a known starting state.
pg_recreate_database() {
  local db="$1"
  _pg_check_db_name "$db"
  [[ -n "$PG_PORT" ]] || postgres_ensure
  state_lock
  if ((PG_SERVER_NUM >= 130000)); then
    pg_psql "$PG_PORT" postgres -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" \
      || die "DROP DATABASE $db failed."
  else
    pg_psql "$PG_PORT" postgres -At \
      -c "select pg_terminate_backend(pid) from pg_stat_activity where datname = '$db'" >/dev/null || true
    pg_psql "$PG_PORT" postgres -c "DROP DATABASE IF EXISTS \"$db\"" || die "DROP DATABASE $db failed."
  fi
  _pg_create_database "$db"
  state_unlock
}

# ---------------------------------------------------------------------------------------------
# Service interface (see common.sh).
# ---------------------------------------------------------------------------------------------

# postgres_ensure: a usable server with PostGIS and the Brújula databases; exports BRUJULA_DB_*
# except BRUJULA_DB_NAME (see use_database).
postgres_ensure() {
  state_lock
  _pg_ensure_server
  _pg_ensure_databases
  state_unlock
  _pg_export
}

postgres_stop() {
  local port st_port st_mode
  st_port="$(kv_get "$PG_STATE_FILE" BRUJULA_DB_PORT)"
  st_mode="$(kv_get "$PG_STATE_FILE" BRUJULA_DB_MODE)"
  if port="$(_pg_private_port)"; then
    info "stopping the private PostgreSQL on port $port"
    _pg_as_owner "$(_pg_bin pg_ctl)" -D "$PG_DATA" -m fast -w -t 120 stop >/dev/null \
      || die "pg_ctl stop failed; see $PG_LOG."
  elif [[ "$st_mode" == external ]]; then
    info "PostgreSQL on $PG_HOST:$st_port was not started by Brújula: left running"
  else
    info "the private PostgreSQL is not running"
  fi
}

postgres_status() {
  local st_port st_mode port="" mode="" ver dbs postgis
  st_port="$(kv_get "$PG_STATE_FILE" BRUJULA_DB_PORT)"
  st_mode="$(kv_get "$PG_STATE_FILE" BRUJULA_DB_MODE)"
  if port="$(_pg_private_port)"; then
    mode=private
  elif [[ -n "$st_port" ]] && _pg_probe "$st_port"; then
    port="$st_port"
    mode="$st_mode"
  fi
  if [[ -z "$mode" ]] || ! pg_psql "$port" postgres -c 'select 1' >/dev/null 2>&1; then
    if [[ -f "$PG_DATA/PG_VERSION" ]]; then
      printf 'postgres: STOPPED (private cluster in %s, last port %s)\n' "$PG_DATA" "${st_port:-?}"
    elif [[ -n "$st_port" ]]; then
      printf 'postgres: NOT REACHABLE on %s:%s (%s server)\n' "$PG_HOST" "$st_port" "${st_mode:-?}"
    else
      printf 'postgres: not set up yet (./brujula services start)\n'
    fi
    return 3
  fi
  ver="$(pg_psql "$port" postgres -At -c "show server_version" 2>/dev/null || true)"
  dbs="$(pg_psql "$port" postgres -At -c \
    "select string_agg(datname, ' ' order by datname) from pg_database where datname like 'brujula%'" 2>/dev/null || true)"
  postgis="$(pg_psql "$port" brujula -At -c \
    "select extversion from pg_extension where extname = 'postgis'" 2>/dev/null || true)"
  printf 'postgres: running on %s:%s, %s server, PostgreSQL %s, PostGIS %s\n' \
    "$PG_HOST" "$port" "$mode" "${ver%% *}" "${postgis:-missing}"
  if [[ "$mode" == private ]]; then
    printf '  data: %s\n  log:  %s\n' "$PG_DATA" "$PG_LOG"
  fi
  printf '  databases: %s\n  state: %s\n' "${dbs:-none}" "$PG_STATE_FILE"
}

postgres_env() {
  printf 'BRUJULA_DB_HOST=%s\nBRUJULA_DB_PORT=%s\nBRUJULA_DB_USER=%s\nBRUJULA_DB_PASSWORD=\nBRUJULA_DB_NAME=%s\n' \
    "$BRUJULA_DB_HOST" "$BRUJULA_DB_PORT" "$BRUJULA_DB_USER" "${BRUJULA_DB_NAME:-brujula}"
}
