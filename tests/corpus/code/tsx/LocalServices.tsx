import { useEffect, useState } from 'react';

interface LocalService {
  id: string;
  label: string;
  port: number;
  healthPath: string;
  docs?: string;
}

const SERVICES: LocalService[] = [
  { id: 'web', label: 'Web app', port: 3000, healthPath: '/' },
  { id: 'api', label: 'API', port: 8080, healthPath: '/healthz', docs: 'http://localhost:8080/swagger' },
  { id: 'auth', label: 'Keycloak', port: 8180, healthPath: '/health/ready' },
  { id: 'mail', label: 'MailHog', port: 8025, healthPath: '/api/v2/messages' },
  { id: 'minio', label: 'MinIO console', port: 9001, healthPath: '/minio/health/live' },
];

type Status = 'up' | 'down' | 'unknown';

const POLL_MS = 4000;
const COLORS = ['#2e7d32', '#c62828', '#9e9e9e'];

async function probe(svc: LocalService, signal: AbortSignal): Promise<Status> {
  try {
    const res = await fetch(`http://localhost:${svc.port}${svc.healthPath}`, { signal, mode: 'no-cors' });
    return res.type === 'opaque' || res.status < 500 ? 'up' : 'down';
  } catch {
    return 'down';
  }
}

function StatusDot({ status }: { status: Status }) {
  const index = status === 'up' ? 0 : status === 'down' ? 1 : 2;
  return <span className="dot" style={{ backgroundColor: COLORS[index], width: 10, height: 10 }} />;
}

export function LocalServices({ compact = false }: { compact?: boolean }) {
  const [statuses, setStatuses] = useState<Record<string, Status>>({});
  const [checkedAt, setCheckedAt] = useState<Date | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    const run = async () => {
      const results = await Promise.all(SERVICES.map((s) => probe(s, controller.signal)));
      const next: Record<string, Status> = {};
      results.forEach((r, i) => {
        next[SERVICES[i].id] = r;
      });
      setStatuses(next);
      setCheckedAt(new Date());
    };
    void run();
    const timer = setInterval(run, POLL_MS);
    return () => {
      controller.abort();
      clearInterval(timer);
    };
  }, []);

  const up = SERVICES.filter((s) => statuses[s.id] === 'up').length;

  return (
    <div className={compact ? 'services compact' : 'services'}>
      <h3>
        Local stack: {up}/{SERVICES.length} up
      </h3>
      <table>
        <thead>
          <tr>
            <th>Service</th>
            <th>Port</th>
            <th>Status</th>
          </tr>
        </thead>
        <tbody>
          {SERVICES.map((s) => (
            <tr key={s.id}>
              <td>
                <a href={`http://localhost:${s.port}`} target="_blank" rel="noreferrer">
                  {s.label}
                </a>
                {s.docs && (
                  <a className="docs" href={s.docs}>
                    docs
                  </a>
                )}
              </td>
              <td>{s.port}</td>
              <td>
                <StatusDot status={statuses[s.id] ?? 'unknown'} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <iframe title="queue" src="http://localhost:15672/#/queues" width={640} height={360} />
      {checkedAt && <small>checked {checkedAt.toLocaleTimeString()}</small>}
    </div>
  );
}
