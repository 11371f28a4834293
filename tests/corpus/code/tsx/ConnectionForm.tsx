import { FormEvent, useState } from 'react';

export type Engine = 'postgres' | 'mysql' | 'redis' | 'mongodb';

interface ConnectionSettings {
  engine: Engine;
  host: string;
  port: number;
  database: string;
  username: string;
  ssl: boolean;
  timeoutSeconds: number;
}

const ENGINE_PORTS: Record<Engine, number> = {
  postgres: 5432,
  mysql: 3306,
  redis: 6379,
  mongodb: 27017,
};

const ENGINE_LABELS: Record<Engine, string> = {
  postgres: 'PostgreSQL 16',
  mysql: 'MySQL 8.0',
  redis: 'Redis 7.2',
  mongodb: 'MongoDB 7',
};

const initial: ConnectionSettings = {
  engine: 'postgres',
  host: 'localhost',
  port: 5432,
  database: '',
  username: 'admin',
  ssl: false,
  timeoutSeconds: 10,
};

function validate(s: ConnectionSettings): string[] {
  const errors: string[] = [];
  if (!s.host.trim()) errors.push('Host is required');
  if (!Number.isInteger(s.port) || s.port < 1 || s.port > 65535) errors.push('Port must be 1-65535');
  if (s.timeoutSeconds < 1 || s.timeoutSeconds > 300) errors.push('Timeout must be 1-300 seconds');
  if (s.engine !== 'redis' && !s.database) errors.push('Database is required');
  return errors;
}

export function connectionString(s: ConnectionSettings): string {
  const auth = s.username ? `${encodeURIComponent(s.username)}@` : '';
  const db = s.database ? `/${s.database}` : '';
  const params = s.ssl ? '?sslmode=require' : '';
  return `${s.engine}://${auth}${s.host}:${s.port}${db}${params}`;
}

export default function ConnectionForm({ onSave }: { onSave: (s: ConnectionSettings) => Promise<void> }) {
  const [settings, setSettings] = useState<ConnectionSettings>(initial);
  const [errors, setErrors] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);

  const update = <K extends keyof ConnectionSettings>(key: K, value: ConnectionSettings[K]) =>
    setSettings((prev) => ({ ...prev, [key]: value }));

  const onEngine = (engine: Engine) => {
    setSettings((prev) => ({ ...prev, engine, port: ENGINE_PORTS[engine] }));
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const problems = validate(settings);
    setErrors(problems);
    if (problems.length > 0) return;
    setSaving(true);
    try {
      await onSave(settings);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form onSubmit={onSubmit} className="connection-form">
      <label>
        Engine
        <select value={settings.engine} onChange={(e) => onEngine(e.target.value as Engine)}>
          {(Object.keys(ENGINE_LABELS) as Engine[]).map((k) => (
            <option key={k} value={k}>
              {ENGINE_LABELS[k]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Host
        <input value={settings.host} onChange={(e) => update('host', e.target.value)} placeholder="db.example.com" />
      </label>
      <label>
        Port
        <input
          type="number"
          min={1}
          max={65535}
          value={settings.port}
          placeholder="5432"
          onChange={(e) => update('port', Number(e.target.value))}
        />
      </label>
      <label>
        Timeout (s)
        <input type="number" min={1} max={300} value={settings.timeoutSeconds} onChange={(e) => update('timeoutSeconds', Number(e.target.value))} />
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={settings.ssl} onChange={(e) => update('ssl', e.target.checked)} />
        Require TLS
      </label>
      <p className="hint">Example: postgres://admin@db.example.com:5432/app</p>
      {errors.length > 0 && (
        <ul className="errors">
          {errors.map((err, i) => (
            <li key={i}>{err}</li>
          ))}
        </ul>
      )}
      <button type="submit" disabled={saving}>
        {saving ? 'Saving…' : 'Save connection'}
      </button>
    </form>
  );
}
