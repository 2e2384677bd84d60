/**
 * An xlsx export whose rows the sheet writer writes straight from the store's raw rows (export/sheet-writer.ts) reads
 * back cell for cell as the export written from each row's values: for odd text, masked and clear phones, damaged
 * reason lists, device times in any form, zones with daylight saving time; plain rows really are written straight,
 * repeated texts are shared strings, and rows go on in a further sheet past a sheet's limits.
 */
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { inflateRawSync } from 'node:zlib';
import type { Store } from '../../src/server/store';
import type { KioskConfig } from '../../src/shared/config';
import { exportStream, PAGE_ROWS, tableFor, type ExportSpec } from '../../src/server/export/run';
import { SharedStrings, xlsxRows, type SheetRowWriter, type XlsxOptions } from '../../src/server/export/xlsx';
import { base, plainRows, row, storeWith, windows } from './export-rows-kit';

const spec = (over: { unmasked?: boolean; gbCode?: boolean; from?: string; to?: string } = {}): ExportSpec => ({
  what: 'responses', format: 'xlsx', lang: 'zh', options: { unmasked: over.unmasked ?? false, gbCode: over.gbCode ?? false },
  filter: { siteId: 'demo', from: over.from ?? '2026-01-01', to: over.to ?? '2026-12-31', includeSuspect: false, windowId: null },
});
const COMMENT = '排队时间太长，"窗口"少, <希望> & 改进';
const withZone = (timeZone: string): KioskConfig => ({ ...base, sites: base.sites.map((s) => (s.id === 'demo' ? { ...s, timeZone } : s)) });

/**
 * The workbook of an export: its rows written straight from raw rows where the sheet writer can (`straight`), or every
 * row from its values; with how many rows the sheet writer wrote and how many it left to the values.
 */
async function workbook(store: Store, config: KioskConfig, s: ExportSpec, straight: boolean, opts: Partial<XlsxOptions> = {}) {
  const table = tableFor(config, s);
  let written = 0, raw = 0;
  const counted = (w: SheetRowWriter | null): SheetRowWriter | null => w && {
    need: (r) => w.need(r),
    write(b, at, r, n) {
      const end = w.write(b, at, r, n);
      if (end < 0) raw++;
      else written++;
      return end;
    },
  };
  const parts: Uint8Array[] = [];
  const rows = { pages: table.pages(store, PAGE_ROWS), values: table.row, writer: straight ? (strings: Parameters<typeof table.sheetRows>[0]) => counted(table.sheetRows(strings)) : undefined };
  for await (const c of xlsxRows(table.columns, rows, { sheetName: '评价明细', ...opts })) parts.push(c);
  return { bytes: Buffer.concat(parts), written, raw };
}

/**
 * A text as a spreadsheet shows it, from exceljs: it decodes a character escape (`_x005F_` for an underscore that starts
 * something like `_x0041_`) in shared strings but leaves it in inline ones.
 */
const shown = (v: unknown) => (typeof v === 'string' ? v.replaceAll('_x005F_', '_') : v);

/** Every data row of every sheet, each cell as its type and value (dates as their time, text as shown), in order. */
async function cells(bytes: Buffer): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const out: unknown[][] = [];
  for (const ws of wb.worksheets) {
    ws.eachRow((r, n) => {
      if (n === 1) return;
      const values: unknown[] = [];
      r.eachCell({ includeEmpty: true }, (c, i) => { values[i] = [c.type, c.value instanceof Date ? c.value.getTime() : shown(c.value)]; });
      out.push(values);
    });
  }
  return out;
}

