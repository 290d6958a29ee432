# shellcheck shell=bash
# Shared helpers for ./brujula and the scripts under scripts/.
#
# Sourced, never executed: it only defines functions and a few variables, so any script can
# source it under `set -euo pipefail` without side effects.
#
# Services (PostgreSQL, an S3 server, a Kafka broker) follow one pattern so that
# adding one is a matter of dropping a file in scripts/lib/. A service NAME listed in
# BRUJULA_SERVICE_ORDER lives in scripts/lib/NAME.sh and defines:
#   NAME_ensure   start it if needed, idempotent and fast when it already runs; export the
#                 environment variables the Java side reads (e.g. BRUJULA_DB_*)
#   NAME_stop     stop it, but only if these scripts started it
#   NAME_status   print one short report; return 0 when it is usable, 3 when it is not
#   NAME_env      print the KEY=VALUE lines the Java side needs (for `services env`)
# Each service records what it found or started in "$BRUJULA_STATE_DIR/NAME.env"-style files
# (PostgreSQL: db.env) so later calls find it without probing everything again.

if [[ -n "${_BRUJULA_COMMON_SH:-}" ]]; then
  return 0
fi
_BRUJULA_COMMON_SH=1

# Repository root: the directory above scripts/lib, whatever the caller's working directory.
BRUJULA_ROOT="${BRUJULA_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
export BRUJULA_ROOT

# Per-user state (chosen ports, lock file). Outside the work tree on purpose: a fresh clone
# (CI clones anew on the same machine) must find the services a previous checkout started.
BRUJULA_STATE_DIR="${BRUJULA_STATE_DIR:-${HOME:-/root}/.local/state/brujula}"
export BRUJULA_STATE_DIR

# Order matters: later services may depend on earlier ones; `services stop` goes in reverse.
BRUJULA_SERVICE_ORDER=(postgres s3 kafka)
BRUJULA_SERVICES=()

# ---------------------------------------------------------------------------------------------
# Messages. Everything goes to stderr so stdout stays clean for `services env` and for the Java
# programs the script execs.
# ---------------------------------------------------------------------------------------------
info() { printf 'brujula: %s\n' "$*" >&2; }
warn() { printf 'brujula: warning: %s\n' "$*" >&2; }

# die [--code N] MESSAGE...: print and exit (default code 1).
die() {
  local code=1
  if [[ "${1:-}" == "--code" ]]; then
    code="$2"
    shift 2
  fi
  printf 'brujula: error: %s\n' "$*" >&2
  exit "$code"
}

# Monotonic-enough milliseconds for timing reports (bash 5 has EPOCHREALTIME).
now_ms() {
  local t="${EPOCHREALTIME/[.,]/}"
  printf '%s' "$((t / 1000))"
}

is_root() { [[ "$(id -u)" -eq 0 ]]; }

# ---------------------------------------------------------------------------------------------
# Running things as root / as the postgres user.
# ---------------------------------------------------------------------------------------------

# as_root CMD...: run CMD with root rights. CI runs as root; developers use sudo. Never prompt
# when there is nobody to answer (CI=true or no terminal): `sudo -n` fails instead of hanging.
as_root() {
  if is_root; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    if [[ -z "${CI:-}" ]] && { : </dev/tty; } 2>/dev/null; then
      sudo "$@"
    else
      sudo -n "$@" || die "'sudo -n $1' failed: passwordless sudo is needed when no terminal is attached (CI)."
    fi
  else
    die "need root rights to run '$*': run as root or install and configure sudo."
  fi
}

# ---------------------------------------------------------------------------------------------
# Debian packages.
# ---------------------------------------------------------------------------------------------

