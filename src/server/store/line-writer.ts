/**
 * CSV and JSON Lines lines of raw export rows, written by a function compiled from the export's cells (`LineCell` in
 * export-rows.ts), for an engine that does not write lines itself (PostgreSQL). The cells carry each lookup already
 * as its finished text (window id and number, score and labels, staff number and name), encoded once; a row costs a
 * few checks and copies into one buffer, instead of a row of values built, written cell by cell into strings and
 * encoded. A row holding a cell this writer cannot write exactly as the export's JavaScript writer would comes back
 * raw, as from SQLite; tests/server/export-lines.test.ts holds both to the same bytes.
 */
import { csvText } from '../export/formats';
import { InstantBytes, InstantParser, InstantText, MAX_PLAIN } from '../export/local-time';
import { putAscii, putBytes, putText } from '../export/utf8';
import { maskPhone } from '../../shared/phone';
import { MAY_HOLD_PHONE } from '../../shared/contact';
import { columnIndex, DAY, HEX_ID, INSTANT, reasonCodes, type LineCell, type LineFormat, type LinePage } from './export-rows';

const WORDS = /^[A-Za-z0-9_:.][-A-Za-z0-9_:. ]*$/;
/** Distinct reason lists kept written (free text in a damaged row must not grow the map without end). */
const KEPT_REASONS = 10_000;


/**
 * Bytes of a page being written, in one scratch buffer kept for the whole export (grown when a row needs more):
 * lines go into it as UTF-8 directly, with no string a line to build, flatten and encode.
 */
class Bytes {
  buf = Buffer.allocUnsafe(1 << 20);
  at = 0;

  /** Makes room for `n` more bytes. */
  room(n: number): void {
    if (this.at + n <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.at + n));
    this.buf.copy(bigger, 0, 0, this.at);
    this.buf = bigger;
  }

  bytes(b: Buffer): void {
    this.room(b.length);
    this.at = putBytes(this.buf, this.at, b);
  }

  byte(c: number): void {
    this.room(1);
    this.buf[this.at++] = c;
  }

  /** Text that is ASCII (checked by the caller's pattern, or digits and markup). */
  ascii(s: string): void {
    this.room(s.length);
    this.at = putAscii(this.buf, this.at, s);
  }

  /** Any text as UTF-8. */
  text(s: string): void {
    this.room(s.length * 3); // a UTF-16 unit is at most 3 bytes of UTF-8
    this.at = putText(this.buf, this.at, s);
  }
}

/** Writes one cell of a raw row, with what comes before it (a comma, a JSON key); false where the row must go to the JavaScript writer. */
type CellWriter = (row: readonly unknown[], out: Bytes) => boolean;

const QUOTE = 0x22;
/** Cells whose text is one of a fixed few, encoded in advance. */
const FIXED = new Set<LineCell['kind']>(['bool', 'lookup', 'literal', 'reasons']);

/**
 * The writer of one line of a raw row (columns named by `columns`) into `out`, its line end included; false: write it
 * raw. What comes before each cell (a comma; in JSON Lines the key, and the opening quote of a quoted value) is
 * encoded once, together with the cell's text where that is fixed (lookups, literals, reason lists).
 */
