import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { postHttp } from '../../src/server/alerts/channels';
import { alertIngestHook, channelOf } from '../../src/server/alerts/raise';
import { DeliveryWorker } from '../../src/server/alerts/worker';
import { ConfigIndex, loadConfig } from '../../src/server/config/load';
import { openStore, type ChannelRow, type Store } from '../../src/server/store';
import { CONFIG_DIR, enrol, makeEndpoint, response, syncRequest } from './testkit';
import { kioskByToken } from '../../src/server/auth/kiosks';

const hookChannel = (url: string): ChannelRow => ({
  id: 'ch-hook', site_id: 'demo', kind: 'webhook', name: '值班群', url, secret: 's', recipients: null, lang: 'zh-CN', kinds: null, created_at: 0,
});

async function endpointWithAlerts() {
  const config = new ConfigIndex(loadConfig(CONFIG_DIR));
  const e = await makeEndpoint({ ingestHooks: [alertIngestHook(config, 'https://hall.example')] });
  await e.store.alertChannels.put(hookChannel('http://127.0.0.1:9/unused'));
  const token = await enrol(e.app);
  const sync = (records: unknown[]) => e.app.request('/api/v1/sync', syncRequest(token, { records }));
  return { ...e, sync, token };
}

describe('alerts written with the rating that caused them', () => {
  it('a bad review with a phone raises an alert and queues a masked message in the same sync', async () => {
    const { store, sync } = await endpointWithAlerts();
    const r = response({ score: 1, phone: '13812345678', comment: '排队两小时' });
    expect((await sync([r])).status).toBe(200);
    const [alert] = await store.alerts.list('all', 10);
    expect(alert).toMatchObject({ kind: 'bad_with_phone', key: `bad_with_phone:${r.id}`, window_id: 'w01', acked_at: null });
    const [queued] = await store.outbox.list('pending', 10);
    expect(queued!.channelId).toBe('ch-hook');
    const text = JSON.stringify(queued!.message);
    expect(text).toContain('138****5678');
    expect(text).not.toContain('13812345678');
    expect(text).not.toContain('排队两小时');
  });

  it('a hall whose alerts carry the comment sends it with the numbers the citizen typed into it masked', async () => {
    const base = loadConfig(CONFIG_DIR);
    const demo = base.sites[0]!;
    const config = new ConfigIndex({ ...base, sites: [{ ...demo, alerts: { ...demo.alerts, includeComment: true } }, ...base.sites.slice(1)] });
    const { store, app } = await makeEndpoint({ ingestHooks: [alertIngestHook(config, 'https://hall.example')] });
    await store.alertChannels.put(hookChannel('http://127.0.0.1:9/unused'));
    const token = await enrol(app);
    const r = response({ score: 1, phone: '13812345678', comment: '排队两小时，加我微信或打13987654321' });
    expect((await app.request('/api/v1/sync', syncRequest(token, { records: [r] }))).status).toBe(200);
    const [queued] = await store.outbox.list('pending', 10);
    const text = JSON.stringify(queued!.message);
    expect(text).toContain('排队两小时，加我微信或打139****4321');
    expect(text).not.toMatch(/13987654321|13812345678/);
  });

  it('when the rating’s transaction fails, neither the alert nor its message is kept', async () => {
    const config = new ConfigIndex(loadConfig(CONFIG_DIR));
    const failing = async () => { throw new Error('disk full'); };
    const { store, app } = await makeEndpoint({ ingestHooks: [alertIngestHook(config, 'https://hall.example'), failing] });
    await store.alertChannels.put(hookChannel('http://127.0.0.1:9/unused'));
    const token = await enrol(app);
    const res = await app.request('/api/v1/sync', syncRequest(token, { records: [response({ score: 1, phone: '13812345678' })] }));
    expect(res.status).toBeGreaterThanOrEqual(500);
    expect(await store.alerts.list('all', 10)).toEqual([]);
    expect(await store.outbox.list('all', 10)).toEqual([]);
  });

  it('three bad among the last ten raises one streak alert; more bad reviews do not raise it again; recovery closes it', async () => {
    const { store, sync } = await endpointWithAlerts();
    await sync([response({ score: 2 }), response({ score: 1 })]);
    expect(await store.alerts.list('all', 10)).toEqual([]);
    await sync([response({ score: 1 })]);
    await sync([response({ score: 2 })]);
    const open = await store.alerts.list('all', 10);
    expect(open.map((a) => [a.kind, a.closed_at])).toEqual([['bad_streak', null]]);
    await sync(Array.from({ length: 8 }, () => response({ score: 5 })));
    const [closed] = await store.alerts.list('all', 10);
    expect(closed!.closed_at).not.toBeNull();
  });

  it('a streak that begins at the end of one sync and completes at the start of the next raises exactly once; both sent again raise nothing new', async () => {
    const { store, sync } = await endpointWithAlerts();
    const first = [...Array.from({ length: 5 }, () => response({ score: 5 })), response({ score: 2 }), response({ score: 1 })];
    const second = [response({ score: 1 }), response({ score: 5 }), response({ score: 4 })];
    await sync(first);
    expect(await store.alerts.list('all', 10)).toEqual([]);
    await sync(second);
    const raised = await store.alerts.list('all', 10);
    expect(raised.map((a) => [a.kind, a.key, a.closed_at])).toEqual([['bad_streak', 'bad_streak:w01', null]]);
    expect(JSON.parse(raised[0]!.facts)).toEqual({ bad: 3, of: 10 });
    const queued = (await store.outbox.list('all', 100)).length;
    const again = [await (await sync(first)).json(), await (await sync(second)).json()] as Array<{ results: Array<{ status: string }> }>;
    expect(again.flatMap((b) => b.results.map((r) => r.status))).toEqual(Array(10).fill('duplicate'));
    expect(await store.alerts.list('all', 10)).toEqual(raised);
    expect((await store.outbox.list('all', 100)).length).toBe(queued);
  });

  it('a kiosk moved to another window sends both windows\' streaks in one batch: one alert per window that has one', async () => {
    const { store, sync, token } = await endpointWithAlerts();
    await store.kiosks.move((await kioskByToken(store, token))!.id, 'demo', 'w02');
    await sync([
      ...Array.from({ length: 4 }, () => response({ score: 1 })),
      ...Array.from({ length: 4 }, () => response({ score: 1, windowId: 'w02' })),
      ...Array.from({ length: 4 }, () => response({ score: 5, windowId: 'w02' })),
    ]);
    const keys = (await store.alerts.list('all', 10)).map((a) => a.key).sort();
    expect(keys).toEqual(['bad_streak:w01', 'bad_streak:w02']);
  });
});

