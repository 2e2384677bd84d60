/**
 * Every API route createApp registers, tried with no credential, a wrong one and the right one,
 * against the list in src/server/auth/credentials.ts. A route missing from that list fails here.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { makeEndpoint, signIn, response, rows, syncRequest } from './testkit';
import { badReview, complaint } from './cases-kit';
import { ROUTE_CREDENTIALS, describeCredential, type Credential } from '../../src/server/auth/credentials';
import { createUser, type Role } from '../../src/server/auth/users';

type Endpoint = Awaited<ReturnType<typeof makeEndpoint>>;
type Creds = { cookie?: string; csrf?: string; bearer?: string };
/** The form body of a personal-data download, for the routes whose credential is `session_form`. */
const PERSONAL_FORM: Success = { body: () => ({ reason: '回访差评核对' }) };

const SAMPLE_PARAMS: Record<string, string> = { windowId: 'w01', siteId: 'demo', id: '1', caseNo: 'C-1' };
const REFUSED = [401, 403];
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The request a holder of the right credential makes, and the success status the route documents for it. */
interface Success {
  /** Documented success status; 200 unless stated. */
  status?: number;
  body?: () => unknown | Promise<unknown>;
  /** Path parameters of a real object, made beforehand through the API. */
  params?: () => Promise<Record<string, string>>;
}

