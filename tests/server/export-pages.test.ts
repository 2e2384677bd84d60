/**
 * Export pages in (day, id) order: every row once, the next page read only when the consumer asks for it, or (read
 * ahead, as on PostgreSQL) while it writes the page before, never more than one page ahead.
 */
import { describe, expect, it } from 'vitest';
import { dayIdPages, type Cursor } from '../../src/server/store/day-pages';

interface Row { day: string; id: string }
const ROWS: Row[] = Array.from({ length: 23 }, (_, i) => ({ day: `2026-01-${String(1 + Math.floor(i / 5)).padStart(2, '0')}`, id: `r${String(i).padStart(3, '0')}` }));
const cursorOf = (r: Row): Cursor => [r.day, r.id];

/** A table of ROWS read in keyset pages; `reads` records each read as it starts, `fail` makes the read after `fail` rows reject. */
function table(fail?: number) {
  const reads: Array<string | null> = [];
  const read = async (after: Cursor, limit: number): Promise<Row[]> => {
    reads.push(after ? String(after[1]) : null);
    await new Promise<void>((ok) => setImmediate(ok));
    const from = after ? ROWS.findIndex((r) => r.id === after[1]) + 1 : 0;
    if (fail !== undefined && from >= fail) throw new Error('the database went away');
    return ROWS.slice(from, from + limit);
  };
  return { reads, read };
}

describe('export pages', () => {
  it('give every row once, in order, whether or not the next page is read ahead', async () => {
    for (const readAhead of [false, true]) {
      for (const size of [1, 4, 5, 23, 50]) {
        const { read } = table();
        const seen: Row[] = [];
        for await (const page of dayIdPages(read, size, cursorOf, readAhead)) seen.push(...page);
        expect(seen, `pages of ${size}${readAhead ? ', read ahead' : ''}`).toEqual(ROWS);
      }
    }
  });

  it('without read-ahead a page is read only when the consumer asks for it', async () => {
    const { reads, read } = table();
    const pages = dayIdPages(read, 5, cursorOf);
    await pages.next();
    for (let i = 0; i < 20; i++) await new Promise<void>((ok) => setImmediate(ok)); // the consumer writes the page
    expect(reads).toEqual([null]);
    await pages.next();
    expect(reads).toEqual([null, 'r004']);
    await pages.return(undefined);
  });

  it('read ahead, the next page is asked for while the consumer writes this one, and no further', async () => {
    const { reads, read } = table();
    const pages = dayIdPages(read, 5, cursorOf, true);
    await pages.next();
    expect(reads).toEqual([null, 'r004']);
    for (let i = 0; i < 20; i++) await new Promise<void>((ok) => setImmediate(ok)); // a slow consumer
    expect(reads).toEqual([null, 'r004']);
    await pages.next();
    expect(reads).toEqual([null, 'r004', 'r009']);
    await pages.return(undefined);
  });

  it('a consumer that stops early hears nothing of a page read ahead that then fails', async () => {
    const { reads, read } = table(5);
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    try {
      const pages = dayIdPages(read, 5, cursorOf, true);
      expect((await pages.next()).value).toHaveLength(5);
      await pages.return(undefined);
      for (let i = 0; i < 20; i++) await new Promise<void>((ok) => setImmediate(ok));
      expect(reads).toEqual([null, 'r004']);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('a page that fails to read fails the export at that page', async () => {
    const { read } = table(10);
    const seen: Row[] = [];
    await expect((async () => { for await (const page of dayIdPages(read, 5, cursorOf, true)) seen.push(...page); })()).rejects.toThrow('the database went away');
    expect(seen).toEqual(ROWS.slice(0, 10));
  });
});
