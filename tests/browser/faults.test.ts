/**
 * The fault matrix: real Chromium, the real endpoint, and a fault-injecting proxy between them.
 * For every row 20 ratings (FAULT_RATINGS) are made by tapping the kiosk's faces (its own screens and save path) during or
 * around the fault; afterwards
 * the endpoint must hold exactly those ratings, each once. The table is printed at the end.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, startServer, type RunningServer } from './harness';
import { startFaultProxy, type FaultProxy } from './fault-proxy';
import { openKiosk, setPolicy, tapRatings, waitDrained, deviceState, type DeviceState } from './fault-driver';

// Ratings per row: 20 in the suite (several batches each, every armed fault met before the outbox drains);
// FAULT_RATINGS=50 for a longer run.
const N = Math.max(20, Math.round(Number(process.env.FAULT_RATINGS ?? 20) / 2) * 2);
let browser: Browser;
let server: RunningServer;
let proxy: FaultProxy;

interface Row { fault: string; made: number; stored: number; duplicates: number; lost: number; deadLetters: number }
const table: Row[] = [];

beforeAll(async () => {
  server = await startServer();
  proxy = await startFaultProxy(server.port);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await proxy?.close();
  await server?.stop();
  if (table.length > 0) {
    const lines = [
      '| fault | made | stored | duplicates | lost | dead letters |',
      '| --- | ---: | ---: | ---: | ---: | ---: |',
      ...table.map((r) => `| ${r.fault} | ${r.made} | ${r.stored} | ${r.duplicates} | ${r.lost} | ${r.deadLetters} |`),
    ];
    console.log(`\nFault matrix\n${lines.join('\n')}\n`);
    if (process.env.FAULT_TABLE) writeFileSync(process.env.FAULT_TABLE, `${lines.join('\n')}\n`);
  }
});

function newContext(): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'allow', bypassCSP: true });
}

/** What the endpoint holds for these ids, read from its SQLite file (WAL lets a reader in beside it). */
function endpointRows(kioskIds: string[]): Array<{ id: string; flags: string }> {
  const db = new Database(join(server.dataDir, 'kiosk.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(`SELECT id, flags FROM responses WHERE kiosk_id IN (${kioskIds.map(() => '?').join(',')})`).all(...kioskIds) as Array<{ id: string; flags: string }>;
  } finally {
    db.close();
  }
}

/**
 * Counts one row: `made` ratings the test made, the devices' own records, and the endpoint's rows for those kiosks.
 * Lost = made but neither stored nor a dead letter; duplicates = rows beyond one per made rating.
 */
function tally(fault: string, made: number, devices: DeviceState[]): Row & { rows: Array<{ id: string; flags: string }> } {
  const kioskIds = [...new Set(devices.map((d) => d.kioskId).filter((k): k is string => k !== null))];
  const rows = kioskIds.length ? endpointRows(kioskIds) : [];
  const deviceIds = new Set(devices.flatMap((d) => d.ids));
  const deadLetters = devices.reduce((a, d) => a + d.deadLetters, 0);
  const storedIds = new Set(rows.map((r) => r.id));
  const strangers = rows.filter((r) => !deviceIds.has(r.id)).length;
  const duplicates = rows.length - storedIds.size + strangers + Math.max(0, deviceIds.size - made);
  const lost = [...deviceIds].filter((id) => !storedIds.has(id)).length - deadLetters + Math.max(0, made - deviceIds.size);
  const row = { fault, made, stored: storedIds.size, duplicates, lost, deadLetters };
  table.push(row);
  return { ...row, rows };
}

function expectExactlyOnce(r: Row, deadLetters = 0): void {
  expect({ lost: r.lost, duplicates: r.duplicates, deadLetters: r.deadLetters, stored: r.stored }).toEqual({ lost: 0, duplicates: 0, deadLetters, stored: r.made - deadLetters });
}

describe('the fault matrix: every rating reaches the endpoint exactly once', () => {
  it('server answers 500 for a while', async () => {
    const ctx = await newContext();
    const page = await openKiosk(ctx, proxy.url);
    await setPolicy(page);
    proxy.arm('error500', 8);
    await tapRatings(page, N);
    const s = await waitDrained(page);
    proxy.arm('none');
    expectExactlyOnce(tally('server answers 500 for a while', N, [s]));
    await ctx.close();
  }, 120_000);

  it('server hangs past the timeout', async () => {
    const ctx = await newContext();
    const page = await openKiosk(ctx, proxy.url);
    await setPolicy(page);
    proxy.arm('hang', 2);
    await tapRatings(page, N);
    const s = await waitDrained(page);
    expectExactlyOnce(tally('server hangs past the timeout', N, [s]));
    await ctx.close();
  }, 120_000);

  it('connection cut after the server committed, before the client read the answer', async () => {
    const ctx = await newContext();
    const page = await openKiosk(ctx, proxy.url);
    await setPolicy(page);
    proxy.arm('cut_after_commit', 3);
    await tapRatings(page, N);
    const s = await waitDrained(page);
    expectExactlyOnce(tally('connection cut after commit', N, [s]));
    await ctx.close();
  }, 120_000);

  it('the same batch delivered twice', async () => {
    const ctx = await newContext();
    const page = await openKiosk(ctx, proxy.url);
    await setPolicy(page);
    proxy.arm('duplicate');
    await tapRatings(page, N);
    const s = await waitDrained(page);
    proxy.arm('none');
    expectExactlyOnce(tally('the same batch delivered twice', N, [s]));
    await ctx.close();
  }, 120_000);

  it('malformed answers: not JSON, then truncated JSON', async () => {
    const ctx = await newContext();
    const page = await openKiosk(ctx, proxy.url);
    await setPolicy(page);
    proxy.arm('malformed', 2);
    let seen = 0;
    proxy.onSync = () => { if (++seen === 3) proxy.arm('truncated', 2); };
    await tapRatings(page, N);
    const s = await waitDrained(page);
    proxy.onSync = null;
    expectExactlyOnce(tally('malformed / truncated answer', N, [s]));
    await ctx.close();
  }, 120_000);

  it('one invalid record inside a valid batch becomes exactly one dead letter', async () => {
    // The kiosk's configuration offers a reason the endpoint no longer knows (a hall that dropped one since).
    proxy.rewriteConfig = (config) => {
      const site = config.site as { reasons: Array<{ code: string; zh: string; en: string }> };
      return { ...config, site: { ...site, reasons: [...site.reasons, { code: 'queue_machine', zh: '排队叫号混乱', en: 'Queue chaos' }] } };
    };
    const ctx = await newContext();
    // An installed kiosk: the service worker holds the app, the reasons step included (it loads only on a bad
    // rating, so a page that never ran under the worker cannot fetch it offline), and the page keeps its configuration.
    const page = await openKiosk(ctx, proxy.url, { controlled: true });
    await setPolicy(page);
    await ctx.setOffline(true); // all in one batch: the bad rating's first step must not reach the endpoint alone
    await page.reload(); // offline, it paints from the configuration it kept: the one offering the dropped reason
    await page.getByRole('button', { name: /非常满意/ }).waitFor();
    proxy.rewriteConfig = null;
    await tapRatings(page, N, { badAt: 17, reason: '排队叫号混乱' });
    await ctx.setOffline(false);
    const s = await waitDrained(page);
    expectExactlyOnce(tally('one invalid record in a valid batch', N, [s]), 1);
    await ctx.close();
  }, 120_000);

  it('the page closed mid-sync and reopened', async () => {
    const ctx = await newContext();
    const page = await openKiosk(ctx, proxy.url);
    await setPolicy(page);
    // All N are saved first, offline, so none can be sent (and the page cannot close) before every one is made.
    await ctx.setOffline(true);
    await tapRatings(page, N);
    const closed = new Promise<void>((ok) => {
      proxy.onSync = () => { proxy.onSync = null; setTimeout(() => { void page.close().then(ok); }, 200); };
    });
    proxy.arm('slow', 1, 1_500); // the endpoint commits, the answer is still on its way when the page goes
    await ctx.setOffline(false);
    await page.evaluate(() => { dispatchEvent(new Event('online')); });
    await closed;
    const again = await openKiosk(ctx, proxy.url);
    const s = await waitDrained(again);
    expectExactlyOnce(tally('page closed mid-sync and reopened', N, [s]));
    await ctx.close();
  }, 120_000);

  it('the endpoint killed and restarted mid-batch, its database intact', async () => {
    const ctx = await newContext();
    const page = await openKiosk(ctx, proxy.url);
    await setPolicy(page);
    const { port, dataDir } = server;
    const restarted = new Promise<void>((ok, fail) => {
      proxy.onSync = () => {
        proxy.onSync = null;
        // Kill while the batch is being forwarded: it commits wholly or not at all.
        setTimeout(() => {
          const old = server;
          old.proc.once('exit', () => { startServer({ port, dataDir }).then((s) => { server = s; ok(); }, fail); });
          old.proc.kill('SIGKILL');
        }, 5);
      };
    });
    await tapRatings(page, N);
    await restarted;
    const s = await waitDrained(page, 60_000);
    expectExactlyOnce(tally('endpoint restarted mid-batch (SIGKILL)', N, [s]));
    const db = new Database(join(dataDir, 'kiosk.sqlite'), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    await ctx.close();
  }, 120_000);

  it('offline for the whole session, reloaded offline, then online', async () => {
    const ctx = await newContext();
    const page = await openKiosk(ctx, proxy.url, { controlled: true });
    await setPolicy(page);
    await ctx.setOffline(true);
    await page.reload();
    await page.getByRole('button', { name: /非常满意/ }).waitFor();
    await tapRatings(page, N / 2);
    await page.reload();
    await page.getByRole('button', { name: /非常满意/ }).waitFor();
    await tapRatings(page, N / 2);
    await page.reload();
    await page.getByRole('button', { name: /非常满意/ }).waitFor();
    expect((await deviceState(page)).pending).toBe(N); // nothing left while offline
    await ctx.setOffline(false);
    const s = await waitDrained(page);
    expectExactlyOnce(tally('offline all session, reloaded offline, then online', N, [s]));
    await ctx.close();
  }, 120_000);

  for (const [label, skew] of [['+1 day', 86_400_000], ['-1 day', -86_400_000]] as const) {
    it(`device clock skewed ${label}: counted at receive time and flagged`, async () => {
      const ctx = await newContext();
      await ctx.clock.install({ time: Date.now() + skew });
      const page = await openKiosk(ctx, proxy.url);
      await setPolicy(page);
      await tapRatings(page, N);
      const s = await waitDrained(page);
      const r = tally(`device clock skewed ${label}`, N, [s]);
      expectExactlyOnce(r);
      expect(r.rows.filter((x) => x.flags.includes('clock_skew'))).toHaveLength(N);
      await ctx.close();
    }, 120_000);
  }

  it('a service worker update applied between ratings', async () => {
    const ctx = await newContext();
    const page = await openKiosk(ctx, proxy.url, { controlled: true });
    await setPolicy(page);
    await tapRatings(page, N / 2 - 5);
    proxy.poseNewBuild(`update-${Date.now()}`);
    await page.evaluate(async () => { await (await navigator.serviceWorker.getRegistration())?.update(); });
    await page.waitForFunction(async () => (await navigator.serviceWorker.getRegistration())?.waiting != null, undefined, { timeout: 20_000, polling: 200 });
    // The kiosk applies the waiting worker at its next idle screen; a citizen's tap leads there.
    await tapRatings(page, 5);
    await page.waitForFunction(async () => {
      const reg = await navigator.serviceWorker.getRegistration();
      return reg?.waiting == null && reg?.installing == null && navigator.serviceWorker.controller !== null;
    }, undefined, { timeout: 30_000, polling: 250 });
    await page.getByRole('button', { name: /非常满意/ }).waitFor();
    await tapRatings(page, N / 2);
    const s = await waitDrained(page);
    expectExactlyOnce(tally('service worker update between ratings', N, [s]));
    await ctx.close();
  }, 120_000);

  it('two tabs of the same kiosk draining at once', async () => {
    const ctx = await newContext();
    const a = await openKiosk(ctx, proxy.url);
    await setPolicy(a);
    const b = await openKiosk(ctx, proxy.url);
    proxy.arm('slow', 4, 300); // batches take long enough that both tabs try to drain together (one holds the lock, the other is told busy)
    // Citizens tap the tab in front, by turns; the tab behind goes on syncing (a tab behind gets no frames: taps there took some 4 s each).
    for (let i = 0; i < N / 2; i++) {
      for (const tab of [a, b]) {
        await tab.bringToFront();
        await tapRatings(tab, 1);
      }
    }
    await Promise.all([waitDrained(a), waitDrained(b)]);
    const s = await deviceState(a); // one database for both tabs
    expectExactlyOnce(tally('two tabs draining at once', N, [s]));
    await ctx.close();
  }, 120_000);
});
