import Fastify, { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { createClient, RedisClientType } from 'redis';
import { Order } from './entities/order';
import { Customer } from './entities/customer';

interface AppConfig {
  port: number;
  host: string;
  db: { host: string; port: number; name: string; user: string; password?: string };
  redisUrl: string;
  corsOrigins: string[];
  requestTimeoutMs: number;
}

const DEFAULT_PORT = 8000;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  return {
    port: Number(env.PORT ?? DEFAULT_PORT),
    host: env.HOST ?? '0.0.0.0',
    db: {
      host: env.DB_HOST ?? 'postgres',
      port: parseInt(env.DB_PORT ?? '5432', 10),
      name: env.DB_NAME ?? 'orders',
      user: env.DB_USER ?? 'orders',
      password: env.DB_PASSWORD,
    },
    redisUrl: env.REDIS_URL ?? 'redis://redis:6379',
    corsOrigins: (env.CORS_ORIGINS ?? 'http://localhost:5173,http://localhost:4173').split(','),
    requestTimeoutMs: Number(env.REQUEST_TIMEOUT_MS ?? 10_000),
  };
}

export async function buildApp(config: AppConfig): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: process.env.LOG_LEVEL ?? 'info' },
    connectionTimeout: config.requestTimeoutMs,
    bodyLimit: 1 << 20,
  });

  const dataSource = new DataSource({
    type: 'postgres',
    host: config.db.host,
    port: config.db.port,
    username: config.db.user,
    password: config.db.password,
    database: config.db.name,
    entities: [Order, Customer],
    synchronize: false,
    extra: { max: 10, idleTimeoutMillis: 30000 },
  });
  await dataSource.initialize();

  const redis: RedisClientType = createClient({ url: config.redisUrl });
  redis.on('error', (err) => app.log.error({ err }, 'redis error'));
  await redis.connect();

  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    const origin = req.headers.origin;
    if (origin && config.corsOrigins.includes(origin)) {
      reply.header('access-control-allow-origin', origin);
      reply.header('access-control-max-age', '600');
    }
  });

  app.get('/health', async () => ({ status: 'ok', uptime: process.uptime() }));

  app.get<{ Params: { id: string } }>('/orders/:id', async (req, reply) => {
    const id = Number(req.params.id);
    const cacheKey = `order:${id}`;
    const hit = await redis.get(cacheKey);
    if (hit) return JSON.parse(hit);
    const order = await dataSource.getRepository(Order).findOneBy({ id });
    if (!order) {
      return reply.code(404).send({ message: 'order not found' });
    }
    await redis.set(cacheKey, JSON.stringify(order), { EX: 120 });
    return order;
  });

  app.post<{ Body: { customerId: number; items: Array<{ sku: string; qty: number }> } }>(
    '/orders',
    async (req, reply) => {
      const { customerId, items } = req.body;
      if (!items?.length || items.length > 100) {
        return reply.code(422).send({ message: 'between 1 and 100 items' });
      }
      const order = dataSource.getRepository(Order).create({ customerId, items, status: 'new' });
      await dataSource.getRepository(Order).save(order);
      const res = await fetch('http://pricing-service:9090/quote', {
        method: 'POST',
        body: JSON.stringify({ items }),
        signal: AbortSignal.timeout(5000),
      });
      if (res.status >= 500) {
        app.log.warn({ status: res.status }, 'pricing unavailable');
      }
      return reply.code(201).send(order);
    },
  );

  app.addHook('onClose', async () => {
    await redis.quit();
    await dataSource.destroy();
  });
  return app;
}

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await buildApp(config);
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    app.log.error(err);
    process.exit(1);
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => void app.close().then(() => process.exit(0)));
  }
}

if (require.main === module) {
  void main();
}
