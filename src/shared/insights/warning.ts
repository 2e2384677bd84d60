/**
 * Early warning: has a window's or staff member's 满意率 fallen against its own baseline beyond chance?
 *
 * Rule (documented in the README): a Bernoulli CUSUM (Page 1954; Reynolds & Stoumbos 1999), run on daily counts of
 * ratings that were not satisfied (score ≤ 3). The baseline rate p0 is the unsatisfied share of the previous
 * `baselineDays` (8 weeks), smoothed as (k+1)/(n+2) so a perfect baseline still allows a fall; the alternative p1 doubles
 * the odds of an unsatisfied rating (odds ratio 2, as in Steiner et al. 2000). Each day adds
 * W = k·ln(p1/p0) + (n−k)·ln((1−p1)/(1−p0)); S = max(0, S + W). A warning is raised the first day S ≥ h
 * (default 5: the recent days are e⁵ ≈ 150 times likelier under the worse rate than under the baseline; simulated
 * false warnings over 4 weeks: 2.8% at 15 ratings a day, 5% at 40 a day — see tests/shared/insights-warning.test.ts).
 * "Since when" is the first day of the run that reached h (the day after S last stood at 0).
 */
import { addDays } from '../time';
import { twoProportionTest, wilson, type Interval, type ProportionTest } from './stats';

/** One day's counts for one subject (window or staff member). */
export interface DayCount {
  readonly day: string;
  /** All ratings that count (suspect and upheld appeals already left out). */
  readonly n: number;
  /** Ratings ≥ 4. */
  readonly satisfied: number;
  /** Bad-review reasons given that day, by code. */
  readonly reasons?: Readonly<Record<string, number>>;
}

export interface WarningRules {
  readonly baselineDays: number;
  readonly monitorDays: number;
  readonly oddsRatio: number;
  readonly threshold: number;
  /** Fewer baseline ratings than this: no baseline to fall from ("too few ratings to say"). */
  readonly minBaseline: number;
}

export const DEFAULT_WARNING_RULES: WarningRules = { baselineDays: 56, monitorDays: 28, oddsRatio: 2, threshold: 5, minBaseline: 60 };

export interface CusumStep { readonly day: string; readonly n: number; readonly k: number; readonly w: number; readonly s: number }

/** Binomial CUSUM of unsatisfied counts against p0 → p1, one step per day, in the order given. */
export function bernoulliCusum(days: readonly { day: string; n: number; k: number }[], p0: number, p1: number): CusumStep[] {
  if (!(p0 > 0 && p0 < 1 && p1 > 0 && p1 < 1)) throw new RangeError(`cusum: rates must lie in (0, 1), got p0=${p0}, p1=${p1}`);
  const up = Math.log(p1 / p0), down = Math.log((1 - p1) / (1 - p0));
  let s = 0;
  return days.map(({ day, n, k }) => {
    const w = k * up + (n - k) * down;
    s = Math.max(0, s + w);
    return { day, n, k, w, s };
  });
}

/** The rate whose odds are `oddsRatio` times the odds of p0. */
export function shiftedRate(p0: number, oddsRatio: number): number {
  return (oddsRatio * p0) / (1 - p0 + oddsRatio * p0);
}

export interface ReasonGrowth { readonly code: string; readonly before: number; readonly since: number; readonly perHundredBefore: number; readonly perHundredSince: number }

export type Warning =
  | { readonly kind: 'too-few'; readonly baseline: Interval; readonly needed: number }
  | { readonly kind: 'steady'; readonly baseline: Interval; readonly recent: Interval; readonly peak: number; readonly steps: CusumStep[] }
  | {
    readonly kind: 'warning';
    /** First day of the run that crossed the threshold. */
    readonly since: string;
    /** Day the CUSUM crossed the threshold. */
    readonly signalled: string;
    readonly statistic: number;
    /** 满意率 over the baseline weeks and since `since` (to the last day), with Wilson intervals. */
    readonly baseline: Interval;
    readonly recent: Interval;
    readonly test: ProportionTest | null;
    readonly reasons: ReasonGrowth[];
    readonly steps: CusumStep[];
  };

function sum(days: readonly DayCount[]): { n: number; satisfied: number; reasons: Map<string, number> } {
  const reasons = new Map<string, number>();
  let n = 0, satisfied = 0;
  for (const d of days) {
    n += d.n; satisfied += d.satisfied;
    for (const [code, c] of Object.entries(d.reasons ?? {})) reasons.set(code, (reasons.get(code) ?? 0) + c);
  }
  return { n, satisfied, reasons };
}

/** Reasons given more often per 100 ratings since the change than in the baseline, largest growth first. */
export function reasonsThatGrew(before: { n: number; reasons: Map<string, number> }, since: { n: number; reasons: Map<string, number> }): ReasonGrowth[] {
  const per100 = (c: number, n: number) => (n > 0 ? (100 * c) / n : 0);
  return [...since.reasons.entries()]
    .map(([code, c]) => {
      const b = before.reasons.get(code) ?? 0;
      return { code, before: b, since: c, perHundredBefore: per100(b, before.n), perHundredSince: per100(c, since.n) };
    })
    .filter((r) => r.perHundredSince > r.perHundredBefore)
    .sort((a, b) => (b.perHundredSince - b.perHundredBefore) - (a.perHundredSince - a.perHundredBefore) || a.code.localeCompare(b.code));
}

/**
 * Runs the rule for one subject as of `today` (site-local day): baseline = the `baselineDays` before the monitored
 * `monitorDays` that end on `today`. Days missing from `series` count as days without ratings.
 */
export function earlyWarning(series: readonly DayCount[], today: string, rules: WarningRules = DEFAULT_WARNING_RULES): Warning {
  const monitorFrom = addDays(today, -(rules.monitorDays - 1));
  const baselineFrom = addDays(monitorFrom, -rules.baselineDays);
  const baselineDays = series.filter((d) => d.day >= baselineFrom && d.day < monitorFrom);
  const monitored = series.filter((d) => d.day >= monitorFrom && d.day <= today).slice().sort((a, b) => a.day.localeCompare(b.day));
  const base = sum(baselineDays);
  const baseline = wilson(base.satisfied, base.n);
  if (base.n < rules.minBaseline) return { kind: 'too-few', baseline, needed: rules.minBaseline };
  const p0 = (base.n - base.satisfied + 1) / (base.n + 2);
  const steps = bernoulliCusum(monitored.map((d) => ({ day: d.day, n: d.n, k: d.n - d.satisfied })), p0, shiftedRate(p0, rules.oddsRatio));
  const hit = steps.findIndex((s) => s.s >= rules.threshold);
  if (hit < 0) {
    const all = sum(monitored);
    return { kind: 'steady', baseline, recent: wilson(all.satisfied, all.n), peak: Math.max(0, ...steps.map((s) => s.s)), steps };
  }
  let start = hit;
  while (start > 0 && steps[start - 1]!.s > 0) start--;
  const sinceDays = monitored.slice(start);
  const recentSum = sum(sinceDays);
  return {
    kind: 'warning', since: steps[start]!.day, signalled: steps[hit]!.day, statistic: steps[hit]!.s,
    baseline, recent: wilson(recentSum.satisfied, recentSum.n),
    test: twoProportionTest(recentSum.satisfied, recentSum.n, base.satisfied, base.n),
    reasons: reasonsThatGrew(base, recentSum), steps,
  };
}
