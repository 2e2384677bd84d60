import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { openedCase, transition, type CaseCommand, type CaseFacts } from '../../src/shared/cases/machine';
import { CaseCommandSchema } from '../../src/shared/cases/wire';

const rules = { maxCallAttempts: 3 };

/** Runs steps in order; fails the test on the first refusal. */
function run(start: CaseFacts, steps: CaseCommand[]): CaseFacts {
  let c = start;
  for (const s of steps) {
    const t = transition(c, s, rules);
    if (!t.ok) throw new Error(`${s.action} refused: ${t.code}`);
    c = t.next;
  }
  return c;
}

const assign: CaseCommand = { action: 'assign', assignee: 'li' };
const founded: CaseCommand = { action: 'verify', founded: true, note: '窗口确认等候过久' };
const reached: CaseCommand = { action: 'call', reached: true, note: '群众表示理解' };
const rectify: CaseCommand = { action: 'rectify', note: '增设导办员' };
const answer: CaseCommand = { action: 'answer', channel: 'phone', note: '已电话告知整改措施' };

describe('the follow-up state machine', () => {
  it('walks a real-name bad review through 核实 → 回访 → 整改 → 反馈 → closed', () => {
    const seen = [openedCase('general', true)];
    for (const s of [assign, founded, reached, rectify, answer, { action: 'close' } as CaseCommand]) seen.push(run(seen.at(-1)!, [s]));
    expect(seen.map((c) => c.state)).toEqual(['new', 'assigned', 'verified', 'called_back', 'rectified', 'answered', 'closed']);
    expect(seen.at(-1)).toMatchObject({ founded: true, callOutcome: 'reached', callAttempts: 1, assignee: 'li' });
  });

  it('a case the citizen withdrew takes no step but a note, not even an appeal', () => {
    const withdrawn: CaseFacts = { ...openedCase('general', false), state: 'withdrawn' };
    for (const s of [assign, founded, { action: 'close' } as CaseCommand, { action: 'appeal', note: '误触' } as CaseCommand]) {
      expect(transition(withdrawn, s, rules)).toMatchObject({ ok: false, code: 'case_closed' });
    }
    expect(transition(withdrawn, { action: 'comment', note: '群众当场改评' }, rules)).toMatchObject({ ok: true, to: 'withdrawn' });
  });

  it('refuses to verify an unassigned case, with a code', () => {
    expect(transition(openedCase('general', true), founded, rules)).toMatchObject({ ok: false, code: 'not_assigned' });
  });

  it('refuses rectification before the citizen who left a number was called back', () => {
    const c = run(openedCase('general', true), [assign, founded]);
    expect(transition(c, rectify, rules)).toMatchObject({ ok: false, code: 'callback_required' });
    expect(transition(c, answer, rules)).toMatchObject({ ok: false, code: 'callback_required' });
  });

  it('lets an anonymous bad review go from 核实 straight to 整改', () => {
    const c = run(openedCase('general', false), [assign, founded, rectify]);
    expect(c.state).toBe('rectified');
    expect(c.callOutcome).toBeNull();
  });

  it('keeps calling until the citizen is reached or the tries run out, then records not reached', () => {
    const miss: CaseCommand = { action: 'call', reached: false, note: '无人接听' };
    let c = run(openedCase('general', true), [assign, founded, miss, miss]);
    expect(c).toMatchObject({ state: 'verified', callAttempts: 2, callOutcome: null });
    c = run(c, [miss]);
    expect(c).toMatchObject({ state: 'called_back', callAttempts: 3, callOutcome: 'unreachable' });
  });

  it('answers an unfounded case without rectification, but never a founded one', () => {
    const unfounded = run(openedCase('general', true), [assign, { action: 'verify', founded: false, note: '查无此事' }, reached]);
    expect(run(unfounded, [answer]).state).toBe('answered');
    const foundedCase = run(openedCase('general', true), [assign, founded, reached]);
    expect(transition(foundedCase, answer, rules)).toMatchObject({ ok: false, code: 'wrong_state' });
  });

  it('refuses skipping ahead, going back and closing before the answer', () => {
    const assigned = run(openedCase('general', true), [assign]);
    expect(transition(assigned, rectify, rules)).toMatchObject({ ok: false, code: 'wrong_state' });
    expect(transition(assigned, { action: 'close' }, rules)).toMatchObject({ ok: false, code: 'wrong_state' });
    const verified = run(assigned, [founded]);
    expect(transition(verified, founded, rules)).toMatchObject({ ok: false, code: 'wrong_state' });
  });

  it('refuses every step on a closed case except notes and the appeal', () => {
    const closed = run(openedCase('general', true), [assign, founded, reached, rectify, answer, { action: 'close' }]);
    for (const s of [assign, founded, reached, rectify, answer, { action: 'classify', category: 'major' } as CaseCommand]) {
      expect(transition(closed, s, rules)).toMatchObject({ ok: false, code: 'case_closed' });
    }
    expect(transition(closed, { action: 'comment', note: '复查' }, rules).ok).toBe(true);
    expect(transition(closed, { action: 'appeal', note: '评价人误触' }, rules).ok).toBe(true);
  });

  it('reassigns without moving the state', () => {
    const c = run(openedCase('general', true), [assign, founded, { action: 'assign', assignee: 'wang' }]);
    expect(c).toMatchObject({ state: 'verified', assignee: 'wang' });
  });

  it('takes one appeal, decided once; a pending appeal holds the close', () => {
    const answered = run(openedCase('general', true), [assign, founded, reached, rectify, answer, { action: 'appeal', note: '误评' }]);
    expect(transition(answered, { action: 'close' }, rules)).toMatchObject({ ok: false, code: 'appeal_pending' });
    expect(transition(answered, { action: 'appeal', note: '再次' }, rules)).toMatchObject({ ok: false, code: 'appeal_pending' });
    const upheld = run(answered, [{ action: 'decide_appeal', upheld: true, note: '监控显示误触' }]);
    expect(upheld.appeal).toBe('upheld');
    expect(transition(upheld, { action: 'decide_appeal', upheld: false, note: 'x' }, rules)).toMatchObject({ ok: false, code: 'no_appeal_pending' });
    expect(transition(upheld, { action: 'appeal', note: '再次' }, rules)).toMatchObject({ ok: false, code: 'appeal_exists' });
    expect(run(upheld, [{ action: 'close' }]).state).toBe('closed');
  });

  it('re-classifies a case as major while it is open', () => {
    expect(run(openedCase('general', false), [{ action: 'classify', category: 'major' }]).category).toBe('major');
  });
});

describe('the step wire schema', () => {
  it('names the field a step is missing', () => {
    const r = v.safeParse(CaseCommandSchema, { action: 'verify', founded: true, note: '  ' });
    expect(r.success).toBe(false);
    expect(r.success ? null : v.getDotPath(r.issues[0])).toBe('note');
  });

  it('refuses an unknown action', () => {
    expect(v.safeParse(CaseCommandSchema, { action: 'delete' }).success).toBe(false);
  });
});
