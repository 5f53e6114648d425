#!/usr/bin/env bash
# A real Nacos 3.1.0 server for trying Tidegate (and for the examples), assembled from Maven Central
# by the nacos-server module and run as its own JVM. State lives in .tools/nacos (or $NACOS_HOME).
#   scripts/nacos-server.sh start [--port 8848] [--auth]   start and wait until ready (--auth: user nacos,
#                                                          password from $NACOS_ADMIN_PASSWORD or "nacos-admin")
#   scripts/nacos-server.sh stop                           stop it
#   scripts/nacos-server.sh status                         is it answering?
# Nacos binds PORT (HTTP, /nacos), PORT+1000 (client gRPC), PORT+1001 and PORT-1000.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HOME_DIR="${NACOS_HOME:-$ROOT/.tools/nacos}"
PORT=8848
cmd="${1:-}"
shift || true
auth=""
while [ $# -gt 0 ]; do
  case "$1" in
    --port) PORT="$2"; shift 2 ;;
    --auth) auth=1; shift ;;
    *) echo "nacos-server.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

case "$cmd" in
  start)
    if [ -f "$HOME_DIR/nacos.pid" ] && kill -0 "$(cat "$HOME_DIR/nacos.pid")" 2>/dev/null; then
      echo "nacos-server.sh: already running (pid $(cat "$HOME_DIR/nacos.pid"), home $HOME_DIR)"; exit 0
    fi
    CLASSES="$ROOT/nacos-server/target/classes"
    # NacosServerProcess runs the server through ChildJvm, from the child-jvm module (built with -am).
    CHILD_JVM="$ROOT/child-jvm/target/classes"
    if [ ! -f "$CLASSES/io/tidegate/nacos/server/server-classpath.txt" ] || [ ! -d "$CHILD_JVM/io/tidegate/childjvm" ]; then
      echo "nacos-server.sh: building the nacos-server module (downloads the Nacos jars once)"
      (cd "$ROOT" && mvn -B -q -ntp -pl nacos-server -am -DskipTests package)
    fi
    mkdir -p "$HOME_DIR"
    args=(--home "$HOME_DIR" --port "$PORT")
    if [ -n "$auth" ]; then
      umask 077
      printf '%s\n' "${NACOS_ADMIN_PASSWORD:-nacos-admin}" > "$HOME_DIR/admin-password"
      args+=(--auth "$HOME_DIR/admin-password")
    fi
    java -cp "$CLASSES:$CHILD_JVM" io.tidegate.nacos.server.NacosServerCli "${args[@]}"
    ;;
  stop)
    if [ -f "$HOME_DIR/nacos.pid" ]; then
      pid="$(cat "$HOME_DIR/nacos.pid")"
      if kill "$pid" 2>/dev/null; then
        for _ in $(seq 1 200); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
        echo "nacos-server.sh: stopped pid $pid"
      fi
      rm -f "$HOME_DIR/nacos.pid"
    else
      echo "nacos-server.sh: not running (no $HOME_DIR/nacos.pid)"
    fi
    ;;
  status)
    curl -sf "http://127.0.0.1:$PORT/nacos/v3/admin/core/state/liveness" && echo || { echo "not answering on $PORT"; exit 1; }
    ;;
  *)
    echo "usage: scripts/nacos-server.sh start [--port N] [--auth] | stop | status [--port N]" >&2; exit 2 ;;
esac
