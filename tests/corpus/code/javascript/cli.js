#!/usr/bin/env node
'use strict';

const fs = require('fs');
const path = require('path');
const http = require('http');
const https = require('https');
const { program } = require('commander');
const httpProxy = require('http-proxy');

const DEFAULT_PORT = 8080;
const DEFAULT_CONCURRENCY = 4;

program
  .name('devproxy')
  .version('2.3.1')
  .description('Local reverse proxy for front-end development')
  .option('-p, --port <number>', 'port to listen on', String(DEFAULT_PORT))
  .option('-H, --host <host>', 'interface to bind', '127.0.0.1')
  .option('-t, --target <url>', 'upstream API', 'http://localhost:5000')
  .option('--admin-port <number>', 'admin endpoint port', '9901')
  .option('--timeout <ms>', 'upstream timeout in milliseconds', '15000')
  .option('-c, --concurrency <n>', 'parallel upstream sockets', String(DEFAULT_CONCURRENCY))
  .option('--tls-cert <file>', 'serve HTTPS with this certificate')
  .option('--tls-key <file>', 'key for --tls-cert')
  .option('-v, --verbose', 'log every request', false)
  .parse(process.argv);

const opts = program.opts();
const port = Number(opts.port);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`devproxy: invalid port '${opts.port}'`);
  process.exit(2);
}

const agent = new http.Agent({
  keepAlive: true,
  maxSockets: Number(opts.concurrency),
  timeout: Number(opts.timeout),
});

const proxy = httpProxy.createProxyServer({
  target: opts.target,
  changeOrigin: true,
  agent,
  proxyTimeout: Number(opts.timeout),
});

proxy.on('error', (err, req, res) => {
  if (!res.headersSent) {
    res.writeHead(502, { 'content-type': 'text/plain' });
  }
  res.end(`upstream error: ${err.code || err.message}\n`);
});

const stats = { requests: 0, errors: 0, started: Date.now() };

function handler(req, res) {
  stats.requests += 1;
  if (opts.verbose) {
    console.log(`${new Date().toISOString()} ${req.method} ${req.url}`);
  }
  if (req.url.startsWith('/__mock/')) {
    const file = path.join(process.cwd(), 'mocks', req.url.slice(8) + '.json');
    if (fs.existsSync(file)) {
      res.writeHead(200, { 'content-type': 'application/json' });
      return fs.createReadStream(file).pipe(res);
    }
    res.writeHead(404);
    return res.end();
  }
  proxy.web(req, res);
}

let server;
if (opts.tlsCert) {
  server = https.createServer(
    { cert: fs.readFileSync(opts.tlsCert), key: fs.readFileSync(opts.tlsKey) },
    handler
  );
} else {
  server = http.createServer(handler);
}

server.on('upgrade', (req, socket, head) => proxy.ws(req, socket, head));

server.listen(port, opts.host, () => {
  const scheme = opts.tlsCert ? 'https' : 'http';
  console.log(`devproxy: ${scheme}://${opts.host}:${port} -> ${opts.target}`);
});

const admin = http.createServer((req, res) => {
  const uptime = Math.round((Date.now() - stats.started) / 1000);
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ ...stats, uptime }, null, 2));
});
admin.listen(Number(opts.adminPort), '127.0.0.1');

process.on('SIGINT', () => {
  server.close();
  admin.close();
  process.exit(130);
});
