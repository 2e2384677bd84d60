/** The follow-up area on PostgreSQL (the same statements as store/sqlite/cases.ts, in PostgreSQL's dialect). */
import type { PgConn, Query } from './connection';
import { writeRollups } from './ingest';
import { rollupDeltas } from '../rollup-deltas';
import type { ResponseRow } from '../rows';
import { unnest, type Column } from './unnest';
import { CASE_COLS, type CaseEventRow, type CaseListQuery, type CasesStore, type ExclusionRow, type FollowupCaseRow, type VetoRow } from '../cases';

const INTS = new Set(['needs_callback', 'founded', 'call_attempts', 'score']);
const CASE_COLUMNS: readonly Column[] = CASE_COLS.map((k) => [k, INTS.has(k) ? 'int' : k.endsWith('_at') ? 'bigint' : 'text'] as const);
const EVENT_COLUMNS: readonly Column[] = [['case_number', 'text'], ['seq', 'int'], ['at', 'bigint'], ['actor', 'text'], ['action', 'text'],
  ['from_state', 'text'], ['to_state', 'text'], ['note', 'text'], ['detail', 'text']];

/** The WHERE clause and parameters of a case list query (shared by the count and the page). */
function listWhere(q: CaseListQuery): { sql: string; params: unknown[] } {
  const params: unknown[] = [q.siteIds];
  const parts = ['site_id = ANY($1::text[])'];
  const p = (v: unknown) => `$${params.push(v)}`;
  if (q.state === 'open') parts.push("state NOT IN ('closed', 'withdrawn')");
  else if (q.state) parts.push(`state = ${p(q.state)}`);
  if (q.due === 'overdue') parts.push(`next_due_at <= ${p(q.now)}`);
  if (q.due === 'due_today') parts.push(`next_due_at > ${p(q.now)} AND next_due_at <= ${p(q.endOfToday)}`);
  if (q.windowId) parts.push(`window_id = ${p(q.windowId)}`);
  if (q.staffId) parts.push(`staff_id = ${p(q.staffId)}`);
  if (q.assignee) parts.push(`assignee = ${p(q.assignee)}`);
  if (q.appeal) parts.push(`appeal = ${p(q.appeal)}`);
  if (q.mine) parts.push(`(staff_id = ${p(q.mine.staffId ?? '')} OR assignee = ${p(q.mine.username)})`);
  if (q.openedFrom !== null) parts.push(`opened_at >= ${p(q.openedFrom)}`);
  if (q.openedTo !== null) parts.push(`opened_at < ${p(q.openedTo)}`);
  return { sql: parts.join(' AND '), params };
}

async function exclude(q: Query, e: ExclusionRow): Promise<boolean> {
  const prev = (await q<ResponseRow>('SELECT * FROM responses WHERE id = $1 FOR UPDATE', [e.response_id]))[0];
  if (!prev) return false;
  const done = (await q('INSERT INTO rating_exclusions (response_id, reason, case_number, "by", at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (response_id) DO NOTHING RETURNING 1',
    [e.response_id, e.reason, e.case_number, e.by, e.at])).length === 1;
  if (!done || prev.suspect === 2) return done;
  // suspect = 2 keeps the rating in its own roll-up bucket, outside every figure (suspect ones included).
  await q('UPDATE responses SET suspect = 2 WHERE id = $1', [e.response_id]);
  await writeRollups(q, rollupDeltas([], [{ row: { ...prev, suspect: 2 }, previous: prev }]));
  return true;
}

