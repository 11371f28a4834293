#!/bin/sh
# Container entrypoint for the API image: waits for its dependencies, applies
# migrations, then execs the requested process (web, worker or scheduler).
set -e

: "${PORT:=8080}"
: "${WORKERS:=2}"
DB_HOST="${DB_HOST:-postgres}"
DB_PORT="${DB_PORT:-5432}"
REDIS_HOST="${REDIS_HOST:-redis}"
REDIS_PORT="${REDIS_PORT:-6379}"
WAIT_TIMEOUT="${WAIT_TIMEOUT:-60}"
METRICS_ADDR="${METRICS_ADDR:-0.0.0.0:9091}"

export DATABASE_URL="${DATABASE_URL:-postgresql://api:api@${DB_HOST}:${DB_PORT}/api}"
export CELERY_BROKER_URL="${CELERY_BROKER_URL:-redis://${REDIS_HOST}:${REDIS_PORT}/0}"

wait_for() {
  host="$1"
  port="$2"
  name="$3"
  elapsed=0
  echo "waiting for $name at $host:$port ..."
  until nc -z -w 2 "$host" "$port"; do
    elapsed=$((elapsed + 2))
    if [ "$elapsed" -ge "$WAIT_TIMEOUT" ]; then
      echo "$name not reachable after ${WAIT_TIMEOUT}s" >&2
      exit 69
    fi
    sleep 2
  done
}

wait_for "$DB_HOST" "$DB_PORT" postgres
wait_for "$REDIS_HOST" "$REDIS_PORT" redis

if [ -n "$SMTP_RELAY" ]; then
  wait_for "$SMTP_RELAY" 25 smtp
fi

case "${1:-web}" in
  web)
    if [ "${RUN_MIGRATIONS:-1}" = "1" ]; then
      python manage.py migrate --noinput
    fi
    python manage.py collectstatic --noinput --verbosity 0
    exec gunicorn api.wsgi:application \
      --bind "0.0.0.0:${PORT}" \
      --workers "$WORKERS" \
      --threads 4 \
      --timeout 120 \
      --max-requests 1000 \
      --statsd-host "statsd.monitoring:8125" \
      --access-logfile -
    ;;
  worker)
    exec celery -A api worker --loglevel=INFO --concurrency="${WORKERS}" \
      --max-memory-per-child 256000
    ;;
  scheduler)
    exec celery -A api beat --loglevel=INFO --pidfile=/tmp/celerybeat.pid
    ;;
  flower)
    exec celery -A api flower --port=5555 --address=0.0.0.0
    ;;
  debug)
    pip install --quiet debugpy
    exec python -m debugpy --listen 0.0.0.0:5678 --wait-for-client manage.py runserver 0.0.0.0:8000
    ;;
  *)
    exec "$@"
    ;;
esac
