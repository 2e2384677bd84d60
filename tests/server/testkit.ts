/** An in-process endpoint for tests: in-memory SQLite, the demo kiosk-config, a fixed clock. */
import { resolve } from 'node:path';
import { openDb, type Db } from '../../src/server/db/sqlite';
import { loadConfig, ConfigIndex } from '../../src/server/config/load';
import { createApp } from '../../src/server/app';
import { createUser } from '../../src/server/auth/users';
import { uuidv7 } from '../../src/shared/ids';

export const CONFIG_DIR = resolve(import.meta.dirname, '../../kiosk-config');

export function makeEndpoint(opts: { now?: () => number; production?: boolean; trustProxy?: string } = {}) {
  const db: Db = openDb(':memory:');
  const config = new ConfigIndex(loadConfig(CONFIG_DIR));
  const app = createApp({ db, config, now: opts.now ?? Date.now, version: 'test', production: opts.production ?? false, trustProxy: opts.trustProxy });
  return { db, config, app };
}

type App = ReturnType<typeof makeEndpoint>['app'];

export async function enrol(app: App, windowId = 'w01'): Promise<string> {
  const r = await app.request('/api/v1/enrol', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ windowId }) });
  if (r.status !== 200) throw new Error(`enrol failed: ${r.status} ${await r.text()}`);
  return ((await r.json()) as { token: string }).token;
}

export function syncRequest(token: string | null, body: unknown): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  };
}

let seq = 0;
export function response(over: Record<string, unknown> = {}) {
  return {
    type: 'response', id: uuidv7(), rev: 0, seq: ++seq, windowId: 'w01', staffId: 's1001', score: 5, scale: 5, reasons: [],
    deviceTime: new Date().toISOString(), channel: 'kiosk', ...over,
  };
}

/** Signs in a new user of a role and returns the cookie and CSRF token. */
export async function signIn(app: App, db: Db, role: 'admin' | 'supervisor' | 'staff' = 'admin', sites: string[] = []) {
  const username = `${role}-${Math.random().toString(36).slice(2, 8)}`;
  createUser(db, { username, password: 'pw-123456', role, sites });
  const r = await app.request('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'pw-123456' }) });
  const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrf } = (await r.json()) as { csrf: string };
  return { cookie, csrf };
}
