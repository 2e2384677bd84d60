/** Export rows on PostgreSQL: keyset pages of the exported columns as arrays; maintenance is SQLite-only. */
import type { PgConn } from './connection';
import type { ExportQuery } from '../types';
import { RESPONSE_ROW_COLUMNS, SUGGESTION_ROW_COLUMNS, type ExportRowsStore, type MaintenanceStore } from '../export-rows';

async function* pages(c: PgConn, table: string, columns: readonly string[], q: ExportQuery, pageSize: number, suspectColumn: boolean): AsyncGenerator<unknown[][]> {
  const params: unknown[] = [q.siteId, q.from, q.to];
  const where = ['site_id = $1', 'day >= $2', 'day <= $3'];
  if (q.windowId) where.push(`window_id = $${params.push(q.windowId)}`);
  if (q.staffId) where.push(`staff_id = $${params.push(q.staffId)}`);
  if (suspectColumn && !q.includeSuspect) where.push('suspect = 0');
  const base = `SELECT ${columns.join(', ')} FROM ${table} WHERE ${where.join(' AND ')}`;
  const limit = `$${params.length + 1}`;
  const after = `(day, id) > ($${params.length + 2}, $${params.length + 3})`;
  let last: Record<string, unknown> | null = null;
  for (;;) {
    const rows: Array<Record<string, unknown>> = last
      ? await c.query(`${base} AND ${after} ORDER BY day, id LIMIT ${limit}`, [...params, pageSize, last.day, last.id])
      : await c.query(`${base} ORDER BY day, id LIMIT ${limit}`, [...params, pageSize]);
    if (rows.length === 0) return;
    // BIGINT comes back as text from pg: numbers as the SQLite engine gives them.
    yield rows.map((r) => columns.map((k) => (k === 'received_at' ? Number(r[k]) : r[k])));
    if (rows.length < pageSize) return;
    last = rows[rows.length - 1]!;
  }
}

export function pgExportRows(c: PgConn): ExportRowsStore {
  return {
    responses: (q, n) => pages(c, 'responses', RESPONSE_ROW_COLUMNS, q, n, true),
    suggestions: (q, n) => pages(c, 'suggestions', SUGGESTION_ROW_COLUMNS, q, n, false),
  };
}

/** PostgreSQL has its own tools: amcheck for integrity, pg_dump / base backups for copies. */
export function pgMaintenance(): MaintenanceStore {
  return {
    integrityCheck: () => Promise.reject(new Error('integrity_check is a SQLite check; on PostgreSQL use amcheck')),
    backupTo: () => Promise.reject(new Error('npm run backup copies SQLite; back PostgreSQL up with pg_dump')),
  };
}
