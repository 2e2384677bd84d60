import { describe, it, expect } from 'vitest';
import { backoffDelay, retryAfterMs } from '../../src/shared/backoff';

const policy = { baseMs: 1000, capMs: 60_000 };

describe('retry backoff', () => {
  it('doubles the ceiling with every failed attempt', () => {
    const max = (a: number) => backoffDelay(a, () => 0.999999, policy);
    expect(max(1)).toBe(999);
    expect(max(2)).toBe(1999);
    expect(max(3)).toBe(3999);
  });

  it('never waits longer than the cap, however many attempts failed', () => {
    expect(backoffDelay(50, () => 0.999999, policy)).toBeLessThan(60_000);
    expect(backoffDelay(1000, () => 0.999999, policy)).toBeLessThan(60_000);
  });

  it('spreads retries with full jitter, down to no wait at all', () => {
    expect(backoffDelay(5, () => 0, policy)).toBe(0);
    const seen = new Set(Array.from({ length: 50 }, () => backoffDelay(6, Math.random, policy)));
    expect(seen.size).toBeGreaterThan(10);
  });

  it('honours Retry-After in seconds and as an HTTP date', () => {
    const now = Date.parse('2026-11-23T08:00:00Z');
    expect(retryAfterMs('30', now)).toBe(30_000);
    expect(retryAfterMs('Mon, 23 Nov 2026 08:01:00 GMT', now)).toBe(60_000);
    expect(retryAfterMs(null, now)).toBeNull();
    expect(retryAfterMs('soon', now)).toBeNull();
  });
});
