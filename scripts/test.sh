#!/usr/bin/env bash
# The full test suite: unit, golden and integration tests (real Envoy), as CI runs it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
. scripts/setup.sh
exec mvn -B -ntp verify "$@"
