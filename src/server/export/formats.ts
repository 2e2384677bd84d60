/**
 * Writes table rows as CSV (Excel: BOM, CRLF, formula guard), JSON Lines or a streamed xlsx workbook,
 * one byte chunk per page of rows: whoever consumes it decides the pace, so memory stays flat.
 */
import { BOM, csvCell } from '../../shared/csv';
import type { Column, Value } from './table';
import { InstantText } from './local-time';
import { xlsxStream } from './xlsx';
import type { LinePage } from '../store/export-rows';

export type ExportFormat = 'csv' | 'jsonl' | 'xlsx';
export type HeaderLang = 'en' | 'zh';

export function headerOf(columns: readonly Column[], lang: HeaderLang): string[] {
  return columns.map((c) => (lang === 'zh' ? c.zh : c.key));
}

/**
 * Text a CSV cell may hold as it is: no formula start (csv.ts's guard, which also looks past leading blanks) and
 * nothing to quote. One test that rejects a little more than needed; what it rejects goes through `csvCell`.
 */
export const CSV_PLAIN = /^[^\s\u3000=+\-@\uFF1D\uFF0B\uFF0D\uFF20",][^",\r\n]*$/;

/** A text value as one CSV cell, as the CSV writer below writes it. */
export function csvText(v: string): string {
  return CSV_PLAIN.test(v) ? v : csvCell(v);
}

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

function csvHeader(columns: readonly Column[], lang: HeaderLang): Buffer {
  return Buffer.from(BOM + headerOf(columns, lang).map(csvCell).join(',') + '\r\n');
}

/** One CSV line of a row of values, CRLF included. */
function csvLine(kinds: readonly number[], r: readonly Value[], times: InstantText): string {
  let out = csvValue(kinds[0]!, r[0]!, times);
  for (let i = 1; i < kinds.length; i++) out += ',' + csvValue(kinds[i]!, r[i]!, times);
  return out + '\r\n';
}

async function* csv(columns: readonly Column[], pages: AsyncIterable<Value[][]>, lang: HeaderLang): AsyncGenerator<Uint8Array> {
  yield csvHeader(columns, lang);
  const kinds = kindsOf(columns);
  const times = new InstantText();
  for await (const page of pages) {
    let out = '';
    for (const r of page) out += csvLine(kinds, r, times);
    if (out) yield Buffer.from(out);
  }
}

/**
 * CSV or JSON Lines from lines the store wrote (store `lines`): each page of bytes or line as it came, each raw
 * row it could not write through `row` and the writers here, so the bytes are the same either way.
 */
export async function* fromLines(format: 'csv' | 'jsonl', columns: readonly Column[], pages: AsyncIterable<LinePage>, row: (r: unknown[]) => Value[], lang: HeaderLang): AsyncGenerator<Uint8Array> {
  if (format === 'csv') yield csvHeader(columns, lang);
  const kinds = kindsOf(columns);
  const keys = jsonKeys(columns, lang);
  const times = new InstantText();
  for await (const page of pages) {
    if (page instanceof Uint8Array) {
      yield page;
      continue;
    }
    for (let i = 0; i < page.length; i++) {
      const item = page[i]!;
      if (typeof item !== 'string') page[i] = format === 'csv' ? csvLine(kinds, row(item), times) : jsonLine(keys, kinds, row(item), times);
    }
    if (page.length) yield Buffer.from((page as string[]).join(''));
  }
}

/** One JSON value of a column kind: hall-local times as `YYYY-MM-DD HH:mm:ss` text, numbers and booleans without JSON.stringify. */
function jsonValue(kind: number, v: Value, times: InstantText): string {
  if (kind === TEXT) return v === null ? 'null' : JSON.stringify(v);
  if (kind === DATETIME) return `"${times.wall(v as number)}"`; // digits, '-', ':' and a space: nothing to escape
  if (kind === INT) return typeof v === 'number' && Number.isFinite(v) ? String(v) : JSON.stringify(v);
  return v === true ? 'true' : v === false ? 'false' : JSON.stringify(v);
}

/** What comes before each column's value in a JSON Lines object: `{"id":`, then `,"site_id":` … */
export function jsonKeys(columns: readonly Column[], lang: HeaderLang): string[] {
  return headerOf(columns, lang).map((k, i) => (i ? ',' : '{') + JSON.stringify(k) + ':');
}

/** One JSON Lines object of a row of values, its newline included. */
function jsonLine(keys: readonly string[], kinds: readonly number[], r: readonly Value[], times: InstantText): string {
  let out = '';
  for (let i = 0; i < kinds.length; i++) out += keys[i]! + jsonValue(kinds[i]!, r[i] ?? null, times);
  return out + '}\n';
}

async function* jsonl(columns: readonly Column[], pages: AsyncIterable<Value[][]>, lang: HeaderLang): AsyncGenerator<Uint8Array> {
  const keys = jsonKeys(columns, lang);
  const kinds = kindsOf(columns);
  const times = new InstantText();
  for await (const page of pages) {
    let out = '';
    for (const r of page) out += jsonLine(keys, kinds, r, times);
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
