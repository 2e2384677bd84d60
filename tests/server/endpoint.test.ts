import { describe, it, expect } from 'vitest';
import { makeEndpoint, enrol, syncRequest, response, signIn, rows, pick } from './testkit';

type Results = { results: { id: string; status: string; reason?: string; field?: string }[] };

describe('POST /api/v1/sync', () => {
  it('a batch sent twice stores each response once', async () => {
    const { app, store } = await makeEndpoint();
    const token = await enrol(app);
    const batch = { records: Array.from({ length: 5 }, () => response()) };
    const first = (await (await app.request('/api/v1/sync', syncRequest(token, batch))).json()) as Results;
    const again = (await (await app.request('/api/v1/sync', syncRequest(token, batch))).json()) as Results;
    expect(first.results.map((r) => r.status)).toEqual(Array(5).fill('stored'));
    expect(again.results.map((r) => r.status)).toEqual(Array(5).fill('duplicate'));
    expect(await store.tables.count('responses')).toBe(5);
  });

  it('one bad record in a batch of ten stores nine and rejects one with its reason', async () => {
    const { app, store } = await makeEndpoint();
    const token = await enrol(app);
    const records = Array.from({ length: 10 }, () => response());
    records[4] = { ...records[4]!, score: 9 };
    const res = await app.request('/api/v1/sync', syncRequest(token, { records }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as Results;
    expect(body.results.filter((r) => r.status === 'stored')).toHaveLength(9);
    expect(body.results[4]).toMatchObject({ id: records[4]!.id, status: 'rejected', field: 'score' });
    expect(await store.tables.count('responses')).toBe(9);
  });

  it('an unknown window is rejected naming the field, the rest of the batch is stored', async () => {
    const { app } = await makeEndpoint();
    const token = await enrol(app);
    const body = (await (await app.request('/api/v1/sync', syncRequest(token, { records: [response({ windowId: 'nowhere' }), response()] }))).json()) as Results;
    expect(body.results[0]).toMatchObject({ status: 'rejected', field: 'windowId' });
    expect(body.results[1]).toMatchObject({ status: 'stored' });
  });

  it('an unknown bad-review reason is rejected naming which one', async () => {
    const { app } = await makeEndpoint();
    const token = await enrol(app);
    const body = (await (await app.request('/api/v1/sync', syncRequest(token, { records: [response({ score: 1, reasons: ['slow', 'bribes'] })] }))).json()) as Results;
    expect(body.results[0]).toMatchObject({ status: 'rejected', field: 'reasons.1' });
  });

  it('a later survey step updates the stored response; the earlier step arriving late changes nothing', async () => {
    const { app, store } = await makeEndpoint();
    const token = await enrol(app);
    const first = response({ score: 2 });
    const later = { ...first, rev: 1, reasons: ['slow'], comment: '排队太久', phone: '13812345678' };
    await app.request('/api/v1/sync', syncRequest(token, { records: [first] }));
    await app.request('/api/v1/sync', syncRequest(token, { records: [later] }));
    const late = (await (await app.request('/api/v1/sync', syncRequest(token, { records: [first] }))).json()) as Results;
    expect(late.results[0]!.status).toBe('duplicate');
    expect(pick(await rows(store, 'responses'), 'rev', 'reasons', 'comment', 'phone')).toEqual([
      { rev: 1, reasons: '["slow"]', comment: '排队太久', phone: '13812345678' },
    ]);
  });

  it('the same id and revision with a different payload is refused as a conflict', async () => {
    const { app } = await makeEndpoint();
    const token = await enrol(app);
    const r = response({ score: 5 });
    await app.request('/api/v1/sync', syncRequest(token, { records: [r] }));
    const body = (await (await app.request('/api/v1/sync', syncRequest(token, { records: [{ ...r, score: 1 }] }))).json()) as Results;
    expect(body.results[0]).toMatchObject({ status: 'rejected', field: 'id' });
    expect(body.results[0]!.reason).toMatch(/conflict/);
  });

  it('no token or a wrong one is refused with 401 and nothing is stored', async () => {
    const { app, store } = await makeEndpoint();
    await enrol(app);
    expect((await app.request('/api/v1/sync', syncRequest(null, { records: [response()] }))).status).toBe(401);
    expect((await app.request('/api/v1/sync', syncRequest('forged', { records: [response()] }))).status).toBe(401);
    expect(await store.tables.count('responses')).toBe(0);
  });

  it('malformed JSON is answered 400 saying so', async () => {
    const { app } = await makeEndpoint();
    const token = await enrol(app);
    const res = await app.request('/api/v1/sync', syncRequest(token, '{"records": [1, 2'));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'malformed_json' });
  });

  it('a batch over 200 records or a body over the limit is answered 413', async () => {
    const { app } = await makeEndpoint();
    const token = await enrol(app);
    const many = await app.request('/api/v1/sync', syncRequest(token, { records: Array.from({ length: 201 }, () => response()) }));
    expect(many.status).toBe(413);
    const huge = await app.request('/api/v1/sync', syncRequest(token, { records: [], pad: 'x'.repeat(1_100_000) }));
    expect(huge.status).toBe(413);
  });
});

