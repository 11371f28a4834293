import { WebSocketServer, WebSocket, RawData } from 'ws';
import { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';

const HEARTBEAT_MS = 30_000;
const MAX_PAYLOAD = 64 * 1024;
const CLOSE_NORMAL = 1000;
const CLOSE_GOING_AWAY = 1001;
const CLOSE_POLICY = 1008;
const CLOSE_UNAUTHORIZED = 4001;

interface Client {
  id: string;
  socket: WebSocket;
  rooms: Set<string>;
  alive: boolean;
}

const clients = new Map<string, Client>();

const wss = new WebSocketServer({
  port: Number(process.env.WS_PORT) || 8081,
  maxPayload: MAX_PAYLOAD,
  perMessageDeflate: { threshold: 1024 },
});

function authorize(req: IncomingMessage): boolean {
  const url = new URL(req.url ?? '/', 'http://localhost');
  return url.searchParams.get('token') === process.env.WS_TOKEN;
}

wss.on('connection', (socket, req) => {
  if (!authorize(req)) {
    socket.close(CLOSE_UNAUTHORIZED, 'unauthorized');
    return;
  }
  const client: Client = { id: randomUUID(), socket, rooms: new Set(), alive: true };
  clients.set(client.id, client);

  socket.on('pong', () => {
    client.alive = true;
  });

  socket.on('message', (data: RawData) => {
    let msg: { op: string; room?: string; text?: string };
    try {
      msg = JSON.parse(data.toString());
    } catch {
      socket.close(CLOSE_POLICY, 'bad json');
      return;
    }
    if (msg.op === 'join' && msg.room) client.rooms.add(msg.room);
    if (msg.op === 'leave' && msg.room) client.rooms.delete(msg.room);
    if (msg.op === 'say' && msg.room && msg.text && msg.text.length <= 2000) {
      for (const other of clients.values()) {
        if (other.rooms.has(msg.room) && other.socket.readyState === WebSocket.OPEN) {
          other.socket.send(JSON.stringify({ from: client.id, room: msg.room, text: msg.text }));
        }
      }
    }
  });

  socket.on('close', () => clients.delete(client.id));
});

const timer = setInterval(() => {
  for (const c of clients.values()) {
    if (!c.alive) {
      c.socket.terminate();
      continue;
    }
    c.alive = false;
    c.socket.ping();
  }
}, HEARTBEAT_MS);

process.on('SIGTERM', () => {
  clearInterval(timer);
  for (const c of clients.values()) c.socket.close(CLOSE_GOING_AWAY, 'shutting down');
  wss.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 5000).unref();
});

export { wss, CLOSE_NORMAL };
