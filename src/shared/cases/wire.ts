/** Wire shapes of the follow-up API, one valibot schema per shape, shared by the dashboard and the endpoint. */
import * as v from 'valibot';
import { APPEAL_STATES, CASE_STATES, type AppealState, type CaseCategory, type CaseState, type CallOutcome } from './machine';
import type { DueState } from './calendar';
import { QueryDay, QueryText } from '../api/query';

const Note = v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(1000));
const OptionalNote = v.optional(v.pipe(v.string(), v.trim(), v.maxLength(1000)));
const Category = v.picklist(['general', 'major']);

/** POST /api/v1/cases/:id/steps — one step of the follow-up. */
export const CaseCommandSchema = v.variant('action', [
  v.object({ action: v.literal('assign'), assignee: v.pipe(v.string(), v.minLength(1), v.maxLength(64)), note: OptionalNote }),
  v.object({ action: v.literal('classify'), category: Category, note: OptionalNote }),
  v.object({ action: v.literal('verify'), founded: v.boolean(), note: Note }),
  v.object({ action: v.literal('call'), reached: v.boolean(), note: Note }),
  v.object({ action: v.literal('rectify'), note: Note }),
  v.object({ action: v.literal('answer'), channel: v.picklist(['phone', 'sms', 'in_person', 'notice']), note: Note }),
  v.object({ action: v.literal('close'), note: OptionalNote }),
  v.object({ action: v.literal('appeal'), note: Note }),
  v.object({ action: v.literal('decide_appeal'), upheld: v.boolean(), note: Note }),
  v.object({ action: v.literal('comment'), note: Note }),
]);
export type CaseCommandInput = v.InferOutput<typeof CaseCommandSchema>;

/** POST /api/v1/cases — a supervisor promotes a response or suggestion into a case. */
export const PromoteSchema = v.object({
  kind: v.picklist(['response', 'suggestion']),
  id: v.pipe(v.string(), v.maxLength(64)),
  category: v.optional(Category, 'general'),
  note: OptionalNote,
});
export type PromoteInput = v.InferOutput<typeof PromoteSchema>;

/** POST /api/v1/vetoes/:id/lift — an admin lifts a 一票否决 with a reason. */
export const LiftVetoSchema = v.object({ reason: Note });

/** GET /api/v1/cases filters. */
export const CaseListQuerySchema = v.object({
  site: v.optional(QueryText),
  state: v.optional(v.picklist([...CASE_STATES, 'open'])),
  due: v.optional(v.picklist(['overdue', 'due_today'])),
  window: v.optional(QueryText),
  staff: v.optional(QueryText),
  assignee: v.optional(QueryText),
  appeal: v.optional(v.picklist(APPEAL_STATES)),
  from: v.optional(QueryDay),
  to: v.optional(QueryDay),
  /** An offset this route gave as `nextCursor`. */
  cursor: v.optional(v.pipe(v.string(), v.regex(/^\d{1,9}$/, 'must come from nextCursor'))),
  limit: v.optional(v.pipe(v.string(), v.transform(Number), v.integer(), v.minValue(1), v.maxValue(500)), '100'),
});

export interface CaseSource {
  kind: 'response' | 'suggestion';
  id: string;
  at: string;
  channel: string;
  score: number | null;
  category: string | null;
  reasons: string[];
  /** The reasons as the hall names them (zh). */
  reasonLabels: string[];
  text: string | null;
  /** Masked unless the reader may reveal it (and then the reveal was audited). */
  phone: string | null;
  excluded: boolean;
  excludedReason: string | null;
}

export interface CaseEvent {
  seq: number;
  at: string;
  by: string;
  action: string;
  from: CaseState;
  to: CaseState;
  note: string | null;
  detail: Record<string, unknown>;
}

export interface CaseSummary {
  id: string;
  number: string;
  siteId: string;
  windowId: string;
  windowLabel: string;
  staffId: string | null;
  staffLabel: string | null;
  kind: 'bad_review' | 'complaint' | 'promoted';
  category: CaseCategory;
  state: CaseState;
  assignee: string | null;
  needsCallback: boolean;
  founded: boolean | null;
  callOutcome: CallOutcome | null;
  appeal: AppealState;
  openedAt: string;
  callbackDueAt: string | null;
  dueAt: string;
  closedAt: string | null;
  /** How the deadline that matters now stands (回访 first, then 办结). */
  due: DueState;
  score: number | null;
}

export interface CaseDetail extends CaseSummary {
  sources: CaseSource[];
  events: CaseEvent[];
  /** 二次评价 ratings of this case. */
  followUps: { id: string; at: string; score: number; comment: string | null }[];
  /** The public 反馈 text shown on the progress page. */
  answer: string | null;
  /** True when the reader may ask to see the phone number unmasked (supervisor of the hall or the assignee). */
  canReveal: boolean;
}

export interface CaseList {
  items: CaseSummary[];
  nextCursor: string | null;
  total: number;
}

/** What the public progress page shows: states and the hall's answer, nothing personal. */
export interface TrackView {
  number: string;
  siteName: { zh: string; en: string };
  /** The hall's time zone: times are shown as the hall counts them. */
  timeZone: string;
  windowNumber: string;
  state: CaseState;
  openedAt: string;
  dueAt: string;
  steps: { state: CaseState; at: string }[];
  answer: string | null;
}

/** Follow-up figures of one group (hall, window, staff member or month). */
export interface CaseFigures {
  key: string;
  label: string;
  cases: number;
  needCallback: number;
  calledBack: number;
  /** 回访率: called back / cases that need a call-back (null when none needed one). */
  callbackRate: number | null;
  verified: number;
  verifyRate: number | null;
  founded: number;
  rectified: number;
  /** 整改率: rectified / founded. */
  rectifyRate: number | null;
  closed: number;
  closedOnTime: number;
  /** 按期办结率: closed by the deadline / cases whose deadline passed or that are closed. */
  onTimeRate: number | null;
  overdue: number;
  medianHoursToCallback: number | null;
  medianHoursToClose: number | null;
}

/** GET /api/v1/cases/figures: the follow-up figures of a hall over a range, by window, staff member and month. */
export interface CaseFiguresReport {
  siteId: string;
  from: string;
  to: string;
  total: CaseFigures;
  windows: CaseFigures[];
  staff: CaseFigures[];
  months: CaseFigures[];
}
