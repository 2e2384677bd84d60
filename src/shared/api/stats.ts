/** Schemas of the dashboard's API (/api/v1/stats/*): what the endpoint answers and the browser checks. */
import * as v from 'valibot';
import { GradeSchema, LevelCountsSchema, Rate, SiteRefSchema, WindowRefSchema } from './common';

const FilterEcho = {
  siteId: v.string(),
  timeZone: v.string(),
  from: v.string(),
  to: v.string(),
  windowId: v.nullable(v.string()),
  staffId: v.nullable(v.string()),
  includeSuspect: v.boolean(),
};
const Count = v.pipe(v.number(), v.integer(), v.minValue(0));

export const DailyPointSchema = v.object({
  day: v.string(), counts: LevelCountsSchema, total: Count, satisfaction: Rate, good: Rate, bad: Rate,
});
export type DailyPoint = v.InferOutput<typeof DailyPointSchema>;

export const DailyStatsSchema = v.object({
  ...FilterEcho,
  target: v.number(),
  /** Days with fewer ratings than this are marked as thin on the chart. */
  minDailySample: v.number(),
  suspectCount: Count,
  days: v.array(DailyPointSchema),
});
export type DailyStats = v.InferOutput<typeof DailyStatsSchema>;
export type FilterEcho = Pick<DailyStats, keyof typeof FilterEcho>;

export const RankRowSchema = v.object({
  id: v.string(),
  /** The server's label, for CSV; screens name the row from the subjects in their own language. */
  label: v.string(),
  counts: LevelCountsSchema,
  total: Count,
  satisfaction: Rate,
  badCount: Count,
  topReasons: v.array(v.object({ code: v.string(), label: v.optional(v.string()), n: Count })),
  /** Only when the range is one calendar month. */
  grade: v.nullable(GradeSchema),
});
export type RankRow = v.InferOutput<typeof RankRowSchema>;

export const RankingSchema = v.object({
  ...FilterEcho,
  /** The calendar month the range covers exactly, or null. */
  month: v.nullable(v.string()),
  windows: v.array(RankRowSchema),
  staff: v.array(RankRowSchema),
});
export type Ranking = v.InferOutput<typeof RankingSchema>;

const Grid = v.array(v.array(Count));
export const HeatmapSchema = v.object({
  ...FilterEcho,
  /** [weekday 0 = Monday][hour 0–23] */
  ratings: Grid,
  bad: Grid,
});
export type Heatmap = v.InferOutput<typeof HeatmapSchema>;

export const ReasonCountSchema = v.object({ code: v.string(), zh: v.string(), en: v.string(), n: Count });
export type ReasonCount = v.InferOutput<typeof ReasonCountSchema>;

export const ReasonsSchema = v.object({ ...FilterEcho, badTotal: Count, reasons: v.array(ReasonCountSchema) });
export type Reasons = v.InferOutput<typeof ReasonsSchema>;

export const FeedbackItemSchema = v.object({
  kind: v.picklist(['response', 'suggestion']),
  id: v.string(),
  day: v.string(),
  at: v.string(),
  windowId: v.string(),
  windowLabel: v.string(),
  staffId: v.nullable(v.string()),
  staffLabel: v.nullable(v.string()),
  score: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(5))),
  category: v.nullable(v.string()),
  reasons: v.array(v.string()),
  text: v.string(),
  /** Masked (138****1234, z***@e***.com), or empty. */
  phone: v.string(),
  /** Why the rating is suspect or was counted otherwise (e.g. `too_soon_after_thanks`, `qr_burst_rate`, `clock_skew`). */
  flags: v.array(v.string()),
});
export type FeedbackItem = v.InferOutput<typeof FeedbackItemSchema>;

export const FeedbackSchema = v.object({
  ...FilterEcho,
  items: v.array(FeedbackItemSchema),
  /** Pass as ?cursor= for the next (older) page; null on the last page. */
  nextCursor: v.nullable(v.string()),
});
export type Feedback = v.InferOutput<typeof FeedbackSchema>;

export const MonthRowSchema = v.object({
  subject: v.picklist(['window', 'staff']),
  id: v.string(),
  label: v.string(),
  counts: LevelCountsSchema,
  total: Count,
  satisfaction: Rate,
  good: Rate,
  bad: Rate,
  grade: GradeSchema,
  /** The recorded reason of a veto (a person's note), or null. */
  veto: v.nullable(v.string()),
});
export type MonthRow = v.InferOutput<typeof MonthRowSchema>;

export const MonthReportSchema = v.object({
  siteId: v.string(),
  siteName: v.string(),
  month: v.string(),
  includeSuspect: v.boolean(),
  windows: v.array(MonthRowSchema),
  staff: v.array(MonthRowSchema),
  total: MonthRowSchema,
});
export type MonthReport = v.InferOutput<typeof MonthReportSchema>;

/** What the signed-in user may filter by: their sites, those sites' windows and staff. */
export const SubjectsSchema = v.object({
  sites: v.array(v.object({ ...SiteRefSchema.entries, reasons: v.array(v.object({ code: v.string(), zh: v.string(), en: v.string() })) })),
  windows: v.array(WindowRefSchema),
  staff: v.array(v.object({ id: v.string(), siteId: v.string(), name: v.string(), staffNumber: v.string() })),
});
export type Subjects = v.InferOutput<typeof SubjectsSchema>;

/** GET /api/v1/stats/feedback/:kind/:id: one comment-list item in full (phone masked), its flags and its follow-up case. */
export const FeedbackRecordSchema = v.object({
  kind: v.picklist(['response', 'suggestion']), id: v.string(), siteId: v.string(),
  windowId: v.string(), windowLabel: v.string(), staffId: v.nullable(v.string()), staffLabel: v.nullable(v.string()),
  channel: v.string(), deviceTime: v.string(), receivedAt: v.string(), countedAt: v.string(),
  score: v.nullable(v.number()), category: v.nullable(v.string()), reasons: v.array(v.string()), text: v.string(), phone: v.string(),
  suspect: v.boolean(), excluded: v.boolean(), flags: v.array(v.string()), revision: v.number(),
  /** The follow-up case of this record, if one was opened. */
  caseNumber: v.nullable(v.string()),
});
export type FeedbackRecord = v.InferOutput<typeof FeedbackRecordSchema>;
