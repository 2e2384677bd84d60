/**
 * xlsx rows of raw export rows, written by a function compiled from the export's cells (`LineCell` in
 * store/export-rows.ts, the cells the store writes CSV and JSON Lines from), as the line writer writes lines. Fixed
 * cells (window, score and labels, staff, booleans, reason lists) are markup encoded once, their texts in the shared
 * strings, with holes for the row number; a row costs copies and the few texts that are its own (id, times, comment),
 * instead of a row of 27 values built and written cell by cell. A row holding a value this writer cannot write as the
 * xlsx writer's own cells would read back goes to the xlsx writer as values (`RAW`); tests/server/xlsx-rows.test.ts
 * holds both to the same workbook.
 */
import { maskPhone } from '../../shared/phone';
import { MAY_HOLD_PHONE } from '../../shared/contact';
import { columnIndex, DAY, reasonCodes, type LineCell } from '../store/export-rows';
import { InstantBytes, InstantParser, MAX_PLAIN } from './local-time';
import { putBytes } from './utf8';
import { columnLetters, DATE_STYLE, FIRST_DATE_MS, putSerial, T_CLOSE, T_OPEN, TextCells, type SharedStrings, type SheetRowWriter } from './xlsx';

/** Where a fixed cell's markup takes the row number. XML cannot hold NUL, so no cell's text can be taken for it. */
export const ROW = '\u0000';
/** `write`'s answer for a row to be written from its values instead. */
export const RAW = -1;

/** Distinct days, and reason lists, kept shared. */
const KEPT_DAYS = 4096;
const KEPT_REASONS = 1000;
/** Markup bytes a cell that is not fixed may take beside its text (the text: 6 bytes a UTF-16 unit at most). */
const CELL_MARKUP = 96;
/** Digits of a row number (Excel's last row is 1,048,576). */
const ROW_DIGITS = 7;

/**
 * The markup of `values` as cells of the columns from `first` on, a row-number hole in each reference: strings shared
 * (`t="s"`), numbers as numbers, empty strings and null as no cell, as the xlsx writer writes them.
 */
export function sheetCells(first: number, values: ReadonlyArray<string | number | null>, strings: SharedStrings): string {
  let out = '';
  values.forEach((v, i) => {
    if (v === null || v === '') return;
    const open = `<c r="${columnLetters(first + i)}${ROW}"`;
    out += typeof v === 'number' ? `${open}><v>${v}</v></c>` : `${open} t="s"><v>${strings.index(v)}</v></c>`;
  });
  return out;
}

/**
 * Bytes as little-endian 32-bit words, copied a word a store (`RowOut.words`): up to three bytes past their end are
 * written too, and written over by what follows (a row's bound leaves room for them). A row's markup is mostly such
 * copies of a few dozen bytes; a byte a store, they were a third of the writer's time.
 */
class Words {
  readonly w: Int32Array;
  readonly n: number;

  constructor(bytes: Uint8Array) {
    this.n = bytes.length;
    const padded = new Uint8Array(Math.ceil(bytes.length / 4) * 4);
    padded.set(bytes);
    const view = new DataView(padded.buffer);
    this.w = Int32Array.from({ length: padded.length / 4 }, (_, i) => view.getInt32(4 * i, true));
  }
}
const words = (text: string) => new Words(Buffer.from(text));

/** Bytes a row may write past its end (`Words` and the row number's stores); `need` counts them. */
const OVERRUN = 8;

/** Markup with row-number holes, split at them: copied part, row number, part… */
class Template {
  readonly parts: Words[];
  /** Bytes it takes at most, the row number's included. */
  readonly bytes: number;

  constructor(markup: string) {
    this.parts = markup.split(ROW).map(words);
    const holes = this.parts.length - 1;
    this.bytes = Buffer.byteLength(markup) - holes + holes * ROW_DIGITS;
  }

  write(at: number, row: RowOut): number {
    const parts = this.parts;
    at = row.words(at, parts[0]!);
    for (let i = 1; i < parts.length; i++) at = row.words(row.put(at), parts[i]!);
    return at;
  }
}

/**
 * The buffer a row is being written into, seen as 32-bit little-endian stores, and the row's number: its ASCII
 * digits (7 at most, Excel's last row being 1,048,576) as two words, copied into each cell's reference.
 */
class RowOut {
  private view: DataView = new DataView(new ArrayBuffer(8));
  private of: Buffer | null = null;
  private readonly digits = new DataView(new ArrayBuffer(8));
  private d0 = 0;
  private d1 = 0;
  private length = 0;

  /** Starts row `n` in `b`. */
  start(b: Buffer, n: number): void {
    if (b !== this.of) {
      this.view = new DataView(b.buffer, b.byteOffset, b.byteLength);
      this.of = b;
    }
    const text = String(n);
    if (text.length > 8) throw new Error(`xlsx rows: row ${n} is past a sheet's last row`);
    for (let i = 0; i < 8; i++) this.digits.setUint8(i, i < text.length ? text.charCodeAt(i) : 0);
    this.d0 = this.digits.getInt32(0, true);
    this.d1 = this.digits.getInt32(4, true);
    this.length = text.length;
  }

