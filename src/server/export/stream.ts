/**
 * Streams rows as CSV without holding them in memory: keyset pages pulled on demand,
 * so the connection is free for ingest between pages and memory stays flat.
 */
import { BOM, csvRow, type Cell } from '../../shared/csv';

export interface PagedSource<Row> {
  /** Returns up to `limit` rows after `cursor` (null for the first page). */
  page(cursor: Row | null, limit: number): Row[];
}

const PAGE = 1000;

/** A CSV byte stream: BOM, header, then one CRLF line per row. */
export function csvStream<Row>(header: readonly string[], source: PagedSource<Row>, toCells: (r: Row) => readonly Cell[]): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  let cursor: Row | null = null;
  let started = false;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(enc.encode(BOM + csvRow(header)));
        return;
      }
      const rows = source.page(cursor, PAGE);
      if (rows.length === 0) {
        controller.close();
        return;
      }
      let chunk = '';
      for (const r of rows) chunk += csvRow(toCells(r));
      cursor = rows[rows.length - 1]!;
      controller.enqueue(enc.encode(chunk));
    },
  }, { highWaterMark: 2 });
}
