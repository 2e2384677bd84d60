/** Retry policy: capped exponential backoff with full jitter. */
export interface BackoffPolicy {
  readonly baseMs: number;
  readonly capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 2_000, capMs: 5 * 60_000 };

/**
 * Delay before retry number `attempt` (1 = first retry): uniform in [0, min(cap, base·2^(attempt-1))].
 * Full jitter spreads a hall's kiosks so they do not all return at once after an outage.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random, p: BackoffPolicy = DEFAULT_BACKOFF): number {
  const ceiling = Math.min(p.capMs, p.baseMs * 2 ** Math.max(0, Math.min(attempt - 1, 30)));
  return Math.floor(random() * ceiling);
}

/** Parses a Retry-After header (seconds or HTTP date) into milliseconds from `now`, or null. */
export function retryAfterMs(header: string | null, now: number): number | null {
  if (!header) return null;
  const secs = Number(header);
  if (Number.isFinite(secs) && secs >= 0) return secs * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}
