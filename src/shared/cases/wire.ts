/** Wire shapes of the follow-up API, one valibot schema per shape, shared by the dashboard and the endpoint. */
import * as v from 'valibot';
import { APPEAL_STATES, CASE_STATES } from './machine';
import { QueryDay, QueryText } from '../api/query';
import { NO_NUL } from '../wire-text';

const Note = v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(1000), NO_NUL);
const OptionalNote = v.optional(v.pipe(v.string(), v.trim(), v.maxLength(1000), NO_NUL));
const Category = v.picklist(['general', 'major']);

/** POST /api/v1/cases/:id/steps — one step of the follow-up. */
export const CaseCommandSchema = v.variant('action', [
  v.object({ action: v.literal('assign'), assignee: v.pipe(v.string(), v.minLength(1), v.maxLength(64), NO_NUL), note: OptionalNote }),
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
  id: v.pipe(v.string(), v.maxLength(64), NO_NUL),
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

// The answers' shapes are schemas in src/shared/api/cases.ts; their types are named here too for the endpoint's code.
export type { CaseSource, CaseEvent, CaseSummary, CaseDetail, CaseList, TrackView, CaseFigures, CaseFiguresReport } from '../api/cases';
