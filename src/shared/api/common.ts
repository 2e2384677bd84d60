/** Building blocks of the API schemas: names in both languages, level counts, grades and the one error body. */
import * as v from 'valibot';

/** A name given in config in both languages. */
export const BiName = v.object({ zh: v.string(), en: v.string() });
export type BiName = v.InferOutput<typeof BiName>;

/** A hall as pickers list it. */
export const SiteRefSchema = v.object({ id: v.string(), name: BiName, timeZone: v.string() });
/** A window as pickers list it. */
export const WindowRefSchema = v.object({ id: v.string(), siteId: v.string(), number: v.string(), name: BiName });

const Count = v.pipe(v.number(), v.integer(), v.minValue(0));
/** Ratings per level, index 0 = score 1 … index 4 = score 5. */
export const LevelCountsSchema = v.pipe(v.tuple([Count, Count, Count, Count, Count]), v.readonly());

/** A share between 0 and 1, or null when there are no ratings. */
export const Rate = v.nullable(v.pipe(v.number(), v.minValue(0), v.maxValue(1)));

/** 星级 of a period as a code the client renders (`gradeText` for CSV, the dictionaries for screens). */
export const GradeSchema = v.variant('kind', [
  v.object({ kind: v.literal('stars'), stars: v.picklist([1, 2, 3, 4, 5]) }),
  v.object({ kind: v.literal('insufficient'), total: Count, needed: Count }),
  v.object({ kind: v.literal('vetoed') }),
]);

/** Every 4xx/5xx answer of the API: a code the client can act on, the field at fault, a message for logs. */
export const ApiErrorSchema = v.object({
  error: v.string(),
  field: v.optional(v.string()),
  message: v.string(),
  retryAfterSeconds: v.optional(v.number()),
});
export type ApiError = v.InferOutput<typeof ApiErrorSchema>;

/** `{ ok: true }`, the answer of writes that return nothing else. */
export const OkSchema = v.object({ ok: v.literal(true) });
