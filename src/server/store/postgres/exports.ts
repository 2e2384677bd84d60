/** Streamed exports and the audit log on PostgreSQL. */
import type { PgConn } from './connection';
import type { AuditEntry, AuditQuery, AuditStore, ExportQuery, ExportStore } from '../types';
import type { AuditRow, ResponseRow, SuggestionRow } from '../rows';
import { dayIdPages, exportFilters, rowCursor, type Cursor } from '../day-pages';

/** Pages of `select` from `table` in (day, id) order, for an export query (see store/day-pages.ts), each read while the one before is written. */
export function pgDayIdPages<Row>(table: string, select: string, q: ExportQuery, suspectColumn: boolean, pageSize: number,
  readRows: (sql: string, params: readonly unknown[]) => Promise<Row[]>, cursorOf: (row: Row) => Cursor): AsyncGenerator<Row[]> {
  const f = exportFilters(q, suspectColumn);
  const params = f.map(([, , v]) => v);
  const n = params.length;
  const base = `SELECT ${select} FROM ${table} WHERE ${f.map(([col, op], i) => `${col} ${op} $${i + 1}`).join(' AND ')}`;
  return dayIdPages(async (after, limit) => (after
    ? readRows(`${base} AND (day, id) > ($${n + 1}, $${n + 2}) ORDER BY day, id LIMIT $${n + 3}`, [...params, after[0], after[1], limit])
    : readRows(`${base} AND day >= $${n + 1} ORDER BY day, id LIMIT $${n + 2}`, [...params, q.from, limit])), pageSize, cursorOf, true);
}

export function pgExports(c: PgConn): ExportStore {
  return {
    responses: (q, pageSize) => pgDayIdPages('responses', '*', q, true, pageSize, (sql, p) => c.query<ResponseRow>(sql, p), rowCursor),
    suggestions: (q, pageSize) => pgDayIdPages('suggestions', '*', q, false, pageSize, (sql, p) => c.query<SuggestionRow>(sql, p), rowCursor),
  };
}

function auditWhere(q: AuditQuery): { sql: string; params: unknown[] } {
  const params: unknown[] = [q.from, q.to];
  const parts = ['at >= $1', 'at < $2'];
  if (q.action) parts.push(`action = $${params.push(q.action)}`);
  if (q.actor) parts.push(`actor = $${params.push(q.actor)}`);
  return { sql: parts.join(' AND '), params };
}

export function pgAudit(c: PgConn): AuditStore {
  return {
    append: (e) => c.write(async (q) => {
      await q('INSERT INTO audit (at, actor, action, detail, address) VALUES ($1, $2, $3, $4, $5)', [e.at, e.actor, e.action, e.detail, e.address]);
    }),
    appendMany: (es) => c.write(async (q) => {
      if (es.length === 0) return;
      const col = (k: keyof AuditEntry) => es.map((e) => e[k]);
      // Ids follow the given order: the rows are numbered as they come out of the ordered SELECT.
      await q(`INSERT INTO audit (at, actor, action, detail, address) SELECT at, actor, action, detail, address
        FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY AS u(at, actor, action, detail, address, ord) ORDER BY ord`,
        [col('at'), col('actor'), col('action'), col('detail'), col('address')]);
    }),
    list(q, limit, before) {
      const w = auditWhere(q);
      const params = [...w.params];
      const older = before ? ` AND id < $${params.push(before)}` : '';
      return c.query<AuditRow>(`SELECT * FROM audit WHERE ${w.sql}${older} ORDER BY id DESC LIMIT $${params.push(limit)}`, params);
    },
    async *pages(q, pageSize) {
      const w = auditWhere(q);
      let after = 0;
      for (;;) {
        const rows = await c.query<AuditRow>(`SELECT * FROM audit WHERE ${w.sql} AND id > $${w.params.length + 1} ORDER BY id LIMIT $${w.params.length + 2}`, [...w.params, after, pageSize]);
        if (rows.length === 0) return;
        yield rows;
        if (rows.length < pageSize) return;
        after = rows[rows.length - 1]!.id;
      }
    },
  };
}
