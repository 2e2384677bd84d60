/** Export rows and maintenance on SQLite: raw-mode keyset pages, the online backup API. */
import type { Conn } from './connection';
import { sqliteDayIdPages } from './exports';
import { sqliteLines } from './export-lines';
import { arrayCursor } from '../day-pages';
import type { ExportQuery } from '../types';
import { RESPONSE_ROW_COLUMNS, SUGGESTION_ROW_COLUMNS, type ExportRowsStore, type MaintenanceStore } from '../export-rows';

export function sqliteExportRows(c: Conn): ExportRowsStore {
  return {
    responses: (q, n) => pages(c, 'responses', RESPONSE_ROW_COLUMNS, q, n, true),
    suggestions: (q, n) => pages(c, 'suggestions', SUGGESTION_ROW_COLUMNS, q, n, false),
    lines: (what, q, cells, format, n) => sqliteLines(c, what, q, cells, format, n),
  };
}

/** The listed columns as arrays (raw mode: no object per row), in (day, id) order. */
function pages(c: Conn, table: string, columns: readonly string[], q: ExportQuery, pageSize: number, suspectColumn: boolean): AsyncGenerator<unknown[][]> {
  return sqliteDayIdPages<unknown[]>(c, table, columns.join(', '), q, suspectColumn, pageSize, true, arrayCursor(columns.indexOf('day')));
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
