/**
 * Applies one step to a case inside a unit of work: the pure machine decides, then the row, the append-only
 * timeline and the audit log are written together. Alerts hook in here (`caseEventHooks`): every case event —
 * opened, assigned, state changed — passes through `caseEvent`, inside the same transaction.
 */
import type { Unit } from '../store';
import type { FollowupCaseRow } from '../store/cases';
import { auditEntry } from '../audit';
import { caseEnded, transition, type CaseCommand, type CaseFacts, type CaseState, type TransitionErrorCode } from '../../shared/cases/machine';
import type { Site } from '../../shared/config';
import { localParts } from '../../shared/time';
import { deadlineAfter } from '../../shared/cases/calendar';

export interface CaseEventInput {
  actor: string;
  action: string;
  from: CaseState;
  to: CaseState;
  note: string | null;
  detail: Record<string, unknown>;
  at: number;
}

/** Called for every case event inside its transaction (e.g. the alert outbox). */
export type CaseEventHook = (t: Unit, row: FollowupCaseRow, e: CaseEventInput & { seq: number }) => Promise<void>;
const hooks: CaseEventHook[] = [];

/** Registers a hook for every case event; returns a function that removes it. */
export function onCaseEvent(h: CaseEventHook): () => void {
  hooks.push(h);
  return () => { hooks.splice(hooks.indexOf(h), 1); };
}

/** Appends a timeline entry, the audit line, and runs the hooks — all in `t`. */
export async function caseEvent(t: Unit, row: FollowupCaseRow, e: CaseEventInput): Promise<number> {
  return (await caseEvents(t, [{ row, e }]))[0]!;
}

/** `caseEvent` for many events: the timeline entries and the audit lines each in one statement, then the hooks in order. */
export async function caseEvents(t: Unit, items: ReadonlyArray<{ row: FollowupCaseRow; e: CaseEventInput }>): Promise<number[]> {
  if (items.length === 0) return [];
  const seqs = await t.cases.appendEvents(items.map(({ row, e }) => ({
    case_number: row.number, at: e.at, actor: e.actor, action: e.action, from_state: e.from, to_state: e.to, note: e.note, detail: JSON.stringify(e.detail),
  })));
  await t.audit.appendMany(items.map(({ row, e }) => auditEntry(e.actor, `case.${e.action}`, { case: row.number, from: e.from, to: e.to, ...e.detail }, e.at)));
  for (const [i, { row, e }] of items.entries()) for (const h of hooks) await h(t, row, { ...e, seq: seqs[i]! });
  return seqs;
}

/** The deadline that matters now: 回访 while pending, then 办结; none once closed or withdrawn. */
export function nextDueAt(r: Pick<FollowupCaseRow, 'state' | 'needs_callback' | 'call_outcome' | 'callback_due_at' | 'due_at'>): number | null {
  if (caseEnded(r.state)) return null;
  if (r.needs_callback === 1 && r.call_outcome === null && r.callback_due_at !== null) return r.callback_due_at;
  return r.due_at;
}

/** The machine's view of a stored case. */
export function factsOf(r: FollowupCaseRow): CaseFacts {
  return {
    state: r.state, category: r.category, needsCallback: r.needs_callback === 1, assignee: r.assignee,
    founded: r.founded === null ? null : r.founded === 1, callAttempts: r.call_attempts, callOutcome: r.call_outcome, appeal: r.appeal,
  };
}

export type StepResult =
  | { kind: 'ok'; row: FollowupCaseRow }
  | { kind: 'refused'; code: TransitionErrorCode; message: string };

/** What a step writes besides the state: timestamps, the answer text, the veto, the exclusion. */
async function sideEffects(t: Unit, site: Site, before: FollowupCaseRow, row: FollowupCaseRow, cmd: CaseCommand, actor: string, now: number): Promise<void> {
  if (cmd.action === 'verify' && cmd.founded) {
    const rules = site.followUp.veto;
    const vetoes = (before.kind === 'complaint' && rules.foundedComplaint) || (before.kind === 'bad_review' && rules.foundedBadReview);
    if (vetoes) {
      const month = localParts(before.opened_at, site.timeZone).day.slice(0, 7);
      const reason = `${before.number}: ${cmd.note}`;
      await t.stats.addVeto({ siteId: site.id, subject: 'window', subjectId: before.window_id, month, reason, caseId: before.number, by: actor, at: now });
      if (before.staff_id) await t.stats.addVeto({ siteId: site.id, subject: 'staff', subjectId: before.staff_id, month, reason, caseId: before.number, by: actor, at: now });
    }
  }
  if (cmd.action === 'decide_appeal' && cmd.upheld && row.source_kind === 'response') {
    await t.cases.exclude({ response_id: row.source_id, reason: cmd.note, case_number: row.number, by: actor, at: now });
  }
}

/** Runs one step on a case in `t`; illegal steps come back refused with their code. */
export async function applyStep(t: Unit, site: Site, before: FollowupCaseRow, cmd: CaseCommand, actor: string, now: number): Promise<StepResult> {
  const tr = transition(factsOf(before), cmd, { maxCallAttempts: site.followUp.maxCallAttempts });
  if (!tr.ok) return { kind: 'refused', code: tr.code, message: tr.message };
  const n = tr.next;
  const patch: Partial<FollowupCaseRow> = {
    state: n.state, assignee: n.assignee, category: n.category, founded: n.founded === null ? null : n.founded ? 1 : 0,
    call_attempts: n.callAttempts, call_outcome: n.callOutcome, appeal: n.appeal,
  };
  if (cmd.action === 'verify') patch.verified_at = now;
  if (cmd.action === 'call' && n.callOutcome !== null && before.call_outcome === null) patch.called_back_at = now;
  if (cmd.action === 'rectify') patch.rectified_at = now;
  if (cmd.action === 'answer') { patch.answered_at = now; patch.answer = cmd.note; }
  if (cmd.action === 'close') patch.closed_at = now;
  if (cmd.action === 'classify' && cmd.category !== before.category) {
    const fu = site.followUp;
    patch.due_at = deadlineAfter(before.opened_at, cmd.category === 'major' ? fu.majorDays : fu.generalDays, fu.calendar, site.timeZone).at;
  }
  const row = { ...before, ...patch };
  row.next_due_at = nextDueAt(row);
  patch.next_due_at = row.next_due_at;
  await t.cases.update(before.number, patch);
  const detail: Record<string, unknown> = {};
  if (cmd.action === 'assign') detail.assignee = cmd.assignee;
  if (cmd.action === 'verify') detail.founded = cmd.founded;
  if (cmd.action === 'call') detail.reached = cmd.reached;
  if (cmd.action === 'answer') detail.channel = cmd.channel;
  if (cmd.action === 'classify') detail.category = cmd.category;
  if (cmd.action === 'decide_appeal') detail.upheld = cmd.upheld;
  await caseEvent(t, row, { actor, action: cmd.action, from: tr.from, to: tr.to, note: 'note' in cmd ? cmd.note ?? null : null, detail, at: now });
  await sideEffects(t, site, before, row, cmd, actor, now);
  return { kind: 'ok', row };
}
