import React, { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { LineChart, Line, XAxis, YAxis, Tooltip, ResponsiveContainer } from 'recharts';

const API_BASE = import.meta.env.VITE_API_BASE ?? 'http://localhost:8000/api/v1';
const STREAM_URL = 'ws://localhost:8000/stream';
const REFRESH_MS = 15000;
const MAX_POINTS = 120;

type Sample = { ts: number; p50: number; p99: number; errors: number };

interface Props {
  service: string;
  height?: number;
}

function usePolling<T>(url: string, intervalMs: number): { data: T | null; error: string | null } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    const load = async () => {
      try {
        const res = await fetch(url, { headers: { accept: 'application/json' } });
        if (res.status === 401) {
          window.location.assign('/login');
          return;
        }
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        const body = (await res.json()) as T;
        if (!cancelled) setData(body);
      } catch (e) {
        if (!cancelled) setError((e as Error).message);
      }
    };
    void load();
    const id = window.setInterval(load, intervalMs);
    return () => {
      cancelled = true;
      window.clearInterval(id);
    };
  }, [url, intervalMs]);
  return { data, error };
}

export default function Dashboard({ service, height = 320 }: Props) {
  const { data, error } = usePolling<Sample[]>(`${API_BASE}/services/${service}/latency`, REFRESH_MS);
  const [live, setLive] = useState<Sample[]>([]);
  const socket = useRef<WebSocket | null>(null);

  useEffect(() => {
    const ws = new WebSocket(`${STREAM_URL}?service=${encodeURIComponent(service)}`);
    ws.onmessage = (ev) => {
      const s = JSON.parse(ev.data) as Sample;
      setLive((prev) => [...prev.slice(-(MAX_POINTS - 1)), s]);
    };
    ws.onclose = (ev) => {
      if (ev.code !== 1000) console.warn('stream closed', ev.code);
    };
    socket.current = ws;
    return () => ws.close(1000);
  }, [service]);

  const points = useMemo(() => [...(data ?? []), ...live].slice(-MAX_POINTS), [data, live]);
  const last = points[points.length - 1];
  const errorRate = last ? Math.round((last.errors / Math.max(1, last.p50)) * 100) : 0;

  const onExport = useCallback(() => {
    const csv = points.map((p) => [p.ts, p.p50, p.p99, p.errors].join(',')).join('\n');
    const blob = new Blob([csv], { type: 'text/csv' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `${service}-latency.csv`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 5000);
  }, [points, service]);

  return (
    <section className="dashboard" style={{ minHeight: height + 48 }}>
      <header>
        <h2>{service}</h2>
        <span className={errorRate > 5 ? 'badge badge-red' : 'badge'}>{errorRate}% errors</span>
        <button onClick={onExport} disabled={points.length === 0}>
          Export CSV
        </button>
        <a href="http://localhost:3001/d/latency?orgId=1" target="_blank" rel="noreferrer">
          Open in Grafana
        </a>
      </header>
      {error && <p role="alert">Could not load metrics: {error}</p>}
      <ResponsiveContainer width="100%" height={height}>
        <LineChart data={points} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <XAxis dataKey="ts" tickFormatter={(t: number) => new Date(t).toLocaleTimeString()} />
          <YAxis width={48} />
          <Tooltip />
          <Line type="monotone" dataKey="p50" stroke="#8884d8" dot={false} strokeWidth={2} />
          <Line type="monotone" dataKey="p99" stroke="#ff7300" dot={false} strokeWidth={2} />
        </LineChart>
      </ResponsiveContainer>
      <footer>
        <small>Metrics are collected by the agent on port 9100 every 15 seconds.</small>
      </footer>
    </section>
  );
}
