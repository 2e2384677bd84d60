/**
 * A streaming xlsx writer of our own: rows become SpreadsheetML strings and go straight into a zip entry
 * deflated on zlib's thread pool, so a row costs a few µs of the event loop and memory holds about one page
 * plus the zlib window, whatever the number of rows. The zip is written front to back (local headers with data
 * descriptors, central directory at the end); no zip64, so every size and offset is kept below 4 GiB.
 */
import { constants, crc32, createGzip, deflateRawSync, type Gzip } from 'node:zlib';
import type { Column, Value } from './table';
import { putAscii, putText } from './utf8';

/** Excel's last row is 1,048,576: one header row and this many data rows fit on a sheet. */
export const EXCEL_DATA_ROWS = 1_048_575;
/** The zip's 32-bit size fields (no zip64): an entry, an offset or the whole archive stays at or below this. */
export const ZIP32_MAX = 0xffff_ffff;

export interface XlsxOptions {
  /** The first sheet's name; rows past a sheet's limit go on in "<name> 2", "<name> 3"… */
  sheetName: string;
  /** Data rows per sheet (default: Excel's limit); smaller in tests. */
  rowsPerSheet?: number;
  /** Uncompressed bytes of one sheet part before its rows go on in the next sheet (default: the zip's 4 GiB). */
  bytesPerSheet?: number;
  /** Bytes of the whole archive (default: the zip's 4 GiB); past it the export fails with a clear error. */
  bytesPerArchive?: number;
  /** zlib level of the sheets (measured: 1 deflates ~4× faster than 6 for ~25% more bytes). */
  level?: number;
  /** Rows between two turns of the event loop. */
  turnRows?: number;
  /** The files' modification time in the zip. */
  now?: Date;
}

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Style ids in styles.xml's cellXfs: 0 plain, 1 date and time, 2 bold (the header row). */
export const DATE_STYLE = 1;
const BOLD_STYLE = 2;
const STYLES = `${XML_DECL}<styleSheet xmlns="${MAIN_NS}">`
  + '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd hh:mm:ss"/></numFmts>'
  + '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
  + '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
  + '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
  + '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
  + '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
  + '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
  + '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
  + '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';
