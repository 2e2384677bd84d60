/** What an alert in the bell says, filled from its facts for the signed-in user. */
import type { BellAlert } from '../../../shared/alerts/wire';
import type { AlertsDict } from '../../i18n/alerts';
import { fill } from '../../i18n/use';

/** An alert's facts as the texts its message is filled with. */
const factTexts = (facts: Record<string, unknown>): Record<string, string> => ({
  // an early warning raised before its facts named the subject in English reads its Chinese name
  ...(facts.label !== undefined ? { labelEn: String(facts.label) } : {}),
  ...Object.fromEntries(Object.entries(facts).map(([k, x]) => [k, String(x)])),
});

/**
 * The alert's message, or null for a kind without one. An assignment reads "to you" only to its assignee: a supervisor
 * sees the hall's assignments to someone else by that person's name.
 */
export function alertBody(t: AlertsDict, a: Pick<BellAlert, 'kind' | 'facts'>, me: string): string | null {
  const other = a.kind === 'case_assigned' && typeof a.facts.assignee === 'string' && a.facts.assignee !== me;
  // An assignment with a call-back still owed names both deadlines.
  const callback = a.kind === 'case_assigned' && typeof a.facts.callBackBy === 'string';
  // An overdue case says which deadline passed (one raised before it was told reads as before).
  const stage = a.kind === 'case_overdue' && (a.facts.stage === 'callback' || a.facts.stage === 'due') ? `_${a.facts.stage}` : '';
  const texts = t as unknown as Record<string, string>;
  const body = texts[`body_${a.kind}${stage}${callback ? '_callback' : ''}${other ? '_other' : ''}`];
  return body ? fill(body, factTexts(a.facts)) : null;
}

/** The case an alert is about (工单 DEMO-…), or null. */
export function alertCase(t: AlertsDict, a: Pick<BellAlert, 'facts'>): string | null {
  return typeof a.facts.case === 'string' && a.facts.case !== '' ? fill(t.caseOf, { case: a.facts.case }) : null;
}

/** 2026/11/24 09:30:00 (in English 24 Nov 2026, 09:30:00): an alert's time on its hall's clock, whatever the browser's zone. */
export function bellTime(ms: number, timeZone: string, lang: 'zh-CN' | 'en' = 'zh-CN'): string {
  if (lang === 'en') return new Date(ms).toLocaleString('en-GB', { timeZone, hour12: false, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  return new Date(ms).toLocaleString('zh-CN', { timeZone, hour12: false });
}