describe('delivery across a restart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'alerts-restart-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a process killed after sending but before recording loses nothing and the receiver sees each alert once', async () => {
    const accepted = new Map<string, string>();
    const keys: string[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const key = String(req.headers['idempotency-key']);
        keys.push(key);
        if (!accepted.has(key)) accepted.set(key, body);
        res.end('{"ok":true}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    const file = join(dir, 'kiosk.sqlite');
    const message = (n: number) => ({ title: `alert-${n}`, lines: [], link: 'l' });
    const now = () => 1_800_000_000_000;
    const workerOn = (store: Store, killAfterSend: boolean) => new DeliveryWorker({
      outbox: store.outbox, now, channels: () => [channelOf(hookChannel(url))],
      send: async (ch, m, key, at) => {
        const out = await postHttp(ch, m, at, key, 5000);
        if (killAfterSend) throw new Error('process killed');
        return out;
      },
    });

    const first: Store = await openStore({ file });
    await first.alertChannels.put(hookChannel(url));
    for (const n of [1, 2]) await first.outbox.enqueue({ id: `e${n}`, channelId: 'ch-hook', message: message(n) }, now());
    await expect(workerOn(first, true).tick()).rejects.toThrow('process killed');
    await first.outbox.enqueue({ id: 'e3', channelId: 'ch-hook', message: message(3) }, now());
    await first.close();

    const second: Store = await openStore({ file });
    const w = workerOn(second, false);
    await w.tick(); // resends the interrupted batch under its key
    await w.tick(); // then the entry queued after it
    expect(keys).toEqual(['e1', 'e1', 'e3']);
    expect([...accepted.values()].flatMap((b) => b.match(/alert-\d/g))).toEqual(['alert-1', 'alert-2', 'alert-3']);
    expect((await second.outbox.list('all', 10)).map((e) => [e.id, e.status])).toEqual([['e1', 'sent'], ['e2', 'sent'], ['e3', 'sent']]);
    await second.close();
    await new Promise<void>((r) => server.close(() => r()));
  });
});

describe('a staff member\'s bell', () => {
  it('finds every alert addressed to them by name, however many other alerts the hall has raised since', async () => {
    const { store } = await makeEndpoint();
    const alert = (i: number, assignee: string | null) => ({
      id: `a${i}`, key: `case_assigned:C${i}`, kind: 'case_assigned', site_id: 'demo', window_id: 'w01', kiosk_id: null,
      facts: JSON.stringify(assignee ? { case: `C${i}`, assignee } : { case: `C${i}` }), link: '/dashboard', raised_at: 1_000 + i,
    });
    await store.alerts.raise(alert(0, 'li'));
    for (let i = 1; i <= 600; i++) await store.alerts.raise(alert(i, i % 2 ? 'wang' : null));
    const mine = await store.alerts.list(['demo'], 50, 'li');
    expect(mine.map((a) => a.id)).toEqual(['a0']);
    expect(await store.alerts.unread(['demo'], 'li')).toBe(1);
    expect(await store.alerts.unread(['demo'], 'wang')).toBe(300);
    expect(await store.alerts.unread(['demo'])).toBe(601);
  });
});
