'use strict';

// Application settings, merged from defaults, the environment and config/local.json.

const fs = require('fs');
const path = require('path');

const env = process.env.NODE_ENV || 'development';

const defaults = {
  env,
  server: {
    host: '0.0.0.0',
    port: 3000,
    trustProxy: 1,
    bodyLimit: 1048576,
    shutdownGraceMs: 15000,
  },
  database: {
    client: 'pg',
    connection: {
      host: 'localhost',
      port: 5432,
      user: 'postgres',
      database: `orders_${env}`,
    },
    pool: { min: 2, max: 10 },
    migrations: { tableName: 'knex_migrations' },
  },
  redis: {
    url: 'redis://localhost:6379/0',
    keyPrefix: 'orders:',
    ttlSeconds: 3600,
  },
  mongo: {
    uri: 'mongodb://mongo1:27017,mongo2:27017/events?replicaSet=rs0',
    poolSize: 5,
  },
  smtp: {
    host: 'smtp.mailtrap.io',
    port: 2525,
    secure: false,
    auth: { user: process.env.SMTP_USER, pass: process.env.SMTP_PASS },
  },
  amqp: {
    url: 'amqp://guest:guest@rabbitmq:5672/',
    prefetch: 16,
    queues: ['orders.created', 'orders.paid'],
  },
  metrics: {
    enabled: true,
    port: 9100,
    path: '/metrics',
    buckets: [0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
  },
  logging: {
    level: 'info',
    maxFiles: 14,
    maxSize: 20 * 1024 * 1024,
  },
  rateLimit: {
    windowMs: 60 * 1000,
    max: 120,
  },
};

function fromEnv(cfg) {
  if (process.env.PORT) cfg.server.port = Number(process.env.PORT);
  if (process.env.DATABASE_URL) cfg.database.connection = process.env.DATABASE_URL;
  if (process.env.REDIS_URL) cfg.redis.url = process.env.REDIS_URL;
  cfg.metrics.port = parseInt(process.env.METRICS_PORT || '9100', 10);
  return cfg;
}

function deepMerge(target, source) {
  for (const [key, value] of Object.entries(source)) {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      target[key] = deepMerge(target[key] || {}, value);
    } else {
      target[key] = value;
    }
  }
  return target;
}

function load() {
  let cfg = JSON.parse(JSON.stringify(defaults));
  const local = path.join(__dirname, 'config', 'local.json');
  if (fs.existsSync(local)) {
    cfg = deepMerge(cfg, JSON.parse(fs.readFileSync(local, 'utf8')));
  }
  cfg = fromEnv(cfg);
  if (cfg.server.port === cfg.metrics.port) {
    throw new Error(`server and metrics cannot share port ${cfg.server.port}`);
  }
  return Object.freeze(cfg);
}

module.exports = { load, defaults };