const ROOT_RELS = `${XML_DECL}<Relationships xmlns="${PKG_REL_NS}">`
  + `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;

// ---------------------------------------------------------------- text

/** What XML 1.0 forbids (C0 controls but tab, LF, CR; U+FFFE/FFFF; unpaired surrogates) and what it must escape. */
const NEEDS_WORK = /[&<>\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/;
const FIX = /[&<>]|[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const fix = (c: string) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '');

/** Text as XML character data: escaped, characters XML cannot carry dropped (a file with them would not open). */
export function xmlText(s: string): string {
  return NEEDS_WORK.test(s) ? s.replace(FIX, fix) : s;
}

const attr = (s: string) => xmlText(s).replace(/"/g, '&quot;');

/** `_xHHHH_` in a cell's text is a character escape to a spreadsheet: its underscore is escaped so the text stays as typed. */
const ESCAPE_LIKE = /_(?=x[0-9A-Fa-f]{4}_)/g;

/** A cell's text as XML character data that a spreadsheet reads back as the same text. */
export function cellText(s: string): string {
  const t = xmlText(s);
  return t.includes('_x') ? t.replace(ESCAPE_LIKE, '_x005F_') : t;
}

/** An inline string's `<t>`, keeping leading and trailing spaces (XML readers may drop them otherwise). */
function textElement(s: string): string {
  const t = cellText(s);
  return t.charCodeAt(0) <= 32 || t.charCodeAt(t.length - 1) <= 32 ? `<t xml:space="preserve">${t}</t>` : `<t>${t}</t>`;
}

/**
 * The workbook's shared strings (xl/sharedStrings.xml): a text that repeats (a window's name, a label, a channel) is
 * written there once and a cell refers to it by its index, `<c r="G2" t="s"><v>3</v></c>`, some 20 bytes fewer a
 * cell than the text inline, for the thread pool to deflate. Texts of their own (ids, times, most comments) stay inline,
 * so the table holds what repeats only and memory does not grow with the rows.
 */
export class SharedStrings {
  private readonly texts = new Map<string, number>();

  /** The text's index, added at the end if it is new. */
  index(s: string): number {
    let i = this.texts.get(s);
    if (i === undefined) {
      i = this.texts.size;
      this.texts.set(s, i);
    }
    return i;
  }

  get size(): number {
    return this.texts.size;
  }

  xml(): string {
    let items = '';
    for (const s of this.texts.keys()) items += `<si>${textElement(s)}</si>`;
    return `${XML_DECL}<sst xmlns="${MAIN_NS}" uniqueCount="${this.texts.size}">${items}</sst>`;
  }
}

/**
 * Whole rows written straight into the sheet's buffer (sheet-writer.ts, from raw rows): the bytes a row may take at
 * most, and the row written at `at` as row `n` (the position after it, or -1: the row is to be written from its values).
 */
export interface SheetRowWriter<R = readonly unknown[]> {
  need(r: R): number;
  write(b: Buffer, at: number, r: R, n: number): number;
}

// ---------------------------------------------------------------- cells

/** Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetters(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const DAY_MS = 86_400_000;

/** Decimal digits of a non-negative integer below 2^53. */
function digitCount(n: number): number {
  let len = 1;
  for (let p = 10; p <= n; p *= 10) len++;
  return len;
}

/** Writes a non-negative integer below 2^53 in decimal; returns the position after it. */
export function putDigits(b: Buffer, at: number, n: number): number {
  const end = at + digitCount(n);
  for (let i = end - 1; i >= at; i--) {
    const q = Math.floor(n / 10);
    b[i] = 48 + n - q * 10;
    n = q;
  }
  return end;
}

/** ASCII digits of 00 to 99, two bytes each. */
const PAIRS = Uint8Array.from({ length: 200 }, (_, i) => 48 + (i % 2 === 0 ? Math.floor(i / 20) : (i >> 1) % 10));

/** Writes 0 ≤ n < 100,000 as five digits, zeros in front. */
function putFive(b: Uint8Array, at: number, n: number): void {
  const hi = (n / 1000) | 0;
  const rest = n - hi * 1000;
  const mid = (rest / 10) | 0;
  b[at] = PAIRS[2 * hi]!;
  b[at + 1] = PAIRS[2 * hi + 1]!;
  b[at + 2] = PAIRS[2 * mid]!;
  b[at + 3] = PAIRS[2 * mid + 1]!;
  b[at + 4] = 48 + rest - mid * 10;
}

/** The last day `putSerial` wrote and its serial's digits: rows come in day order. */
let serialDay = NaN;
const serialDayDigits = Buffer.alloc(16);
let serialDayLength = 0;

/**
 * Days since Excel's epoch (1899-12-30) of a wall-clock time kept as whole ms in UTC fields (from 1900 on), written
 * as text: the whole days, then ten decimals at most (a unit is 8.64 µs, so the ms reads back exact), trailing zeros
 * dropped. Integer digits only: printing the double itself (shortest round trip) took longer than the rest of a date cell.
 */
export function putSerial(b: Buffer, at: number, ms: number): number {
  const days = Math.floor(ms / DAY_MS);
  if (days !== serialDay) {
    serialDay = days;
    serialDayLength = putDigits(serialDayDigits, 0, days + 25_569);
  }
  for (let i = 0; i < serialDayLength; i++) b[at + i] = serialDayDigits[i]!;
  at += serialDayLength;
  const frac = Math.round((ms - days * DAY_MS) / 0.00864); // below 10^10: a day is 10^10 units
  if (frac === 0) return at;
  const hi = Math.floor(frac / 100_000);
  b[at] = 0x2e; // .
  putFive(b, at + 1, hi);
  putFive(b, at + 6, frac - hi * 100_000);
  let end = at + 11;
  while (b[end - 1] === 0x30) end--; // not past the point: the fraction is not 0
  return end;
}

const serialScratch = Buffer.alloc(32);
/** `putSerial` as a string. */
export function serialText(ms: number): string {
  return serialScratch.toString('latin1', 0, putSerial(serialScratch, 0, ms));
}

type CellWriter = (v: Value | undefined, row: string) => string;

/** Wall-clock ms of 1900-01-01, Excel's first date: anything earlier is written as the number it is. */
export const FIRST_DATE_MS = -2_208_988_800_000;

/**
 * Per column, the cell writer: by the value's own type (as a spreadsheet program would keep it: strings as inline
 * text, never numbers), `datetime` columns as date cells; empty values write nothing. A column's values repeat
 * (hall, window, labels, names), so the escaped text of the last string is kept and reused.
 */
function cellWriter(c: Column, letters: string): CellWriter {
  const open = `<c r="${letters}`;
  let lastIn: string | null = null;
  let lastOut = '';
  const any: CellWriter = (v, row) => {
    if (typeof v === 'string') {
      if (v === '') return '';
      if (v !== lastIn) {
        lastIn = v;
        lastOut = `" t="inlineStr"><is>${textElement(v)}</is></c>`;
      }
      return open + row + lastOut;
    }
    if (typeof v === 'number') return Number.isFinite(v) ? `${open}${row}"><v>${v}</v></c>` : '';
    if (typeof v === 'boolean') return `${open}${row}" t="b"><v>${v ? 1 : 0}</v></c>`;
    return '';
  };
  if (c.type !== 'datetime') return any;
  return (v, row) => (typeof v === 'number' && v >= FIRST_DATE_MS && Number.isFinite(v)
    ? `${open}${row}" s="${DATE_STYLE}"><v>${serialText(v)}</v></c>`
    : any(v, row));
}

