import { describe, it, expect } from 'vitest';
import * as v from 'valibot';
import { makeEndpoint, enrol, signIn, syncRequest, response } from '../server/testkit';
import {
  ApiErrorSchema, AuditPageSchema, DailyStatsSchema, DisplayFiguresSchema, DisplayTokenCreatedSchema, DisplayTokenListSchema, FeedbackSchema,
  FleetSchema, HeatmapSchema, MeSchema, MonthReportSchema, PairingSchema, PosterListSchema, RankingSchema, ReasonsSchema, SubjectsSchema,
  UserAnswerSchema, UserListSchema, WindowListSchema,
} from '../../src/shared/api';

type App = Awaited<ReturnType<typeof makeEndpoint>>['app'];
const NOW = Date.parse('2026-11-16T04:00:00Z');

async function answer(app: App, url: string, init: RequestInit = {}): Promise<{ status: number; body: unknown }> {
  const r = await app.request(url, init);
  return { status: r.status, body: await r.json() };
}

/** The first issue of a schema check, or null when the answer matches. */
function mismatch(schema: v.GenericSchema, body: unknown): string | null {
  const r = v.safeParse(schema, body);
  return r.success ? null : `${v.getDotPath(r.issues[0]) ?? ''}: ${r.issues[0].message}`;
}

