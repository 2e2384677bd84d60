import { describe, it, expect, beforeAll } from 'vitest';
import { makeEndpoint, signIn, response, auditOf } from './testkit';
import type { ResponseRow } from '../../src/server/store';
import { seedResponses } from '../../src/server/cli/seed';
import { createUser } from '../../src/server/auth/users';
import { runDailyEarlyWarning, type NewWarning } from '../../src/server/insights/warnings';
import type { Bulletin, CommentsReport, CompareReport, ThemesReport, WarningsReport } from '../../src/shared/insights/wire';

// The seed makes window w03 slip from fair to poor over the last 45 days up to its end day.
const END = '2026-11-30';
const NOW = Date.parse('2026-11-30T10:00:00+08:00');
type Ep = Awaited<ReturnType<typeof makeEndpoint>>;
let ep: Ep;
let admin: { cookie: string; csrf: string };
let supervisor: { cookie: string; csrf: string };

const get = async <T>(path: string, who: { cookie: string }) => {
  const r = await ep.app.request(path, { headers: { cookie: who.cookie } });
  return { status: r.status, body: (await r.json()) as T };
};

beforeAll(async () => {
  ep = await makeEndpoint({ now: () => NOW });
  await seedResponses(ep.store, ep.config.config, { responses: 30_000, days: 120, end: END, now: NOW });
  admin = await signIn(ep.app, ep.store, 'admin');
  supervisor = await signIn(ep.app, ep.store, 'supervisor', ['demo']);
});

