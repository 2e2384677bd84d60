/** An in-process endpoint for tests: a fresh store, the demo kiosk-config, a fixed clock. */
import { resolve } from 'node:path';
import { afterAll, onTestFinished } from 'vitest';
import { dropStaleScratch, scratchSchema } from '../../src/server/store/postgres/scratch';
import { openStore, type Store } from '../../src/server/store';
import { loadConfig, ConfigIndex } from '../../src/server/config/load';
import { createApp } from '../../src/server/app';
import { openSession } from '../../src/server/auth/users';
import { SESSION_COOKIE } from '../../src/server/http/guards';
import { ensureSiteSecrets } from '../../src/server/qr/secrets';
import type { AppDeps } from '../../src/server/http/context';
import { uuidv7 } from '../../src/shared/ids';
import { parseTrustProxy } from '../../src/server/http/client';

export const CONFIG_DIR = resolve(import.meta.dirname, '../../kiosk-config');

/** Which engine endpoint tests run on: TEST_ENGINE=postgres (the vitest project `postgres`) or SQLite. */
export const ENGINE = process.env.TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const open: Store[] = [];
afterAll(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

/** Test schemas older than this were left by a run that died before dropping them (no test runs an hour). */
const STALE_MS = 60 * 60_000;
let swept: Promise<unknown> | null = null;

/**
 * A fresh PostgreSQL schema name for a test (`t_<time>_<random>`). The first call in a test file also drops the
 * test schemas an earlier run left behind.
 */
export async function testSchema(): Promise<string> {
  swept ??= dropStaleScratch(TEST_DATABASE_URL, 't', Date.now() - STALE_MS);
  await swept;
  return scratchSchema('t');
}

/** A fresh, empty store: in-memory SQLite, or a PostgreSQL schema of its own that is dropped afterwards. */
export async function freshStore(): Promise<Store> {
  const store = ENGINE === 'postgres'
    ? await openStore({ url: TEST_DATABASE_URL, schema: await testSchema(), dropSchemaOnClose: true, poolSize: 4 })
    : await openStore({ file: ':memory:' });
  try {
    onTestFinished(() => store.close()); // opened inside a test: closed when it ends
  } catch {
    open.push(store); // opened in a beforeAll: closed when the file ends
  }
  return store;
}

export async function makeEndpoint(opts: { now?: () => number; production?: boolean; ingestHooks?: AppDeps['ingestHooks']; trustProxy?: string; alertSender?: AppDeps['alertSender'] } = {}) {
  const store = await freshStore();
  const config = new ConfigIndex(loadConfig(CONFIG_DIR));
  const now = opts.now ?? Date.now;
  const app = createApp({ store, config, now, version: 'test', production: opts.production ?? false, ...(opts.ingestHooks ? { ingestHooks: opts.ingestHooks } : {}), ...(opts.alertSender ? { alertSender: opts.alertSender } : {}), deploy: { trustProxy: parseTrustProxy(opts.trustProxy) } });
  await ensureSiteSecrets(store, config.config.sites.map((s) => s.id), now()); // as the app does at start; tests read them at once
  return { store, config, app };
}

type App = Awaited<ReturnType<typeof makeEndpoint>>['app'];

/** Every row of a table, in key order, as the store keeps it. */
export async function rows(store: Store, table: string): Promise<Array<Record<string, unknown>>> {
  const out: Array<Record<string, unknown>> = [];
  for (;;) {
    const last = out.length ? out[out.length - 1]! : null;
    const page = await store.tables.scan(table, last ? (last[keyOf(table)] as string | number) : null, 1000);
    out.push(...page);
    if (page.length < 1000) return out;
  }
}

const KEYS: Record<string, string> = { sessions: 'token_hash', settings: 'key', pairing_codes: 'code_hash', qr_secrets: 'kid', qr_cases: 'case_no', qr_phone_ratings: 'record_id', job_leases: 'name' };
const keyOf = (table: string) => KEYS[table] ?? 'id';

/** The named columns of each row. */
export function pick<K extends string>(list: ReadonlyArray<Record<string, unknown>>, ...cols: K[]): Array<Record<K, unknown>> {
  return list.map((r) => Object.fromEntries(cols.map((c) => [c, r[c]])) as Record<K, unknown>);
}

/** Audit entries of one action, oldest first. */
export async function auditOf(store: Store, action: string): Promise<Array<Record<string, unknown>>> {
  return (await rows(store, 'audit')).filter((r) => r.action === action);
}

export async function enrol(app: App, windowId = 'w01'): Promise<string> {
  const r = await app.request('/api/v1/enrol', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ windowId }) });
  if (r.status !== 200) throw new Error(`enrol failed: ${r.status} ${await r.text()}`);
  return ((await r.json()) as { token: string }).token;
}

/** Pairs a kiosk the production way (an admin's pairing code, redeemed by the tablet) and returns its device token. */
export async function pairKiosk(app: App, store: Store, windowId = 'w01'): Promise<string> {
  const admin = await signIn(app, store, 'admin', ['demo']);
  const made = await app.request('http://hall.local/api/v1/admin/kiosks/pairing-codes', {
    method: 'POST', headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json' }, body: JSON.stringify({ windowId }),
  });
  const { code } = (await made.json()) as { code: string };
  const r = await app.request('/api/v1/enrol', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
  if (r.status !== 200) throw new Error(`pairing failed: ${r.status} ${await r.text()}`);
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

// The test password's hash, made once by hashPasswordAsync at the real cost (scrypt N = 2^17): hashing it again in
// every test file took 0.4–1 s of CPU each time. Signing in still verifies it at that cost.
const TEST_HASH = 'scrypt$131072$8$1$kII-7RM12EhBT_nd2GWv2A$yDaUwUCtEA6Jv0ktAh7opEwKZbsrDJMqSM6L1RB8UZ0';
/** The hash of the test password 'pw-123456'. */
export const testPasswordHash = (): Promise<string> => Promise.resolve(TEST_HASH);

/**
 * A new user of a role with a session, as a sign-in opens one, and its cookie and CSRF token. The session is opened
 * the way the sign-in route opens it, without the route's scrypt check (0.4–1 s of CPU each): the sign-in itself is
 * proved in auth.test.ts, lockouts.test.ts and the browser suite.
 */
export async function signIn(_app: App, store: Store, role: 'admin' | 'supervisor' | 'staff' = 'admin', sites: string[] = []) {
  const username = `${role}-${Math.random().toString(36).slice(2, 8)}`;
  const userId = await store.users.create({ username, role, passwordHash: await testPasswordHash(), sites, staffId: null, createdAt: Date.now() });
  const { token, csrf } = await openSession(store, userId, Date.now());
  return { cookie: `${SESSION_COOKIE}=${token}`, csrf };
}

/** The stored response with this id (throws when there is none). */
export async function responseRow(store: Store, id: string) {
  const row = (await store.ingest.findResponses([id])).get(id);
  if (!row) throw new Error(`no response ${id}`);
  return row;
}

/** The only kiosk of a test's store. */
export async function onlyKiosk(store: Store) {
  const [k, ...more] = await store.kiosks.list();
  if (!k || more.length) throw new Error(`expected one kiosk, found ${more.length + (k ? 1 : 0)}`);
  return k;
}
