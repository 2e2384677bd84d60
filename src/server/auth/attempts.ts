/**
 * Limits on wrong passwords and pairing codes that an attacker cannot turn against the real user:
 * failures count per (account, address) pair with a growing delay, so someone guessing from one place
 * never locks the admin out everywhere; a much higher global limit per account caps spread-out guessing.
 */

export interface AttemptRules {
  /** Failures are remembered this long. */
  readonly windowMs: number;
  /** Failures of one (account, address) pair before delays start. */
  readonly freeFailures: number;
  /** The first delay; each further failure doubles it, up to `maxDelayMs`. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Failures of one account from all addresses together before the account is refused everywhere (null: no such limit). */
  readonly accountLimit: number | null;
}

/** Sign-in: 5 free tries per (account, address), then 2 s, 4 s, … up to 15 min; 200 per account in 15 min from anywhere. */
export const LOGIN_RULES: AttemptRules = { windowMs: 15 * 60_000, freeFailures: 5, baseDelayMs: 2_000, maxDelayMs: 15 * 60_000, accountLimit: 200 };
/** Pairing codes (40 bits): 10 free per address, then 2 s … 60 s, so a hall's tablets behind one address are never shut out for long. */
export const PAIRING_RULES: AttemptRules = { windowMs: 15 * 60_000, freeFailures: 10, baseDelayMs: 2_000, maxDelayMs: 60_000, accountLimit: 1_000 };

/**
 * Staff PINs checked by the endpoint, per (staff number, kiosk): 3 free, then 30 s, 1 min, … up to 15 min, remembered
 * an hour; 30 per staff number from all kiosks together. A 6-digit PIN cannot be guessed online at that pace.
 */
export const PIN_RULES: AttemptRules = { windowMs: 60 * 60_000, freeFailures: 3, baseDelayMs: 30_000, maxDelayMs: 15 * 60_000, accountLimit: 30 };

export type AttemptVerdict = { kind: 'allowed' } | { kind: 'limited'; scope: 'pair' | 'account'; retryAfterSeconds: number };

/** Recent failure times (ms), any order; those before `since` (the window, or an admin's unlock) are ignored. */
export interface AttemptHistory {
  readonly pair: readonly number[];
  readonly account: readonly number[];
  /** When an admin last unlocked the account, or null. */
  readonly unlockedAt: number | null;
}

/** Whether a new attempt may be judged now, and if not, in how many seconds. */
export function judgeAttempt(h: AttemptHistory, now: number, rules: AttemptRules): AttemptVerdict {
  const since = Math.max(now - rules.windowMs, h.unlockedAt ?? -Infinity);
  const pair = h.pair.filter((t) => t > since && t <= now).sort((a, b) => a - b);
  const account = h.account.filter((t) => t > since && t <= now).sort((a, b) => a - b);
  if (rules.accountLimit !== null && account.length >= rules.accountLimit) {
    const frees = account[account.length - rules.accountLimit]! + rules.windowMs;
    return { kind: 'limited', scope: 'account', retryAfterSeconds: Math.max(1, Math.ceil((frees - now) / 1000)) };
  }
  const over = pair.length - rules.freeFailures;
  if (over < 0) return { kind: 'allowed' };
  const delay = Math.min(rules.maxDelayMs, rules.baseDelayMs * 2 ** Math.min(over, 30));
  const waitUntil = pair[pair.length - 1]! + delay;
  return waitUntil > now ? { kind: 'limited', scope: 'pair', retryAfterSeconds: Math.max(1, Math.ceil((waitUntil - now) / 1000)) } : { kind: 'allowed' };
}