describe('insights endpoint: comparison', () => {
  it('gives each window 满意率 with its interval, 环比 and 同比, ranked by the lower bound', async () => {
    const { status, body } = await get<CompareReport>('/api/v1/insights/compare?site=demo&from=2026-11-01&to=2026-11-30', supervisor);
    expect(status).toBe(200);
    expect(body.previous).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    expect(body.lastYear).toEqual({ from: '2025-11-01', to: '2025-11-30' });
    const lows = body.windows.map((w) => w.now.low);
    expect(lows).toEqual([...lows].sort((a, b) => b - a));
    const w03 = body.windows.find((w) => w.id === 'w03')!;
    expect(body.windows.at(-1)!.id).toBe('w03');
    expect(w03.previous).toMatchObject({ kind: 'compared', direction: 'down' });
    // The seed has no data a year back: nothing to say 同比.
    expect(w03.lastYear.kind).toBe('no-baseline');
  });

  it('compares the site\'s three rates too: 满意率 and 差评率 move in opposite directions', async () => {
    const { body } = await get<CompareReport>('/api/v1/insights/compare?site=demo&from=2026-11-01&to=2026-11-30&window=w03', supervisor);
    const { satisfaction, good, bad } = body.totalRates;
    expect(satisfaction.now.n).toBe(body.total.now.n);
    expect(satisfaction.previous).toMatchObject({ kind: 'compared', direction: 'down' });
    expect(bad.previous).toMatchObject({ kind: 'compared', direction: 'up' });
    expect(good.now.k).toBeGreaterThanOrEqual(satisfaction.now.k);
  });

  it('a single day of one staff member is "too few ratings to say"', async () => {
    const { body } = await get<CompareReport>('/api/v1/insights/compare?site=demo&from=2026-11-29&to=2026-11-29&staff=s1005', supervisor);
    expect(body.staff.map((s) => s.id)).toEqual(['s1005']);
    expect(body.staff[0]!.previous.kind).toBe('too-few');
  });

  it('refuses a site the supervisor does not hold, and bad dates name the field', async () => {
    const other = await signIn(ep.app, ep.store, 'supervisor', ['elsewhere']);
    expect((await get('/api/v1/insights/compare?site=demo', other)).status).toBe(403);
    const bad = await get<{ field: string }>('/api/v1/insights/compare?site=demo&from=2026-13-01', supervisor);
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('from');
  });

  it('staff see their own figures only', async () => {
    await createUser(ep.store, { username: 'li-na', password: 'pw-123456', role: 'staff', sites: ['demo'], staffId: 's1003' });
    const r = await ep.app.request('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'li-na', password: 'pw-123456' }) });
    const liNa = { cookie: (r.headers.get('set-cookie') ?? '').split(';')[0]! };
    const own = await get<CompareReport>('/api/v1/insights/compare?site=demo', liNa);
    expect(own.status).toBe(200);
    expect(own.body.windows).toEqual([]);
    expect(own.body.staff.map((s) => s.id)).toEqual(['s1003']);
    expect((await get('/api/v1/insights/compare?site=demo&staff=s1001', liNa)).status).toBe(403);
    const unlinked = await signIn(ep.app, ep.store, 'staff', ['demo']);
    expect((await get('/api/v1/insights/warnings?site=demo', unlinked)).status).toBe(403);
  });
});

describe('insights endpoint: early warning', () => {
  it('flags the slipping window with since when, counts, intervals and the reasons that grew', async () => {
    const { body } = await get<WarningsReport>('/api/v1/insights/warnings?site=demo&asOf=2026-11-30', supervisor);
    expect(body.monitored).toEqual({ from: '2026-11-03', to: '2026-11-30' });
    const w03 = body.rows.find((r) => r.subject === 'window' && r.id === 'w03')!;
    expect(body.rows[0]!.result.kind).toBe('warning');
    expect(w03.result.kind).toBe('warning');
    if (w03.result.kind !== 'warning') return;
    expect(w03.result.recent.high).toBeLessThan(w03.result.baseline.low);
    expect(w03.result.since >= '2026-11-03').toBe(true);
    expect(w03.result.reasons.map((r) => r.code)).toContain('slow');
    const steady = body.rows.filter((r) => r.subject === 'window' && r.id !== 'w03' && r.id !== 'w02');
    expect(steady.every((r) => r.result.kind !== 'warning')).toBe(true);
  });

  it('the daily job hands each new warning to the alerts hook once: the day it appears, not the days after', async () => {
    const store = ep.store.insights;
    const delivered = new Map<string, string>();
    // Run the job every night of November, as the alerts engine would.
    for (let d = 2; d <= 30; d++) {
      const night = Date.parse(`2026-11-${String(d).padStart(2, '0')}T01:00:00+08:00`);
      await runDailyEarlyWarning(store, ep.config, night, async (w: NewWarning) => {
        expect(delivered.has(`${w.row.subject}:${w.row.id}`), `${w.row.id} delivered twice`).toBe(false);
        delivered.set(`${w.row.subject}:${w.row.id}`, w.asOf);
      });
    }
    expect([...delivered.keys()]).toContain('window:w03');
  });
});

describe('insights endpoint: comments and corrections', () => {
  let commentIds: string[] = [];
  beforeAll(async () => {
    // Stored as ingest stores them (roll-ups included), without the sync route's other hooks.
    const at = NOW - 60_000;
    const texts = ['什么破服务，他妈的等了一上午', '门口收费处要红包', '窗口的指示牌看不清楚', '缴费码扫不出来', '缴费码过期了还让我重排'];
    const insert: ResponseRow[] = texts.map((comment, i) => ({
      id: response().id as string, rev: 0, payload_hash: `test-${i}`, site_id: 'demo', window_id: 'w01', staff_id: 's1001', kiosk_id: null, device_id: null,
      channel: 'kiosk', token_kind: null, case_no: null, follow_up: 0, score: 1, scale: 5, reasons: '["other"]', comment, phone: null,
      device_time: new Date(at).toISOString(), received_at: at, counted_at: at + i, day: END, hour: 9, weekday: 1, seq: null, suspect: 0, flags: '',
    }));
    commentIds = insert.map((r) => r.id);
    await ep.store.ingest.write({ responses: { insert, update: [] }, suggestions: { insert: [], update: [] } });
  });

  it('masks profanity and hides its category from a supervisor; an admin sees both', async () => {
    const q = '/api/v1/insights/comments?site=demo&from=2026-11-30&to=2026-11-30&window=w01';
    const sup = (await get<CommentsReport>(q, supervisor)).body;
    const mine = sup.comments.find((c) => c.id === commentIds[0])!;
    expect(mine.text).toBe('什么破服务，＊＊的等了一上午');
    expect(mine.codes).not.toContain('profanity');
    expect(sup.categories.map((c) => c.code)).not.toContain('profanity');
    const adm = (await get<CommentsReport>(q, admin)).body;
    const raw = adm.comments.find((c) => c.id === commentIds[0])!;
    expect(raw.text).toBe('什么破服务，他妈的等了一上午');
    expect(raw.codes).toContain('profanity');
    expect(adm.comments.find((c) => c.id === commentIds[1])!.codes).toEqual(['charges', 'urgent']);
  });

  const post = (body: unknown, who = supervisor) => ep.app.request('/api/v1/insights/corrections', {
    method: 'POST', headers: { cookie: who.cookie, 'x-csrf-token': who.csrf, 'content-type': 'application/json' }, body: JSON.stringify(body),
  });

  it('a supervisor corrects a category; the correction is kept, shown beside the rules\' answer, and audited', async () => {
    const r = await post({ site: 'demo', commentId: commentIds[2], categories: ['environment', 'told_once'] });
    expect(r.status).toBe(200);
    const q = '/api/v1/insights/comments?site=demo&from=2026-11-30&to=2026-11-30&window=w01';
    const c = (await get<CommentsReport>(q, supervisor)).body.comments.find((x) => x.id === commentIds[2])!;
    expect(c.codes).toEqual(['environment', 'told_once']);
    expect(c.corrected).toMatchObject({ rules: ['environment'] });
    const logged = await auditOf(ep.store, 'insights.correct');
    expect(logged).toHaveLength(1);
    expect(JSON.parse(logged[0]!.detail as string)).toMatchObject({ commentId: commentIds[2], categories: ['environment', 'told_once'], previous: ['environment'] });
  });

  it('corrections become suggested keywords once two corrected comments share a word the rules lack', async () => {
    expect((await post({ site: 'demo', commentId: commentIds[3], categories: ['environment'] })).status).toBe(200);
    expect((await post({ site: 'demo', commentId: commentIds[4], categories: ['environment', 'waiting'] })).status).toBe(200);
    const q = '/api/v1/insights/comments?site=demo&from=2026-11-30&to=2026-11-30&window=w01';
    const body = (await get<CommentsReport>(q, supervisor)).body;
    const suggested = body.suggestedKeywords.filter((k) => k.code === 'environment');
    expect(suggested).toContainEqual({ code: 'environment', term: '缴费', comments: 2 });
    expect(body.suggestedKeywords.some((k) => k.code === 'waiting')).toBe(false); // one comment only
  });

  it('a bad correction gets a 4xx naming the field', async () => {
    const wrong = await post({ site: 'demo', commentId: commentIds[0], categories: ['not_a_category'] });
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { field: string }).field).toBe('categories');
    const missing = await post({ site: 'demo', commentId: 'nope', categories: ['praise'] });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { field: string }).field).toBe('commentId');
    const shape = await post({ site: 'demo', categories: 'praise' });
    expect(shape.status).toBe(400);
    expect(((await shape.json()) as { field: string }).field).toBe('commentId');
  });
});

