/** SQLite implementation of the store area `insights`. */
import type { Db } from '../../db/sqlite';
import type { CommentQuery, CommentRow, Correction, InsightsStore, ReasonCountRow, ScoreCountRow } from '../insights';

/** Migration step: category corrections, one row per correction (history kept; the latest per comment wins). */
export function migrateInsights(db: Db): void {
  db.exec(`
    CREATE TABLE insight_corrections (
      id INTEGER PRIMARY KEY,
      site_id TEXT NOT NULL,
      comment_id TEXT NOT NULL,
      categories TEXT NOT NULL,
      previous TEXT NOT NULL,
      created_by TEXT NOT NULL,
      created_at INTEGER NOT NULL
    );
    CREATE INDEX insight_corrections_site ON insight_corrections (site_id, comment_id, id);
  `);
}

export function sqliteInsights(db: Db): InsightsStore {
  const scores = db.prepare(`SELECT day, window_id AS windowId, staff_id AS staffId, score, sum(n) AS n FROM rollup_daily
    WHERE site_id = ? AND day BETWEEN ? AND ? AND suspect = 0 GROUP BY day, window_id, staff_id, score HAVING sum(n) > 0`);
  const reasons = db.prepare(`SELECT day, window_id AS windowId, staff_id AS staffId, reason, sum(n) AS n FROM rollup_reasons
    WHERE site_id = ? AND day BETWEEN ? AND ? AND suspect = 0 GROUP BY day, window_id, staff_id, reason HAVING sum(n) > 0`);
  const vetoes = db.prepare('SELECT subject, subject_id AS id, reason FROM vetoes WHERE site_id = ? AND month = ? ORDER BY id');
  const addCorrection = db.prepare(`INSERT INTO insight_corrections (site_id, comment_id, categories, previous, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)`);
  const corrections = db.prepare(`SELECT site_id AS siteId, comment_id AS commentId, categories, previous, created_by AS by, created_at AS at FROM insight_corrections c
    WHERE site_id = ? AND id = (SELECT max(id) FROM insight_corrections WHERE site_id = c.site_id AND comment_id = c.comment_id)`);
  return {
    async scoreCounts(siteId, from, to) { return scores.all(siteId, from, to) as ScoreCountRow[]; },
    async reasonCounts(siteId, from, to) { return reasons.all(siteId, from, to) as ReasonCountRow[]; },
    async comments(q: CommentQuery) {
      const where = ['site_id = @siteId', 'day BETWEEN @from AND @to'];
      if (q.windowId) where.push('window_id = @windowId');
      if (q.staffId) where.push('staff_id = @staffId');
      const params = { siteId: q.siteId, from: q.from, to: q.to, windowId: q.windowId ?? null, staffId: q.staffId ?? null, limit: q.limit };
      // Suggestions carry no staff member: a staff member's own view reads ratings only.
      const suggestions = q.staffId ? '' : `UNION ALL SELECT id, 'suggestion' AS kind, day, window_id AS windowId, staff_id AS staffId, text, NULL AS score, category, counted_at
        FROM suggestions WHERE ${where.join(' AND ')}`;
      return db.prepare(`SELECT id, kind, day, windowId, staffId, text, score, category FROM (
        SELECT id, 'response' AS kind, day, window_id AS windowId, staff_id AS staffId, comment AS text, score, NULL AS category, counted_at
          FROM responses WHERE comment IS NOT NULL AND suspect = 0 AND ${where.join(' AND ')}
        ${suggestions}) ORDER BY counted_at DESC, id DESC LIMIT @limit`).all(params) as CommentRow[];
    },
    async comment(siteId, id) {
      const row = db.prepare(`SELECT id, 'response' AS kind, day, window_id AS windowId, staff_id AS staffId, comment AS text, score, NULL AS category
          FROM responses WHERE site_id = @siteId AND id = @id AND comment IS NOT NULL
        UNION ALL SELECT id, 'suggestion', day, window_id, staff_id, text, NULL, category FROM suggestions WHERE site_id = @siteId AND id = @id`).get({ siteId, id });
      return (row as CommentRow | undefined) ?? null;
    },
    async vetoes(siteId, month) {
      const out = new Map<string, string>();
      for (const r of vetoes.all(siteId, month) as { subject: string; id: string; reason: string }[]) {
        if (!out.has(`${r.subject}:${r.id}`)) out.set(`${r.subject}:${r.id}`, r.reason);
      }
      return out;
    },
    async addCorrection(c: Correction) {
      addCorrection.run(c.siteId, c.commentId, JSON.stringify(c.categories), JSON.stringify(c.previous), c.by, c.at);
    },
    async corrections(siteId) {
      return (corrections.all(siteId) as { siteId: string; commentId: string; categories: string; previous: string; by: string; at: number }[])
        .map((r) => ({ ...r, categories: JSON.parse(r.categories) as string[], previous: JSON.parse(r.previous) as string[] }));
    },
  };
}
