#!/usr/bin/env bash
# Local development: start the frontend, the API, a mail catcher and the docs server,
# each in the background, and stop them all on Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."

export API_PORT="${API_PORT:-4000}"
export FRONTEND_PORT=3000
export MAILHOG_SMTP_PORT=1025
export NODE_OPTIONS="--max-old-space-size=4096"
LOG_DIR=.dev/logs
mkdir -p "$LOG_DIR"

port_in_use() {
  lsof -iTCP:"$1" -sTCP:LISTEN -t >/dev/null 2>&1
}

for p in "$API_PORT" "$FRONTEND_PORT" 8025; do
  if port_in_use "$p"; then
    echo "port $p is taken; stop whatever runs there first" >&2
    exit 1
  fi
done

pids=()
trap 'kill "${pids[@]}" 2>/dev/null; wait' EXIT

echo "starting mailhog"
docker run --rm --name dev-mailhog -p "${MAILHOG_SMTP_PORT}:1025" -p 8025:8025 mailhog/mailhog \
  >"$LOG_DIR/mailhog.log" 2>&1 &
pids+=($!)

echo "starting redis"
redis-server --port 6390 --save "" --appendonly no >"$LOG_DIR/redis.log" 2>&1 &
pids+=($!)

echo "starting the API on :$API_PORT"
(
  cd api
  SMTP_HOST=localhost SMTP_PORT="$MAILHOG_SMTP_PORT" REDIS_URL=redis://localhost:6390/0 \
    uvicorn app.main:app --reload --host 127.0.0.1 --port "$API_PORT" --log-level debug
) >"$LOG_DIR/api.log" 2>&1 &
pids+=($!)

echo "starting the frontend on :$FRONTEND_PORT"
(
  cd web
  PORT="$FRONTEND_PORT" BROWSER=none VITE_API_URL="http://localhost:${API_PORT}" npm run dev -- --port "$FRONTEND_PORT" --strictPort
) >"$LOG_DIR/web.log" 2>&1 &
pids+=($!)

echo "starting the docs on :8088"
python3 -m http.server 8088 --directory docs/_build/html >"$LOG_DIR/docs.log" 2>&1 &
pids+=($!)

for i in $(seq 1 30); do
  if curl -fs "http://127.0.0.1:${API_PORT}/health" >/dev/null; then
    break
  fi
  sleep 1
done

cat <<EOF

  frontend  http://localhost:${FRONTEND_PORT}
  api       http://localhost:${API_PORT}/docs
  mailhog   http://localhost:8025
  docs      http://localhost:8088

EOF
wait
