#!/usr/bin/env bash
# ./brujula bench ingest [N] [CLIENTS] [BATCH]: push throughput through HTTP vs plain JDBC inserts of
# the same rows, against the freshly recreated database brujula_bench (the ./brujula script made
# it and exported BRUJULA_DB_* and PG*). Prints obs/s for both and the ratio.
set -euo pipefail
cd "$BRUJULA_ROOT"
N="${1:-20000}"
CLIENTS="${2:-8}"
BATCH="${3:-100}"
PORT="${BRUJULA_BENCH_PORT:-8099}"
OUT="$BRUJULA_ROOT/backend/target/bench"
mkdir -p "$OUT"

mvn -B -ntp -q -DskipTests install -pl backend -am </dev/null
mvn -B -ntp -q -DskipTests test-compile -pl backend </dev/null
mvn -B -ntp -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath -pl backend \
  -Dmdep.includeScope=test -Dmdep.outputFile="$OUT/classpath.txt" </dev/null

JAR="$BRUJULA_ROOT/backend/target/quarkus-app/quarkus-run.jar"
PASSWORD="bench-password-$RANDOM$RANDOM"
# The command mode migrates the fresh database and creates the bench account.
printf '%s\n' "$PASSWORD" | java -Dquarkus.http.host-enabled=false -Dquarkus.log.level=WARN -jar "$JAR" \
  admin create-user --username bench --role inspector --password-stdin >/dev/null

read -r -a EXTRA_OPTS <<<"${BRUJULA_JAVA_OPTS:-}"
QUARKUS_HTTP_PORT="$PORT" QUARKUS_LOG_LEVEL=WARN java "${EXTRA_OPTS[@]}" -Xmx1g -jar "$JAR" >"$OUT/backend.log" 2>&1 &
BACKEND=$!
trap 'kill "$BACKEND" 2>/dev/null || true; wait "$BACKEND" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$PORT/q/health/ready" >/dev/null 2>&1 && break
  kill -0 "$BACKEND" 2>/dev/null || { cat "$OUT/backend.log" >&2; exit 1; }
  sleep 0.5
done

java -cp "$BRUJULA_ROOT/backend/target/test-classes:$BRUJULA_ROOT/backend/target/classes:$(cat "$OUT/classpath.txt")" \
  mx.implan.brujula.bench.IngestBench "http://127.0.0.1:$PORT" bench "$PASSWORD" "$N" "$CLIENTS" "$BATCH" \
  "jdbc:postgresql://$BRUJULA_DB_HOST:$BRUJULA_DB_PORT/$BRUJULA_DB_NAME?user=$BRUJULA_DB_USER"
