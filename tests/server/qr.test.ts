import { describe, it, expect } from 'vitest';
import { makeEndpoint, enrol, signIn, response, syncRequest, rows, pick, onlyKiosk, ENGINE } from './testkit';
import { uuidv7 } from '../../src/shared/ids';
import { decodeToken, fromBase64Url, mintPresenceToken, signToken, verifyToken, type Verified } from '../../src/shared/token';
import { activeSecret } from '../../src/server/qr/secrets';
import { keyResolver, storeKeySources } from '../../src/server/qr/keys';
import { ARRIVAL_GRACE_MS, phoneCheck } from '../../src/server/qr/rules';
import { ingestBatch } from '../../src/server/ingest/ingest';

type App = Awaited<Awaited<ReturnType<typeof makeEndpoint>>>['app'];
type Outcome = { id: string; status: string; reason?: string };

async function createCase(app: App, auth: { cookie: string; csrf: string }, body: Record<string, unknown>) {
  const r = await app.request('/api/v1/qr/case', {
    method: 'POST', headers: { 'content-type': 'application/json', cookie: auth.cookie, 'x-csrf-token': auth.csrf }, body: JSON.stringify(body),
  });
  return { status: r.status, body: (await r.json()) as { url: string; token: string; svg: string; error?: string } };
}

function phoneRecord(token: string, over: Record<string, unknown> = {}) {
  return response({ channel: 'qr', staffId: null, token, ...over });
}

async function phoneSync(app: App, records: unknown[], deviceId = uuidv7()): Promise<Outcome[]> {
  const r = await app.request('/api/v1/q/sync', syncRequest(null, { deviceId, records }));
  expect(r.status).toBe(200);
  return ((await r.json()) as { results: Outcome[] }).results;
}

describe('case codes (一事一评)', () => {
  it('POST /api/v1/qr/case returns the survey URL and its QR code as SVG', async () => {
    const { app, store } = await makeEndpoint();
    const admin = await signIn(app, store);
    const { status, body } = await createCase(app, admin, { windowId: 'w01', caseNo: 'BJ-2026-000123' });
    expect(status).toBe(200);
    expect(body.url).toMatch(/^http:\/\/localhost\/q\/w01\?t=/);
    expect(body.svg).toMatch(/^<svg[\s\S]*<\/svg>$/);
    expect(decodeToken(body.token)).toMatchObject({ k: 'case', w: 'w01', c: 'BJ-2026-000123' });
  });

  it('a kiosk may ask for a case code with its device token; without any credential it is refused', async () => {
    const { app } = await makeEndpoint();
    const token = await enrol(app, 'w02');
    const ok = await app.request('/api/v1/qr/case', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ caseNo: 'Q-0042' }) });
    expect(ok.status).toBe(200);
    expect(decodeToken(((await ok.json()) as { token: string }).token)).toMatchObject({ w: 'w02', c: 'Q-0042' });
    const anon = await app.request('/api/v1/qr/case', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ windowId: 'w01', caseNo: 'Q-1' }) });
    expect(anon.status).toBe(401);
  });

  it('a case rated twice: the second first-rating is refused as duplicate_case', async () => {
    const { app, store } = await makeEndpoint();
    const { body } = await createCase(app, await signIn(app, store), { windowId: 'w01', caseNo: 'C-1' });
    const [first] = await phoneSync(app, [phoneRecord(body.token, { score: 2, reasons: ['slow'] })]);
    expect(first!.status).toBe('stored');
    const [second] = await phoneSync(app, [phoneRecord(body.token, { score: 5 })]);
    expect(second).toMatchObject({ status: 'rejected', reason: 'duplicate_case' });
    const stored = pick((await rows(store, 'responses')).filter((r) => r.case_no === 'C-1'), 'score', 'channel', 'token_kind', 'case_no');
    expect(stored).toEqual([{ score: 2, channel: 'qr', token_kind: 'case', case_no: 'C-1' }]);
  });

  it('a case code rated on four phones at the same moment: one rating is stored, the others are told duplicate_case, and no batch fails', async () => {
    const { app, store } = await makeEndpoint();
    const { body } = await createCase(app, await signIn(app, store), { windowId: 'w01', caseNo: 'C-RACE' });
    const results = await Promise.all([1, 2, 3, 4].map((score) => phoneSync(app, [phoneRecord(body.token, { score })])));
    expect(results.map(([r]) => r!.status).sort()).toEqual(['rejected', 'rejected', 'rejected', 'stored']);
    expect(results.flat().filter((r) => r.status === 'rejected').map((r) => r.reason)).toEqual(['duplicate_case', 'duplicate_case', 'duplicate_case']);
    expect((await rows(store, 'responses')).filter((r) => r.case_no === 'C-RACE')).toHaveLength(1);
  });

  it('a later step of the same rating (same id, next revision) is not a second rating of the case', async () => {
    const { app, store } = await makeEndpoint();
    const { body } = await createCase(app, await signIn(app, store), { windowId: 'w01', caseNo: 'C-2' });
    const rec = phoneRecord(body.token, { score: 1 });
    const phone = uuidv7(); // the same phone sends the later step
    await phoneSync(app, [rec], phone);
    const [step] = await phoneSync(app, [{ ...rec, rev: 1, reasons: ['attitude'] }], phone);
    expect(step!.status).toBe('stored');
  });

  it('one follow-up rating (二次评价) is accepted once the case is rectified, a second is refused', async () => {
    const { app, store } = await makeEndpoint();
    const admin = await signIn(app, store);
    const { body } = await createCase(app, admin, { windowId: 'w01', caseNo: 'C-3' });
    await phoneSync(app, [phoneRecord(body.token, { score: 1, reasons: ['slow'] })]);
    expect((await createCase(app, admin, { windowId: 'w01', caseNo: 'C-3', followUp: true })).body.error).toBe('case_not_rectified');
    const marked = await app.request('/api/v1/qr/case/C-3/rectified', { method: 'POST', headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf } });
    expect(marked.status).toBe(200);
    const follow = await createCase(app, admin, { windowId: 'w01', caseNo: 'C-3', followUp: true });
    const [a] = await phoneSync(app, [phoneRecord(follow.body.token, { score: 4, followUp: true })]);
    const [b] = await phoneSync(app, [phoneRecord(follow.body.token, { score: 5, followUp: true })]);
    expect([a!.status, b]).toEqual(['stored', expect.objectContaining({ status: 'rejected', reason: 'duplicate_case' })]);
    expect(pick((await rows(store, 'responses')).filter((r) => r.case_no === 'C-3').sort((a, b) => Number(a.follow_up) - Number(b.follow_up)), 'follow_up', 'score')).toEqual([{ follow_up: 0, score: 1 }, { follow_up: 1, score: 4 }]);
  });
});

