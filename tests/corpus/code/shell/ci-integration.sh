#!/usr/bin/env bash
# CI: bring up throwaway services in containers, run the integration suite against them,
# collect logs, tear everything down. Runs on the shared runners, so every host port is
# chosen per job to avoid collisions.
set -Eeuo pipefail

JOB_ID="${CI_JOB_ID:-local}"
OFFSET=$(( ${CI_CONCURRENT_ID:-0} * 10 ))
PG_HOST_PORT=$(( 25432 + OFFSET ))
REDIS_HOST_PORT=$(( 26379 + OFFSET ))
MINIO_HOST_PORT=$(( 29000 + OFFSET ))
ARTIFACTS="${CI_PROJECT_DIR:-$PWD}/artifacts"
PYTEST_WORKERS="${PYTEST_WORKERS:-4}"

mkdir -p "$ARTIFACTS"

cleanup() {
  local rc=$?
  for c in pg redis minio; do
    docker logs "it-$c-$JOB_ID" >"$ARTIFACTS/$c.log" 2>&1 || true
    docker rm -f "it-$c-$JOB_ID" >/dev/null 2>&1 || true
  done
  exit $rc
}
trap cleanup EXIT

docker run -d --name "it-pg-$JOB_ID" \
  -e POSTGRES_PASSWORD=test -e POSTGRES_DB=it \
  -p "127.0.0.1:${PG_HOST_PORT}:5432" \
  --health-cmd "pg_isready -U postgres" --health-interval 2s --health-retries 30 \
  postgres:15.6

docker run -d --name "it-redis-$JOB_ID" -p "127.0.0.1:${REDIS_HOST_PORT}:6379" redis:7.2-alpine \
  redis-server --save '' --appendonly no

docker run -d --name "it-minio-$JOB_ID" \
  -p "127.0.0.1:${MINIO_HOST_PORT}:9000" \
  -e MINIO_ROOT_USER=ci -e MINIO_ROOT_PASSWORD=ci-secret-123 \
  minio/minio:RELEASE.2024-01-16T16-07-38Z server /data --console-address :9001

wait_healthy() {
  local name=$1 tries=60
  until [ "$(docker inspect -f '{{.State.Health.Status}}' "$name" 2>/dev/null)" = "healthy" ]; do
    tries=$((tries - 1))
    if [ "$tries" -le 0 ]; then
      echo "timeout waiting for $name" >&2
      return 1
    fi
    sleep 1
  done
}

wait_port() {
  local port=$1
  for _ in $(seq 1 60); do
    if (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      return 0
    fi
    sleep 1
  done
  echo "port $port never opened" >&2
  return 1
}

wait_healthy "it-pg-$JOB_ID"
wait_port "$REDIS_HOST_PORT"
wait_port "$MINIO_HOST_PORT"

export DATABASE_URL="postgresql://postgres:test@127.0.0.1:${PG_HOST_PORT}/it"
export REDIS_URL="redis://127.0.0.1:${REDIS_HOST_PORT}/0"
export S3_ENDPOINT="http://127.0.0.1:${MINIO_HOST_PORT}"
export OTEL_EXPORTER_OTLP_ENDPOINT="http://otel-collector.ci.svc:4318"
export SMTP_URL="smtp://127.0.0.1:1025"

python -m pytest tests/integration -n "$PYTEST_WORKERS" \
  --junitxml="$ARTIFACTS/junit.xml" \
  --maxfail=5 --timeout=300 -p no:cacheprovider

curl -sf -X POST "http://metrics.ci.example.com:9091/metrics/job/integration/instance/$JOB_ID" \
  --data-binary @"$ARTIFACTS/metrics.prom" || echo "metrics push failed (ignored)"
