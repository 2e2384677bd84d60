/** Failed-attempt limiter for sign-in and pairing codes: per key, a sliding window of failures kept in the store. */
import type { Areas } from '../store';

export interface LimitPolicy {
  /** Failures allowed inside `windowMs` before the key is refused. */
  maxFailures: number;
  windowMs: number;
}

export type LimitCheck = { kind: 'allowed' } | { kind: 'limited'; retryAfterSeconds: number };

/** Failures live in the store, so every endpoint process counts the same attempts. */
export class FailureLimiter {
  constructor(
    private readonly store: Pick<Areas, 'limits'>,
    private readonly scope: string,
    private readonly policy: LimitPolicy,
    private readonly now: () => number,
  ) {}

  /** Whether `key` may try again now, and if not, in how many seconds. */
  async check(key: string): Promise<LimitCheck> {
    const now = this.now();
    const recent = await this.store.limits.failures(this.scope, key, now - this.policy.windowMs);
    if (recent.length < this.policy.maxFailures) return { kind: 'allowed' };
    const oldest = recent[recent.length - this.policy.maxFailures]!;
    return { kind: 'limited', retryAfterSeconds: Math.max(1, Math.ceil((oldest + this.policy.windowMs - now) / 1000)) };
  }

  fail(key: string): Promise<void> {
    return this.store.limits.addFailure(this.scope, key, this.now());
  }

  /** A success clears the key (an account's owner signing in is not an attack). */
  clear(key: string): Promise<void> {
    return this.store.limits.clear(this.scope, key);
  }
}

/** Sign-in: 5 wrong passwords per account, 20 per address, each in 15 minutes. */
export const ACCOUNT_POLICY: LimitPolicy = { maxFailures: 5, windowMs: 15 * 60_000 };
export const ADDRESS_POLICY: LimitPolicy = { maxFailures: 20, windowMs: 15 * 60_000 };
/** Pairing codes: 10 wrong codes per address in 15 minutes (a code has 40 bits; this keeps guessing hopeless). */
export const PAIRING_POLICY: LimitPolicy = { maxFailures: 10, windowMs: 15 * 60_000 };
/** Failures older than this are swept by the daily job (longer than any policy's window). */
export const FORGET_FAILURES_MS = 24 * 3_600_000;
