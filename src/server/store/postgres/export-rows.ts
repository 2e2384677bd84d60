/** Export rows on PostgreSQL: keyset pages of the exported columns as arrays, or as lines written from them; maintenance is SQLite-only. */
import type { PgConn } from './connection';
import type { ExportQuery } from '../types';
import { pgDayIdPages } from './exports';
import { arrayCursor } from '../day-pages';
import { linesOfRows } from '../line-writer';
import { RESPONSE_ROW_COLUMNS, SUGGESTION_ROW_COLUMNS, type ExportRowsStore, type MaintenanceStore } from '../export-rows';

/**
 * Rows of a page of lines, and rows written in one turn (about 1–2 ms). pg decodes a page's rows as its bytes arrive,
 * over many turns. In the bench (1M rows, CSV / JSON Lines): pages of 500 gave 0.49 / 0.45 of the read, pages of
 * 2,000 0.60 / 0.58 at a peak RSS of 129–149 MB, pages of 1,000 0.64 / 0.52 at 120–127 MB.
 */
const LINE_PAGE = 1000;
const LINE_CHUNK = 500;

export function pgExportRows(c: PgConn): ExportRowsStore {
  return {
    responses: (q, n) => pages(c, 'responses', RESPONSE_ROW_COLUMNS, q, n, true),
    suggestions: (q, n) => pages(c, 'suggestions', SUGGESTION_ROW_COLUMNS, q, n, false),
    // Written here from raw rows: PostgreSQL's own expressions took twice as long a line as this writer. A page is
    // written LINE_CHUNK rows at a time, each chunk a turn of the event loop.
    lines(what, q, cells, format, n) {
      const columns = what === 'responses' ? RESPONSE_ROW_COLUMNS : SUGGESTION_ROW_COLUMNS;
      return linesOfRows(pages(c, what, columns, q, Math.min(n, LINE_PAGE), what === 'responses'), cells, format, columns, LINE_CHUNK);
    },
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
