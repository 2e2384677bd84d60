/** Streamed exports and the audit log on SQLite: keyset pages, each read when the consumer pulls it. */
import type { Conn } from './connection';
import { stmt } from './connection';
import type { AuditQuery, AuditStore, ExportQuery, ExportStore } from '../types';
import type { AuditRow, ResponseRow, SuggestionRow } from '../rows';

/** Pages in (day, id) order; between pages the connection is free for ingest. */
async function* dayIdPages<Row extends { day: string; id: string }>(c: Conn, table: string, q: ExportQuery, pageSize: number, suspectColumn: boolean): AsyncGenerator<Row[]> {
  const where = ['site_id = @site', 'day <= @to'];
  if (q.windowId) where.push('window_id = @window');
  if (q.staffId) where.push('staff_id = @staff');
  if (suspectColumn && !q.includeSuspect) where.push('suspect = 0');
  const first = stmt(c.read, `SELECT * FROM ${table} WHERE ${where.join(' AND ')} AND day >= @from ORDER BY day, id LIMIT @limit`);
  const next = stmt(c.read, `SELECT * FROM ${table} WHERE ${where.join(' AND ')} AND (day > @day OR (day = @day AND id > @id)) ORDER BY day, id LIMIT @limit`);
  const base = { site: q.siteId, from: q.from, to: q.to, window: q.windowId, staff: q.staffId, limit: pageSize };
  let last: Row | null = null;
  for (;;) {
    const rows = (last ? next.all({ ...base, day: last.day, id: last.id }) : first.all(base)) as Row[];
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < pageSize) return;
    last = rows[rows.length - 1]!;
  }
}

export function sqliteExports(c: Conn): ExportStore {
  return {
    responses: (q, pageSize) => dayIdPages<ResponseRow>(c, 'responses', q, pageSize, true),
    suggestions: (q, pageSize) => dayIdPages<SuggestionRow>(c, 'suggestions', q, pageSize, false),
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
      const page = c.read.prepare(`SELECT * FROM audit WHERE ${w.sql} AND id > @after ORDER BY id LIMIT @limit`);
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
