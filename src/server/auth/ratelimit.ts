/** Failed-attempt limiter for sign-in and pairing codes: per key, a sliding window of failures kept in the store. */
import type { Areas, LimitKey } from '../store';
import { judgeAttempt, type AttemptRules, type AttemptVerdict } from './attempts';

/** An attempt let through the gate, already counted as a failure. */
export interface Attempt { readonly kind: 'allowed'; readonly account: string; readonly address: string; readonly at: number }
export type Limited = Extract<AttemptVerdict, { kind: 'limited' }>;

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

/**
 * Sign-in and pairing limits that cannot be turned against the real user (see attempts.ts): failures per
 * (account, address) pair with growing delays, a much higher limit per account from everywhere, a delay per
 * address for guessing across accounts, and an admin's unlock. Everything lives in the store.
 */
export class AttemptGate {
  constructor(
    private readonly store: Pick<Areas, 'limits'>,
    private readonly name: 'login' | 'pairing' | 'pin',
    private readonly rules: AttemptRules,
    private readonly now: () => number,
  ) {}

  // U+001F between the parts: PostgreSQL text cannot hold NUL.
  private pairKey = (account: string, address: string) => `${account}\u001f${address}`;

  private keys(account: string, address: string): LimitKey[] {
    return [
      { scope: `${this.name}_pair`, key: this.pairKey(account, address) },
      { scope: `${this.name}_account`, key: account },
      { scope: `${this.name}_address`, key: address },
    ];
  }

  /**
   * Whether an attempt for `account` from `address` may be judged now. One let through is counted as a failure at
   * once, in the same lock as the count, so requests kept in flight together cannot pass the limit; the caller hands
   * it back with `succeed` or `release` when it did not fail.
   */
  async attempt(account: string, address: string): Promise<Attempt | Limited> {
    const at = this.now();
    const keys = this.keys(account, address);
    const verdict = await this.store.limits.reserve([...keys, { scope: `${this.name}_unlock`, key: account }], at - this.rules.windowMs, ([pair = [], acct = [], byAddress = [], unlocks = []]) => {
      const unlockedAt = unlocks.length ? Math.max(...unlocks) : null;
      const own = judgeAttempt({ pair, account: acct, unlockedAt }, at, this.rules);
      if (own.kind === 'limited') return own;
      return judgeAttempt({ pair: byAddress, account: [], unlockedAt: null }, at, { ...this.rules, freeFailures: this.rules.freeFailures * 4, accountLimit: null });
    }, keys, at);
    return verdict.kind === 'allowed' ? { kind: 'allowed', account, address, at } : verdict;
  }

  /** The attempt failed: its failure is timed now, so a delay runs from the answer, not from the start of a slow check. */
  failed(a: Attempt): Promise<void> {
    return this.store.limits.restamp(this.keys(a.account, a.address), a.at, this.now());
  }

  /** The account's owner got in from here: this pair starts afresh, and the attempt counts against nothing. */
  async succeed(a: Attempt): Promise<void> {
    const [pair, ...rest] = this.keys(a.account, a.address);
    await this.store.limits.clear(pair!.scope, pair!.key);
    await this.store.limits.release(rest, a.at);
  }

  /** The attempt was no failure (a right code for another window, a crash): it counts against nothing. */
  release(a: Attempt): Promise<void> {
    return this.store.limits.release(this.keys(a.account, a.address), a.at);
  }

  /** An admin's unlock: every failure of the account before now is forgotten, from every address. */
  unlock(account: string): Promise<void> {
    return this.store.limits.addFailure(`${this.name}_unlock`, account, this.now());
  }
}
