import { describe, it, expect } from 'vitest';
import { bernoulliCusum, earlyWarning, shiftedRate, type DayCount } from '../../src/shared/insights/warning';
import { addDays } from '../../src/shared/time';

describe('Bernoulli CUSUM, worked by hand', () => {
  // p0 = 0.10, p1 = 0.20: ln(p1/p0) = 0.693147, ln(0.8/0.9) = −0.117783.
  // Day 1: 2 of 20 unsatisfied: 2·0.693147 − 18·0.117783 = −0.733800 → S = 0
  // Day 2: 5 of 20: 5·0.693147 − 15·0.117783 = 1.698990 → S = 1.698990
  // Day 3: 6 of 20: 6·0.693147 − 14·0.117783 = 2.509921 → S = 4.208911
  // Day 4: 1 of 20: 1·0.693147 − 19·0.117783 = −1.544730 → S = 2.664181
  const steps = bernoulliCusum([
    { day: '2026-11-02', n: 20, k: 2 }, { day: '2026-11-03', n: 20, k: 5 },
    { day: '2026-11-04', n: 20, k: 6 }, { day: '2026-11-05', n: 20, k: 1 },
  ], 0.1, 0.2);

  it('adds each day\'s log-likelihood ratio and never goes below zero', () => {
    expect(steps.map((s) => s.w)).toEqual([expect.closeTo(-0.7338, 4), expect.closeTo(1.69899, 4), expect.closeTo(2.509921, 5), expect.closeTo(-1.54473, 4)]);
    expect(steps.map((s) => s.s)).toEqual([0, expect.closeTo(1.69899, 4), expect.closeTo(4.208911, 5), expect.closeTo(2.664181, 5)]);
  });

  it('odds ratio 2 on a 10% unsatisfied rate is 18.18%', () => {
    expect(shiftedRate(0.1, 2)).toBeCloseTo(0.181818, 6);
  });
});

/** A subject's days from `from` for `count` days, each with n ratings and `bad` of them not satisfied. */
function days(from: string, count: number, n: number, bad: number, reasons?: Record<string, number>): DayCount[] {
  return Array.from({ length: count }, (_, i) => ({ day: addDays(from, i), n, satisfied: n - bad, ...(reasons ? { reasons } : {}) }));
}

describe('early warning for one window', () => {
  const today = '2026-11-30';
  const monitorFrom = addDays(today, -27); // 2026-11-03
  const baselineFrom = addDays(monitorFrom, -56); // 2026-09-08
  const baseline = days(baselineFrom, 56, 20, 2, { slow: 1 }); // 90% satisfied, 1 "slow" a day

  it('a window that stays at its usual 90% raises nothing', () => {
    const w = earlyWarning([...baseline, ...days(monitorFrom, 28, 20, 2, { slow: 1 })], today);
    expect(w.kind).toBe('steady');
    if (w.kind === 'steady') expect(w.peak).toBe(0);
  });

  it('a fall from 90% to 70% is flagged with since when, counts, intervals and the reasons that grew', () => {
    // Baseline: 1120 ratings, 112 unsatisfied → p0 = 113/1122 = 0.100713, p1 = 2·p0/(1 + p0) = 0.182996;
    // ln(p1/p0) = 0.597189, ln((1−p1)/(1−p0)) = −0.095958. Before the 20th, 2 of 20 a day: W = −0.53239 → S stays 0.
    // From 11-20: 6 of 20 a day → W = 6·0.597189 − 14·0.095958 = 2.239720; S = 2.2397 on the 20th, 4.4794 on the 21st,
    // 6.7192 on the 22nd (≥ 5: signal).
    const series = [...baseline, ...days(monitorFrom, 17, 20, 2, { slow: 1 }), ...days('2026-11-20', 11, 20, 6, { slow: 1, not_told_once: 3 })];
    const w = earlyWarning(series, today);
    expect(w.kind).toBe('warning');
    if (w.kind !== 'warning') return;
    expect(w.since).toBe('2026-11-20');
    expect(w.signalled).toBe('2026-11-22');
    expect(w.statistic).toBeCloseTo(6.71916, 4);
    expect(w.baseline).toMatchObject({ k: 1008, n: 1120 });
    expect(w.recent).toMatchObject({ k: 154, n: 220 });
    expect(w.recent.high).toBeLessThan(w.baseline.low);
    expect(w.test!.pValue).toBeLessThan(0.001);
    expect(w.reasons).toEqual([{ code: 'not_told_once', before: 0, since: 33, perHundredBefore: 0, perHundredSince: 15 }]);
  });

  it('a window with too little history has no baseline to fall from', () => {
    const w = earlyWarning([...days(baselineFrom, 56, 1, 0), ...days(monitorFrom, 28, 20, 10)], today);
    expect(w).toMatchObject({ kind: 'too-few', needed: 60 });
  });

  it('one bad afternoon in a quiet window does not raise a warning', () => {
    const w = earlyWarning([...baseline, ...days(monitorFrom, 27, 20, 2), { day: today, n: 3, satisfied: 0 }], today);
    expect(w.kind).toBe('steady');
  });
});

/** mulberry32, so the simulated runs are the same on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('how often the rule is right (simulated, 1000 windows each)', () => {
  const today = '2026-11-30';
  const monitorFrom = addDays(today, -27);
  const simulate = (rnd: () => number, from: string, count: number, n: number, pBad: number): DayCount[] =>
    Array.from({ length: count }, (_, i) => {
      let bad = 0;
      for (let j = 0; j < n; j++) if (rnd() < pBad) bad++;
      return { day: addDays(from, i), n, satisfied: n - bad };
    });
  const run = (pBadAfter: number, seed: number) => {
    const rnd = prng(seed);
    let flagged = 0;
    for (let r = 0; r < 1000; r++) {
      const series = [...simulate(rnd, addDays(monitorFrom, -56), 56, 15, 0.1), ...simulate(rnd, monitorFrom, 28, 15, pBadAfter)];
      if (earlyWarning(series, today).kind === 'warning') flagged++;
    }
    return flagged / 1000;
  };

  it('a steady window at 90% (15 ratings a day) is falsely flagged in under 5% of 4-week runs', () => {
    const rate = run(0.1, 1);
    console.log(`false warnings over 28 days at 90%: ${(rate * 100).toFixed(1)}%`);
    expect(rate).toBeLessThan(0.05);
  });

  it('a window that falls to 80% is flagged in over 95% of 4-week runs', () => {
    const rate = run(0.2, 2);
    console.log(`warnings over 28 days after a fall from 90% to 80%: ${(rate * 100).toFixed(1)}%`);
    expect(rate).toBeGreaterThan(0.95);
  });
});
