/**
 * An unknown path under an API prefix whose every route needs a credential is refused as its routes are: without
 * the credential nobody learns which paths exist there. The prefixes are read from src/server/auth/credentials.ts,
 * so a new one is held to the same rule.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { makeEndpoint, pairKiosk, signIn } from './testkit';
import { ROUTE_CREDENTIALS, type Credential } from '../../src/server/auth/credentials';
import type { Role } from '../../src/server/auth/users';

type Endpoint = Awaited<ReturnType<typeof makeEndpoint>>;
const ROLES: readonly Role[] = ['admin', 'supervisor', 'staff'];

/** `/api/v1/<segment>` of every route with a path below it, and the credentials of all its routes. */
function prefixes(): Map<string, { routes: string[]; credentials: Credential[] }> {
  const paths = Object.keys(ROUTE_CREDENTIALS).map((key) => key.split(' ')[1]!);
  const out = new Map<string, { routes: string[]; credentials: Credential[] }>();
  for (const path of paths) {
    const m = /^(\/api\/v1\/[^/]+)\//.exec(path);
    if (m) out.set(m[1]!, { routes: [], credentials: [] });
  }
  for (const [key, cred] of Object.entries(ROUTE_CREDENTIALS)) {
    const path = key.split(' ')[1]!;
    for (const [prefix, under] of out) {
      if (path === prefix || path.startsWith(`${prefix}/`)) { under.routes.push(key); under.credentials.push(cred); }
    }
  }
  return out;
}

const all = [...prefixes()];
/** Prefixes every route of which needs a session, with the roles any of them lets in. */
const signedIn = all.filter(([, p]) => p.credentials.every((c) => c.kind === 'session' || c.kind === 'session_form'))
  .map(([prefix, p]) => ({ prefix, route: p.routes.find((k) => k.startsWith('GET '))!, roles: ROLES.filter((r) => p.credentials.some((c) => 'roles' in c && c.roles.includes(r))) }));
/** Prefixes every route of which needs a kiosk's device token. */
const deviceOnly = all.filter(([, p]) => p.credentials.every((c) => c.kind === 'device')).map(([prefix, p]) => ({ prefix, route: p.routes[0]! }));

let ep: Endpoint;
let deviceToken: string;
const sessions = new Map<Role, { cookie: string; csrf: string }>();

beforeAll(async () => {
  ep = await makeEndpoint({ production: true });
  deviceToken = await pairKiosk(ep.app, ep.store);
  for (const role of ROLES) sessions.set(role, await signIn(ep.app, ep.store, role, ['demo']));
});

async function ask(method: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
  const r = await ep.app.request(`http://hall.local${path}`, { method, headers });
  return { status: r.status, body: await r.json() };
}
/** A signed-in user's request headers, the CSRF header included as the staff pages send it. */
const asRole = (role: Role) => ({ cookie: sessions.get(role)!.cookie, 'x-csrf-token': sessions.get(role)!.csrf });

describe('an unknown export path', () => {
  it('asks for sign-in, with the answer a known export gives, before saying whether the path exists', async () => {
    const known = await ask('GET', '/api/v1/export/responses.csv?site=demo');
    expect(known.status).toBe(401);
    for (const method of ['GET', 'POST']) {
      expect(await ask(method, '/api/v1/export/nope.csv'), method).toEqual(known);
      expect(await ask(method, '/api/v1/export/nope.csv', { cookie: 'fk_session=forged' }), method).toEqual(known);
    }
  });

  it('is refused to staff, as every export is, and is a 404 only to a supervisor or an admin', async () => {
    expect((await ask('GET', '/api/v1/export/nope.csv', asRole('staff'))).status).toBe(403);
    for (const role of ['supervisor', 'admin'] as const) {
      expect(await ask('GET', '/api/v1/export/nope.csv', asRole(role)), role).toEqual({ status: 404, body: { error: 'not_found', message: 'no such API route' } });
    }
  });
});

describe('an unknown path under a prefix whose every route needs a sign-in', () => {
  it('the export, admin, case and alert prefixes are among them', () => {
    expect(signedIn.map((p) => p.prefix)).toEqual(expect.arrayContaining(['/api/v1/export', '/api/v1/admin', '/api/v1/cases', '/api/v1/alerts']));
  });

  for (const { prefix, route, roles } of signedIn) {
    it(`${prefix}/…: without a session, the 401 of ${route}; with a role none of its routes accepts, 403; else 404`, async () => {
      const known = await ask('GET', route.split(' ')[1]!.replace(/:\w+/g, '1'));
      expect(known.status).toBe(401);
      for (const method of ['GET', 'POST']) {
        expect(await ask(method, `${prefix}/no-such-path`), method).toEqual(known);
        for (const role of ROLES.filter((r) => !roles.includes(r))) expect((await ask(method, `${prefix}/no-such-path`, asRole(role))).status, `${method} as ${role}`).toBe(403);
        for (const role of roles) expect((await ask(method, `${prefix}/no-such-path/deeper`, asRole(role))).status, `${method} as ${role}`).toBe(404);
      }
    });
  }
});

describe('an unknown path under a prefix whose every route needs a kiosk', () => {
  for (const { prefix, route } of deviceOnly) {
    it(`${prefix}/…: without a device token, the 401 of ${route}; a 404 only to a kiosk`, async () => {
      const [method, path] = route.split(' ') as [string, string];
      const known = await ask(method, path);
      expect(known.status).toBe(401);
      expect(await ask('GET', `${prefix}/no-such-path`), 'no token').toEqual(known);
      expect((await ask('GET', `${prefix}/no-such-path`, asRole('admin'))).status, 'a session is no device token').toBe(401);
      expect((await ask('GET', `${prefix}/no-such-path`, { authorization: `Bearer ${deviceToken}` })).status).toBe(404);
    });
  }
});
