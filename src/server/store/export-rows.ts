/**
 * Export rows as arrays of the columns an export needs, in (day, id) order, a page at a time: arrays
 * instead of objects of every column make a 1M-row export several times cheaper to read.
 */
import type { ExportQuery } from './types';

/** Column order of a response row from `ExportRowsStore.responses`. */
export const RESPONSE_ROW_COLUMNS = [
  'id', 'site_id', 'window_id', 'staff_id', 'score', 'reasons', 'comment', 'phone', 'channel', 'token_kind', 'case_no', 'follow_up',
  'suspect', 'flags', 'day', 'device_time', 'received_at',
] as const;

/** Column order of a suggestion row from `ExportRowsStore.suggestions`. */
export const SUGGESTION_ROW_COLUMNS = [
  'id', 'site_id', 'window_id', 'staff_id', 'category', 'text', 'contact', 'channel', 'flags', 'day', 'device_time', 'received_at',
] as const;

/**
 * Cells of a CSV or JSON Lines line the store writes (`ExportRowsStore.lines`: SQLite in SQL, PostgreSQL's store with
 * the line writer in store/line-writer.ts). Each kind says exactly what
 * the export's JavaScript writer would write for the value; a row the database cannot write exactly that way comes
 * back raw. In JSON Lines each cell carries `key`, the text before its value (`{"id":` for the first, `,"day":` …).
 * - `hexId`: text of hex digits and '-' not starting with '-' (a UUID), written as it is (JSON: quoted).
 * - `day`, `instant`: text shaped `YYYY-MM-DD` or `YYYY-MM-DDTHH:mm:ss.sssZ`, written as it is (JSON: quoted).
 * - `words`: empty, or text of `[A-Za-z0-9_:. -]` not starting with a blank or '-', written as it is (JSON: quoted;
 *   null is `null`).
 * - `free`: free text, quoted and formula-guarded as `csvCell` does (text starting with a blank comes back raw); with
 *   `maskPhones`, text that may hold a telephone number (`MAY_HOLD_PHONE` in src/shared/contact.ts: a 0, or 1 before
 *   3–9) comes back raw too, for the JavaScript writer to mask;
 *   JSON: as `JSON.stringify` writes it.
 * - `bool`: 1 as `true`, anything else as `false`.
 * - `lookup`: the text for the column's value, `ifNull` for null, `otherwise` for any other value (null: the row
 *   comes back raw). The text is written as given: already CSV or JSON, and it may be several adjacent columns.
 * - `literal`: fixed text, written as given.
 * - `maskedMobile`: an 11-digit mobile as `138****5678`, empty (JSON: `null`) for null; any other text: the row
 *   comes back raw.
 * - `reasons`: two columns from a JSON list of reason codes, `between` written between them: the codes joined by `;`,
 *   their names joined by `；` (names must need no quoting or escaping; a code without a name stands for itself).
 * - `isoUtc`: integer milliseconds as `YYYY-MM-DDTHH:mm:ss.sssZ`.
 * - `wall`: an instant (integer ms, or device time text `YYYY-MM-DDTHH:mm:ss.sssZ`) as `YYYY-MM-DD HH:mm:ss` at a fixed
 *   offset, for instants in [lo, hi) ms only, where the hall's zone keeps that offset; others: the row comes back raw.
 */
/** The shapes of `hexId`, `day` and `instant` cells, and of a reason code. */
export const HEX_ID = /^(?!-)[-0-9A-Fa-f]*$/;
export const DAY = /^\d{4}-\d\d-\d\d$/;
export const INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
export const CODE = /^[A-Za-z0-9_]*$/;

/** A function giving each named column's index in raw rows of `columns` (a writer compiled from cells reads them by index). */
export function columnIndex(columns: readonly string[], writer: string): (column: string) => number {
  return (column) => {
    const i = columns.indexOf(column);
    if (i < 0) throw new Error(`${writer}: no column "${column}"`);
    return i;
  };
}

/** The codes of a `reasons` cell's JSON list, or null where it is not a list of codes. */
export function reasonCodes(list: string): string[] | null {
  let codes: unknown;
  try { codes = JSON.parse(list); } catch { return null; }
  return Array.isArray(codes) && codes.every((c): c is string => typeof c === 'string' && CODE.test(c)) ? codes : null;
}

export type LineCell = { key?: string } & (
  | { kind: 'hexId' | 'day' | 'instant' | 'words' | 'bool' | 'maskedMobile' | 'isoUtc'; column: string }
  | { kind: 'free'; column: string; maskPhones?: boolean }
  | { kind: 'lookup'; column: string; cells: ReadonlyArray<readonly [value: string | number, text: string]>; otherwise: string | null; ifNull: string | null }
  | { kind: 'literal'; text: string }
  | { kind: 'reasons'; column: string; names: ReadonlyArray<readonly [code: string, name: string]>; between: string }
  | { kind: 'wall'; column: string; from: 'ms' | 'iso'; offsetSeconds: number; lo: number; hi: number });

export type LineFormat = 'csv' | 'jsonl';

/**
 * A page of an export written by the store: its bytes, or (where some row could not be written) each item a
 * finished line (its line end included) or the raw row it could not write.
 */
export type LinePage = Uint8Array | Array<string | unknown[]>;

export interface ExportRowsStore {
  /** Pages of responses matching the query; each page is read when the consumer asks for it. */
  responses(q: ExportQuery, pageSize: number): AsyncIterable<unknown[][]>;
  suggestions(q: ExportQuery, pageSize: number): AsyncIterable<unknown[][]>;
  /**
   * The same pages as CSV or JSON Lines lines written by the store (raw rows in the `responses`/`suggestions`
   * column order where it cannot write one exactly); absent on an engine that does not write them.
   */
  lines?(what: 'responses' | 'suggestions', q: ExportQuery, cells: readonly LineCell[], format: LineFormat, pageSize: number): AsyncIterable<LinePage>;
}

/** Operations on the database as a whole (backups, checks); SQLite only for now. */
export interface MaintenanceStore {
  /** `ok`, or what SQLite's integrity_check found. */
  integrityCheck(): Promise<string>;
  /** A consistent copy of the live database in `file`, taken while writes go on. */
  backupTo(file: string): Promise<{ pages: number }>;
}
