#!/usr/bin/env bash
# The quickstart: installs what is missing, builds Tidegate, starts the echo backend, Tidegate and a
# supervised Envoy on examples/quickstart, and sends a request through Envoy.
#   scripts/quickstart.sh          keeps running until Ctrl-C (edit examples/quickstart/*.yaml live)
#   scripts/quickstart.sh --check  exits after the request went through (used to test this script)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
. scripts/setup.sh

LISTEN_PORT=${LISTEN_PORT:-10080}
ECHO_PORT=18080            # examples/quickstart/backend.yaml points at it
XDS_PORT=${XDS_PORT:-18000}
ADMIN_PORT=${ADMIN_PORT:-15000}
STATUS_PORT=${STATUS_PORT:-15080}
RUN_DIR="$ROOT/.tools/quickstart"
mkdir -p "$RUN_DIR"

echo "quickstart: building (mvn package, tests skipped; scripts/test.sh runs them)"
mvn -B -q -ntp -DskipTests package

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT INT TERM

java -cp "examples/target/examples.jar:examples/target/lib/*" io.tidegate.examples.EchoServer \
  --port "$ECHO_PORT" --pod quickstart-echo >"$RUN_DIR/echo.log" 2>&1 &
pids+=($!)

bin/tidegate run --source file:examples/quickstart --envoy \
  --listen-port "$LISTEN_PORT" --xds-port "$XDS_PORT" --admin-port "$ADMIN_PORT" \
  --status-port "$STATUS_PORT" --work-dir "$RUN_DIR" >"$RUN_DIR/tidegate.log" 2>&1 &
pids+=($!)

echo "quickstart: waiting for Envoy on 127.0.0.1:$LISTEN_PORT (logs in .tools/quickstart/)"
for _ in $(seq 1 300); do
  if [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$LISTEN_PORT/echo/hello" || true)" = "200" ]; then
    break
  fi
  if ! kill -0 "${pids[1]}" 2>/dev/null; then
    echo "quickstart: tidegate exited; its log:"; cat "$RUN_DIR/tidegate.log"; exit 1
  fi
  sleep 0.1
done

echo
echo "\$ curl -s http://127.0.0.1:$LISTEN_PORT/echo/hello"
if ! curl -sf "http://127.0.0.1:$LISTEN_PORT/echo/hello"; then
  echo "quickstart: no route through Envoy; tidegate log:"; cat "$RUN_DIR/tidegate.log"; exit 1
fi
echo
echo "That request went curl -> Envoy (:$LISTEN_PORT) -> echo backend (:$ECHO_PORT), routed by"
echo "examples/quickstart/ingress.yaml. Status and diagnostics: curl http://127.0.0.1:$STATUS_PORT/status"

if [ "${1:-}" = "--check" ]; then
  exit 0
fi
cat <<MSG

Try a live edit (no Envoy reload, no dropped connection): change 'path: /echo' to 'path: /hello'
in examples/quickstart/ingress.yaml, save, and run
  curl -s -o /dev/null -w '%{http_code}\n' http://127.0.0.1:$LISTEN_PORT/hello/x
Ctrl-C stops the echo backend, Tidegate and Envoy.
MSG
wait "${pids[1]}"
