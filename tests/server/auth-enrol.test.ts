import 'fake-indexeddb/auto';
import { describe, it, expect } from 'vitest';
import { makeEndpoint, signIn, syncRequest, response, auditOf, onlyKiosk } from './testkit';
import { openKioskDb } from '../../src/device/store/db';
import { saveRecord } from '../../src/device/store/records';
import { ensureEnrolled } from '../../src/device/enrol';
import { getEnrolment } from '../../src/device/store/meta';
import { drainOutbox, DEFAULT_SYNC } from '../../src/device/sync/engine';
import { uuidv7 } from '../../src/shared/ids';
import * as v from 'valibot';
import { HeartbeatAnswerSchema } from '../../src/shared/wire';

const json = { 'content-type': 'application/json' };
type App = Awaited<ReturnType<typeof makeEndpoint>>['app'];

async function pairingCode(app: App, admin: { cookie: string; csrf: string }, windowId: string): Promise<{ code: string; qrSvg: string; url: string; expiresAt: number }> {
  const r = await app.request('http://hall.local/api/v1/admin/kiosks/pairing-codes', { method: 'POST', headers: { ...json, cookie: admin.cookie, 'x-csrf-token': admin.csrf }, body: JSON.stringify({ windowId }) });
  expect(r.status).toBe(201);
  return (await r.json()) as { code: string; qrSvg: string; url: string; expiresAt: number };
}

const enrolWith = (app: App, body: unknown) => app.request('/api/v1/enrol', { method: 'POST', headers: json, body: JSON.stringify(body) });