describe('insights endpoint: phone numbers in comments', () => {
  it('a number a citizen typed into a comment is masked in the categorised comments and the themes, for an admin too, and no theme is made of its digits', async () => {
    const hall = await makeEndpoint({ now: () => NOW });
    const at = NOW - 60_000;
    const texts = ['态度太差，请回电13987654321', '态度太差 tel13987654321 或 0571-87654321', '态度太差，tel13987654321'];
    const insert: ResponseRow[] = texts.map((comment, i) => ({
      id: response().id as string, rev: 0, payload_hash: `phone-${i}`, site_id: 'demo', window_id: 'w02', staff_id: 's1002', kiosk_id: null, device_id: null,
      channel: 'kiosk', token_kind: null, case_no: null, follow_up: 0, score: 1, scale: 5, reasons: '["attitude"]', comment, phone: null,
      device_time: new Date(at).toISOString(), received_at: at, counted_at: at + i, day: END, hour: 9, weekday: 1, seq: null, suspect: 0, flags: '',
    }));
    await hall.store.ingest.write({ responses: { insert, update: [] }, suggestions: { insert: [], update: [] } });
    const q = `site=demo&from=${END}&to=${END}&window=w02`;
    for (const who of [await signIn(hall.app, hall.store, 'supervisor', ['demo']), await signIn(hall.app, hall.store, 'admin')]) {
      const read = async <T>(path: string) => (await (await hall.app.request(path, { headers: { cookie: who.cookie } })).json()) as T;
      const comments = await read<CommentsReport>(`/api/v1/insights/comments?${q}`);
      expect(comments.comments.map((c) => c.text).sort()).toEqual(['态度太差，请回电139****4321', '态度太差 tel139****4321 或 057*****4321', '态度太差，tel139****4321'].sort());
      const themes = await read<ThemesReport>(`/api/v1/insights/themes?${q}`);
      expect(themes.themes.length).toBeGreaterThan(0);
      expect(themes.themes.flatMap((t) => t.examples.map((e) => e.text))).toContain('态度太差，请回电139****4321');
      for (const body of [comments, themes]) expect(JSON.stringify(body)).not.toMatch(/13987654321|87654321|98765/);
    }
  });
});

describe('insights endpoint: the monthly 通报', () => {
  it('ranks windows with the change in rank, names the window last two months running, and lists warnings', async () => {
    const { status, body } = await get<Bulletin>('/api/v1/insights/bulletin?site=demo&month=2026-11', supervisor);
    expect(status).toBe(200);
    expect(body.previousMonth).toBe('2026-10');
    expect(body.windows.at(-1)!.id).toBe('w03');
    expect(body.windows.every((w) => w.rank !== null && w.rankBefore !== null)).toBe(true);
    expect(body.lastTwice.map((w) => w.id)).toEqual(['w03']);
    expect(body.warnings.map((w) => w.id)).toContain('w03');
    expect(body.themes.length).toBeGreaterThan(0);
  });

  it('staff cannot read the bulletin', async () => {
    const staff = await signIn(ep.app, ep.store, 'staff', ['demo']);
    expect((await get('/api/v1/insights/bulletin?site=demo', staff)).status).toBe(403);
  });
});
