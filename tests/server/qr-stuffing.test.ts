/** Ballot stuffing through QR codes: limits that do not trust the phone's own id. */
import { describe, it, expect } from 'vitest';
import { makeEndpoint, enrol, signIn, response, rows as tableRows } from './testkit';
import { uuidv7 } from '../../src/shared/ids';
import { fromBase64Url, mintPresenceToken } from '../../src/shared/token';

type Endpoint = Awaited<ReturnType<typeof makeEndpoint>>;
const T0 = Date.parse('2026-11-23T02:00:00Z'); // 10:00 in the demo hall

async function posterToken(ep: Endpoint, cookie: string, windowId: string): Promise<string> {
  const { posters } = (await (await ep.app.request('/api/v1/qr/posters', { headers: { cookie } })).json()) as { posters: { windowId: string; url: string }[] };
  return new URL(posters.find((p) => p.windowId === windowId)!.url).searchParams.get('t')!;
}

/** Sends a phone batch; `forwardedFor` arrives as a reverse proxy on this machine would pass it on. */
async function phoneSend(ep: Endpoint, deviceId: string, records: unknown[], forwardedFor?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) };
  const peer = { incoming: { socket: { remoteAddress: '127.0.0.1' } } };
  const r = await ep.app.request('/api/v1/q/sync', { method: 'POST', headers, body: JSON.stringify({ deviceId, records }) }, peer);
  expect(r.status).toBe(200);
  return ((await r.json()) as { results: Array<{ status: string; reason?: string }> }).results;
}

/** The exported rows of a window, suspect ones included, with their flags. */
async function exported(ep: Endpoint, cookie: string, windowId: string): Promise<Array<{ score: number; suspect: boolean; flags: string }>> {
  const r = await ep.app.request(`/api/v1/export/responses.jsonl?site=demo&window=${windowId}&suspect=1&from=2026-11-01&to=2026-11-30`, { headers: { cookie } });
  expect(r.status).toBe(200);
  return (await r.text()).trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { score: number; suspect: boolean; flags: string });
}

