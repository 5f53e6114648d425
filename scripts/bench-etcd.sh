#!/usr/bin/env bash
# etcd propagation benchmark (not part of the test suite): a real etcd with K routes, a put
# acknowledged -> first 200 through a real Envoy, at 1, 1 000 and 10 000 routes.
# Results: benchmarks/results/propagation-etcd.md. Options: --routes 1,1000 --changes 40 --out FILE
exec "$(dirname "${BASH_SOURCE[0]}")/benchmark.sh" EtcdPropagationBenchmark "$@"
