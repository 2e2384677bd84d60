/**
 * Writes table rows as CSV (Excel: BOM, CRLF, formula guard), JSON Lines or a streamed xlsx workbook,
 * one byte chunk per page of rows: whoever consumes it decides the pace, so memory stays flat.
 */
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { BOM, csvCell } from '../../shared/csv';
import type { Column, Value } from './table';
import { InstantText } from './local-time';

export type ExportFormat = 'csv' | 'jsonl' | 'xlsx';
export type HeaderLang = 'en' | 'zh';

export function headerOf(columns: readonly Column[], lang: HeaderLang): string[] {
  return columns.map((c) => (lang === 'zh' ? c.zh : c.key));
}

/**
 * Text a CSV cell may hold as it is: no formula start (csv.ts's guard, which also looks past leading blanks) and
 * nothing to quote. One test that rejects a little more than needed; what it rejects goes through `csvCell`.
 */
const CSV_PLAIN = /^[^\s\u3000=+\-@\uFF1D\uFF0B\uFF0D\uFF20",][^",\r\n]*$/;

/** Column types as small numbers: the row loops below branch on them inline instead of calling a writer per cell. */
const TEXT = 0, INT = 1, BOOL = 2, DATETIME = 3;
const kindsOf = (columns: readonly Column[]) => columns.map((c) => (c.type === 'int' ? INT : c.type === 'bool' ? BOOL : c.type === 'datetime' ? DATETIME : TEXT));

/** One CSV cell of a column kind: numbers and booleans never need quoting or the formula guard. */
function csvValue(kind: number, v: Value, times: InstantText): string {
  if (kind === TEXT) return typeof v === 'string' && CSV_PLAIN.test(v) ? v : csvCell(v);
  if (kind === DATETIME) return times.wall(v as number);
  if (kind === INT) return typeof v === 'number' && Number.isFinite(v) ? String(v) : csvCell(v);
  return v === true ? 'true' : v === false ? 'false' : '';
}

async function* csv(columns: readonly Column[], pages: AsyncIterable<Value[][]>, lang: HeaderLang): AsyncGenerator<Uint8Array> {
  yield Buffer.from(BOM + headerOf(columns, lang).map(csvCell).join(',') + '\r\n');
  const kinds = kindsOf(columns);
  const times = new InstantText();
  const n = columns.length;
  for await (const page of pages) {
    let out = '';
    for (const r of page) {
      out += csvValue(kinds[0]!, r[0]!, times);
      for (let i = 1; i < n; i++) out += ',' + csvValue(kinds[i]!, r[i]!, times);
      out += '\r\n';
    }
    if (out) yield Buffer.from(out);
  }
}

/** One JSON value of a column kind: hall-local times as `YYYY-MM-DD HH:mm:ss` text, numbers and booleans without JSON.stringify. */
function jsonValue(kind: number, v: Value, times: InstantText): string {
  if (kind === TEXT) return v === null ? 'null' : JSON.stringify(v);
  if (kind === DATETIME) return `"${times.wall(v as number)}"`; // digits, '-', ':' and a space: nothing to escape
  if (kind === INT) return typeof v === 'number' && Number.isFinite(v) ? String(v) : JSON.stringify(v);
  return v === true ? 'true' : v === false ? 'false' : JSON.stringify(v);
}

async function* jsonl(columns: readonly Column[], pages: AsyncIterable<Value[][]>, lang: HeaderLang): AsyncGenerator<Uint8Array> {
  const keys = headerOf(columns, lang).map((k, i) => (i ? ',' : '{') + JSON.stringify(k) + ':');
  const kinds = kindsOf(columns);
  const times = new InstantText();
  const n = columns.length;
  for await (const page of pages) {
    let out = '';
    for (const r of page) {
      for (let i = 0; i < n; i++) out += keys[i]! + jsonValue(kinds[i]!, r[i] ?? null, times);
      out += '}\n';
    }
    if (out) yield Buffer.from(out);
  }
}

