/**
 * Writes table rows as CSV (Excel: BOM, CRLF, formula guard), JSON Lines or a streamed xlsx workbook,
 * one byte chunk per page of rows: whoever consumes it decides the pace, so memory stays flat.
 */
import { PassThrough } from 'node:stream';
import { BOM, csvCell } from '../../shared/csv';
import type { Column, Value } from './table';

export type ExportFormat = 'csv' | 'jsonl' | 'xlsx';
export type HeaderLang = 'en' | 'zh';

function wallText(ms: number): string {
  if (!Number.isFinite(ms)) return '';
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/** One value as plain text/JSON value: hall-local times as `YYYY-MM-DD HH:mm:ss`. */
function plain(c: Column, v: Value): Value {
  return c.type === 'datetime' ? wallText(v as number) : v;
}

export function headerOf(columns: readonly Column[], lang: HeaderLang): string[] {
  return columns.map((c) => (lang === 'zh' ? c.zh : c.key));
}

async function* csv(columns: readonly Column[], pages: AsyncIterable<Value[][]>, lang: HeaderLang): AsyncGenerator<Uint8Array> {
  yield Buffer.from(BOM + headerOf(columns, lang).map(csvCell).join(',') + '\r\n');
  // Per column, the cheapest correct writer: numbers and booleans never need quoting or the formula guard.
  const cell = columns.map((c): ((v: Value) => string) => {
    if (c.type === 'datetime') return (v) => wallText(v as number);
    if (c.type === 'int') return (v) => (typeof v === 'number' && Number.isFinite(v) ? String(v) : csvCell(v));
    if (c.type === 'bool') return (v) => (v === true ? 'true' : v === false ? 'false' : '');
    return csvCell;
  });
  for await (const page of pages) {
    let out = '';
    for (const r of page) {
      let line = cell[0]!(r[0]!);
      for (let i = 1; i < r.length; i++) line += ',' + cell[i]!(r[i]!);
      out += line + '\r\n';
    }
    if (out) yield Buffer.from(out);
  }
}

async function* jsonl(columns: readonly Column[], pages: AsyncIterable<Value[][]>, lang: HeaderLang): AsyncGenerator<Uint8Array> {
  const keys = headerOf(columns, lang).map((k) => JSON.stringify(k) + ':');
  for await (const page of pages) {
    let out = '';
    for (const r of page) {
      let line = '{';
      for (let i = 0; i < r.length; i++) line += (i ? ',' : '') + keys[i] + JSON.stringify(plain(columns[i]!, r[i] ?? null));
      out += line + '}\n';
    }
    if (out) yield Buffer.from(out);
  }
}

const NUM_FMT: Partial<Record<Column['type'], string>> = { datetime: 'yyyy-mm-dd hh:mm:ss', text: '@' };

/** xlsx through exceljs's streaming writer: text stays text, local times are date cells, Chinese headers, set widths. */
async function* xlsx(columns: readonly Column[], pages: AsyncIterable<Value[][]>, sheetName: string): AsyncGenerator<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const sink = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet(sheetName, {
    views: [{ state: 'frozen', ySplit: 1 }],
    // Printed or saved as PDF: landscape, all columns on the page width, the header row on every page.
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' },
  });
  ws.columns = columns.map((c) => ({ header: c.zh, key: c.key, width: c.width, ...(NUM_FMT[c.type] ? { style: { numFmt: NUM_FMT[c.type]! } } : {}) }));
  ws.getRow(1).font = { bold: true };
  const dt = columns.map((c) => c.type === 'datetime');
  const drain = function* (): Generator<Uint8Array> {
    for (let chunk: Buffer | null = sink.read() as Buffer | null; chunk; chunk = sink.read() as Buffer | null) yield chunk;
  };
  for await (const page of pages) {
    for (const r of page) ws.addRow(r.map((v, i) => (dt[i] ? (Number.isFinite(v) ? new Date(v as number) : null) : v))).commit();
    await new Promise<void>((ok) => setImmediate(ok)); // lets the zip stream compress what was committed
    yield* drain();
  }
  yield* drain();
  // The last rows and the zip directory: read while committing, or a full buffer would stall the commit.
  const tail: Buffer[] = [];
  sink.on('data', (c: Buffer) => tail.push(c));
  const ended = new Promise<void>((ok, fail) => { sink.once('end', ok); sink.once('error', fail); });
  ws.commit();
  await wb.commit();
  await ended;
  yield* tail;
}

/** The bytes of an export, chunk by chunk. */
export function encode(format: ExportFormat, columns: readonly Column[], pages: AsyncIterable<Value[][]>, opts: { lang: HeaderLang; sheetName: string }): AsyncGenerator<Uint8Array> {
  if (format === 'csv') return csv(columns, pages, opts.lang);
  if (format === 'jsonl') return jsonl(columns, pages, opts.lang);
  return xlsx(columns, pages, opts.sheetName);
}
