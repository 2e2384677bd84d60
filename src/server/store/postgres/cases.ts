/** The follow-up area on PostgreSQL (the same statements as store/sqlite/cases.ts, in PostgreSQL's dialect). */
import type { PgConn, Query } from './connection';
import { writeRollups } from './ingest';
import { rollupDeltas } from '../rollup-deltas';
import type { ResponseRow } from '../rows';
import { CASE_COLS, type CaseEventRow, type CaseListQuery, type CasesStore, type ExclusionRow, type FollowupCaseRow, type VetoRow } from '../cases';

/** The WHERE clause and parameters of a case list query (shared by the count and the page). */
function listWhere(q: CaseListQuery): { sql: string; params: unknown[] } {
  const params: unknown[] = [q.siteIds];
  const parts = ['site_id = ANY($1::text[])'];
  const p = (v: unknown) => `$${params.push(v)}`;
  if (q.state === 'open') parts.push("state <> 'closed'");
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
    byNumber: (number) => one('SELECT * FROM followup_cases WHERE number = $1', number),
    byTrackHash: (hash) => one('SELECT * FROM followup_cases WHERE track_hash = $1', hash),
    nextSerial: (siteId, month) => c.write(async (q) => (await q<{ n: number }>(
      'INSERT INTO followup_serials (id, n) VALUES ($1, 1) ON CONFLICT (id) DO UPDATE SET n = followup_serials.n + 1 RETURNING n', [`${siteId}/${month}`]))[0]!.n),
    insert: (row) => c.write(async (q) => (await q(`INSERT INTO followup_cases (${CASE_COLS.join(', ')}) VALUES (${CASE_COLS.map((_, i) => `$${i + 1}`).join(', ')})
      ON CONFLICT (source_kind, source_id) DO NOTHING RETURNING 1`, CASE_COLS.map((k) => row[k]))).length === 1),
    update: (number, patch) => c.write(async (q) => {
      const keys = Object.keys(patch).filter((k) => (CASE_COLS as readonly string[]).includes(k)) as Array<keyof typeof patch>;
      if (keys.length === 0) return;
      await q(`UPDATE followup_cases SET ${keys.map((k, i) => `${k} = $${i + 1}`).join(', ')} WHERE number = $${keys.length + 1}`, [...keys.map((k) => patch[k]), number]);
    }),
    appendEvent: (e) => c.write(async (q) => {
      // The case row is locked first, so two writers to one case take turns numbering its events.
      await q('SELECT 1 FROM followup_cases WHERE number = $1 FOR UPDATE', [e.case_number]);
      const seq = (await q<{ n: number }>('SELECT coalesce(max(seq), 0) + 1 AS n FROM followup_events WHERE case_number = $1', [e.case_number]))[0]!.n;
      await q(`INSERT INTO followup_events (case_number, seq, at, actor, action, from_state, to_state, note, detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [e.case_number, seq, e.at, e.actor, e.action, e.from_state, e.to_state, e.note, e.detail]);
      return seq;
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
