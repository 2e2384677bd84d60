/**
 * What the route tests share: one endpoint with a paired kiosk, a session per role, how each route is called with a
 * credential, the credential each kind of route accepts, and the documented success request of every route that
 * needs a body or an existing object (`SUCCESS`).
 */
import { expect } from 'vitest';
import { makeEndpoint, signIn, response, rows, syncRequest, testPasswordHash } from './testkit';
import { badReview, complaint } from './cases-kit';
import { ROUTE_CREDENTIALS } from '../../src/server/auth/credentials';
import type { Role } from '../../src/server/auth/users';

export type Endpoint = Awaited<ReturnType<typeof makeEndpoint>>;
export type Creds = { cookie?: string; csrf?: string; bearer?: string };

/** The request a holder of the right credential makes, and the success status the route documents for it. */
export interface Success {
  /** Documented success status; 200 unless stated. */
  status?: number;
  body?: () => unknown | Promise<unknown>;
  /** Path parameters of a real object, made beforehand through the API. */
  params?: () => Promise<Record<string, string>>;
}

/** The form body of a personal-data download, for the routes whose credential is `session_form`. */
export const PERSONAL_FORM: Success = { body: () => ({ reason: '回访差评核对' }) };

const SAMPLE_PARAMS: Record<string, string> = { windowId: 'w01', siteId: 'demo', id: '1', caseNo: 'C-1' };
export const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

// Set by openRouteKit in a beforeAll; importers read them through the module's live bindings.
export let ep: Endpoint;
/** The device token of the kit's own kiosk (window w01), paired with a code as in production. */
export let deviceToken: string;
const sessions = new Map<Role, { cookie: string; csrf: string; userId: number; username: string }>();
let displayToken: string | null = null;

