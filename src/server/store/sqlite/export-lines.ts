/**
 * CSV and JSON Lines lines written by SQLite itself (see `LineCell` in store/export-rows.ts): a page of finished
 * lines instead of an array of columns a row, so an export reads about as fast as SQLite iterates. Every cell is
 * written exactly as the export's JavaScript would write it; where that cannot be guaranteed (a time outside the span
 * of one zone offset, an unusual character, a damaged reason list) the cell writes a NUL byte, and the rows holding
 * one come back raw for the JavaScript writer.
 */
import type { Conn } from './connection';
import { sqliteExportWhere } from './exports';
import type { ExportQuery } from '../types';
import { RESPONSE_ROW_COLUMNS, SUGGESTION_ROW_COLUMNS, type LineCell, type LineFormat, type LinePage } from '../export-rows';

/** Blanks JavaScript's `\s` matches: text starting with one goes back to `csvCell`, whose formula guard looks past them. */
const BLANKS = '\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';
const PATTERNS = {
  // `words` cells: any character outside the plain set, or a value starting with a blank or '-' ('-' first in a class: elsewhere it may read as a range)
  wordsBad: '*[^-A-Za-z0-9_:. ]*',
  wordsLead: '[- ]*',
  // `free` cells
  blankStart: `[${BLANKS}]*`,
  formulaStart: '[=+@\uFF1D\uFF0B\uFF0D\uFF20-]*',
  needsQuotes: '*[",\r\n]*',
  mayHoldPhone: '*[1１][3-9３-９]*',
  mobile: '1[3-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]',
  // a JSON list of strings of [A-Za-z0-9_]: starts with [" and ends with "], nothing else inside, every comma before a quote
  reasonsShape: '[[]"*"]',
  reasonsBadChar: '?*[^A-Za-z0-9_",]*?',
  reasonsBadItem: '*,[^"]*',
  day: '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]',
  instant: '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z',
} as const;

const IDENT = /^[a-z_][a-z0-9_]*$/;

/** What a cell that cannot be written writes: a NUL byte, which no written cell holds (text with one is not written). */
const MISS = 'char(0)';

/**
 * A constant as SQL text. Constants are written into the statement, not bound: a statement with some eighty bound
 * names took a quarter of a millisecond to start, once per page.
 */
function literal(v: unknown): string {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string' || v.includes('\u0000')) throw new Error('export lines: a constant must be a number or text without NUL');
  return `'${v.replaceAll("'", "''")}'`;
}
const G = Object.fromEntries(Object.entries(PATTERNS).map(([k, v]) => [k, literal(v)])) as Record<keyof typeof PATTERNS, string>;
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The SELECT expression of a whole line; a cell that cannot be written writes a NUL byte instead (`MISS`), so a line
 * holding one is written by JavaScript from the raw row. `concat` builds the line in one allocation (`||` copies it
 * once per cell). Checks are anchored, except on short or usually empty columns: a GLOB with a leading `*` and a
 * class reads the class again at each character.
 */
