/** SQLite implementation of the store area `insights`: roll-up and comment reads, category corrections. */
import type { Conn } from './connection';
import { stmt } from './connection';
import type { CommentQuery, CommentRow, Correction, InsightsStore, ReasonCountRow, ScoreCountRow } from '../insights';

const SCORES = `SELECT day, window_id AS windowId, staff_id AS staffId, score, sum(n) AS n FROM rollup_daily
  WHERE site_id = ? AND day BETWEEN ? AND ? AND suspect = 0 GROUP BY day, window_id, staff_id, score HAVING sum(n) > 0`;
const REASONS = `SELECT day, window_id AS windowId, staff_id AS staffId, reason, sum(n) AS n FROM rollup_reasons
  WHERE site_id = ? AND day BETWEEN ? AND ? AND suspect = 0 GROUP BY day, window_id, staff_id, reason HAVING sum(n) > 0`;
const COMMENT = `SELECT id, 'response' AS kind, day, window_id AS windowId, staff_id AS staffId, comment AS text, score, NULL AS category
    FROM responses WHERE site_id = @siteId AND id = @id AND comment IS NOT NULL
  UNION ALL SELECT id, 'suggestion', day, window_id, staff_id, text, NULL, category FROM suggestions WHERE site_id = @siteId AND id = @id`;
const ADD_CORRECTION = 'INSERT INTO insight_corrections (site_id, comment_id, categories, previous, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)';
const CORRECTIONS = `SELECT site_id AS siteId, comment_id AS commentId, categories, previous, created_by AS by, created_at AS at FROM insight_corrections c
  WHERE site_id = ? AND id = (SELECT max(id) FROM insight_corrections WHERE site_id = c.site_id AND comment_id = c.comment_id)`;

function commentsSql(q: CommentQuery): string {
  const where = ['site_id = @siteId', 'day BETWEEN @from AND @to'];
  if (q.windowId) where.push('window_id = @windowId');
  if (q.staffId) where.push('staff_id = @staffId');
  // Suggestions carry no staff member: a staff member's own view reads ratings only.
  const suggestions = q.staffId ? '' : `UNION ALL SELECT id, 'suggestion' AS kind, day, window_id AS windowId, staff_id AS staffId, text, NULL AS score, category, counted_at
    FROM suggestions WHERE ${where.join(' AND ')}`;
  return `SELECT id, kind, day, windowId, staffId, text, score, category FROM (
    SELECT id, 'response' AS kind, day, window_id AS windowId, staff_id AS staffId, comment AS text, score, NULL AS category, counted_at
      FROM responses WHERE comment IS NOT NULL AND suspect = 0 AND ${where.join(' AND ')}
    ${suggestions}) ORDER BY counted_at DESC, id DESC LIMIT @limit`;
}

export function sqliteInsights(c: Conn): InsightsStore {
  return {
    async scoreCounts(siteId, from, to) { return stmt(c.read, SCORES).all(siteId, from, to) as ScoreCountRow[]; },
    async reasonCounts(siteId, from, to) { return stmt(c.read, REASONS).all(siteId, from, to) as ReasonCountRow[]; },
    async comments(q) {
      const params = { siteId: q.siteId, from: q.from, to: q.to, windowId: q.windowId ?? null, staffId: q.staffId ?? null, limit: q.limit };
      return stmt(c.read, commentsSql(q)).all(params) as CommentRow[];
    },
    async comment(siteId, id) {
      return (stmt(c.read, COMMENT).get({ siteId, id }) as CommentRow | undefined) ?? null;
    },
    addCorrection: (x: Correction) => c.write((db) => {
      stmt(db, ADD_CORRECTION).run(x.siteId, x.commentId, JSON.stringify(x.categories), JSON.stringify(x.previous), x.by, x.at);
    }),
    async corrections(siteId) {
      return (stmt(c.read, CORRECTIONS).all(siteId) as { siteId: string; commentId: string; categories: string; previous: string; by: string; at: number }[])
        .map((r) => ({ ...r, categories: JSON.parse(r.categories) as string[], previous: JSON.parse(r.previous) as string[] }));
    },
  };
}