/** A production endpoint with one kiosk paired at window w01; call it in a beforeAll. */
export async function openRouteKit(): Promise<void> {
  ep = await makeEndpoint({ production: true });
  sessions.clear();
  displayToken = null;
  const { code } = (await (await adminPost('/api/v1/admin/kiosks/pairing-codes', { windowId: 'w01' })).json()) as { code: string };
  const r = await ep.app.request('/api/v1/enrol', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
  deviceToken = ((await r.json()) as { token: string }).token;
}

/** The session of a user of this role (sites: demo), made once, with its user id and name. */
export const session = async (role: Role) => {
  let s = sessions.get(role);
  if (!s) {
    const signed = await signIn(ep.app, ep.store, role, ['demo']);
    const me = (await (await ep.app.request('/api/v1/auth/me', { headers: { cookie: signed.cookie } })).json()) as { user: { id: number; username: string } };
    sessions.set(role, (s = { ...signed, userId: me.user.id, username: me.user.username }));
  }
  return s;
};

export const adminPost = async (path: string, body: unknown): Promise<Response> => {
  const s = await session('admin');
  return ep.app.request(`http://hall.local${path}`, { method: 'POST', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' }, body: JSON.stringify(body) });
};

/** The right credential for a route, as its kind in src/server/auth/credentials.ts names it (the first role of a session). */
export async function rightCredential(key: string): Promise<Creds> {
  const cred = ROUTE_CREDENTIALS[key]!;
  switch (cred.kind) {
    case 'public':
    case 'pairing_code': // the code is in the body
    case 'qr_token': // the token is in each record, or in ?t=
      return {};
    case 'device':
      return { bearer: deviceToken };
    case 'display_token': {
      displayToken ??= ((await (await adminPost('/api/v1/display-tokens', { siteId: 'demo', label: 'hall screen' })).json()) as { token: string }).token;
      return { bearer: displayToken };
    }
    default:
      return session(cred.roles[0]!);
  }
}

/** A second kiosk, so revoking or moving it leaves the kit's own kiosk untouched. */
export const spareKiosk = async (windowId: string): Promise<string> => {
  const { code } = (await (await adminPost('/api/v1/admin/kiosks/pairing-codes', { windowId })).json()) as { code: string };
  const r = await ep.app.request('/api/v1/enrol', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
  return ((await r.json()) as { deviceId: string }).deviceId;
};
let caseCount = 0;
/** The token of a window's printed poster, as a phone reads it from the QR code. */
export const posterToken = async (windowId: string): Promise<string> => {
  const { posters } = (await (await ep.app.request('/api/v1/qr/posters', { headers: { cookie: (await session('admin')).cookie } })).json()) as { posters: { windowId: string; url: string }[] };
  return new URL(posters.find((p) => p.windowId === windowId)!.url).searchParams.get('t')!;
};

/** Records sent by the kit's own kiosk (window w01), each of them stored. */
export const kioskSends = async (...records: Array<Record<string, unknown>>): Promise<void> => {
  const r = await ep.app.request('/api/v1/sync', syncRequest(deviceToken, { records }));
  expect(r.status).toBe(200);
  expect(((await r.json()) as { results: { status: string }[] }).results.map((x) => x.status)).toEqual(records.map(() => 'stored'));
};
/** A bad review with a phone number, as a citizen leaves it, and the case the endpoint opened for it. */
export const openedCase = async (): Promise<{ number: string; trackingCode: string }> => {
  const rec = badReview();
  await kioskSends(rec);
  const row = await ep.store.cases.bySource('response', rec.id as string);
  expect(row, 'a bad review with a phone opens a case').not.toBeNull();
  return { number: row!.number, trackingCode: rec.trackingCode };
};
/** Steps a case as an admin, each step answered 200. */
export const stepCase = async (number: string, ...steps: unknown[]): Promise<void> => {
  for (const body of steps) expect((await adminPost(`/api/v1/cases/${number}/steps`, body)).status).toBe(200);
};

export const SUCCESS: Readonly<Record<string, Success>> = {
  // A user made as signIn makes one (no scrypt hashing per user), signing in with the test password.
  'POST /api/v1/auth/login': {
    body: async () => {
      const username = `login-${++caseCount}`;
      await ep.store.users.create({ username, role: 'staff', passwordHash: await testPasswordHash(), sites: ['demo'], staffId: null, createdAt: Date.now() });
      return { username, password: 'pw-123456' };
    },
  },
  'POST /api/v1/enrol': { body: async () => ({ code: ((await (await adminPost('/api/v1/admin/kiosks/pairing-codes', { windowId: 'w03' })).json()) as { code: string }).code }) },
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
  'POST /api/v1/q/sync': { body: async () => ({ deviceId: 'phone-0000-0001', records: [response({ channel: 'qr', token: await posterToken('w01') })] }) },
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

export function urlOf(path: string, params: Record<string, string> = {}): string {
  return path.replace(/:(\w+)/g, (_m, name: string) => encodeURIComponent(params[name] ?? SAMPLE_PARAMS[name] ?? 'x'));
}

/** The headers a holder of `creds` sends: cookie and bearer token, and on a write the CSRF header and a JSON body type. */
export function headersFor(method: string, creds: Creds): Record<string, string> {
  const headers: Record<string, string> = {};
  if (creds.cookie) headers.cookie = creds.cookie;
  if (creds.csrf && UNSAFE.has(method)) headers['x-csrf-token'] = creds.csrf;
  if (creds.bearer) headers.authorization = `Bearer ${creds.bearer}`;
  if (UNSAFE.has(method)) headers['content-type'] = 'application/json';
  return headers;
}

export async function call(ep: Endpoint, key: string, creds: Creds, body?: unknown, params?: Record<string, string>): Promise<Response> {
  const [method, path] = key.split(' ') as [string, string];
  if (ROUTE_CREDENTIALS[key]?.kind === 'session_form') {
    // A form post: the CSRF token is a field of the url-encoded body, as the admin page's form sends it.
    const fields = new URLSearchParams({ ...(body as Record<string, string> | undefined), ...(creds.csrf ? { csrf: creds.csrf } : {}) });
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
    if (creds.cookie) headers.cookie = creds.cookie;
    if (creds.bearer) headers.authorization = `Bearer ${creds.bearer}`;
    return ep.app.request(`http://hall.local${urlOf(path, params)}`, { method, headers, body: fields.toString() });
  }
  return ep.app.request(`http://hall.local${urlOf(path, params)}`, { method, headers: headersFor(method, creds), ...(UNSAFE.has(method) ? { body: JSON.stringify(body ?? {}) } : {}) });
}
