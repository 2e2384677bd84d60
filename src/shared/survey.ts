/** The citizen's survey as pure rules: which step follows, what must be given, when the kiosk gives up waiting. */
import { isBad, type Score } from './scale';
import { isMobile, normalisePhone } from './phone';
import { COMMENT_MAX } from './wire-limits';

/** Screens of the survey after the faces. */
export type SurveyStep = 'reasons' | 'comment' | 'thanks';

/** A bad rating (≤ 2) asks for reasons first; any other goes straight to the thank-you. */
export function stepAfterRating(score: Score): SurveyStep {
  return isBad(score) ? 'reasons' : 'thanks';
}

/** A bad rating needs at least one reason before it can go on; others need none. */
export function reasonsComplete(score: Score, reasons: readonly string[]): boolean {
  return !isBad(score) || reasons.length > 0;
}

/** Only a bad rating offers a phone number for a call back. */
export function offersCallBack(score: Score): boolean {
  return isBad(score);
}

/** Toggles one reason code in a selection, keeping the site's order. */
export function toggleReason(selected: readonly string[], code: string, order: readonly string[]): string[] {
  const next = selected.includes(code) ? selected.filter((c) => c !== code) : [...selected, code];
  return order.filter((c) => next.includes(c));
}

export type ContactCheck =
  | { ok: true; comment?: string; phone?: string }
  | { ok: false; field: 'phone' | 'comment'; code: 'not_mobile' | 'too_long' };

/** Checks the optional comment and phone; empty fields are simply left out. */
export function checkCommentAndPhone(comment: string, phone: string): ContactCheck {
  const c = comment.trim();
  if (c.length > COMMENT_MAX) return { ok: false, field: 'comment', code: 'too_long' };
  const p = normalisePhone(phone.trim());
  if (p !== '' && !isMobile(p)) return { ok: false, field: 'phone', code: 'not_mobile' };
  return { ok: true, ...(c ? { comment: c } : {}), ...(p ? { phone: p } : {}) };
}

/** The later survey steps a citizen can add to a saved rating; a new face chosen before the thank-you replaces its score. */
export interface SurveyPatch {
  score?: Score;
  reasons?: string[];
  comment?: string;
  phone?: string;
}

/** A face chosen again before the thank-you: the new score replaces the saved one, and the old score's reasons go with it. */
export function rechosen(score: Score): SurveyPatch {
  return { score, reasons: [] };
}

/** A later revision of a saved record: same id, the next rev, the new answers merged in. */
export function nextRevision<R extends { rev: number }>(record: R, patch: SurveyPatch): R {
  return { ...record, ...patch, rev: record.rev + 1 };
}

export interface SurveyTimers {
  /** The thank-you stays this long, then the kiosk is idle again. */
  readonly thanksSeconds: number;
  /** Mid-survey (or a changed language at idle), this long without a touch returns to idle. */
  readonly inactivitySeconds: number;
}

export const DEFAULT_TIMERS: SurveyTimers = { thanksSeconds: 8, inactivitySeconds: 45 };

/** How long a screen waits before the kiosk goes back to idle. */
export function timeoutFor(screen: SurveyStep | 'suggest' | 'idle', timers: SurveyTimers): number {
  return (screen === 'thanks' ? timers.thanksSeconds : timers.inactivitySeconds) * 1000;
}

export interface InactivityTimer {
  /** A touch, key or typed character: start counting again. */
  touch(): void;
  stop(): void;
}

/** Calls `onTimeout` once after `ms` without a touch. */
export function startInactivityTimer(ms: number, onTimeout: () => void): InactivityTimer {
  let handle: ReturnType<typeof setTimeout> | null = null;
  const arm = (): void => {
    if (handle !== null) clearTimeout(handle);
    handle = setTimeout(() => { handle = null; onTimeout(); }, ms);
  };
  arm();
  return {
    touch() { if (handle !== null) arm(); },
    stop() { if (handle !== null) clearTimeout(handle); handle = null; },
  };
}
