/** Helpers of the follow-up endpoint tests: people of each role, a kiosk sending records, case calls. */
import type { Role } from '../../src/server/auth/users';
import type { Store } from '../../src/server/store';
import type { CaseDetail, CaseList, CaseSummary } from '../../src/shared/cases/wire';
import { newTrackingCode } from '../../src/shared/cases/tracking';
import { enrol, makeEndpoint, response, syncRequest, testPasswordHash } from './testkit';
import { uuidv7 } from '../../src/shared/ids';

export type Endpoint = Awaited<ReturnType<typeof makeEndpoint>>;
export interface Person { username: string; cookie: string; csrf: string }

let n = 0;
/** Signs in a new user of a role (staff linked to a staff member). */
export async function person(ep: Endpoint, role: Role, opts: { sites?: string[]; staffId?: string } = {}): Promise<Person> {
  const username = `${role}-${++n}`;
  // The password hashed once per process: at scrypt's real cost each user took a second to make and one to sign in.
  await (ep.store as Store).users.create({ username, role, passwordHash: await testPasswordHash(), sites: opts.sites ?? [], staffId: opts.staffId ?? null, createdAt: Date.now() });
  const r = await ep.app.request('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'pw-123456' }) });
  if (r.status !== 200) throw new Error(`login ${r.status}`);
  const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0]!;
  return { username, cookie, csrf: ((await r.json()) as { csrf: string }).csrf };
}

export async function get(ep: Endpoint, who: Person | null, url: string): Promise<Response> {
  return ep.app.request(`http://hall.local${url}`, { headers: who ? { cookie: who.cookie } : {} });
}

export async function post(ep: Endpoint, who: Person, url: string, body: unknown): Promise<Response> {
  return ep.app.request(`http://hall.local${url}`, {
    method: 'POST', headers: { cookie: who.cookie, 'x-csrf-token': who.csrf, 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
}

export async function json<T>(r: Response | Promise<Response>): Promise<T> {
  const res = await r;
  if (!res.ok) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

/** A kiosk of window w01 sending batches. */
export async function kiosk(ep: Endpoint) {
  const token = await enrol(ep.app, 'w01');
  return async (...records: unknown[]) => {
    const r = await ep.app.request('/api/v1/sync', syncRequest(token, { records }));
    if (r.status !== 200) throw new Error(`sync ${r.status}`);
    return ((await r.json()) as { results: Array<{ status: string }> }).results;
  };
}

/** A bad review with a phone number and a tracking code, as the kiosk makes it. */
export function badReview(over: Record<string, unknown> = {}) {
  return { ...response({ score: 1, reasons: ['attitude'], comment: '等了很久没人理', phone: '13812345678' }), trackingCode: newTrackingCode(), ...over };
}

export function complaint(over: Record<string, unknown> = {}) {
  return { type: 'suggestion', id: uuidv7(), rev: 0, seq: 900 + ++n, windowId: 'w01', staffId: 's1001', category: 'complaint', text: '窗口人员办事推诿', deviceTime: new Date().toISOString(), channel: 'kiosk', trackingCode: newTrackingCode(), ...over };
}

export const listCases = (ep: Endpoint, who: Person, q = '') => json<CaseList>(get(ep, who, `/api/v1/cases?site=demo${q}`));
export const caseOf = (ep: Endpoint, who: Person, number: string) => json<CaseDetail>(get(ep, who, `/api/v1/cases/${number}`));
export const step = (ep: Endpoint, who: Person, number: string, body: unknown) => post(ep, who, `/api/v1/cases/${number}/steps`, body);
export const stepOk = (ep: Endpoint, who: Person, number: string, body: unknown) => json<CaseSummary>(step(ep, who, number, body));
