/** The streaming xlsx writer: a valid zip, cells of the right type, text that survives XML, sheets past a limit, a reader that leaves. */
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { inflateRawSync, crc32 } from 'node:zlib';
import { columnLetters, xlsxStream, xmlText, cellText, serialText, type XlsxOptions } from '../../src/server/export/xlsx';
import type { Column, Value } from '../../src/server/export/table';

const run = promisify(execFile);
const SOFFICE = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => existsSync(p));

const COLUMNS: Column[] = [
  { key: 'id', zh: '记录编号', type: 'text', width: 38 }, { key: 'window_number', zh: '窗口号', type: 'text', width: 8 },
  { key: 'score', zh: '评分', type: 'int', width: 6 }, { key: 'suspect', zh: '可疑', type: 'bool', width: 6 },
  { key: 'comment', zh: '留言', type: 'text', width: 40 }, { key: 'received_at_local', zh: '接收时间(本地)', type: 'datetime', width: 20 },
];
const T0 = Date.UTC(2026, 10, 24, 7, 30, 0); // a wall-clock time in the hall, kept in UTC fields

async function* pagesOf(rows: Value[][], size = 500): AsyncGenerator<Value[][]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

async function bytesOf(rows: Value[][], opts: Partial<XlsxOptions> = {}): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const c of xlsxStream(COLUMNS, pagesOf(rows), { sheetName: '评价明细', ...opts })) parts.push(c);
  return Buffer.concat(parts);
}

