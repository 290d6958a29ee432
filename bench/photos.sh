#!/usr/bin/env bash
# ./brujula bench photos [N] [CLIENTS] [HEAP] [ROUNDS] [WARM]: after a warm-up of WARM small
# photos (default 4000) on each path, then rounds of 100 large ones until the API's rate is
# steady, ROUNDS rounds (default 5) of N photos of ~3 MB (default 200) uploaded by CLIENTS
# concurrent clients (default 4) through PUT /api/v1/attachments of a backend started from the
# built jar with -XmxHEAP (default 256m), and the same bytes put straight into the bucket with
# the MinIO client (putObject, and a bare presigned PUT). Prints MB/s of each, the ratios (target
# >= 0.70 of putObject), CPU per GB of each process and the backend heap after a full GC before
# and after the uploads. ./brujula made the database brujula_bench and exported
# BRUJULA_DB_* and BRUJULA_S3_* (bucket brujula-photos-bench, created by the backend).
set -euo pipefail
cd "$BRUJULA_ROOT"
N="${1:-200}"
CLIENTS="${2:-4}"
HEAP="${3:-256m}"
ROUNDS="${4:-5}"
WARM="${5:-4000}"
OUT="$BRUJULA_ROOT/backend/target/bench"
mkdir -p "$OUT"

mvn -B -ntp -q -DskipTests install -pl backend -am </dev/null
mvn -B -ntp -q -DskipTests test-compile -pl backend </dev/null
mvn -B -ntp -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath -pl backend \
  -Dmdep.includeScope=test -Dmdep.outputFile="$OUT/classpath.txt" </dev/null

java -cp "$BRUJULA_ROOT/backend/target/test-classes:$BRUJULA_ROOT/backend/target/classes:$(cat "$OUT/classpath.txt")" \
  mx.implan.brujula.bench.PhotoBench "$BRUJULA_ROOT/backend/target/quarkus-app/quarkus-run.jar" "$N" "$CLIENTS" "$HEAP" "$ROUNDS" "$WARM"
