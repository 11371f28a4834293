import { EventEmitter } from 'node:events';
import { Socket } from 'node:net';

export type Protocol = 'http' | 'https' | 'grpc' | 'tcp';

export interface ServiceEntry {
  name: string;
  host: string;
  port: number;
  protocol: Protocol;
  tags: string[];
  checkIntervalMs: number;
}

/** Ports assumed when a service announces itself without one. */
export const DEFAULT_PORTS: Record<Protocol, number> = {
  http: 80,
  https: 443,
  grpc: 50051,
  tcp: 0,
};

export const CONSUL_ADDR = process.env.CONSUL_HTTP_ADDR ?? '127.0.0.1:8500';

const MAX_TAGS = 16;
const MIN_CHECK_INTERVAL = 1_000;

export class ServiceRegistry extends EventEmitter {
  private readonly entries = new Map<string, ServiceEntry>();
  private readonly timers = new Map<string, NodeJS.Timeout>();

  register(partial: Partial<ServiceEntry> & { name: string; host: string }): ServiceEntry {
    const protocol = partial.protocol ?? 'http';
    const entry: ServiceEntry = {
      name: partial.name,
      host: partial.host,
      port: partial.port ?? DEFAULT_PORTS[protocol],
      protocol,
      tags: (partial.tags ?? []).slice(0, MAX_TAGS),
      checkIntervalMs: Math.max(partial.checkIntervalMs ?? 10_000, MIN_CHECK_INTERVAL),
    };
    const key = `${entry.name}@${entry.host}:${entry.port}`;
    this.entries.set(key, entry);
    this.schedule(key, entry);
    this.emit('registered', entry);
    return entry;
  }

  deregister(key: string): boolean {
    const t = this.timers.get(key);
    if (t) clearInterval(t);
    this.timers.delete(key);
    return this.entries.delete(key);
  }

  find(name: string, tag?: string): ServiceEntry[] {
    return [...this.entries.values()].filter((e) => e.name === name && (!tag || e.tags.includes(tag)));
  }

  url(entry: ServiceEntry): string {
    const scheme = entry.protocol === 'https' ? 'https' : 'http';
    const defaultPort = entry.port === 443 || entry.port === 80;
    return defaultPort ? `${scheme}://${entry.host}` : `${scheme}://${entry.host}:${entry.port}`;
  }

  private schedule(key: string, entry: ServiceEntry): void {
    const timer = setInterval(() => {
      const sock = new Socket();
      sock.setTimeout(3000);
      sock.once('connect', () => {
        sock.destroy();
        this.emit('healthy', key);
      });
      sock.once('error', () => this.emit('unhealthy', key));
      sock.once('timeout', () => {
        sock.destroy();
        this.emit('unhealthy', key);
      });
      sock.connect(entry.port, entry.host);
    }, entry.checkIntervalMs);
    timer.unref();
    this.timers.set(key, timer);
  }
}

export const registry = new ServiceRegistry();

registry.register({ name: 'users', host: 'users.svc.cluster.local', port: 8080, tags: ['v2'] });
registry.register({ name: 'billing', host: 'billing.svc.cluster.local', protocol: 'grpc' });
registry.register({ name: 'search', host: 'opensearch', port: 9200, protocol: 'https', tags: ['primary'] });
