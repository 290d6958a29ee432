#!/usr/bin/env bash
# ./brujula bench tiles [N]: N synthetic observations (default 1,000,000) over Hermosillo inserted
# straight into a fresh database brujula_bench_tiles; a fixed set of tiles z 10–17 fetched over
# HTTP from the packaged backend, cold cache then warm, beside the naive ST_AsMVT SQL over JDBC for
# the same tiles. Prints median, p95, max latency and size per zoom and the ratios
# (docs/benchmarks.md, "Vector tiles").
set -euo pipefail
cd "$BRUJULA_ROOT"
N="${1:-1000000}"
OUT="$BRUJULA_ROOT/backend/target/bench"
CLASSPATH_FILE="$OUT/tiles.classpath"
mkdir -p "$OUT"

mvn -B -ntp -q -DskipTests -pl backend -am test-compile \
  org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$CLASSPATH_FILE" </dev/null
mvn -B -ntp -q -DskipTests package -pl backend -am </dev/null

read -r -a EXTRA_OPTS <<<"${BRUJULA_JAVA_OPTS:-}"
java -Djava.util.logging.manager=org.jboss.logmanager.LogManager "${EXTRA_OPTS[@]}" \
  -cp "$BRUJULA_ROOT/backend/target/test-classes:$BRUJULA_ROOT/backend/target/classes:$(cat "$CLASSPATH_FILE")" \
  mx.implan.brujula.bench.TilesBench "$BRUJULA_ROOT/backend/target/quarkus-app/quarkus-run.jar" "$N"
