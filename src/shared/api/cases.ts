/** Schemas of the follow-up API's answers (/api/v1/cases*, /api/v1/case-figures, /api/v1/track): the endpoint's shapes, checked by the browser. */
import * as v from 'valibot';
import { APPEAL_STATES, CASE_STATES } from '../cases/machine';
import { BiName } from './common';

const State = v.picklist(CASE_STATES);
const Count = v.pipe(v.number(), v.integer(), v.minValue(0));
const Share = v.nullable(v.number());
const Hours = v.nullable(v.number());

export const CaseSourceSchema = v.object({
  kind: v.picklist(['response', 'suggestion']), id: v.string(), at: v.string(), channel: v.string(),
  score: v.nullable(v.number()), category: v.nullable(v.string()), reasons: v.array(v.string()),
  /** The reasons as the hall names them (zh). */
  reasonLabels: v.array(v.string()),
  /** The reasons as the hall names them, in Chinese and English (Chinese where the hall has no English). */
  reasonNames: v.array(BiName),
  text: v.nullable(v.string()),
  /** Masked unless the reader may reveal it (and then the reveal was audited). */
  phone: v.nullable(v.string()),
  excluded: v.boolean(), excludedReason: v.nullable(v.string()),
});
export type CaseSource = v.InferOutput<typeof CaseSourceSchema>;

export const CaseEventSchema = v.object({
  seq: v.number(), at: v.string(), by: v.string(), action: v.string(), from: State, to: State,
  note: v.nullable(v.string()), detail: v.record(v.string(), v.unknown()),
});
export type CaseEvent = v.InferOutput<typeof CaseEventSchema>;

export const CaseSummarySchema = v.object({
  id: v.string(), number: v.string(), siteId: v.string(),
  windowId: v.string(), windowLabel: v.string(), staffId: v.nullable(v.string()), staffLabel: v.nullable(v.string()),
  /** The window and the staff member as `windowLabel` and `staffLabel` name them (zh), and in English where the config has it. */
  windowNames: BiName, staffNames: v.nullable(BiName),
  kind: v.picklist(['bad_review', 'complaint', 'promoted']), category: v.picklist(['general', 'major']), state: State,
  assignee: v.nullable(v.string()), needsCallback: v.boolean(), founded: v.nullable(v.boolean()),
  callOutcome: v.nullable(v.picklist(['reached', 'unreachable'])), appeal: v.picklist(APPEAL_STATES),
  openedAt: v.string(), callbackDueAt: v.nullable(v.string()), dueAt: v.string(), closedAt: v.nullable(v.string()),
  /** How the deadline that matters now stands (回访 first, then 办结). */
  due: v.picklist(['overdue', 'due_today', 'due_later', 'done']),
  score: v.nullable(v.number()),
  /** The hall's time zone: its times and deadlines are shown on its clock (optional: answers of earlier releases). */
  timeZone: v.optional(v.string()),
});
export type CaseSummary = v.InferOutput<typeof CaseSummarySchema>;

export const CaseDetailSchema = v.object({
  ...CaseSummarySchema.entries,
  sources: v.array(CaseSourceSchema),
  events: v.array(CaseEventSchema),
  /** 二次评价 ratings of this case. */
  followUps: v.array(v.object({ id: v.string(), at: v.string(), score: v.number(), comment: v.nullable(v.string()) })),
  /** The public 反馈 text shown on the progress page. */
  answer: v.nullable(v.string()),
  /** True when the reader may ask to see the phone number unmasked (supervisor of the hall or the assignee). */
  canReveal: v.boolean(),
});
export type CaseDetail = v.InferOutput<typeof CaseDetailSchema>;

export const CaseListSchema = v.object({ items: v.array(CaseSummarySchema), nextCursor: v.nullable(v.string()), total: Count });
export type CaseList = v.InferOutput<typeof CaseListSchema>;

/** POST /api/v1/cases/:number/reveal: the full phone number (the reveal is audited). */
/** GET /api/v1/cases/:number/assignees: the active users who may own the case (they see its hall). */
export const AssigneesSchema = v.object({
  users: v.array(v.object({ username: v.string(), role: v.picklist(['admin', 'supervisor', 'staff']), staffId: v.nullable(v.string()) })),
});
export type Assignees = v.InferOutput<typeof AssigneesSchema>;

export const RevealedPhoneSchema = v.object({ number: v.string(), phone: v.string() });

/** POST /api/v1/cases/:number/followup-qr: a QR code for the 二次评价 of a case. */
export const FollowUpQrSchema = v.object({ number: v.string(), url: v.string(), svg: v.string(), expiresAt: v.string() });

/** What the public progress page shows: states and the hall's answer, nothing personal. */
export const TrackViewSchema = v.object({
  number: v.string(), siteName: v.object({ zh: v.string(), en: v.string() }),
  /** The hall's time zone: times are shown as the hall counts them. */
  timeZone: v.string(),
  windowNumber: v.string(),
  /** The window's public name, as its kiosk shows it. */
  windowName: v.object({ zh: v.string(), en: v.string() }),
  state: State, openedAt: v.string(), dueAt: v.string(),
  steps: v.array(v.object({ state: State, at: v.string() })), answer: v.nullable(v.string()),
});
export type TrackView = v.InferOutput<typeof TrackViewSchema>;

/** Follow-up figures of one group (hall, window, staff member or month). */
export const CaseFiguresSchema = v.object({
  key: v.string(), label: v.string(), cases: Count, needCallback: Count, calledBack: Count,
  /** 回访率: called back / cases that need a call-back (null when none needed one). */
  callbackRate: Share,
  verified: Count, verifyRate: Share, founded: Count, rectified: Count,
  /** 整改率: rectified / founded. */
  rectifyRate: Share,
  closed: Count, closedOnTime: Count,
  /** 按期办结率: closed by the deadline / cases whose deadline passed or that are closed. */
  onTimeRate: Share,
  overdue: Count, medianHoursToCallback: Hours, medianHoursToClose: Hours,
});
export type CaseFigures = v.InferOutput<typeof CaseFiguresSchema>;

/** GET /api/v1/case-figures: the follow-up figures of a hall over a range, by window, staff member and month. */
export const CaseFiguresReportSchema = v.object({
  siteId: v.string(), from: v.string(), to: v.string(), total: CaseFiguresSchema,
  windows: v.array(CaseFiguresSchema), staff: v.array(CaseFiguresSchema), months: v.array(CaseFiguresSchema),
});
export type CaseFiguresReport = v.InferOutput<typeof CaseFiguresReportSchema>;