async function seeded() {
  const { app, store } = await makeEndpoint({ now: () => NOW });
  const token = await enrol(app, 'w01');
  const records = [5, 4, 1, 2, 5].map((score, i) => response({
    score, reasons: score <= 2 ? ['slow'] : [], comment: score <= 2 ? '排队太久' : undefined, phone: score === 1 ? '13812341234' : undefined,
    deviceTime: new Date(NOW - (i + 1) * 3_600_000).toISOString(),
  }));
  await app.request('/api/v1/sync', syncRequest(token, { records }));
  const admin = await signIn(app, store, 'admin');
  const write = (body: unknown, method = 'POST'): RequestInit => ({ method, headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { app, store, token, admin, write };
}

describe('one contract between browser and endpoint', () => {
  it('every answer a staff screen reads matches the schema the browser checks it against', async () => {
    const { app, admin, write } = await seeded();
    const read = { headers: { cookie: admin.cookie } };
    const q = 'site=demo&from=2026-11-01&to=2026-11-30';
    const gets: [string, v.GenericSchema][] = [
      ['/api/v1/auth/me', MeSchema], ['/api/v1/windows', WindowListSchema], ['/api/v1/stats/subjects', SubjectsSchema],
      [`/api/v1/stats/daily?${q}`, DailyStatsSchema], [`/api/v1/stats/ranking?${q}`, RankingSchema], [`/api/v1/stats/heatmap?${q}`, HeatmapSchema],
      [`/api/v1/stats/reasons?${q}`, ReasonsSchema], [`/api/v1/stats/feedback?${q}`, FeedbackSchema], ['/api/v1/stats/month?site=demo&month=2026-11', MonthReportSchema],
      ['/api/v1/admin/kiosks', FleetSchema], ['/api/v1/admin/users', UserListSchema], ['/api/v1/admin/audit', AuditPageSchema],
      ['/api/v1/display-tokens', DisplayTokenListSchema], ['/api/v1/qr/posters', PosterListSchema],
    ];
    for (const [url, schema] of gets) {
      const a = await answer(app, url, read);
      expect(a.status, url).toBe(200);
      expect(mismatch(schema, a.body), url).toBeNull();
    }
    const made = await answer(app, '/api/v1/display-tokens', write({ siteId: 'demo', label: 'Hall screen' }));
    expect(mismatch(DisplayTokenCreatedSchema, made.body)).toBeNull();
    const token = v.parse(DisplayTokenCreatedSchema, made.body).token;
    const display = await answer(app, '/api/v1/display/demo', { headers: { authorization: `Bearer ${token}` } });
    expect(mismatch(DisplayFiguresSchema, display.body)).toBeNull();
    expect(mismatch(PairingSchema, (await answer(app, '/api/v1/admin/kiosks/pairing-codes', write({ windowId: 'w02' }))).body)).toBeNull();
    const user = await answer(app, '/api/v1/admin/users', write({ username: 'li.na', password: 'long-enough-1', role: 'supervisor', sites: ['demo'] }));
    expect(mismatch(UserAnswerSchema, user.body)).toBeNull();
  });

  it('a refused request names the field in the one error body, on every route that validates', async () => {
    const { app, write, token } = await seeded();
    const refusals: [string, RequestInit, string][] = [
      ['/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: '', password: 'x' }) }, 'username'],
      ['/api/v1/admin/users', write({ username: 'x', password: 'long-enough-1', role: 'admin' }), 'username'],
      ['/api/v1/admin/users/1', write({ role: 'king' }, 'PATCH'), 'role'],
      ['/api/v1/admin/kiosks/pairing-codes', write({ windowId: '' }), 'windowId'],
      ['/api/v1/admin/kiosks/pairing-codes', write({ windowId: 'w01', name: 'x'.repeat(65) }), 'name'],
      ['/api/v1/display-tokens', write({ siteId: 'demo', label: '   ' }), 'label'],
      ['/api/v1/enrol', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: 42 }) }, 'code'],
      ['/api/v1/heartbeat', syncRequest(token, { appVersion: 'x', pending: -1, deadLetters: 0, lastSyncAt: null, storageUsage: null, storageQuota: null, clockOffsetMs: null }), 'pending'],
    ];
    for (const [url, init, field] of refusals) {
      const a = await answer(app, url, init);
      expect(a.status, url).toBe(400);
      expect(mismatch(ApiErrorSchema, a.body), url).toBeNull();
      expect(a.body, url).toMatchObject({ error: 'invalid', field });
    }
    const malformed = await answer(app, '/api/v1/admin/users', { ...write({}), body: '{"username":' });
    expect(malformed).toMatchObject({ status: 400, body: { error: 'malformed_json' } });
  });

  it('a kiosk carries the name given at pairing, and its model and browser from the heartbeat, into the fleet view', async () => {
    const { app, admin, write } = await seeded();
    const code = v.parse(PairingSchema, (await answer(app, '/api/v1/admin/kiosks/pairing-codes', write({ windowId: 'w03', name: '  Window 3 left tablet ' }))).body).code;
    const enrolled = await answer(app, '/api/v1/enrol', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
    expect(enrolled.status).toBe(200);
    const token = (enrolled.body as { token: string }).token;
    const beat = { appVersion: '1.2.3', pending: 0, deadLetters: 0, lastSyncAt: null, storageUsage: null, storageQuota: null, clockOffsetMs: null, model: 'SM-X200', browser: 'Chrome 120' };
    expect((await app.request('/api/v1/heartbeat', syncRequest(token, beat))).status).toBe(200);
    const fleet = v.parse(FleetSchema, (await answer(app, '/api/v1/admin/kiosks', { headers: { cookie: admin.cookie } })).body);
    const named = fleet.kiosks.find((k) => k.windowId === 'w03');
    expect(named).toMatchObject({ name: 'Window 3 left tablet', model: 'SM-X200', browser: 'Chrome 120' });
    // A kiosk paired without a name (and one enrolled before names existed) has none: screens show the window's number and name.
    expect(fleet.kiosks.find((k) => k.windowId === 'w01')).toMatchObject({ name: null, model: null, browser: null });
  });

  it('a refused record says why as a code a screen can render, beside the endpoint\'s words', async () => {
    const { app, token } = await seeded();
    const first = response({ score: 4 });
    await app.request('/api/v1/sync', syncRequest(token, { records: [first] }));
    const again = { ...first, score: 1, reasons: ['slow'] }; // same id and revision, another payload
    const sent = await answer(app, '/api/v1/sync', syncRequest(token, { records: [again, response({ windowId: 'w99' }), response({ staffId: 'nobody' }), { type: 'response', id: 'x' }] }));
    const results = (sent.body as { results: { status: string; code?: string; reason: string; field?: string }[] }).results;
    expect(results.map((r) => [r.status, r.code, r.field])).toEqual([
      ['rejected', 'conflict_payload', 'id'], ['rejected', 'unknown_window', 'windowId'], ['rejected', 'unknown_staff', 'staffId'], ['rejected', 'invalid', 'id'],
    ]);
    expect(results[0]!.reason).toMatch(/^conflict/);
  });
});
