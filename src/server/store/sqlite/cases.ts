/** The follow-up area on SQLite. */
import type { Conn, Db } from './connection';
import { stmt } from './connection';
import { writeRollups } from './ingest';
import { rollupDeltas } from '../rollup-deltas';
import type { ResponseRow } from '../rows';
import type { CaseEventRow, CaseListQuery, CasesStore, ExclusionRow, FollowupCaseRow, VetoRow } from '../cases';

export { CASE_COLS } from '../cases';
import { CASE_COLS } from '../cases';

const INSERT_CASE = `INSERT INTO followup_cases (${CASE_COLS.join(', ')}) VALUES (${CASE_COLS.map((k) => `@${k}`).join(', ')})
  ON CONFLICT (source_kind, source_id) DO NOTHING`;

/** The WHERE clause and parameters of a case list query (shared by the count and the page). */
export function listWhere(q: CaseListQuery): { sql: string; params: Record<string, unknown> } {
  const parts = [`site_id IN (${q.siteIds.map((_, i) => `@s${i}`).join(', ') || "''"})`];
  const params: Record<string, unknown> = Object.fromEntries(q.siteIds.map((s, i) => [`s${i}`, s]));
  if (q.state === 'open') parts.push("state NOT IN ('closed', 'withdrawn')");
  else if (q.state) { parts.push('state = @state'); params.state = q.state; }
  if (q.due === 'overdue') { parts.push('next_due_at <= @now'); params.now = q.now; }
  if (q.due === 'due_today') { parts.push('next_due_at > @now AND next_due_at <= @eod'); params.now = q.now; params.eod = q.endOfToday; }
  if (q.windowId) { parts.push('window_id = @window'); params.window = q.windowId; }
  if (q.staffId) { parts.push('staff_id = @staff'); params.staff = q.staffId; }
  if (q.assignee) { parts.push('assignee = @assignee'); params.assignee = q.assignee; }
  if (q.appeal) { parts.push('appeal = @appeal'); params.appeal = q.appeal; }
  if (q.mine) { parts.push('(staff_id = @mstaff OR assignee = @muser)'); params.mstaff = q.mine.staffId ?? ''; params.muser = q.mine.username; }
  if (q.openedFrom !== null) { parts.push('opened_at >= @ofrom'); params.ofrom = q.openedFrom; }
  if (q.openedTo !== null) { parts.push('opened_at < @oto'); params.oto = q.openedTo; }
  return { sql: parts.join(' AND '), params };
}

function exclude(db: Db, e: ExclusionRow): boolean {
  const prev = stmt(db, 'SELECT * FROM responses WHERE id = ?').get(e.response_id) as ResponseRow | undefined;
  if (!prev) return false;
  const done = stmt(db, 'INSERT INTO rating_exclusions (response_id, reason, case_number, by, at) VALUES (@response_id, @reason, @case_number, @by, @at) ON CONFLICT (response_id) DO NOTHING').run(e).changes === 1;
  if (!done || prev.suspect === 2) return done;
  // suspect = 2 keeps the rating in its own roll-up bucket, outside every figure (suspect ones included).
  stmt(db, 'UPDATE responses SET suspect = 2 WHERE id = ?').run(e.response_id);
  writeRollups(db, rollupDeltas([], [{ row: { ...prev, suspect: 2 }, previous: prev }]));
  return true;
}

