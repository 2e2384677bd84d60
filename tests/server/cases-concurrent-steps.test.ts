/** Steps taken at the same moment on one case (a double click, two supervisors, a citizen's revision): each is decided on the case as it stands. */
import { describe, expect, it } from 'vitest';
import { makeEndpoint, response } from './testkit';
import { caseOf, complaint, kiosk, listCases, person, step, stepOk } from './cases-kit';

const MON = Date.parse('2026-11-23T10:00:00+08:00');

describe('steps on one case at the same moment', () => {
  it('three 属实 sent at once verify the complaint once: one timeline entry, one veto of the window and one of the staff member', async () => {
    const ep = await makeEndpoint({ now: () => MON });
    const send = await kiosk(ep);
    const sup = await person(ep, 'supervisor', { sites: ['demo'] });
    await send(complaint());
    const n = (await listCases(ep, sup)).items[0]!.number;
    await stepOk(ep, sup, n, { action: 'assign', assignee: sup.username });
    const answers = await Promise.all([1, 2, 3].map(() => step(ep, sup, n, { action: 'verify', founded: true, note: '投诉属实' })));
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    const detail = await caseOf(ep, sup, n);
    expect(detail.events.filter((e) => e.action === 'verify')).toHaveLength(1);
    expect((await ep.store.cases.vetoList(['demo'], null)).map((v) => v.subject).sort()).toEqual(['staff', 'window']);
  });

  it('an assignment sent with a verification never puts a verified case back to assigned', async () => {
    const ep = await makeEndpoint({ now: () => MON });
    const send = await kiosk(ep);
    const sup = await person(ep, 'supervisor', { sites: ['demo'] });
    const other = await person(ep, 'supervisor', { sites: ['demo'] });
    await send(complaint());
    const n = (await listCases(ep, sup)).items[0]!.number;
    await stepOk(ep, sup, n, { action: 'assign', assignee: sup.username });
    await Promise.all([
      step(ep, sup, n, { action: 'verify', founded: false, note: '不属实' }),
      step(ep, other, n, { action: 'assign', assignee: other.username, note: '转交' }),
    ]);
    const detail = await caseOf(ep, sup, n);
    // Whichever came second was decided on the state the first left: the case is verified, by the timeline's last state.
    const last = detail.events.filter((e) => e.to !== null).at(-1)!;
    expect(detail.state).toBe(last.to);
    expect(detail.events.some((e) => e.action === 'verify')).toBe(true);
    expect(detail.state).toBe('verified');
  });
});
