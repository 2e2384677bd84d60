import { describe, it, expect } from 'vitest';
import type { Store } from '../../src/server/store';
import { loadConfig, ConfigIndex } from '../../src/server/config/load';
import { createApp } from '../../src/server/app';
import { addVeto } from '../../src/server/stats/vetoes';
import { gradedMonth } from '../../src/server/stats/ranking';
import { rebuildRollups } from '../../src/server/stats/rollup';
import { ownRows } from '../../src/server/stats/month';
import { createUser } from '../../src/server/auth/users';
import type { DailyStats, Feedback, MonthReport, Ranking, Subjects, Heatmap, Reasons } from '../../src/server/stats/types';
import { CONFIG_DIR, ENGINE, enrol, freshStore, response, signIn, syncRequest } from './testkit';
import type { FeedbackRecord } from '../../src/server/stats/feedback-item';
import { uuidv7 } from '../../src/shared/ids';

const NOW = Date.parse('2026-11-20T04:00:00Z'); // 12:00 in Shanghai

/** The demo hall plus a second hall, so that site visibility can be seen. */
async function twoHalls() {
  const base = loadConfig(CONFIG_DIR);
  const north = { ...base.sites[0]!, id: 'north', name: { zh: '北区政务服务中心', en: 'North Hall' } };
  const config = new ConfigIndex({
    sites: [...base.sites, north],
    windows: [...base.windows, { id: 'n01', siteId: 'north', number: '01', name: { zh: '综合受理', en: 'Intake' } }],
    staff: base.staff,
  });
  const store = await freshStore();
  const app = createApp({ store, config, now: () => NOW, version: 'test', production: false });
  return { store, app };
}

type App = Awaited<ReturnType<typeof twoHalls>>['app'];

/** Syncs the records from the kiosk of each record's window (a kiosk rates its own window only); the first window's token. */
async function send(app: App, records: Record<string, unknown>[]) {
  const windows = [...new Set(records.map((r) => String(r.windowId ?? 'w01')))];
  const tokens: string[] = [];
  for (const w of windows) {
    const token = await enrol(app, w);
    tokens.push(token);
    const res = await app.request('/api/v1/sync', syncRequest(token, { records: records.filter((r) => String(r.windowId ?? 'w01') === w) }));
    const out = (await res.json()) as { results: { status: string }[] };
    expect(out.results.every((r) => r.status === 'stored')).toBe(true);
  }
  return tokens[0]!;
}

const at = (iso: string) => ({ deviceTime: iso });

async function get<T>(app: App, cookie: string, url: string): Promise<{ status: number; body: T }> {
  const r = await app.request(url, { headers: { cookie } });
  return { status: r.status, body: (await r.json()) as T };
}

/** Every roll-up count of the demo hall in November, through the store's dashboard reads. */
async function rollupSnapshot(store: Store) {
  const q = { siteId: 'demo', from: '2026-11-01', to: '2026-11-30', windowId: null, staffId: null, suspect: true };
  const sorted = <T extends { n: number }>(list: T[]) => list.filter((r) => r.n !== 0).sort((x, y) => (JSON.stringify(x) < JSON.stringify(y) ? -1 : 1));
  const [levels, reasons, hours] = await Promise.all([
    store.stats.levelCounts(q, ['day', 'window_id', 'staff_id']), store.stats.reasonCounts(q, 'window_id'), store.stats.hourCounts(q),
  ]);
  return { levels: sorted(levels), reasons: sorted(reasons), hours: sorted(hours) };
}