/** A cell style per column type; one object shared by every cell of a column, so exceljs resolves it once. */
const DATE_STYLE = { numFmt: 'yyyy-mm-dd hh:mm:ss' };
const PLAIN_STYLE = {};

/** Rows of a page written between two turns of the event loop. */
const XLSX_TURN_ROWS = 100;

/** Bytes the zip may hold uncompressed before the next page is written (exceljs's sheet stream ignores back-pressure). */
const ZIP_BACKLOG = 1 << 20;

/** A stream of the readable-stream package (archiver's), whose older state lacks `writableLength`. */
type ZipInput = NodeJS.EventEmitter & { writableLength?: number; _writableState?: { length: number }; destroyed?: boolean };
/** What exceljs's streaming writer has at run time but not in its types: the sheet's stream and the zip input it pipes to. */
interface SheetInternals { stream?: { pipes?: Array<ZipInput | undefined> } }

const pending = (s: ZipInput) => s.writableLength ?? s._writableState?.length ?? 0;

/** Waits until the zip has taken the rows written so far, to within ZIP_BACKLOG bytes. */
async function zipCaughtUp(ws: SheetInternals): Promise<void> {
  const input = ws.stream?.pipes?.[0];
  while (input && !input.destroyed && pending(input) > ZIP_BACKLOG) await once(input, 'drain');
}

/**
 * xlsx through exceljs's streaming writer: text stays text, local times are date cells, Chinese headers, set widths.
 * A page is written only when the reader took the last one and the zip caught up, so memory holds about one page.
 */
async function* xlsx(columns: readonly Column[], pages: AsyncIterable<Value[][]>, sheetName: string): AsyncGenerator<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const sink = new PassThrough();
  const out: Buffer[] = [];
  let failed: Error | null = null;
  sink.on('data', (c: Buffer) => out.push(c)); // flowing: the zip never stalls on us while we wait for it
  const ended = new Promise<void>((ok) => { sink.once('end', ok); sink.once('error', (e: Error) => { failed = e; ok(); }); });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet(sheetName, {
    views: [{ state: 'frozen', ySplit: 1 }],
    // Printed or saved as PDF: landscape, all columns on the page width, the header row on every page.
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' },
  });
  ws.columns = columns.map((c) => ({ header: c.zh, key: c.key, width: c.width }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.commit();
  const styles = columns.map((c) => (c.type === 'datetime' ? DATE_STYLE : PLAIN_STYLE));
  const dt = columns.map((c) => c.type === 'datetime');
  const take = function* (): Generator<Uint8Array> {
    if (failed) throw failed;
    while (out.length) yield out.shift()!;
  };
  for await (const page of pages) {
    for (let k = 0; k < page.length; k++) {
      // A row costs exceljs ~50 µs: other requests get a turn every XLSX_TURN_ROWS rows, not only between pages.
      if (k > 0 && k % XLSX_TURN_ROWS === 0) await new Promise<void>((ok) => setImmediate(ok));
      const row = ws.addRow(page[k]!.map((v, i) => (dt[i] ? (Number.isFinite(v) ? new Date(v as number) : null) : v)));
      row.eachCell((cell, n) => { cell.style = styles[n - 1]!; });
      row.commit();
    }
    await zipCaughtUp(ws as unknown as SheetInternals);
    yield* take();
  }
  ws.commit();
  await wb.commit();
  await ended;
  yield* take();
}

/** The bytes of an export, chunk by chunk. */
export function encode(format: ExportFormat, columns: readonly Column[], pages: AsyncIterable<Value[][]>, opts: { lang: HeaderLang; sheetName: string }): AsyncGenerator<Uint8Array> {
  if (format === 'csv') return csv(columns, pages, opts.lang);
  if (format === 'jsonl') return jsonl(columns, pages, opts.lang);
  return xlsx(columns, pages, opts.sheetName);
}
