/** Streamed exports and the audit log on SQLite. */
import type { Conn } from './connection';
import { stmt } from './connection';
import type { AuditQuery, AuditStore, ExportQuery, ExportStore } from '../types';
import type { AuditRow, ResponseRow, SuggestionRow } from '../rows';
import { dayIdPages, exportFilters, rowCursor, type Cursor } from '../day-pages';

/** `FROM table WHERE …` of an export query's conditions (without the lower day bound) and their named parameters. */
export function sqliteExportWhere(table: string, q: ExportQuery, suspectColumn: boolean): { where: string; params: Record<string, unknown> } {
  const f = exportFilters(q, suspectColumn);
  return {
    where: `FROM ${table} WHERE ${f.map(([col, op], i) => `${col} ${op} @p${i}`).join(' AND ')}`,
    params: Object.fromEntries(f.map(([, , v], i) => [`p${i}`, v])),
  };
}

/** Pages of `select` from `table` in (day, id) order, for an export query (see store/day-pages.ts); `raw` reads rows as arrays. */
export function sqliteDayIdPages<Row>(c: Conn, table: string, select: string, q: ExportQuery, suspectColumn: boolean, pageSize: number,
  raw: boolean, cursorOf: (row: Row) => Cursor): AsyncGenerator<Row[]> {
  const { where, params } = sqliteExportWhere(table, q, suspectColumn);
  const base = `SELECT ${select} ${where}`;
  const first = stmt(c.scan, `${base} AND day >= @from ORDER BY day, id LIMIT @limit`).raw(raw);
  const next = stmt(c.scan, `${base} AND (day, id) > (@day, @id) ORDER BY day, id LIMIT @limit`).raw(raw);
  // Between pages the connection is free for ingest.
  return dayIdPages(async (after, limit) => (after ? next.all({ ...params, day: after[0], id: after[1], limit }) : first.all({ ...params, from: q.from, limit })) as Row[],
    pageSize, cursorOf);
}

export function sqliteExports(c: Conn): ExportStore {
  return {
    responses: (q, pageSize) => sqliteDayIdPages<ResponseRow>(c, 'responses', '*', q, true, pageSize, false, rowCursor),
    suggestions: (q, pageSize) => sqliteDayIdPages<SuggestionRow>(c, 'suggestions', '*', q, false, pageSize, false, rowCursor),
  };
}

function auditWhere(q: AuditQuery): { sql: string; params: Record<string, unknown> } {
  const parts = ['at >= @from', 'at < @to'];
  if (q.action) parts.push('action = @action');
  if (q.actor) parts.push('actor = @actor');
  return { sql: parts.join(' AND '), params: { from: q.from, to: q.to, action: q.action, actor: q.actor } };
}

export function sqliteAudit(c: Conn): AuditStore {
  return {
    append: (e) => c.write((db) => {
      stmt(db, 'INSERT INTO audit (at, actor, action, detail, address) VALUES (?, ?, ?, ?, ?)').run(e.at, e.actor, e.action, e.detail, e.address);
    }),
    appendMany: (es) => c.write((db) => {
      const s = stmt(db, 'INSERT INTO audit (at, actor, action, detail, address) VALUES (@at, @actor, @action, @detail, @address)');
      for (const e of es) s.run(e);
    }),
    async list(q, limit, before) {
      const w = auditWhere(q);
      return c.read.prepare(`SELECT * FROM audit WHERE ${w.sql}${before ? ' AND id < @before' : ''} ORDER BY id DESC LIMIT @limit`)
        .all({ ...w.params, before, limit }) as AuditRow[];
    },
    async *pages(q, pageSize) {
      const w = auditWhere(q);
      const page = c.scan.prepare(`SELECT * FROM audit WHERE ${w.sql} AND id > @after ORDER BY id LIMIT @limit`);
      let after = 0;
      for (;;) {
        const rows = page.all({ ...w.params, after, limit: pageSize }) as AuditRow[];
        if (rows.length === 0) return;
        yield rows;
        if (rows.length < pageSize) return;
        after = rows[rows.length - 1]!.id;
      }
    },
  };
}