type CellEncoder = (b: Buffer, at: number, v: Value | undefined, row: string) => number;

/** Bytes a row may take at most: per row and per cell the markup, per UTF-16 unit of text 6 (`&` → `&amp;`). */
const ROW_MARKUP = 32;
const CELL_MARKUP = 96;
export const T_OPEN = '" t="inlineStr"><is><t>';
export const T_CLOSE = '</t></is></c>';
const T_OPEN_KEEP = '" t="inlineStr"><is><t xml:space="preserve">';

/** Texts per column kept shared, and the longest kept: a column's labels, windows, names, days, channels. */
const KEPT_TEXTS = 64;
const KEPT_LENGTH = 64;

/**
 * Text cells of one column, after their reference: a repeated text is a shared string whose cell's rest is kept
 * encoded and copied (up to 64 texts a column: no escaping and no encoding per cell), others are inline. A column
 * whose texts do not repeat (ids, comments) stops keeping them once four times as many texts as it can keep have missed.
 */
export class TextCells {
  private kept: Map<string, Buffer> | null = new Map();
  private missed = 0;

  constructor(private readonly strings: SharedStrings) {}

  /** The rest of a cell of text `v` (not empty), written after `<c r="A7`. */
  rest(b: Buffer, at: number, v: string): number {
    const kept = this.kept;
    if (kept) {
      const tail = kept.get(v);
      if (tail) {
        b.set(tail, at);
        return at + tail.length;
      }
      if (kept.size < KEPT_TEXTS && v.length <= KEPT_LENGTH) {
        const made = Buffer.from(`" t="s"><v>${this.strings.index(v)}</v></c>`);
        kept.set(v, made);
        b.set(made, at);
        return at + made.length;
      }
      if (++this.missed > 4 * KEPT_TEXTS) this.kept = null;
    }
    const t = cellText(v);
    at = putAscii(b, at, t.charCodeAt(0) <= 32 || t.charCodeAt(t.length - 1) <= 32 ? T_OPEN_KEEP : T_OPEN);
    return putAscii(b, putText(b, at, t), T_CLOSE);
  }
}

/**
 * The same cells as `cellWriter`, encoded straight into the sheet's buffer: no row strings to build, flatten
 * and copy; a column's repeated texts are shared strings (`TextCells`).
 */
function cellEncoder(c: Column, letters: string, strings: SharedStrings): CellEncoder {
  const head = `<c r="${letters}`;
  const texts = new TextCells(strings);
  const any: CellEncoder = (b, at, v, row) => {
    if (typeof v === 'string') {
      if (v === '') return at;
      return texts.rest(b, putAscii(b, putAscii(b, at, head), row), v);
    }
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return at;
      at = putAscii(b, putAscii(b, putAscii(b, at, head), row), '"><v>');
      return putAscii(b, putAscii(b, at, String(v)), '</v></c>');
    }
    if (typeof v === 'boolean') return putAscii(b, putAscii(b, putAscii(b, at, head), row), v ? '" t="b"><v>1</v></c>' : '" t="b"><v>0</v></c>');
    return at;
  };
  if (c.type !== 'datetime') return any;
  const dateOpen = `" s="${DATE_STYLE}"><v>`;
  return (b, at, v, row) => (typeof v === 'number' && v >= FIRST_DATE_MS && Number.isFinite(v)
    ? putAscii(b, putSerial(b, putAscii(b, putAscii(b, putAscii(b, at, head), row), dateOpen), v), '</v></c>')
    : any(b, at, v, row));
}

