/**
 * Every API route createApp registers, tried with no credential, a wrong one and the right one,
 * against the list in src/server/auth/credentials.ts. A route missing from that list fails here.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { makeEndpoint, signIn, response, rows } from './testkit';
import { ROUTE_CREDENTIALS, describeCredential, type Credential } from '../../src/server/auth/credentials';
import { createPairingCode } from '../../src/server/auth/pairing';
import { createDisplayToken } from '../../src/server/stats/tokens';
import { issuePosterToken } from '../../src/server/qr/issue';
import { createUser, type Role } from '../../src/server/auth/users';

type Endpoint = Awaited<ReturnType<typeof makeEndpoint>>;
type Creds = { cookie?: string; csrf?: string; bearer?: string };

const SAMPLE_PARAMS: Record<string, string> = { windowId: 'w01', siteId: 'demo', id: '1', caseNo: 'C-1' };
const REFUSED = [401, 403];
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function registered(ep: Endpoint): string[] {
  const keys = ep.app.routes.filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/')).map((r) => `${r.method} ${r.path}`);
  return [...new Set(keys)].sort();
}

function urlOf(path: string): string {
  return path.replace(/:(\w+)/g, (_m, name: string) => SAMPLE_PARAMS[name] ?? 'x');
}

async function call(ep: Endpoint, key: string, creds: Creds, body?: unknown): Promise<Response> {
  const [method, path] = key.split(' ') as [string, string];
  const headers: Record<string, string> = {};
  if (creds.cookie) headers.cookie = creds.cookie;
  if (creds.csrf && UNSAFE.has(method)) headers['x-csrf-token'] = creds.csrf;
  if (creds.bearer) headers.authorization = `Bearer ${creds.bearer}`;
  if (UNSAFE.has(method)) headers['content-type'] = 'application/json';
  return ep.app.request(`http://hall.local${urlOf(path)}`, { method, headers, ...(UNSAFE.has(method) ? { body: JSON.stringify(body ?? {}) } : {}) });
}

let ep: Endpoint;
let deviceToken: string;
const sessions = new Map<Role, { cookie: string; csrf: string }>();
const session = async (role: Role) => {
  let s = sessions.get(role);
  if (!s) sessions.set(role, (s = await signIn(ep.app, ep.store, role, ['demo'])));
  return s;
};

beforeAll(async () => {
  ep = await makeEndpoint({ production: true });
  const code = (await createPairingCode(ep.store, 'demo', 'w01', 'test', Date.now())).code;
  const r = await ep.app.request('/api/v1/enrol', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
  deviceToken = ((await r.json()) as { token: string }).token;
});

describe('which credential every API route accepts', () => {
  it('every registered API route is in the credential list, and the list names no route that does not exist', () => {
    const routes = registered(ep);
    expect(routes.filter((k) => !(k in ROUTE_CREDENTIALS)), 'routes missing from src/server/auth/credentials.ts').toEqual([]);
    expect(Object.keys(ROUTE_CREDENTIALS).filter((k) => !routes.includes(k)), 'listed routes that are not registered').toEqual([]);
  });

  const keys = Object.keys(ROUTE_CREDENTIALS).sort();
  for (const key of keys) {
    const cred: Credential = ROUTE_CREDENTIALS[key]!;
    it(`${key} (${describeCredential(cred)}): none, wrong and right credential`, async () => {
      await check(key, cred);
    });
  }
});

async function freshSession(role: Role) {
  return signIn(ep.app, ep.store, role, ['demo']); // logout and similar must not end the shared sessions
}

async function check(key: string, cred: Credential): Promise<void> {
  const path = key.split(' ')[1]!;
  switch (cred.kind) {
    case 'public': {
      if (key === 'POST /api/v1/auth/login') {
        await createUser(ep.store, { username: 'matrix-login', password: 'matrix-password', role: 'staff' });
        expect((await call(ep, key, {}, {})).status).toBe(400);
        expect((await call(ep, key, {}, { username: 'matrix-login', password: 'wrong-password' })).status).toBe(401);
        expect((await call(ep, key, {}, { username: 'matrix-login', password: 'matrix-password' })).status).toBe(200);
        return;
      }
      expect(REFUSED).not.toContain((await call(ep, key, {})).status);
      return;
    }
    case 'device': {
      expect((await call(ep, key, {})).status).toBe(401);
      expect((await call(ep, key, { bearer: 'not-a-device-token' })).status).toBe(401);
      expect((await call(ep, key, await session('admin'))).status).toBe(401);
      expect(REFUSED).not.toContain((await call(ep, key, { bearer: deviceToken }, { records: [] })).status);
      return;
    }
    case 'pairing_code': {
      expect((await call(ep, key, {}, { windowId: 'w01' })).status).toBe(403); // production: open enrolment refused
      expect((await call(ep, key, {}, { code: 'WRNG-C0DE' })).status).toBe(401);
      const fresh = (await createPairingCode(ep.store, 'demo', 'w02', 'test', Date.now())).code;
      expect((await call(ep, key, {}, { code: fresh })).status).toBe(200);
      return;
    }
    case 'display_token': {
      expect((await call(ep, key, {})).status).toBe(401);
      expect((await call(ep, key, { bearer: 'not-a-display-token' })).status).toBe(401);
      expect((await call(ep, key, { ...(await session('admin')), bearer: deviceToken })).status).toBe(401);
      const { token } = await createDisplayToken(ep.store, 'demo', 'hall screen', 'test', Date.now());
      expect(REFUSED).not.toContain((await call(ep, key, { bearer: token })).status);
      return;
    }
    case 'qr_token': {
      const count = async () => (await rows(ep.store, 'responses')).filter((r) => r.channel === 'qr').length;
      const before = await count();
      const phone = { deviceId: 'phone-0000-0001' };
      const none = await call(ep, key, {}, { ...phone, records: [response({ channel: 'qr' })] });
      expect(REFUSED).not.toContain(none.status); // phones are answered per record…
      expect(((await none.json()) as { results: { status: string }[] }).results[0]!.status).toBe('rejected'); // …and refused without a token
      const wrong = await call(ep, key, {}, { ...phone, records: [response({ channel: 'qr', token: 'forged.token' })] });
      expect(((await wrong.json()) as { results: { status: string }[] }).results[0]!.status).toBe('rejected');
      expect(await count()).toBe(before);
      const issued = await issuePosterToken(ep.store, 'demo', 'w01', Date.now());
      if (issued.kind !== 'ok') throw new Error('the demo site has no signing secret');
      const right = await call(ep, key, {}, { ...phone, records: [response({ channel: 'qr', token: issued.token })] });
      expect(((await right.json()) as { results: { status: string }[] }).results[0]!.status).toBe('stored');
      return;
    }
    case 'session':
    case 'session_or_device': {
      expect((await call(ep, key, {})).status).toBe(401);
      expect((await call(ep, key, { cookie: 'fk_session=forged' })).status).toBe(401);
      if (cred.kind === 'session') expect((await call(ep, key, { bearer: deviceToken })).status).toBe(401);
      for (const other of (['admin', 'supervisor', 'staff'] as const).filter((r) => !cred.roles.includes(r))) {
        expect((await call(ep, key, await session(other))).status, `${other} must be refused`).toBe(403);
      }
      const right = key.includes('/logout') ? await freshSession(cred.roles[0]!) : await session(cred.roles[0]!);
      if (UNSAFE.has(key.split(' ')[0]!)) {
        expect((await call(ep, key, { cookie: right.cookie })).status, 'a write without the CSRF header').toBe(403);
      }
      expect(REFUSED, `${cred.roles[0]} must be let in at ${path}`).not.toContain((await call(ep, key, right)).status);
      if (cred.kind === 'session_or_device') expect(REFUSED).not.toContain((await call(ep, key, { bearer: deviceToken }, { caseNo: 'C-2', windowId: 'w01' })).status);
      return;
    }
  }
}
