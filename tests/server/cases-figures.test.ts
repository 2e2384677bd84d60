/** What the follow-up does to the figures: 一票否决, excluded ratings, staff's own view, follow-up figures, the case CSV. */
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { makeEndpoint, auditOf, response } from './testkit';
import { badReview, complaint, get, json, kiosk, listCases, person, post, stepOk } from './cases-kit';
import type { CaseFiguresReport, CaseList } from '../../src/shared/cases/wire';
import type { DailyStats, MonthReport } from '../../src/server/stats/types';

const MON = Date.parse('2026-11-23T10:00:00+08:00');
const at = (iso: string) => new Date(iso).toISOString();

describe('一票否决', () => {
  it('a complaint verified as founded vetoes the window\'s and the staff member\'s month; an admin lifts it with a reason, audited', async () => {
    const ep = await makeEndpoint({ now: () => MON });
    const send = await kiosk(ep);
    const sup = await person(ep, 'supervisor', { sites: ['demo'] });
    const admin = await person(ep, 'admin');
    // 40 very satisfied ratings would grade ★★★★★ without the veto.
    await send(...Array.from({ length: 40 }, () => response({ score: 5, deviceTime: at('2026-11-23T09:00:00+08:00') })), complaint());
    const n = (await listCases(ep, sup)).items[0]!.number;
    await stepOk(ep, sup, n, { action: 'assign', assignee: sup.username });
    await stepOk(ep, sup, n, { action: 'verify', founded: true, note: '投诉属实' });
    const month = await json<MonthReport>(get(ep, sup, '/api/v1/stats/month?site=demo&month=2026-11'));
    expect(month.windows.find((w) => w.id === 'w01')).toMatchObject({ grade: { kind: 'vetoed' }, veto: expect.stringContaining(n) });
    expect(month.staff.find((s) => s.id === 's1001')).toMatchObject({ grade: { kind: 'vetoed' } });
    const { items } = await json<{ items: Array<{ id: number; subject: string }> }>(get(ep, admin, '/api/v1/vetoes?month=2026-11'));
    expect(items.map((v) => v.subject).sort()).toEqual(['staff', 'window']);
    expect((await post(ep, sup, `/api/v1/vetoes/${items[0]!.id}/lift`, { reason: '复核撤销' })).status).toBe(403);
    expect((await post(ep, admin, `/api/v1/vetoes/${items[0]!.id}/lift`, { reason: '' })).status).toBe(400);
    for (const v of items) await json(post(ep, admin, `/api/v1/vetoes/${v.id}/lift`, { reason: '复核认定系误投' }));
    const after = await json<MonthReport>(get(ep, sup, '/api/v1/stats/month?site=demo&month=2026-11'));
    expect(after.windows.find((w) => w.id === 'w01')!.grade).toEqual({ kind: 'stars', stars: 5 });
    expect((await auditOf(ep.store, 'veto.lifted')).length).toBe(2);
  });
});

