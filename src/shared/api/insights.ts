/** Schemas of the insights API's answers (/api/v1/insights/*): the endpoint's shapes, checked by the browser. */
import * as v from 'valibot';
import { BiName } from './common';

const Period = v.object({ from: v.string(), to: v.string() });
const Subject = v.picklist(['window', 'staff']);

/** 满意率 with its Wilson interval (shared/insights/stats.ts). */
export const IntervalSchema = v.object({ k: v.number(), n: v.number(), p: v.nullable(v.number()), low: v.number(), high: v.number() });

/** 环比 or 同比 by the two-proportion z-test (shared/insights/compare.ts). */
export const ComparisonSchema = v.variant('kind', [
  v.object({ kind: v.literal('no-baseline'), now: IntervalSchema }),
  v.object({ kind: v.literal('too-few'), now: IntervalSchema, before: IntervalSchema, diff: v.nullable(v.number()), needed: v.number() }),
  v.object({
    kind: v.literal('compared'), now: IntervalSchema, before: IntervalSchema, diff: v.number(), z: v.number(), pValue: v.number(),
    /** up / down only when beyond chance; 'same' otherwise, however large the raw difference. */
    direction: v.picklist(['up', 'down', 'same']),
  }),
]);

export const SubjectComparisonSchema = v.object({
  subject: v.picklist(['window', 'staff', 'site']), id: v.string(), label: v.string(),
  /** 满意率 of the period with its Wilson interval. */
  now: IntervalSchema,
  /** 环比 and 同比 by the two-proportion z-test. */
  previous: ComparisonSchema,
  lastYear: ComparisonSchema,
});
export type SubjectComparison = v.InferOutput<typeof SubjectComparisonSchema>;

const RateComparison = v.object({ now: IntervalSchema, previous: ComparisonSchema, lastYear: ComparisonSchema });

export const CompareReportSchema = v.object({
  siteId: v.string(), period: Period, previous: Period, lastYear: Period,
  rules: v.object({ alpha: v.number(), minRatings: v.number(), minExpected: v.number() }),
  total: SubjectComparisonSchema,
  /** The site's three rates (满意率, 好评率, 差评率) against both periods, for the dashboard's figures. */
  totalRates: v.object({ satisfaction: RateComparison, good: RateComparison, bad: RateComparison }),
  /** Sorted by the interval's lower bound, best first. */
  windows: v.array(SubjectComparisonSchema), staff: v.array(SubjectComparisonSchema),
});
export type CompareReport = v.InferOutput<typeof CompareReportSchema>;

const ReasonGrowth = { code: v.string(), before: v.number(), since: v.number(), perHundredBefore: v.number(), perHundredSince: v.number() };

export const WarningViewSchema = v.variant('kind', [
  v.object({ kind: v.literal('too-few'), baseline: IntervalSchema, needed: v.number() }),
  v.object({ kind: v.literal('steady'), baseline: IntervalSchema, recent: IntervalSchema, peak: v.number() }),
  v.object({
    kind: v.literal('warning'), since: v.string(), signalled: v.string(), statistic: v.number(),
    baseline: IntervalSchema, recent: IntervalSchema, pValue: v.nullable(v.number()),
    reasons: v.array(v.object({ ...ReasonGrowth, label: BiName })),
    /** The daily CUSUM statistic over the monitored weeks, for a small chart. */
    path: v.array(v.object({ day: v.string(), s: v.number() })),
  }),
]);
export type WarningView = v.InferOutput<typeof WarningViewSchema>;

export const WarningRowSchema = v.object({ subject: Subject, id: v.string(), label: v.string(), result: WarningViewSchema });
export type WarningRow = v.InferOutput<typeof WarningRowSchema>;

