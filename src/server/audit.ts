import type { Db } from './db/sqlite';
import type { PagedSource } from './export/stream';

/** Appends one entry to the audit log. */
export function audit(db: Db, actor: string, action: string, detail: Record<string, unknown>, at = Date.now(), address: string | null = null): void {
  db.prepare('INSERT INTO audit (at, actor, action, detail, address) VALUES (?, ?, ?, ?, ?)').run(at, actor, action, JSON.stringify(detail), address);
}

export interface AuditRow { id: number; at: number; actor: string; action: string; detail: string; address: string | null }

export interface AuditQuery { from: number; to: number; action: string | null; actor: string | null }

function where(q: AuditQuery): { sql: string; params: Record<string, unknown> } {
  const parts = ['at >= @from', 'at < @to'];
  if (q.action) parts.push('action = @action');
  if (q.actor) parts.push('actor = @actor');
  return { sql: parts.join(' AND '), params: { from: q.from, to: q.to, action: q.action, actor: q.actor } };
}

/** The newest entries first, `limit` at a time, before the id `before` (for paging back). */
export function listAudit(db: Db, q: AuditQuery, limit: number, before: number | null): AuditRow[] {
  const w = where(q);
  return db.prepare(`SELECT * FROM audit WHERE ${w.sql}${before ? ' AND id < @before' : ''} ORDER BY id DESC LIMIT @limit`)
    .all({ ...w.params, before, limit }) as AuditRow[];
}

/** Keyset pages in id order, for the streamed audit export. */
export function auditSource(db: Db, q: AuditQuery): PagedSource<AuditRow> {
  const w = where(q);
  const stmt = db.prepare(`SELECT * FROM audit WHERE ${w.sql} AND id > @after ORDER BY id LIMIT @limit`);
  return { page: (cursor, limit) => stmt.all({ ...w.params, after: cursor?.id ?? 0, limit }) as AuditRow[] };
}

export const AUDIT_COLUMNS = ['id', 'at', 'actor', 'action', 'detail', 'address'] as const;
