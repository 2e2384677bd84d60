/** 环比 / 同比: a rate now against the previous period or the same period last year, said plainly with its uncertainty. */
import { twoProportionTest, wilson, type Interval } from './stats';

/** When a difference may be called real. Defaults in kiosk-config (site `insights.comparison`). */
export interface CompareRules {
  /** Two-sided significance level of the two-proportion test. */
  readonly alpha: number;
  /** Fewer ratings than this in either period: "too few ratings to say". */
  readonly minRatings: number;
  /** The normal approximation needs this many expected successes and failures in each period. */
  readonly minExpected: number;
}

export const DEFAULT_COMPARE_RULES: CompareRules = { alpha: 0.05, minRatings: 30, minExpected: 5 };

export type Comparison =
  | { readonly kind: 'no-baseline'; readonly now: Interval }
  | { readonly kind: 'too-few'; readonly now: Interval; readonly before: Interval; readonly diff: number | null; readonly needed: number }
  | {
    readonly kind: 'compared'; readonly now: Interval; readonly before: Interval; readonly diff: number; readonly z: number; readonly pValue: number;
    /** up / down only when beyond chance; 'same' otherwise, however large the raw difference. */
    readonly direction: 'up' | 'down' | 'same';
  };

/**
 * Compares k1/n1 (this period) with k2/n2 (the period compared against) by the two-proportion z-test.
 * Small counts never get an arrow: below `minRatings`, or too few expected successes or failures, the answer is 'too-few'.
 */
export function compareRates(k1: number, n1: number, k2: number, n2: number, rules: CompareRules = DEFAULT_COMPARE_RULES): Comparison {
  const now = wilson(k1, n1);
  if (n2 === 0) return { kind: 'no-baseline', now };
  const before = wilson(k2, n2);
  const diff = n1 > 0 ? k1 / n1 - k2 / n2 : null;
  const pooled = (k1 + k2) / (n1 + n2);
  const expectedOk = [n1, n2].every((n) => n * pooled >= rules.minExpected && n * (1 - pooled) >= rules.minExpected);
  const test = n1 >= rules.minRatings && n2 >= rules.minRatings && expectedOk ? twoProportionTest(k1, n1, k2, n2) : null;
  if (!test || diff === null) return { kind: 'too-few', now, before, diff, needed: rules.minRatings };
  const direction = test.pValue < rules.alpha ? (test.diff > 0 ? 'up' : 'down') : 'same';
  return { kind: 'compared', now, before, diff: test.diff, z: test.z, pValue: test.pValue, direction };
}

/** A row that can be ranked by its interval. */
export interface Ranked { readonly interval: Interval }

/**
 * Orders rows by the lower bound of their Wilson interval, best first: the rate one can be 95% sure of.
 * Rows without ratings go last; ties fall to the larger sample.
 */
export function byLowerBound<T extends Ranked>(a: T, b: T): number {
  const la = a.interval.n === 0 ? -1 : a.interval.low, lb = b.interval.n === 0 ? -1 : b.interval.low;
  return lb - la || b.interval.n - a.interval.n;
}