describe('申诉复核', () => {
  it('nobody takes a bad review out of the figures alone: the supervisor who filed an appeal, or the staff member rated, cannot decide it; another supervisor or an admin does', async () => {
    const ep = await makeEndpoint({ now: () => MON });
    const send = await kiosk(ep);
    const sup = await person(ep, 'supervisor', { sites: ['demo'] });
    const other = await person(ep, 'supervisor', { sites: ['demo'] });
    const ratedSup = await person(ep, 'supervisor', { sites: ['demo'], staffId: 's1001' });
    const day = at('2026-11-23T09:00:00+08:00');
    await send(badReview({ deviceTime: day }));
    const n = (await listCases(ep, sup)).items[0]!.number;
    await stepOk(ep, sup, n, { action: 'appeal', note: '代窗口人员申诉：群众误触' });
    const own = await post(ep, sup, `/api/v1/cases/${n}/steps`, { action: 'decide_appeal', upheld: true, note: '维持' });
    expect(own.status).toBe(403);
    expect(await own.json()).toMatchObject({ error: 'appeal_decider', field: 'action' });
    expect((await post(ep, ratedSup, `/api/v1/cases/${n}/steps`, { action: 'decide_appeal', upheld: true, note: '维持' })).status).toBe(403);
    const detail = await json<{ appeal: string; sources: Array<{ excluded: boolean }> }>(get(ep, sup, `/api/v1/cases/${n}`));
    expect(detail).toMatchObject({ appeal: 'pending', sources: [{ excluded: false }] });
    await stepOk(ep, other, n, { action: 'decide_appeal', upheld: false, note: '录像显示群众确有不满' });
    expect(await json<{ appeal: string }>(get(ep, sup, `/api/v1/cases/${n}`))).toMatchObject({ appeal: 'rejected' });
  });

  it('an upheld appeal removes the rating from every figure, and the rating stays on the case, marked', async () => {
    const ep = await makeEndpoint({ now: () => MON });
    const send = await kiosk(ep);
    const sup = await person(ep, 'supervisor', { sites: ['demo'] });
    const staff = await person(ep, 'staff', { staffId: 's1001' });
    const day = at('2026-11-23T09:00:00+08:00');
    await send(response({ score: 5, deviceTime: day }), badReview({ deviceTime: day }));
    const q = '/api/v1/stats/daily?site=demo&from=2026-11-23&to=2026-11-23';
    const before = await json<DailyStats>(get(ep, sup, q));
    const n = (await listCases(ep, sup)).items[0]!.number;
    await stepOk(ep, staff, n, { action: 'appeal', note: '群众误触，当场已说明' });
    await stepOk(ep, sup, n, { action: 'decide_appeal', upheld: true, note: '监控显示误触' });
    const after = await json<DailyStats>(get(ep, sup, q));
    const withSuspect = await json<DailyStats>(get(ep, sup, `${q}&suspect=1`));
    const total = (s: DailyStats) => s.days.reduce((a, p) => a + p.total, 0);
    expect(total(before)).toBe(2);
    expect(total(after)).toBe(1);
    expect(total(withSuspect)).toBe(1);
    const month = await json<MonthReport>(get(ep, sup, '/api/v1/stats/month?site=demo&month=2026-11'));
    expect(month.total.total).toBe(1);
    const detail = await json<{ sources: Array<{ excluded: boolean; excludedReason: string }> }>(get(ep, sup, `/api/v1/cases/${n}`));
    expect(detail.sources[0]).toMatchObject({ excluded: true, excludedReason: '监控显示误触' });
  });
});

describe('a staff account', () => {
  it('sees its own figures and cases, and nothing else', async () => {
    const ep = await makeEndpoint({ now: () => MON });
    const send = await kiosk(ep);
    const staff = await person(ep, 'staff', { staffId: 's1001' });
    const day = at('2026-11-23T09:00:00+08:00');
    await send(response({ score: 5, staffId: 's1001', deviceTime: day }), response({ score: 4, staffId: 's1002', deviceTime: day }),
      badReview({ staffId: 's1001' }), badReview({ staffId: 's1002' }));
    const subjects = await json<{ staff: Array<{ id: string }> }>(get(ep, staff, '/api/v1/stats/subjects'));
    expect(subjects.staff.map((s) => s.id)).toEqual(['s1001']);
    const daily = await json<DailyStats>(get(ep, staff, '/api/v1/stats/daily?site=demo&from=2026-11-23&to=2026-11-23'));
    expect(daily.days.reduce((a, p) => a + p.total, 0)).toBe(2);
    expect((await get(ep, staff, '/api/v1/stats/daily?site=demo&staff=s1002')).status).toBe(403);
    const month = await json<MonthReport>(get(ep, staff, '/api/v1/stats/month?site=demo&month=2026-11'));
    expect(month.windows).toEqual([]);
    expect(month.staff.map((s) => s.id)).toEqual(['s1001']);
    const cases = await json<CaseList>(get(ep, staff, '/api/v1/cases?state='));
    expect(cases.items.map((c) => c.staffId)).toEqual(['s1001']);
    expect((await get(ep, staff, '/api/v1/case-figures?site=demo')).status).toBe(403);
  });
});

