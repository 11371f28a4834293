"""Inventory service: a small Flask application backed by PostgreSQL and Redis.

Run it with ``python webapp.py`` (serves on port 5000 unless PORT is set) or under
gunicorn in production.
"""
import json
import logging
import os
import time
from functools import wraps

import psycopg2
import psycopg2.extras
import redis
import requests
from flask import Flask, abort, jsonify, request

log = logging.getLogger("inventory")

DEFAULT_PORT = 5000
DB_HOST = os.environ.get("DB_HOST", "localhost")
DB_PORT = int(os.environ.get("DB_PORT", 5432))
DB_NAME = os.environ.get("DB_NAME", "inventory")
REDIS_URL = os.getenv("REDIS_URL", "redis://localhost:6379/0")
PRICING_API = os.getenv("PRICING_API", "http://pricing.internal:8081/v2")
CACHE_TTL = 300
MAX_PAGE_SIZE = 250
REQUEST_TIMEOUT = 5.0

app = Flask(__name__)
app.config["JSON_SORT_KEYS"] = False
app.config["MAX_CONTENT_LENGTH"] = 16 * 1024 * 1024

_cache = redis.Redis.from_url(REDIS_URL, socket_timeout=2)


def get_db():
    return psycopg2.connect(
        host=DB_HOST,
        port=DB_PORT,
        dbname=DB_NAME,
        user=os.environ.get("DB_USER", "inventory"),
        password=os.environ.get("DB_PASSWORD", ""),
        connect_timeout=10,
    )


def cached(key_fmt, ttl=CACHE_TTL):
    def decorator(fn):
        @wraps(fn)
        def wrapper(*args, **kwargs):
            key = key_fmt.format(*args, **kwargs)
            hit = _cache.get(key)
            if hit is not None:
                return json.loads(hit)
            value = fn(*args, **kwargs)
            _cache.setex(key, ttl, json.dumps(value))
            return value

        return wrapper

    return decorator


@cached("item:{0}")
def load_item(item_id):
    with get_db() as conn, conn.cursor(cursor_factory=psycopg2.extras.RealDictCursor) as cur:
        cur.execute("SELECT id, sku, name, quantity FROM items WHERE id = %s", (item_id,))
        row = cur.fetchone()
    return dict(row) if row else None


def price_for(sku):
    try:
        resp = requests.get(f"{PRICING_API}/prices/{sku}", timeout=REQUEST_TIMEOUT)
    except requests.RequestException:
        log.exception("pricing service unreachable")
        return None
    if resp.status_code == 404:
        return None
    resp.raise_for_status()
    return resp.json()["amount"]


@app.route("/items/<int:item_id>")
def get_item(item_id):
    item = load_item(item_id)
    if item is None:
        abort(404)
    item["price"] = price_for(item["sku"])
    return jsonify(item)


@app.route("/items")
def list_items():
    page = max(1, request.args.get("page", 1, type=int))
    size = min(MAX_PAGE_SIZE, request.args.get("size", 50, type=int))
    with get_db() as conn, conn.cursor() as cur:
        cur.execute("SELECT id, sku, name FROM items ORDER BY id LIMIT %s OFFSET %s",
                    (size, (page - 1) * size))
        rows = cur.fetchall()
    return jsonify([{"id": r[0], "sku": r[1], "name": r[2]} for r in rows])


@app.route("/healthz")
def healthz():
    started = time.monotonic()
    try:
        _cache.ping()
    except redis.RedisError:
        return jsonify(status="degraded", redis=False), 503
    return jsonify(status="ok", elapsed_ms=round((time.monotonic() - started) * 1000, 1))


@app.errorhandler(500)
def internal_error(err):
    log.error("unhandled error: %s", err)
    return jsonify(error="internal"), 500


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    port = int(os.environ.get("PORT", DEFAULT_PORT))
    log.info("inventory listening on http://0.0.0.0:%d", port)
    app.run(host="0.0.0.0", port=port, debug=os.environ.get("FLASK_DEBUG") == "1")
