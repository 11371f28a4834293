'use strict';

// Receives syslog datagrams, batches them and forwards the batches over TCP to a
// collector; also answers a tiny status protocol on a local TCP port.

const dgram = require('dgram');
const net = require('net');
const os = require('os');

const SYSLOG_PORT = 514;
const BATCH_SIZE = 500;
const FLUSH_INTERVAL = 2000;
const RECONNECT_DELAY = 5000;

const collector = {
  host: process.env.COLLECTOR_HOST || 'logs.internal',
  port: +process.env.COLLECTOR_PORT || 6514,
};

const FACILITIES = [
  'kern', 'user', 'mail', 'daemon', 'auth', 'syslog', 'lpr', 'news',
  'uucp', 'cron', 'authpriv', 'ftp', 'ntp', 'audit', 'alert', 'clock',
];

function parsePri(msg) {
  const m = /^<(\d{1,3})>/.exec(msg);
  if (!m) return null;
  const pri = parseInt(m[1], 10);
  if (pri > 191) return null;
  return { facility: FACILITIES[pri >> 3] || 'local', severity: pri & 7, rest: msg.slice(m[0].length) };
}

let queue = [];
let upstream = null;
let connected = false;

function connect() {
  upstream = net.createConnection(collector.port, collector.host);
  upstream.setKeepAlive(true, 60000);
  upstream.on('connect', () => {
    connected = true;
    console.log(`relay: connected to ${collector.host}:${collector.port}`);
  });
  upstream.on('close', () => {
    connected = false;
    setTimeout(connect, RECONNECT_DELAY);
  });
  upstream.on('error', (err) => console.error('relay: upstream', err.code));
}

function flush() {
  if (!connected || queue.length === 0) return;
  const batch = queue.splice(0, BATCH_SIZE);
  upstream.write(batch.map((e) => JSON.stringify(e)).join('\n') + '\n');
}

const server = dgram.createSocket({ type: 'udp4', reuseAddr: true });

server.on('message', (buf, rinfo) => {
  const parsed = parsePri(buf.toString('utf8', 0, Math.min(buf.length, 8192)));
  if (!parsed) return;
  queue.push({ ...parsed, from: `${rinfo.address}:${rinfo.port}`, relay: os.hostname() });
  if (queue.length >= BATCH_SIZE * 4) queue = queue.slice(-BATCH_SIZE * 2);
});

server.on('listening', () => {
  const a = server.address();
  console.log(`relay: syslog on udp ${a.address}:${a.port}`);
});

server.bind(SYSLOG_PORT);

// Status: "GET\n" returns the queue depth.
net.createServer((sock) => {
  sock.once('data', (d) => {
    if (d.toString().trim() === 'GET') sock.end(`${queue.length}\n`);
    else sock.end('ERR\n');
  });
}).listen(1514, '127.0.0.1');

// Heartbeat to the monitoring agent, which listens for UDP on 8125 (statsd).
const statsd = dgram.createSocket('udp4');
setInterval(() => {
  const line = Buffer.from(`syslog_relay.queue:${queue.length}|g`);
  statsd.send(line, 0, line.length, 8125, '127.0.0.1');
}, 10000).unref();

setInterval(flush, FLUSH_INTERVAL);
connect();
