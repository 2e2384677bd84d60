/**
 * Export reads on either engine: keyset pages in (day, id) order over the (site_id, day, id) index, each read
 * only when the consumer pulls it, no transaction held between pages. The engines only write the SQL.
 */
import type { ExportQuery } from './types';

/** One condition of an export read: column, operator, value (each engine writes its own placeholder). */
export type Filter = readonly [column: string, op: '=' | '<=', value: unknown];

/**
 * The query's conditions, without the lower day bound: the first page starts at `from`, later ones at their
 * cursor, so the index range (site_id, (day, id) > cursor) is a seek and a page never rescans the rows before it.
 */
export function exportFilters(q: ExportQuery, suspectColumn: boolean): Filter[] {
  const f: Filter[] = [['site_id', '=', q.siteId], ['day', '<=', q.to]];
  if (q.windowId) f.push(['window_id', '=', q.windowId]);
  if (q.staffId) f.push(['staff_id', '=', q.staffId]);
  if (suspectColumn && !q.includeSuspect) f.push(['suspect', '=', 0]);
  return f;
}

/** Where a page starts: null for the first page (at the query's `from`), else after this (day, id). */
export type Cursor = readonly [day: unknown, id: unknown] | null;

/** Reads up to `limit` rows after the cursor. */
export type ReadPage<Row> = (after: Cursor, limit: number) => Promise<Row[]>;

/**
 * Pulls pages until a short one; `cursorOf` names the (day, id) of a page's last row. With `readAhead` the next page
 * is asked for as soon as a page arrives, so a database in its own process (PostgreSQL) reads it while the consumer
 * writes this one: at most two pages are held. Without it (SQLite, whose reads block the event loop) a page is read
 * only when the consumer asks for it.
 */
export async function* dayIdPages<Row>(read: ReadPage<Row>, pageSize: number, cursorOf: (row: Row) => Cursor, readAhead = false): AsyncGenerator<Row[]> {
  let next: Promise<Row[]> | null = null;
  try {
    let rows = await read(null, pageSize);
    for (;;) {
      if (rows.length === 0) return;
      const more = rows.length === pageSize;
      const after = more ? cursorOf(rows[rows.length - 1]!) : null;
      if (more && readAhead) next = read(after, pageSize);
      yield rows;
      if (!more) return;
      rows = await (next ?? read(after, pageSize));
      next = null;
    }
  } finally {
    next?.catch(() => {}); // a consumer that stopped early does not wait for, or hear of, the page read ahead
  }
}

/** The cursor of a row object. */
export const rowCursor = (r: { day: string; id: string }): Cursor => [r.day, r.id];

/** The cursor of a row array whose first column is the id, with `day` at `dayAt`. */
export const arrayCursor = (dayAt: number) => (r: unknown[]): Cursor => [r[dayAt], r[0]];