// ---------------------------------------------------------------- sheet parts

function sheetHead(columns: readonly Column[], first: boolean): string {
  const cols = columns.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"/>`).join('');
  const header = columns.map((c, i) => `<c r="${columnLetters(i)}1" s="${BOLD_STYLE}" t="inlineStr"><is>${textElement(c.zh)}</is></c>`).join('');
  return `${XML_DECL}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">`
    + '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>'
    // The header row stays in view while scrolling.
    + `<sheetViews><sheetView workbookViewId="0"${first ? ' tabSelected="1"' : ''}><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>`
    + '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
    + '<sheetFormatPr defaultRowHeight="15"/>'
    + `<cols>${cols}</cols><sheetData><row r="1">${header}</row>`;
}

/** Printed or saved as PDF: landscape A4, all columns on the page width (the header row repeats: workbook.xml). */
const SHEET_TAIL = '</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
  + '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/></worksheet>';

function workbookParts(names: readonly string[], shared: boolean) {
  const sheets = names.map((n, i) => `<sheet name="${attr(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('');
  const titles = names.map((n, i) => `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${xmlText(`'${n.replace(/'/g, "''")}'!$1:$1`)}</definedName>`).join('');
  const workbook = `${XML_DECL}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><bookViews><workbookView activeTab="0"/></bookViews>`
    + `<sheets>${sheets}</sheets><definedNames>${titles}</definedNames></workbook>`;
  const rels = `${XML_DECL}<Relationships xmlns="${PKG_REL_NS}">`
    + names.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')
    + `<Relationship Id="rId${names.length + 1}" Type="${REL_NS}/styles" Target="styles.xml"/>`
    + (shared ? `<Relationship Id="rId${names.length + 2}" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/>` : '')
    + '</Relationships>';
  const ct = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
  const types = `${XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`
    + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    + `<Override PartName="/xl/workbook.xml" ContentType="${ct}.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="${ct}.styles+xml"/>`
    + names.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${ct}.worksheet+xml"/>`).join('')
    + (shared ? `<Override PartName="/xl/sharedStrings.xml" ContentType="${ct}.sharedStrings+xml"/>` : '')
    + '</Types>';
  return { workbook, rels, types };
}

/** Sheet names: at most 31 characters, none of `[]:*?/\`; the n-th sheet (n > 1) gets " n" after the name. */
function sheetNameOf(base: string, n: number): string {
  const clean = base.replace(/[[\]:*?/\\]/g, ' ').trim() || 'Sheet';
  const suffix = n > 1 ? ` ${n}` : '';
  return clean.slice(0, 31 - suffix.length) + suffix;
}

// ---------------------------------------------------------------- zip

interface Entry { name: Buffer; flags: number; method: number; crc: number; compressed: number; size: number; offset: number }

/** A zip written front to back: entries in order, the central directory from what was recorded of them. */
class ZipWriter {
  private offset = 0;
  private readonly entries: Entry[] = [];
  private readonly time: number;
  private readonly date: number;

  constructor(now: Date, private readonly max: number) {
    this.time = (now.getHours() << 11) | (now.getMinutes() << 5) | (now.getSeconds() >> 1);
    this.date = ((Math.max(now.getFullYear(), 1980) - 1980) << 9) | ((now.getMonth() + 1) << 5) | now.getDate();
  }

  /** Counts bytes written; past the 32-bit offsets of a zip without zip64 the archive could not be read. */
  private advance(n: number): void {
    this.offset += n;
    if (this.offset > this.max) throw new Error(`xlsx export: the workbook would pass ${this.max} bytes, more than a zip without zip64 can hold; export a shorter date range`);
  }

  private localHeader(e: Entry): Buffer {
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(e.flags, 6);
    h.writeUInt16LE(e.method, 8);
    h.writeUInt16LE(this.time, 10);
    h.writeUInt16LE(this.date, 12);
    h.writeUInt32LE(e.crc, 14);
    h.writeUInt32LE(e.compressed, 18);
    h.writeUInt32LE(e.size, 22);
    h.writeUInt16LE(e.name.length, 26);
    return Buffer.concat([h, e.name]);
  }

  /** A small part stored as is (or deflated at once): sizes and CRC known up front. */
  stored(name: string, text: string, deflate = false): Buffer {
    const data = Buffer.from(text);
    const body = deflate ? deflateRawSync(data) : data;
    const e: Entry = { name: Buffer.from(name), flags: 0, method: deflate ? 8 : 0, crc: crc32(data), compressed: body.length, size: data.length, offset: this.offset };
    this.entries.push(e);
    const out = Buffer.concat([this.localHeader(e), body]);
    this.advance(out.length);
    return out;
  }

  /** Opens a deflated entry whose CRC and sizes follow its data (general-purpose bit 3). */
  open(name: string): { entry: Entry; header: Buffer } {
    const entry: Entry = { name: Buffer.from(name), flags: 0x0008, method: 8, crc: 0, compressed: 0, size: 0, offset: this.offset };
    this.entries.push(entry);
    const header = this.localHeader(entry);
    this.advance(header.length);
    return { entry, header };
  }

  /** Deflated bytes of the open entry, as they leave zlib. */
  wrote(entry: Entry, n: number): void {
    entry.compressed += n;
    this.advance(n);
  }

  /** The data descriptor that closes a streamed entry. */
  close(entry: Entry): Buffer {
    const d = Buffer.alloc(16);
    d.writeUInt32LE(0x08074b50, 0);
    d.writeUInt32LE(entry.crc >>> 0, 4);
    d.writeUInt32LE(entry.compressed, 8);
    d.writeUInt32LE(entry.size, 12);
    this.advance(d.length);
    return d;
  }

  /** Central directory and its end record. */
  finish(): Buffer {
    const start = this.offset;
    const parts = this.entries.map((e) => {
      const h = Buffer.alloc(46);
      h.writeUInt32LE(0x02014b50, 0);
      h.writeUInt16LE(20, 4);
      h.writeUInt16LE(20, 6);
      h.writeUInt16LE(e.flags, 8);
      h.writeUInt16LE(e.method, 10);
      h.writeUInt16LE(this.time, 12);
      h.writeUInt16LE(this.date, 14);
      h.writeUInt32LE(e.crc >>> 0, 16);
      h.writeUInt32LE(e.compressed, 20);
      h.writeUInt32LE(e.size, 24);
      h.writeUInt16LE(e.name.length, 28);
      h.writeUInt32LE(e.offset, 42);
      return Buffer.concat([h, e.name]);
    });
    const dir = Buffer.concat(parts);
    this.advance(dir.length + 22);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(dir.length, 12);
    end.writeUInt32LE(start, 16);
    return Buffer.concat([dir, end]);
  }
}

// ---------------------------------------------------------------- the sheet being written

/** Bytes of XML gathered before they go to zlib: a turn of rows or two, in buffers reused for the whole export. */
const FILL_BYTES = 512 * 1024;

/** Buffers of FILL_BYTES that rows are written into: one filling, the others with zlib. */
const FILL_BUFFERS = 3;
/** XML handed to zlib with no bytes back before the end of a page forces some out. */
const QUIET_BYTES = 2 * 1024 * 1024;

/** Bytes of a gzip stream before its deflated data (no name, no extra fields), and after it (CRC-32, size). */
const GZIP_HEAD = 10;
const GZIP_TAIL = 8;

/**
 * One sheet part: XML encoded straight into reused buffers (no large strings or buffers left for the garbage
 * collector), each full buffer deflated on the thread pool while the next fills; bytes out as zlib gives them.
 * zlib writes it as gzip, whose CRC-32 is the zip entry's: the thread pool computes it beside the deflating, not the
 * event loop. The gzip header and trailer are cut off; the deflated data between them is the zip entry's.
 */
class SheetPart {
  /** Uncompressed bytes handed to zlib so far; with `used`, the part's size in the zip. */
  private sent = 0;
  /** `sent` when zlib last gave bytes. */
  private given = 0;
  rows = 0;
  private readonly deflate: Gzip;
  /** Header bytes still to cut off; once the part is ending, what zlib gives (the last deflated bytes and the trailer). */
  private head = GZIP_HEAD;
  private ending: Buffer[] | null = null;
  private readonly entry: Entry;
  /** Writes handed to zlib and not yet done; each gives its buffer back to `spare` when done. */
  private pending = 0;
  /** Resolves the wait for the next write to be done (or zlib to fail). */
  private wake: (() => void) | null = null;
  private failed: Error | null = null;
  /** The buffer being filled and how much of it is used: rows are encoded straight into it. */
  fill: Buffer;
  used = 0;
  /** Buffers free to fill next. */
  private readonly spare: Buffer[];

  constructor(private readonly zip: ZipWriter, index: number, private readonly out: Buffer[], level: number, buffers: readonly Buffer[]) {
    const { entry, header } = zip.open(`xl/worksheets/sheet${index}.xml`);
    this.entry = entry;
    out.push(header);
    this.spare = [...buffers];
    this.fill = this.spare.pop()!;
    // A filled buffer deflates to some 80 kB: with room for all of it zlib gives it in one callback. With 64 kB chunks
    // it came back to the event loop for each chunk and waited there while rows were being written (the writer then
    // waited on zlib for 14% of an export instead of 7%).
    this.deflate = createGzip({ level, chunkSize: 256 * 1024 });
    this.deflate.on('data', (c: Buffer) => this.took(c));
    this.deflate.on('error', (e: Error) => {
      this.failed = e;
      this.woken();
    });
  }

  /** Bytes from zlib: the header cut off; the trailer comes only once the part is ending, so those are held. */
  private took(c: Buffer): void {
    if (this.head > 0) {
      const cut = Math.min(this.head, c.length);
      this.head -= cut;
      c = c.subarray(cut);
    }
    if (this.ending) this.ending.push(c);
    else this.emit(c);
  }

  private emit(b: Buffer): void {
    if (b.length === 0) return;
    this.given = this.sent;
    try { this.zip.wrote(this.entry, b.length); } catch (e) { this.failed = e as Error; }
    this.out.push(b);
  }

  /** Uncompressed bytes of the part so far. */
  get bytes(): number {
    return this.sent + this.used;
  }

  /** Room left in the buffer being filled. */
  get free(): number {
    return this.fill.length - this.used;
  }

  /** Adds XML to the buffer being filled; false when it might not fit (send first, or write it on its own). */
  add(xml: string): boolean {
    // A UTF-16 unit is at most 3 bytes of UTF-8: a bound that needs no measuring.
    if (this.used + xml.length * 3 > this.fill.length) return false;
    this.used += this.fill.write(xml, this.used);
    return true;
  }

  /** Hands the filled buffer to zlib and goes on in a spare one, waiting for one only when every spare is with zlib. */
  async send(): Promise<void> {
    if (this.failed) throw this.failed;
    if (this.used === 0) return;
    const data = this.fill.subarray(0, this.used);
    this.sent += this.used;
    this.used = 0;
    this.toZlib(data, this.fill);
    while (this.spare.length === 0) {
      await this.next();
      if (this.failed) throw this.failed;
    }
    this.fill = this.spare.pop()!;
  }

  /** XML too long for the buffer, sent on its own (after what the buffer holds). */
  async write(xml: string): Promise<void> {
    await this.send();
    const data = Buffer.from(xml);
    this.sent += data.length;
    this.toZlib(data, null);
  }

  /** `data` to zlib; `buffer`, which holds it, is spare again once zlib is done with it. */
  private toZlib(data: Buffer, buffer: Buffer | null): void {
    this.entry.size = this.sent;
    this.pending++;
    this.deflate.write(data, () => {
      this.pending--;
      if (buffer) this.spare.push(buffer);
      this.woken();
    });
  }

  /** Until the next write is done, or zlib fails. */
  private next(): Promise<void> {
    return new Promise<void>((ok) => { this.wake = ok; });
  }

  private woken(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  /**
   * No write with zlib, so one handed to it now starts at once. zlib's stream takes one write at a time and starts the
   * next only once the event loop has heard the one before is done: writes handed to it at every turn queued up
   * behind each other, one done a turn, and the writer waited for them (0.7–1.1 µs a row in process).
   */
  get idle(): boolean {
    return this.pending === 0;
  }

  /** Every write handed to zlib done. */
  private async settled(): Promise<void> {
    while (this.pending > 0 && !this.failed) await this.next();
    if (this.failed) throw this.failed;
  }

  /**
   * Makes sure the reader hears from this part at least every QUIET_BYTES of XML: when zlib has given nothing for
   * that long (rows so alike that they deflate to little), whatever it holds is flushed out (a sync flush keeps the
   * window, so compression barely suffers). Flushing after every page made the writer wait for zlib at each one.
   */
  async drain(): Promise<void> {
    if (this.out.length > 0 || this.sent - this.given < QUIET_BYTES) return;
    await this.settled();
    if (this.out.length > 0) return;
    await new Promise<void>((ok) => { this.deflate.flush(constants.Z_SYNC_FLUSH, () => ok()); });
    if (this.failed) throw this.failed;
  }

  /** Ends the part: the rest of zlib's output and the data descriptor go to `out`. */
  async end(): Promise<void> {
    await this.send();
    await this.settled();
    const ended = new Promise<void>((ok, fail) => { this.deflate.once('end', ok); this.deflate.once('error', fail); });
    this.ending = []; // every write is done: what zlib gives now is the last of the data, then the trailer
    this.deflate.end();
    await ended;
    if (this.failed) throw this.failed;
    const last = Buffer.concat(this.ending);
    if (this.head > 0 || last.length < GZIP_TAIL) throw new Error('xlsx export: zlib ended without a gzip trailer');
    this.emit(last.subarray(0, last.length - GZIP_TAIL));
    this.entry.crc = last.readUInt32LE(last.length - GZIP_TAIL);
    this.out.push(this.zip.close(this.entry));
  }

  /** Frees zlib's memory at once (the reader went away). */
  destroy(): void {
    this.deflate.destroy();
  }
}

// ---------------------------------------------------------------- the workbook

const turn = () => new Promise<void>((ok) => setImmediate(ok));

/**
 * The workbook's bytes, chunk by chunk, from pages of rows: Chinese headers in bold on a frozen first row, set
 * column widths, landscape print fit to the page width with the header row on every page; strings as text cells,
 * inline or shared (never numbers: "01", 18-digit case numbers), numbers, booleans, `datetime` columns as date cells.
 * A page is read only after the reader took the bytes of the one before; past a sheet's row or byte limit the rows
 * go on in a further sheet. Returning the generator early (the reader went away) stops the reads and frees zlib.
 */
export function xlsxStream(columns: readonly Column[], pages: AsyncIterable<Value[][]>, opts: XlsxOptions): AsyncGenerator<Uint8Array> {
  return xlsxRows(columns, { pages, values: (r) => r }, opts);
}

/** Rows of some source shape: pages of them, each row's values, and where it can, a writer of whole rows. */
export interface XlsxRows<R> {
  pages: AsyncIterable<R[]>;
  values: (r: R) => Value[];
  /** Compiled once the workbook's shared strings exist; null (or none): every row is written from its values. */
  writer?: ((strings: SharedStrings) => SheetRowWriter<R> | null) | undefined;
}

/** `xlsxStream` of rows of any shape: rows the writer can write go straight into the sheet, the others from their values. */
export async function* xlsxRows<R>(columns: readonly Column[], rows: XlsxRows<R>, opts: XlsxOptions): AsyncGenerator<Uint8Array> {
  const rowsPerSheet = opts.rowsPerSheet ?? EXCEL_DATA_ROWS;
  const bytesPerSheet = Math.min(opts.bytesPerSheet ?? ZIP32_MAX, ZIP32_MAX);
  const level = opts.level ?? 1;
  const turnRows = opts.turnRows ?? 250;
  const zip = new ZipWriter(opts.now ?? new Date(), Math.min(opts.bytesPerArchive ?? ZIP32_MAX, ZIP32_MAX));
  const strings = new SharedStrings();
  const writers = columns.map((c, i) => cellWriter(c, columnLetters(i)));
  const encoders = columns.map((c, i) => cellEncoder(c, columnLetters(i), strings));
  const fast = rows.writer?.(strings) ?? null;
  const rowMarkup = ROW_MARKUP + columns.length * CELL_MARKUP;
  const encodeRow = (b: Buffer, at: number, r: Value[], n: number) => {
    const row = String(n);
    at = putAscii(b, putAscii(b, putAscii(b, at, '<row r="'), row), '">');
    for (let i = 0; i < encoders.length; i++) at = encoders[i]!(b, at, r[i], row);
    return putAscii(b, at, '</row>');
  };
  const rowXml = (r: Value[], n: number) => {
    const at = String(n);
    let cells = '';
    for (let i = 0; i < writers.length; i++) cells += writers[i]!(r[i], at);
    return `<row r="${at}">${cells}</row>`;
  };
  /** Bytes a row of values may take at most. */
  const needOf = (r: Value[]) => {
    let need = rowMarkup;
    for (let i = 0; i < r.length; i++) {
      const v = r[i];
      if (typeof v === 'string') need += v.length * 6;
    }
    return need;
  };
  const tailBytes = Buffer.byteLength(SHEET_TAIL);
  const names: string[] = [];
  const out: Buffer[] = [zip.stored('_rels/.rels', ROOT_RELS), zip.stored('xl/styles.xml', STYLES)];
  const buffers = Array.from({ length: FILL_BUFFERS }, () => Buffer.allocUnsafeSlow(FILL_BYTES));
  let sheet: SheetPart | null = null;

  const add = async (s: SheetPart, xml: string) => {
    if (s.add(xml)) return;
    await s.send();
    if (!s.add(xml)) await s.write(xml);
  };
  const startSheet = async (): Promise<SheetPart> => {
    const n = names.length + 1;
    names.push(sheetNameOf(opts.sheetName, n));
    sheet = new SheetPart(zip, n, out, level, buffers);
    await add(sheet, sheetHead(columns, n === 1));
    return sheet;
  };
  const endSheet = async (s: SheetPart) => {
    await add(s, SHEET_TAIL);
    await s.end();
  };
  /** What zlib gave so far, chunk by chunk as it gave them (no copy into one buffer). */
  function* take() {
    for (const c of out.splice(0)) yield c;
  }

  try {
    let s = await startSheet();
    for await (const page of rows.pages) {
      // The reader's pull between pages is its own turn (the endpoint yields to the event loop there), so the
      // count starts afresh with each page: a turn every turnRows rows within it, none after its last rows.
      let turnAt = turnRows;
      for (let k = 0; k < page.length; k++) {
        const r = page[k]!;
        // the row's values only where the writer of whole rows cannot write it
        let values = fast ? null : rows.values(r);
        let need = values ? needOf(values) : fast!.need(r);
        for (;;) {
          if (s.rows >= rowsPerSheet || s.bytes + need + tailBytes > bytesPerSheet) {
            if (s.rows === 0) throw new Error(`xlsx export: one row is larger than a sheet can hold (${bytesPerSheet} bytes)`);
            await endSheet(s);
            s = await startSheet();
          }
          if (s.free < need) await s.send();
          if (!values) {
            const at = s.free >= need ? fast!.write(s.fill, s.used, r, s.rows + 2) : -1;
            if (at >= 0) {
              s.used = at;
              break;
            }
            values = rows.values(r);
            need = needOf(values);
            continue; // the sheet's limits again, for the values' bound
          }
          if (s.free >= need) s.used = encodeRow(s.fill, s.used, values, s.rows + 2);
          else await s.write(rowXml(values, s.rows + 2)); // a row larger than the buffer (values of tens of thousands of characters)
          break;
        }
        s.rows++;
        // Other requests get a turn every turnRows rows, not only between pages; zlib gets what was built when it is
        // idle (see `idle`), else the rows go with a later turn's write.
        if (--turnAt === 0 && k < page.length - 1) {
          turnAt = turnRows;
          if (s.idle) await s.send();
          await turn();
        }
      }
      // The next page is read once the reader took what zlib gave for this one; pages of rows so alike that zlib
      // gives nothing for a while are flushed out now and then (drain).
      await s.drain();
      yield* take();
    }
    await endSheet(s);
    const shared = strings.size > 0;
    if (shared) out.push(zip.stored('xl/sharedStrings.xml', strings.xml(), true));
    const { workbook, rels, types } = workbookParts(names, shared);
    out.push(zip.stored('xl/workbook.xml', workbook), zip.stored('xl/_rels/workbook.xml.rels', rels), zip.stored('[Content_Types].xml', types));
    out.push(zip.finish());
    yield* take();
  } finally {
    (sheet as SheetPart | null)?.destroy();
  }
}
