/**
 * Storage on the kiosk, in real Chromium: a full disk (quota override through the DevTools protocol)
 * and a week offline with thousands of ratings queued.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { launchBrowser, startServer, type RunningServer } from './harness';
import { openKiosk, saveInPage, setPolicy, tapRatings, waitDrained, deviceState } from './fault-driver';

let browser: Browser;
let server: RunningServer;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

function endpointRows(kioskId: string): Array<{ id: string; counted_at: number; flags: string }> {
  const db = new Database(join(server.dataDir, 'kiosk.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT id, counted_at, flags FROM responses WHERE kiosk_id = ?').all(kioskId) as Array<{ id: string; counted_at: number; flags: string }>;
  } finally {
    db.close();
  }
}

function syncStatus(page: Page): Promise<{ storageWarning?: boolean; lastSaveError?: { code: string } | null }> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((ok, fail) => { const r = indexedDB.open('window-feedback'); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
    const v = await new Promise<unknown>((ok) => { const q = db.transaction('meta').objectStore('meta').get('syncStatus'); q.onsuccess = () => ok(q.result); });
    db.close();
    return (v ?? {}) as { storageWarning?: boolean; lastSaveError?: { code: string } | null };
  });
}

describe('a kiosk whose storage runs out', () => {
  it('warns staff at 80 %, refuses to thank a rating it could not save, and keeps every rating it did save', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'allow', bypassCSP: true });
    const page = await openKiosk(ctx, server.url, { controlled: true });
    await setPolicy(page);
    await ctx.setOffline(true); // the ratings stay on the device for the whole test
    await tapRatings(page, 5);
    const cdp = await ctx.newCDPSession(page);
    const origin = new URL(server.url).origin;
    const usage = async () => (await page.evaluate(() => navigator.storage.estimate())).usage ?? 0;

    // 85 % full: saves still succeed, and the drain that follows each save tells staff.
    await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: Math.ceil((await usage()) / 0.85) });
    await tapRatings(page, 1);
    await expect.poll(async () => (await syncStatus(page)).storageWarning, { timeout: 10_000 }).toBe(true);

    // Full: the next rating cannot be written, and the citizen is not thanked.
    await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: Math.max(1, (await usage()) - 1) });
    await page.getByRole('button', { name: /^非常满意/ }).click();
    await page.getByRole('alert').waitFor({ timeout: 10_000 });
    expect(await page.getByRole('status').count()).toBe(0);

    // Space again, back online: the six thanked ratings arrive, and the refused save is on record for staff.
    await cdp.send('Storage.overrideQuotaForOrigin', { origin });
    await ctx.setOffline(false);
    await page.reload();
    await page.getByRole('button', { name: /非常满意/ }).waitFor();
    const s = await waitDrained(page);
    expect(s.ids).toHaveLength(6);
    expect(endpointRows(s.kioskId!).map((r) => r.id).sort()).toEqual([...s.ids].sort());
    await ctx.close();
  }, 120_000);

  it('the refused save is recorded for the staff corner once the disk has room again', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'allow', bypassCSP: true });
    const page = await openKiosk(ctx, server.url);
    await setPolicy(page);
    const cdp = await ctx.newCDPSession(page);
    const origin = new URL(server.url).origin;
    const usage = (await page.evaluate(() => navigator.storage.estimate())).usage ?? 0;
    await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: Math.max(1, usage - 1) });
    await page.getByRole('button', { name: /^满意/ }).click();
    await page.getByRole('alert').waitFor({ timeout: 10_000 });
    await cdp.send('Storage.overrideQuotaForOrigin', { origin });
    // The page kept the failure in memory; its next status write (the drain after a saved rating) stores it.
    await page.waitForTimeout(9_000); // the "not saved" screen returns to the faces by itself
    await page.getByRole('button', { name: /^非常满意/ }).click();
    await page.getByRole('status').waitFor();
    await expect.poll(async () => (await syncStatus(page)).lastSaveError?.code, { timeout: 10_000 }).toBe('quota');
    await ctx.close();
  }, 120_000);
});

describe('a kiosk offline for more than a week', () => {
  it('keeps thousands of queued ratings through reloads, and each arrives once, counted on the day it was made', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'allow', bypassCSP: true });
    const eightDaysAgo = Date.now() - 8 * 86_400_000;
    await ctx.clock.install({ time: eightDaysAgo });
    const page = await openKiosk(ctx, server.url, { controlled: true });
    await setPolicy(page);
    await ctx.setOffline(true);
    await page.reload();
    await page.getByRole('button', { name: /非常满意/ }).waitFor();
    const N = 2_000;
    for (let i = 0; i < N; i += 500) await saveInPage(page, 500);
    await ctx.clock.setSystemTime(Date.now()); // eight days pass with the kiosk offline
    await page.reload();
    await page.getByRole('button', { name: /非常满意/ }).waitFor();
    expect((await deviceState(page)).pending).toBe(N); // nothing expired
    await ctx.setOffline(false);
    const s = await waitDrained(page, 90_000);
    const rows = endpointRows(s.kioskId!);
    expect(rows).toHaveLength(N);
    expect(new Set(rows.map((r) => r.id)).size).toBe(N);
    // The device clock was right all along: each rating counts when it was made, not when it arrived.
    expect(rows.every((r) => r.counted_at < eightDaysAgo + 86_400_000 && !r.flags.includes('clock_skew'))).toBe(true);
    await ctx.close();
  }, 180_000);
});
