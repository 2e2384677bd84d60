import { afterEach, describe, expect, it } from 'vitest';
import { alertCaseHook } from '../../src/server/alerts/raise';
import { casePass } from '../../src/server/alerts/service';
import { onCaseEvent } from '../../src/server/cases/record';
import { caseDeadline } from '../../src/shared/alerts/rules';
import { workingMsBetween } from '../../src/shared/cases/calendar';
import { badReview, caseOf, complaint, kiosk, listCases, person, stepOk } from './cases-kit';
import { makeEndpoint } from './testkit';

const H = 3_600_000;
let off: (() => void) | null = null;
afterEach(() => { off?.(); off = null; });

describe('case deadline rule', () => {
  it('a case due within 4 hours is due soon, a past deadline is overdue, a later one or a closed case is quiet', () => {
    const now = Date.UTC(2026, 10, 24, 2);
    expect(caseDeadline({ number: 'C1', windowId: 'w01', nextDueAt: now + 3 * H }, now)?.kind).toBe('case_due_soon');
    expect(caseDeadline({ number: 'C1', windowId: 'w01', nextDueAt: now - 1 }, now)?.kind).toBe('case_overdue');
    expect(caseDeadline({ number: 'C1', windowId: 'w01', nextDueAt: now + 5 * H }, now)).toBeNull();
    expect(caseDeadline({ number: 'C1', windowId: 'w01', nextDueAt: null }, now)).toBeNull();
  });

  it('an overdue case is keyed by the deadline it missed, told by whether a call is still owed, even where both deadlines fall at one time', () => {
    const now = Date.UTC(2026, 10, 24, 2);
    expect(caseDeadline({ number: 'C1', windowId: 'w01', nextDueAt: now - 1, callbackOwed: true }, now)).toMatchObject({ key: 'case_overdue:C1:callback', facts: { stage: 'callback' } });
    expect(caseDeadline({ number: 'C1', windowId: 'w01', nextDueAt: now - 1, callbackOwed: false }, now)).toMatchObject({ key: 'case_overdue:C1:due', facts: { stage: 'due' } });
  });

  it('"within 4 hours" counts the hall\'s working hours: a case due Monday 11:00 is due soon from Friday 15:00, not from Thursday', () => {
    const at = (local: string) => Date.parse(`${local}+08:00`);
    const calendar = { weekend: [6, 7], holidays: [], workdays: [] };
    const working = (from: number, to: number, cap: number) => workingMsBetween(from, to, calendar, 'Asia/Shanghai', { open: '09:00', close: '17:00' }, cap);
    const c = { number: 'C2', windowId: 'w01', nextDueAt: at('2026-11-30T11:00:00') }; // a Monday
    const friday = caseDeadline(c, at('2026-11-27T15:00:00'), undefined, working); // 2 h Friday + 2 h Monday
    expect(friday).toMatchObject({ kind: 'case_due_soon', facts: { minutes: 240 } });
    expect(caseDeadline(c, at('2026-11-26T15:00:00'), undefined, working)).toBeNull(); // Thursday: 12 working hours left
  });
});

describe('alerts from cases', () => {
  it('a complaint in the suggestion box raises an alert at once, in the transaction that opened its case', async () => {
    const ep = await makeEndpoint();
    off = onCaseEvent(alertCaseHook(ep.config, 'https://hall.example'));
    const sync = await kiosk(ep);
    await sync(complaint());
    const alerts = await ep.store.alerts.list('all', 10);
    expect(alerts.map((a) => a.kind)).toEqual(['complaint']);
    expect(JSON.parse(alerts[0]!.facts).case).toMatch(/^DEMO-/);
  });

  it('the deadline pass raises overdue once for an open case past its deadline', async () => {
    const ep = await makeEndpoint();
    const sync = await kiosk(ep);
    await sync(complaint());
    const later = Date.now() + 60 * 24 * H; // far past any deadline
    await casePass(ep.store, ep.config, later, 'https://hall.example');
    await casePass(ep.store, ep.config, later + 60_000, 'https://hall.example');
    expect((await ep.store.alerts.list('all', 10)).map((a) => a.kind)).toEqual(['case_overdue']);
  });

  it('a case late for its call-back is alerted, and alerted again when it is late for its fix as well, each naming its deadline', async () => {
    const ep = await makeEndpoint();
    const sync = await kiosk(ep);
    await sync(badReview()); // with a phone number: a call back is owed within a working day
    const sup = await person(ep, 'supervisor', { sites: ['demo'] });
    const { number } = (await listCases(ep, sup)).items[0]!;
    const c = await caseOf(ep, sup, number);
    const overdue = async () => (await ep.store.alerts.list('all', 10)).filter((a) => a.kind === 'case_overdue').map((a) => JSON.parse(a.facts).stage as string);
    await casePass(ep.store, ep.config, Date.parse(c.callbackDueAt!) + 60_000, 'https://hall.example');
    expect(await overdue()).toEqual(['callback']);
    await stepOk(ep, sup, number, { action: 'assign', assignee: sup.username, note: '' });
    await stepOk(ep, sup, number, { action: 'verify', founded: true, note: '调取录像属实' });
    await stepOk(ep, sup, number, { action: 'call', reached: true, note: '已致歉' });
    await casePass(ep.store, ep.config, Date.parse(c.callbackDueAt!) + 120_000, 'https://hall.example');
    expect(await overdue()).toEqual(['callback']); // called back: the fix is not due yet
    await casePass(ep.store, ep.config, Date.parse(c.dueAt) + 60_000, 'https://hall.example');
    expect((await overdue()).sort()).toEqual(['callback', 'due']);
  });

  it('a case the citizen withdrew raises no deadline alert, and the withdrawal closes the one it had', async () => {
    const ep = await makeEndpoint();
    off = onCaseEvent(alertCaseHook(ep.config, 'https://hall.example'));
    const sync = await kiosk(ep);
    const early = badReview({ phone: undefined });
    const late = badReview({ phone: undefined });
    await sync(early, late);
    await sync({ ...early, rev: 1, score: 4, reasons: [], comment: undefined });
    const later = Date.now() + 60 * 24 * H; // far past any deadline
    await casePass(ep.store, ep.config, later, 'https://hall.example');
    const open = async () => (await ep.store.alerts.list('all', 10)).filter((a) => a.closed_at === null).map((a) => a.kind);
    expect(await open()).toEqual(['case_overdue']); // the other case's only
    await sync({ ...late, rev: 1, score: 3, reasons: [], comment: undefined }); // the kiosk was offline: the change arrives late
    await casePass(ep.store, ep.config, later + 60_000, 'https://hall.example');
    expect(await open()).toEqual([]);
  });
});