pkg_installed() {
  [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" == "install ok installed" ]]
}

# apt-get update costs seconds and network: at most once per invocation (exported so that a
# nested ./brujula call, e.g. from a bench script, does not repeat it either).
apt_update_once() {
  if [[ "${BRUJULA_APT_UPDATED:-}" == "1" ]]; then
    return 0
  fi
  info "apt-get update"
  no_lock as_root env DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=600 update </dev/null >&2 \
    || die "apt-get update failed (network, or another apt process holding the lock?)."
  BRUJULA_APT_UPDATED=1
  export BRUJULA_APT_UPDATED
}

# apt_install PKG...: install the packages that are not installed yet; no-op (and no apt-get
# update) when all are present. Waits for the dpkg lock instead of failing when someone else's
# apt run is in progress, keeps existing config files, and never asks questions.
apt_install() {
  local missing=() p
  command -v dpkg-query >/dev/null 2>&1 \
    || die "this is not a Debian-like system; install these by hand: $*"
  for p in "$@"; do
    pkg_installed "$p" || missing+=("$p")
  done
  if ((${#missing[@]} == 0)); then
    return 0
  fi
  if ! is_root && ! command -v sudo >/dev/null 2>&1; then
    die "missing packages: ${missing[*]}. Install them as root (apt-get install ${missing[*]}), or install sudo."
  fi
  apt_update_once
  info "installing ${missing[*]} (apt)"
  no_lock as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
    -o DPkg::Lock::Timeout=600 \
    -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
    "${missing[@]}" </dev/null >&2 \
    || die "apt-get install ${missing[*]} failed (see the apt output above)."
}

# ---------------------------------------------------------------------------------------------
# JDK >= 17 and Maven.
# ---------------------------------------------------------------------------------------------

# jdk_major DIR: feature version of the JDK in DIR (17, 21, ...), or nothing. Reads DIR/release
# instead of running `javac -version`, which would cost a JVM start on every call.
jdk_major() {
  local dir="$1" v=""
  [[ -x "$dir/bin/javac" ]] || return 0
  if [[ -r "$dir/release" ]]; then
    v="$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$dir/release")"
  fi
  if [[ -z "$v" ]]; then
    v="$("$dir/bin/javac" -version 2>&1 | awk '{print $2; exit}')"
  fi
  v="${v#1.}" # 1.8.0_x -> 8.0_x
  printf '%s' "${v%%[!0-9]*}"
}

_jdk_ok() {
  local m
  m="$(jdk_major "$1")"
  [[ -n "$m" ]] && ((m >= 17))
}

# _find_jdk: print the JDK home to use. An explicit JAVA_HOME wins, then the default javac on
# PATH, then any installed Java 17 (the project's release level; the JavaFX test stack is
# pinned for JDK 17).
_find_jdk() {
  local c javac_path
  if [[ -n "${JAVA_HOME:-}" ]] && _jdk_ok "$JAVA_HOME"; then
    printf '%s' "$JAVA_HOME"
    return 0
  fi
  if javac_path="$(command -v javac 2>/dev/null)"; then
    c="$(dirname "$(dirname "$(readlink -f "$javac_path")")")"
    if _jdk_ok "$c"; then
      printf '%s' "$c"
      return 0
    fi
  fi
  for c in /usr/lib/jvm/java-17-openjdk-*; do
    if _jdk_ok "$c"; then
      printf '%s' "$c"
      return 0
    fi
  done
  return 1
}

# ensure_gdal: GDAL's command-line tools (ogrinfo, ogr2ogr): the OGC API is checked with them as a
# GIS team's client would be, and reference layers are loaded with ogr2ogr.
ensure_gdal() {
  command -v ogrinfo >/dev/null 2>&1 && command -v ogr2ogr >/dev/null 2>&1 && return 0
  apt_install gdal-bin
  hash -r
  command -v ogrinfo >/dev/null 2>&1 || die "ogrinfo not found even after installing gdal-bin."
}

# ensure_jdk_maven: make sure `javac` >= 17 and `mvn` work; apt-installs openjdk-17-jdk-headless
# and/or maven when missing. Exports JAVA_HOME (Maven and our `java` calls use it).
ensure_jdk_maven() {
  local jdk="" need=()
  jdk="$(_find_jdk || true)"
  [[ -n "$jdk" ]] || need+=(openjdk-17-jdk-headless)
  command -v mvn >/dev/null 2>&1 || need+=(maven)
  if ((${#need[@]})); then
    apt_install "${need[@]}"
    hash -r
  fi
  if [[ -z "$jdk" ]]; then
    jdk="$(_find_jdk || true)"
    [[ -n "$jdk" ]] || die "no JDK >= 17 found even after installing openjdk-17-jdk-headless; set JAVA_HOME."
  fi
  command -v mvn >/dev/null 2>&1 || die "mvn not found even after installing maven."
  JAVA_HOME="$jdk"
  export JAVA_HOME
  case ":$PATH:" in
    *":$JAVA_HOME/bin:"*) ;;
    *) PATH="$JAVA_HOME/bin:$PATH" ;;
  esac
  export PATH
}

# ---------------------------------------------------------------------------------------------
# State directory, lock, small key=value files.
# ---------------------------------------------------------------------------------------------

ensure_state_dir() {
  mkdir -p "$BRUJULA_STATE_DIR"
}

# Serialise "ensure" work between concurrent ./brujula calls (several engineers or terminals on
# one machine): two callers must not both initdb or both CREATE DATABASE. Held only while
# services are being ensured, never while Maven or Java run.
_BRUJULA_LOCK_FD=""
state_lock() {
  ensure_state_dir
  command -v flock >/dev/null 2>&1 || return 0
  exec {_BRUJULA_LOCK_FD}>>"$BRUJULA_STATE_DIR/lock"
  if flock -n "$_BRUJULA_LOCK_FD"; then
    return 0
  fi
  info "waiting for another ./brujula that is starting services ($BRUJULA_STATE_DIR/lock)"
  if ! flock -w 300 "$_BRUJULA_LOCK_FD"; then
    die "timed out after 300 s waiting for $BRUJULA_STATE_DIR/lock (another ./brujula is starting services?)."
  fi
}
# no_lock CMD...: run CMD without inheriting the lock's file descriptor. Anything that may leave
# a daemon behind (pg_ctl start, apt postinst scripts starting services) must go through this,
# or the daemon would hold the lock for its whole life and every later call would wait.
no_lock() {
  if [[ -n "$_BRUJULA_LOCK_FD" ]]; then
    "$@" {_BRUJULA_LOCK_FD}>&-
  else
    "$@"
  fi
}

state_unlock() {
  if [[ -n "$_BRUJULA_LOCK_FD" ]]; then
    exec {_BRUJULA_LOCK_FD}>&-
    _BRUJULA_LOCK_FD=""
  fi
}

# kv_get FILE KEY: value of KEY in a KEY=VALUE file (no quoting, no shell evaluation), or empty.
kv_get() {
  [[ -r "$1" ]] || return 0
  sed -n "s/^$2=//p" "$1" | tail -n 1
}

# kv_write FILE KEY=VALUE...: replace FILE atomically, and only when its content changes (the
# warm path then writes nothing).
kv_write() {
  local file="$1" tmp
  shift
  ensure_state_dir
  tmp="$(mktemp "$file.XXXXXX")"
  {
    printf '# Written by Brújula'"'"'s scripts/lib; KEY=VALUE, safe to delete (rediscovered on the next start).\n'
    printf '%s\n' "$@"
  } >"$tmp"
  if [[ -f "$file" ]] && cmp -s "$tmp" "$file"; then
    rm -f "$tmp"
  else
    mv -f "$tmp" "$file"
  fi
}

# port_in_use PORT: true when something accepts TCP connections on 127.0.0.1:PORT.
port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# ---------------------------------------------------------------------------------------------
# Service registry.
# ---------------------------------------------------------------------------------------------

# brujula_load_services: source scripts/lib/NAME.sh for every known service that has one.
brujula_load_services() {
  local svc f fn
  BRUJULA_SERVICES=()
  for svc in "${BRUJULA_SERVICE_ORDER[@]}"; do
    f="$BRUJULA_ROOT/scripts/lib/$svc.sh"
    [[ -f "$f" ]] || continue
    # shellcheck source=/dev/null
    . "$f"
    for fn in ensure stop status env; do
      declare -F "${svc}_$fn" >/dev/null || die "$f does not define ${svc}_$fn"
    done
    BRUJULA_SERVICES+=("$svc")
  done
}

# services_ensure [NAME...]: ensure the named services (default: all loaded), in order.
services_ensure() {
  local svc
  if (($# == 0)); then
    set -- "${BRUJULA_SERVICES[@]}"
  fi
  for svc in "$@"; do
    "${svc}_ensure"
  done
}

services_stop() {
  local i
  for ((i = ${#BRUJULA_SERVICES[@]} - 1; i >= 0; i--)); do
    "${BRUJULA_SERVICES[i]}_stop"
  done
}

# services_status: report every service; 0 when all are usable, 3 otherwise (like systemctl).
services_status() {
  local svc rc=0
  for svc in "${BRUJULA_SERVICES[@]}"; do
    "${svc}_status" || rc=3
  done
  return "$rc"
}

services_env() {
  local svc
  for svc in "${BRUJULA_SERVICES[@]}"; do
    "${svc}_env"
  done
}
