/** The xlsx writer is paced by its reader: pages are read from the store only as fast as the bytes are taken. */
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { encode } from '../../src/server/export/formats';
import type { Column, Value } from '../../src/server/export/table';

const COLUMNS: Column[] = [
  { key: 'id', zh: '记录编号', type: 'text', width: 38 }, { key: 'window_number', zh: '窗口号', type: 'text', width: 8 },
  { key: 'score', zh: '评分', type: 'int', width: 6 }, { key: 'comment', zh: '留言', type: 'text', width: 40 },
  { key: 'received_at_local', zh: '接收时间(本地)', type: 'datetime', width: 20 },
];
const T0 = Date.UTC(2026, 10, 2, 9, 0, 0);

/** `count` pages of 500 rows, noting how many the writer has asked for. */
function source(count: number) {
  const seen = { pages: 0 };
  async function* pages(): AsyncGenerator<Value[][]> {
    for (let p = 0; p < count; p++) {
      seen.pages++;
      yield Array.from({ length: 500 }, (_, i) => [`r-${p}-${i}`, '01', 1 + ((p + i) % 5), `第 ${p} 页第 ${i} 行的留言，窗口服务评价`, T0 + (p * 500 + i) * 1000]);
    }
  }
  return { seen, pages: pages() };
}

describe('xlsx export pacing', () => {
  it('a reader that stops taking bytes stops the reads: the writer stays within a page or two of what was taken', async () => {
    const { seen, pages } = source(200);
    const chunks = encode('xlsx', COLUMNS, pages, { lang: 'zh', sheetName: '评价明细' });
    let bytes = 0;
    for (let i = 0; i < 3; i++) bytes += (await chunks.next()).value?.byteLength ?? 0;
    expect(bytes).toBeGreaterThan(0);
    const after = seen.pages;
    for (let i = 0; i < 200; i++) await new Promise<void>((ok) => setImmediate(ok)); // a reader that went quiet for 200 turns
    expect(seen.pages).toBe(after);
    expect(seen.pages).toBeLessThanOrEqual(4);
    await chunks.return(undefined);
  });

  it('rows so alike that they deflate to almost nothing still reach the reader at least every couple of megabytes of sheet', async () => {
    // A page of 4 rows, each a comment of 20,000 same characters: 240 kB of sheet a page, which zlib deflates to a few
    // hundred bytes and would hold for 4 MB (a block of 16,384 matches of the longest length) before giving any
    const seen = { pages: 0 };
    async function* pages(): AsyncGenerator<Value[][]> {
      for (let p = 0; p < 60; p++) {
        seen.pages++;
        yield Array.from({ length: 4 }, () => ['r-same', '01', 5, '好'.repeat(20_000), T0]);
      }
    }
    const pagesAtChunk: number[] = [];
    for await (const _ of encode('xlsx', COLUMNS, pages(), { lang: 'zh', sheetName: '评价明细' })) pagesAtChunk.push(seen.pages);
    expect(seen.pages).toBe(60);
    const gaps = pagesAtChunk.slice(1).map((n, i) => n - pagesAtChunk[i]!);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(10); // 2 MB of sheet is 9 pages; without the flushes, 17
  });

  it('read to the end, the workbook holds every row in order, text as text and times as dates', async () => {
    const { seen, pages } = source(12);
    const parts: Uint8Array[] = [];
    for await (const c of encode('xlsx', COLUMNS, pages, { lang: 'zh', sheetName: '评价明细' })) parts.push(c);
    expect(seen.pages).toBe(12);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.read(Readable.from([Buffer.concat(parts)]));
    const ws = wb.getWorksheet('评价明细')!;
    expect(ws.rowCount).toBe(1 + 12 * 500);
    expect(ws.getRow(1).getCell(2).value).toBe('窗口号');
    expect(ws.getRow(2).getCell(1).value).toBe('r-0-0');
    expect(ws.getRow(2).getCell(2).value).toBe('01');
    expect(ws.getRow(6001).getCell(1).value).toBe('r-11-499');
    expect((ws.getRow(2).getCell(5).value as Date).getTime()).toBe(T0);
    expect(ws.getRow(2).getCell(5).numFmt).toBe('yyyy-mm-dd hh:mm:ss');
  });
});
