#!/usr/bin/env bash
# Propagation benchmark (not part of the test suite): write -> first 200 through a real Envoy, at
# 1, 1 000 and 10 000 routes. Results: benchmarks/results/propagation-file.md
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
. scripts/setup.sh
mvn -B -q -ntp -DskipTests package
exec java -Xmx2g -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
  io.tidegate.benchmarks.PropagationBenchmark "$@"
