#!/usr/bin/env bash
# ToxWatch's end-to-end benchmark (issue 7): builds what is missing, starts a real Kafka broker, the three services as
# packaged jars on a fresh database toxwatch_bench on the local PostgreSQL, drives a synthetic cohort through them,
# then the same topology of no-work relays on the same broker, then the engine's JMH benchmark. Stops everything it
# started. Results: stdout and bench/results/<UTC timestamp>/ (see bench/README.md).
# Usage: bench/run.sh [--observations N] [--rates 1000,5000] [--duration S] [--profile] ... (--help lists them)
# Maven: TOXWATCH_MAVEN_ARGS is added to the build command, e.g. TOXWATCH_MAVEN_ARGS="-o -Dmaven.repo.local=/tmp/m2".
set -euo pipefail
cd "$(dirname "$0")/.."

jars=(deploy/local/kafka-broker/target/kafka-broker.jar bench/pipeline/target/toxwatch-bench-pipeline.jar
      bench/engine/target/benchmarks.jar services/lab-ingest/target/quarkus-app/quarkus-run.jar
      services/toxicity-grader/target/quarkus-app/quarkus-run.jar services/dose-advisor/target/quarkus-app/quarkus-run.jar)
for jar in "${jars[@]}"; do
  if [ ! -f "$jar" ] || [ -n "${TOXWATCH_REBUILD:-}" ]; then
    echo "Building ToxWatch (mvn -B -q -DskipTests install ${TOXWATCH_MAVEN_ARGS:-}) ..."
    # shellcheck disable=SC2086 # the extra arguments are split on purpose
    mvn -B -q -DskipTests install ${TOXWATCH_MAVEN_ARGS:-}
    break
  fi
done

exec java -Xmx768m -Dtoxwatch.project.dir="$PWD" -jar bench/pipeline/target/toxwatch-bench-pipeline.jar "$@"
