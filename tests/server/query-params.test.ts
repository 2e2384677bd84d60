/** Every query parameter is checked before use: a bad one is a 400 that names it, never a 500. */
import { describe, it, expect, beforeAll } from 'vitest';
import { makeEndpoint, signIn } from './testkit';
import { ROUTE_CREDENTIALS } from '../../src/server/auth/credentials';

let ep: Awaited<ReturnType<typeof makeEndpoint>>;
let cookie: string;
let csrf: string;

beforeAll(async () => {
  ep = await makeEndpoint();
  ({ cookie, csrf } = await signIn(ep.app, ep.store, 'admin', ['demo']));
});

const get = (url: string) => ep.app.request(`http://hall.local${url}`, { headers: { cookie } });

async function expectNamed(url: string, field: string): Promise<void> {
  const res = await get(url);
  expect(res.status, url).toBe(400);
  expect(((await res.json()) as { field?: string }).field, url).toBe(field);
}

describe('query parameters', () => {
  it('a date range ending on "x" is refused naming `to`, on the stats and on the audit log', async () => {
    await expectNamed('/api/v1/stats/daily?to=x', 'to');
    await expectNamed('/api/v1/admin/audit?to=x', 'to');
    await expectNamed('/api/v1/admin/audit.csv?to=x', 'to');
    await expectNamed('/api/v1/stats/ranking?from=2026-02-30', 'from');
  });

  it('a range whose start is after its end is refused as a range (bad_range) naming its start, on the stats, the exports, the follow-up figures and the case export', async () => {
    for (const url of ['/api/v1/stats/daily', '/api/v1/export/responses.csv', '/api/v1/case-figures', '/api/v1/cases.csv']) {
      const res = await get(`${url}?site=demo&from=2026-12-07&to=2026-12-01`);
      expect(res.status, url).toBe(400);
      expect(await res.json(), url).toMatchObject({ error: 'bad_range', field: 'from' });
    }
  });

  it('the follow-up figures, given only a start past the end of this month, name the start; given only an end before this month, the end', async () => {
    const november = await makeEndpoint({ now: () => Date.parse('2026-11-15T04:00:00Z') });
    const admin = await signIn(november.app, november.store, 'admin', ['demo']);
    const refusal = async (query: string) => {
      const res = await november.app.request(`http://hall.local/api/v1/case-figures?site=demo&${query}`, { headers: { cookie: admin.cookie } });
      expect(res.status, query).toBe(400);
      return res.json();
    };
    expect(await refusal('from=2026-12-07')).toMatchObject({ error: 'bad_range', field: 'from', message: 'from (2026-12-07) must not be after to (2026-11-30, the end of this month)' });
    expect(await refusal('to=2026-10-15')).toMatchObject({ error: 'bad_range', field: 'to', message: 'to (2026-10-15) must not be before from (2026-11-01, the start of this month)' });
  });

  it('switches, pages and scores that are not what they claim are refused by name', async () => {
    await expectNamed('/api/v1/stats/daily?suspect=yes', 'suspect');
    await expectNamed('/api/v1/admin/audit?before=abc', 'before');
    await expectNamed('/api/v1/stats/feedback?score=1e400', 'score');
    await expectNamed('/api/v1/stats/month?month=2026-13', 'month');
  });

  it('a NUL or other control character in a searched or filtered text is refused naming the parameter', async () => {
    await expectNamed('/api/v1/stats/feedback?q=%00', 'q');
    await expectNamed('/api/v1/stats/feedback?q=a%0Db', 'q');
    await expectNamed('/api/v1/admin/audit?action=%00', 'action');
    await expectNamed('/api/v1/admin/audit.csv?actor=%00', 'actor');
    await expectNamed('/api/v1/cases?window=%00', 'window');
    await expectNamed('/api/v1/cases?staff=%00', 'staff');
    await expectNamed('/api/v1/cases?assignee=x%7F', 'assignee');
    await expectNamed('/api/v1/stats/daily?staff=%00', 'staff');
    await expectNamed('/api/v1/cases?cursor=9999999999999999999999', 'cursor');
  });

  it('a day outside 2000–2099 is refused by name on the follow-up routes as on the stats', async () => {
    await expectNamed('/api/v1/cases?to=0500-06-01', 'to');
    await expectNamed('/api/v1/cases?from=0500-06-01', 'from');
    await expectNamed('/api/v1/case-figures?to=0500-06-01', 'to');
    await expectNamed('/api/v1/cases.csv?from=0500-06-01', 'from');
    await expectNamed('/api/v1/stats/daily?to=9999-12-31', 'to');
    await expectNamed('/api/v1/admin/audit?from=1999-12-31', 'from');
  });

  it('a month report outside 2000–2099 is refused naming `month`, and its first and last months answer', async () => {
    await expectNamed('/api/v1/stats/month?month=0000-01', 'month');
    await expectNamed('/api/v1/stats/month.csv?month=0001-01', 'month');
    await expectNamed('/api/v1/stats/month?month=1999-12', 'month');
    await expectNamed('/api/v1/stats/month.csv?month=2100-01', 'month');
    expect((await get('/api/v1/stats/month?month=2000-01')).status).toBe(200);
    expect((await get('/api/v1/stats/month.csv?month=2099-12')).status).toBe(200);
  });

  it('ordinary filters still answer: a Chinese search, a day range, a window', async () => {
    const res = await get('/api/v1/stats/feedback?q=%E6%80%81%E5%BA%A6&from=2026-01-01&to=2026-01-31');
    expect(res.status).toBe(200);
    expect(((await get('/api/v1/cases?from=2026-01-01&to=2026-01-31')).status)).toBe(200);
    expect(((await get('/api/v1/admin/audit?action=login&actor=admin')).status)).toBe(200);
  });

  it('a NUL or other control character in an id, number or code of the path is refused naming `path`', async () => {
    for (const url of ['/api/v1/cases/%00', '/api/v1/alerts/%00/ack', '/api/v1/track/A%1FB', '/api/v1/config/w01%7F', '/api/v1/stats/feedback/response/%0A']) {
      const res = await ep.app.request(`http://hall.local${url}`, { method: url.endsWith('/ack') ? 'POST' : 'GET', headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' }, ...(url.endsWith('/ack') ? { body: '{"comment":"x"}' } : {}) });
      expect(res.status, url).toBe(400);
      expect(((await res.json()) as { field?: string }).field, url).toBe('path');
    }
  });

  it('no hostile id, number or code in the path of any route gets a 5xx', async () => {
    const values = ['%00', '%1F', 'x', '-1', '1e20', '9'.repeat(40), '%E0%A4%A', '%F0%9F%98%80', 'a'.repeat(300)];
    const routes = Object.keys(ROUTE_CREDENTIALS).filter((k) => k.includes('/:'));
    const failures: string[] = [];
    for (const route of routes) {
      const [method, path] = route.split(' ') as [string, string];
      for (const value of values) {
        const url = path.replace(/:[A-Za-z]+/g, value);
        const res = await ep.app.request(`http://hall.local${url}`, {
          method, headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' }, ...(method === 'GET' || method === 'DELETE' ? {} : { body: '{}' }),
        });
        if (res.status >= 500) failures.push(`${method} ${url} → ${res.status}`);
        await res.body?.cancel();
      }
    }
    expect(routes.length).toBeGreaterThan(10);
    expect(failures).toEqual([]);
  }, 60_000);

  it('the follow-up figures and case export take a month in 2000–2099, not a month and a range at once', async () => {
    await expectNamed('/api/v1/case-figures?month=2026-13', 'month');
    await expectNamed('/api/v1/case-figures?month=1999-12', 'month');
    await expectNamed('/api/v1/cases.csv?month=2100-01', 'month');
    await expectNamed('/api/v1/case-figures?month=2026-11&from=2026-11-01', 'month');
    expect((await get('/api/v1/case-figures?month=2026-11')).status).toBe(200);
  });

  it('the monthly bulletin outside 2000–2099 is refused naming `month`, as the month report is', async () => {
    await expectNamed('/api/v1/insights/bulletin?month=0000-01', 'month');
    await expectNamed('/api/v1/insights/bulletin?month=2100-01', 'month');
    expect((await get('/api/v1/insights/bulletin?month=2099-12')).status).toBe(200);
  });

  it('no hostile value in any known parameter of any GET route gets a 5xx', async () => {
    const params = ['from', 'to', 'site', 'window', 'staff', 'suspect', 'month', 'score', 'category', 'q', 'before', 'gb', 'personal', 'action', 'actor', 'assignee', 'cursor', 'reason', 'asOf', 'tz'];
    const values = ['x', '2026-02-30', '0500-06-01', '9999-12-31', '-1', '1e400', '%00', '%1F', '9'.repeat(40), '[]', '%E0%A4%A', ''];
    const routes = Object.keys(ROUTE_CREDENTIALS).filter((k) => k.startsWith('GET ') && !k.includes(':')).map((k) => k.slice(4));
    const failures: string[] = [];
    for (const route of routes) {
      for (const p of params) {
        for (const value of values) {
          const url = `${route}?${p}=${value}`;
          const res = await get(url);
          if (res.status >= 500) failures.push(`${url} → ${res.status}`);
          await res.body?.cancel();
        }
      }
    }
    expect(failures).toEqual([]);
  }, 180_000); // some 6,500 requests: about 30 s on SQLite, up to a minute on PostgreSQL on a busy 2-core machine
});
