'use strict';

// Opens an SSH tunnel to the staging database through the bastion host and exposes it on
// a local port, so that psql and the migration scripts can reach it.

const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');
const { Client } = require('ssh2');

const LOCAL_PORT = Number(process.argv[2]) || 15432;
const bastion = {
  host: 'bastion.staging.example.net',
  port: 22,
  username: process.env.USER || 'deploy',
  privateKey: fs.readFileSync(path.join(os.homedir(), '.ssh', 'id_ed25519')),
  readyTimeout: 20000,
  keepaliveInterval: 15000,
};
const DB_HOST = 'pg-staging.internal';
const DB_PORT = 5432;

const conn = new Client();
let active = 0;

conn.on('ready', () => {
  const server = net.createServer((sock) => {
    active += 1;
    conn.forwardOut('127.0.0.1', sock.remotePort || 0, DB_HOST, DB_PORT, (err, stream) => {
      if (err) {
        console.error('tunnel: forward failed:', err.message);
        sock.destroy();
        return;
      }
      sock.pipe(stream).pipe(sock);
      stream.on('close', () => {
        active -= 1;
      });
    });
  });
  server.listen(LOCAL_PORT, '127.0.0.1', () => {
    console.log(`tunnel: localhost:${LOCAL_PORT} -> ${DB_HOST}:${DB_PORT} via ${bastion.host}`);
  });
  setInterval(() => {
    if (active > 0) console.log(`tunnel: ${active} connection(s)`);
  }, 60000).unref();
});

conn.on('error', (err) => {
  console.error('tunnel: ssh error:', err.level, err.message);
  process.exitCode = 1;
});

conn.on('close', () => process.exit());

conn.connect(bastion);
