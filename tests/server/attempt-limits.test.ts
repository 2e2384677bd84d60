import { describe, it, expect } from 'vitest';
import { judgeAttempt, LOGIN_RULES, PAIRING_RULES } from '../../src/server/auth/attempts';

const T0 = Date.parse('2026-11-23T02:00:00Z');
const times = (n: number, step = 1_000, end = T0) => Array.from({ length: n }, (_, i) => end - (n - 1 - i) * step);

describe('limits on wrong passwords and pairing codes', () => {
  it('seven wrong passwords for admin from one address slow that address down but never lock the admin out elsewhere', () => {
    const attacker = times(7);
    expect(judgeAttempt({ pair: attacker, account: attacker, unlockedAt: null }, T0 + 500, LOGIN_RULES).kind).toBe('limited');
    expect(judgeAttempt({ pair: [], account: attacker, unlockedAt: null }, T0 + 500, LOGIN_RULES)).toEqual({ kind: 'allowed' });
  });

  it('the delay after the free tries grows with each further failure, up to its cap', () => {
    const delays = [5, 6, 7, 8, 20].map((n) => {
      const v = judgeAttempt({ pair: times(n), account: times(n), unlockedAt: null }, T0, LOGIN_RULES);
      return v.kind === 'limited' ? v.retryAfterSeconds : 0;
    });
    expect(delays).toEqual([2, 4, 8, 16, 15 * 60]);
  });

  it('once the delay has passed the same pair may try again', () => {
    expect(judgeAttempt({ pair: times(6), account: times(6), unlockedAt: null }, T0 + 4_001, LOGIN_RULES)).toEqual({ kind: 'allowed' });
  });

  it('guessing spread over many addresses meets the much higher limit per account', () => {
    const spread = times(LOGIN_RULES.accountLimit!, 100);
    const v = judgeAttempt({ pair: [], account: spread, unlockedAt: null }, T0 + 1, LOGIN_RULES);
    expect(v).toMatchObject({ kind: 'limited', scope: 'account' });
    expect(judgeAttempt({ pair: [], account: spread.slice(1), unlockedAt: null }, T0 + 1, LOGIN_RULES).kind).toBe('allowed');
  });

  it('an admin unlock forgets every failure before it', () => {
    const spread = times(LOGIN_RULES.accountLimit!, 100);
    expect(judgeAttempt({ pair: spread, account: spread, unlockedAt: T0 }, T0 + 1, LOGIN_RULES)).toEqual({ kind: 'allowed' });
  });

  it('ten wrong pairing codes behind one address cost the hall\'s tablets at most a minute, not fifteen', () => {
    const v = judgeAttempt({ pair: times(30), account: times(30), unlockedAt: null }, T0, PAIRING_RULES);
    expect(v.kind === 'limited' && v.retryAfterSeconds).toBeLessThanOrEqual(60);
  });

  it('failures older than the window are forgotten', () => {
    const old = times(50, 1_000, T0 - 16 * 60_000);
    expect(judgeAttempt({ pair: old, account: old, unlockedAt: null }, T0, LOGIN_RULES)).toEqual({ kind: 'allowed' });
  });
});