describe('the phone sync route', () => {
  it('a forged token is rejected with a reason and nothing is stored', async () => {
    const { app, store } = await makeEndpoint();
    const iat = Math.floor(Date.now() / 1000);
    const forged = await signToken({ kid: (await activeSecret(store, 'demo'))!.kid, k: 'poster', w: 'w01', iat, exp: iat + 3600 }, new Uint8Array(32).fill(1));
    const results = await phoneSync(app, [phoneRecord(forged), phoneRecord('abc.def'), phoneRecord(undefined as unknown as string)]);
    expect(results.map((r) => r.reason)).toEqual(['token_invalid', 'token_invalid', 'token_missing']);
    expect(await store.tables.count('responses')).toBe(0);
  });

  it('a token for another window, or one that had expired when the citizen rated, is rejected', async () => {
    const { app, store } = await makeEndpoint();
    const secret = (await activeSecret(store, 'demo'))!;
    const iat = Math.floor(Date.now() / 1000) - 3600;
    const w02 = await signToken({ kid: secret.kid, k: 'poster', w: 'w02', iat, exp: iat + 86_400 }, secret.secret);
    const expired = await signToken({ kid: secret.kid, k: 'poster', w: 'w01', iat, exp: iat + 60 }, secret.secret);
    const results = await phoneSync(app, [phoneRecord(w02), phoneRecord(expired)]);
    expect(results.map((r) => r.reason)).toEqual(['token_wrong_window', 'token_expired']);
    expect(await store.tables.count('responses')).toBe(0);
  });

  it('a rating made offline while its presence code was valid is accepted when it arrives later', async () => {
    let now = Date.now();
    const { app, store } = await makeEndpoint({ now: () => now });
    const device = await enrol(app, 'w01');
    const keyRes = await app.request('/api/v1/qr/presence-key', { headers: { authorization: `Bearer ${device}` } });
    const k = (await keyRes.json()) as { kid: string; key: string };
    const token = await mintPresenceToken({ kid: k.kid, key: fromBase64Url(k.key)! }, 'w01', now);
    const rec = phoneRecord(token, { deviceTime: new Date(now + 5 * 60_000).toISOString() });
    now += 3 * 3600_000; // the phone was offline for three hours
    const [r] = await phoneSync(app, [rec]);
    expect(r!.status).toBe('stored');
    expect(pick(await rows(store, 'responses'), 'token_kind')).toEqual([{ token_kind: 'presence' }]);
  });

  it('a kiosk key cannot be fetched without a device token, and a revoked kiosk\'s presence codes are refused', async () => {
    const { app, store } = await makeEndpoint();
    expect((await app.request('/api/v1/qr/presence-key')).status).toBe(401);
    const device = await enrol(app, 'w01');
    const k = (await (await app.request('/api/v1/qr/presence-key', { headers: { authorization: `Bearer ${device}` } })).json()) as { kid: string; key: string };
    const token = await mintPresenceToken({ kid: k.kid, key: fromBase64Url(k.key)! }, 'w01', Date.now());
    await store.kiosks.revoke((await onlyKiosk(store)).id, Date.now());
    const [r] = await phoneSync(app, [phoneRecord(token)]);
    expect(r).toMatchObject({ status: 'rejected', reason: 'token_invalid' });
  });

  it('a second poster rating from the same phone within 10 minutes is stored but flagged suspect', async () => {
    const { app, store } = await makeEndpoint();
    const admin = await signIn(app, store);
    const r = await app.request('/api/v1/qr/posters', { headers: { cookie: admin.cookie } });
    const { posters } = (await r.json()) as { posters: { windowId: string; url: string }[] };
    const token = decodeURIComponent(new URL(posters.find((p) => p.windowId === 'w01')!.url).searchParams.get('t')!);
    const phone = uuidv7();
    const t = Date.now();
    await phoneSync(app, [phoneRecord(token, { deviceTime: new Date(t - 120_000).toISOString() })], phone);
    await phoneSync(app, [phoneRecord(token, { deviceTime: new Date(t).toISOString() })], phone);
    await phoneSync(app, [phoneRecord(token, { deviceTime: new Date(t).toISOString() })], uuidv7());
    expect(pick(await rows(store, 'responses'), 'suspect', 'token_kind')).toEqual([
      { suspect: 0, token_kind: 'poster' }, { suspect: 1, token_kind: 'poster' }, { suspect: 0, token_kind: 'poster' },
    ]);
  });

  it('after the site secret is rotated, printed posters stop working', async () => {
    const { app, store } = await makeEndpoint();
    const admin = await signIn(app, store);
    const { posters } = (await (await app.request('/api/v1/qr/posters', { headers: { cookie: admin.cookie } })).json()) as { posters: { url: string }[] };
    const token = new URL(posters[0]!.url).searchParams.get('t')!;
    const rot = await app.request('/api/v1/qr/rotate', { method: 'POST', headers: { 'content-type': 'application/json', cookie: admin.cookie, 'x-csrf-token': admin.csrf }, body: JSON.stringify({ siteId: 'demo' }) });
    expect(rot.status).toBe(200);
    const [r] = await phoneSync(app, [phoneRecord(token, { windowId: decodeToken(token)!.w })]);
    expect(r).toMatchObject({ status: 'rejected', reason: 'token_invalid' });
  });

  it('a phone batch without a device id is a 400 naming the field', async () => {
    const { app } = await makeEndpoint();
    const r = await app.request('/api/v1/q/sync', syncRequest(null, { records: [] }));
    expect(r.status).toBe(400);
    expect(((await r.json()) as { field: string }).field).toBe('deviceId');
  });
});

