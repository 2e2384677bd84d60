/** Schemas of the public big screen (公示): /api/v1/display/<siteId> and the admin's display tokens. */
import * as v from 'valibot';
import { NO_NUL } from '../wire-text';
import { BiName, GradeSchema, Rate } from './common';

const Brief = v.object({ total: v.pipe(v.number(), v.integer(), v.minValue(0)), satisfaction: Rate });

export const DisplayWindowSchema = v.object({
  number: v.string(),
  name: BiName,
  today: Brief,
  month: v.object({ ...Brief.entries, grade: GradeSchema }),
});
export type DisplayWindow = v.InferOutput<typeof DisplayWindowSchema>;

export const DisplayFiguresSchema = v.object({
  /** `timeZone`: the hall's clock, for the time of the figures (optional: answers of earlier releases). */
  site: v.object({ id: v.string(), name: BiName, timeZone: v.optional(v.string()) }),
  /** Below this many ratings a rate is shown as for reference only (optional: answers of earlier releases). */
  minSample: v.optional(v.number(), 10),
  day: v.string(),
  month: v.string(),
  target: v.number(),
  updatedAt: v.string(),
  today: Brief,
  thisMonth: Brief,
  windows: v.array(DisplayWindowSchema),
});
export type DisplayFigures = v.InferOutput<typeof DisplayFiguresSchema>;

export const DisplayTokenSchema = v.object({
  id: v.number(), siteId: v.string(), label: v.string(), createdBy: v.string(), createdAt: v.number(), revokedAt: v.nullable(v.number()),
});
export const DisplayTokenListSchema = v.object({ tokens: v.array(DisplayTokenSchema), sites: v.array(v.object({ id: v.string(), name: BiName })) });
export type DisplayTokenList = v.InferOutput<typeof DisplayTokenListSchema>;

export const NewDisplayTokenSchema = v.object({
  siteId: v.pipe(v.string(), v.minLength(1, 'is required'), v.maxLength(64), NO_NUL),
  label: v.pipe(v.string(), v.trim(), v.minLength(1, 'is required'), v.maxLength(80), NO_NUL),
});
/** The link holds the token once; it is never shown again. */
export const DisplayTokenCreatedSchema = v.object({ id: v.number(), token: v.string(), url: v.string() });

/** POST /api/v1/admin/integration-keys — a key for a queue or receipt system that issues case codes for one hall. */
export const NewIntegrationKeySchema = v.object({
  siteId: v.pipe(v.string(), v.minLength(1, 'is required'), v.maxLength(64), NO_NUL),
  label: v.pipe(v.string(), v.trim(), v.minLength(1, 'is required'), v.maxLength(80), NO_NUL),
});
/** The key is in this answer once; it is never shown again. */
export const IntegrationKeyCreatedSchema = v.object({ id: v.number(), key: v.string(), siteId: v.string(), label: v.string() });
export type IntegrationKeyCreated = v.InferOutput<typeof IntegrationKeyCreatedSchema>;
