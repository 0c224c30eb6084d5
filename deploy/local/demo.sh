#!/usr/bin/env bash
# The ToxWatch demo: builds what is missing, starts a real Kafka broker and the three services against the local
# PostgreSQL (database toxwatch_demo, recreated each run), replays the demo cohort, prints each alert, stops everything.
# Usage: deploy/local/demo.sh [pace-ms]      (pace between lab results, default 400)
set -euo pipefail
cd "$(dirname "$0")/../.."

jars=(deploy/local/kafka-broker/target/kafka-broker.jar deploy/local/demo/target/toxwatch-demo.jar
      services/lab-ingest/target/quarkus-app/quarkus-run.jar services/toxicity-grader/target/quarkus-app/quarkus-run.jar
      services/dose-advisor/target/quarkus-app/quarkus-run.jar services/ward-dashboard/target/quarkus-app/quarkus-run.jar)
for jar in "${jars[@]}"; do
  if [ ! -f "$jar" ] || [ -n "${TOXWATCH_REBUILD:-}" ]; then
    echo "Building ToxWatch (mvn -B -q -DskipTests install) ..."
    mvn -B -q -DskipTests install
    break
  fi
done

exec java -Xmx256m -Dtoxwatch.project.dir="$PWD" -jar deploy/local/demo/target/toxwatch-demo.jar "$@"