describe('who a phone rating from the kiosk\'s own QR code is for', () => {
  /** A presence code as kiosk `windowId` shows it, naming who is signed in (`staff`; undefined: an older code). */
  async function presenceCode(app: App, windowId: string, staff: string | null | undefined, now = Date.now()): Promise<string> {
    const device = await enrol(app, windowId);
    const k = (await (await app.request('/api/v1/qr/presence-key', { headers: { authorization: `Bearer ${device}` } })).json()) as { kid: string; key: string };
    return mintPresenceToken({ kid: k.kid, key: fromBase64Url(k.key)! }, windowId, now, staff);
  }

  const phone = uuidv7();
  /** Ingests a batch from one phone as the phone route does, with the staff lookup the check takes. */
  async function ingestPhone(ep: Awaited<ReturnType<typeof makeEndpoint>>, records: Array<Record<string, unknown>>) {
    const now = Date.now();
    const keyFor = keyResolver(storeKeySources(ep.store));
    const verdicts = new Map<string, Verified>();
    for (const { token } of records as Array<{ token: string }>) verdicts.set(token, await verifyToken(token, { nowMs: now, keyFor, graceMs: ARRIVAL_GRACE_MS }));
    const staffSiteOf = (id: string) => ep.config.staff.get(id)?.siteId;
    return ingestBatch({ store: ep.store, config: ep.config, now, source: { kind: 'qr', deviceId: phone }, check: phoneCheck(verdicts, phone, now, null, staffSiteOf) }, records);
  }

  it('goes to the staff member signed in at the kiosk, whatever staff the phone sent', async () => {
    const ep = await makeEndpoint();
    const token = await presenceCode(ep.app, 'w01', 's1002');
    const [r] = await ingestPhone(ep, [phoneRecord(token, { staffId: 's1001' })]);
    expect(r!.status).toBe('stored');
    expect(pick(await rows(ep.store, 'responses'), 'staff_id', 'token_kind')).toEqual([{ staff_id: 's1002', token_kind: 'presence' }]);
  });

  it('goes to nobody when nobody was signed in, and a resent rating is still one rating', async () => {
    const ep = await makeEndpoint();
    const rec = phoneRecord(await presenceCode(ep.app, 'w01', null), { staffId: 's1001' });
    await ingestPhone(ep, [structuredClone(rec)]);
    const [again] = await ingestPhone(ep, [structuredClone(rec)]);
    expect(again).toMatchObject({ status: 'duplicate' });
    expect(pick(await rows(ep.store, 'responses'), 'staff_id')).toEqual([{ staff_id: null }]);
  });

  it('is refused when the code names staff of another hall', async () => {
    const ep = await makeEndpoint();
    ep.config.staff.set('x9001', { ...ep.config.staff.get('s1001')!, id: 'x9001', siteId: 'elsewhere' });
    const [r] = await ingestPhone(ep, [phoneRecord(await presenceCode(ep.app, 'w01', 'x9001'), { staffId: 's1001' })]);
    expect(r).toMatchObject({ status: 'rejected', reason: 'unknown_staff' });
    expect(await ep.store.tables.count('responses')).toBe(0);
  });

  it('an older code without the claim, and a poster code, keep the staff the phone sent (the window\'s)', async () => {
    const ep = await makeEndpoint();
    const old = await presenceCode(ep.app, 'w01', undefined);
    const secret = (await activeSecret(ep.store, 'demo'))!;
    const iat = Math.floor(Date.now() / 1000);
    const poster = await signToken({ kid: secret.kid, k: 'poster', w: 'w01', iat, exp: iat + 3600 }, secret.secret);
    const results = await ingestPhone(ep, [phoneRecord(old, { staffId: 's1001' }), phoneRecord(poster, { staffId: 's1001' })]);
    expect(results.map((r) => r.status)).toEqual(['stored', 'stored']);
    expect(pick(await rows(ep.store, 'responses'), 'staff_id')).toEqual([{ staff_id: 's1001' }, { staff_id: 's1001' }]);
  });
});

