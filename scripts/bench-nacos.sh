#!/usr/bin/env bash
# Nacos propagation benchmark (not part of the test suite): open-API publish -> first 200 through a
# real Envoy, with a real Nacos 3.1 server, at 1 and 1 000 routes; and naming register -> watcher
# event. Results: benchmarks/results/propagation-nacos.md
exec "$(dirname "${BASH_SOURCE[0]}")/benchmark.sh" NacosPropagationBenchmark "$@"