export function compileLine(cells: readonly LineCell[], format: LineFormat = 'csv'): string {
  const json = format === 'jsonl';
  // A value that needs no escaping (digits, hex, times, plain words): quoted in JSON, as it is in CSV.
  const q = (e: string) => (json ? `'"' || ${e} || '"'` : e);
  // Cells that are always a quoted value or a NUL: their quotes go into the literals beside them (`||` copies the value).
  const QUOTED = new Set<LineCell['kind']>(['hexId', 'day', 'instant', 'isoUtc', 'wall']);
  const Q = (text: string) => (json ? `"${text}"` : text);
  const NULL_TEXT = json ? "'null'" : "''";
  const col = (c: string) => { if (!IDENT.test(c)) throw new Error(`export lines: bad column "${c}"`); return c; };
  // A column that an `instant` cell of the same line checks: a value of another shape already sends the line back.
  const shaped = new Set(cells.flatMap((cell) => (cell.kind === 'instant' ? [cell.column] : [])));
  const parts = cells.map((cell): string => {
    switch (cell.kind) {
      case 'hexId': {
        const c = col(cell.column);
        return `CASE WHEN unhex(${c}, '-') IS NOT NULL AND ${c} NOT GLOB '-*' THEN ${c} ELSE ${MISS} END`;
      }
      case 'day':
      case 'instant': {
        const c = col(cell.column);
        return `CASE WHEN ${c} GLOB ${literal(PATTERNS[cell.kind])} THEN ${c} ELSE ${MISS} END`;
      }
      case 'words': {
        const c = col(cell.column);
        return `CASE WHEN ${c} IS NULL THEN ${NULL_TEXT} WHEN ${c} = '' THEN ${literal(Q(''))} WHEN ${c} GLOB ${G.wordsBad} OR ${c} GLOB ${G.wordsLead} OR instr(${c}, char(0)) THEN ${MISS} ELSE ${q(c)} END`;
      }
      case 'free': {
        const c = col(cell.column);
        // text that may hold a telephone number (MAY_HOLD_PHONE) is left to JavaScript, which masks it
        const phone = cell.maskPhones ? `WHEN instr(${c}, '0') OR instr(${c}, '０') OR ${c} GLOB ${G.mayHoldPhone} THEN ${MISS} ` : '';
        // json_quote escapes as JSON.stringify does (short escapes for \b \t \n \f \r, \u00XX for other controls)
        if (json) return `CASE WHEN ${c} IS NULL THEN 'null' ${phone}WHEN instr(${c}, char(0)) THEN ${MISS} ELSE json_quote(${c}) END`;
        return `CASE WHEN ${c} IS NULL THEN '' ${phone}WHEN ${c} GLOB ${G.blankStart} OR instr(${c}, char(0)) THEN ${MISS} `
          + `WHEN ${c} GLOB ${G.needsQuotes} THEN '"' || CASE WHEN ${c} GLOB ${G.formulaStart} THEN '''' ELSE '' END || replace(${c}, '"', '""') || '"' `
          + `WHEN ${c} GLOB ${G.formulaStart} THEN '''' || ${c} ELSE ${c} END`;
      }
      case 'bool': {
        const c = col(cell.column);
        return `CASE ${c} WHEN 1 THEN 'true' ELSE 'false' END`;
      }
      case 'lookup': {
        const c = col(cell.column);
        const whens = cell.cells.map(([v, out]) => `WHEN ${literal(v)} THEN ${literal(out)}`).join(' ');
        const orNull = (t: string | null) => (t === null ? MISS : literal(t));
        // `CASE c ELSE … END` is not SQL: a lookup without values (a site without staff) is its fallback alone
        const value = whens ? `CASE ${c} ${whens} ELSE ${orNull(cell.otherwise)} END` : orNull(cell.otherwise);
        return `CASE WHEN ${c} IS NULL THEN ${orNull(cell.ifNull)} ELSE ${value} END`;
      }
      case 'literal':
        return literal(cell.text);
      case 'maskedMobile': {
        const c = col(cell.column);
        return `CASE WHEN ${c} IS NULL THEN ${NULL_TEXT} WHEN ${c} GLOB ${G.mobile} THEN ${q(`substr(${c}, 1, 3) || '****' || substr(${c}, 8)`)} ELSE ${MISS} END`;
      }
      case 'reasons': {
        const c = col(cell.column);
        const names = cell.names.length === 0 ? 'value'
          : `CASE value ${cell.names.map(([code, name]) => `WHEN ${literal(code)} THEN ${literal(name)}`).join(' ')} ELSE value END`;
        // One named code (the usual bad review) is a lookup; longer lists are read with json_each.
        const single = cell.names.filter(([code]) => /^[A-Za-z0-9_]+$/.test(code))
          .map(([code, name]) => `WHEN ${literal(JSON.stringify([code]))} THEN ${literal(`${Q(code)}${cell.between}${Q(name)}`)}`).join(' ');
        const open = json ? '"' : '', mid = `${open}${cell.between}${open}`;
        const list = `concat(${literal(open)}, (SELECT group_concat(value, ';' ORDER BY key) FROM json_each(${c})), ${literal(mid)}, `
          + `(SELECT group_concat(${names}, '；' ORDER BY key) FROM json_each(${c})), ${literal(open)})`;
        return `CASE ${c} WHEN '[]' THEN ${literal(`${Q('')}${cell.between}${Q('')}`)} ${single} ELSE CASE WHEN ${c} GLOB ${G.reasonsShape} AND NOT ${c} GLOB ${G.reasonsBadChar} AND NOT ${c} GLOB ${G.reasonsBadItem} AND json_valid(${c}) `
          + `THEN ${list} ELSE ${MISS} END END`;
      }
      case 'isoUtc': {
        const c = col(cell.column);
        return `CASE WHEN typeof(${c}) = 'integer' AND ${c} >= 0 AND ${c} < 253402300800000 `
          + `THEN replace(datetime(${c} / 1000.0, 'unixepoch', 'subsec'), ' ', 'T') || 'Z' ELSE ${MISS} END`; // whole ms below 10^13 s are exact in a double
      }
      case 'wall': {
        const c = col(cell.column);
        if (!Number.isInteger(cell.offsetSeconds) || !(cell.lo >= 0) || !(cell.hi <= 253402300800000)) throw new Error('export lines: bad wall-clock span');
        if (cell.from === 'ms') {
          return `CASE WHEN typeof(${c}) = 'integer' AND ${c} >= ${literal(cell.lo)} AND ${c} < ${literal(cell.hi)} THEN datetime(${c} / 1000 + ${literal(cell.offsetSeconds)}, 'unixepoch') ELSE ${MISS} END`;
        }
        // A real date and time only: SQLite reads 24:00 as it is and rolls 30 February over; JavaScript's own reading
        // decides those. Any other field out of range reads as no time at all or as another day, so a time of this shape
        // that reads back as written is real: one reading instead of five fields' checks (0.5 → 0.3 µs a row).
        return `CASE WHEN ${shaped.has(c) ? '' : `${c} GLOB ${G.instant} AND `}${c} >= ${literal(iso(cell.lo))} AND ${c} < ${literal(iso(cell.hi))} `
          + `AND substr(${c}, 12, 2) < '24' AND datetime(${c}) = replace(substr(${c}, 1, 19), 'T', ' ') `
          + `THEN coalesce(datetime(unixepoch(${c}) + ${literal(cell.offsetSeconds)}, 'unixepoch'), ${MISS}) ELSE ${MISS} END`;
      }
    }
  });
  if (!json) return `concat(${parts.join(", ',', ")}, char(13, 10))`;
  // Each key with the quotes of the cells around it as one literal: `","site_id":` after a quoted id.
  let text = '';
  const args: string[] = [];
  parts.forEach((p, i) => {
    const key = cells[i]!.key;
    if (key === undefined) throw new Error('export lines: a JSON Lines cell needs its key');
    const quoted = QUOTED.has(cells[i]!.kind);
    args.push(literal(text + key + (quoted ? '"' : '')), p);
    text = quoted ? '"' : '';
  });
  return `concat(${args.join(', ')}, ${literal(text + '}')} || char(10))`;
}

