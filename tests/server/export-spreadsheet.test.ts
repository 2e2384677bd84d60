import { describe, it, expect } from 'vitest';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { makeEndpoint, enrol, signIn, syncRequest, response } from './testkit';
import { uuidv7 } from '../../src/shared/ids';
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

const CASE_NO = '110101202611240017'; // 18 digits: Excel keeps 15 significant digits of a number

/** A hall with a kiosk rating at 23:30 UTC (07:30 next day in Shanghai) and a phone rating of an 18-digit case. */
async function hall() {
  let now = Date.parse('2026-11-24T06:00:00Z'); // the case is issued at 14:00 in the hall, rated five minutes later
  const ep = await makeEndpoint({ now: () => now });
  const token = await enrol(ep.app);
  const admin = await signIn(ep.app, ep.store, 'admin');
  await ep.app.request('/api/v1/sync', syncRequest(token, { records: [response({ score: 2, reasons: ['slow'], phone: '13812345678', deviceTime: '2026-11-23T23:30:00.000Z' })] }));
  const c = await ep.app.request('/api/v1/qr/case', {
    method: 'POST', headers: { 'content-type': 'application/json', cookie: admin.cookie, 'x-csrf-token': admin.csrf }, body: JSON.stringify({ windowId: 'w01', caseNo: CASE_NO }),
  });
  const { token: qr } = (await c.json()) as { token: string };
  now = Date.parse('2026-11-24T06:06:00Z');
  const q = await ep.app.request('/api/v1/q/sync', syncRequest(null, { deviceId: uuidv7(), records: [response({ channel: 'qr', staffId: null, token: qr, score: 5, deviceTime: '2026-11-24T06:05:09.000Z' })] }));
  const qBody = await q.text();
  expect(qBody, qBody).toContain('"status":"stored"');
  return { ep, admin };
}

async function get(ep: Awaited<ReturnType<typeof hall>>['ep'], url: string, cookie: string) {
  const res = await ep.app.request(url, { headers: { cookie } });
  expect(res.status).toBe(200);
  return { res, bytes: Buffer.from(await res.arrayBuffer()) };
}

describe('exports that spreadsheets keep true', () => {
  it('the xlsx read back keeps "01", the 18-digit case number and an unmasked phone as text, and local times as dates', async () => {
    const { ep, admin } = await hall();
    const res = await ep.app.request('/api/v1/export/responses.xlsx?from=2026-11-01&to=2026-11-30', {
      method: 'POST', headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ csrf: admin.csrf, reason: '回访核实' }).toString(),
    });
    expect(res.status).toBe(200);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toContain('responses_2026-11-01_2026-11-30_site-demo.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('评价明细');
    const header = (ws.getRow(1).values as unknown[]).slice(1) as string[];
    expect(header.slice(0, 6)).toEqual(['记录编号', '大厅', '窗口ID', '窗口号', '工作人员ID', '评分']);
    const at = (name: string) => header.indexOf(name) + 1;
    const rows = [2, 3].map((i) => ws.getRow(i));
    const kiosk = rows.find((r) => r.getCell(at('渠道')).value === 'kiosk')!;
    const phone = rows.find((r) => r.getCell(at('渠道')).value === 'qr')!;

    expect(kiosk.getCell(at('窗口号')).value).toBe('01');
    expect(kiosk.getCell(at('窗口号')).type).toBe(ExcelJS.ValueType.String);
    expect(kiosk.getCell(at('联系电话')).value).toBe('13812345678');
    expect(kiosk.getCell(at('联系电话')).type).toBe(ExcelJS.ValueType.String);
    expect(kiosk.getCell(at('评分')).value).toBe(2);
    expect(kiosk.getCell(at('窗口名称')).value).toBe('综合受理');
    expect(kiosk.getCell(at('工号')).value).toBe('1001');
    expect(kiosk.getCell(at('工作人员')).value).toBe('王丽');
    const local = kiosk.getCell(at('评价时间(本地)'));
    expect(local.type).toBe(ExcelJS.ValueType.Date);
    // A date cell holds the wall clock; 23:30 UTC is 07:30 the next morning in the hall (Asia/Shanghai).
    expect((local.value as Date).toISOString()).toBe('2026-11-24T07:30:00.000Z');
    expect(local.numFmt).toBe('yyyy-mm-dd hh:mm:ss');

    expect(phone.getCell(at('办件编号')).value).toBe(CASE_NO);
    expect(phone.getCell(at('办件编号')).type).toBe(ExcelJS.ValueType.String);
    expect((phone.getCell(at('评价时间(本地)')).value as Date).toISOString()).toBe('2026-11-24T14:05:09.000Z');
    expect(ws.getColumn(at('留言')).width).toBeGreaterThanOrEqual(30);
  });

  it('CSV gains hall-local times, window and staff names, and Chinese headers on request; phones stay masked', async () => {
    const { ep, admin } = await hall();
    const en = parse((await get(ep, '/api/v1/export/responses.csv?from=2026-11-01&to=2026-11-30', admin.cookie)).bytes, { bom: true, columns: true }) as Record<string, string>[];
    const kiosk = en.find((r) => r.channel === 'kiosk')!;
    expect(kiosk).toMatchObject({ window_number: '01', window_name: '综合受理', staff_number: '1001', staff_name: '王丽', phone: '138****5678',
      device_time_local: '2026-11-24 07:30:00', day: '2026-11-24' });
    const zh = parse((await get(ep, '/api/v1/export/responses.csv?from=2026-11-01&to=2026-11-30&headers=zh', admin.cookie)).bytes, { bom: true, columns: true }) as Record<string, string>[];
    expect(zh.find((r) => r['渠道'] === 'qr')).toMatchObject({ '办件编号': CASE_NO, '评价时间(本地)': '2026-11-24 14:05:09', '窗口号': '01' });
    const bad = await ep.app.request('/api/v1/export/responses.csv?headers=fr', { headers: { cookie: admin.cookie } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ field: 'headers' });
  });

  it('daily CSV gives rates as percentages with one decimal, in Chinese on request', async () => {
    const { ep, admin } = await hall();
    const rows = parse((await get(ep, '/api/v1/export/daily.csv?from=2026-11-24&to=2026-11-24&headers=zh', admin.cookie)).bytes, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toEqual([expect.objectContaining({ '日期': '2026-11-24', '评价数': '2', '满意率(≥4)': '50.0%', '差评率(≤2)': '50.0%' })]);
  });

  it('JSON Lines gives hall-local times as text and keeps the case number a string', async () => {
    const { ep, admin } = await hall();
    const text = (await get(ep, '/api/v1/export/responses.jsonl?from=2026-11-01&to=2026-11-30', admin.cookie)).bytes.toString('utf8');
    const lines = text.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.find((l) => l.channel === 'qr')).toMatchObject({ case_no: CASE_NO, device_time_local: '2026-11-24 14:05:09', window_number: '01' });
  });
});

