import { describe, expect, it } from 'vitest';
import { formatTrackingCode, newTrackingCode, normalizeTrackingCode, TRACKING_CODE_BITS, TRACKING_CODE_RE } from '../../src/shared/cases/tracking';
import { caseFigures, median, type CaseFact } from '../../src/shared/cases/figures';

describe('the citizen\'s tracking code', () => {
  it('carries 80 random bits: every bit of the 10 random bytes reaches the code', () => {
    expect(TRACKING_CODE_BITS).toBeGreaterThanOrEqual(80);
    expect(newTrackingCode((b) => b.fill(0))).toBe('0000000000000000');
    expect(newTrackingCode((b) => b.fill(255))).toBe('ZZZZZZZZZZZZZZZZ');
    const oneBitLast = newTrackingCode((b) => { b.fill(0); b[9] = 1; return b; });
    expect(oneBitLast).toBe('0000000000000001');
  });

  it('never repeats across many fresh codes', () => {
    const codes = new Set(Array.from({ length: 5000 }, () => newTrackingCode()));
    expect(codes.size).toBe(5000);
    for (const c of codes) expect(c).toMatch(TRACKING_CODE_RE);
  });

  it('reads a code typed with dashes, lower case and look-alike letters', () => {
    const code = newTrackingCode((b) => b.fill(0x5a));
    expect(normalizeTrackingCode(formatTrackingCode(code).toLowerCase())).toBe(code);
    expect(normalizeTrackingCode('oooo-iiii-llll-0000')).toBe('0000111111110000');
    expect(normalizeTrackingCode('too-short')).toBeNull();
    expect(normalizeTrackingCode('UUUUUUUUUUUUUUUU')).toBeNull(); // U is not in Crockford's alphabet
  });
});

describe('follow-up figures', () => {
  const h = 3_600_000;
  const base: CaseFact = { needsCallback: true, openedAt: 0, calledBackAt: null, verifiedAt: null, founded: null, rectifiedAt: null, closedAt: null, dueAt: 72 * h };

  it('counts 回访率 over cases that need a call-back only, and the median hours to it', () => {
    const f = caseFigures('demo', '示范', [
      { ...base, calledBackAt: 2 * h }, { ...base, calledBackAt: 6 * h }, { ...base }, { ...base, needsCallback: false },
    ], 10 * h);
    expect(f).toMatchObject({ cases: 4, needCallback: 3, calledBack: 2, medianHoursToCallback: 4 });
    expect(f.callbackRate).toBeCloseTo(2 / 3);
  });

  it('judges 按期办结 only for cases closed or past their deadline, and counts the overdue', () => {
    const f = caseFigures('w', 'w', [
      { ...base, closedAt: 10 * h }, { ...base, closedAt: 80 * h }, { ...base }, { ...base, dueAt: 5 * h },
    ], 20 * h);
    expect(f).toMatchObject({ closed: 2, closedOnTime: 1, overdue: 1 });
    expect(f.onTimeRate).toBeCloseTo(1 / 3);
  });

  it('counts a case overdue on its call-back deadline while the call is pending', () => {
    const f = caseFigures('w', 'w', [{ ...base, callbackDueAt: 24 * h }, { ...base, callbackDueAt: 24 * h, calledBackAt: 30 * h }], 25 * h);
    expect(f.overdue).toBe(1);
  });

  it('counts 整改率 over founded cases', () => {
    const f = caseFigures('w', 'w', [
      { ...base, verifiedAt: 1, founded: true, rectifiedAt: 2 }, { ...base, verifiedAt: 1, founded: true }, { ...base, verifiedAt: 1, founded: false },
    ], 0);
    expect(f).toMatchObject({ verified: 3, founded: 2, rectified: 1, rectifyRate: 0.5, verifyRate: 1 });
  });

  it('has no rate where nothing was counted, and takes the middle of an even list', () => {
    expect(caseFigures('x', 'x', [], 0)).toMatchObject({ callbackRate: null, onTimeRate: null, medianHoursToClose: null });
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
