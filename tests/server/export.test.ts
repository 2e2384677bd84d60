import { describe, it, expect } from 'vitest';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { makeEndpoint, enrol, signIn, syncRequest, response, auditOf } from './testkit';
import { uuidv7 } from '../../src/shared/ids';

const NOW = Date.parse('2026-11-25T02:00:00Z');
const NASTY = '=HYPERLINK("http://evil.example","点我"), 他说："排队太久"\r\n第二行, 还有逗号';

async function hallWithData() {
  const ep = await makeEndpoint({ now: () => NOW });
  const token = await enrol(ep.app);
  await ep.app.request('/api/v1/sync', syncRequest(token, {
    records: [
      response({ score: 1, reasons: ['slow', 'attitude'], comment: NASTY, phone: '13812345678', deviceTime: '2026-11-24T03:00:00.000Z' }),
      response({ score: 5, comment: '+1 很好', deviceTime: '2026-11-24T04:00:00.000Z' }),
      { type: 'suggestion', id: uuidv7(), rev: 0, seq: 900, windowId: 'w01', staffId: null, category: 'complaint', text: '@SUM(1+1) 空调太冷', contact: '王女士 13900001111', deviceTime: '2026-11-24T05:00:00.000Z', channel: 'kiosk' },
    ],
  }));
  await ep.app.request('/api/v1/sync', syncRequest(await enrol(ep.app, 'w02'), { records: [response({ score: 4, windowId: 'w02', deviceTime: '2026-11-03T04:00:00.000Z' })] }));
  return ep;
}

async function download(ep: Awaited<ReturnType<typeof makeEndpoint>>, url: string, who: { cookie: string }) {
  const res = await ep.app.request(url, { headers: { cookie: who.cookie } });
  return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
}

