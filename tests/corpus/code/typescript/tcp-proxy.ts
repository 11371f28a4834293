#!/usr/bin/env node
import net from 'node:net';
import http from 'node:http';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';

interface Backend {
  host: string;
  port: number;
  weight: number;
  healthy: boolean;
  active: number;
}

const argv = yargs(hideBin(process.argv))
  .scriptName('tcp-proxy')
  .option('listen', {
    alias: 'l',
    type: 'number',
    default: 6432,
    describe: 'port clients connect to',
  })
  .option('backend', {
    alias: 'b',
    type: 'array',
    string: true,
    default: ['pg-primary:5432', 'pg-replica:5432'],
    describe: 'host:port of a backend (repeatable)',
  })
  .option('health-port', {
    type: 'number',
    default: 8081,
    describe: 'HTTP port of the health endpoint',
  })
  .option('idle-timeout', { type: 'number', default: 300_000 })
  .option('max-conns', { type: 'number', default: 1000 })
  .strict()
  .parseSync();

function parseBackend(spec: string): Backend {
  const i = spec.lastIndexOf(':');
  const host = i > 0 ? spec.slice(0, i) : spec;
  const port = i > 0 ? Number(spec.slice(i + 1)) : 5432;
  return { host, port, weight: 1, healthy: true, active: 0 };
}

const backends: Backend[] = (argv.backend as string[]).map(parseBackend);
let connections = 0;

function pick(): Backend | undefined {
  const healthy = backends.filter((b) => b.healthy);
  if (healthy.length === 0) return undefined;
  return healthy.reduce((best, b) => (b.active / b.weight < best.active / best.weight ? b : best));
}

const server = net.createServer((client) => {
  if (connections >= argv['max-conns']) {
    client.destroy();
    return;
  }
  const backend = pick();
  if (!backend) {
    client.end();
    return;
  }
  connections++;
  backend.active++;
  const upstream = net.connect({ host: backend.host, port: backend.port });
  client.setTimeout(argv['idle-timeout']);
  client.pipe(upstream).pipe(client);
  const done = () => {
    client.destroy();
    upstream.destroy();
  };
  client.once('close', () => {
    connections--;
    backend.active--;
    done();
  });
  client.on('timeout', done);
  upstream.on('error', () => {
    backend.healthy = false;
    done();
  });
});

async function probe(b: Backend): Promise<void> {
  await new Promise<void>((resolve) => {
    const s = net.createConnection({ host: b.host, port: b.port, timeout: 2000 });
    s.once('connect', () => {
      b.healthy = true;
      s.end();
      resolve();
    });
    s.once('error', () => {
      b.healthy = false;
      resolve();
    });
    s.once('timeout', () => {
      b.healthy = false;
      s.destroy();
      resolve();
    });
  });
}

setInterval(() => backends.forEach((b) => void probe(b)), 5_000);

http
  .createServer((req, res) => {
    const up = backends.filter((b) => b.healthy).length;
    res.writeHead(up > 0 ? 200 : 503, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ connections, backends }));
  })
  .listen(argv['health-port']);

server.listen(argv.listen, () => {
  console.log(`tcp-proxy: :${argv.listen} -> ${backends.map((b) => `${b.host}:${b.port}`).join(', ')}`);
});
