import { afterEach, describe, expect, it } from 'vitest';
import { alertCaseHook } from '../../src/server/alerts/raise';
import { onCaseEvent } from '../../src/server/cases/record';
import { badReview, get, json, kiosk, listCases, person, step, stepOk, type Endpoint, type Person } from './cases-kit';
import { makeEndpoint } from './testkit';

interface Bell { unread: number; alerts: Array<{ kind: string; link: string; facts: Record<string, unknown>; closed_at: number | null }> }

let off: (() => void) | null = null;
afterEach(() => { off?.(); off = null; });

/** A hall with the case alerts on, an e-mail channel that knows two staff members and the office, and one open case. */
async function hall() {
  const ep = await makeEndpoint();
  off = onCaseEvent(alertCaseHook(ep.config, 'https://hall.example'));
  const sup = await person(ep, 'supervisor', { sites: ['demo'] });
  const li = await person(ep, 'staff', { staffId: 's1001' });
  const wang = await person(ep, 'staff', { staffId: 's1002' });
  await ep.store.alertChannels.put({
    id: 'mail', site_id: 'demo', kind: 'email', name: 'mail', url: null, secret: null, lang: 'zh-CN', kinds: null, created_at: 0,
    recipients: `supervisor:office@hall.example, @${li.username}:li@hall.example, @${wang.username}:wang@hall.example`,
  });
  await ep.store.alertChannels.put({
    id: 'office-robot', site_id: 'demo', kind: 'wecom', name: 'office', url: 'http://127.0.0.1:9/unused', secret: null, lang: 'zh-CN', kinds: null, created_at: 0,
    recipients: 'supervisor',
  });
  await (await kiosk(ep))(badReview());
  const number = (await listCases(ep, sup)).items[0]!.number;
  return { ep, sup, li, wang, number };
}

const assigned = async (ep: Endpoint) => (await ep.store.alerts.list('all', 50)).filter((a) => a.kind === 'case_assigned');
const bell = (ep: Endpoint, who: Person) => json<Bell>(get(ep, who, '/api/v1/alerts'));
const mails = async (ep: Endpoint) => (await ep.store.outbox.list('all', 100))
  .filter((e) => e.message.title.includes('工单已分派'))
  .map((e) => ({ channel: e.channelId, to: e.message.to }));

describe('the assignee hears of an assignment', () => {
  it('assigning a case raises one alert for the assignee, with the case, its deadline and a link to it, e-mailed to them alone', async () => {
    const { ep, sup, li, number } = await hall();
    await stepOk(ep, sup, number, { action: 'assign', assignee: li.username });
    const alerts = await assigned(ep);
    expect(alerts).toHaveLength(1);
    const facts = JSON.parse(alerts[0]!.facts) as Record<string, unknown>;
    expect(facts).toMatchObject({ case: number, assignee: li.username });
    expect(facts.due).toMatch(/^\d{4}-\d{2}-\d{2} 23:59$/);
    expect(facts.callBackBy).toMatch(/^\d{4}-\d{2}-\d{2} 23:59$/); // the citizen left a number: a call is owed, due first
    expect(String(facts.callBackBy) < String(facts.due)).toBe(true);
    expect(alerts[0]!.link).toBe(`https://hall.example/dashboard?view=cases&case=${encodeURIComponent(number)}`);
    // The office robot serves supervisors only; the assignment is routed to the assignee.
    expect(await mails(ep)).toEqual([{ channel: 'mail', to: ['li@hall.example'] }]);
  });

  it('the assignee sees the alert in their bell, another staff member does not, and the assignee can acknowledge it', async () => {
    const { ep, sup, li, wang, number } = await hall();
    await stepOk(ep, sup, number, { action: 'assign', assignee: li.username });
    const mine = await bell(ep, li);
    expect(mine.unread).toBe(1);
    expect(mine.alerts.map((a) => [a.kind, a.facts.case])).toEqual([['case_assigned', number]]);
    expect(await bell(ep, wang)).toEqual({ unread: 0, alerts: [] });
    const [row] = await assigned(ep);
    const ack = await ep.app.request(`http://hall.local/api/v1/alerts/${row!.id}/ack`, {
      method: 'POST', headers: { cookie: li.cookie, 'x-csrf-token': li.csrf, 'content-type': 'application/json' }, body: JSON.stringify({ comment: '已接收' }),
    });
    expect(ack.status).toBe(200);
    expect((await bell(ep, li)).unread).toBe(0);
  });

  it('reassigning raises one alert for the new assignee and closes the previous one', async () => {
    const { ep, sup, li, wang, number } = await hall();
    await stepOk(ep, sup, number, { action: 'assign', assignee: li.username });
    await stepOk(ep, sup, number, { action: 'assign', assignee: wang.username });
    const alerts = await assigned(ep);
    const open = (who: string) => alerts.find((a) => (JSON.parse(a.facts) as { assignee: string }).assignee === who)!.closed_at === null;
    expect(alerts).toHaveLength(2);
    expect([open(li.username), open(wang.username)]).toEqual([false, true]);
    expect((await bell(ep, wang)).alerts.map((a) => a.facts.case)).toEqual([number]);
    expect((await mails(ep)).map((m) => m.to)).toEqual([['li@hall.example'], ['wang@hall.example']]);
  });

  it('the same assignment sent again raises no second alert and sends nothing more', async () => {
    const { ep, sup, li, number } = await hall();
    await stepOk(ep, sup, number, { action: 'assign', assignee: li.username });
    await stepOk(ep, sup, number, { action: 'assign', assignee: li.username });
    expect(await assigned(ep)).toHaveLength(1);
    expect(await mails(ep)).toHaveLength(1);
    expect((await bell(ep, li)).unread).toBe(1);
  });

  it('a supervisor taking a case themselves raises no alert to themselves; handing it on closes nothing that was not there and alerts the new assignee', async () => {
    const { ep, sup, li, number } = await hall();
    await stepOk(ep, sup, number, { action: 'assign', assignee: sup.username });
    expect(await assigned(ep)).toHaveLength(0);
    expect(await mails(ep)).toHaveLength(0);
    await stepOk(ep, sup, number, { action: 'assign', assignee: li.username });
    expect((await assigned(ep)).map((a) => (JSON.parse(a.facts) as { assignee: string }).assignee)).toEqual([li.username]);
  });

  it('a refused assignment stores no alert', async () => {
    const { ep, sup, li, number } = await hall();
    await stepOk(ep, sup, number, { action: 'assign', assignee: li.username });
    const forbidden = await step(ep, li, number, { action: 'assign', assignee: 'someone-else' });
    expect(forbidden.status).toBe(403);
    expect(await assigned(ep)).toHaveLength(1);
  });
});
