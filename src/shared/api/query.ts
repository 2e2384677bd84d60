/**
 * Query strings of the staff API, one schema per route family, shared by the dashboard and the endpoint, and the
 * form a personal-data download posts.
 * Every text parameter is checked before it reaches a store (no control characters: PostgreSQL refuses a NUL in
 * text), every day is a real calendar day within years the date code handles. Unknown parameters pass untouched.
 */
import * as v from 'valibot';
import { isDay } from '../time';

/** Longest text a query parameter may carry. */
export const QUERY_TEXT_MAX = 200;
/** Earliest and latest day a date filter may name: no record lies outside, and date arithmetic stays in four-digit years. */
export const QUERY_DAY_MIN = '2000-01-01';
export const QUERY_DAY_MAX = '2099-12-31';

// C0, DEL and C1 controls: nothing a person types into a filter, and NUL breaks PostgreSQL text.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** Free text in a query parameter: at most 200 characters, no control characters. */
export const QueryText = v.pipe(
  v.string(),
  v.maxLength(QUERY_TEXT_MAX, `must be at most ${QUERY_TEXT_MAX} characters`),
  v.check((s) => !CONTROL.test(s), 'must not contain control characters'),
);

/** A YYYY-MM-DD calendar day from 2000-01-01 to 2099-12-31. */
export const QueryDay = v.pipe(
  v.string(),
  v.check(isDay, 'must be a day as YYYY-MM-DD'),
  v.check((d) => d >= QUERY_DAY_MIN && d <= QUERY_DAY_MAX, `must be a day from ${QUERY_DAY_MIN} to ${QUERY_DAY_MAX}`),
);

/** A yes/no switch: absent, empty, `0` or `1`. */
export const QueryFlag = v.picklist(['', '0', '1'], 'must be 0 or 1');

/** The dashboard and export filter: ?site=&from=&to=&window=&staff=&suspect= */
export const FilterQuerySchema = v.looseObject({
  site: v.optional(QueryText),
  from: v.optional(QueryDay),
  to: v.optional(QueryDay),
  window: v.optional(QueryText),
  staff: v.optional(QueryText),
  suspect: v.optional(QueryFlag),
});

/** /api/v1/stats/feedback on top of the filter: ?q= (searched text), ?cursor= */
export const FeedbackQuerySchema = v.looseObject({
  q: v.optional(QueryText),
  category: v.optional(QueryText),
  cursor: v.optional(QueryText),
});

/** /api/v1/insights/warnings on top of the filter: ?asOf= (the day the warnings are judged on). */
export const WarningsQuerySchema = v.looseObject({
  asOf: v.optional(QueryDay),
});

/** /api/v1/admin/audit and audit.csv: ?from=&to= (UTC days), ?action=, ?actor= */
export const AuditQuerySchema = v.looseObject({
  from: v.optional(QueryDay),
  to: v.optional(QueryDay),
  action: v.optional(QueryText),
  actor: v.optional(QueryText),
});

/** Follow-up figures and the case CSV: ?site=&from=&to= (site-local days). */
export const CaseRangeQuerySchema = v.looseObject({
  site: v.optional(QueryText),
  from: v.optional(QueryDay),
  to: v.optional(QueryDay),
  month: v.optional(QueryText),
});

/** Shortest and longest purpose an admin may give for a personal-data export. */
export const PERSONAL_REASON_MIN = 4;
export const PERSONAL_REASON_MAX = 500;

/**
 * The form body (application/x-www-form-urlencoded) of a personal-data download, POSTed to the export's URL so that
 * neither the session's CSRF token nor the purpose lands in a URL (history, download list, proxy logs). The
 * purpose is written to the audit log; the token is checked by the endpoint's form guard.
 */
export const PersonalFormSchema = v.looseObject({
  csrf: v.optional(v.string()),
  reason: v.pipe(
    v.optional(v.string(), ''),
    v.trim(),
    v.minLength(PERSONAL_REASON_MIN, `say why personal data is needed (at least ${PERSONAL_REASON_MIN} characters)`),
    v.maxLength(PERSONAL_REASON_MAX, `at most ${PERSONAL_REASON_MAX} characters`),
    v.check((s) => !CONTROL.test(s), 'must not contain control characters'),
  ),
});
