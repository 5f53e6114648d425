#!/usr/bin/env bash
# Propagation benchmark (not part of the test suite): write -> first 200 through a real Envoy, at
# 1, 1 000 and 10 000 routes. Results: benchmarks/results/propagation-file.md
exec "$(dirname "${BASH_SOURCE[0]}")/benchmark.sh" PropagationBenchmark "$@"
