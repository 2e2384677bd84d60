/** Shapes of the insights API (/api/v1/insights/*), shared by the endpoint and the dashboard. */
import * as v from 'valibot';
import type { Comparison } from './compare';
import type { Interval } from './stats';
import type { ReasonGrowth } from './warning';
import type { ThemeChange } from './themes';
import type { Hit } from './categories';
import type { Period } from './periods';

export interface SubjectComparison {
  readonly subject: 'window' | 'staff' | 'site';
  readonly id: string;
  readonly label: string;
  /** 满意率 of the period with its Wilson interval. */
  readonly now: Interval;
  /** 环比 and 同比 by the two-proportion z-test. */
  readonly previous: Comparison;
  readonly lastYear: Comparison;
}

export interface CompareReport {
  readonly siteId: string;
  readonly period: Period;
  readonly previous: Period;
  readonly lastYear: Period;
  readonly rules: { readonly alpha: number; readonly minRatings: number; readonly minExpected: number };
  readonly total: SubjectComparison;
  /** The site's three rates (满意率, 好评率, 差评率) against both periods, for the dashboard's figures. */
  readonly totalRates: Record<'satisfaction' | 'good' | 'bad', { readonly now: Interval; readonly previous: Comparison; readonly lastYear: Comparison }>;
  /** Sorted by the interval's lower bound, best first. */
  readonly windows: SubjectComparison[];
  readonly staff: SubjectComparison[];
}

export type WarningView =
  | { readonly kind: 'too-few'; readonly baseline: Interval; readonly needed: number }
  | { readonly kind: 'steady'; readonly baseline: Interval; readonly recent: Interval; readonly peak: number }
  | {
    readonly kind: 'warning'; readonly since: string; readonly signalled: string; readonly statistic: number;
    readonly baseline: Interval; readonly recent: Interval; readonly pValue: number | null;
    readonly reasons: (ReasonGrowth & { readonly label: { zh: string; en: string } })[];
    /** The daily CUSUM statistic over the monitored weeks, for a small chart. */
    readonly path: { day: string; s: number }[];
  };

export interface WarningRow { readonly subject: 'window' | 'staff'; readonly id: string; readonly label: string; readonly result: WarningView }

export interface WarningsReport {
  readonly siteId: string;
  readonly asOf: string;
  readonly baseline: Period;
  readonly monitored: Period;
  readonly rules: { readonly baselineDays: number; readonly monitorDays: number; readonly oddsRatio: number; readonly threshold: number; readonly minBaseline: number };
  /** Warnings first, then the rest by subject. */
  readonly rows: WarningRow[];
}

export interface CategorisedComment {
  readonly id: string;
  readonly kind: 'response' | 'suggestion';
  readonly day: string;
  readonly windowId: string | null;
  readonly staffId: string | null;
  /** Profanity masked unless an admin asked. */
  readonly text: string;
  readonly score: number | null;
  readonly codes: string[];
  readonly hits: Hit[];
  /** Set when a supervisor corrected the rules' categories. */
  readonly corrected: { readonly by: string; readonly at: number; readonly rules: readonly string[] } | null;
}

export interface CategoryCount { readonly code: string; readonly zh: string; readonly en: string; readonly count: number; readonly before: number; readonly adminOnly: boolean }

export interface SuggestedKeyword { readonly code: string; readonly term: string; readonly comments: number }

export interface CommentsReport {
  readonly siteId: string;
  readonly period: Period;
  readonly previous: Period;
  readonly categories: CategoryCount[];
  readonly comments: CategorisedComment[];
  /** Words of corrected comments that the category's keywords miss. */
  readonly suggestedKeywords: SuggestedKeyword[];
}

export interface ThemesReport {
  readonly siteId: string;
  readonly period: Period;
  readonly previous: Period;
  readonly comments: number;
  readonly commentsBefore: number;
  readonly themes: ThemeChange[];
}

export interface BulletinRow {
  readonly id: string;
  readonly label: string;
  readonly total: number;
  readonly satisfaction: number | null;
  readonly interval: Interval;
  /** 1 = best 满意率 among subjects with enough ratings for a grade; null when too few. */
  readonly rank: number | null;
  readonly rankBefore: number | null;
  readonly grade: string;
  readonly veto: string | null;
}

/** The monthly 通报 of a site. */
export interface Bulletin {
  readonly siteId: string;
  readonly siteName: string;
  readonly month: string;
  readonly previousMonth: string;
  readonly issuedOn: string;
  readonly total: { readonly ratings: number; readonly satisfaction: number | null; readonly before: number | null; readonly comparison: Comparison };
  readonly windows: BulletinRow[];
  readonly staff: BulletinRow[];
  /** Windows ranked last this month and last month (约谈). */
  readonly lastTwice: { readonly id: string; readonly label: string }[];
  readonly vetoes: { readonly subject: 'window' | 'staff'; readonly id: string; readonly label: string; readonly reason: string }[];
  readonly themes: ThemeChange[];
  readonly warnings: WarningRow[];
  readonly minRatings: number;
}

/** POST /api/v1/insights/corrections: a supervisor sets a comment's categories. */
export const CorrectionBodySchema = v.object({
  site: v.pipe(v.string(), v.minLength(1)),
  commentId: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  categories: v.pipe(v.array(v.pipe(v.string(), v.regex(/^[a-z_]{1,40}$/, 'must be a category code'))), v.maxLength(20)),
});
export type CorrectionBody = v.InferOutput<typeof CorrectionBodySchema>;
