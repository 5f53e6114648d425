#!/usr/bin/env bash
# Churn benchmark (not part of the test suite): requests that must not fail while routes, clusters,
# endpoints, listeners and certificates change under them. Results: benchmarks/results/churn.md
exec "$(dirname "${BASH_SOURCE[0]}")/benchmark.sh" ChurnBenchmark "$@"
