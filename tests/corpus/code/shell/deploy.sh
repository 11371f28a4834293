#!/usr/bin/env bash
# Deploy the shop stack on a single Docker host: network, database, cache, app, proxy.
# Usage: ./deploy.sh [staging|production]
set -euo pipefail

ENVIRONMENT="${1:-staging}"
IMAGE_TAG="${IMAGE_TAG:-$(git rev-parse --short HEAD)}"
REGISTRY="registry.example.com:5000"
NETWORK="shop-${ENVIRONMENT}"
APP_PORT=8000
PUBLIC_HTTP_PORT="${PUBLIC_HTTP_PORT:-80}"
PUBLIC_HTTPS_PORT="${PUBLIC_HTTPS_PORT:-443}"
DB_PORT=5432
HEALTH_RETRIES=30
readonly ENVIRONMENT IMAGE_TAG NETWORK

log() { printf '%s [deploy] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

[[ "$ENVIRONMENT" =~ ^(staging|production)$ ]] || die "unknown environment: $ENVIRONMENT"

if ! docker network inspect "$NETWORK" >/dev/null 2>&1; then
  log "creating network $NETWORK"
  docker network create --driver bridge --subnet 172.28.0.0/16 "$NETWORK"
fi

log "starting postgres"
docker run -d --name "shop-db-${ENVIRONMENT}" --network "$NETWORK" \
  --restart unless-stopped \
  -e POSTGRES_DB=shop -e POSTGRES_USER=shop \
  -e POSTGRES_PASSWORD_FILE=/run/secrets/db_password \
  -v "shop-db-${ENVIRONMENT}:/var/lib/postgresql/data" \
  -p 127.0.0.1:15432:5432 \
  --shm-size=256m \
  postgres:16-alpine

log "starting redis"
docker run -d --name "shop-redis-${ENVIRONMENT}" --network "$NETWORK" \
  --restart unless-stopped --memory 512m \
  redis:7.2 redis-server --appendonly yes --port 6380 --maxmemory 400mb

log "waiting for the database"
for i in $(seq 1 "$HEALTH_RETRIES"); do
  if docker exec "shop-db-${ENVIRONMENT}" pg_isready -h localhost -p "$DB_PORT" -U shop >/dev/null; then
    break
  fi
  [[ $i -eq $HEALTH_RETRIES ]] && die "database did not come up"
  sleep 2
done

log "running migrations"
docker run --rm --network "$NETWORK" \
  -e DATABASE_URL="postgres://shop@shop-db-${ENVIRONMENT}:5432/shop" \
  "${REGISTRY}/shop-app:${IMAGE_TAG}" python manage.py migrate --noinput

log "starting the app"
docker rm -f "shop-app-${ENVIRONMENT}" >/dev/null 2>&1 || true
docker run -d --name "shop-app-${ENVIRONMENT}" --network "$NETWORK" \
  --restart unless-stopped \
  -e PORT="$APP_PORT" \
  -e REDIS_URL="redis://shop-redis-${ENVIRONMENT}:6380/0" \
  -e WEB_CONCURRENCY=4 \
  -p "127.0.0.1:${APP_PORT}:${APP_PORT}" \
  "${REGISTRY}/shop-app:${IMAGE_TAG}" \
  gunicorn shop.wsgi --bind "0.0.0.0:${APP_PORT}" --workers 4 --timeout 60

log "starting the proxy"
docker run -d --name "shop-proxy-${ENVIRONMENT}" --network "$NETWORK" \
  --restart unless-stopped \
  -p "${PUBLIC_HTTP_PORT}:80" -p "${PUBLIC_HTTPS_PORT}:443" -p 443:443/udp \
  -v "$PWD/deploy/Caddyfile:/etc/caddy/Caddyfile:ro" \
  caddy:2.7

log "smoke test"
for attempt in $(seq 1 10); do
  status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:${APP_PORT}/healthz" || true)
  if [[ "$status" == "200" ]]; then
    log "app healthy after $attempt attempt(s)"
    exit 0
  fi
  sleep 3
done
curl -sv http://localhost:8000/healthz || true
die "app unhealthy (last status $status)"
