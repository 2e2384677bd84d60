/** The responses CSV export as a browser downloads it: signed in as an admin, streamed over loopback HTTP. */
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Store } from '../../src/server/store';
import type { ConfigIndex } from '../../src/server/config/load';
import { createApp } from '../../src/server/app';
import { createUser } from '../../src/server/auth/users';

export interface ExportRun { rows: number; rowsPerSecond: number; peakRss: number; bytes: number }

/** Downloads /api/v1/export/responses.csv for the demo site over [from, to]; counts data rows and samples RSS while it streams. */
export async function exportOverHttp(store: Store, config: ConfigIndex, from: string, to: string): Promise<ExportRun> {
  await createUser(store, { username: 'bench-admin', password: 'bench-password', role: 'admin' });
  const app = createApp({ store, config, now: () => Date.parse(`${to}T12:00:00Z`), version: 'bench', production: false });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((ok) => server.once('listening', ok));
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const login = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench-admin', password: 'bench-password' }) });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    global.gc?.();
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage().rss); }, 20);
    const t0 = performance.now();
    const res = await fetch(`${url}/api/v1/export/responses.csv?site=demo&from=${from}&to=${to}`, { headers: { cookie } });
    if (!res.ok) throw new Error(`export answered ${res.status}`);
    let lines = 0;
    let bytes = 0;
    const reader = res.body!.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.length;
      for (let i = 0; i < value.length; i++) if (value[i] === 10) lines++; // LF of CRLF; quoted newlines would count too, none here
    }
    const ms = performance.now() - t0;
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const rows = lines - 1;
    return { rows, rowsPerSecond: (rows / ms) * 1000, peakRss, bytes };
  } finally {
    server.close();
  }
}