/** A zip's entry by name, inflated (the writer's own zip: local headers, data descriptors, central directory). */
function entry(bytes: Buffer, name: string): string | null {
  const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = bytes.readUInt32LE(end + 16);
  for (let i = 0; i < bytes.readUInt16LE(end + 10); i++) {
    const nameLen = bytes.readUInt16LE(at + 28);
    if (bytes.subarray(at + 46, at + 46 + nameLen).toString() === name) {
      const local = bytes.readUInt32LE(at + 42);
      const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
      const data = bytes.subarray(start, start + bytes.readUInt32LE(at + 20));
      return (bytes.readUInt16LE(at + 10) === 8 ? inflateRawSync(data) : data).toString();
    }
    at += 46 + nameLen + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  return null;
}

describe('xlsx rows written straight from the store\'s rows', () => {
  it('read back cell for cell as the rows written from their values, for any rows, masked or clear, with or without the GB/T code', async () => {
    const store = await storeWith(fc.sample(row, { numRuns: 600, seed: 20261206 }));
    for (const options of [{}, { unmasked: true }, { gbCode: true }]) {
      const fast = await workbook(store, base, spec(options), true);
      const slow = await workbook(store, base, spec(options), false);
      const rows = await cells(fast.bytes);
      expect(rows.length, JSON.stringify(options)).toBeGreaterThan(300);
      expect(rows, JSON.stringify(options)).toEqual(await cells(slow.bytes));
      // rows straight, and the odd ones (an unknown window, a damaged reason list, a time out of range) from their values
      expect(fast.written, JSON.stringify(options)).toBeGreaterThan(100);
      expect(fast.raw, JSON.stringify(options)).toBeGreaterThan(0);
      expect(slow.written + slow.raw).toBe(0);
    }
  });

  it('hold in zones with daylight saving time and odd offsets; a range across a change of offset is written from values', async () => {
    const store = await storeWith(fc.sample(row, { numRuns: 300, seed: 8 }));
    for (const [zone, from, to, straight] of [['America/New_York', '2026-06-01', '2026-06-30', true], ['America/New_York', '2026-03-01', '2026-03-31', false],
      ['Asia/Kathmandu', '2026-01-01', '2026-12-31', true]] as const) {
      const config = withZone(zone);
      const fast = await workbook(store, config, spec({ from, to }), true);
      expect(await cells(fast.bytes), `${zone} ${from}…${to}`).toEqual(await cells((await workbook(store, config, spec({ from, to }), false)).bytes));
      expect(fast.written > 0, `${zone} ${from}…${to}`).toBe(straight);
    }
  });

  it('plain rows are all written straight, their repeated texts once in the shared strings, and the export uses them', async () => {
    const store = await storeWith(plainRows(1234, COMMENT));
    const fast = await workbook(store, base, spec(), true);
    expect([fast.written, fast.raw]).toEqual([1234, 0]);
    expect(await cells(fast.bytes)).toEqual(await cells((await workbook(store, base, spec(), false)).bytes));
    const sheet = entry(fast.bytes, 'xl/worksheets/sheet1.xml')!;
    const shared = entry(fast.bytes, 'xl/sharedStrings.xml')!;
    const windowName = base.windows.find((w) => w.id === windows[0])!.name.zh;
    expect(sheet).not.toContain(windowName);
    expect(shared.split(`<t>${windowName}</t>`).length).toBe(2);
    expect(shared).toContain('<t>排队时间太长，"窗口"少, &lt;希望&gt; &amp; 改进</t>');
    expect(shared.split('<si>').length - 1).toBeLessThan(200); // days, names, labels: not a text a row
    // the endpoint's export is that workbook
    const exported = Buffer.from(await new Response(exportStream(store, base, spec())).arrayBuffer());
    expect(entry(exported, 'xl/worksheets/sheet1.xml')).toBe(sheet);
  });

  it('rows written one after another, numbered up to Excel\'s last row, hold their whole number in every cell and nothing between them', async () => {
    const store = await storeWith([...plainRows(20, COMMENT), ...fc.sample(row, { numRuns: 40, seed: 12 })]);
    const table = tableFor(base, spec());
    const writer = table.sheetRows(new SharedStrings())!;
    const b = Buffer.alloc(1 << 20, 0xff); // what a reused buffer may hold from before
    const numbers = [2, 9, 10, 99, 1_000, 65_536, 1_048_576, 7, 123_456];
    let at = 0;
    let n = 0;
    const written: number[] = [];
    for await (const page of table.pages(store, PAGE_ROWS)) {
      for (const r of page) {
        const number = numbers[n++ % numbers.length]!;
        const end = writer.write(b, at, r, number);
        if (end < 0) continue; // written from its values instead
        at = end;
        written.push(number);
      }
    }
    expect(written.length).toBeGreaterThan(30);
    const xml = b.toString('utf8', 0, at);
    const rows = [...xml.matchAll(/<row r="(\d+)">(.*?)<\/row>/g)];
    expect(rows.map((m) => m[0]).join('')).toBe(xml);
    expect(rows.map((m) => Number(m[1]))).toEqual(written);
    for (const [, number, cells] of rows) {
      const refs = [...cells!.matchAll(/<c r="([A-Z]+)(\d+)"/g)];
      expect(refs.length).toBeGreaterThan(10);
      expect(refs.every(([, , r]) => r === number), `row ${number}`).toBe(true);
    }
  });

  it('past a sheet\'s row or byte limit the rows go on in a further sheet, none lost or repeated', async () => {
    const store = await storeWith([...plainRows(150, COMMENT), ...fc.sample(row, { numRuns: 150, seed: 4 })]);
    const all = await cells((await workbook(store, base, spec(), false)).bytes);
    for (const limits of [{ rowsPerSheet: 7 }, { bytesPerSheet: 24_000 }]) {
      const fast = await workbook(store, base, spec(), true, limits);
      expect(fast.written, JSON.stringify(limits)).toBeGreaterThan(150);
      expect(await cells(fast.bytes), JSON.stringify(limits)).toEqual(all);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(fast.bytes as unknown as ArrayBuffer);
      expect(wb.worksheets.length, JSON.stringify(limits)).toBeGreaterThan(5);
      for (let n = 1; n <= wb.worksheets.length; n++) {
        const part = entry(fast.bytes, `xl/worksheets/sheet${n}.xml`)!;
        expect(part).toContain('<row r="2">');
        if (limits.bytesPerSheet) expect(Buffer.byteLength(part)).toBeLessThanOrEqual(limits.bytesPerSheet);
      }
    }
  });
});