describe('a phone batch PostgreSQL aborted and runs again (a deadlock, a serialisation failure)', () => {
  it.runIf(ENGINE === 'postgres')('is judged as if the aborted try never ran: a rating only that try noted does not make the next one look like a repeat', async () => {
    const ep = await makeEndpoint();
    const admin = await signIn(ep.app, ep.store);
    const { posters } = (await (await ep.app.request('/api/v1/qr/posters', { headers: { cookie: admin.cookie } })).json()) as { posters: { windowId: string; url: string }[] };
    const token = new URL(posters.find((p) => p.windowId === 'w01')!.url).searchParams.get('t')!;
    const now = Date.now();
    const verdicts = new Map([[token, await verifyToken(token, { nowMs: now, keyFor: keyResolver(storeKeySources(ep.store)), graceMs: ARRIVAL_GRACE_MS })]]);
    const phone = uuidv7();
    const check = phoneCheck(verdicts, phone, now);
    const site = ep.config.sites.get('demo')!;
    const at = new Date(now).toISOString();
    // The first try judges a rating (it will be refused on the retry, e.g. its case rated by another phone first), then aborts.
    await expect(ep.store.tx(async (t) => {
      await check(t, phoneRecord(token, { score: 1, deviceTime: at }) as never, site);
      throw new Error('deadlock detected');
    })).rejects.toThrow('deadlock detected');
    // The retry judges the batch's other rating by the same phone for the same window: nothing stored or noted before it.
    const verdict = await ep.store.tx((t) => check(t, phoneRecord(token, { score: 5, deviceTime: at }) as never, site));
    expect(verdict).toEqual({ ok: true, tokenKind: 'poster' });
  });
});