  /** The row number at `at`; the position after it. */
  put(at: number): number {
    this.view.setInt32(at, this.d0, true);
    this.view.setInt32(at + 4, this.d1, true);
    return at + this.length;
  }

  /** `p` at `at`; the position after it. */
  words(at: number, p: Words): number {
    const view = this.view;
    const w = p.w;
    for (let i = 0; i < w.length; i++) view.setInt32(at + 4 * i, w[i]!, true);
    return at + p.n;
  }
}

/**
 * Copies text made of `[0-9A-Za-z.:+-]` (ids, instants), which XML and a spreadsheet read as it is; -1 if it holds
 * anything else, or is empty.
 */
function putSafe(b: Buffer, at: number, s: string): number {
  if (s.length === 0) return -1;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // 0-9 a-z A-Z . : + -
    if (!((c >= 48 && c <= 58) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 46 || c === 43 || c === 45)) return -1;
    b[at + i] = c;
  }
  return at + s.length;
}

/** Text cells of one column (`TextCells`: repeated texts shared), nothing for '' or null. */
class TextColumn {
  private readonly open: Words;
  private readonly texts: TextCells;

  constructor(key: string, strings: SharedStrings) {
    this.open = words(key);
    this.texts = new TextCells(strings);
  }

  write(b: Buffer, at: number, v: string | null, row: RowOut): number {
    if (v === null || v === '') return at;
    return this.texts.rest(b, row.put(row.words(at, this.open)), v);
  }
}

/** Writes one cell of a raw row at `at`; the position after it, or RAW. */
type CellWriter = (b: Buffer, at: number, r: readonly unknown[]) => number;

/**
 * The writer of xlsx rows from raw rows (columns named by `columns`), compiled from cells whose `key` is the markup
 * before a cell's row number (`<c r="C`), whose fixed texts (`lookup`, `literal`) are markup from `sheetCells`, and whose
 * `reasons` cell has the second column's `<c r="J` as `between`.
 */
