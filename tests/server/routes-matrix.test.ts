/**
 * Every API route createApp registers, tried with no credential, a wrong one and the right one,
 * against the list in src/server/auth/credentials.ts. A route missing from that list fails here.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { signIn, response, rows } from './testkit';
import { ROUTE_CREDENTIALS, describeCredential, type Credential } from '../../src/server/auth/credentials';
import { createUser, type Role } from '../../src/server/auth/users';
import { ep, deviceToken, openRouteKit, session, adminPost, call, SUCCESS, PERSONAL_FORM, UNSAFE, type Creds, type Endpoint } from './routes-kit';

const REFUSED = [401, 403];

function registered(ep: Endpoint): string[] {
  const keys = ep.app.routes.filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/')).map((r) => `${r.method} ${r.path}`);
  return [...new Set(keys)].sort();
}

/** The right credential gets exactly the documented success status (a 500 or a 400 is not "let in"). */
async function expectSuccess(key: string, creds: Creds): Promise<Response> {
  const ok = SUCCESS[key] ?? {};
  const params = ok.params ? await ok.params() : undefined;
  const res = await call(ep, key, creds, await ok.body?.(), params);
  const expected = ok.status ?? 200;
  if (res.status !== expected) expect(`${res.status} ${await res.clone().text()}`.slice(0, 300), `${key} with the right credential`).toBe(`${expected}`);
  return res;
}

beforeAll(openRouteKit);