describe('dashboard statistics', () => {
  it('a supervisor sees only the halls assigned to them', async () => {
    const { app, store } = await twoHalls();
    const { cookie } = await signIn(app, store, 'supervisor', ['demo']);
    expect((await get(app, cookie, '/api/v1/stats/daily?site=north')).status).toBe(403);
    expect((await get(app, cookie, '/api/v1/stats/ranking?site=north')).status).toBe(403);
    expect((await get(app, cookie, '/api/v1/stats/month.csv?site=north')).status).toBe(403);
    const own = await get<DailyStats>(app, cookie, '/api/v1/stats/daily');
    expect(own.status).toBe(200);
    expect(own.body.siteId).toBe('demo');
    const subjects = await get<Subjects>(app, cookie, '/api/v1/stats/subjects');
    expect(subjects.body.sites.map((s) => s.id)).toEqual(['demo']);
    expect(subjects.body.windows.every((w) => w.siteId === 'demo')).toBe(true);
    const { cookie: admin } = await signIn(app, store, 'admin');
    expect((await get(app, admin, '/api/v1/stats/daily?site=north')).status).toBe(200);
  });

  it('a later revision of a rating moves its count in the daily roll-up to the new score', async () => {
    const { app, store } = await twoHalls();
    const first = response({ score: 1, reasons: ['slow'], ...at('2026-11-19T02:00:00Z') });
    const token = await send(app, [first, response({ score: 5, ...at('2026-11-19T03:00:00Z') })]);
    await app.request('/api/v1/sync', syncRequest(token, { records: [{ ...first, rev: 1, score: 4, reasons: [] }] }));
    const { cookie } = await signIn(app, store, 'admin');
    const daily = await get<DailyStats>(app, cookie, '/api/v1/stats/daily?from=2026-11-19&to=2026-11-19');
    expect(daily.body.days[0]!.counts).toEqual([0, 0, 0, 1, 1]);
    const reasons = await get<Reasons>(app, cookie, '/api/v1/stats/reasons?from=2026-11-19&to=2026-11-19');
    expect(reasons.body.reasons.find((r) => r.code === 'slow')?.n ?? 0).toBe(0);
  });

  it('the roll-up kept on ingest equals the roll-up rebuilt from the responses table', async () => {
    const { app, store } = await twoHalls();
    const records = Array.from({ length: 60 }, (_, i) => response({
      score: (i % 5) + 1, reasons: (i % 5) + 1 <= 2 ? ['slow', 'attitude'] : [], staffId: i % 3 ? 's1001' : null,
      windowId: `w0${(i % 2) + 1}`, ...at(new Date(Date.parse('2026-11-15T01:00:00Z') + i * 3_600_000).toISOString()),
    }));
    await send(app, records);
    const kept = await rollupSnapshot(store);
    expect(kept.levels.reduce((a, r) => a + r.n, 0)).toBe(60);
    expect(kept.reasons.reduce((a, r) => a + r.n, 0)).toBe(2 * 24); // scores 1 and 2, two reasons each
    await rebuildRollups(store);
    expect(await rollupSnapshot(store)).toEqual(kept);
  });

  it('suspect ratings are left out of every figure unless asked for, and counted', async () => {
    const { app, store } = await twoHalls();
    await send(app, [
      response({ score: 5, ...at('2026-11-18T02:00:00Z') }),
      response({ score: 1, suspect: true, reasons: ['other'], comment: '连续乱按', ...at('2026-11-18T02:00:01Z') }),
    ]);
    const { cookie } = await signIn(app, store, 'admin');
    const q = 'from=2026-11-18&to=2026-11-18';
    const plain = await get<DailyStats>(app, cookie, `/api/v1/stats/daily?${q}`);
    expect(plain.body.days[0]!.total).toBe(1);
    expect(plain.body.suspectCount).toBe(1);
    expect((await get<DailyStats>(app, cookie, `/api/v1/stats/daily?${q}&suspect=1`)).body.days[0]!.total).toBe(2);
    expect((await get<Feedback>(app, cookie, `/api/v1/stats/feedback?${q}`)).body.items).toHaveLength(0);
    const heat = await get<Heatmap>(app, cookie, `/api/v1/stats/heatmap?${q}`);
    expect(heat.body.ratings.flat().reduce((a, b) => a + b, 0)).toBe(1);
  });

  it('comments come newest first, searchable, with the phone number masked', async () => {
    const { app, store } = await twoHalls();
    await send(app, [
      response({ score: 2, reasons: ['slow'], comment: '排队太久了', phone: '13812345678', ...at('2026-11-18T02:00:00Z') }),
      response({ score: 5, comment: '<b>服务很好</b>', ...at('2026-11-18T03:00:00Z') }),
    ]);
    const { cookie } = await signIn(app, store, 'supervisor', ['demo']);
    const all = await get<Feedback>(app, cookie, '/api/v1/stats/feedback?from=2026-11-18&to=2026-11-18');
    expect(all.body.items.map((i) => i.text)).toEqual(['<b>服务很好</b>', '排队太久了']);
    expect(all.body.items[1]!.phone).toBe('138****5678');
    expect(JSON.stringify(all.body)).not.toContain('13812345678');
    const found = await get<Feedback>(app, cookie, '/api/v1/stats/feedback?from=2026-11-18&to=2026-11-18&q=排队');
    expect(found.body.items.map((i) => i.text)).toEqual(['排队太久了']);
    const bad = await get<Feedback>(app, cookie, '/api/v1/stats/feedback?from=2026-11-18&to=2026-11-18&score=5');
    expect(bad.body.items.map((i) => i.score)).toEqual([5]);
  });

  it('a number a citizen typed into a comment or a suggestion is masked for the supervisor and for the staff member who was rated, in the list and opened in full', async () => {
    const { app, store } = await twoHalls();
    const rating = response({ score: 2, reasons: ['slow'], staffId: 's1001', comment: 'call me on 13987654321 please', phone: '13912345678', ...at('2026-11-18T02:00:00Z') });
    const idea = { type: 'suggestion', id: uuidv7(), rev: 0, seq: 9001, windowId: 'w01', staffId: 's1001', category: 'suggestion', text: '建议多放座位，联系 0571-87654321', channel: 'kiosk', ...at('2026-11-18T03:00:00Z') };
    await send(app, [rating, idea]);
    const { cookie: supervisor } = await signIn(app, store, 'supervisor', ['demo']);
    await createUser(store, { username: 'rated-staff', password: 'pw-123456', role: 'staff', sites: ['demo'], staffId: 's1001' });
    const login = await app.request('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'rated-staff', password: 'pw-123456' }) });
    const rated = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    for (const cookie of [supervisor, rated]) {
      const list = await get<Feedback>(app, cookie, '/api/v1/stats/feedback?from=2026-11-18&to=2026-11-18');
      expect(list.body.items.map((i) => [i.text, i.phone])).toEqual([['建议多放座位，联系 057*****4321', ''], ['call me on 139****4321 please', '139****5678']]);
      const opened = await get<FeedbackRecord>(app, cookie, `/api/v1/stats/feedback/response/${rating.id}`);
      expect(opened.body.text).toBe('call me on 139****4321 please');
      expect((await get<FeedbackRecord>(app, cookie, `/api/v1/stats/feedback/suggestion/${idea.id}`)).body.text).toBe('建议多放座位，联系 057*****4321');
      for (const body of [list.body, opened.body]) expect(JSON.stringify(body)).not.toMatch(/13987654321|87654321/);
    }
  });

  it('a search finds a comment by the words and digits it shows, never by the digits of a number masked away', async () => {
    const { app, store } = await twoHalls();
    const phone = response({ score: 4, comment: 'call me on 13987654321 please', ...at('2026-11-18T02:00:00Z') });
    const ticket = response({ score: 4, comment: '取号 1398 等了半小时', ...at('2026-11-18T01:00:00Z') });
    await send(app, [phone, ticket]);
    const { cookie } = await signIn(app, store, 'supervisor', ['demo']);
    const found = async (q: string) => (await get<Feedback>(app, cookie, `/api/v1/stats/feedback?from=2026-11-18&to=2026-11-18&q=${encodeURIComponent(q)}`)).body.items.map((i) => i.id);
    expect(await found('1398')).toEqual([ticket.id]); // shown in the ticket; hidden in the phone number
    expect(await found('8765')).toEqual([]);
    expect(await found('13987654321')).toEqual([]);
    expect(await found('139')).toEqual([phone.id, ticket.id]);
    expect(await found('4321')).toEqual([phone.id]);
    expect(await found('PLEASE')).toEqual(ENGINE === 'sqlite' ? [phone.id] : []); // each engine keeps its rule for letter case
  });

  it('a search still fills its page when many newer comments match only inside a masked number', async () => {
    const { app, store } = await twoHalls();
    const base = Date.parse('2026-11-18T00:00:00Z');
    const ticket = response({ score: 4, comment: '取号 1398 等了半小时', deviceTime: new Date(base).toISOString() });
    const calls = Array.from({ length: 150 }, (_, i) => response({ score: 4, comment: `请回电 13987654321（${i}）`, deviceTime: new Date(base + (i + 1) * 60_000).toISOString() }));
    await send(app, [ticket, ...calls.slice(0, 100)]);
    await send(app, calls.slice(100));
    const { cookie } = await signIn(app, store, 'supervisor', ['demo']);
    const page = await get<Feedback>(app, cookie, '/api/v1/stats/feedback?from=2026-11-18&to=2026-11-18&q=1398');
    expect(page.body.items.map((i) => i.id)).toEqual([ticket.id]);
    expect(page.body.nextCursor).toBeNull();
    const all = await get<Feedback>(app, cookie, '/api/v1/stats/feedback?from=2026-11-18&to=2026-11-18&q=请回电');
    expect(all.body.items).toHaveLength(100);
    expect(all.body.nextCursor).not.toBeNull();
  });

  it('the staff filter narrows every figure to one staff member', async () => {
    const { app, store } = await twoHalls();
    await send(app, [response({ score: 5, staffId: 's1001', ...at('2026-11-18T02:00:00Z') }), response({ score: 1, reasons: ['slow'], staffId: 's1002', ...at('2026-11-18T02:10:00Z') })]);
    const { cookie } = await signIn(app, store, 'admin');
    const one = await get<DailyStats>(app, cookie, '/api/v1/stats/daily?from=2026-11-18&to=2026-11-18&staff=s1002');
    expect(one.body.days[0]!.counts).toEqual([1, 0, 0, 0, 0]);
    expect((await get(app, cookie, '/api/v1/stats/daily?staff=nobody')).status).toBe(400);
  });

  it('a calendar month ranks with star grades as codes, and a veto is a vetoed grade in the report and 一票否决 in its CSV', async () => {
    const { app, store } = await twoHalls();
    const records = Array.from({ length: 40 }, (_, i) => response({
      score: i < 39 ? 5 : 3, windowId: 'w01', staffId: 's1001', ...at(new Date(Date.parse('2026-10-05T02:00:00Z') + i * 60_000).toISOString()),
    }));
    await send(app, records);
    await addVeto(store, { siteId: 'demo', subject: 'staff', subjectId: 's1001', month: '2026-10', reason: '投诉核实：推诿', by: 'test', at: NOW });
    const { cookie } = await signIn(app, store, 'admin');
    const rank = await get<Ranking>(app, cookie, '/api/v1/stats/ranking?from=2026-10-01&to=2026-10-31');
    expect(rank.body.month).toBe('2026-10');
    expect(rank.body.windows.find((w) => w.id === 'w01')?.grade).toEqual({ kind: 'stars', stars: 4 });
    expect(rank.body.windows.find((w) => w.id === 'w02')?.grade).toEqual({ kind: 'insufficient', total: 0, needed: 30 });
    expect(rank.body.staff.find((s) => s.id === 's1001')?.grade).toEqual({ kind: 'vetoed' });
    const report = await get<MonthReport>(app, cookie, '/api/v1/stats/month?month=2026-10');
    expect(report.body.windows.find((w) => w.id === 'w01')).toMatchObject({ total: 40, counts: [0, 0, 1, 0, 39], grade: { kind: 'stars', stars: 4 }, veto: null });
    expect(report.body.staff.find((s) => s.id === 's1001')).toMatchObject({ grade: { kind: 'vetoed' }, veto: '投诉核实：推诿' });
    const csv = await app.request('/api/v1/stats/month.csv?month=2026-10', { headers: { cookie } });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM, so Excel reads the Chinese
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain('2026-10,窗口 window,w01,01 综合受理,0,0,1,0,39,40,97.5%,100.0%,0.0%,★★★★☆,');
    expect(text).toContain('一票否决,投诉核实：推诿');
  });

  it('本月 so far (the 1st to today) ranks with star grades and shows 一票否决; part of a month that stops before today has no grades', async () => {
    // the endpoint's clock says 2026-11-20 in the hall (twoHalls)
    const { app, store } = await twoHalls();
    await send(app, Array.from({ length: 40 }, (_, i) => response({
      score: 5, windowId: 'w01', staffId: 's1001', ...at(new Date(Date.parse('2026-11-05T02:00:00Z') + i * 60_000).toISOString()),
    })));
    await addVeto(store, { siteId: 'demo', subject: 'window', subjectId: 'w01', month: '2026-11', reason: '投诉核实：态度', by: 'test', at: NOW });
    const { cookie } = await signIn(app, store, 'admin');
    const soFar = await get<Ranking>(app, cookie, '/api/v1/stats/ranking?from=2026-11-01&to=2026-11-20');
    expect(soFar.body.month).toBe('2026-11');
    expect(soFar.body.windows.find((w) => w.id === 'w01')?.grade).toEqual({ kind: 'vetoed' });
    expect(soFar.body.windows.find((w) => w.id === 'w02')?.grade).toEqual({ kind: 'insufficient', total: 0, needed: 30 });
    expect(soFar.body.staff.find((s) => s.id === 's1001')?.grade).toEqual({ kind: 'stars', stars: 5 });
    const part = await get<Ranking>(app, cookie, '/api/v1/stats/ranking?from=2026-11-01&to=2026-11-10');
    expect(part.body.month).toBeNull();
    expect(part.body.windows.every((w) => w.grade === null)).toBe(true);
  });

  it('a range is graded as a month when it is the whole month, or the month in progress up to today', () => {
    expect(gradedMonth('2026-10-01', '2026-10-31', '2026-11-20')).toBe('2026-10');
    expect(gradedMonth('2026-11-01', '2026-11-20', '2026-11-20')).toBe('2026-11');
    expect(gradedMonth('2026-11-01', '2026-11-30', '2026-11-20')).toBe('2026-11');
    expect(gradedMonth('2026-10-01', '2026-10-20', '2026-11-20')).toBeNull(); // a past month cut short
    expect(gradedMonth('2026-11-02', '2026-11-20', '2026-11-20')).toBeNull(); // not from the 1st
    expect(gradedMonth('2026-11-01', '2026-12-01', '2026-11-20')).toBeNull(); // runs into the next month
    expect(gradedMonth('2026-12-01', '2026-12-05', '2026-11-20')).toBeNull(); // a month not yet begun
  });
});

describe('a staff member\'s month report', () => {
  it('a staff member with no ratings this month sees zeros as their own figures, not the hall\'s', async () => {
    const { app, store } = await twoHalls();
    await send(app, Array.from({ length: 3 }, () => response({ score: 5, staffId: 's1001', ...at('2026-10-05T02:00:00Z') })));
    await createUser(store, { username: 'quiet-staff', password: 'pw-123456', role: 'staff', sites: ['demo'], staffId: 's1002' });
    const login = await app.request('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'quiet-staff', password: 'pw-123456' }) });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const report = await get<MonthReport>(app, cookie, '/api/v1/stats/month?month=2026-10');
    expect(report.status).toBe(200);
    expect(report.body.windows).toEqual([]);
    expect(report.body.staff.map((r) => r.id)).toEqual(['s1002']);
    expect(report.body.total).toMatchObject({ total: 0, counts: [0, 0, 0, 0, 0], satisfaction: null });
    const csv = await (await app.request('/api/v1/stats/month.csv?month=2026-10', { headers: { cookie } })).text();
    expect(csv).not.toContain(',3,100.0%');
  });

  it('a staff account without a row of its own in the report gets zeros, never the hall\'s totals', async () => {
    const { app, store } = await twoHalls();
    await send(app, Array.from({ length: 3 }, () => response({ score: 5, staffId: 's1001', ...at('2026-10-05T02:00:00Z') })));
    const { cookie } = await signIn(app, store, 'admin');
    const hall = (await get<MonthReport>(app, cookie, '/api/v1/stats/month?month=2026-10')).body;
    expect(hall.total.total).toBe(3);
    for (const staffId of [null, 'left-the-hall']) {
      const own = ownRows(hall, { role: 'staff', staffId });
      expect(own.windows).toEqual([]);
      expect(own.staff).toEqual([]);
      expect(own.total).toMatchObject({ total: 0, counts: [0, 0, 0, 0, 0], satisfaction: null, good: null, bad: null });
    }
    expect(ownRows(hall, { role: 'supervisor', staffId: null }).total.total).toBe(3);
  });
});