const SOFFICE = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => existsSync(p));

describe('an export opened in a spreadsheet program', () => {
  it.skipIf(!SOFFICE)('LibreOffice shows Chinese headers, window "01", the 18-digit case number and hall-local times', async () => {
    const { ep, admin } = await hall();
    const comments = ['办事很快，谢谢', '排队时间太长，希望多开窗口', '工作人员很耐心', '材料一次性告知，很好'];
    const token = await enrol(ep.app, 'w02');
    await ep.app.request('/api/v1/sync', syncRequest(token, { records: Array.from({ length: 12 }, (_, i) => response({
      windowId: 'w02', staffId: 's1002', score: [5, 4, 2, 5, 3, 5, 4, 1, 5, 5, 4, 5][i], reasons: [2, 1].includes([5, 4, 2, 5, 3, 5, 4, 1, 5, 5, 4, 5][i]!) ? ['slow'] : [],
      comment: i % 3 === 0 ? comments[(i / 3) % 4] : undefined, deviceTime: new Date(Date.parse('2026-11-24T01:00:00Z') + i * 1_700_000).toISOString(),
    })) }));
    const dir = mkdtempSync(join(tmpdir(), 'fk-xlsx-'));
    writeFileSync(join(dir, 'responses.xlsx'), (await get(ep, '/api/v1/export/responses.xlsx?from=2026-11-01&to=2026-11-30', admin.cookie)).bytes);
    await run(SOFFICE!, ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', dir, join(dir, 'responses.xlsx')], { timeout: 400_000 });
    const text = (await run('pdftotext', ['-layout', join(dir, 'responses.pdf'), '-'])).stdout;
    expect(text).toContain('记录编号');
    expect(text).toContain(CASE_NO);
    expect(text).toMatch(/\b01\b/);
    if (process.env.SCREENSHOTS === '1') {
      await run('pdftoppm', ['-png', '-r', '220', '-f', '1', '-l', '1', '-x', '0', '-y', '60', '-W', '2600', '-H', '520', '-singlefile', join(dir, 'responses.pdf'), join(dir, 'page')]);
      copyFileSync(join(dir, 'page.png'), resolve(import.meta.dirname, '../../docs/screenshots/export-xlsx-libreoffice.png'));
    }
    rmSync(dir, { recursive: true, force: true });
  }, 480_000);
});
