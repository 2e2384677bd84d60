/** Export rows on PostgreSQL: keyset pages of the exported columns as arrays; maintenance is SQLite-only. */
import type { PgConn } from './connection';
import type { ExportQuery } from '../types';
import { pgDayIdPages } from './exports';
import { arrayCursor } from '../day-pages';
import { RESPONSE_ROW_COLUMNS, SUGGESTION_ROW_COLUMNS, type ExportRowsStore, type MaintenanceStore } from '../export-rows';

export function pgExportRows(c: PgConn): ExportRowsStore {
  return {
    responses: (q, n) => pages(c, 'responses', RESPONSE_ROW_COLUMNS, q, n, true),
    suggestions: (q, n) => pages(c, 'suggestions', SUGGESTION_ROW_COLUMNS, q, n, false),
  };
}

/** The listed columns as arrays (read as arrays: no object a row), in (day, id) order. */
function pages(c: PgConn, table: string, columns: readonly string[], q: ExportQuery, pageSize: number, suspectColumn: boolean): AsyncGenerator<unknown[][]> {
  return pgDayIdPages(table, columns.join(', '), q, suspectColumn, pageSize, c.arrays, arrayCursor(columns.indexOf('day')));
}

/** PostgreSQL has its own tools: amcheck for integrity, pg_dump / base backups for copies. */
export function pgMaintenance(): MaintenanceStore {
  return {
    integrityCheck: () => Promise.reject(new Error('integrity_check is a SQLite check; on PostgreSQL use amcheck')),
    backupTo: () => Promise.reject(new Error('npm run backup copies SQLite; back PostgreSQL up with pg_dump')),
  };
}
