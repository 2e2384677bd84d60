/** Shapes of the insights API (/api/v1/insights/*), shared by the endpoint and the dashboard. */
import * as v from 'valibot';
import { NO_NUL } from '../wire-text';

// The answers' shapes are schemas in src/shared/api/insights.ts; their types are named here too for the endpoint's code.
export type {
  SubjectComparison, CompareReport, WarningView, WarningRow, WarningsReport, CategorisedComment, CategoryCount, CommentsReport, ThemesReport, BulletinRow, Bulletin,
} from '../api/insights';

/** POST /api/v1/insights/corrections: a supervisor sets a comment's categories. */
export const CorrectionBodySchema = v.object({
  site: v.pipe(v.string(), v.minLength(1), NO_NUL),
  commentId: v.pipe(v.string(), v.minLength(1), v.maxLength(64), NO_NUL),
  categories: v.pipe(v.array(v.pipe(v.string(), v.regex(/^[a-z_]{1,40}$/, 'must be a category code'))), v.maxLength(20)),
});
export type CorrectionBody = v.InferOutput<typeof CorrectionBodySchema>;
