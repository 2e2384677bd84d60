/**
 * Streams rows as CSV or JSON Lines without holding them in memory: pages pulled from the store on demand,
 * so the database is free for ingest between pages and memory stays flat.
 */
import { BOM, csvRow, type Cell } from '../../shared/csv';

/** Pages of rows, read one at a time as the stream is pulled. */
export type Pages<Row> = AsyncIterable<Row[]>;

export const PAGE = 1000;

/** Pages of an array already in memory (a month report, a day range). */
export async function* pagesOf<Row>(rows: readonly Row[] | Promise<readonly Row[]>, size = PAGE): AsyncGenerator<Row[]> {
  const all = await rows;
  for (let i = 0; i < all.length; i += size) yield all.slice(i, i + size);
}

function pagedStream<Row>(first: string, source: Pages<Row>, line: (r: Row) => string): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  const pages = source[Symbol.asyncIterator]();
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        if (first) {
          controller.enqueue(enc.encode(first));
          return;
        }
      }
      const next = await pages.next();
      if (next.done) {
        controller.close();
        return;
      }
      let chunk = '';
      for (const r of next.value) chunk += line(r);
      controller.enqueue(enc.encode(chunk));
    },
    async cancel() {
      await pages.return?.();
    },
  }, { highWaterMark: 2 });
}

/** A CSV byte stream: BOM, header, then one CRLF line per row. */
export function csvStream<Row>(header: readonly string[], source: Pages<Row>, toCells: (r: Row) => readonly Cell[]): ReadableStream<Uint8Array> {
  return pagedStream(BOM + csvRow(header), source, (r) => csvRow(toCells(r)));
}

/** A JSON Lines byte stream: one object per row keyed by the CSV header names, no BOM. */
export function jsonlStream<Row>(header: readonly string[], source: Pages<Row>, toCells: (r: Row) => readonly Cell[]): ReadableStream<Uint8Array> {
  return pagedStream('', source, (r) => {
    const cells = toCells(r);
    const o: Record<string, Cell> = {};
    header.forEach((h, i) => { o[h] = cells[i] ?? null; });
    return JSON.stringify(o) + '\n';
  });
}
