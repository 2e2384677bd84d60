import { describe, it, expect } from 'vitest';
import { makeEndpoint, enrol, syncRequest, response, responseRow, onlyKiosk, signIn, rows } from './testkit';
import { uuidv7 } from '../../src/shared/ids';
import { SEQ_MAX } from '../../src/shared/wire';

type Out = { results: Array<{ id: string; status: string; reason?: string }>; serverTime: string };

async function sync(app: Awaited<Awaited<ReturnType<typeof makeEndpoint>>>['app'], token: string, body: unknown): Promise<Out> {
  const r = await app.request('/api/v1/sync', syncRequest(token, body));
  expect(r.status).toBe(200);
  return (await r.json()) as Out;
}

const heartbeat = (over: Record<string, unknown> = {}) => ({
  appVersion: '0.1.0', pending: 0, deadLetters: 0, lastSyncAt: 1, storageUsage: 10, storageQuota: 100, clockOffsetMs: 0, ...over,
});

describe('sync endpoint reliability', () => {
  it('a batch sent twice stores each response once', async () => {
    const { app, store } = await makeEndpoint();
    const token = await enrol(app);
    const records = [response(), response(), response()];
    expect((await sync(app, token, { records })).results.map((r) => r.status)).toEqual(['stored', 'stored', 'stored']);
    expect((await sync(app, token, { records })).results.map((r) => r.status)).toEqual(['duplicate', 'duplicate', 'duplicate']);
    expect(await store.tables.count('responses')).toBe(3);
  });

  it('the same id and revision with a different payload is refused as a conflict and the first stays', async () => {
    const { app, store } = await makeEndpoint();
    const token = await enrol(app);
    const rec = response({ score: 5 });
    await sync(app, token, { records: [rec] });
    const out = await sync(app, token, { records: [{ ...rec, score: 1 }] });
    expect(out.results[0]).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/^conflict/) });
    expect((await responseRow(store, rec.id)).score).toBe(5);
  });

  it('a device clock off by a day keeps its own time but is counted at the endpoint receive time and flagged', async () => {
    let now = Date.parse('2026-03-02T02:00:00Z');
    const { app, store } = await makeEndpoint({ now: () => now });
    const token = await enrol(app);
    const skewed = response({ deviceTime: new Date(now + 86_400_000).toISOString() });
    await sync(app, token, { clockOffsetMs: 86_400_000, records: [skewed] });
    const row = await responseRow(store, skewed.id);
    expect(row.device_time).toBe(skewed.deviceTime);
    expect(row.received_at).toBe(now);
    expect(row.counted_at).toBe(now);
    expect(row.flags).toContain('clock_skew');
    now += 1000;
    const fine = response({ deviceTime: new Date(now - 60_000).toISOString() });
    await sync(app, token, { clockOffsetMs: 500, records: [fine] });
    const ok = await responseRow(store, fine.id);
    expect(ok.counted_at).toBe(now - 60_000);
    expect(ok.flags).not.toContain('clock_skew');
  });

  it('a first batch from a device whose clock is a day behind is judged by the time it says it sent the batch', async () => {
    const now = Date.parse('2026-03-02T02:00:00Z');
    const { app, store } = await makeEndpoint({ now: () => now });
    const token = await enrol(app);
    const behind = response({ deviceTime: new Date(now - 86_400_000).toISOString() });
    await sync(app, token, { sentAt: now - 86_400_000 + 50, records: [behind] });
    const row = await responseRow(store, behind.id);
    expect(row).toMatchObject({ counted_at: now, flags: 'clock_skew' });
    // The same old device time from a device with a good clock is a rating made offline yesterday: kept as made.
    const offline = response({ deviceTime: new Date(now - 86_400_000).toISOString() });
    await sync(app, token, { sentAt: now - 20, records: [offline] });
    expect(await responseRow(store, offline.id)).toMatchObject({ counted_at: now - 86_400_000, flags: '' });
  });

  it('the heartbeat is kept per kiosk with the fields the fleet view reads', async () => {
    const { app, store } = await makeEndpoint();
    const token = await enrol(app);
    const r = await app.request('/api/v1/heartbeat', syncRequest(token, heartbeat({ pending: 3, deadLetters: 1, clockOffsetMs: -42 })));
    expect(r.status).toBe(200);
    const row = await onlyKiosk(store);
    expect(JSON.parse(row.heartbeat!)).toMatchObject({ appVersion: '0.1.0', pending: 3, deadLetters: 1, lastSyncAt: 1, storageUsage: 10, storageQuota: 100, clockOffsetMs: -42 });
    expect(row.last_seen_at).toBeGreaterThan(0);
  });

  it('a heartbeat without a device token is refused', async () => {
    const { app } = await makeEndpoint();
    expect((await app.request('/api/v1/heartbeat', syncRequest(null, heartbeat()))).status).toBe(401);
  });

  it('a malformed heartbeat is refused and names the field', async () => {
    const { app } = await makeEndpoint();
    const token = await enrol(app);
    const r = await app.request('/api/v1/heartbeat', syncRequest(token, heartbeat({ pending: -1 })));
    expect(r.status).toBe(400);
    expect(await r.text()).toContain('pending');
  });

  it('a gap in a kiosk sequence that the device cannot explain is recorded at the next heartbeat', async () => {
    const { app, store } = await makeEndpoint();
    const token = await enrol(app);
    await sync(app, token, { records: [response({ seq: 1 }), response({ seq: 2 }), response({ seq: 5 }), response({ seq: 6 })] });
    const res = await app.request('/api/v1/heartbeat', syncRequest(token, heartbeat({ pending: 0, deadLetters: 1 })));
    expect(await res.json()).toMatchObject({ seqMissing: 2, seqUnexplained: 1 });
    const row = await onlyKiosk(store);
    expect(row.seq_missing).toBe(2);
    expect(JSON.parse(row.seq_gaps)).toEqual([{ from: 3, to: 4 }]);
    expect(row.last_seq).toBe(6);
  });

  it('a gap closes once the missing records arrive', async () => {
    const { app, store } = await makeEndpoint();
    const token = await enrol(app);
    await sync(app, token, { records: [response({ seq: 1 }), response({ seq: 3 })] });
    await app.request('/api/v1/heartbeat', syncRequest(token, heartbeat({ pending: 1 })));
    expect((await onlyKiosk(store)).seq_missing).toBe(1);
    await sync(app, token, { records: [response({ seq: 2 })] });
    await app.request('/api/v1/heartbeat', syncRequest(token, heartbeat()));
    expect(await onlyKiosk(store)).toMatchObject({ seq_missing: 0, seq_gaps: '[]' });
  });
  it('a good rating carrying reasons or a call-back number is refused by itself, naming the field; a bad one keeps both', async () => {
    const { app, store } = await makeEndpoint();
    const token = await enrol(app);
    const withReasons = response({ score: 4, reasons: ['slow'] });
    const withPhone = response({ score: 5, phone: '13812345678' });
    const bad = response({ score: 2, reasons: ['slow'], phone: '13812345678' });
    const out = await sync(app, token, { records: [withReasons, withPhone, bad, response({ score: 3 })] });
    expect(out.results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'stored', 'stored']);
    expect(out.results[0]).toMatchObject({ id: withReasons.id, field: 'reasons' });
    expect(out.results[1]).toMatchObject({ id: withPhone.id, field: 'phone' });
    expect(await store.tables.count('responses')).toBe(2);
  });

  it('a record numbered past 2^31-1 is refused naming seq, and the good records of its batch are stored', async () => {
    const { app, store } = await makeEndpoint();
    const token = await enrol(app);
    const [a, b, c] = [response(), response(), response()];
    // As the reviewer sent it: a number past a signed 64-bit integer, written out in the JSON text.
    const body = `{"records":[${JSON.stringify(a)},${JSON.stringify(b).replace(/"seq":\d+/, '"seq":9223372036854775808')},${JSON.stringify(c)}]}`;
    const out = await sync(app, token, body);
    expect(out.results.map((r) => r.status)).toEqual(['stored', 'rejected', 'stored']);
    expect(out.results[1]).toMatchObject({ id: b.id, field: 'seq' });
    const edge = await sync(app, token, { records: [response({ seq: SEQ_MAX }), response({ seq: SEQ_MAX + 1 })] });
    expect(edge.results.map((r) => r.status)).toEqual(['stored', 'rejected']);
    expect(await store.tables.count('responses')).toBe(3);
  });

  it('a phone rating numbered past 2^31-1 is refused naming seq, and the phone\'s other ratings are stored', async () => {
    const { app, store } = await makeEndpoint();
    const admin = await signIn(app, store);
    const { posters } = (await (await app.request('/api/v1/qr/posters', { headers: { cookie: admin.cookie } })).json()) as { posters: { windowId: string; url: string }[] };
    const poster = new URL(posters.find((p) => p.windowId === 'w01')!.url).searchParams.get('t')!;
    const phone = (over: Record<string, unknown> = {}) => response({ channel: 'qr', staffId: null, token: poster, ...over });
    const r = await app.request('/api/v1/q/sync', syncRequest(null, { deviceId: uuidv7(), records: [phone(), phone({ seq: 2 ** 63 }), phone()] }));
    expect(r.status).toBe(200);
    const out = (await r.json()) as Out;
    expect(out.results.map((x) => x.status)).toEqual(['stored', 'rejected', 'stored']);
    expect(out.results[1]).toMatchObject({ field: 'seq' });
  });

  it('the widest gap the numbering allows is still counted at the heartbeat', async () => {
    const { app, store } = await makeEndpoint();
    const token = await enrol(app);
    await sync(app, token, { records: [response({ seq: 0 }), response({ seq: SEQ_MAX })] });
    const res = await app.request('/api/v1/heartbeat', syncRequest(token, heartbeat()));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ seqMissing: SEQ_MAX - 1, seqUnexplained: SEQ_MAX - 1 });
    expect(await onlyKiosk(store)).toMatchObject({ seq_missing: SEQ_MAX - 1, last_seq: SEQ_MAX });
  });

  it('a gap of 2^40 left by records stored before the numbering had a maximum does not break the heartbeat', async () => {
    const { app, store } = await makeEndpoint();
    const token = await enrol(app);
    await sync(app, token, { records: [response({ seq: 1 })] });
    const [stored] = await rows(store, 'responses');
    await store.tables.insert('responses', [{ ...stored!, id: uuidv7(), seq: 2 ** 40 }]);
    const res = await app.request('/api/v1/heartbeat', syncRequest(token, heartbeat()));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ seqMissing: SEQ_MAX });
    expect((await onlyKiosk(store)).seq_missing).toBe(SEQ_MAX);
  });
});
