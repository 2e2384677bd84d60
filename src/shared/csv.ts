/** CSV for Excel: UTF-8 with BOM, CRLF, RFC 4180 quoting, formula-injection guard. */

export const BOM = '\uFEFF';
export const CRLF = '\r\n';

export type Cell = string | number | boolean | null | undefined;

// Cells Excel or LibreOffice would evaluate as a formula (OWASP CSV injection list): a formula sign, also after
// leading blanks (spreadsheets trim them) and in its full-width form (an IME's ＝＋－＠, converted on import).
const FORMULA_START = /^[\s\u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|^[\t\r\n]/;

/** One CSV cell: formula-looking text gets a leading apostrophe, then RFC 4180 quoting. */
export function csvCell(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  let s = v;
  if (FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV line, CRLF-terminated. */
export function csvRow(cells: readonly Cell[]): string {
  return cells.map(csvCell).join(',') + CRLF;
}
