/**
 * A suggestion written on a phone whose code expired before it was sent: kept on the phone per window, so the
 * citizen who scans the window's code again finds it in the suggestion box instead of writing it again. The
 * contact is not kept (personal data stays only as long as the page that was given it).
 */
import { SUGGESTION_CATEGORIES, type SuggestionCategory } from '../../shared/wire';

export interface Draft { category: SuggestionCategory; text: string }

/** How long a kept draft is offered again. */
export const DRAFT_MS = 24 * 3_600_000;

const key = (windowId: string): string => `phone-suggestion-draft:${windowId}`;

export function keepDraft(windowId: string, draft: Draft, now: number): boolean {
  try {
    localStorage.setItem(key(windowId), JSON.stringify({ ...draft, at: now }));
    return true;
  } catch {
    return false; // storage blocked (private mode): nothing could be kept
  }
}

/** The draft kept for this window within the last day, or null. */
export function keptDraft(windowId: string, now: number): Draft | null {
  try {
    const d = JSON.parse(localStorage.getItem(key(windowId)) ?? 'null') as (Draft & { at: number }) | null;
    if (!d || typeof d.text !== 'string' || !d.text || !SUGGESTION_CATEGORIES.includes(d.category) || !(now - d.at < DRAFT_MS)) return null;
    return { category: d.category, text: d.text };
  } catch {
    return null;
  }
}

export function dropDraft(windowId: string): void {
  try { localStorage.removeItem(key(windowId)); } catch { /* blocked: nothing was kept */ }
}