const adminPost = async (path: string, body: unknown): Promise<Response> => {
  const s = await session('admin');
  return ep.app.request(`http://hall.local${path}`, { method: 'POST', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' }, body: JSON.stringify(body) });
};
/** A second kiosk, so revoking or moving it leaves the matrix's own kiosk untouched. */
const spareKiosk = async (windowId: string): Promise<string> => {
  const { code } = (await (await adminPost('/api/v1/admin/kiosks/pairing-codes', { windowId })).json()) as { code: string };
  const r = await ep.app.request('/api/v1/enrol', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
  return ((await r.json()) as { deviceId: string }).deviceId;
};
let caseCount = 0;

/** Records sent by the matrix's own kiosk (window w01), each of them stored. */
const kioskSends = async (...records: Array<Record<string, unknown>>): Promise<void> => {
  const r = await ep.app.request('/api/v1/sync', syncRequest(deviceToken, { records }));
  expect(r.status).toBe(200);
  expect(((await r.json()) as { results: { status: string }[] }).results.map((x) => x.status)).toEqual(records.map(() => 'stored'));
};
/** A bad review with a phone number, as a citizen leaves it, and the case the endpoint opened for it. */
const openedCase = async (): Promise<{ number: string; trackingCode: string }> => {
  const rec = badReview();
  await kioskSends(rec);
  const row = await ep.store.cases.bySource('response', rec.id as string);
  expect(row, 'a bad review with a phone opens a case').not.toBeNull();
  return { number: row!.number, trackingCode: rec.trackingCode };
};
/** Steps a case as an admin, each step answered 200. */
const stepCase = async (number: string, ...steps: unknown[]): Promise<void> => {
  for (const body of steps) expect((await adminPost(`/api/v1/cases/${number}/steps`, body)).status).toBe(200);
};

const SUCCESS: Readonly<Record<string, Success>> = {
  'POST /api/v1/admin/users': { status: 201, body: () => ({ username: `matrix-${++caseCount}`, password: 'a-long-enough-password', role: 'staff' }) },
  'PATCH /api/v1/admin/users/:id': { body: () => ({ disabled: false }), params: async () => ({ id: String((await session('staff')).userId) }) },
  'POST /api/v1/admin/users/unlock': { body: () => ({ username: 'someone' }) },
  'POST /api/v1/admin/kiosks/pairing-codes': { status: 201, body: () => ({ windowId: 'w02' }) },
  // Alerts: the right credential gets past the guard; an unknown id then answers 404 naming it.
  'POST /api/v1/alerts/:id/ack': { status: 404, body: () => ({ comment: 'ok' }) },
  'DELETE /api/v1/admin/alert-channels/:id': { status: 404 },
  'POST /api/v1/admin/alert-channels/:id/test': { status: 404 },
  'POST /api/v1/admin/alert-deliveries/:id/resend': { status: 404 },
  'PUT /api/v1/admin/alert-channels/:id': { body: () => ({ siteId: 'demo', kind: 'webhook', name: 'matrix', url: 'http://127.0.0.1:9/hook' }) },
  'POST /api/v1/admin/kiosks/:id/revoke': { params: async () => ({ id: await spareKiosk('w04') }) },
  'POST /api/v1/admin/kiosks/:id/move': { body: () => ({ windowId: 'w05' }), params: async () => ({ id: await spareKiosk('w04') }) },
  'POST /api/v1/display-tokens': { body: () => ({ siteId: 'demo', label: 'hall screen' }) },
  'POST /api/v1/display-tokens/:id/revoke': {
    params: async () => ({ id: String(((await (await adminPost('/api/v1/display-tokens', { siteId: 'demo', label: 'to revoke' })).json()) as { id: number }).id) }),
  },
  'POST /api/v1/export/responses.csv': PERSONAL_FORM,
  'POST /api/v1/export/responses.jsonl': PERSONAL_FORM,
  'POST /api/v1/export/responses.xlsx': PERSONAL_FORM,
  'POST /api/v1/export/suggestions.csv': PERSONAL_FORM,
  'POST /api/v1/export/suggestions.jsonl': PERSONAL_FORM,
  'POST /api/v1/export/suggestions.xlsx': PERSONAL_FORM,
  'POST /api/v1/cases.csv': PERSONAL_FORM,
  'POST /api/v1/heartbeat': { body: () => ({ appVersion: 'matrix', pending: 0, deadLetters: 0, lastSyncAt: null, storageUsage: null, storageQuota: null, clockOffsetMs: null }) },
  'POST /api/v1/sync': { body: () => ({ records: [response()] }) },
  'POST /api/v1/staff/sign-in': { body: () => ({ staffNumber: '1001', pin: '246001' }) },
  'POST /api/v1/qr/case': { body: () => ({ windowId: 'w01', caseNo: `MATRIX-${++caseCount}` }) },
  'POST /api/v1/qr/case/:caseNo/rectified': {
    params: async () => {
      const caseNo = `MATRIX-R-${++caseCount}`;
      expect((await adminPost('/api/v1/qr/case', { windowId: 'w01', caseNo })).status).toBe(200);
      return { caseNo };
    },
  },
  'POST /api/v1/qr/rotate': { body: () => ({ siteId: 'demo' }) },
  'POST /api/v1/admin/purge': { body: () => ({}) },
  'POST /api/v1/admin/integration-keys': { status: 201, body: () => ({ siteId: 'demo', label: 'queue system' }) },
  'POST /api/v1/admin/integration-keys/:id/revoke': {
    params: async () => ({ id: String(((await (await adminPost('/api/v1/admin/integration-keys', { siteId: 'demo', label: 'to revoke' })).json()) as { id: number }).id) }),
  },
  'GET /api/v1/cases/:number': { params: async () => ({ number: (await openedCase()).number }) },
  'GET /api/v1/cases/:number/assignees': { params: async () => ({ number: (await openedCase()).number }) },
  'GET /api/v1/track/:code': { params: async () => ({ code: (await openedCase()).trackingCode }) },
  'GET /api/v1/stats/feedback/:kind/:id': {
    params: async () => {
      const rec = response({ score: 4, comment: '办事很快' });
      await kioskSends(rec);
      return { kind: 'response', id: rec.id as string };
    },
  },
  // A rating that opened no case is promoted into one: 201 (a second promotion would answer 200 with the same case).
  'POST /api/v1/cases': {
    status: 201,
    body: async () => {
      const rec = response({ score: 3, comment: '材料要求没有一次说清' });
      await kioskSends(rec);
      return { kind: 'response', id: rec.id, category: 'general' };
    },
  },
  'POST /api/v1/cases/:number/steps': { body: () => ({ action: 'comment', note: '已联系窗口负责人' }), params: async () => ({ number: (await openedCase()).number }) },
  'POST /api/v1/cases/:number/reveal': { params: async () => ({ number: (await openedCase()).number }) },
  'POST /api/v1/cases/:number/followup-qr': {
    params: async () => {
      const { number } = await openedCase();
      await stepCase(number, { action: 'assign', assignee: (await session('admin')).username }, { action: 'verify', founded: true, note: '属实' },
        { action: 'call', reached: true, note: '已致歉' }, { action: 'rectify', note: '已整改' });
      return { number };
    },
  },
  'POST /api/v1/insights/corrections': {
    body: async () => {
      const rec = response({ score: 2, reasons: ['attitude'], comment: '工作人员态度冷淡' });
      await kioskSends(rec);
      return { site: 'demo', commentId: rec.id, categories: ['attitude'] };
    },
  },
  // A founded complaint vetoes the window's month; an admin lifts it with a reason.
  'POST /api/v1/vetoes/:id/lift': {
    body: () => ({ reason: '复核认定系误投' }),
    params: async () => {
      const rec = complaint();
      await kioskSends(rec);
      const row = await ep.store.cases.bySource('suggestion', rec.id as string);
      await stepCase(row!.number, { action: 'assign', assignee: (await session('admin')).username }, { action: 'verify', founded: true, note: '投诉属实' });
      const vetoes = (await rows(ep.store, 'vetoes')).filter((v) => v.case_id === row!.number);
      expect(vetoes.length, 'a founded complaint vetoes the month').toBeGreaterThan(0);
      return { id: String(vetoes[0]!.id) };
    },
  },
};

function registered(ep: Endpoint): string[] {
  const keys = ep.app.routes.filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/')).map((r) => `${r.method} ${r.path}`);
  return [...new Set(keys)].sort();
}

function urlOf(path: string, params: Record<string, string> = {}): string {
  return path.replace(/:(\w+)/g, (_m, name: string) => encodeURIComponent(params[name] ?? SAMPLE_PARAMS[name] ?? 'x'));
}

async function call(ep: Endpoint, key: string, creds: Creds, body?: unknown, params?: Record<string, string>): Promise<Response> {
  const [method, path] = key.split(' ') as [string, string];
  if (ROUTE_CREDENTIALS[key]?.kind === 'session_form') {
    // A form post: the CSRF token is a field of the url-encoded body, as the admin page's form sends it.
    const fields = new URLSearchParams({ ...(body as Record<string, string> | undefined), ...(creds.csrf ? { csrf: creds.csrf } : {}) });
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
    if (creds.cookie) headers.cookie = creds.cookie;
    if (creds.bearer) headers.authorization = `Bearer ${creds.bearer}`;
    return ep.app.request(`http://hall.local${urlOf(path, params)}`, { method, headers, body: fields.toString() });
  }
  const headers: Record<string, string> = {};
  if (creds.cookie) headers.cookie = creds.cookie;
  if (creds.csrf && UNSAFE.has(method)) headers['x-csrf-token'] = creds.csrf;
  if (creds.bearer) headers.authorization = `Bearer ${creds.bearer}`;
  if (UNSAFE.has(method)) headers['content-type'] = 'application/json';
  return ep.app.request(`http://hall.local${urlOf(path, params)}`, { method, headers, ...(UNSAFE.has(method) ? { body: JSON.stringify(body ?? {}) } : {}) });
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

let ep: Endpoint;
let deviceToken: string;
const sessions = new Map<Role, { cookie: string; csrf: string; userId: number; username: string }>();
const session = async (role: Role) => {
  let s = sessions.get(role);
  if (!s) {
    const signed = await signIn(ep.app, ep.store, role, ['demo']);
    const me = (await (await ep.app.request('/api/v1/auth/me', { headers: { cookie: signed.cookie } })).json()) as { user: { id: number; username: string } };
    sessions.set(role, (s = { ...signed, userId: me.user.id, username: me.user.username }));
  }
  return s;
};

beforeAll(async () => {
  ep = await makeEndpoint({ production: true });
  const { code } = (await (await adminPost('/api/v1/admin/kiosks/pairing-codes', { windowId: 'w01' })).json()) as { code: string };
  const r = await ep.app.request('/api/v1/enrol', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
  deviceToken = ((await r.json()) as { token: string }).token;
});

describe('which credential every API route accepts', () => {
  it('every registered API route is in the credential list, and the list names no route that does not exist', () => {
    const routes = registered(ep);
    expect(routes.filter((k) => !(k in ROUTE_CREDENTIALS)), 'routes missing from src/server/auth/credentials.ts').toEqual([]);
    expect(Object.keys(ROUTE_CREDENTIALS).filter((k) => !routes.includes(k)), 'listed routes that are not registered').toEqual([]);
  });

  it('every route that needs a body or an existing object to succeed says so in this file', () => {
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
