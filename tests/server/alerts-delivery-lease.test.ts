/** Two endpoints on one store: each queued alert message goes out once, and a dead endpoint's deliveries are taken over. */
import { describe, expect, it, vi } from 'vitest';
import type { Channel, Outcome } from '../../src/server/alerts/channels';
import { channelOf } from '../../src/server/alerts/raise';
import { DELIVERY_LEASE_MS, DELIVERY_PASS_MS, DELIVERY_RENEW_MS, deliveryLease, deliveryPass, startAlerts } from '../../src/server/alerts/service';
import { ConfigIndex, loadConfig } from '../../src/server/config/load';
import { DeliveryWorker } from '../../src/server/alerts/worker';
import type { ChannelRow, Store } from '../../src/server/store';
import { CONFIG_DIR, freshStore } from './testkit';

const robot: ChannelRow = {
  id: 'ch-robot', site_id: 'demo', kind: 'webhook', name: '值班群', url: 'http://127.0.0.1:9/unused', secret: 's', recipients: null, lang: 'zh-CN', kinds: null, created_at: 0,
};

/**
 * An endpoint's delivery worker on `store`, recording what it sent, and its hold on the delivery lease; `answer`
 * decides each send's outcome; `clock` is the endpoint's host's clock.
 */
function endpoint(store: Store, holder: string, clock: () => number, answer: () => Outcome = () => ({ kind: 'delivered', answer: 'ok' })) {
  const sent: string[] = [];
  const worker = new DeliveryWorker({
    outbox: store.outbox, channels: () => [channelOf(robot)] as Channel[], now: clock, random: () => 0.5,
    send: async (_ch, message, key) => { sent.push(`${key} ${message.title}`); await new Promise((r) => setImmediate(r)); return answer(); },
  });
  const lease = deliveryLease(store, holder, clock);
  return { sent, worker, lease, pass: () => deliveryPass(lease, worker) };
}

