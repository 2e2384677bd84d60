/**
 * The statistics behind the insights: Wilson score intervals for a rate and the two-proportion z-test for a change.
 * Pure functions; every figure on the insights screens that says "beyond chance" comes from here.
 */

/** A proportion k/n with its Wilson score interval. */
export interface Interval {
  readonly k: number;
  readonly n: number;
  /** k/n, or null when n = 0. */
  readonly p: number | null;
  readonly low: number;
  readonly high: number;
}

/** z for a two-sided 95% interval. */
export const Z95 = 1.959963984540054;

/**
 * Wilson score interval (Wilson 1927; Newcombe 1998, method 3) for k successes in n trials.
 * Unlike the textbook p ± z·√(p(1−p)/n) it never leaves [0, 1] and stays honest at 0/n and n/n, which is why
 * 12 ratings at 100% get a lower bound near 76% and cannot outrank 800 ratings at 97%.
 */
export function wilson(k: number, n: number, z = Z95): Interval {
  if (!Number.isInteger(k) || !Number.isInteger(n) || k < 0 || n < 0 || k > n) throw new RangeError(`wilson: need integers 0 ≤ k ≤ n, got ${k}/${n}`);
  if (n === 0) return { k, n, p: null, low: 0, high: 1 };
  const p = k / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At k = 0 or k = n the exact bound is 0 or 1; rounding would otherwise leave 1e-17.
  return { k, n, p, low: k === 0 ? 0 : Math.max(0, centre - half), high: k === n ? 1 : Math.min(1, centre + half) };
}

/** Complementary error function, W. J. Cody's rational approximations as in Numerical Recipes `erfcc` (|error| < 1.2e-7). */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 +
    t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return x >= 0 ? r : 2 - r;
}

/** Standard normal cumulative distribution Φ(z). */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/** Result of comparing two proportions k1/n1 (now) and k2/n2 (before). */
export interface ProportionTest {
  /** p1 − p2. */
  readonly diff: number;
  /** (p1 − p2) / SE under the pooled null hypothesis p1 = p2. */
  readonly z: number;
  /** Two-sided p-value. */
  readonly pValue: number;
}

/**
 * Two-proportion z-test with the pooled standard error (the test equal to Pearson's χ² on the 2×2 table
 * without continuity correction): z = (p1 − p2) / √(p̂(1−p̂)(1/n1 + 1/n2)), p̂ = (k1 + k2)/(n1 + n2).
 * Returns null when either sample is empty or the pooled rate is 0 or 1 (no variation, nothing to test).
 */
export function twoProportionTest(k1: number, n1: number, k2: number, n2: number): ProportionTest | null {
  if (n1 <= 0 || n2 <= 0) return null;
  const p1 = k1 / n1, p2 = k2 / n2;
  const pooled = (k1 + k2) / (n1 + n2);
  if (pooled <= 0 || pooled >= 1) return null;
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  const z = (p1 - p2) / se;
  return { diff: p1 - p2, z, pValue: Math.min(1, 2 * (1 - normalCdf(Math.abs(z)))) };
}
