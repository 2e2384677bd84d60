/** Export rows and maintenance on SQLite: raw-mode keyset pages that seek from their cursor, the online backup API. */
import type { Conn } from './connection';
import { stmt } from './connection';
import type { ExportQuery } from '../types';
import { RESPONSE_ROW_COLUMNS, SUGGESTION_ROW_COLUMNS, type ExportRowsStore, type MaintenanceStore } from '../export-rows';

async function* pages(c: Conn, table: string, columns: readonly string[], q: ExportQuery, pageSize: number, suspectColumn: boolean): AsyncGenerator<unknown[][]> {
  // No lower day bound in the shared part: the first page starts at `from`, later ones at their cursor, so the
  // index range (site_id, (day, id) > cursor) is a seek and a page never rescans the rows before it.
  const where = ['site_id = @site', 'day <= @to'];
  if (q.windowId) where.push('window_id = @window');
  if (q.staffId) where.push('staff_id = @staff');
  if (suspectColumn && !q.includeSuspect) where.push('suspect = 0');
  const base = `SELECT ${columns.join(', ')} FROM ${table} WHERE ${where.join(' AND ')}`;
  const first = stmt(c.read, `${base} AND day >= @from ORDER BY day, id LIMIT @limit`);
  const next = stmt(c.read, `${base} AND (day, id) > (@day, @id) ORDER BY day, id LIMIT @limit`);
  const params = { site: q.siteId, from: q.from, to: q.to, window: q.windowId, staff: q.staffId, limit: pageSize };
  const day = columns.indexOf('day');
  let last: unknown[] | null = null;
  for (;;) {
    const rows = (last ? next.raw(true).all({ ...params, day: last[day], id: last[0] }) : first.raw(true).all(params)) as unknown[][];
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < pageSize) return;
    last = rows[rows.length - 1]!;
  }
}

export function sqliteExportRows(c: Conn): ExportRowsStore {
  return {
    responses: (q, n) => pages(c, 'responses', RESPONSE_ROW_COLUMNS, q, n, true),
    suggestions: (q, n) => pages(c, 'suggestions', SUGGESTION_ROW_COLUMNS, q, n, false),
  };
}

export function sqliteMaintenance(c: Conn): MaintenanceStore {
  return {
    integrityCheck: async () => String(c.read.pragma('integrity_check', { simple: true })),
    async backupTo(file) {
      // All remaining pages in one step: copied in small steps, a backup restarts whenever ingest writes and may never finish.
      const r = await c.read.backup(file, { progress: ({ totalPages }) => Math.max(totalPages, 1_000_000) });
      return { pages: r.totalPages };
    },
  };
}
