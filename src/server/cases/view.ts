/** Stored cases as the API shows them: summaries, the full case page, and the public progress view. */
import type { ConfigIndex } from '../config/load';
import type { ResponseRow, SuggestionRow } from '../store';
import type { CaseEventRow, ExclusionRow, FollowupCaseRow } from '../store/cases';
import type { CaseDetail, CaseEvent, CaseSource, CaseSummary, TrackView } from '../../shared/cases/wire';
import { dueState } from '../../shared/cases/calendar';
import { maskPhone } from '../../shared/phone';
import { maskContact, maskPhonesInText, phonesInText } from '../../shared/contact';
import { staffNames, windowNames } from '../stats/labels';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export function caseSummary(config: ConfigIndex, r: FollowupCaseRow, now: number): CaseSummary {
  const tz = config.sites.get(r.site_id)?.timeZone ?? 'Asia/Shanghai';
  const windowName = windowNames(config, r.window_id);
  const staffName = r.staff_id ? staffNames(config, r.staff_id) : null;
  return {
    id: r.number, number: r.number, siteId: r.site_id, windowId: r.window_id, windowLabel: windowName.zh, windowNames: windowName,
    staffId: r.staff_id, staffLabel: staffName?.zh ?? null, staffNames: staffName, kind: r.kind, category: r.category,
    state: r.state, assignee: r.assignee, needsCallback: r.needs_callback === 1, founded: r.founded === null ? null : r.founded === 1,
    callOutcome: r.call_outcome, appeal: r.appeal, openedAt: iso(r.opened_at)!, callbackDueAt: iso(r.callback_due_at), dueAt: iso(r.due_at)!,
    closedAt: iso(r.closed_at), due: r.next_due_at === null ? 'done' : dueState(r.next_due_at, now, tz), score: r.score, timeZone: tz,
  };
}

export function eventView(e: CaseEventRow): CaseEvent {
  return { seq: e.seq, at: iso(e.at)!, by: e.actor, action: e.action, from: e.from_state, to: e.to_state, note: e.note, detail: JSON.parse(e.detail) as Record<string, unknown> };
}

/**
 * The source record in full; its phone, and the phone numbers the citizen typed into its text, masked unless `reveal`
 * (the audited reveal, which shows the citizen's numbers wherever they wrote them or none of them).
 */
export function sourceView(src: ResponseRow | SuggestionRow, kind: 'response' | 'suggestion', exclusion: ExclusionRow | undefined, reveal: boolean, label: (code: string) => { zh: string; en: string } = (c) => ({ zh: c, en: c })): CaseSource {
  const phone = kind === 'response' ? (src as ResponseRow).phone : (src as SuggestionRow).contact;
  // A number typed only into the text is the call-back number when no other was left: shown masked, revealed as a phone is.
  const typed = phone ? [] : phonesInText((kind === 'response' ? (src as ResponseRow).comment : (src as SuggestionRow).text) ?? '');
  // A suggestion's contact may be an e-mail or a WeChat id: the contact rule masks those, the phone rule would not.
  const shown = phone ? (reveal ? phone : kind === 'response' ? maskPhone(phone) : maskContact(phone))
    : typed.length > 0 ? (reveal ? typed : typed.map(maskPhone)).join('、') : null;
  const text = (t: string | null): string | null => (reveal || t === null ? t : maskPhonesInText(t));
  if (kind === 'response') {
    const r = src as ResponseRow;
    const reasons = JSON.parse(r.reasons) as string[];
    const names = reasons.map(label);
    return { kind, id: r.id, at: iso(r.counted_at)!, channel: r.channel, score: r.score, category: null, reasons, reasonLabels: names.map((n) => n.zh), reasonNames: names, text: text(r.comment), phone: shown, excluded: exclusion !== undefined, excludedReason: exclusion?.reason ?? null };
  }
  const s = src as SuggestionRow;
  return { kind, id: s.id, at: iso(s.counted_at)!, channel: s.channel, score: null, category: s.category, reasons: [], reasonLabels: [], reasonNames: [], text: text(s.text), phone: shown, excluded: false, excludedReason: null };
}

/** The case page; the comments of its follow-up ratings (二次评价) with their phone numbers masked, as every comment is. */
export function caseDetail(summary: CaseSummary, r: FollowupCaseRow, sources: CaseSource[], events: CaseEventRow[], followUps: CaseDetail['followUps'], canReveal: boolean): CaseDetail {
  const masked = followUps.map((f) => (f.comment ? { ...f, comment: maskPhonesInText(f.comment) } : f));
  return { ...summary, sources, events: events.map(eventView), followUps: masked, answer: r.answer, canReveal };
}

/** The citizen's view: states reached and when, and the hall's answer. No names, no numbers, no text of theirs. */
export function trackView(config: ConfigIndex, r: FollowupCaseRow, events: CaseEventRow[]): TrackView {
  const site = config.sites.get(r.site_id);
  const steps: TrackView['steps'] = [{ state: 'new', at: iso(r.opened_at)! }];
  for (const e of events) if (e.to_state !== e.from_state) steps.push({ state: e.to_state, at: iso(e.at)! });
  return {
    number: r.number, siteName: site?.name ?? { zh: r.site_id, en: r.site_id }, timeZone: site?.timeZone ?? 'Asia/Shanghai', windowNumber: config.windows.get(r.window_id)?.number ?? '',
    windowName: config.windows.get(r.window_id)?.name ?? { zh: '', en: '' },
    state: r.state, openedAt: iso(r.opened_at)!, dueAt: iso(r.due_at)!, steps, answer: r.answer,
  };
}