export const WarningsReportSchema = v.object({
  siteId: v.string(), asOf: v.string(), baseline: Period, monitored: Period,
  rules: v.object({ baselineDays: v.number(), monitorDays: v.number(), oddsRatio: v.number(), threshold: v.number(), minBaseline: v.number() }),
  /** Warnings first, then the rest by subject. */
  rows: v.array(WarningRowSchema),
});
export type WarningsReport = v.InferOutput<typeof WarningsReportSchema>;

export const CategorisedCommentSchema = v.object({
  id: v.string(), kind: v.picklist(['response', 'suggestion']), day: v.string(), windowId: v.nullable(v.string()), staffId: v.nullable(v.string()),
  /** Profanity masked unless an admin asked. */
  text: v.string(),
  score: v.nullable(v.number()), codes: v.array(v.string()),
  hits: v.array(v.object({ code: v.string(), match: v.string(), staffId: v.optional(v.string()) })),
  /** Set when a supervisor corrected the rules' categories. */
  corrected: v.nullable(v.object({ by: v.string(), at: v.number(), rules: v.pipe(v.array(v.string()), v.readonly()) })),
});
export type CategorisedComment = v.InferOutput<typeof CategorisedCommentSchema>;

export const CategoryCountSchema = v.object({ code: v.string(), zh: v.string(), en: v.string(), count: v.number(), before: v.number(), adminOnly: v.boolean() });
export type CategoryCount = v.InferOutput<typeof CategoryCountSchema>;

export const CommentsReportSchema = v.object({
  siteId: v.string(), period: Period, previous: Period, categories: v.array(CategoryCountSchema), comments: v.array(CategorisedCommentSchema),
  /** Words of corrected comments that the category's keywords miss. */
  suggestedKeywords: v.array(v.object({ code: v.string(), term: v.string(), comments: v.number() })),
});
export type CommentsReport = v.InferOutput<typeof CommentsReportSchema>;

/** A theme of this period beside the previous period's count of the same term (shared/insights/themes.ts). */
const ThemeChange = v.object({
  term: v.string(), count: v.number(), examples: v.array(v.object({ id: v.string(), text: v.string() })),
  before: v.number(), changePoints: v.number(), isNew: v.boolean(),
});

export const ThemesReportSchema = v.object({
  siteId: v.string(), period: Period, previous: Period, comments: v.number(), commentsBefore: v.number(), themes: v.array(ThemeChange),
});
export type ThemesReport = v.InferOutput<typeof ThemesReportSchema>;

export const BulletinRowSchema = v.object({
  id: v.string(), label: v.string(), total: v.number(), satisfaction: v.nullable(v.number()), interval: IntervalSchema,
  /** 1 = best 满意率 among subjects with enough ratings for a grade; null when too few. */
  rank: v.nullable(v.number()),
  rankBefore: v.nullable(v.number()), grade: v.string(), veto: v.nullable(v.string()),
});
export type BulletinRow = v.InferOutput<typeof BulletinRowSchema>;

/** The monthly 通报 of a site. */
export const BulletinSchema = v.object({
  siteId: v.string(), siteName: v.string(), month: v.string(), previousMonth: v.string(), issuedOn: v.string(),
  total: v.object({ ratings: v.number(), satisfaction: v.nullable(v.number()), before: v.nullable(v.number()), comparison: ComparisonSchema }),
  windows: v.array(BulletinRowSchema), staff: v.array(BulletinRowSchema),
  /** Windows ranked last this month and last month (约谈). */
  lastTwice: v.array(v.object({ id: v.string(), label: v.string() })),
  vetoes: v.array(v.object({ subject: Subject, id: v.string(), label: v.string(), reason: v.string() })),
  themes: v.array(ThemeChange), warnings: v.array(WarningRowSchema), minRatings: v.number(),
});
export type Bulletin = v.InferOutput<typeof BulletinSchema>;

/** POST /api/v1/insights/corrections: the categories now set, and the rules' categories they replace. */
export const CorrectionAnswerSchema = v.object({ commentId: v.string(), categories: v.array(v.string()), previous: v.array(v.string()) });
