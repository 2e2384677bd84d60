import { describe, it, expect } from 'vitest';
import { wilson, twoProportionTest, normalCdf } from '../../src/shared/insights/stats';
import { compareRates, byLowerBound } from '../../src/shared/insights/compare';

describe('Wilson score interval', () => {
  // Newcombe, "Two-sided confidence intervals for the single proportion", Stat Med 1998;17:857–872, Table I, method 3.
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0.0, 0.1611],
    [1, 29, 0.0061, 0.1718],
    [29, 29, 0.883, 1.0],
  ])('%i of %i gives the published interval %f–%f', (k, n, low, high) => {
    const w = wilson(k, n);
    expect(w.low).toBeCloseTo(low, 4);
    expect(w.high).toBeCloseTo(high, 4);
  });

  it('12 ratings at 100% have a lower bound below 800 ratings at 97%', () => {
    expect(wilson(12, 12).low).toBeCloseTo(0.7575, 4);
    expect(wilson(776, 800).low).toBeCloseTo(0.9557, 4);
  });

  it('no ratings give no rate and the whole range', () => {
    expect(wilson(0, 0)).toEqual({ k: 0, n: 0, p: null, low: 0, high: 1 });
  });

  it('refuses impossible counts', () => {
    expect(() => wilson(5, 3)).toThrow(RangeError);
  });
});

describe('two-proportion z-test', () => {
  it('Φ(1.96) is 0.975', () => {
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 6);
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
  });

  // By hand: p̂ = 170/200 = 0.85, SE = √(0.85·0.15·(1/100 + 1/100)) = 0.0504975, z = 0.10 / 0.0504975 = 1.98030,
  // two-sided p = 2·(1 − Φ(1.98030)) = 0.04767 (χ² = z² = 3.9216 on the 2×2 table, 1 df).
  it('90/100 against 80/100 is z = 1.980, p = 0.0477', () => {
    const t = twoProportionTest(90, 100, 80, 100)!;
    expect(t.diff).toBeCloseTo(0.1, 10);
    expect(t.z).toBeCloseTo(1.9803, 4);
    expect(t.z ** 2).toBeCloseTo(3.9216, 3);
    expect(t.pValue).toBeCloseTo(0.0477, 4);
  });

  it('has nothing to test when nobody or everybody was satisfied in both periods', () => {
    expect(twoProportionTest(0, 10, 0, 10)).toBeNull();
    expect(twoProportionTest(10, 10, 30, 30)).toBeNull();
    expect(twoProportionTest(1, 0, 3, 30)).toBeNull();
  });
});

describe('环比 / 同比 comparison', () => {
  it('a fall from 96% of 500 to 90% of 400 is beyond chance and points down', () => {
    const c = compareRates(360, 400, 480, 500);
    expect(c.kind).toBe('compared');
    if (c.kind !== 'compared') return;
    expect(c.direction).toBe('down');
    expect(c.diff).toBeCloseTo(-0.06, 10);
    expect(c.pValue).toBeLessThan(0.001);
  });

  it('a 10-point fall on 40 ratings against 50 is within chance: no arrow', () => {
    const c = compareRates(32, 40, 45, 50); // 80% against 90%: z = −1.34, p = 0.18
    expect(c.kind).toBe('compared');
    if (c.kind === 'compared') expect(c.direction).toBe('same');
  });

  it('a window with 12 ratings this month is "too few ratings to say", however it did', () => {
    const c = compareRates(6, 12, 95, 100);
    expect(c).toMatchObject({ kind: 'too-few', needed: 30 });
    if (c.kind === 'too-few') expect(c.diff).toBeCloseTo(-0.45, 10);
  });

  it('too few dissatisfied ratings for the normal approximation is also "too few to say"', () => {
    // 60 + 60 ratings, 2 unsatisfied in all: expected failures per period 1 < 5.
    expect(compareRates(59, 60, 59, 60).kind).toBe('too-few');
  });

  it('nothing to compare with when the earlier period had no ratings', () => {
    expect(compareRates(40, 50, 0, 0).kind).toBe('no-baseline');
  });
});

describe('ranking by the lower bound', () => {
  it('puts 800 ratings at 97% above 12 at 100%, and subjects without ratings last', () => {
    const rows = [
      { id: 'few', interval: wilson(12, 12) },
      { id: 'none', interval: wilson(0, 0) },
      { id: 'many', interval: wilson(776, 800) },
      { id: 'poor', interval: wilson(150, 200) },
    ];
    expect(rows.sort(byLowerBound).map((r) => r.id)).toEqual(['many', 'few', 'poor', 'none']);
  });
});
