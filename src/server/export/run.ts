/**
 * Runs an export as a byte stream that never holds the event loop for long: rows come in keyset pages
 * (no read transaction left open, so ingest and WAL checkpoints go on), and every pull first yields to
 * the event loop, so health checks and syncs are answered between pages even for a fast reader.
 */
import type { Db } from '../db/sqlite';
import type { KioskConfig } from '../../shared/config';
import { responsesTable, suggestionsTable, type RowFilter, type Table, type TableOptions, type Value } from './table';
import { encode, type ExportFormat, type HeaderLang } from './formats';

export interface ExportSpec {
  what: 'responses' | 'suggestions';
  format: ExportFormat;
  filter: RowFilter;
  options: TableOptions;
  /** Header language of CSV and JSON Lines (xlsx headers are always Chinese). */
  lang: HeaderLang;
}

/** Rows per page: as many as one chunk of the writers (formats.ts), so a turn reads at most one page. */
export const PAGE_ROWS = 500;

const SHEETS = { responses: '评价明细', suggestions: '意见箱' } as const;

export function tableFor(config: KioskConfig, spec: ExportSpec): Table {
  return spec.what === 'responses' ? responsesTable(config, spec.filter, spec.options) : suggestionsTable(config, spec.filter, spec.options);
}

/** The table's rows in (day, id) order, fetched a page at a time as the consumer asks for them. */
export function* pagedRows(db: Db, table: Table, pageRows = PAGE_ROWS): Generator<Value[]> {
  const first = db.prepare(`${table.sql} AND day >= @from ORDER BY day, id LIMIT ${pageRows}`).raw(true);
  // The cursor is the index range's start (site_id, (day, id) > …), so each page is a seek, not a rescan from `from`.
  const next = db.prepare(`${table.sql} AND (day, id) > (@cursorDay, @cursorId) ORDER BY day, id LIMIT ${pageRows}`).raw(true);
  let page = first.all(table.params) as unknown[][];
  while (page.length > 0) {
    for (const r of page) yield table.row(r);
    if (page.length < pageRows) return;
    const last = page[page.length - 1]!;
    page = next.all({ ...table.params, cursorDay: last[table.keys.day], cursorId: last[table.keys.id] }) as unknown[][];
  }
}

const turn = () => new Promise<void>((ok) => setImmediate(ok));

/** The export as a Web stream for a Response; cancelling (client gone) stops the reads. */
export function exportStream(db: Db, config: KioskConfig, spec: ExportSpec): ReadableStream<Uint8Array> {
  const table = tableFor(config, spec);
  const chunks = encode(spec.format, table.columns, pagedRows(db, table), { lang: spec.lang, sheetName: SHEETS[spec.what] });
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      await turn(); // a fast reader must not keep the event loop to itself
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel() {
      await chunks.return(undefined);
    },
  }, { highWaterMark: 0 });
}
