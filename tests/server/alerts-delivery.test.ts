import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { postHttp, type Channel } from '../../src/server/alerts/channels';
import { MemoryOutbox } from '../../src/server/alerts/outbox';
import { DeliveryWorker } from '../../src/server/alerts/worker';

/** A receiver on 127.0.0.1 that plays a script of answers and keeps what it accepted, once per idempotency key. */
interface Hit { path: string; key: string; ts: number; body: string; answered: number | 'hung' }
async function receiver(script: (n: number) => number | 'hang', retryAfter = '3') {
  const hits: Hit[] = [];
  const accepted = new Map<string, string>();
  const hung: ServerResponse[] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const key = String(req.headers['idempotency-key']);
      const what = script(hits.length + 1);
      hits.push({ path: req.url ?? '', key, ts: Number(req.headers['x-timestamp']), body, answered: what === 'hang' ? 'hung' : what });
      if (what === 'hang') { hung.push(res); return; }
      if (what === 200 && !accepted.has(key)) accepted.set(key, body);
      res.writeHead(what, what === 429 ? { 'Retry-After': retryAfter } : {}).end(what === 200 ? '{"ok":true}' : 'busy');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = () => new Promise<void>((r) => { hung.forEach((h) => h.destroy()); server.close(() => r()); server.closeAllConnections(); });
  return { url, hits, accepted, close };
}

/** Timeout of one attempt; the hanging answer waits it out (real time, the only real wait here). */
const TIMEOUT_MS = 1500;
const msg = (n: number) => ({ title: `alert-${n}`, lines: ['line'], link: 'http://hall/dashboard' });
const ids = (bodies: Iterable<string>) => [...bodies].flatMap((b) => b.match(/alert-\d+/g) ?? []);

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => { await Promise.all(cleanup.map((c) => c())); cleanup = []; });

function rig(channels: Channel[], opts: { deadAfterMs?: number; perMinute?: number; maxBatch?: number } = {}) {
  let clock = Date.UTC(2026, 10, 23, 1, 0);
  const outbox = new MemoryOutbox();
  const worker = new DeliveryWorker({
    outbox, channels: () => channels, now: () => clock, random: () => 0.5, ...opts,
    send: (ch, m, key, now) => postHttp(ch, m, now, key, TIMEOUT_MS),
  });
  /** Runs the worker, jumping the clock to the next due time, until nothing is pending. */
  const drain = async (maxTicks = 50) => {
    for (let i = 0; i < maxTicks; i++) {
      await worker.tick();
      const next = await worker.nextDue();
      if (next === null) return;
      clock = Math.max(clock + 1, next);
    }
  };
  return { outbox, worker, drain, now: () => clock, advance: (ms: number) => (clock += ms) };
}

