'use strict';

const http = require('http');
const path = require('path');
const express = require('express');
const { Pool } = require('pg');
const Redis = require('ioredis');
const morgan = require('morgan');

const PORT = parseInt(process.env.PORT, 10) || 3000;
const HOST = process.env.HOST || '0.0.0.0';
const METRICS_PORT = 9464;
const REQUEST_TIMEOUT_MS = 30000;
const MAX_BODY = '256kb';
const CACHE_TTL = 300;

const pool = new Pool({
  host: process.env.PGHOST || 'localhost',
  port: Number(process.env.PGPORT) || 5432,
  user: process.env.PGUSER || 'app',
  password: process.env.PGPASSWORD,
  database: process.env.PGDATABASE || 'shop',
  max: 20,
  idleTimeoutMillis: 10000,
  connectionTimeoutMillis: 2000,
});

const redis = new Redis({
  host: process.env.REDIS_HOST || '127.0.0.1',
  port: process.env.REDIS_PORT || 6379,
  db: 0,
  maxRetriesPerRequest: 3,
});

const app = express();
app.set('trust proxy', 1);
app.use(morgan('combined'));
app.use(express.json({ limit: MAX_BODY }));
app.use(express.static(path.join(__dirname, 'public'), { maxAge: 86400000 }));

app.use((req, res, next) => {
  res.setTimeout(REQUEST_TIMEOUT_MS, () => {
    res.status(503).json({ error: 'timeout' });
  });
  next();
});

app.get('/healthz', async (req, res) => {
  try {
    await pool.query('SELECT 1');
    await redis.ping();
    res.status(200).send('ok');
  } catch (err) {
    res.status(500).send(err.message);
  }
});

app.get('/api/products', async (req, res) => {
  const page = Math.max(1, parseInt(req.query.page, 10) || 1);
  const limit = Math.min(100, parseInt(req.query.limit, 10) || 25);
  const key = `products:${page}:${limit}`;
  const cached = await redis.get(key);
  if (cached) {
    return res.json(JSON.parse(cached));
  }
  const { rows } = await pool.query(
    'SELECT id, name, price FROM products ORDER BY id LIMIT $1 OFFSET $2',
    [limit, (page - 1) * limit]
  );
  await redis.set(key, JSON.stringify(rows), 'EX', CACHE_TTL);
  res.json(rows);
});

app.get('/api/products/:id', async (req, res) => {
  const id = Number(req.params.id);
  if (!Number.isInteger(id) || id <= 0) {
    return res.status(400).json({ error: 'bad id' });
  }
  const { rows } = await pool.query('SELECT * FROM products WHERE id = $1', [id]);
  if (rows.length === 0) {
    return res.status(404).json({ error: 'not found' });
  }
  res.json(rows[0]);
});

app.post('/api/orders', async (req, res) => {
  const items = req.body.items || [];
  if (items.length > 50) {
    return res.status(413).json({ error: 'too many items' });
  }
  const resp = await fetch('http://inventory:8081/reserve', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ items }),
  });
  if (resp.status === 409) {
    return res.status(409).json({ error: 'out of stock' });
  }
  res.status(201).json(await resp.json());
});

// Payments go through the sidecar at localhost:7000 in production.
const PAYMENTS_URL = process.env.PAYMENTS_URL || 'http://localhost:7000/v1/charge';

app.post('/api/pay', async (req, res) => {
  const r = await fetch(PAYMENTS_URL, { method: 'POST', body: JSON.stringify(req.body) });
  res.status(r.status).end();
});

const metrics = http.createServer((req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' });
  res.end(`http_requests_total ${app.locals.requests || 0}\n`);
});
metrics.listen(METRICS_PORT, '127.0.0.1');

const server = app.listen(PORT, HOST, () => {
  console.log(`shop api listening on http://${HOST}:${PORT}`);
});
server.keepAliveTimeout = 65000;
server.headersTimeout = 66000;

process.on('SIGTERM', () => {
  server.close(() => {
    pool.end();
    redis.quit();
    process.exit(0);
  });
  setTimeout(() => process.exit(1), 10000).unref();
});
