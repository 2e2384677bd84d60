/**
 * Writes table rows as CSV (Excel: BOM, CRLF, formula guard), JSON Lines or a streamed xlsx workbook,
 * one byte chunk per page of rows: whoever consumes it decides the pace, so memory stays flat.
 */
import { BOM, csvCell } from '../../shared/csv';
import type { Column, Value } from './table';
import { xlsxStream } from './xlsx';

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

/** xlsx through our streaming writer (xlsx.ts): text stays text, local times are date cells, Chinese headers, set widths. */
function xlsx(columns: readonly Column[], pages: AsyncIterable<Value[][]>, sheetName: string): AsyncGenerator<Uint8Array> {
  return xlsxStream(columns, pages, { sheetName });
}

/** The bytes of an export, chunk by chunk. */
export function encode(format: ExportFormat, columns: readonly Column[], pages: AsyncIterable<Value[][]>, opts: { lang: HeaderLang; sheetName: string }): AsyncGenerator<Uint8Array> {
  if (format === 'csv') return csv(columns, pages, opts.lang);
  if (format === 'jsonl') return jsonl(columns, pages, opts.lang);
  return xlsx(columns, pages, opts.sheetName);
}