describe('delivery worker against a faulty receiver', () => {
  it('500, then 429 with Retry-After, then a hang past the timeout, then success: each alert arrives once, in order', async () => {
    const r = await receiver((n) => (n === 1 ? 500 : n === 2 ? 429 : n === 3 ? 'hang' : 200));
    cleanup.push(r.close);
    const ch: Channel = { id: 'hook', kind: 'webhook', url: `${r.url}/hook`, secret: 's', lang: 'zh-CN' };
    const { outbox, worker, drain, now } = rig([ch]);
    for (const n of [1, 2, 3]) await outbox.enqueue({ id: `e${n}`, channelId: 'hook', message: msg(n) }, now());
    await worker.tick(); // 500
    for (const n of [4, 5]) await outbox.enqueue({ id: `e${n}`, channelId: 'hook', message: msg(n) }, now());
    const started = now();
    await drain();

    expect(r.hits.map((h) => h.answered)).toEqual([500, 429, 'hung', 200, 200]);
    expect(r.hits[2]!.ts - r.hits[1]!.ts).toBeGreaterThanOrEqual(3000); // Retry-After: 3 honoured
    expect(new Set(r.hits.slice(0, 4).map((h) => h.key)).size).toBe(1); // one batch, one key across retries
    expect(ids(r.accepted.values())).toEqual(['alert-1', 'alert-2', 'alert-3', 'alert-4', 'alert-5']);
    const sent = await outbox.list('sent', 10);
    expect(sent.map((e) => e.attempts)).toEqual([4, 4, 4, 1, 1]);
    console.log(`[figures] faulty receiver: 5 alerts, ${r.hits.length} requests, ${r.accepted.size} messages accepted, ` +
      `${(now() - started) / 1000} s of clock from first retry to last delivery, 0 duplicates`);
  });

  it('a batch the receiver took but never answered is resent under the same key, so the receiver can drop the copy', async () => {
    const r = await receiver((n) => (n === 1 ? 'hang' : 200));
    cleanup.push(r.close);
    const ch: Channel = { id: 'hook', kind: 'webhook', url: `${r.url}/hook`, lang: 'en' };
    const { outbox, drain, now } = rig([ch]);
    await outbox.enqueue({ id: 'e1', channelId: 'hook', message: msg(1) }, now());
    await drain();
    expect(r.hits.map((h) => h.key)).toEqual(['e1', 'e1']);
    expect(ids(r.accepted.values())).toEqual(['alert-1']);
  });

  it('one channel failing does not hold up another', async () => {
    const bad = await receiver(() => 500);
    const good = await receiver(() => 200);
    cleanup.push(bad.close, good.close);
    const { outbox, worker, now } = rig([
      { id: 'bad', kind: 'webhook', url: bad.url, lang: 'zh-CN' }, { id: 'good', kind: 'webhook', url: good.url, lang: 'zh-CN' },
    ]);
    await outbox.enqueue({ id: 'b1', channelId: 'bad', message: msg(1) }, now());
    await outbox.enqueue({ id: 'g1', channelId: 'good', message: msg(2) }, now());
    expect(await worker.tick()).toEqual({ sent: 1, retried: 1, dead: 0 });
  });

  it('an alert not delivered within the configured time becomes a dead letter with its last error, and resend delivers it', async () => {
    let up = false;
    const r = await receiver(() => (up ? 200 : 503));
    cleanup.push(r.close);
    const { outbox, drain, now } = rig([{ id: 'hook', kind: 'webhook', url: r.url, lang: 'zh-CN' }], { deadAfterMs: 10 * 60_000 });
    await outbox.enqueue({ id: 'e1', channelId: 'hook', message: msg(1) }, now());
    await drain();
    const [dead] = await outbox.list('dead', 10);
    expect(dead).toMatchObject({ id: 'e1', lastError: '503 busy' });
    expect(dead!.attempts).toBeGreaterThan(3);
    up = true;
    expect(await outbox.resend('e1', now())).toBe(true);
    await drain();
    expect((await outbox.list('sent', 10)).map((e) => e.id)).toEqual(['e1']);
  });

  it('a receiver that refuses the request for good (404, wrong key) sends it straight to the dead letters', async () => {
    const r = await receiver(() => 404);
    cleanup.push(r.close);
    const { outbox, worker, now } = rig([{ id: 'hook', kind: 'webhook', url: r.url, lang: 'zh-CN' }]);
    await outbox.enqueue({ id: 'e1', channelId: 'hook', message: msg(1) }, now());
    expect(await worker.tick()).toEqual({ sent: 0, retried: 0, dead: 1 });
    expect((await outbox.list('dead', 1))[0]!.lastError).toBe('404 busy');
  });

  it('a burst merges into few messages and stays under the per-minute limit', async () => {
    const r = await receiver(() => 200);
    cleanup.push(r.close);
    const { outbox, worker, now, advance } = rig([{ id: 'hook', kind: 'webhook', url: r.url, lang: 'zh-CN' }], { maxBatch: 20, perMinute: 2 });
    for (let n = 1; n <= 50; n++) await outbox.enqueue({ id: `e${String(n).padStart(2, '0')}`, channelId: 'hook', message: msg(n) }, now());
    await worker.tick(); advance(1000); await worker.tick(); advance(1000); await worker.tick();
    expect(r.hits).toHaveLength(2); // third message waits for the minute to pass
    advance(60_000);
    await worker.tick();
    expect(r.hits).toHaveLength(3);
    expect(ids(r.accepted.values())).toEqual(Array.from({ length: 50 }, (_, i) => `alert-${i + 1}`));
    console.log('[figures] burst: 50 alerts → 3 messages (20 + 20 + 10), limit 2/min respected');
  });
});
