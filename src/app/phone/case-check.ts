/**
 * Before a case survey, online: ask the endpoint whether the case can still be rated, so a citizen on a second
 * phone is told at once instead of filling the form for nothing. Afterwards: a refusal that arrived later
 * (the rating went to the dead letters) is shown once, on the phone's next visit.
 */
import type { KioskDatabase, DeadLetter } from '../../device/store/db';
import { getMeta, putMeta } from '../../device/store/meta';
import { queueCounts } from '../../device/store/outbox-counts';
import type { DrainResult } from '../../device/sync/engine';

export type CaseState = 'open' | 'rated' | 'not_rectified' | 'unknown';

export const CASE_STATUS_PATH = '/api/v1/q/case-status';
/**
 * Refusals of a phone's rating the citizen should hear about: the case was rated, the code was not valid, or a face
 * chosen again (改选评价) reached the endpoint too late to change the rating.
 */
const TOLD_REASONS = new Set(['duplicate_case', 'case_not_rectified', 'token_expired', 'token_invalid', 'token_wrong_window', 'rating_change_too_late']);

/** A refusal's code: QR refusals carry it as their reason too; others in `code` (letters kept before it was have none). */
export const refusalCode = (d: DeadLetter): string => d.code ?? d.reason;

/** The endpoint's word on a case code; `unknown` when offline, slow or unsure, so the form is still shown (offline-first). */
export async function checkCase(token: string, fetchFn: typeof fetch, timeoutMs = 4_000): Promise<CaseState> {
  if (typeof navigator !== 'undefined' && navigator.onLine === false) return 'unknown';
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), timeoutMs);
  try {
    const res = await fetchFn(`${CASE_STATUS_PATH}?t=${encodeURIComponent(token)}`, { signal: ctl.signal, cache: 'no-store' });
    if (!res.ok) return 'unknown';
    const body = (await res.json()) as { state?: unknown };
    return body.state === 'open' || body.state === 'rated' || body.state === 'not_rectified' ? body.state : 'unknown';
  } catch {
    return 'unknown'; // offline or timed out: the endpoint will judge the rating when it arrives
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Waits, online and for `ms` at most, until what an earlier visit left queued has been sent: its answer may be a
 * refusal this visit must tell first. A page closed just as the endpoint answered kept neither the answer nor the
 * refusal, and the record is sent again on the next visit; told before that answer came, the citizen was shown "you
 * have rated this case" and heard of the refusal only a visit later. Stops as soon as the first drain is over (sent,
 * or given up: offline, the endpoint failing) or nothing is queued.
 */
export async function earlierSent(db: KioskDatabase, first: Promise<DrainResult>, ms = 3_000, now: () => number = Date.now): Promise<void> {
  if (typeof navigator !== 'undefined' && navigator.onLine === false) return;
  let over = false;
  // 'busy': another context (the service worker) is sending it, so the queue is watched instead
  void first.then((r) => { if (r.kind !== 'busy') over = true; }, () => { over = true; });
  const deadline = now() + ms;
  while (!over && now() < deadline && (await queueCounts(db)).pending > 0) await new Promise((ok) => setTimeout(ok, 100));
}

const shownKey = (id: string): `refusalShown:${string}` => `refusalShown:${id}`;

/** The oldest refusal this phone has not shown yet, marked shown as it is returned. */
export async function nextUntoldRefusal(db: KioskDatabase): Promise<DeadLetter | null> {
  const letters = await db.getAllFromIndex('deadLetters', 'byAt');
  for (const d of letters) {
    if (!TOLD_REASONS.has(refusalCode(d)) || (await getMeta(db, shownKey(d.id))) !== undefined) continue;
    await putMeta(db, shownKey(d.id), Date.now());
    return d;
  }
  return null;
}
