#!/usr/bin/env bash
# ./brujula bench features [N] [ROUNDS]: N synthetic observations (default 1,000,000) over Hermosillo
# inserted straight into a fresh database brujula_bench_features; OGC API items pages of 1,000
# features (random 0.01° boxes, and time-sorted pages followed through next links, ROUNDS of each,
# default 60) over HTTP from the packaged backend, beside the same rows read by raw SQL over JDBC.
# Prints median, p95, max and the ratios (docs/benchmarks.md, "OGC API – Features").
set -euo pipefail
cd "$BRUJULA_ROOT"
N="${1:-1000000}"
ROUNDS="${2:-60}"
OUT="$BRUJULA_ROOT/backend/target/bench"
CLASSPATH_FILE="$OUT/features.classpath"
mkdir -p "$OUT"

mvn -B -ntp -q -DskipTests -pl backend -am test-compile \
  org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$CLASSPATH_FILE" </dev/null
mvn -B -ntp -q -DskipTests package -pl backend -am </dev/null

read -r -a EXTRA_OPTS <<<"${BRUJULA_JAVA_OPTS:-}"
java -Djava.util.logging.manager=org.jboss.logmanager.LogManager "${EXTRA_OPTS[@]}" \
  -cp "$BRUJULA_ROOT/backend/target/test-classes:$BRUJULA_ROOT/backend/target/classes:$(cat "$CLASSPATH_FILE")" \
  mx.implan.brujula.bench.FeaturesBench "$BRUJULA_ROOT/backend/target/quarkus-app/quarkus-run.jar" "$N" "$ROUNDS"
