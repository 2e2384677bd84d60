/**
 * Streams rows as CSV or JSON Lines without holding them in memory: keyset pages pulled on demand,
 * so the connection is free for ingest between pages and memory stays flat.
 */
import { BOM, csvRow, type Cell } from '../../shared/csv';

export interface PagedSource<Row> {
  /** Returns up to `limit` rows after `cursor` (null for the first page). */
  page(cursor: Row | null, limit: number): Row[];
}

const PAGE = 1000;

function pagedStream<Row>(first: string, source: PagedSource<Row>, line: (r: Row) => string): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  let cursor: Row | null = null;
  let started = false;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (!started) {
        started = true;
        if (first) {
          controller.enqueue(enc.encode(first));
          return;
        }
      }
      const rows = source.page(cursor, PAGE);
      if (rows.length === 0) {
        controller.close();
        return;
      }
      let chunk = '';
      for (const r of rows) chunk += line(r);
      cursor = rows[rows.length - 1]!;
      controller.enqueue(enc.encode(chunk));
    },
  }, { highWaterMark: 2 });
}

/** A CSV byte stream: BOM, header, then one CRLF line per row. */
export function csvStream<Row>(header: readonly string[], source: PagedSource<Row>, toCells: (r: Row) => readonly Cell[]): ReadableStream<Uint8Array> {
  return pagedStream(BOM + csvRow(header), source, (r) => csvRow(toCells(r)));
}

/** A JSON Lines byte stream: one object per row keyed by the CSV header names, no BOM. */
export function jsonlStream<Row>(header: readonly string[], source: PagedSource<Row>, toCells: (r: Row) => readonly Cell[]): ReadableStream<Uint8Array> {
  return pagedStream('', source, (r) => {
    const cells = toCells(r);
    const o: Record<string, Cell> = {};
    header.forEach((h, i) => { o[h] = cells[i] ?? null; });
    return JSON.stringify(o) + '\n';
  });
}