export function sqliteCases(c: Conn): CasesStore {
  const one = (sql: string, ...args: unknown[]) => async () => (stmt(c.read, sql).get(...args) as FollowupCaseRow | undefined) ?? null;
  return {
    bySource: (kind, id) => one('SELECT * FROM followup_cases WHERE source_kind = ? AND source_id = ?', kind, id)(),
    bySources: async (kind, ids) => {
      const out = new Map<string, FollowupCaseRow>();
      for (let i = 0; i < ids.length; i += 500) { // under SQLite's variable limit
        const chunk = ids.slice(i, i + 500);
        const rows = stmt(c.read, `SELECT * FROM followup_cases WHERE source_kind = ? AND source_id IN (${chunk.map(() => '?').join(',')})`).all(kind, ...chunk) as FollowupCaseRow[];
        for (const r of rows) out.set(r.source_id, r);
      }
      return out;
    },
    byNumber: (number) => one('SELECT * FROM followup_cases WHERE number = ?', number)(),
    byNumberForStep: (number) => one('SELECT * FROM followup_cases WHERE number = ?', number)(),
    byTrackHash: (hash) => one('SELECT * FROM followup_cases WHERE track_hash = ?', hash)(),
    nextSerial: (siteId, month, count = 1) => c.write((db) => {
      const key = `${siteId}/${month}`;
      stmt(db, 'INSERT INTO followup_serials (id, n) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET n = n + excluded.n').run(key, count);
      return (stmt(db, 'SELECT n FROM followup_serials WHERE id = ?').get(key) as { n: number }).n - count + 1;
    }),
    insert: (row) => c.write((db) => stmt(db, INSERT_CASE).run(row).changes === 1),
    insertMany: (rows) => c.write((db) => new Set(rows.filter((r) => stmt(db, INSERT_CASE).run(r).changes === 1).map((r) => r.number))),
    update: (number, patch) => c.write((db) => {
      const keys = Object.keys(patch).filter((k) => (CASE_COLS as readonly string[]).includes(k));
      if (keys.length === 0) return;
      db.prepare(`UPDATE followup_cases SET ${keys.map((k) => `${k} = @${k}`).join(', ')} WHERE number = @number`).run({ ...patch, number });
    }),
    // The next seq is found and the entry written by one statement (a batch opening 50 cases ran 100).
    appendEvents: (es) => c.write((db) => es.map((e) => (stmt(db, `INSERT INTO followup_events (case_number, seq, at, actor, action, from_state, to_state, note, detail)
      SELECT @case_number, coalesce(max(seq), 0) + 1, @at, @actor, @action, @from_state, @to_state, @note, @detail FROM followup_events WHERE case_number = @case_number
      RETURNING seq`).get(e) as { seq: number }).seq)),
    events: async (number) => stmt(c.read, `SELECT case_number, seq, at, actor, action, from_state, to_state, note, detail FROM followup_events
      WHERE case_number = ? ORDER BY seq`).all(number) as CaseEventRow[],
    list: async (q) => {
      const w = listWhere(q);
      const total = (c.read.prepare(`SELECT count(*) AS n FROM followup_cases WHERE ${w.sql}`).get(w.params) as { n: number }).n;
      const rows = c.read.prepare(`SELECT * FROM followup_cases WHERE ${w.sql}
        ORDER BY next_due_at IS NULL, next_due_at, number LIMIT @limit OFFSET @offset`).all({ ...w.params, limit: q.limit, offset: q.offset }) as FollowupCaseRow[];
      return { rows, total };
    },
    opened: async (siteIds, from, to) => c.read.prepare(`SELECT * FROM followup_cases WHERE site_id IN (${siteIds.map(() => '?').join(', ') || "''"})
      AND opened_at >= ? AND opened_at < ? ORDER BY opened_at`).all(...siteIds, from, to) as FollowupCaseRow[],
    async *openedPages(siteIds, from, to, pageSize) {
      const base = `SELECT * FROM followup_cases WHERE site_id IN (${siteIds.map(() => '?').join(', ') || "''"}) AND opened_at >= ? AND opened_at < ?`;
      const first = c.scan.prepare(`${base} ORDER BY opened_at, number LIMIT ?`);
      const next = c.scan.prepare(`${base} AND (opened_at, number) > (?, ?) ORDER BY opened_at, number LIMIT ?`);
      let last: FollowupCaseRow | null = null;
      for (;;) {
        const rows = (last ? next.all(...siteIds, from, to, last.opened_at, last.number, pageSize) : first.all(...siteIds, from, to, pageSize)) as FollowupCaseRow[];
        if (rows.length > 0) yield rows;
        if (rows.length < pageSize) return;
        last = rows[rows.length - 1]!;
      }
    },
    exclude: (e) => c.write((db) => exclude(db, e)),
    exclusions: async (ids) => {
      const out = new Map<string, ExclusionRow>();
      for (const id of ids) {
        const r = stmt(c.read, 'SELECT * FROM rating_exclusions WHERE response_id = ?').get(id) as ExclusionRow | undefined;
        if (r) out.set(id, r);
      }
      return out;
    },
    followUps: async (qrCaseNo) => stmt(c.read, 'SELECT id, counted_at, score, comment FROM responses WHERE case_no = ? AND follow_up = 1 ORDER BY counted_at')
      .all(qrCaseNo) as Array<{ id: string; counted_at: number; score: number; comment: string | null }>,
    vetoList: async (siteIds, month) => c.read.prepare(`SELECT * FROM vetoes WHERE site_id IN (${siteIds.map(() => '?').join(', ') || "''"})
      ${month ? 'AND month = ?' : ''} ORDER BY month DESC, id`).all(...siteIds, ...(month ? [month] : [])) as VetoRow[],
    vetoById: async (id) => (stmt(c.read, 'SELECT * FROM vetoes WHERE id = ?').get(id) as VetoRow | undefined) ?? null,
    liftVeto: (id, by, reason, at) => c.write((db) => stmt(db, 'UPDATE vetoes SET lifted_at = ?, lifted_by = ?, lift_reason = ? WHERE id = ? AND lifted_at IS NULL')
      .run(at, by, reason, id).changes === 1),
  };
}
