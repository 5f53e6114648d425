#!/usr/bin/env bash
# Nacos naming benchmark (not part of the test suite): nacos-client register/deregister of an instance
# -> Envoy serving / no longer serving it, through an McpBridge nacos3 registry and a real Nacos 3.1.
# Results: benchmarks/results/propagation-nacos-naming.md
exec "$(dirname "${BASH_SOURCE[0]}")/benchmark.sh" NacosNamingPropagationBenchmark "$@"
