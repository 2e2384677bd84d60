/** PostgreSQL implementation of the store area `insights`: roll-up and comment reads, category corrections. */
import type { PgConn } from './connection';
import type { CommentQuery, CommentRow, Correction, InsightsStore, ReasonCountRow, ScoreCountRow } from '../insights';

const SCORES = `SELECT day, window_id AS "windowId", staff_id AS "staffId", score, sum(n) AS n FROM rollup_daily
  WHERE site_id = $1 AND day BETWEEN $2 AND $3 AND suspect = 0 GROUP BY day, window_id, staff_id, score HAVING sum(n) > 0`;
const REASONS = `SELECT day, window_id AS "windowId", staff_id AS "staffId", reason, sum(n) AS n FROM rollup_reasons
  WHERE site_id = $1 AND day BETWEEN $2 AND $3 AND suspect = 0 GROUP BY day, window_id, staff_id, reason HAVING sum(n) > 0`;
const COMMENT = `SELECT id, 'response' AS kind, day, window_id AS "windowId", staff_id AS "staffId", comment AS text, score, NULL AS category
    FROM responses WHERE site_id = $1 AND id = $2 AND comment IS NOT NULL
  UNION ALL SELECT id, 'suggestion', day, window_id, staff_id, text, NULL, category FROM suggestions WHERE site_id = $1 AND id = $2`;
const CORRECTIONS = `SELECT site_id AS "siteId", comment_id AS "commentId", categories, previous, created_by AS "by", created_at AS "at" FROM insight_corrections c
  WHERE site_id = $1 AND id = (SELECT max(id) FROM insight_corrections WHERE site_id = c.site_id AND comment_id = c.comment_id)`;

function commentsSql(q: CommentQuery): { sql: string; params: unknown[] } {
  const params: unknown[] = [q.siteId, q.from, q.to];
  const where = ['site_id = $1', 'day BETWEEN $2 AND $3'];
  if (q.windowId) where.push(`window_id = $${params.push(q.windowId)}`);
  if (q.staffId) where.push(`staff_id = $${params.push(q.staffId)}`);
  // Suggestions carry no staff member: a staff member's own view reads ratings only.
  const suggestions = q.staffId ? '' : `UNION ALL SELECT id, 'suggestion' AS kind, day, window_id, staff_id, text, NULL::integer AS score, category, counted_at
    FROM suggestions WHERE ${where.join(' AND ')}`;
  return {
    sql: `SELECT id, kind, day, window_id AS "windowId", staff_id AS "staffId", text, score, category FROM (
      SELECT id, 'response' AS kind, day, window_id, staff_id, comment AS text, score, NULL::text AS category, counted_at
        FROM responses WHERE comment IS NOT NULL AND suspect = 0 AND ${where.join(' AND ')}
      ${suggestions}) AS x ORDER BY counted_at DESC, id DESC LIMIT $${params.push(q.limit)}`,
    params,
  };
}

export function pgInsights(c: PgConn): InsightsStore {
  return {
    scoreCounts: (siteId, from, to) => c.query<ScoreCountRow>(SCORES, [siteId, from, to]),
    reasonCounts: (siteId, from, to) => c.query<ReasonCountRow>(REASONS, [siteId, from, to]),
    comments: (q) => {
      const s = commentsSql(q);
      return c.query<CommentRow>(s.sql, s.params);
    },
    comment: async (siteId, id) => (await c.query<CommentRow>(COMMENT, [siteId, id]))[0] ?? null,
    addCorrection: (x: Correction) => c.write(async (q) => {
      await q('INSERT INTO insight_corrections (site_id, comment_id, categories, previous, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6)',
        [x.siteId, x.commentId, JSON.stringify(x.categories), JSON.stringify(x.previous), x.by, x.at]);
    }),
    corrections: async (siteId) => (await c.query<{ siteId: string; commentId: string; categories: string; previous: string; by: string; at: number }>(CORRECTIONS, [siteId]))
      .map((r) => ({ ...r, categories: JSON.parse(r.categories) as string[], previous: JSON.parse(r.previous) as string[] })),
  };
}
