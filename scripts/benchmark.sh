#!/usr/bin/env bash
# Runs one benchmark class of the benchmarks module (not part of the test suite) after setting up the
# machine and building: scripts/benchmark.sh CLASS [options]. The bench-*.sh scripts name the classes.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
CLASS="$1"
shift
. scripts/setup.sh
mvn -B -q -ntp -DskipTests package
exec java -Xmx2g -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
  "io.tidegate.benchmarks.$CLASS" "$@"