export function compileSheetRow(cells: readonly LineCell[], columns: readonly string[], strings: SharedStrings): SheetRowWriter {
  const at = columnIndex(columns, 'xlsx rows');
  const row = new RowOut();
  const times = new InstantBytes();
  const parser = new InstantParser();
  let fixedBytes = 32 + OVERRUN; // <row r="…"></row>
  /** Columns whose text a cell may hold (the others are written from fixed markup or as numbers). */
  const texts: number[] = [];
  const writers = cells.map((cell): CellWriter => {
    const key = cell.key ?? '';
    if (cell.kind !== 'lookup' && cell.kind !== 'literal' && !key.startsWith('<c r="')) throw new Error(`xlsx rows: a ${cell.kind} cell needs its reference as key`);
    const fixed = (markup: string) => new Template(markup);
    const grow = (ts: ReadonlyArray<Template | null>) => { fixedBytes += Math.max(0, ...ts.map((t) => t?.bytes ?? 0)); };
    const open = words(key);
    /** `<c r="A7" t="inlineStr"><is><t>`, for a text that follows. */
    const inline = words(T_OPEN);
    const close = words(T_CLOSE);
    const opened = (at: number) => row.words(row.put(row.words(at, open)), inline);
    switch (cell.kind) {
      case 'hexId':
      case 'instant':
      case 'words':
      case 'free':
      case 'maskedMobile': {
        fixedBytes += CELL_MARKUP;
        const i = at(cell.column);
        texts.push(i);
        const text = new TextColumn(key, strings);
        if (cell.kind === 'maskedMobile') {
          return (b, at, r) => { const v = r[i]; return typeof v === 'string' ? text.write(b, at, maskPhone(v), row) : v === null ? at : RAW; };
        }
        if (cell.kind === 'hexId' || cell.kind === 'instant') {
          // ids and device times are never the same twice: inline, copied as they are where they need no escaping
          return (b, at, r) => {
            const v = r[i];
            if (typeof v !== 'string') return v === null ? at : RAW;
            const end = putSafe(b, opened(at), v);
            return end < 0 ? text.write(b, at, v, row) : row.words(end, close);
          };
        }
        // free text that may hold a telephone number goes to the xlsx writer, which masks it
        if (cell.kind === 'free' && cell.maskPhones) {
          return (b, at, r) => { const v = r[i]; return v === null || (typeof v === 'string' && !MAY_HOLD_PHONE.test(v)) ? text.write(b, at, v, row) : RAW; };
        }
        return (b, at, r) => { const v = r[i]; return typeof v === 'string' || v === null ? text.write(b, at, v, row) : RAW; };
      }
      case 'day': {
        // rows come in day order: the last day's cell is kept, and each day is shared
        fixedBytes += CELL_MARKUP;
        const i = at(cell.column);
        texts.push(i);
        let last = '';
        let tail = words('');
        const days = new Set<string>();
        const text = new TextColumn(key, strings);
        return (b, at, r) => {
          const v = r[i];
          if (typeof v !== 'string') return v === null ? at : RAW;
          if (v !== last) {
            if (!DAY.test(v) || days.size >= KEPT_DAYS) return text.write(b, at, v, row);
            days.add(v);
            last = v;
            tail = words(`" t="s"><v>${strings.index(v)}</v></c>`);
          }
          return row.words(row.put(row.words(at, open)), tail);
        };
      }
      case 'bool': {
        const i = at(cell.column);
        const yes = fixed(`${key}${ROW}" t="b"><v>1</v></c>`), no = fixed(`${key}${ROW}" t="b"><v>0</v></c>`);
        grow([yes, no]);
        return (b, at, r) => (r[i] === 1 ? yes : no).write(at, row);
      }
      case 'lookup': {
        const i = at(cell.column);
        const found = new Map<unknown, Template>(cell.cells.map(([v, markup]) => [v, fixed(markup)]));
        const ifNull = cell.ifNull === null ? null : fixed(cell.ifNull);
        const otherwise = cell.otherwise === null ? null : fixed(cell.otherwise);
        grow([...found.values(), ifNull, otherwise]);
        return (b, at, r) => {
          const v = r[i];
          const t = v === null || v === undefined ? ifNull : found.get(v) ?? otherwise;
          return t ? t.write(at, row) : RAW;
        };
      }
      case 'literal': {
        const t = fixed(cell.text);
        grow([t]);
        return (b, at) => t.write(at, row);
      }
      case 'reasons': {
        // codes and their names, two shared texts a list; a list past the kept ones goes to the xlsx writer
        fixedBytes += 2 * CELL_MARKUP;
        const i = at(cell.column);
        const names = new Map(cell.names);
        const written = new Map<string, Template | null>([['[]', fixed('')]]);
        const make = (list: string): Template | null => {
          const codes = reasonCodes(list);
          if (!codes) return null;
          const text = (s: string) => (s === '' ? '' : `" t="s"><v>${strings.index(s)}</v></c>`);
          const codesText = text(codes.join(';'));
          const namesText = text(codes.map((c) => names.get(c) ?? c).join('；'));
          return fixed((codesText && `${key}${ROW}${codesText}`) + (namesText && `${cell.between}${ROW}${namesText}`));
        };
        return (b, at, r) => {
          const v = r[i];
          if (typeof v !== 'string') return RAW;
          let t = written.get(v);
          if (t === undefined) {
            if (written.size >= KEPT_REASONS) return RAW;
            t = make(v);
            written.set(v, t);
          }
          return t ? t.write(at, row) : RAW;
        };
      }
      case 'isoUtc': {
        fixedBytes += CELL_MARKUP;
        const i = at(cell.column);
        return (b, at, r) => {
          const v = r[i];
          return Number.isInteger(v) && (v as number) >= 0 && (v as number) < MAX_PLAIN ? row.words(times.iso(b, opened(at), v as number), close) : RAW;
        };
      }
      case 'wall': {
        fixedBytes += CELL_MARKUP;
        const i = at(cell.column);
        const lo = Math.max(cell.lo, FIRST_DATE_MS - cell.offsetSeconds * 1000);
        const { hi } = cell;
        const offset = cell.offsetSeconds * 1000;
        const date = words(`" s="${DATE_STYLE}"><v>`);
        const end = words('</v></c>');
        const write = (b: Buffer, at: number, ms: number) => row.words(putSerial(b, row.words(row.put(row.words(at, open)), date), ms + offset), end);
        if (cell.from === 'ms') return (b, at, r) => { const v = r[i]; return Number.isInteger(v) && (v as number) >= lo && (v as number) < hi ? write(b, at, v as number) : RAW; };
        return (b, at, r) => {
          const v = r[i];
          if (typeof v !== 'string') return RAW;
          const ms = parser.parse(v);
          return ms >= lo && ms < hi ? write(b, at, ms) : RAW;
        };
      }
    }
  });
  const rowOpen = words('<row r="');
  const rowOpened = words('">');
  const rowClose = words('</row>');
  return {
    need(r) {
      let need = fixedBytes;
      for (let k = 0; k < texts.length; k++) {
        const v = r[texts[k]!];
        if (typeof v === 'string') need += v.length * 6;
      }
      return need;
    },
    write(b, at, r, n) {
      row.start(b, n);
      at = row.words(row.put(row.words(at, rowOpen)), rowOpened);
      for (let k = 0; k < writers.length; k++) {
        at = writers[k]!(b, at, r);
        if (at < 0) return RAW;
      }
      return row.words(at, rowClose);
    },
  };
}