describe('data endpoints need a signed-in user', () => {
  it('stats and export refuse anonymous requests', async () => {
    const { app } = await makeEndpoint();
    expect((await app.request('/api/v1/stats/daily')).status).toBe(401);
    expect((await app.request('/api/v1/export/responses.csv')).status).toBe(401);
  });

  it('daily stats count ratings on the Beijing day they were made', async () => {
    const { app, store } = await makeEndpoint({ now: () => Date.parse('2026-11-25T02:00:00Z') });
    const token = await enrol(app);
    await app.request('/api/v1/sync', syncRequest(token, {
      records: [
        response({ score: 5, deviceTime: '2026-11-23T15:30:00.000Z' }), // 23:30 Beijing, 23 Nov
        response({ score: 1, deviceTime: '2026-11-23T16:30:00.000Z' }), // 00:30 Beijing, 24 Nov
      ],
    }));
    const { cookie } = await signIn(app, store);
    const res = await app.request('/api/v1/stats/daily?from=2026-11-23&to=2026-11-24', { headers: { cookie } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { timeZone: string; days: { day: string; total: number; satisfaction: number | null }[] };
    expect(body.timeZone).toBe('Asia/Shanghai');
    expect(body.days).toEqual([
      expect.objectContaining({ day: '2026-11-23', total: 1, satisfaction: 1 }),
      expect.objectContaining({ day: '2026-11-24', total: 1, satisfaction: 0 }),
    ]);
  });

  it('the CSV export streams a BOM, an English header and one CRLF row per response, phone masked', async () => {
    const { app, store } = await makeEndpoint({ now: () => Date.parse('2026-11-25T02:00:00Z') });
    const token = await enrol(app);
    await app.request('/api/v1/sync', syncRequest(token, {
      records: [response({ score: 2, reasons: ['slow'], comment: '=HYPERLINK("x")，排队久', phone: '13812345678', deviceTime: '2026-11-24T03:00:00.000Z' })],
    }));
    const { cookie } = await signIn(app, store);
    const res = await app.request('/api/v1/export/responses.csv?from=2026-11-01&to=2026-11-30', { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('responses_2026-11-01_2026-11-30_site-demo.csv');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const lines = text.split('\r\n');
    expect(lines[0]!.startsWith('id,site_id,window_id,window_number,staff_id,score,score_label_zh')).toBe(true);
    expect(lines).toHaveLength(3); // header, one row, the empty string after the last CRLF
    expect(lines[1]).toContain('不满意');
    expect(lines[1]).toContain('138****5678');
    expect(lines[1]).not.toContain('13812345678');
    expect(lines[1]).toContain(`"'=HYPERLINK(""x"")，排队久"`);
  });

  it('the responses export keeps only the staff member asked for', async () => {
    const { app, store } = await makeEndpoint({ now: () => Date.parse('2026-11-25T02:00:00Z') });
    const token = await enrol(app);
    const at = '2026-11-24T03:00:00.000Z';
    await app.request('/api/v1/sync', syncRequest(token, {
      records: [response({ staffId: 's1001', deviceTime: at }), response({ staffId: 's1002', deviceTime: at }), response({ staffId: 's1002', deviceTime: at })],
    }));
    const { cookie } = await signIn(app, store);
    const res = await app.request('/api/v1/export/responses.csv?from=2026-11-01&to=2026-11-30&staff=s1002', { headers: { cookie } });
    const rows = (await res.text()).split('\r\n').slice(1).filter((l) => l.length > 0);
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.split(',')[4] === 's1002')).toBe(true);
  });

  it('a supervisor can neither export nor read the stats of a site not assigned to them', async () => {
    const { app, store } = await makeEndpoint();
    const { cookie } = await signIn(app, store, 'supervisor', ['elsewhere']);
    expect((await app.request('/api/v1/export/responses.csv', { headers: { cookie } })).status).toBe(403);
    expect((await app.request('/api/v1/stats/daily?site=demo', { headers: { cookie } })).status).toBe(403);
  });
});