describe('QR ballot stuffing', () => {
  it('a poster code used to rate window 03 twenty times with 1, a fresh phone id each time: at most 3 count, the rest are stored suspect with a reason', async () => {
    let now = T0;
    const ep = await makeEndpoint({ now: () => now });
    const { cookie } = await signIn(ep.app, ep.store, 'admin', ['demo']);
    const token = await posterToken(ep, cookie, 'w03');
    for (let i = 0; i < 20; i++) {
      now = T0 + i * 15_000;
      const [r] = await phoneSend(ep, `script-phone-${String(i).padStart(4, '0')}`, [response({ windowId: 'w03', channel: 'qr', token, score: 1, staffId: null, deviceTime: new Date(now).toISOString() })]);
      expect(r!.status).toBe('stored'); // nothing is refused or deleted…
    }
    const rows = await exported(ep, cookie, 'w03');
    expect(rows).toHaveLength(20);
    const counted = rows.filter((r) => !r.suspect);
    expect(counted.length).toBeLessThanOrEqual(3); // …but the stuffing does not count
    for (const r of rows.filter((x) => x.suspect)) expect(r.flags).toMatch(/qr_(burst_rate|burst_pattern|repeat_phone|repeat_address|token_budget)/);
  });

  it('the same stuffing sent from eight phones at the same moment counts no more than when they come one after another', async () => {
    const now = T0;
    const ep = await makeEndpoint({ now: () => now });
    const { cookie } = await signIn(ep.app, ep.store, 'admin', ['demo']);
    const token = await posterToken(ep, cookie, 'w03');
    await Promise.all(Array.from({ length: 8 }, (_, i) =>
      phoneSend(ep, `parallel-phone-${String(i).padStart(4, '0')}`, [response({ windowId: 'w03', channel: 'qr', token, score: 1, staffId: null, deviceTime: new Date(now).toISOString() })])));
    const rows = await exported(ep, cookie, 'w03');
    expect(rows).toHaveLength(8);
    expect(rows.filter((r) => !r.suspect).length).toBeLessThanOrEqual(3);
  });

  it('a presence code carries three ratings; a fourth within its life is suspect for the budget', async () => {
    let now = T0;
    const ep = await makeEndpoint({ now: () => now });
    const { cookie } = await signIn(ep.app, ep.store, 'admin', ['demo']);
    const device = await enrol(ep.app, 'w02');
    const k = (await (await ep.app.request('/api/v1/qr/presence-key', { headers: { authorization: `Bearer ${device}` } })).json()) as { kid: string; key: string };
    const token = await mintPresenceToken({ kid: k.kid, key: fromBase64Url(k.key)! }, 'w02', now);
    for (let i = 0; i < 4; i++) {
      now = T0 + i * 60_000;
      await phoneSend(ep, `queue-phone-${String(i).padStart(4, '0')}`, [response({ windowId: 'w02', channel: 'qr', token, score: [5, 4, 3, 4][i], staffId: null, deviceTime: new Date(now).toISOString() })]);
    }
    const rows = await exported(ep, cookie, 'w02');
    expect(rows.filter((r) => !r.suspect)).toHaveLength(3);
    expect(rows.find((r) => r.suspect)!.flags).toContain('qr_token_budget');
  });

  it('behind a trusted proxy, a second rating of one window from the same client address is suspect', async () => {
    let now = T0;
    const ep = await makeEndpoint({ now: () => now, trustProxy: 'loopback' });
    const { cookie } = await signIn(ep.app, ep.store, 'admin', ['demo']);
    const token = await posterToken(ep, cookie, 'w04');
    await phoneSend(ep, 'phone-a-000001', [response({ windowId: 'w04', channel: 'qr', token, score: 4, staffId: null, deviceTime: new Date(now).toISOString() })], '198.51.100.7');
    now += 60_000;
    await phoneSend(ep, 'phone-b-000002', [response({ windowId: 'w04', channel: 'qr', token, score: 3, staffId: null, deviceTime: new Date(now).toISOString() })], '198.51.100.7');
    now += 60_000;
    await phoneSend(ep, 'phone-c-000003', [response({ windowId: 'w04', channel: 'qr', token, score: 4, staffId: null, deviceTime: new Date(now).toISOString() })], '203.0.113.20');
    const rows = await exported(ep, cookie, 'w04');
    expect(rows.map((r) => r.suspect)).toEqual([false, true, false]);
    expect(rows[1]!.flags).toContain('qr_repeat_address');
  });

  it('one request of thirty ratings dated a little earlier each, from one phone: at most 3 count', async () => {
    const ep = await makeEndpoint({ now: () => T0 });
    const { cookie } = await signIn(ep.app, ep.store, 'admin', ['demo']);
    const token = await posterToken(ep, cookie, 'w04');
    const records = Array.from({ length: 30 }, (_, i) => response({ windowId: 'w04', channel: 'qr', token, score: 5, staffId: null, deviceTime: new Date(T0 - 60_000 - i * 5).toISOString() }));
    const results = await phoneSend(ep, 'script-phone-backwards', records);
    expect(results.every((r) => r.status === 'stored')).toBe(true);
    const rows = await exported(ep, cookie, 'w04');
    expect(rows).toHaveLength(30);
    expect(rows.filter((r) => !r.suspect).length).toBeLessThanOrEqual(3);
  });

  it('a hundred complaints sent through a poster in one request are all kept, but only the first few open cases and alert anyone', async () => {
    const ep = await makeEndpoint({ now: () => T0 });
    const { cookie } = await signIn(ep.app, ep.store, 'admin', ['demo']);
    const token = await posterToken(ep, cookie, 'w05');
    const records = Array.from({ length: 100 }, (_, i) => ({
      type: 'suggestion', id: uuidv7(), rev: 0, seq: i + 1, windowId: 'w05', staffId: null, category: 'complaint', text: `投诉 ${i}`,
      deviceTime: new Date(T0 - 60_000).toISOString(), channel: 'qr', token,
    }));
    const results = await phoneSend(ep, 'script-phone-complaints', records);
    expect(results.every((r) => r.status === 'stored')).toBe(true); // nothing is refused or deleted…
    const stored = await tableRows(ep.store, 'suggestions');
    expect(stored).toHaveLength(100);
    const flagged = stored.filter((r) => /qr_/.test(String(r.flags)));
    expect(flagged.length).toBeGreaterThanOrEqual(94); // …and admins see why
    const cases = (await (await ep.app.request('/api/v1/cases?site=demo&window=w05', { headers: { cookie } })).json()) as { total: number };
    expect(cases.total).toBe(100 - flagged.length);
    expect(cases.total).toBeLessThanOrEqual(6);
    const unread = (await (await ep.app.request('/api/v1/alerts/unread', { headers: { cookie } })).json()) as { unread: number };
    expect(unread.unread).toBeLessThanOrEqual(6);
  });

  it('a citizen who rates a window 1 on a poster and then writes a complaint gets a case for each', async () => {
    const ep = await makeEndpoint({ now: () => T0 });
    const { cookie } = await signIn(ep.app, ep.store, 'admin', ['demo']);
    const token = await posterToken(ep, cookie, 'w05');
    const at = new Date(T0 - 60_000).toISOString();
    await phoneSend(ep, 'citizen-phone-0001', [response({ windowId: 'w05', channel: 'qr', token, score: 1, reasons: ['slow'], phone: '13812345678', staffId: null, deviceTime: at })]);
    await phoneSend(ep, 'citizen-phone-0001', [{ type: 'suggestion', id: uuidv7(), rev: 0, seq: 2, windowId: 'w05', staffId: null, category: 'complaint', text: '等了两个小时', deviceTime: at, channel: 'qr', token }]);
    const cases = (await (await ep.app.request('/api/v1/cases?site=demo&window=w05', { headers: { cookie } })).json()) as { total: number };
    expect(cases.total).toBe(2);
  });
});
