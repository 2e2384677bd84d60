/** Dashboard reads on PostgreSQL: the roll-up tables, comments and suggestions, vetoes, display tokens. */
import type { PgConn, Query } from './connection';
import type { DisplayTokenStore, FeedbackQuery, IntegrationKeyStore, LevelCountRow, RollupQuery, StatsStore } from '../types';
import type { DisplayTokenRow, IntegrationKeyRow, ResponseRow, SuggestionRow } from '../rows';

/** Site, day range, window, staff and (unless asked) no suspect rows, as $1… parameters. */
function rollupWhere(q: RollupQuery, alias = ''): { sql: string; params: unknown[] } {
  const a = alias ? `${alias}.` : '';
  const params: unknown[] = [q.siteId, q.from, q.to];
  const parts = [`${a}site_id = $1`, `${a}day BETWEEN $2 AND $3`];
  if (q.windowId) parts.push(`${a}window_id = $${params.push(q.windowId)}`);
  if (q.staffId) parts.push(`${a}staff_id = $${params.push(q.staffId)}`);
  // suspect = 2 is a rating excluded by an upheld appeal: out of every figure, even with suspect ones shown.
  parts.push(q.suspect ? `${a}suspect < 2` : `${a}suspect = 0`);
  return { sql: parts.join(' AND '), params };
}

