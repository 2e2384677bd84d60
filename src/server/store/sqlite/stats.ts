/** Dashboard reads on SQLite: the roll-up tables, comments and suggestions, vetoes, display tokens. */
import type { Conn, Db } from './connection';
import { stmt } from './connection';
import type { DisplayTokenStore, FeedbackQuery, IntegrationKeyStore, LevelCountRow, RollupQuery, StatsStore } from '../types';
import type { DisplayTokenRow, IntegrationKeyRow, ResponseRow, SuggestionRow } from '../rows';

/** Site, day range, window, staff and (unless asked) no suspect rows. */
function rollupWhere(q: RollupQuery): { sql: string; params: Record<string, string | null> } {
  const parts = ['site_id = @site', 'day BETWEEN @from AND @to'];
  if (q.windowId) parts.push('window_id = @window');
  if (q.staffId) parts.push('staff_id = @staff');
  // suspect = 2 is a rating excluded by an upheld appeal: out of every figure, even with suspect ones shown.
  parts.push(q.suspect ? 'suspect < 2' : 'suspect = 0');
  return { sql: parts.join(' AND '), params: { site: q.siteId, from: q.from, to: q.to, window: q.windowId, staff: q.staffId } };
}

/** LIKE pattern that matches `s` literally. */
export function likeContains(s: string): string {
  return `%${s.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
}

/** Recomputes every roll-up from the responses table (inside the caller's transaction). */
export function rebuildRollupsSql(db: Db): { daily: number; hourly: number; reasons: number } {
  for (const t of ['rollup_daily', 'rollup_hourly', 'rollup_reasons']) db.exec(`DELETE FROM ${t}`);
  const daily = db.prepare(`INSERT INTO rollup_daily SELECT site_id, day, window_id, coalesce(staff_id, ''), score, suspect, count(*)
    FROM responses GROUP BY 1, 2, 3, 4, 5, 6`).run().changes;
  const hourly = db.prepare(`INSERT INTO rollup_hourly SELECT site_id, day, window_id, coalesce(staff_id, ''), hour, min(weekday), suspect, count(*), sum(score <= 2)
    FROM responses GROUP BY 1, 2, 3, 4, 5, 7`).run().changes;
  const reasons = db.prepare(`INSERT INTO rollup_reasons SELECT r.site_id, r.day, r.window_id, coalesce(r.staff_id, ''), j.value, r.suspect, count(*)
    FROM responses AS r, json_each(r.reasons) AS j WHERE r.score <= 2 AND r.reasons <> '[]' GROUP BY 1, 2, 3, 4, 5, 6`).run().changes;
  return { daily, hourly, reasons };
}

export function sqliteStats(c: Conn): StatsStore {
  return {
    async levelCounts(q, by) {
      const w = rollupWhere(q);
      const keys = (['day', 'window_id', 'staff_id'] as const).map((k) => (by.includes(k) ? k : `'' AS ${k}`));
      const group = [...by, 'score', 'suspect'].join(', ');
      return c.read.prepare(`SELECT ${keys.join(', ')}, score, suspect, sum(n) AS n FROM rollup_daily WHERE ${w.sql} GROUP BY ${group}`)
        .all(w.params) as LevelCountRow[];
    },
    async reasonCounts(q, by) {
      const w = rollupWhere(q);
      const k = by ?? "''";
      return c.read.prepare(`SELECT ${k} AS k, reason, sum(n) AS n FROM rollup_reasons WHERE ${w.sql} GROUP BY ${by ? `${by}, ` : ''}reason
        HAVING sum(n) > 0 ORDER BY n DESC, reason`).all(w.params) as Array<{ k: string; reason: string; n: number }>;
    },
    async hourCounts(q) {
      const w = rollupWhere(q);
      return c.read.prepare(`SELECT weekday, hour, sum(n) AS n, sum(bad) AS bad FROM rollup_hourly WHERE ${w.sql} GROUP BY weekday, hour`)
        .all(w.params) as Array<{ weekday: number; hour: number; n: number; bad: number }>;
    },
    async feedbackResponses(q) {
      const { where, params } = feedbackWhere(q);
      // Every comment, and every bad review even without one.
      where.push("((comment IS NOT NULL AND comment <> '') OR score <= 2)");
      where.push(q.includeSuspect ? 'suspect < 2' : 'suspect = 0');
      if (q.score !== null) where.push('score = @score');
      if (q.text) where.push("comment LIKE @text ESCAPE '\\'");
      return c.read.prepare(`SELECT * FROM responses WHERE ${where.join(' AND ')} ORDER BY counted_at DESC, id DESC LIMIT @limit`).all(params) as ResponseRow[];
    },
    async feedbackSuggestions(q) {
      const { where, params } = feedbackWhere(q);
      if (q.category !== null) where.push('category = @category');
      if (q.text) where.push("text LIKE @text ESCAPE '\\'");
      return c.read.prepare(`SELECT * FROM suggestions WHERE ${where.join(' AND ')} ORDER BY counted_at DESC, id DESC LIMIT @limit`).all(params) as SuggestionRow[];
    },
    vetoes: async (siteId, month) => stmt(c.read, 'SELECT subject, subject_id, reason FROM vetoes WHERE site_id = ? AND month = ? AND lifted_at IS NULL ORDER BY id')
      .all(siteId, month) as Array<{ subject: 'window' | 'staff'; subject_id: string; reason: string }>,
    addVeto: (v) => c.write((db) => {
      stmt(db, 'INSERT INTO vetoes (site_id, subject, subject_id, month, reason, case_id, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(v.siteId, v.subject, v.subjectId, v.month, v.reason, v.caseId, v.by, v.at);
    }),
    rebuildRollups: () => c.write(rebuildRollupsSql),
  };
}

function feedbackWhere(q: FeedbackQuery): { where: string[]; params: Record<string, unknown> } {
  const where = ['site_id = @site', 'day BETWEEN @from AND @to'];
  if (q.windowId) where.push('window_id = @window');
  if (q.staffId) where.push('staff_id = @staff');
  if (q.before) where.push('(counted_at < @bat OR (counted_at = @bat AND id < @bid))');
  return {
    where,
    params: { site: q.siteId, from: q.from, to: q.to, window: q.windowId, staff: q.staffId, text: likeContains(q.text), score: q.score, category: q.category, limit: q.limit,
      bat: q.before?.at ?? null, bid: q.before?.id ?? null },
  };
}

const KEY_COLS = 'id, site_id, label, created_by, created_at, revoked_at';

export function sqliteIntegrationKeys(c: Conn): IntegrationKeyStore {
  return {
    create: (k) => c.write((db) => Number(stmt(db, 'INSERT INTO integration_keys (key_hash, site_id, label, created_by, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(k.keyHash, k.siteId, k.label, k.by, k.at).lastInsertRowid)),
    list: async () => stmt(c.read, `SELECT ${KEY_COLS} FROM integration_keys ORDER BY id DESC`).all() as IntegrationKeyRow[],
    revoke: (id, at) => c.write((db) => stmt(db, 'UPDATE integration_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(at, id).changes === 1),
    byHash: async (hash) => (stmt(c.read, `SELECT ${KEY_COLS} FROM integration_keys WHERE key_hash = ? AND revoked_at IS NULL`).get(hash) as IntegrationKeyRow | undefined) ?? null,
  };
}

export function sqliteDisplayTokens(c: Conn): DisplayTokenStore {
  return {
    create: (t) => c.write((db) => Number(stmt(db, 'INSERT INTO display_tokens (token_hash, site_id, label, created_by, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(t.tokenHash, t.siteId, t.label, t.by, t.at).lastInsertRowid)),
    list: async () => stmt(c.read, 'SELECT id, site_id, label, created_by, created_at, revoked_at FROM display_tokens ORDER BY id DESC').all() as DisplayTokenRow[],
    revoke: (id, at) => c.write((db) => stmt(db, 'UPDATE display_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(at, id).changes === 1),
    siteOf: async (hash) => (stmt(c.read, 'SELECT site_id FROM display_tokens WHERE token_hash = ? AND revoked_at IS NULL').get(hash) as { site_id: string } | undefined)?.site_id ?? null,
  };
}