const TABLES = {
  responses: { columns: RESPONSE_ROW_COLUMNS, suspect: true },
  suggestions: { columns: SUGGESTION_ROW_COLUMNS, suspect: false },
} as const;

/**
 * Pages in (day, id) order, by keyset like the other export reads, each read in one read transaction. A page is
 * first read as one BLOB of lines (group_concat: no value per row, no text decoded and encoded again) with the
 * key of its last row; a page holding a cell that could not be written is read again row by row, and its rows
 * that hold one come back raw.
 */
export async function* sqliteLines(c: Conn, what: 'responses' | 'suggestions', q: ExportQuery, cells: readonly LineCell[], format: LineFormat, pageSize: number): AsyncGenerator<LinePage> {
  const t = TABLES[what];
  const line = compileLine(cells, format);
  const { where, params: filterParams } = sqliteExportWhere(what, q, t.suspect);
  const at = (after: boolean) => `${where} AND ${after ? '(day, id) > (@day, @id)' : 'day >= @from'} ORDER BY day, id LIMIT @limit`;
  // The subquery has a LIMIT, so it is not flattened into the outer query: each line is computed once. The page's last
  // (day, id) is the greatest day‹1›id, which orders as (day, id) does unless a day holds a byte 0 or 1: such a page
  // is read row by row. A `day` cell already sends any day but YYYY-MM-DD there (it writes a NUL); without one, each
  // day is looked at.
  const daysChecked = cells.some((cell) => cell.kind === 'day' && cell.column === 'day');
  const odd = daysChecked ? '0' : 'instr(day, char(0)) OR instr(day, char(1))';
  const blob = (after: boolean) => c.scan.prepare(`SELECT CAST(group_concat(l, '') AS BLOB), count(*), max(k), max(odd) FROM (SELECT ${line} AS l, `
    + `day || char(1) || id AS k, ${odd} AS odd ${at(after)})`).raw();
  const rows = (after: boolean) => c.scan.prepare(`SELECT CASE WHEN instr(l, char(0)) THEN r ELSE l END, day, id FROM (SELECT ${line} AS l, rowid AS r, day, id ${at(after)})`).raw();
  const pages = { first: blob(false), next: blob(true) };
  const lines = { first: rows(false), next: rows(true) };
  const raw = c.scan.prepare(`SELECT ${t.columns.join(', ')} FROM ${what} WHERE rowid = ?`).raw();
  const keyOf = (k: string): readonly [string, string] => { const i = k.indexOf('\u0001'); return [k.slice(0, i), k.slice(i + 1)]; };
  type Read = { page: LinePage | null; key: readonly [unknown, unknown] | null };
  const read = c.scan.transaction((after: readonly [unknown, unknown] | null): Read => {
    const params = after ? { ...filterParams, day: after[0], id: after[1], limit: pageSize } : { ...filterParams, from: q.from, limit: pageSize };
    const which = after ? 'next' : 'first';
    const [bytes, count, lastKey, odd] = pages[which].get(params) as [Buffer | null, number, string | null, number | null];
    if (count === 0 || !bytes || lastKey === null) return { page: null, key: null };
    if (bytes.indexOf(0) === -1 && !odd) return { page: bytes, key: count === pageSize ? keyOf(lastKey) : null };
    const found = lines[which].all(params) as Array<[string | number, unknown, unknown]>;
    const last = found[found.length - 1]!;
    return { page: found.map(([l]) => (typeof l === 'string' ? l : raw.get(l) as unknown[])), key: found.length === pageSize ? [last[1], last[2]] : null };
  });
  let after: readonly [unknown, unknown] | null = null;
  for (;;) {
    const { page, key }: Read = read(after);
    if (!page) return;
    yield page;
    if (!key) return;
    after = key;
  }
}
