#!/usr/bin/env bash
# ./brujula bench events [N] [SIZE] [ROUNDS] (BRUJULA_BENCH_EVENTS_PACE: the paced push, obs/s, default 1000): event throughput on Kafka (BRUJULA_KAFKA_BOOTSTRAP, which
# ./brujula started or was pointed at, beside the freshly recreated database brujula_bench).
# Each measurement below prints its own figures; the plain producer is the reference the event
# pipeline's figures are read against (docs/benchmarks.md, "Events").
set -euo pipefail
cd "$BRUJULA_ROOT"
N="${1:-50000}"
SIZE="${2:-1200}"
ROUNDS="${3:-3}"
OUT="$BRUJULA_ROOT/backend/target/bench"
CLASSPATH_FILE="$OUT/events.classpath"
: "${BRUJULA_KAFKA_BOOTSTRAP:?run through ./brujula bench events, which starts Kafka and sets it}"

# build: the backend's test classes and their classpath, in one reactor run (shared-model and
# test-support resolve to their fresh target/classes, nothing is installed).
build() {
  mkdir -p "$OUT"
  mvn -B -ntp -q -DskipTests -pl backend -am test-compile \
    org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$CLASSPATH_FILE" </dev/null
}

# bench_java CLASS ARGS...: run one of backend/src/test/java/mx/implan/brujula/bench/ on that classpath.
bench_java() {
  local -a opts=()
  read -r -a opts <<<"${BRUJULA_JAVA_OPTS:-}"
  # The backend's log manager is on this classpath: the Kafka client logs through it (as in surefire).
  java -Djava.util.logging.manager=org.jboss.logmanager.LogManager "${opts[@]}" \
    -cp "$BRUJULA_ROOT/backend/target/test-classes:$BRUJULA_ROOT/backend/target/classes:$(cat "$CLASSPATH_FILE")" \
    "$@"
}

# The reference: a plain producer with the pipeline's durability settings, nothing else.
plain_producer_baseline() {
  bench_java mx.implan.brujula.bench.PlainKafkaProducerBaseline "$BRUJULA_KAFKA_BOOTSTRAP" "$N" "$SIZE" "$ROUNDS"
}

# The pipeline: commit → indicator visible (p50, p95) and relay events/s, in-process and on Kafka,
# each on a fresh database brujula_bench_events, from the packaged backend.
event_pipeline() {
  bench_java mx.implan.brujula.bench.EventsBench "$BRUJULA_ROOT/backend/target/quarkus-app/quarkus-run.jar" "$N" \
    "$BRUJULA_KAFKA_BOOTSTRAP"
}

# measure: every measurement of this bench, in order; the baseline first, its median handed to the
# pipeline's measurement, which prints the relay's ratio against it.
measure() {
  local baseline
  baseline="$(plain_producer_baseline | tee /dev/stderr | sed -n 's/^plain producer: \([0-9,]*\) records\/s.*/\1/p' | tr -d ,)"
  BRUJULA_BENCH_BASELINE="${baseline:-0}" event_pipeline
}

build
mvn -B -ntp -q -DskipTests package -pl backend -am </dev/null
measure