describe('follow-up figures and the case export', () => {
  it('counts 回访率 and overdue per hall and window, and the CSV masks phones', async () => {
    let now = MON;
    const ep = await makeEndpoint({ now: () => now });
    const send = await kiosk(ep);
    let sup = await person(ep, 'supervisor', { sites: ['demo'] });
    await send(badReview(), badReview(), badReview({ phone: undefined }));
    const [a] = (await listCases(ep, sup)).items;
    await stepOk(ep, sup, a!.number, { action: 'assign', assignee: sup.username });
    await stepOk(ep, sup, a!.number, { action: 'verify', founded: true, note: '属实' });
    await stepOk(ep, sup, a!.number, { action: 'call', reached: true, note: '已联系' });
    now = Date.parse('2026-11-25T10:00:00+08:00'); // Wednesday: the other call-back is a day late
    sup = await person(ep, 'supervisor', { sites: ['demo'] }); // a new day, a new session
    const f = await json<CaseFiguresReport>(get(ep, sup, '/api/v1/case-figures?site=demo&from=2026-11-01&to=2026-11-30'));
    expect(f.total).toMatchObject({ cases: 3, needCallback: 2, calledBack: 1, callbackRate: 0.5, overdue: 1 });
    expect(f.windows.map((w) => w.key)).toEqual(['w01']);
    // The same figures asked for by month; another month has none of these cases.
    expect(await json<CaseFiguresReport>(get(ep, sup, '/api/v1/case-figures?site=demo&month=2026-11'))).toEqual(f);
    expect((await json<CaseFiguresReport>(get(ep, sup, '/api/v1/case-figures?site=demo&month=2026-10'))).total.cases).toBe(0);
    const overdue = await json<CaseList>(get(ep, sup, '/api/v1/cases?site=demo&due=overdue'));
    expect(overdue.total).toBe(1);
    const csv = await (await get(ep, sup, '/api/v1/cases.csv?site=demo&from=2026-11-01&to=2026-11-30')).text();
    const rows = parse(csv.replace(/^\uFEFF/, ''), { columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(3);
    expect(rows.map((r) => r.phone).filter(Boolean)).toEqual(['138****5678', '138****5678']);
    expect(csv).not.toContain('13812345678');
    expect((await auditOf(ep.store, 'export')).some((e) => String(e.detail).includes('"what":"cases"'))).toBe(true);
  });

  it('a case the citizen withdrew counts in no follow-up figure, is not overdue, and stays in the export as withdrawn', async () => {
    let now = MON;
    const ep = await makeEndpoint({ now: () => now });
    const send = await kiosk(ep);
    let sup = await person(ep, 'supervisor', { sites: ['demo'] });
    const mistaken = badReview();
    await send(badReview(), mistaken);
    await send({ ...mistaken, rev: 1, score: 5, reasons: [], comment: undefined, phone: undefined });
    now = Date.parse('2026-11-25T10:00:00+08:00'); // Wednesday: both call-backs would be a day late
    sup = await person(ep, 'supervisor', { sites: ['demo'] });
    const f = await json<CaseFiguresReport>(get(ep, sup, '/api/v1/case-figures?site=demo&from=2026-11-01&to=2026-11-30'));
    expect(f.total).toMatchObject({ cases: 1, needCallback: 1, calledBack: 0, callbackRate: 0, closed: 0, onTimeRate: null, overdue: 1 });
    expect(f.windows[0]).toMatchObject({ key: 'w01', cases: 1, overdue: 1 });
    expect((await json<CaseList>(get(ep, sup, '/api/v1/cases?site=demo&due=overdue'))).total).toBe(1);
    const csv = await (await get(ep, sup, '/api/v1/cases.csv?site=demo&from=2026-11-01&to=2026-11-30')).text();
    const rows = parse(csv.replace(/^\uFEFF/, ''), { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => `${r.state}:${r.score}:${r.due}`).sort()).toEqual(['new:1:overdue', 'withdrawn:5:done']);
  });
});
