/** The steps a case page offers: what the case's state allows, and only what the endpoint lets the signed-in user take. */
import { describe, expect, it } from 'vitest';
import { mayStep, offeredSteps, type StepUser } from '../../src/app/dashboard/cases/steps';
import { canStep, type Reader } from '../../src/server/cases/access';
import type { FollowupCaseRow } from '../../src/server/store/cases';
import type { CaseAction } from '../../src/shared/cases/machine';
import type { CaseSummary } from '../../src/shared/api';

const ACTIONS: CaseAction[] = ['assign', 'classify', 'verify', 'call', 'rectify', 'answer', 'close', 'appeal', 'decide_appeal', 'comment'];
const staffLi: StepUser = { role: 'staff', username: 'li-na', sites: ['demo'], staffId: 's1003' };
const supervisor: StepUser = { role: 'supervisor', username: 'zhang', sites: ['demo'], staffId: null };

type Case = Pick<CaseSummary, 'state' | 'appeal' | 'needsCallback' | 'founded' | 'siteId' | 'staffId' | 'assignee'>;
const aCase = (over: Partial<Case> = {}): Case => ({ state: 'new', appeal: 'none', needsCallback: true, founded: null, siteId: 'demo', staffId: 's1003', assignee: null, ...over });

describe('steps offered on a case', () => {
  it('a staff member is not offered 分派, 定性 or 申诉裁定 on a case about them, only the appeal', () => {
    expect(offeredSteps(staffLi, aCase())).toEqual(['appeal']);
    expect(offeredSteps(staffLi, aCase({ appeal: 'pending' }))).toEqual([]);
  });

  it('a staff member the case is assigned to works it: verify, then the call, and notes', () => {
    expect(offeredSteps(staffLi, aCase({ state: 'assigned', assignee: 'li-na' }))).toEqual(['verify', 'appeal', 'comment']);
    expect(offeredSteps(staffLi, aCase({ state: 'verified', assignee: 'li-na', staffId: 's1001' }))).toEqual(['call', 'comment']);
    expect(offeredSteps(staffLi, aCase({ state: 'answered', assignee: 'li-na' }))).not.toContain('close');
  });

  it('the hall’s supervisor is offered every step the state allows; another hall’s supervisor none', () => {
    expect(offeredSteps(supervisor, aCase())).toEqual(['assign', 'classify', 'appeal', 'comment']);
    expect(offeredSteps(supervisor, aCase({ state: 'closed', appeal: 'pending' }))).toEqual(['decide_appeal', 'comment']);
    expect(offeredSteps({ ...supervisor, sites: ['north'] }, aCase())).toEqual([]);
  });

  it('agrees with the endpoint’s rule for every role, action and relation to the case', () => {
    const users: StepUser[] = [
      { role: 'admin', username: 'admin', sites: [], staffId: null },
      supervisor, { ...supervisor, sites: ['north'] },
      staffLi, { ...staffLi, staffId: null }, { ...staffLi, staffId: undefined },
    ];
    const cases = [aCase(), aCase({ assignee: 'li-na' }), aCase({ staffId: 's1001', assignee: 'li-na' }), aCase({ staffId: null }), aCase({ siteId: 'north', staffId: 's9' })];
    for (const u of users) for (const c of cases) for (const a of ACTIONS) {
      const reader: Reader = { username: u.username, role: u.role, sites: u.sites, staffId: u.staffId ?? null };
      const row = { site_id: c.siteId, staff_id: c.staffId, assignee: c.assignee } as FollowupCaseRow;
      expect(mayStep(u, c, a), `${u.role} ${u.username}/${u.staffId} ${a} on ${JSON.stringify(c)}`).toBe(canStep(reader, row, a));
    }
  });
});