/** A personal-data download as the admin page's form posts it: the filters in the URL, csrf and reason in the body. */
async function formDownload(ep: Awaited<ReturnType<typeof makeEndpoint>>, url: string, who: { cookie: string }, fields: Record<string, string>) {
  const res = await ep.app.request(url, {
    method: 'POST',
    headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
}

/** The status and the field a refusal names. */
function refusal({ res, bytes }: { res: Response; bytes: Uint8Array }): { status: number; field: unknown; message: string } {
  const body = JSON.parse(new TextDecoder().decode(bytes)) as { field?: unknown; message: string };
  return { status: res.status, field: body.field, message: body.message };
}

function rows(bytes: Uint8Array): Record<string, string>[] {
  return parse(Buffer.from(bytes), { bom: true, columns: true, record_delimiter: '\r\n' }) as Record<string, string>[];
}

describe('CSV exports that Excel opens', () => {
  it('starts with a UTF-8 BOM, ends every line with CRLF and is named for what and when', async () => {
    const ep = await hallWithData();
    const admin = await signIn(ep.app, ep.store, 'admin');
    const { res, bytes } = await download(ep, '/api/v1/export/responses.csv?from=2026-11-01&to=2026-11-30', admin);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="responses_2026-11-01_2026-11-30_site-demo.csv"');
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    expect(text.endsWith('\r\n')).toBe(true);
    expect(/(?<!\r)\n/.test(text)).toBe(false);
    expect(text.slice(0, text.indexOf('\r\n'))).toMatch(/^id,site_id,window_id,window_number,staff_id,score,score_label_zh,.*,received_at,window_name,staff_number,staff_name,device_time_local,received_at_local$/);
  });

  it('a comment with quotes, commas, newlines and =HYPERLINK(…) parses back intact, guarded against formula evaluation', async () => {
    const ep = await hallWithData();
    const admin = await signIn(ep.app, ep.store, 'admin');
    const parsed = rows((await download(ep, '/api/v1/export/responses.csv?from=2026-11-01&to=2026-11-30', admin)).bytes);
    expect(parsed).toHaveLength(3);
    const bad = parsed.find((r) => r.score === '1')!;
    expect(bad.comment).toBe(`'${NASTY}`);
    expect(bad.reasons).toBe('slow;attitude');
    expect(bad.reasons_zh).toBe('办事效率低；服务态度差');
    expect(bad.score_label_zh).toBe('非常不满意');
    expect(parsed.find((r) => r.score === '5')!.comment).toBe("'+1 很好");
  });

  it('phone numbers are masked by default', async () => {
    const ep = await hallWithData();
    const admin = await signIn(ep.app, ep.store, 'admin');
    const { bytes } = await download(ep, '/api/v1/export/responses.csv?from=2026-11-01&to=2026-11-30', admin);
    expect(rows(bytes).find((r) => r.score === '1')!.phone).toBe('138****5678');
    expect(Buffer.from(bytes).toString('utf8')).not.toContain('13812345678');
    const sugg = rows((await download(ep, '/api/v1/export/suggestions.csv?from=2026-11-01&to=2026-11-30', admin)).bytes);
    expect(sugg[0]).toMatchObject({ category: 'complaint', category_zh: '投诉', text: "'@SUM(1+1) 空调太冷", contact: '王女士 139****1111' });
  });

  it('a telephone number a citizen typed into a comment or a suggestion is masked in CSV, JSON Lines and xlsx; an admin asking for personal data gets it whole', async () => {
    const ep = await makeEndpoint({ now: () => NOW });
    const token = await enrol(ep.app);
    await ep.app.request('/api/v1/sync', syncRequest(token, {
      records: [
        response({ score: 1, reasons: ['slow'], comment: '请回电13812345678，或座机010-62345678', deviceTime: '2026-11-24T03:00:00.000Z' }),
        response({ score: 2, reasons: ['slow'], comment: '11月23日下午3:30，等了120分钟', deviceTime: '2026-11-24T03:10:00.000Z' }),
        { type: 'suggestion', id: uuidv7(), rev: 0, seq: 901, windowId: 'w01', staffId: null, category: 'complaint', text: '联系我 139 8765 4321', deviceTime: '2026-11-24T05:00:00.000Z', channel: 'kiosk' },
        response({ score: 1, reasons: ['slow'], comment: '全角：１３９１２３４５６７８', deviceTime: '2026-11-24T03:20:00.000Z' }),
      ],
    }));
    const admin = await signIn(ep.app, ep.store, 'admin');
    const range = 'from=2026-11-01&to=2026-11-30';
    const comments = rows((await download(ep, `/api/v1/export/responses.csv?${range}`, admin)).bytes).map((r) => r.comment);
    expect(comments).toEqual(['请回电138****5678，或座机010****5678', '11月23日下午3:30，等了120分钟', '全角：139****5678']);
    const json = new TextDecoder().decode((await download(ep, `/api/v1/export/responses.jsonl?${range}`, admin)).bytes);
    expect(json).toContain('请回电138****5678，或座机010****5678');
    expect(json).toContain('全角：139****5678');
    expect(json).not.toContain('13812345678');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await download(ep, `/api/v1/export/responses.xlsx?${range}`, admin)).bytes as unknown as ArrayBuffer);
    const sheetText: string[] = [];
    wb.worksheets[0]!.eachRow((r) => r.eachCell((c) => { sheetText.push(String(c.value)); }));
    expect(sheetText).toContain('请回电138****5678，或座机010****5678');
    expect(sheetText.join('\n')).not.toContain('13812345678');
    expect(sheetText).toContain('全角：139****5678');
    expect(rows((await download(ep, `/api/v1/export/suggestions.csv?${range}`, admin)).bytes)[0]!.text).toBe('联系我 139****4321');
    const clear = await formDownload(ep, `/api/v1/export/responses.csv?${range}`, admin, { csrf: admin.csrf, reason: '回访差评来电' });
    expect(clear.res.status, new TextDecoder().decode(clear.bytes)).toBe(200);
    expect(rows(clear.bytes)[0]!.comment).toBe('请回电13812345678，或座机010-62345678');
  });

  it('an admin downloads phone numbers in clear by posting the form with a reason, the same attachment, written to the audit log with the reason', async () => {
    const ep = await hallWithData();
    const admin = await signIn(ep.app, ep.store, 'admin');
    const url = '/api/v1/export/responses.csv?from=2026-11-01&to=2026-11-30';
    const { res, bytes } = await formDownload(ep, url, admin, { csrf: admin.csrf, reason: ' 回访差评 ' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="responses_2026-11-01_2026-11-30_site-demo.csv"');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(rows(bytes).find((r) => r.score === '1')!.phone).toBe('13812345678');
    const [entry] = await auditOf(ep.store, 'export');
    expect(JSON.parse(String(entry!.detail))).toMatchObject({ what: 'responses', format: 'csv', personalData: true, reason: '回访差评', from: '2026-11-01', to: '2026-11-30', site: 'demo' });
    const sugg = await formDownload(ep, '/api/v1/export/suggestions.jsonl?from=2026-11-01&to=2026-11-30', admin, { csrf: admin.csrf, reason: '投诉人回访' });
    expect(sugg.res.headers.get('content-disposition')).toBe('attachment; filename="suggestions_2026-11-01_2026-11-30_site-demo.jsonl"');
    expect(new TextDecoder().decode(sugg.bytes)).toContain('王女士 13900001111');
  });

  it('a personal-data download without a reason of four characters, or without the session\'s csrf token, is refused naming the field, and nothing is exported or audited', async () => {
    const ep = await hallWithData();
    const admin = await signIn(ep.app, ep.store, 'admin');
    const url = '/api/v1/export/responses.csv?from=2026-11-01&to=2026-11-30';
    expect(refusal(await formDownload(ep, url, admin, { csrf: admin.csrf }))).toMatchObject({ status: 400, field: 'reason' });
    expect(refusal(await formDownload(ep, url, admin, { csrf: admin.csrf, reason: ' 回访 ' }))).toMatchObject({ status: 400, field: 'reason' });
    expect(refusal(await formDownload(ep, url, admin, { reason: '回访差评' }))).toMatchObject({ status: 403, field: 'csrf' });
    expect(refusal(await formDownload(ep, url, admin, { csrf: `${admin.csrf.slice(0, -1)}${admin.csrf.endsWith('x') ? 'y' : 'x'}`, reason: '回访差评' }))).toMatchObject({ status: 403, field: 'csrf' });
    // The header that other writes carry does not stand in for the form's field.
    const headerOnly = await ep.app.request(url, {
      method: 'POST', headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/x-www-form-urlencoded' }, body: 'reason=%E5%9B%9E%E8%AE%BF%E5%B7%AE%E8%AF%84',
    });
    expect(headerOnly.status).toBe(403);
    expect(await auditOf(ep.store, 'export')).toHaveLength(0);
  });

  it('a download link asking for personal data is refused naming personal: the reason and the csrf token go in a POST body, never in a URL', async () => {
    const ep = await hallWithData();
    const admin = await signIn(ep.app, ep.store, 'admin');
    for (const format of ['csv', 'jsonl', 'xlsx']) {
      const link = `/api/v1/export/responses.${format}?from=2026-11-01&to=2026-11-30&personal=1&reason=${encodeURIComponent('回访差评')}&csrf=${admin.csrf}`;
      const refused = refusal(await download(ep, link, admin));
      expect(refused).toMatchObject({ status: 400, field: 'personal' });
      expect(refused.message).toMatch(/POST.*reason.*body/);
    }
    expect(await auditOf(ep.store, 'export')).toHaveLength(0);
    // The masked download stays a link.
    const masked = await download(ep, '/api/v1/export/responses.csv?from=2026-11-01&to=2026-11-30&personal=0', admin);
    expect(masked.res.status).toBe(200);
    expect(rows(masked.bytes).find((r) => r.score === '1')!.phone).toBe('138****5678');
  });

  it('a supervisor exports their own site masked, cannot ask for personal data, and cannot export another site', async () => {
    const ep = await hallWithData();
    const sup = await signIn(ep.app, ep.store, 'supervisor', ['demo']);
    const own = await download(ep, '/api/v1/export/responses.csv?site=demo&from=2026-11-01&to=2026-11-30', sup);
    expect(own.res.status).toBe(200);
    expect(rows(own.bytes).find((r) => r.score === '1')!.phone).toBe('138****5678');
    const asked = await formDownload(ep, '/api/v1/export/responses.csv?site=demo&from=2026-11-01&to=2026-11-30', sup, { csrf: sup.csrf, reason: 'because' });
    expect(refusal(asked)).toMatchObject({ status: 403, field: 'personal' });
    const stranger = await signIn(ep.app, ep.store, 'supervisor', ['other-hall']);
    expect((await download(ep, '/api/v1/export/responses.csv?site=demo', stranger)).res.status).toBe(403);
    expect((await auditOf(ep.store, 'export')).map((e) => JSON.parse(String(e.detail)).personalData)).toEqual([false]);
  });

  it('the dashboard filters apply: one window, and the GB/T 39046 code column on request', async () => {
    const ep = await hallWithData();
    const admin = await signIn(ep.app, ep.store, 'admin');
    const { res, bytes } = await download(ep, '/api/v1/export/responses.csv?from=2026-11-01&to=2026-11-30&window=w02&gb=1', admin);
    expect(res.headers.get('content-disposition')).toContain('responses_2026-11-01_2026-11-30_site-demo_window-w02.csv');
    const parsed = rows(bytes);
    expect(parsed).toHaveLength(1);
    expect(parsed[0]).toMatchObject({ window_id: 'w02', score: '4', score_gbt39046_code: '2' });
  });

  it('daily aggregates give one row per day with counts and the named rates', async () => {
    const ep = await hallWithData();
    const admin = await signIn(ep.app, ep.store, 'admin');
    const parsed = rows((await download(ep, '/api/v1/export/daily.csv?from=2026-11-23&to=2026-11-24', admin)).bytes);
    expect(parsed.map((r) => r.day)).toEqual(['2026-11-23', '2026-11-24']);
    expect(parsed[1]).toMatchObject({ total: '2', very_satisfied_5: '1', very_dissatisfied_1: '1', satisfaction_rate_ge4: '50.0%', bad_rate_le2: '50.0%' });
  });

  it('the JSON Lines variant has one object per line with the same fields and no BOM', async () => {
    const ep = await hallWithData();
    const admin = await signIn(ep.app, ep.store, 'admin');
    const { res, bytes } = await download(ep, '/api/v1/export/responses.jsonl?from=2026-11-01&to=2026-11-30', admin);
    expect(res.headers.get('content-disposition')).toContain('responses_2026-11-01_2026-11-30_site-demo.jsonl');
    expect(bytes[0]).toBe('{'.charCodeAt(0));
    const lines = new TextDecoder().decode(bytes).trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(3);
    expect(lines.find((l) => l.score === 1)).toMatchObject({ comment: NASTY, phone: '138****5678', suspect: false });
  });
});