async function load(bytes: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

/** Entries of a zip read through its central directory, each inflated and its CRC and sizes checked against the directory. */
function unzip(bytes: Buffer): Map<string, Buffer> {
  const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(end).toBe(bytes.length - 22);
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(bytes.readUInt32LE(at)).toBe(0x02014b50);
    const method = bytes.readUInt16LE(at + 10);
    const crc = bytes.readUInt32LE(at + 16);
    const compressed = bytes.readUInt32LE(at + 20);
    const size = bytes.readUInt32LE(at + 24);
    const nameLen = bytes.readUInt16LE(at + 28);
    const local = bytes.readUInt32LE(at + 42);
    const name = bytes.subarray(at + 46, at + 46 + nameLen).toString();
    expect(bytes.readUInt32LE(local)).toBe(0x04034b50);
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const raw = bytes.subarray(start, start + compressed);
    const data = method === 8 ? inflateRawSync(raw) : Buffer.from(raw);
    expect(data.length, name).toBe(size);
    expect(crc32(data), name).toBe(crc);
    files.set(name, data);
    at += 46 + nameLen + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  return files;
}

const rowsOf = (n: number): Value[][] => Array.from({ length: n }, (_, i) => [`r-${i}`, '01', 1 + (i % 5), i % 2 === 0, `第 ${i} 行`, T0 + i * 1000]);

describe('the streaming xlsx writer', () => {
  it('writes a zip whose every entry inflates to the size and CRC its directory records', async () => {
    const bytes = await bytesOf(rowsOf(2000));
    const files = unzip(bytes);
    expect([...files.keys()].sort()).toEqual(['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml', 'xl/styles.xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']);
    expect(files.get('xl/sharedStrings.xml')!.toString()).toContain('<si><t>01</t></si>'); // the window number repeats: shared
    expect(files.get('xl/worksheets/sheet1.xml')!.toString()).toContain('<row r="2001">');
    const dir = mkdtempSync(join(tmpdir(), 'fk-xlsx-zip-'));
    try {
      const file = join(dir, 'w.xlsx');
      writeFileSync(file, bytes);
      // Two independent readers: Python's zipfile checks every CRC, unzip -t the local headers and data descriptors.
      const py = await run('python3', ['-c', 'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).testzip())', file]);
      expect(py.stdout.trim()).toBe('None');
      const uz = await run('unzip', ['-t', file]).catch((e: { stdout?: string; code?: number }) => (e.code === 127 || e.code === undefined ? null : Promise.reject(e)));
      if (uz) expect(uz.stdout).toContain('No errors detected');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps text as text, numbers as numbers, booleans as booleans, local times as dates and empty cells empty', async () => {
    const rows: Value[][] = [['0001', '01', 3, true, null, T0], ['110101202611240017', '', 5, false, '13812345678', null]];
    const ws = (await load(await bytesOf(rows))).worksheets[0]!;
    expect(ws.name).toBe('评价明细');
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(['记录编号', '窗口号', '评分', '可疑', '留言', '接收时间(本地)']);
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    const a = ws.getRow(2);
    expect(a.getCell(1).value).toBe('0001');
    expect(a.getCell(2).type).toBe(ExcelJS.ValueType.String);
    expect(a.getCell(2).value).toBe('01');
    expect(a.getCell(3).value).toBe(3);
    expect(a.getCell(4).value).toBe(true);
    expect(a.getCell(5).type).toBe(ExcelJS.ValueType.Null);
    expect((a.getCell(6).value as Date).toISOString()).toBe('2026-11-24T07:30:00.000Z');
    expect(a.getCell(6).numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    const b = ws.getRow(3);
    expect(b.getCell(1).value).toBe('110101202611240017');
    expect(b.getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect(b.getCell(4).value).toBe(false);
    expect(b.getCell(5).value).toBe('13812345678');
    expect(b.getCell(6).type).toBe(ExcelJS.ValueType.Null);
    expect(ws.getColumn(5).width).toBe(40);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 });
  });

  it('a local time to the millisecond reads back as the same moment, from midnight to the last millisecond of a day', async () => {
    const day = Date.UTC(2026, 10, 24);
    const times = [day, day + 1, day + 7.5 * 3600_000, day + 86_399_999, Date.UTC(1900, 0, 1), Date.UTC(2099, 11, 31, 23, 59, 59, 999)];
    const ws = (await load(await bytesOf(times.map((t, i) => [`t${i}`, '01', 1, false, null, t])))).worksheets[0]!;
    expect(times.map((_, i) => (ws.getRow(i + 2).getCell(6).value as Date).getTime())).toEqual(times);
    expect([serialText(day), serialText(day + 12 * 3600_000), serialText(day + 1)]).toEqual(['46350', '46350.5', '46350.0000000116']);
    // every ms of a day, sampled: the text reads back (as a spreadsheet rounds it to the ms) to the same time
    for (let ms = 0; ms < 86_400_000; ms += 997) expect(Math.round((Number(serialText(day + ms)) - 25_569) * 86_400_000)).toBe(day + ms);
  });

  it('a date cell holds the days since 1899-12-30 and at most ten decimals, whatever the order of the times written', () => {
    // the definition, written plainly: whole days, then the day's fraction in units of 8.64 µs, trailing zeros dropped
    const plain = (ms: number) => {
      const days = Math.floor(ms / 86_400_000);
      const fraction = String(Math.round((ms - days * 86_400_000) / 0.00864)).padStart(10, '0').replace(/0+$/, '');
      return `${days + 25_569}${fraction ? `.${fraction}` : ''}`;
    };
    fc.assert(fc.property(fc.array(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 0, 1) }), { minLength: 1, maxLength: 20 }),
      (times) => times.every((ms) => serialText(ms) === plain(ms))), { numRuns: 2000 });
  });

  it('a comment with markup characters, Chinese and an emoji round-trips; control characters XML cannot hold are dropped', async () => {
    const comment = '<b>&"窗口"\'少\'</b> 排队太久 😡\u0000\u0001 ok\ttab\nline';
    const ws = (await load(await bytesOf([['x', '01', 1, false, comment, T0], ['y', '02', 2, false, '  spaces kept  ', T0]])) ).worksheets[0]!;
    expect(ws.getRow(2).getCell(5).value).toBe('<b>&"窗口"\'少\'</b> 排队太久 😡 ok\ttab\nline');
    expect(ws.getRow(3).getCell(5).value).toBe('  spaces kept  ');
    expect(xmlText('a\ud800b\udc00c😡')).toBe('abc😡'); // unpaired surrogates go, a pair stays
  });

  it('texts that repeat in a column and texts that never do are each written as given, however many there are', async () => {
    // windows repeat (kept encoded), ids never do (the column stops keeping them), comments mix both with odd characters
    const odd = ['  lead', '<b>&</b>', 'say "hi"', '排队太久 😡', 'trail\t'];
    const rows: Value[][] = Array.from({ length: 1500 }, (_, i) => [
      `id-${i}`, String(i % 7).padStart(2, '0'), 1 + (i % 5), i % 2 === 0, i % 3 === 0 ? odd[i % odd.length]! : `comment ${i % 200}`, T0 + i * 1000,
    ]);
    const ws = (await load(await bytesOf(rows))).worksheets[0]!;
    for (let i = 0; i < rows.length; i++) {
      const cells = ws.getRow(i + 2);
      expect([cells.getCell(1).value, cells.getCell(2).value, cells.getCell(5).value], `row ${i + 2}`).toEqual([rows[i]![0], rows[i]![1], rows[i]![4]]);
    }
  });

  it('text that looks like a spreadsheet character escape (_x0041_) is written so a spreadsheet shows it as typed, not as "A"', async () => {
    expect(cellText('code _x0041_ and _x004a_, not_x12_')).toBe('code _x005F_x0041_ and _x005F_x004a_, not_x12_');
    // a short text is a shared string, a long one inline: both escaped
    const long = `code _x0041_ ${'x'.repeat(70)}`;
    const files = unzip(await bytesOf([['x', '01', 1, false, 'code _x0041_', T0], ['y', '01', 1, false, long, T0]]));
    expect(files.get('xl/sharedStrings.xml')!.toString()).toContain('<t>code _x005F_x0041_</t>');
    expect(files.get('xl/worksheets/sheet1.xml')!.toString()).toContain(`<t>${cellText(long)}</t>`);
    expect(cellText(long)).toContain('_x005F_x0041_');
  });

  it('past the row limit the rows go on in a further sheet, each with its header, widths and print titles', async () => {
    const bytes = await bytesOf(rowsOf(25), { rowsPerSheet: 10 });
    const wb = await load(bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['评价明细', '评价明细 2', '评价明细 3']);
    expect(wb.worksheets.map((w) => w.rowCount)).toEqual([11, 11, 6]);
    expect(wb.worksheets[1]!.getRow(1).getCell(1).value).toBe('记录编号');
    expect(wb.worksheets[1]!.getRow(2).getCell(1).value).toBe('r-10');
    expect(wb.worksheets[2]!.getRow(6).getCell(1).value).toBe('r-24');
    expect(wb.worksheets[2]!.getColumn(1).width).toBe(38);
    const workbook = unzip(bytes).get('xl/workbook.xml')!.toString();
    expect(workbook).toContain('<definedName name="_xlnm.Print_Titles" localSheetId="2">\'评价明细 3\'!$1:$1</definedName>');
  });

  it('a sheet part never passes its byte limit: the rows go on in a further sheet, and a workbook past the archive limit fails clearly', async () => {
    const bytes = await bytesOf(rowsOf(300), { bytesPerSheet: 20_000 });
    const files = unzip(bytes);
    const sheets = [...files.keys()].filter((n) => n.startsWith('xl/worksheets/'));
    expect(sheets.length).toBeGreaterThan(1);
    for (const s of sheets) expect(files.get(s)!.length).toBeLessThanOrEqual(20_000);
    const wb = await load(bytes);
    expect(wb.worksheets.reduce((n, w) => n + w.rowCount - 1, 0)).toBe(300);
    await expect(bytesOf(rowsOf(300), { bytesPerArchive: 4_000 })).rejects.toThrow(/zip without zip64/);
  });

  it('a reader that stops mid-way ends the writer: no further pages are read and the source is closed', async () => {
    let read = 0;
    let closed = false;
    async function* source(): AsyncGenerator<Value[][]> {
      try {
        for (let p = 0; p < 1000; p++) { read++; yield rowsOf(500); }
      } finally { closed = true; }
    }
    const chunks = xlsxStream(COLUMNS, source(), { sheetName: '评价明细' });
    await chunks.next();
    await chunks.next();
    expect(await chunks.return(undefined)).toEqual({ done: true, value: undefined });
    expect(closed).toBe(true);
    expect(read).toBeLessThanOrEqual(2);
    for (let i = 0; i < 20; i++) await new Promise<void>((ok) => setImmediate(ok));
    expect(read).toBeLessThanOrEqual(2);
  });

  it.skipIf(!SOFFICE)('LibreOffice opens every sheet of a split workbook with markup, emoji and Chinese intact', async () => {
    const rows = rowsOf(25);
    rows[0]![4] = '<b>&"窗口"\'少\'</b> 排队 😡\u0000\u0001 end';
    rows[1]![4] = 'code _x0041_';
    const dir = mkdtempSync(join(tmpdir(), 'fk-xlsx-lo-'));
    try {
      writeFileSync(join(dir, 'w.xlsx'), await bytesOf(rows, { rowsPerSheet: 10 }));
      // One CSV per sheet (the filter's last option), UTF-8 (76), values as shown (dates formatted).
      await run(SOFFICE!, ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1',
        '--outdir', dir, join(dir, 'w.xlsx')], { timeout: 300_000 });
      const sheet = (name: string) => readFileSync(join(dir, `w-${name}.csv`), 'utf8').trimEnd().split('\n');
      const first = sheet('评价明细');
      expect(first[0]).toBe('记录编号,窗口号,评分,可疑,留言,接收时间(本地)');
      expect(first[1]).toBe('r-0,01,1,TRUE,"<b>&""窗口""\'少\'</b> 排队 😡 end",2026-11-24 07:30:00');
      expect(first[2]).toMatch(/^r-1,01,.*,code _x0041_,/);
      expect(first).toHaveLength(11);
      expect(sheet('评价明细 2')[1]).toMatch(/^r-10,01,/);
      expect(sheet('评价明细 3')).toHaveLength(6);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 320_000);

  it('names columns past Z as a spreadsheet does', () => {
    expect([0, 25, 26, 27, 51, 52, 701, 702].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
  });
});
