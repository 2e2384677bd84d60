/** Failed-attempt limiter for sign-in and pairing codes: per key, a sliding window of failures. */

export interface LimitPolicy {
  /** Failures allowed inside `windowMs` before the key is refused. */
  maxFailures: number;
  windowMs: number;
}

export type LimitCheck = { kind: 'allowed' } | { kind: 'limited'; retryAfterSeconds: number };

/** Failures kept in memory: a restart forgets them, which only ever helps a real user. */
export class FailureLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly policy: LimitPolicy, private readonly now: () => number) {}

  /** Whether `key` may try again now, and if not, in how many seconds. */
  check(key: string): LimitCheck {
    const recent = this.recent(key);
    if (recent.length < this.policy.maxFailures) return { kind: 'allowed' };
    const oldest = recent[recent.length - this.policy.maxFailures]!;
    return { kind: 'limited', retryAfterSeconds: Math.max(1, Math.ceil((oldest + this.policy.windowMs - this.now()) / 1000)) };
  }

  fail(key: string): void {
    const recent = this.recent(key);
    recent.push(this.now());
    this.failures.set(key, recent);
    if (this.failures.size > 10_000) this.sweep();
  }

  /** A success clears the key (an account's owner signing in is not an attack). */
  clear(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string): number[] {
    const since = this.now() - this.policy.windowMs;
    return (this.failures.get(key) ?? []).filter((t) => t > since);
  }

  private sweep(): void {
    for (const key of [...this.failures.keys()]) if (this.recent(key).length === 0) this.failures.delete(key);
  }
}

/** Sign-in: 5 wrong passwords per account, 20 per address, each in 15 minutes. */
export const ACCOUNT_POLICY: LimitPolicy = { maxFailures: 5, windowMs: 15 * 60_000 };
export const ADDRESS_POLICY: LimitPolicy = { maxFailures: 20, windowMs: 15 * 60_000 };
/** Pairing codes: 10 wrong codes per address in 15 minutes (a code has 40 bits; this keeps guessing hopeless). */
export const PAIRING_POLICY: LimitPolicy = { maxFailures: 10, windowMs: 15 * 60_000 };
