/** The case export (cases.csv) streams page by page with the same masking and audit as before. */
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { makeEndpoint, auditOf } from './testkit';
import { badReview, complaint, get, kiosk, listCases, person } from './cases-kit';
import { CASE_PAGE } from '../../src/server/export/cases';

const MON = Date.parse('2026-11-23T18:00:00+08:00');
const CASES = CASE_PAGE * 2 + 37; // three pages, the last one short

/**
 * A hall whose month holds more cases than two pages: bad reviews five minutes apart, one in nine without a phone,
 * and complaints; the first 600 reach the endpoint (and open their cases) a day before the rest.
 */
async function busyHall() {
  let now = MON - 86_400_000;
  const ep = await makeEndpoint({ now: () => now });
  const send = await kiosk(ep);
  const records = Array.from({ length: CASES }, (_, i) => {
    const deviceTime = new Date(MON - (CASES - i) * 5 * 60_000).toISOString();
    if (i % 10 === 9) return complaint({ deviceTime, contact: '13900001111' });
    return badReview({ deviceTime, seq: i + 1, ...(i % 9 === 0 ? { phone: undefined } : {}) });
  });
  for (let i = 0; i < records.length; i += 200) {
    if (i === 600) now = MON;
    await send(...records.slice(i, i + 200));
  }
  return ep;
}

/** A personal-data download as a form posts it: the range in the URL, csrf and reason in the body. */
const postForm = (ep: Awaited<ReturnType<typeof busyHall>>, who: { cookie: string }, url: string, fields: Record<string, string>) => ep.app.request(url, {
  method: 'POST', headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString(),
});

const csvRows = (text: string) => parse(text.replace(/^\uFEFF/, ''), { columns: true }) as Array<Record<string, string>>;

describe('the case export', { timeout: 60_000 }, () => {
  it('every case opened in the range comes out once, in opening order, with phones masked and the export audited', async () => {
    const ep = await busyHall();
    const sup = await person(ep, 'supervisor', { sites: ['demo'] });
    const total = (await listCases(ep, sup, '&state=')).total;
    expect(total).toBeGreaterThan(CASE_PAGE * 2);
    const r = await get(ep, sup, '/api/v1/cases.csv?site=demo&from=2026-11-01&to=2026-11-30');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-disposition')).toContain('cases_2026-11-01_2026-11-30_site-demo.csv');
    const text = await r.text();
    const rows = csvRows(text);
    expect(rows).toHaveLength(total);
    expect(new Set(rows.map((x) => x.number)).size).toBe(total);
    const opened = rows.map((x) => Date.parse(x.opened_at!));
    expect(opened).toEqual([...opened].sort((a, b) => a - b));
    // Each time also on the hall's clock (Shanghai, UTC+8), as a spreadsheet shows it.
    for (const x of rows.slice(0, 50)) {
      expect(x.opened_at_local).toBe(new Date(Date.parse(x.opened_at!) + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' '));
      expect(x.due_at_local).toBe(new Date(Date.parse(x.due_at!) + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' '));
      expect(x.closed_at_local).toBe(x.closed_at ? new Date(Date.parse(x.closed_at) + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ') : '');
    }
    expect(text).not.toContain('13812345678');
    expect(text).not.toContain('13900001111');
    expect(rows.filter((x) => x.phone === '138****5678').length).toBeGreaterThan(CASE_PAGE);
    expect(rows.some((x) => x.phone === '')).toBe(true);
    const audits = await auditOf(ep.store, 'export');
    expect(audits.filter((e) => String(e.detail).includes('"what":"cases"'))).toHaveLength(1);
  });

  it('an admin who posts the form with a reason gets the phone numbers, and the reason is in the audit log; a link asking for them, a form without the csrf token and a supervisor are refused', async () => {
    const ep = await busyHall();
    const admin = await person(ep, 'admin');
    const sup = await person(ep, 'supervisor', { sites: ['demo'] });
    const url = '/api/v1/cases.csv?site=demo&from=2026-11-01&to=2026-11-30';
    const refusal = async (r: Response) => ({ status: r.status, field: ((await r.json()) as { field?: string }).field });

    const link = await get(ep, admin, `${url}&personal=1&reason=${encodeURIComponent('回访核对')}&csrf=${admin.csrf}`);
    expect(await refusal(link)).toEqual({ status: 400, field: 'personal' });
    expect(await refusal(await postForm(ep, admin, url, { csrf: admin.csrf, reason: 'x' }))).toEqual({ status: 400, field: 'reason' });
    expect(await refusal(await postForm(ep, admin, url, { reason: '回访核对' }))).toEqual({ status: 403, field: 'csrf' });
    expect(await refusal(await postForm(ep, sup, url, { csrf: sup.csrf, reason: '回访核对' }))).toEqual({ status: 403, field: 'personal' });
    expect(await auditOf(ep.store, 'export')).toHaveLength(0);

    const r = await postForm(ep, admin, url, { csrf: admin.csrf, reason: '回访核对' });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-disposition')).toBe('attachment; filename="cases_2026-11-01_2026-11-30_site-demo.csv"');
    expect(r.headers.get('cache-control')).toBe('no-store');
    const rows = csvRows(await r.text());
    expect(rows.filter((x) => x.phone === '13812345678').length).toBeGreaterThan(CASE_PAGE);
    expect(rows.some((x) => x.phone === '13900001111')).toBe(true);
    const [entry] = await auditOf(ep.store, 'export');
    expect(JSON.parse(String(entry!.detail))).toMatchObject({ what: 'cases', personalData: true, reason: '回访核对' });
  });

  it('a narrower range leaves out the cases opened outside it', async () => {
    const ep = await busyHall();
    const sup = await person(ep, 'supervisor', { sites: ['demo'] });
    const all = csvRows(await (await get(ep, sup, '/api/v1/cases.csv?site=demo&from=2026-11-01&to=2026-11-30')).text());
    const lastDay = csvRows(await (await get(ep, sup, '/api/v1/cases.csv?site=demo&from=2026-11-23&to=2026-11-23')).text());
    expect(all).toHaveLength(CASES);
    expect(lastDay).toHaveLength(CASES - 600);
    expect(lastDay.map((x) => x.number)).toEqual(all.slice(all.length - lastDay.length).map((x) => x.number));
  });
});