describe('which credential every API route accepts', () => {
  it('every registered API route is in the credential list, and the list names no route that does not exist', () => {
    const routes = registered(ep);
    expect(routes.filter((k) => !(k in ROUTE_CREDENTIALS)), 'routes missing from src/server/auth/credentials.ts').toEqual([]);
    expect(Object.keys(ROUTE_CREDENTIALS).filter((k) => !routes.includes(k)), 'listed routes that are not registered').toEqual([]);
  });

  it('every route that needs a body or an existing object to succeed says so in routes-kit.ts', () => {
    expect(Object.keys(SUCCESS).filter((k) => !(k in ROUTE_CREDENTIALS)), 'success requests for routes that do not exist').toEqual([]);
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
  switch (cred.kind) {
    case 'public': {
      if (key === 'POST /api/v1/auth/login') {
        await createUser(ep.store, { username: 'matrix-login', password: 'matrix-password', role: 'staff' });
        expect((await call(ep, key, {}, {})).status).toBe(400);
        expect((await call(ep, key, {}, { username: 'matrix-login', password: 'wrong-password' })).status).toBe(401);
        expect((await call(ep, key, {}, { username: 'matrix-login', password: 'matrix-password' })).status).toBe(200);
        return;
      }
      await expectSuccess(key, {});
      return;
    }
    case 'device': {
      expect((await call(ep, key, {})).status).toBe(401);
      expect((await call(ep, key, { bearer: 'not-a-device-token' })).status).toBe(401);
      expect((await call(ep, key, await session('admin'))).status).toBe(401);
      await expectSuccess(key, { bearer: deviceToken });
      return;
    }
    case 'pairing_code': {
      expect((await call(ep, key, {}, { windowId: 'w01' })).status).toBe(403); // production: open enrolment refused
      expect((await call(ep, key, {}, { code: 'WRNG-C0DE' })).status).toBe(401);
      const { code: fresh } = (await (await adminPost('/api/v1/admin/kiosks/pairing-codes', { windowId: 'w02' })).json()) as { code: string };
      expect((await call(ep, key, {}, { code: fresh })).status).toBe(200);
      return;
    }
    case 'display_token': {
      expect((await call(ep, key, {})).status).toBe(401);
      expect((await call(ep, key, { bearer: 'not-a-display-token' })).status).toBe(401);
      expect((await call(ep, key, { ...(await session('admin')), bearer: deviceToken })).status).toBe(401);
      const { token } = (await (await adminPost('/api/v1/display-tokens', { siteId: 'demo', label: 'hall screen' })).json()) as { token: string };
      await expectSuccess(key, { bearer: token });
      return;
    }
    case 'qr_token': {
      if (key.startsWith('GET ')) {
        const status = async (t: string) => (await ep.app.request(`http://hall.local${key.slice(4)}?t=${encodeURIComponent(t)}`)).status;
        expect(await status('')).toBe(400);
        expect(await status('forged.token')).toBe(401);
        const { posters } = (await (await ep.app.request('/api/v1/qr/posters', { headers: { cookie: (await session('admin')).cookie } })).json()) as { posters: { windowId: string; url: string }[] };
        expect(await status(new URL(posters[0]!.url).searchParams.get('t')!)).toBe(200);
        return;
      }
      const count = async () => (await rows(ep.store, 'responses')).filter((r) => r.channel === 'qr').length;
      const before = await count();
      const phone = { deviceId: 'phone-0000-0001' };
      const none = await call(ep, key, {}, { ...phone, records: [response({ channel: 'qr' })] });
      expect(none.status).toBe(200); // phones are answered per record…
      expect(((await none.json()) as { results: { status: string }[] }).results[0]!.status).toBe('rejected'); // …and refused without a token
      const wrong = await call(ep, key, {}, { ...phone, records: [response({ channel: 'qr', token: 'forged.token' })] });
      expect(((await wrong.json()) as { results: { status: string }[] }).results[0]!.status).toBe('rejected');
      expect(await count()).toBe(before);
      const { posters } = (await (await ep.app.request('/api/v1/qr/posters', { headers: { cookie: (await session('admin')).cookie } })).json()) as { posters: { windowId: string; url: string }[] };
      const poster = new URL(posters.find((p) => p.windowId === 'w01')!.url).searchParams.get('t')!;
      const right = await call(ep, key, {}, { ...phone, records: [response({ channel: 'qr', token: poster })] });
      expect(right.status).toBe(200);
      expect(((await right.json()) as { results: { status: string }[] }).results[0]!.status).toBe('stored');
      return;
    }
    case 'session_form': {
      const [method, path] = key.split(' ') as [string, string];
      const reason = PERSONAL_FORM.body!();
      expect((await call(ep, key, {}, reason)).status).toBe(401);
      expect((await call(ep, key, { cookie: 'fk_session=forged' }, reason)).status).toBe(401);
      expect((await call(ep, key, { bearer: deviceToken }, reason)).status).toBe(401);
      for (const other of (['admin', 'supervisor', 'staff'] as const).filter((r) => !cred.roles.includes(r))) {
        expect((await call(ep, key, await session(other), reason)).status, `${other} must be refused`).toBe(403);
      }
      const right = await session(cred.roles[0]!);
      expect((await call(ep, key, { cookie: right.cookie }, reason)).status, 'a form without the CSRF token').toBe(403);
      expect((await call(ep, key, { cookie: right.cookie, csrf: 'not-the-token' }, reason)).status, 'a form with a wrong CSRF token').toBe(403);
      const headerOnly = await ep.app.request(`http://hall.local${path}`, {
        method, headers: { cookie: right.cookie, 'x-csrf-token': right.csrf, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(reason as Record<string, string>).toString(),
      });
      expect(headerOnly.status, 'the CSRF header instead of the form field').toBe(403);
      await expectSuccess(key, right);
      return;
    }
    case 'session':
    case 'session_or_device':
    case 'case_issuer': {
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
      await expectSuccess(key, right);
      if (cred.kind === 'session_or_device' || cred.kind === 'case_issuer') await expectSuccess(key, { bearer: deviceToken });
      if (cred.kind === 'case_issuer') {
        expect((await call(ep, key, { bearer: 'ik_not-a-real-key' }, SUCCESS[key]?.body?.())).status, 'an unknown integration key').toBe(401);
        const made = await adminPost('/api/v1/admin/integration-keys', { siteId: 'demo', label: 'queue system' });
        await expectSuccess(key, { bearer: ((await made.json()) as { key: string }).key });
      }
      return;
    }
  }
}
