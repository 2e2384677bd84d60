/**
 * CSV lines written by SQLite itself (see `LineCell` in store/export-rows.ts): one text value per row instead of an
 * array of columns, so an export reads about as fast as SQLite iterates. Every cell is written exactly as the
 * export's JavaScript would write it; where that cannot be guaranteed (a time outside the span of one zone offset,
 * an unusual character, a damaged reason list) the cell is NULL, so the whole line is, and the row comes back raw
 * for the JavaScript writer.
 */
import type { Conn } from './connection';
import { exportFilters } from '../day-pages';
import type { ExportQuery } from '../types';
import { RESPONSE_ROW_COLUMNS, SUGGESTION_ROW_COLUMNS, type LineCell, type LinePage } from '../export-rows';

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
  mobile: '1[3-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]',
  // a JSON list of strings of [A-Za-z0-9_]: starts with [" and ends with "], nothing else inside, every comma before a quote
  reasonsShape: '[[]"*"]',
  reasonsBadChar: '?*[^A-Za-z0-9_",]*?',
  reasonsBadItem: '*,[^"]*',
  day: '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]',
  instant: '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z',
} as const;

const IDENT = /^[a-z_][a-z0-9_]*$/;

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
 * The SELECT expression of a whole line (NULL when any cell cannot be written). Every check is
 * anchored or a single pass, except on columns that are usually empty: a GLOB with a leading `*` and a class
 * re-reads the class at each character.
 */
export function compileLine(cells: readonly LineCell[]): string {
  const param = literal;
  const col = (c: string) => { if (!IDENT.test(c)) throw new Error(`export lines: bad column "${c}"`); return c; };
  const parts = cells.map((cell): string => {
    switch (cell.kind) {
      case 'hexId': {
        const c = col(cell.column);
        return `CASE WHEN unhex(${c}, '-') IS NOT NULL AND ${c} NOT GLOB '-*' THEN ${c} END`;
      }
      case 'day':
      case 'instant': {
        const c = col(cell.column);
        return `CASE WHEN ${c} GLOB ${literal(PATTERNS[cell.kind])} THEN ${c} END`;
      }
      case 'words': {
        const c = col(cell.column);
        return `CASE WHEN ${c} IS NULL OR ${c} = '' THEN '' WHEN ${c} GLOB ${G.wordsBad} OR ${c} GLOB ${G.wordsLead} OR instr(${c}, char(0)) THEN NULL ELSE ${c} END`;
      }
      case 'free': {
        const c = col(cell.column);
        return `CASE WHEN ${c} IS NULL THEN '' WHEN ${c} GLOB ${G.blankStart} OR instr(${c}, char(0)) THEN NULL `
          + `WHEN ${c} GLOB ${G.needsQuotes} THEN '"' || CASE WHEN ${c} GLOB ${G.formulaStart} THEN '''' ELSE '' END || replace(${c}, '"', '""') || '"' `
          + `WHEN ${c} GLOB ${G.formulaStart} THEN '''' || ${c} ELSE ${c} END`;
      }
      case 'int': {
        const c = col(cell.column);
        return `CASE WHEN typeof(${c}) = 'integer' THEN ${c} END`;
      }
      case 'bool': {
        const c = col(cell.column);
        return `CASE ${c} WHEN 1 THEN 'true' ELSE 'false' END`;
      }
      case 'lookup': {
        const c = col(cell.column);
        const whens = cell.cells.map(([v, out]) => `WHEN ${param(v)} THEN ${param(out)}`).join(' ');
        const orNull = (t: string | null) => (t === null ? 'NULL' : param(t));
        return `CASE WHEN ${c} IS NULL THEN ${orNull(cell.ifNull)} ELSE CASE ${c} ${whens} ELSE ${orNull(cell.otherwise)} END END`;
      }
      case 'literal':
        return param(cell.text);
      case 'maskedMobile': {
        const c = col(cell.column);
        return `CASE WHEN ${c} IS NULL THEN '' WHEN ${c} GLOB ${G.mobile} THEN substr(${c}, 1, 3) || '****' || substr(${c}, 8) END`;
      }
      case 'reasons': {
        const c = col(cell.column);
        const names = cell.names.length === 0 ? 'value'
          : `CASE value ${cell.names.map(([code, name]) => `WHEN ${param(code)} THEN ${param(name)}`).join(' ')} ELSE value END`;
        // One named code (the usual bad review) is a lookup; longer lists are read with json_each.
        const single = cell.names.filter(([code]) => /^[A-Za-z0-9_]+$/.test(code))
          .map(([code, name]) => `WHEN ${param(JSON.stringify([code]))} THEN ${param(`${code},${name}`)}`).join(' ');
        return `CASE ${c} WHEN '[]' THEN ',' ${single} ELSE CASE WHEN ${c} GLOB ${G.reasonsShape} AND NOT ${c} GLOB ${G.reasonsBadChar} AND NOT ${c} GLOB ${G.reasonsBadItem} AND json_valid(${c}) `
          + `THEN (SELECT group_concat(value, ';' ORDER BY key) FROM json_each(${c})) || ',' || (SELECT group_concat(${names}, '；' ORDER BY key) FROM json_each(${c})) END END`;
      }
      case 'isoUtc': {
        const c = col(cell.column);
        return `CASE WHEN typeof(${c}) = 'integer' AND ${c} >= 0 AND ${c} < 253402300800000 `
          + `THEN replace(datetime(${c} / 1000.0, 'unixepoch', 'subsec'), ' ', 'T') || 'Z' END`; // whole ms below 10^13 s are exact in a double
      }
      case 'wall': {
        const c = col(cell.column);
        if (!Number.isInteger(cell.offsetSeconds) || !(cell.lo >= 0) || !(cell.hi <= 253402300800000)) throw new Error('export lines: bad wall-clock span');
        if (cell.from === 'ms') {
          return `CASE WHEN typeof(${c}) = 'integer' AND ${c} >= ${param(cell.lo)} AND ${c} < ${param(cell.hi)} THEN datetime(${c} / 1000 + ${param(cell.offsetSeconds)}, 'unixepoch') END`;
        }
        // A real date and time only: SQLite reads 24:00 and rolls 30 February over; JavaScript's own reading decides those.
        const head = `substr(${c}, 1, 19)`;
        return `CASE WHEN ${c} GLOB ${G.instant} AND ${c} >= ${param(iso(cell.lo))} AND ${c} < ${param(iso(cell.hi))} `
          + `AND substr(${c}, 12, 2) < '24' AND substr(${c}, 15, 2) < '60' AND substr(${c}, 18, 2) < '60' AND (substr(${c}, 9, 2) < '29' OR datetime(${head}) = replace(${head}, 'T', ' ')) `
          + `THEN datetime(unixepoch(${c}) + ${param(cell.offsetSeconds)}, 'unixepoch') END`;
      }
    }
  });
  return `${parts.join(" || ',' || ")} || char(13, 10)`;
}