export function pgCases(c: PgConn): CasesStore {
  const one = async (sql: string, ...args: unknown[]) => (await c.query<FollowupCaseRow>(sql, args))[0] ?? null;
  return {
    bySource: (kind, id) => one('SELECT * FROM followup_cases WHERE source_kind = $1 AND source_id = $2', kind, id),
    bySources: async (kind, ids) => {
      const rows = ids.length ? await c.query<FollowupCaseRow>('SELECT * FROM followup_cases WHERE source_kind = $1 AND source_id = ANY($2::text[])', [kind, ids]) : [];
      return new Map(rows.map((r) => [r.source_id, r]));
    },
    byNumber: (number) => one('SELECT * FROM followup_cases WHERE number = $1', number),
    byNumberForStep: (number) => one('SELECT * FROM followup_cases WHERE number = $1 FOR UPDATE', number),
    byTrackHash: (hash) => one('SELECT * FROM followup_cases WHERE track_hash = $1', hash),
    nextSerial: (siteId, month, count = 1) => c.write(async (q) => (await q<{ n: number }>(
      'INSERT INTO followup_serials (id, n) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET n = followup_serials.n + $2 RETURNING n', [`${siteId}/${month}`, count]))[0]!.n - count + 1),
    insert: (row) => c.write(async (q) => (await q(`INSERT INTO followup_cases (${CASE_COLS.join(', ')}) VALUES (${CASE_COLS.map((_, i) => `$${i + 1}`).join(', ')})
      ON CONFLICT (source_kind, source_id) DO NOTHING RETURNING 1`, CASE_COLS.map((k) => row[k]))).length === 1),
    insertMany: (rows) => c.write(async (q) => {
      if (rows.length === 0) return new Set<string>();
      const u = unnest(CASE_COLUMNS, rows);
      return new Set((await q<{ number: string }>(`INSERT INTO followup_cases (${CASE_COLS.join(', ')}) ${u.sql}
        ON CONFLICT (source_kind, source_id) DO NOTHING RETURNING number`, u.params)).map((r) => r.number));
    }),
    update: (number, patch) => c.write(async (q) => {
      const keys = Object.keys(patch).filter((k) => (CASE_COLS as readonly string[]).includes(k)) as Array<keyof typeof patch>;
      if (keys.length === 0) return;
      await q(`UPDATE followup_cases SET ${keys.map((k, i) => `${k} = $${i + 1}`).join(', ')} WHERE number = $${keys.length + 1}`, [...keys.map((k) => patch[k]), number]);
    }),
    appendEvents: (es) => c.write(async (q) => {
      if (es.length === 0) return [];
      const cases = [...new Set(es.map((e) => e.case_number))].sort();
      // The case rows are locked first (in one order), so two writers to one case take turns numbering its events;
      // the last seq is read by a statement of its own, whose snapshot sees what the other writer committed.
      await q('SELECT 1 FROM followup_cases WHERE number = ANY($1::text[]) ORDER BY number FOR UPDATE', [cases]);
      const last = new Map((await q<{ case_number: string; n: number }>(
        'SELECT case_number, max(seq) AS n FROM followup_events WHERE case_number = ANY($1::text[]) GROUP BY case_number', [cases])).map((r) => [r.case_number, r.n]));
      const rows = es.map((e) => {
        const seq = (last.get(e.case_number) ?? 0) + 1;
        last.set(e.case_number, seq);
        return { ...e, seq };
      });
      const u = unnest(EVENT_COLUMNS, rows);
      await q(`INSERT INTO followup_events (${EVENT_COLUMNS.map(([n]) => n).join(', ')}) ${u.sql}`, u.params);
      return rows.map((r) => r.seq);
    }),
    events: (number) => c.query<CaseEventRow>(`SELECT case_number, seq, at, actor, action, from_state, to_state, note, detail FROM followup_events
      WHERE case_number = $1 ORDER BY seq`, [number]),
    list: async (q) => {
      const w = listWhere(q);
      const total = (await c.query<{ n: number }>(`SELECT count(*) AS n FROM followup_cases WHERE ${w.sql}`, w.params))[0]!.n;
      const n = w.params.length;
      const rows = await c.query<FollowupCaseRow>(`SELECT * FROM followup_cases WHERE ${w.sql}
        ORDER BY next_due_at IS NULL, next_due_at, number LIMIT $${n + 1} OFFSET $${n + 2}`, [...w.params, q.limit, q.offset]);
      return { rows, total };
    },
    opened: (siteIds, from, to) => c.query<FollowupCaseRow>('SELECT * FROM followup_cases WHERE site_id = ANY($1::text[]) AND opened_at >= $2 AND opened_at < $3 ORDER BY opened_at',
      [siteIds, from, to]),
    async *openedPages(siteIds, from, to, pageSize) {
      const base = 'SELECT * FROM followup_cases WHERE site_id = ANY($1::text[]) AND opened_at >= $2 AND opened_at < $3';
      let last: FollowupCaseRow | null = null;
      for (;;) {
        const rows: FollowupCaseRow[] = last
          ? await c.query<FollowupCaseRow>(`${base} AND (opened_at, number) > ($4, $5) ORDER BY opened_at, number LIMIT $6`, [siteIds, from, to, last.opened_at, last.number, pageSize])
          : await c.query<FollowupCaseRow>(`${base} ORDER BY opened_at, number LIMIT $4`, [siteIds, from, to, pageSize]);
        if (rows.length > 0) yield rows;
        if (rows.length < pageSize) return;
        last = rows[rows.length - 1]!;
      }
    },
    exclude: (e) => c.write((q) => exclude(q, e)),
    exclusions: async (ids) => {
      const rows = ids.length ? await c.query<ExclusionRow>('SELECT * FROM rating_exclusions WHERE response_id = ANY($1::text[])', [ids]) : [];
      return new Map(rows.map((r) => [r.response_id, r]));
    },
    followUps: (qrCaseNo) => c.query('SELECT id, counted_at, score, comment FROM responses WHERE case_no = $1 AND follow_up = 1 ORDER BY counted_at', [qrCaseNo]),
    vetoList: (siteIds, month) => c.query<VetoRow>(`SELECT * FROM vetoes WHERE site_id = ANY($1::text[]) ${month ? 'AND month = $2' : ''} ORDER BY month DESC, id`,
      month ? [siteIds, month] : [siteIds]),
    vetoById: async (id) => (await c.query<VetoRow>('SELECT * FROM vetoes WHERE id = $1', [id]))[0] ?? null,
    liftVeto: (id, by, reason, at) => c.write(async (q) => (await q('UPDATE vetoes SET lifted_at = $1, lifted_by = $2, lift_reason = $3 WHERE id = $4 AND lifted_at IS NULL RETURNING 1',
      [at, by, reason, id])).length === 1),
  };
}
