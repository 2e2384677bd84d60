/** Follow-up settings of a hall in kiosk-config (`sites[].followUp`): calendar, deadlines, veto rules. */
import * as v from 'valibot';
import { CN_2026_HOLIDAYS, CN_2026_WORKDAYS } from './holidays-cn';

// A regex rather than a check, so `npm run config:schema` can put it in the editors' JSON Schema.
const Day = v.pipe(v.string(), v.regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'must be a day as YYYY-MM-DD'));
const Days = (min: number) => v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(60));

export const CalendarSchema = v.object({
  /** ISO weekdays off (1 = Monday … 7 = Sunday). */
  weekend: v.optional(v.array(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(7))), [6, 7]),
  /** Public holidays and the days moved next to them (放假调休). */
  holidays: v.optional(v.array(Day), [...CN_2026_HOLIDAYS]),
  /** Weekend days that are worked (调休上班). */
  workdays: v.optional(v.array(Day), [...CN_2026_WORKDAYS]),
});

export const FollowUpSchema = v.object({
  calendar: v.optional(CalendarSchema, {}),
  /** 回访 within this many working days of receipt. */
  callbackDays: v.optional(Days(0), 1),
  /** 限时办结: general cases close within this many working days, major ones within `majorDays`. */
  generalDays: v.optional(Days(1), 3),
  majorDays: v.optional(Days(1), 7),
  /** Unanswered calls after which 回访 is recorded as not reached. */
  maxCallAttempts: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10)), 3),
  /** Reasons that make a bad review a major case from the start (7-day deadline). */
  majorReasons: v.optional(v.array(v.pipe(v.string(), v.maxLength(40))), ['irregular_charges']),
  /** Case numbers read `<prefix>-YYYY-MM-0001`; defaults to the site id in capitals. */
  caseNumberPrefix: v.optional(v.pipe(v.string(), v.regex(/^[A-Z0-9]{1,12}$/, 'must be 1–12 capital letters or digits'))),
  /** 一票否决: which founded cases veto the month's grade of their window and staff member. */
  veto: v.optional(v.object({
    foundedComplaint: v.optional(v.boolean(), true),
    foundedBadReview: v.optional(v.boolean(), false),
  }), {}),
});
export type FollowUpSettings = v.InferOutput<typeof FollowUpSchema>;
