import { describe, it, expect } from 'vitest';
import { makeEndpoint, enrol, signIn, syncRequest, response, rows, pick, auditOf } from './testkit';
import { purgePersonalData, startDailyPurge } from '../../src/server/retention';
import type { Store } from '../../src/server/store';
import { uuidv7 } from '../../src/shared/ids';

const DAY = 86_400_000;

describe('retention of personal data', () => {
  it('phone numbers and contacts older than the retention period are erased; ratings and comments stay', async () => {
    let now = Date.parse('2026-05-01T02:00:00Z');
    const { app, store, config } = await makeEndpoint({ now: () => now });
    const token = await enrol(app);
    await app.request('/api/v1/sync', syncRequest(token, {
      records: [
        response({ score: 1, reasons: ['slow'], comment: '等太久', phone: '13812345678', deviceTime: new Date(now).toISOString() }),
        { type: 'suggestion', id: uuidv7(), rev: 0, seq: 77, windowId: 'w01', staffId: null, category: 'complaint', text: '空调太冷', contact: '13900001111', deviceTime: new Date(now).toISOString(), channel: 'kiosk' },
      ],
    }));
    now += 100 * DAY;
    await app.request('/api/v1/sync', syncRequest(token, { records: [response({ score: 2, reasons: ['slow'], phone: '13700000000', deviceTime: new Date(now).toISOString() })] }));

    now += 100 * DAY; // the first batch is 200 days old, the second 100 (default retention: 180 days)
    const r = await purgePersonalData(store, config, now);
    expect(r.sites).toEqual([expect.objectContaining({ siteId: 'demo', phones: 1, contacts: 1 })]);
    expect(pick((await rows(store, 'responses')).sort((a, b) => Number(a.received_at) - Number(b.received_at)), 'score', 'comment', 'phone')).toEqual([
      { score: 1, comment: '等太久', phone: null },
      { score: 2, comment: null, phone: '13700000000' },
    ]);
    expect(pick(await rows(store, 'suggestions'), 'text', 'contact')).toEqual([{ text: '空调太冷', contact: null }]);
    expect(pick(await auditOf(store, 'purge'), 'actor')).toEqual([{ actor: 'system' }]);
  });

  it('a phone number a citizen typed into a comment or a suggestion is masked past the retention period, the words kept; a newer one is left, and each is masked once', async () => {
    let now = Date.parse('2026-05-01T02:00:00Z');
    const { app, store, config } = await makeEndpoint({ now: () => now });
    const token = await enrol(app);
    const at = () => new Date(now).toISOString();
    await app.request('/api/v1/sync', syncRequest(token, {
      records: [
        response({ score: 1, reasons: ['slow'], comment: '请回电 138 0013 8000，等了两小时', deviceTime: at() }),
        response({ score: 2, reasons: ['slow'], comment: '排了3个小时，取号机坏了2台', deviceTime: at() }),
        response({ score: 2, reasons: ['slow'], comment: '全角电话１３６００００１２３４', deviceTime: at() }),
        { type: 'suggestion', id: uuidv7(), rev: 0, seq: 78, windowId: 'w01', staffId: null, category: 'complaint', text: '空调太冷，联系我 010-62345678', deviceTime: at(), channel: 'kiosk' },
      ],
    }));
    now += 100 * DAY;
    await app.request('/api/v1/sync', syncRequest(token, { records: [response({ score: 1, reasons: ['slow'], comment: '我的电话13700000000', deviceTime: at() })] }));
    now += 100 * DAY;
    const first = await purgePersonalData(store, config, now);
    expect(first.sites).toEqual([expect.objectContaining({ siteId: 'demo', texts: 3 })]);
    const comments = (await rows(store, 'responses')).sort((a, b) => Number(a.received_at) - Number(b.received_at)).map((r) => r.comment);
    expect(comments).toEqual(['请回电 138****8000，等了两小时', '排了3个小时，取号机坏了2台', '全角电话136****1234', '我的电话13700000000']);
    expect(pick(await rows(store, 'suggestions'), 'text')).toEqual([{ text: '空调太冷，联系我 010****5678' }]);
    // The next day: the newer comment is still inside its retention; nothing already masked is counted again.
    now += DAY;
    expect((await purgePersonalData(store, config, now)).sites[0]!.texts).toBe(0);
    now += 100 * DAY;
    expect((await purgePersonalData(store, config, now)).sites[0]!.texts).toBe(1);
    expect((await rows(store, 'responses')).map((r) => r.comment)).toContain('我的电话137****0000');
  });

  it('a later step of a record already past retention arrives with its number masked and no phone, since the purge will not look at that record again', async () => {
    let now = Date.parse('2026-05-01T02:00:00Z');
    const { app, store, config } = await makeEndpoint({ now: () => now });
    const token = await enrol(app);
    const first = response({ score: 2, reasons: ['slow'], deviceTime: new Date(now).toISOString() });
    await app.request('/api/v1/sync', syncRequest(token, { records: [first] }));
    now += 200 * DAY;
    await purgePersonalData(store, config, now);
    // The kiosk held the survey's next step offline all that time.
    const late = await app.request('/api/v1/sync', syncRequest(token, { records: [{ ...first, rev: 1, comment: '请回电 13800138000', phone: '13800138000' }] }));
    expect(((await late.json()) as { results: Array<{ status: string }> }).results[0]!.status).toBe('stored');
    expect(pick(await rows(store, 'responses'), 'rev', 'comment', 'phone')).toEqual([{ rev: 1, comment: '请回电 138****8000', phone: null }]);
  });

  it('a purge over more comments than it masks in one unit of work masks every one, however many arrived in the same instant', async () => {
    let now = Date.parse('2026-05-01T02:00:00Z');
    const { app, store, config } = await makeEndpoint({ now: () => now });
    const token = await enrol(app);
    // Three batches of 200 (each batch's records share one arrival time): more than one page of 500.
    for (let b = 0; b < 3; b++) {
      const records = Array.from({ length: 200 }, (_, i) => response({ score: 3, comment: `第${b}批第${i}条，电话 139${String(b * 1000 + i).padStart(8, '0')}`, deviceTime: new Date(now).toISOString() }));
      expect((await app.request('/api/v1/sync', syncRequest(token, { records }))).status).toBe(200);
    }
    now += 200 * DAY;
    expect((await purgePersonalData(store, config, now)).sites[0]!.texts).toBe(600);
    const comments = (await rows(store, 'responses')).map((r) => String(r.comment));
    expect(comments.filter((c) => /139\d{8}/.test(c))).toEqual([]);
    expect(comments.filter((c) => c.includes('139****'))).toHaveLength(600);
  });

  it('an admin can run the purge now from /admin, and it is written to the audit log under their name', async () => {
    const { app, store } = await makeEndpoint();
    const admin = await signIn(app, store, 'admin');
    const r = await app.request('/api/v1/admin/purge', { method: 'POST', headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf } });
    expect(r.status).toBe(200);
    const [entry] = await auditOf(store, 'purge');
    expect(entry!.actor).toMatch(/^admin-/);
  });

  it('the endpoint stopping waits for a purge under way, so the database is not closed under it', async () => {
    const { store, config } = await makeEndpoint();
    let open!: () => void;
    const gate = new Promise<void>((ok) => { open = ok; });
    // A purge that has started and is held at its first step (a large hall's purge takes a while).
    const slow: Store = { ...store, leases: { ...store.leases, acquire: async (...a) => { await gate; return store.leases.acquire(...a); } } };
    const stop = startDailyPurge(slow, config);
    let stopped = false;
    const stopping = stop().then(() => { stopped = true; });
    await new Promise((ok) => setImmediate(ok));
    expect(stopped).toBe(false);
    open();
    await stopping;
    expect(await auditOf(store, 'purge')).toHaveLength(1); // it ran to the end before the stop was done
  });
});