const TABLES = {
  responses: { columns: RESPONSE_ROW_COLUMNS, suspect: true },
  suggestions: { columns: SUGGESTION_ROW_COLUMNS, suspect: false },
} as const;

/**
 * Pages of lines in (day, id) order, by keyset like the other export reads. Each page and the key of its last row are
 * read in one read transaction, so they see the same rows; rows SQLite could not write come back as raw arrays.
 */
export async function* sqliteCsvLines(c: Conn, what: 'responses' | 'suggestions', q: ExportQuery, cells: readonly LineCell[], pageSize: number): AsyncGenerator<LinePage> {
  const t = TABLES[what];
  const line = compileLine(cells);
  const f = exportFilters(q, t.suspect);
  const filterParams = Object.fromEntries(f.map(([, , v], i) => [`p${i}`, v]));
  const where = `FROM ${what} WHERE ${f.map(([column, op], i) => `${column} ${op} @p${i}`).join(' AND ')}`;
  const at = (after: boolean) => `${where} AND ${after ? '(day, id) > (@day, @id)' : 'day >= @from'} ORDER BY day, id`;
  const firstLines = c.read.prepare(`SELECT coalesce(${line}, rowid) ${at(false)} LIMIT @limit`).pluck();
  const nextLines = c.read.prepare(`SELECT coalesce(${line}, rowid) ${at(true)} LIMIT @limit`).pluck();
  const raw = c.read.prepare(`SELECT ${t.columns.join(', ')} FROM ${what} WHERE rowid = ?`).raw();
  const dayAt = t.columns.indexOf('day');
  // The cursor is the last row's (day, id). A line that starts with the id as it is gives the id; its day is one
  // lookup by primary key. Otherwise the page's last key is read again (500 rows of index and table walked).
  const idFirst = cells[0]?.kind === 'hexId' && cells[0].column === 'id';
  const dayOf = c.read.prepare(`SELECT day FROM ${what} WHERE id = ?`).pluck();
  const firstKey = c.read.prepare(`SELECT day, id ${at(false)} LIMIT 1 OFFSET @last`).raw();
  const nextKey = c.read.prepare(`SELECT day, id ${at(true)} LIMIT 1 OFFSET @last`).raw();
  const read = c.read.transaction((after: readonly [unknown, unknown] | null) => {
    const params = after ? { ...filterParams, day: after[0], id: after[1], limit: pageSize } : { ...filterParams, from: q.from, limit: pageSize };
    const items = (after ? nextLines : firstLines).all(params) as LinePage;
    for (let i = 0; i < items.length; i++) if (typeof items[i] !== 'string') items[i] = raw.get(items[i]) as unknown[];
    let key: readonly [unknown, unknown] | null = null;
    if (items.length === pageSize) {
      const last = items[items.length - 1]!;
      if (typeof last !== 'string') key = [last[dayAt], last[0]];
      else if (idFirst) {
        const id = last.slice(0, /[,\r]/.exec(last)!.index);
        key = [dayOf.get(id), id];
      } else key = ((after ? nextKey : firstKey).get({ ...params, last: pageSize - 1 }) as [unknown, unknown] | undefined) ?? null;
    }
    return { items, key };
  });
  let after: readonly [unknown, unknown] | null = null;
  for (;;) {
    const { items, key } = read(after);
    if (items.length === 0) return;
    yield items;
    if (!key) return;
    after = key;
  }
}