/** LIKE pattern that matches `s` literally. */
const likeContains = (s: string) => `%${s.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

/** Recomputes every roll-up from the responses table (inside the caller's transaction). */
export async function rebuildRollupsSql(q: Query): Promise<{ daily: number; hourly: number; reasons: number }> {
  await q('DELETE FROM rollup_daily');
  await q('DELETE FROM rollup_hourly');
  await q('DELETE FROM rollup_reasons');
  const n = async (sql: string) => (await q<{ n: number }>(`WITH ins AS (${sql} RETURNING 1) SELECT count(*) AS n FROM ins`))[0]!.n;
  const daily = await n(`INSERT INTO rollup_daily SELECT site_id, day, window_id, coalesce(staff_id, ''), score, suspect, count(*)
    FROM responses GROUP BY 1, 2, 3, 4, 5, 6`);
  const hourly = await n(`INSERT INTO rollup_hourly SELECT site_id, day, window_id, coalesce(staff_id, ''), hour, min(weekday), suspect, count(*),
    count(*) FILTER (WHERE score <= 2) FROM responses GROUP BY 1, 2, 3, 4, 5, 7`);
  const reasons = await n(`INSERT INTO rollup_reasons SELECT r.site_id, r.day, r.window_id, coalesce(r.staff_id, ''), j.value, r.suspect, count(*)
    FROM responses AS r, json_array_elements_text(r.reasons::json) AS j(value) WHERE r.score <= 2 AND r.reasons <> '[]' GROUP BY 1, 2, 3, 4, 5, 6`);
  await q('ANALYZE rollup_daily, rollup_hourly, rollup_reasons'); // rebuilt at once: the planner must not take them for empty
  return { daily, hourly, reasons };
}

function feedbackWhere(q: FeedbackQuery): { where: string[]; params: unknown[] } {
  const params: unknown[] = [q.siteId, q.from, q.to];
  const where = ['site_id = $1', 'day BETWEEN $2 AND $3'];
  if (q.windowId) where.push(`window_id = $${params.push(q.windowId)}`);
  if (q.staffId) where.push(`staff_id = $${params.push(q.staffId)}`);
  if (q.before) where.push(`(counted_at, id) < ($${params.push(q.before.at)}, $${params.push(q.before.id)})`);
  return { where, params };
}

export function pgStats(c: PgConn): StatsStore {
  return {
    async levelCounts(q, by) {
      const w = rollupWhere(q);
      const keys = (['day', 'window_id', 'staff_id'] as const).map((k) => (by.includes(k) ? k : `'' AS ${k}`));
      return c.query<LevelCountRow>(`SELECT ${keys.join(', ')}, score, suspect, sum(n) AS n FROM rollup_daily WHERE ${w.sql}
        GROUP BY ${[...by, 'score', 'suspect'].join(', ')}`, w.params);
    },
    async reasonCounts(q, by) {
      const w = rollupWhere(q);
      return c.query(`SELECT ${by ?? "''"} AS k, reason, sum(n) AS n FROM rollup_reasons WHERE ${w.sql} GROUP BY ${by ? `${by}, ` : ''}reason
        HAVING sum(n) > 0 ORDER BY n DESC, reason`, w.params);
    },
    async hourCounts(q) {
      const w = rollupWhere(q);
      return c.query(`SELECT weekday, hour, sum(n) AS n, sum(bad) AS bad FROM rollup_hourly WHERE ${w.sql} GROUP BY weekday, hour`, w.params);
    },
    async feedbackResponses(q) {
      const { where, params } = feedbackWhere(q);
      // Every comment, and every bad review even without one.
      where.push("((comment IS NOT NULL AND comment <> '') OR score <= 2)");
      where.push(q.includeSuspect ? 'suspect < 2' : 'suspect = 0');
      if (q.score !== null) where.push(`score = $${params.push(q.score)}`);
      if (q.text) where.push(`comment LIKE $${params.push(likeContains(q.text))} ESCAPE '\\'`);
      return c.query<ResponseRow>(`SELECT * FROM responses WHERE ${where.join(' AND ')} ORDER BY counted_at DESC, id DESC LIMIT $${params.push(q.limit)}`, params);
    },
    async feedbackSuggestions(q) {
      const { where, params } = feedbackWhere(q);
      if (q.category !== null) where.push(`category = $${params.push(q.category)}`);
      if (q.text) where.push(`text LIKE $${params.push(likeContains(q.text))} ESCAPE '\\'`);
      return c.query<SuggestionRow>(`SELECT * FROM suggestions WHERE ${where.join(' AND ')} ORDER BY counted_at DESC, id DESC LIMIT $${params.push(q.limit)}`, params);
    },
    vetoes: (siteId, month) => c.query('SELECT subject, subject_id, reason FROM vetoes WHERE site_id = $1 AND month = $2 AND lifted_at IS NULL ORDER BY id', [siteId, month]),
    addVeto: (v) => c.write(async (q) => {
      await q('INSERT INTO vetoes (site_id, subject, subject_id, month, reason, case_id, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
        [v.siteId, v.subject, v.subjectId, v.month, v.reason, v.caseId, v.by, v.at]);
    }),
    rebuildRollups: () => c.write(rebuildRollupsSql),
  };
}

const KEY_COLS = 'id, site_id, label, created_by, created_at, revoked_at';

export function pgIntegrationKeys(c: PgConn): IntegrationKeyStore {
  return {
    create: (k) => c.write(async (q) => (await q<{ id: number }>('INSERT INTO integration_keys (key_hash, site_id, label, created_by, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [k.keyHash, k.siteId, k.label, k.by, k.at]))[0]!.id),
    list: () => c.query<IntegrationKeyRow>(`SELECT ${KEY_COLS} FROM integration_keys ORDER BY id DESC`),
    revoke: (id, at) => c.write(async (q) => (await q('UPDATE integration_keys SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL RETURNING id', [at, id])).length === 1),
    byHash: async (hash) => (await c.query<IntegrationKeyRow>(`SELECT ${KEY_COLS} FROM integration_keys WHERE key_hash = $1 AND revoked_at IS NULL`, [hash]))[0] ?? null,
  };
}

export function pgDisplayTokens(c: PgConn): DisplayTokenStore {
  return {
    create: (t) => c.write(async (q) => (await q<{ id: number }>('INSERT INTO display_tokens (token_hash, site_id, label, created_by, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [t.tokenHash, t.siteId, t.label, t.by, t.at]))[0]!.id),
    list: () => c.query<DisplayTokenRow>('SELECT id, site_id, label, created_by, created_at, revoked_at FROM display_tokens ORDER BY id DESC'),
    revoke: (id, at) => c.write(async (q) => (await q('UPDATE display_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL RETURNING id', [at, id])).length === 1),
    siteOf: async (hash) => (await c.query<{ site_id: string }>('SELECT site_id FROM display_tokens WHERE token_hash = $1 AND revoked_at IS NULL', [hash]))[0]?.site_id ?? null,
  };
}
