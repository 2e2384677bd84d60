/**
 * The follow-up state machine (差评闭环: 核实 → 回访 → 整改 → 反馈 → 结案, with 申诉复核 beside it).
 * Pure: a case's state plus one command gives the next state and the timeline entry, or a coded refusal.
 */

/**
 * `withdrawn` is a closure of its own: the citizen took a mis-tapped bad rating back before anyone worked the case
 * (src/server/cases/open.ts). It is terminal like `closed`, but no step of the loop led there and no figure counts it.
 */
export const CASE_STATES = ['new', 'assigned', 'verified', 'called_back', 'rectified', 'answered', 'closed', 'withdrawn'] as const;
export type CaseState = (typeof CASE_STATES)[number];

/** The states the follow-up loop walks through, in order (the citizen's progress page shows these). */
export const LOOP_STATES = CASE_STATES.filter((s): s is Exclude<CaseState, 'withdrawn'> => s !== 'withdrawn');

/** True once a case needs nothing more: closed after the loop, or withdrawn by the citizen. */
export const caseEnded = (s: CaseState): boolean => s === 'closed' || s === 'withdrawn';

export const APPEAL_STATES = ['none', 'pending', 'upheld', 'rejected'] as const;
export type AppealState = (typeof APPEAL_STATES)[number];

export type CaseCategory = 'general' | 'major';
export type CallOutcome = 'reached' | 'unreachable';

/** What the machine needs to know about a case. */
export interface CaseFacts {
  readonly state: CaseState;
  readonly category: CaseCategory;
  /** A phone number was left: 回访 is required before 整改/反馈. */
  readonly needsCallback: boolean;
  readonly assignee: string | null;
  /** null until 核实. */
  readonly founded: boolean | null;
  readonly callAttempts: number;
  readonly callOutcome: CallOutcome | null;
  readonly appeal: AppealState;
}

/** A step someone takes on a case (the wire schema in ./wire.ts validates the same shape). */
export type CaseCommand =
  | { action: 'assign'; assignee: string; note?: string | undefined }
  | { action: 'classify'; category: CaseCategory; note?: string | undefined }
  | { action: 'verify'; founded: boolean; note: string }
  | { action: 'call'; reached: boolean; note: string }
  | { action: 'rectify'; note: string }
  | { action: 'answer'; channel: 'phone' | 'sms' | 'in_person' | 'notice'; note: string }
  | { action: 'close'; note?: string | undefined }
  | { action: 'appeal'; note: string }
  | { action: 'decide_appeal'; upheld: boolean; note: string }
  | { action: 'comment'; note: string };

export type CaseAction = CaseCommand['action'];

export type TransitionErrorCode =
  | 'case_closed'
  | 'not_assigned'
  | 'wrong_state'
  | 'callback_required'
  | 'appeal_pending'
  | 'no_appeal_pending'
  | 'appeal_exists';

export type Transition =
  | { ok: true; next: CaseFacts; from: CaseState; to: CaseState }
  | { ok: false; code: TransitionErrorCode; message: string };

export interface MachineRules {
  /** After this many unanswered calls, 回访 is recorded as not reached and the case moves on. */
  readonly maxCallAttempts: number;
}

const refuse = (code: TransitionErrorCode, message: string): Transition => ({ ok: false, code, message });

function move(c: CaseFacts, patch: Partial<CaseFacts>): Transition {
  const next = { ...c, ...patch };
  return { ok: true, next, from: c.state, to: next.state };
}

/** Where a case may go to 反馈 from: after 整改, or straight after 回访/核实 when unfounded (nothing to rectify). */
function answerable(c: CaseFacts): boolean {
  if (c.state === 'rectified') return true;
  if (c.founded !== false) return false;
  return c.state === 'called_back' || (c.state === 'verified' && !c.needsCallback);
}

/** Applies one command; illegal steps are refused with a code, never thrown. */
export function transition(c: CaseFacts, cmd: CaseCommand, rules: MachineRules): Transition {
  if (cmd.action === 'comment') return move(c, {});
  // Nothing to appeal either: the rating that opened the case is no longer a bad one.
  if (c.state === 'withdrawn') return refuse('case_closed', 'the citizen withdrew the bad rating; the case is closed');
  if (c.state === 'closed' && cmd.action !== 'appeal' && cmd.action !== 'decide_appeal') {
    return refuse('case_closed', 'the case is closed');
  }
  switch (cmd.action) {
    case 'assign':
      // A reassignment keeps the state; the first assignment moves a new case on.
      return move(c, { assignee: cmd.assignee, state: c.state === 'new' ? 'assigned' : c.state });
    case 'classify':
      return move(c, { category: cmd.category });
    case 'verify':
      if (c.state === 'new') return refuse('not_assigned', 'assign the case before verifying it');
      if (c.state !== 'assigned') return refuse('wrong_state', `a case is verified once, from assigned (it is ${c.state})`);
      return move(c, { state: 'verified', founded: cmd.founded });
    case 'call': {
      if (c.state !== 'verified') return refuse('wrong_state', `calls are recorded after verification and before 回访 is done (it is ${c.state})`);
      const attempts = c.callAttempts + 1;
      if (cmd.reached) return move(c, { state: 'called_back', callAttempts: attempts, callOutcome: 'reached' });
      if (attempts >= rules.maxCallAttempts) return move(c, { state: 'called_back', callAttempts: attempts, callOutcome: 'unreachable' });
      return move(c, { callAttempts: attempts });
    }
    case 'rectify':
      if (c.state === 'verified' && c.needsCallback) return refuse('callback_required', 'call the citizen back first (回访)');
      if (c.state !== 'called_back' && c.state !== 'verified') return refuse('wrong_state', `rectification follows 回访 or 核实 (it is ${c.state})`);
      return move(c, { state: 'rectified' });
    case 'answer':
      if (c.state === 'verified' && c.needsCallback) return refuse('callback_required', 'call the citizen back first (回访)');
      if (!answerable(c)) return refuse('wrong_state', `the answer follows rectification, or 核实/回访 of an unfounded case (it is ${c.state})`);
      return move(c, { state: 'answered' });
    case 'close':
      if (c.appeal === 'pending') return refuse('appeal_pending', 'decide the appeal before closing');
      if (c.state !== 'answered') return refuse('wrong_state', `a case closes after the citizen was answered (it is ${c.state})`);
      return move(c, { state: 'closed' });
    case 'appeal':
      if (c.appeal === 'pending') return refuse('appeal_pending', 'an appeal is already waiting for a decision');
      if (c.appeal !== 'none') return refuse('appeal_exists', 'the appeal of this case was already decided');
      return move(c, { appeal: 'pending' });
    case 'decide_appeal':
      if (c.appeal !== 'pending') return refuse('no_appeal_pending', 'there is no appeal to decide');
      return move(c, { appeal: cmd.upheld ? 'upheld' : 'rejected' });
  }
}

/** A freshly opened case. */
export function openedCase(category: CaseCategory, needsCallback: boolean): CaseFacts {
  return { state: 'new', category, needsCallback, assignee: null, founded: null, callAttempts: 0, callOutcome: null, appeal: 'none' };
}

/** True once 回访 is behind the case (reached, or recorded unreachable after the allowed tries). */
export function calledBack(c: Pick<CaseFacts, 'callOutcome'>): boolean {
  return c.callOutcome !== null;
}
