/**
 * Runs an export as a byte stream that never holds the event loop for long: rows come from the store in
 * keyset pages (no read transaction left open, so ingest and WAL checkpoints go on), and every pull first yields to
 * the event loop, so health checks and syncs are answered between pages even for a fast reader.
 */
import type { Areas } from '../store';
import type { KioskConfig } from '../../shared/config';
import { responsesTable, suggestionsTable, type RowFilter, type Table, type TableOptions, type Value } from './table';
import { encode, fromLines, type ExportFormat, type HeaderLang } from './formats';
import { xlsxRows } from './xlsx';

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
/**
 * Rows per page the database writes as CSV or JSON Lines itself: about 3 µs a row, so a page holds the event loop for some 6 ms,
 * and its 500 kB go to the socket in one write.
 */
export const LINE_PAGE_ROWS = 2000;
/** Rows per page of an xlsx export (PostgreSQL: a round trip a page); the writer gives other requests a turn every 250 rows. */
export const SHEET_PAGE_ROWS = 1000;

const SHEETS = { responses: '评价明细', suggestions: '意见箱' } as const;

export function tableFor(config: KioskConfig, spec: ExportSpec): Table {
  return spec.what === 'responses' ? responsesTable(config, spec.filter, spec.options) : suggestionsTable(config, spec.filter, spec.options);
}

/** The table's rows in (day, id) order, a page at a time as the consumer asks for them. */
export async function* pagedRows(store: Pick<Areas, 'exportRows'>, table: Table, pageRows = PAGE_ROWS): AsyncGenerator<Value[][]> {
  for await (const page of table.pages(store, pageRows)) yield page.map(table.row);
}

/**
 * The export's bytes: lines the store writes where it can (CSV and JSON Lines), xlsx rows written from the raw rows
 * (the table's sheet writer, where it has one), else the writers in formats.ts.
 */
function chunksOf(store: Pick<Areas, 'exportRows'>, table: Table, spec: ExportSpec): AsyncGenerator<Uint8Array> {
  if (spec.format === 'xlsx') {
    return xlsxRows(table.columns, { pages: table.pages(store, SHEET_PAGE_ROWS), values: table.row, writer: table.sheetRows }, { sheetName: SHEETS[spec.what] });
  }
  const lines = table.lines(store, LINE_PAGE_ROWS, spec.format, spec.lang);
  if (lines) return fromLines(spec.format, table.columns, lines, table.row, spec.lang);
  return encode(spec.format, table.columns, pagedRows(store, table), { lang: spec.lang, sheetName: SHEETS[spec.what] });
}

const turn = () => new Promise<void>((ok) => setImmediate(ok));

/** Bytes of chunks handed out by exports, after which a young-generation collection is asked for. */
export const COLLECT_EVERY_BYTES = 8 * 1024 * 1024;
let handedOut = 0;
/**
 * V8 frees a dead Buffer's memory only in a collection, and starts a young-generation collection for Buffers only
 * when they hold 32 MB (twice its largest default semi-space); the JavaScript heap of an export that writes lines
 * from SQLite barely grows, so nothing else starts one. An export hands out a fresh Buffer a page (some 500 kB), so a
 * 1M-row export kept 30-some MB of pages already written. Where the process runs with --expose-gc (`npm start` does),
 * exports ask for a young-generation collection every 8 MB they hand out: under a millisecond each, 30 for a
 * 1M-row CSV.
 */
function handOut(bytes: number): void {
  handedOut += bytes;
  if (handedOut < COLLECT_EVERY_BYTES) return;
  handedOut = 0;
  (globalThis as { gc?: (options: { type: 'minor' }) => void }).gc?.({ type: 'minor' });
}

/** The export as a Web stream for a Response; cancelling (client gone) stops the reads. */
export function exportStream(store: Pick<Areas, 'exportRows'>, config: KioskConfig, spec: ExportSpec): ReadableStream<Uint8Array> {
  const chunks = chunksOf(store, tableFor(config, spec), spec);
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      await turn(); // a fast reader must not keep the event loop to itself
      const next = await chunks.next();
      if (next.done) controller.close();
      else {
        controller.enqueue(next.value);
        handOut(next.value.byteLength);
      }
    },
    async cancel() {
      await chunks.return(undefined);
    },
  }, { highWaterMark: 0 });
}
