#!/usr/bin/env bash
# Churn benchmark (not part of the test suite): requests that must not fail while routes, clusters,
# endpoints, listeners and certificates change under them. Results: benchmarks/results/churn.md
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
. scripts/setup.sh
mvn -B -q -ntp -DskipTests package
exec java -Xmx2g -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
  io.tidegate.benchmarks.ChurnBenchmark "$@"
