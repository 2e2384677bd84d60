/** The steps a case page offers: what the case's state allows, and only what the endpoint lets the signed-in user take. */
import { describe, expect, it } from 'vitest';
import { offeredSteps, type StepUser } from '../../src/app/dashboard/cases/steps';
import { mayStep } from '../../src/shared/cases/access';
import { APPEAL_STATES, CASE_STATES, transition, type CaseAction, type CaseCommand } from '../../src/shared/cases/machine';
import type { CaseSummary } from '../../src/shared/api';

const ACTIONS: CaseAction[] = ['assign', 'classify', 'verify', 'call', 'rectify', 'answer', 'close', 'appeal', 'decide_appeal', 'comment'];
const staffLi: StepUser = { role: 'staff', username: 'li-na', sites: ['demo'], staffId: 's1003' };
const supervisor: StepUser = { role: 'supervisor', username: 'zhang', sites: ['demo'], staffId: null };

type Case = Pick<CaseSummary, 'state' | 'appeal' | 'needsCallback' | 'founded' | 'siteId' | 'staffId' | 'assignee'> & { appealBy?: string | null };
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

  it('every step a case page offers is one the state machine takes from that state', () => {
    const admin: StepUser = { role: 'admin', username: 'admin', sites: [], staffId: null };
    const command: Record<CaseAction, CaseCommand> = {
      assign: { action: 'assign', assignee: 'li-na' }, classify: { action: 'classify', category: 'major' }, verify: { action: 'verify', founded: true, note: 'n' },
      call: { action: 'call', reached: true, note: 'n' }, rectify: { action: 'rectify', note: 'n' }, answer: { action: 'answer', channel: 'phone', note: 'n' },
      close: { action: 'close' }, appeal: { action: 'appeal', note: 'n' }, decide_appeal: { action: 'decide_appeal', upheld: false, note: 'n' }, comment: { action: 'comment', note: 'n' },
    };
    let offered = 0;
    for (const state of CASE_STATES) for (const appeal of APPEAL_STATES) for (const needsCallback of [true, false]) for (const founded of [true, false, null]) {
      const c = aCase({ state, appeal, needsCallback, founded, assignee: state === 'new' ? null : 'li-na' });
      const facts = { state, appeal, needsCallback, founded, category: 'general' as const, assignee: c.assignee, callAttempts: 0, callOutcome: null };
      for (const a of offeredSteps(admin, c)) {
        offered++;
        expect(transition(facts, command[a], { maxCallAttempts: 3 }).ok, `${a} from ${JSON.stringify(facts)}`).toBe(true);
      }
    }
    expect(offered).toBeGreaterThan(100);
  });

  it('the rule the endpoint and the page share: admins everything, a hall’s supervisor everything there, staff their assigned work and their own appeal', () => {
    const allowed = (u: StepUser, c: Case) => ACTIONS.filter((a) => mayStep(u, c, a));
    const WORK: CaseAction[] = ['verify', 'call', 'rectify', 'answer', 'comment'];
    expect(allowed({ role: 'admin', username: 'admin', sites: [], staffId: null }, aCase({ siteId: 'north' }))).toEqual(ACTIONS);
    expect(allowed(supervisor, aCase())).toEqual(ACTIONS);
    expect(allowed({ ...supervisor, sites: ['north'] }, aCase())).toEqual([]);
    expect(allowed(staffLi, aCase())).toEqual(['appeal']); // about them, not assigned to them
    expect(allowed(staffLi, aCase({ staffId: 's1001', assignee: 'li-na' }))).toEqual(WORK); // assigned to them, about someone else
    expect(allowed(staffLi, aCase({ assignee: 'li-na' }))).toEqual(['verify', 'call', 'rectify', 'answer', 'appeal', 'comment']);
    // an appeal is decided by someone else than its filer, and never by the staff member rated
    expect(mayStep(supervisor, aCase({ appeal: 'pending', appealBy: 'zhang' }), 'decide_appeal')).toBe(false);
    expect(mayStep(supervisor, aCase({ appeal: 'pending', appealBy: 'li-na' }), 'decide_appeal')).toBe(true);
    expect(mayStep({ role: 'admin', username: 'admin', sites: [], staffId: null }, aCase({ appealBy: 'admin' }), 'decide_appeal')).toBe(false);
    expect(mayStep({ ...supervisor, staffId: 's1003' }, aCase({ appealBy: 'li-na' }), 'decide_appeal')).toBe(false);
    expect(offeredSteps(supervisor, aCase({ state: 'closed', appeal: 'pending', appealBy: 'zhang' }))).toEqual(['comment']);
    // a staff account linked to no staff member appeals nothing, not even a case about nobody
    for (const u of [{ ...staffLi, staffId: null }, { ...staffLi, staffId: undefined }]) expect(allowed(u, aCase({ staffId: null }))).toEqual([]);
  });
});