describe('alert delivery with two endpoints on one store', () => {
  it('a queued alert is sent by one endpoint, not by both, however often they pass together', async () => {
    const store = await freshStore();
    let now = Date.UTC(2026, 11, 7, 1, 0);
    const clock = () => now;
    await store.alertChannels.put(robot);
    await store.outbox.enqueue({ id: 'a1', channelId: robot.id, message: { title: '差评：01 窗口', lines: ['1 星'], link: 'https://hall/x' } }, now);
    const a = endpoint(store, 'host-a:1@8080', clock);
    const b = endpoint(store, 'host-b:1@8080', clock);
    for (let i = 0; i < 5; i++) {
      const passed = await Promise.all([a.pass(), b.pass()]);
      expect(passed.filter(Boolean)).toHaveLength(1);
      now += 2_000;
    }
    expect([...a.sent, ...b.sent]).toEqual(['a1 差评：01 窗口']);
  });

  it('when the delivering endpoint dies, the other takes its deliveries over once its lease runs out', async () => {
    const store = await freshStore();
    let now = Date.UTC(2026, 11, 7, 1, 0);
    const clock = () => now;
    await store.alertChannels.put(robot);
    // The first endpoint's robot is down: it keeps the message pending, then the endpoint is killed.
    const a = endpoint(store, 'host-a:1@8080', clock, () => ({ kind: 'retry', error: 'HTTP 502', afterMs: null }));
    const b = endpoint(store, 'host-b:1@8080', clock);
    await store.outbox.enqueue({ id: 'a2', channelId: robot.id, message: { title: '投诉：意见箱', lines: ['空调'], link: 'https://hall/y' } }, now);
    expect(await a.pass()).toBe(true);
    expect(a.sent).toHaveLength(1);
    now += 5_000;
    expect(await b.pass()).toBe(false); // the lease is still the dead endpoint's
    now += DELIVERY_LEASE_MS;
    expect(await b.pass()).toBe(true);
    expect(b.sent).toEqual(['a2 投诉：意见箱']); // the same batch key, so a robot that saw the first try can tell
    expect((await store.outbox.pending())).toEqual([]);
  });

  it('an endpoint whose clock runs ahead never takes the lease of one that is alive and renewing it', async () => {
    const store = await freshStore();
    let now = Date.UTC(2026, 11, 7, 1, 0);
    await store.alertChannels.put(robot);
    const a = endpoint(store, 'host-a:1@8080', () => now);
    const b = endpoint(store, 'host-b:1@8080', () => now + 5 * 60_000); // five minutes ahead
    await store.outbox.enqueue({ id: 'a3', channelId: robot.id, message: { title: '差评：02 窗口', lines: ['1 星'], link: 'https://hall/z' } }, now);
    expect(await a.pass()).toBe(true);
    // a minute of both passing every 2 s, the holder renewing every 5 s as the endpoint does
    for (let t = 0; t < 60_000; t += 1_000) {
      now += 1_000;
      if (t % DELIVERY_RENEW_MS === 0) expect(await a.lease.acquire()).toBe(true);
      if (t % 2_000 === 0) expect(await b.pass()).toBe(false);
    }
    expect(b.sent).toEqual([]);
    expect(a.sent).toEqual(['a3 差评：02 窗口']);
  });

  it('an endpoint takes a dead one\'s deliveries over after the same wait whether its clock runs behind, agrees or runs ahead, and sends them', async () => {
    const takeovers: number[] = [];
    for (const skew of [-5 * 60_000, 0, 5 * 60_000]) {
      const store = await freshStore();
      let now = Date.UTC(2026, 11, 7, 1, 0);
      await store.alertChannels.put(robot);
      const a = endpoint(store, 'host-a:1@8080', () => now);
      const b = endpoint(store, 'host-b:1@8080', () => now + skew);
      expect(await a.pass()).toBe(true); // a is killed right after: it renews no more
      // queued before a was killed (a message comes due by its deliverer's own clock)
      await store.outbox.enqueue({ id: 'a4', channelId: robot.id, message: { title: '投诉：03 窗口', lines: ['等候太久'], link: 'https://hall/w' } }, now - 60 * 60_000);
      const killed = now;
      while (!(await b.pass())) {
        now += 2_000; // b passes every 2 s
        expect(now - killed, 'b never took over').toBeLessThan(60_000);
      }
      takeovers.push(now - killed);
      expect(b.sent).toEqual(['a4 投诉：03 窗口']);
    }
    expect(takeovers[0]).toBeGreaterThanOrEqual(DELIVERY_LEASE_MS);
    expect(new Set(takeovers).size, `takeover after ${takeovers.join(' / ')} ms`).toBe(1);
  });

  it('a stopped endpoint gives the lease back, and the other delivers at its next pass', async () => {
    const store = await freshStore();
    let now = Date.UTC(2026, 11, 7, 1, 0);
    const a = endpoint(store, 'host-a:1@8080', () => now);
    const b = endpoint(store, 'host-b:1@8080', () => now);
    expect(await a.pass()).toBe(true);
    now += 2_000;
    expect(await b.pass()).toBe(false);
    await a.lease.release();
    now += 2_000;
    expect(await b.pass()).toBe(true);
    expect(await a.pass()).toBe(false);
  });

  it('an endpoint that stops finishes the send under way before it gives delivery back, so the other endpoint does not send it again', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const store = await freshStore();
      await store.alertChannels.put(robot);
      await store.outbox.enqueue({ id: 'a5', channelId: robot.id, message: { title: '差评：04 窗口', lines: ['1 星'], link: 'https://hall/v' } }, Date.now());
      const sending: string[] = [];
      let sendStarted!: () => void;
      const started = new Promise<void>((ok) => { sendStarted = ok; });
      let robotAnswers!: () => void;
      const answered = new Promise<void>((ok) => { robotAnswers = ok; });
      const a = startAlerts(store, new ConfigIndex(loadConfig(CONFIG_DIR)), {
        baseUrl: 'https://hall.example', holder: 'host-a:1@8080',
        sender: async (_ch, message, key) => { sending.push(`${key} ${message.title}`); sendStarted(); await answered; return { kind: 'delivered', answer: 'ok' }; },
      });
      await vi.advanceTimersByTimeAsync(DELIVERY_PASS_MS);
      await started; // a's robot is slow to answer; a is told to stop (a restart, an upgrade)
      const stopped = a.stop();
      const b = endpoint(store, 'host-b:1@8080', Date.now);
      expect(await b.pass()).toBe(false); // still a's while its send is under way
      robotAnswers();
      await stopped;
      expect(await b.pass()).toBe(true); // given back: b delivers from its next pass
      expect(b.sent).toEqual([]);
      expect(sending).toEqual(['a5 差评：04 窗口']);
      expect((await store.outbox.list('all', 10)).map((e) => e.status)).toEqual(['sent']);
    } finally {
      vi.useRealTimers();
    }
  });
});