describe('enrolment by pairing code', () => {
  it('an admin picks a window, the tablet enters the code and receives a device token for that window', async () => {
    const { app, store } = await makeEndpoint({ production: true });
    const admin = await signIn(app, store, 'admin');
    const p = await pairingCode(app, admin, 'w03');
    expect(p.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(p.qrSvg).toContain('<svg');
    expect(p.url).toBe(`http://hall.local/kiosk?code=${p.code.replace('-', '')}`);
    const r = await enrolWith(app, { code: p.code.toLowerCase() });
    expect(r.status).toBe(200);
    const body = (await r.json()) as { token: string; windowId: string; siteId: string };
    expect(body).toMatchObject({ windowId: 'w03', siteId: 'demo' });
    const sync = await app.request('/api/v1/sync', syncRequest(body.token, { records: [response({ windowId: 'w03' })] }));
    expect(sync.status).toBe(200);
    expect((await onlyKiosk(store)).token_hash).not.toBe(body.token); // stored hashed
  });

  it('a code is good for one tablet only', async () => {
    const { app, store } = await makeEndpoint();
    const p = await pairingCode(app, await signIn(app, store, 'admin'), 'w01');
    expect((await enrolWith(app, { code: p.code })).status).toBe(200);
    const again = await enrolWith(app, { code: p.code });
    expect(again.status).toBe(410);
    expect(await again.json()).toMatchObject({ error: 'code_used', field: 'code' });
  });

  it('a code older than 15 minutes is refused as expired', async () => {
    let now = Date.parse('2026-11-23T02:00:00Z');
    const { app, store } = await makeEndpoint({ now: () => now });
    const p = await pairingCode(app, await signIn(app, store, 'admin'), 'w01');
    now += 15 * 60_000 + 1;
    const r = await enrolWith(app, { code: p.code });
    expect(r.status).toBe(410);
    expect(((await r.json()) as { message: string }).message).toContain('expired');
  });

  it('a wrong code is refused, and guessing is cut off after ten tries with 429', async () => {
    const { app } = await makeEndpoint();
    for (let i = 0; i < 10; i++) expect((await enrolWith(app, { code: `ZZZZ-ZZ${String(i).padStart(2, '0')}` })).status).toBe(401);
    const r = await enrolWith(app, { code: 'ZZZZ-ZZZZ' });
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBeTruthy();
  });

  it('open enrolment of the demo site works outside production and is refused in production', async () => {
    expect((await enrolWith((await makeEndpoint({ production: false })).app, { windowId: 'w01' })).status).toBe(200);
    const r = await enrolWith((await makeEndpoint({ production: true })).app, { windowId: 'w01' });
    expect(r.status).toBe(403);
    expect(await r.json()).toMatchObject({ error: 'pairing_code_required' });
  });

  it('a kiosk moved to another window records for the new window from then on', async () => {
    const { app, store } = await makeEndpoint();
    const admin = await signIn(app, store, 'admin');
    const { token, deviceId } = (await (await enrolWith(app, { windowId: 'w01' })).json()) as { token: string; deviceId: string };
    const mv = await app.request(`/api/v1/admin/kiosks/${deviceId}/move`, { method: 'POST', headers: { ...json, cookie: admin.cookie, 'x-csrf-token': admin.csrf }, body: JSON.stringify({ windowId: 'w02' }) });
    expect(mv.status).toBe(200);
    expect((await store.kiosks.byId(deviceId))?.window_id).toBe('w02');
    expect((await app.request('/api/v1/sync', syncRequest(token, { records: [response({ windowId: 'w02' })] }))).status).toBe(200);
    expect((await auditOf(store, 'kiosk_moved'))).toHaveLength(1);
  });

  it('the answer to a kiosk\'s heartbeat names its window, the new one after an admin\'s Move, and a revoked kiosk is told nothing', async () => {
    const { app, store } = await makeEndpoint();
    const admin = await signIn(app, store, 'admin');
    const { token, deviceId } = (await (await enrolWith(app, { windowId: 'w01' })).json()) as { token: string; deviceId: string };
    const beat = async (): Promise<Response> => app.request('/api/v1/heartbeat', {
      method: 'POST', headers: { ...json, authorization: `Bearer ${token}` },
      body: JSON.stringify({ appVersion: '1.0', pending: 0, deadLetters: 0, lastSyncAt: null, storageUsage: null, storageQuota: null, clockOffsetMs: null }),
    });
    const windowOf = async (res: Response): Promise<string> => {
      expect(res.status).toBe(200);
      return v.parse(HeartbeatAnswerSchema, await res.json()).windowId;
    };
    expect(await windowOf(await beat())).toBe('w01');
    const asAdmin = { method: 'POST', headers: { ...json, cookie: admin.cookie, 'x-csrf-token': admin.csrf } };
    expect((await app.request(`/api/v1/admin/kiosks/${deviceId}/move`, { ...asAdmin, body: JSON.stringify({ windowId: 'w02' }) })).status).toBe(200);
    expect(await windowOf(await beat())).toBe('w02');
    expect((await app.request(`/api/v1/admin/kiosks/${deviceId}/revoke`, { ...asAdmin, body: '{}' })).status).toBe(200);
    const refused = await beat();
    expect(refused.status).toBe(401);
    expect(await refused.json()).not.toHaveProperty('windowId');
  });

  it('a kiosk rates its own window only: a rating for another window of the hall is refused by itself, naming windowId', async () => {
    const { app, store } = await makeEndpoint();
    const { token } = (await (await enrolWith(app, { windowId: 'w01' })).json()) as { token: string };
    const own = response({ windowId: 'w01' });
    const other = response({ windowId: 'w02' });
    const res = await app.request('/api/v1/sync', syncRequest(token, { records: [other, own] }));
    expect(res.status).toBe(200);
    const { results } = (await res.json()) as { results: Array<{ id: string; status: string; code?: string; field?: string }> };
    expect(results).toEqual([
      expect.objectContaining({ id: other.id, status: 'rejected', code: 'wrong_window', field: 'windowId' }),
      expect.objectContaining({ id: own.id, status: 'stored' }),
    ]);
    expect(await store.tables.count('responses')).toBe(1);
  });

  it('ratings a kiosk made at its old window before a Move, still queued, are taken after it; moving back and forth keeps each window once', async () => {
    const { app, store } = await makeEndpoint();
    const admin = await signIn(app, store, 'admin');
    const { token, deviceId } = (await (await enrolWith(app, { windowId: 'w01' })).json()) as { token: string; deviceId: string };
    const queued = response({ windowId: 'w01' });
    const move = (windowId: string) => app.request(`/api/v1/admin/kiosks/${deviceId}/move`, { method: 'POST', headers: { ...json, cookie: admin.cookie, 'x-csrf-token': admin.csrf }, body: JSON.stringify({ windowId }) });
    expect((await move('w02')).status).toBe(200);
    const res = await app.request('/api/v1/sync', syncRequest(token, { records: [queued, response({ windowId: 'w02' }), response({ windowId: 'w03' })] }));
    const { results } = (await res.json()) as { results: Array<{ status: string; code?: string }> };
    expect(results.map((r) => r.code ?? r.status)).toEqual(['stored', 'stored', 'wrong_window']);
    expect((await move('w01')).status).toBe(200);
    expect((await move('w02')).status).toBe(200);
    const row = (await store.kiosks.byId(deviceId))!;
    expect([row.window_id, JSON.parse(row.past_windows)]).toEqual(['w02', ['w01', 'w02']]);
  });
});

describe('revoking a kiosk', () => {
  it('its next sync gets 401, every rating stays on the device, and all of them arrive once it is paired again', async () => {
    const { app, store } = await makeEndpoint();
    const admin = await signIn(app, store, 'admin');
    const p = await pairingCode(app, admin, 'w02');
    const device = await openKioskDb(`revoke-${uuidv7()}`);
    const fetchApp: typeof fetch = (input, init) => Promise.resolve(app.request(String(input), init));
    const enrolled = await ensureEnrolled(device, 'w02', p.code, fetchApp, 'http://hall.local');
    expect(enrolled.kind).toBe('enrolled');
    const enrolment = (await getEnrolment(device, 'w02'))!;
    const rating = (score: 1 | 2 | 3 | 4 | 5) => ({
      type: 'response' as const, id: uuidv7(), rev: 0, windowId: 'w02', staffId: null, score, scale: 5 as const, reasons: score <= 2 ? ['slow'] : [],
      deviceTime: new Date().toISOString(), channel: 'kiosk' as const, suspect: false, followUp: false,
    });
    const deps = {
      ...DEFAULT_SYNC, db: device, baseUrl: 'http://hall.local', getToken: async () => enrolment.token, deviceId: enrolment.deviceId,
      fetch: fetchApp, now: Date.now, random: Math.random,
    };
    await saveRecord(device, rating(5));
    expect(await drainOutbox(deps)).toMatchObject({ kind: 'done', stored: 1 });

    const rv = await app.request(`/api/v1/admin/kiosks/${enrolment.deviceId}/revoke`, { method: 'POST', headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf } });
    expect(rv.status).toBe(200);
    for (const s of [4, 1, 3] as const) await saveRecord(device, rating(s));
    const direct = await app.request('/api/v1/sync', syncRequest(enrolment.token, { records: [] }));
    expect(direct.status).toBe(401);
    expect(await drainOutbox(deps)).toMatchObject({ kind: 'unauthorized' });
    expect(await device.count('outbox')).toBe(3);
    expect(await device.count('responses')).toBe(4);
    expect(await device.count('deadLetters')).toBe(0);
    expect(await store.tables.count('responses')).toBe(1);
    expect((await auditOf(store, 'kiosk_revoked'))).toHaveLength(1);

    // Paired again with a new code, the same device sends what it kept.
    const again = await ensureEnrolled(device, 'w02', (await pairingCode(app, admin, 'w02')).code, fetchApp, 'http://hall.local');
    expect(again.kind).toBe('enrolled');
    const renewed = (await getEnrolment(device, 'w02'))!;
    expect(await drainOutbox({ ...deps, getToken: async () => renewed.token, deviceId: renewed.deviceId })).toMatchObject({ kind: 'done', stored: 3 });
    expect(await device.count('outbox')).toBe(0);
    expect(await store.tables.count('responses')).toBe(4);
  });
});