function compileLineWriter(cells: readonly LineCell[], format: LineFormat, columns: readonly string[]): (row: readonly unknown[], out: Bytes) => boolean {
  const json = format === 'jsonl';
  const at = columnIndex(columns, 'export lines');
  const times = new InstantText();
  const stamps = new InstantBytes();
  const parser = new InstantParser();
  const befores = cells.map((cell, n) => {
    if (json && cell.key === undefined) throw new Error('export lines: a JSON Lines cell needs its key');
    return json ? cell.key! : n === 0 ? '' : ',';
  });
  // A cell whose text is one of a fixed few also writes what comes before the next cell (a JSON key): one copy fewer.
  const carries = cells.map((cell, n) => n + 1 < cells.length && FIXED.has(cell.kind));
  const writers = cells.map((cell, n): CellWriter => {
    const before = n > 0 && carries[n - 1] ? '' : befores[n]!;
    const after = carries[n] ? befores[n + 1]! : '';
    const fixed = (text: string) => Buffer.from(before + text + after);
    const NULL = Buffer.from(before + (json ? 'null' : ''));
    /** A cell whose text is ASCII, as it is (JSON: in quotes). */
    const open = Buffer.from(json ? `${before}"` : before);
    const plain = (v: string, out: Bytes) => {
      out.bytes(open);
      out.ascii(v);
      if (json) out.byte(QUOTE);
      return true;
    };
    /** An instant (`InstantBytes#iso`) or a wall-clock time (`#wall`), written as digits (JSON: in quotes). */
    const stamp = (ms: number, wall: boolean, out: Bytes) => {
      out.bytes(open);
      out.room(25);
      out.at = wall ? stamps.wall(out.buf, out.at, ms) : stamps.iso(out.buf, out.at, ms);
      if (json) out.byte(QUOTE);
      return true;
    };
    switch (cell.kind) {
      case 'hexId':
      case 'day':
      case 'instant': {
        const i = at(cell.column);
        const shape = cell.kind === 'hexId' ? HEX_ID : cell.kind === 'day' ? DAY : INSTANT;
        if (cell.kind !== 'day') return (r, out) => { const v = r[i]; return typeof v === 'string' && shape.test(v) && plain(v, out); };
        // rows come in day order: a day already checked is not checked again
        let last = '';
        return (r, out) => {
          const v = r[i];
          if (typeof v !== 'string') return false;
          if (v !== last) {
            if (!DAY.test(v)) return false;
            last = v;
          }
          return plain(v, out);
        };
      }
      case 'words': {
        const i = at(cell.column);
        return (r, out) => {
          const v = r[i];
          if (v === null) { out.bytes(NULL); return true; }
          return typeof v === 'string' && (v === '' || WORDS.test(v)) && plain(v, out);
        };
      }
      case 'free': {
        const i = at(cell.column);
        const start = Buffer.from(before);
        const mask = cell.maskPhones === true;
        // exactly the writers' own text cell: csvText, JSON.stringify; text that may hold a telephone number goes to the
        // JavaScript writer, which masks it
        return (r, out) => {
          const v = r[i];
          if (v === null) { out.bytes(NULL); return true; }
          if (typeof v !== 'string' || (mask && MAY_HOLD_PHONE.test(v))) return false;
          out.bytes(start);
          out.text(json ? JSON.stringify(v) : csvText(v));
          return true;
        };
      }
      case 'bool': {
        const i = at(cell.column);
        const yes = fixed('true'), no = fixed('false');
        return (r, out) => { out.bytes(r[i] === 1 ? yes : no); return true; };
      }
      case 'lookup': {
        const i = at(cell.column);
        const found = new Map<unknown, Buffer>(cell.cells.map(([v, text]) => [v, fixed(text)]));
        const ifNull = cell.ifNull === null ? null : fixed(cell.ifNull);
        const otherwise = cell.otherwise === null ? null : fixed(cell.otherwise);
        return (r, out) => {
          const v = r[i];
          const b = v === null || v === undefined ? ifNull : found.get(v) ?? otherwise;
          if (!b) return false;
          out.bytes(b);
          return true;
        };
      }
      case 'literal': {
        const b = fixed(cell.text);
        return (_, out) => { out.bytes(b); return true; };
      }
      case 'maskedMobile': {
        // what the table's row holds (maskPhone, the rule every screen uses), written as a text cell
        const i = at(cell.column);
        const start = Buffer.from(before);
        return (r, out) => {
          const v = r[i];
          if (typeof v !== 'string' && v !== null) return false;
          const shown = v === null ? '' : maskPhone(v);
          if (shown === '') { out.bytes(NULL); return true; }
          out.bytes(start);
          out.text(json ? JSON.stringify(shown) : csvText(shown));
          return true;
        };
      }
      case 'reasons': {
        const i = at(cell.column);
        const names = new Map(cell.names);
        const q = json ? '"' : '';
        const written = new Map<string, Buffer | null>([['[]', fixed(`${q}${q}${cell.between}${q}${q}`)]]);
        const write = (list: string): Buffer | null => {
          const codes = reasonCodes(list);
          if (!codes) return null;
          return fixed(`${q}${codes.join(';')}${q}${cell.between}${q}${codes.map((c) => names.get(c) ?? c).join('；')}${q}`);
        };
        return (r, out) => {
          const v = r[i];
          if (typeof v !== 'string') return false;
          let b = written.get(v);
          if (b === undefined) {
            b = write(v);
            if (written.size < KEPT_REASONS) written.set(v, b);
          }
          if (!b) return false;
          out.bytes(b);
          return true;
        };
      }
      case 'isoUtc': {
        const i = at(cell.column);
        return (r, out) => { const v = r[i]; return Number.isInteger(v) && (v as number) >= 0 && (v as number) < MAX_PLAIN && stamp(v as number, false, out); };
      }
      case 'wall': {
        const i = at(cell.column);
        const { lo, hi } = cell;
        const offset = cell.offsetSeconds * 1000;
        // digits where the wall-clock time is one InstantBytes writes (any other: the text InstantText gives)
        const wall = (ms: number, out: Bytes) => (ms >= 0 && ms < MAX_PLAIN && Number.isInteger(ms) ? stamp(ms, true, out) : plain(times.wall(ms), out));
        if (cell.from === 'ms') return (r, out) => { const v = r[i]; return Number.isInteger(v) && (v as number) >= lo && (v as number) < hi && wall((v as number) + offset, out); };
        return (r, out) => {
          const v = r[i];
          if (typeof v !== 'string') return false;
          const ms = parser.parse(v);
          return ms >= lo && ms < hi && wall(ms + offset, out);
        };
      }
    }
  });
  const end = Buffer.from(json ? '}\n' : '\r\n');
  return (row, out) => {
    const start = out.at;
    for (let i = 0; i < writers.length; i++) {
      if (!writers[i]!(row, out)) {
        out.at = start;
        return false;
      }
    }
    out.bytes(end);
    return true;
  };
}

/**
 * Pages of raw rows as pages of lines, `chunkRows` rows at a time (each its own turn of the consumer): a chunk's bytes
 * where every row was written, else each row's line or the raw row (for the JavaScript writer). The pages are read as
 * the consumer asks for them, as the raw pages are.
 */
export async function* linesOfRows(pages: AsyncIterable<unknown[][]>, cells: readonly LineCell[], format: LineFormat, columns: readonly string[],
  chunkRows = Infinity): AsyncGenerator<LinePage> {
  const write = compileLineWriter(cells, format, columns);
  const out = new Bytes();
  for await (const page of pages) {
    for (let from = 0; from < page.length; from += chunkRows) {
      const to = Math.min(page.length, from + chunkRows);
      out.at = 0;
      let k = from;
      while (k < to && write(page[k]!, out)) k++;
      if (k === to) {
        yield Buffer.from(out.buf.subarray(0, out.at)); // a copy: the scratch buffer is written again
        continue;
      }
      // A row that must go raw: this chunk item by item.
      const items: Array<string | unknown[]> = [];
      for (let i = from; i < to; i++) {
        out.at = 0;
        items.push(write(page[i]!, out) ? out.buf.toString('utf8', 0, out.at) : page[i]!);
      }
      yield items;
    }
  }
}
