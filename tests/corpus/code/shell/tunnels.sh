#!/usr/bin/env bash
# Developer tunnels into the staging cluster: database and cache through the bastion,
# the internal dashboards through kubectl, and a socat bridge for the legacy SOAP box.
set -uo pipefail

BASTION="${BASTION:-bastion.staging.example.com}"
BASTION_PORT=2222
SSH_KEY="${SSH_KEY:-$HOME/.ssh/staging_ed25519}"
KUBE_CONTEXT="staging-eu1"
PIDS=()

cleanup() {
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  wait 2>/dev/null
}
trap cleanup EXIT INT TERM

start() {
  "$@" &
  PIDS+=($!)
}

# Postgres and Redis through the bastion
start ssh -N -o ExitOnForwardFailure=yes -o ServerAliveInterval=30 \
  -i "$SSH_KEY" -p "$BASTION_PORT" \
  -L 15432:orders-db.internal:5432 \
  -L 16379:cache.internal:6379 \
  "ops@${BASTION}"

# SOCKS proxy for the browser
start ssh -N -D 1080 -p "$BASTION_PORT" "ops@${BASTION}"

# Grafana and Prometheus from the cluster
start kubectl --context "$KUBE_CONTEXT" -n monitoring port-forward svc/grafana 3000:80
start kubectl --context "$KUBE_CONTEXT" -n monitoring port-forward svc/prometheus-server 9090:9090
start kubectl --context "$KUBE_CONTEXT" -n orders port-forward deploy/orders-api 8081:8080

# The legacy SOAP service only speaks to 10.20.0.15; bridge it to localhost
start socat TCP-LISTEN:8443,bind=127.0.0.1,reuseaddr,fork TCP:10.20.0.15:443

# Syslog from the old appliance over UDP
start socat -u UDP-RECV:5514 OPEN:/tmp/appliance.log,creat,append

sleep 2
cat <<EOF
Tunnels are up:
  postgres    localhost:15432
  redis       localhost:16379
  grafana     http://localhost:3000
  prometheus  http://localhost:9090
  orders api  http://localhost:8081
  soap        https://localhost:8443
  socks proxy localhost:1080
Press Ctrl-C to close them.
EOF

for i in {1..5}; do
  if nc -z localhost 15432; then
    break
  fi
  sleep 1
done
psql "host=localhost port=15432 dbname=orders user=readonly" -c 'select 1' >/dev/null \
  && echo "database tunnel ok" || echo "database tunnel not answering" >&2

wait
