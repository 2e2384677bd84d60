/** Storage on the kiosk, in real Chromium: a week offline with thousands of ratings queued. */
import { describe, it, expect } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { browser, server, useStage } from './stage';
import { openKiosk, rateInPage, setPolicy, waitDrained, deviceState } from './fault-driver';

useStage();

function endpointRows(kioskId: string): Array<{ id: string; counted_at: number; flags: string }> {
  const db = new Database(join(server.dataDir, 'kiosk.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT id, counted_at, flags FROM responses WHERE kiosk_id = ?').all(kioskId) as Array<{ id: string; counted_at: number; flags: string }>;
  } finally {
    db.close();
  }
}

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
    // Made through the kiosk's own recorder (the function a tap calls): 2,000 taps would take the test half an hour.
    const made = new Set<string>();
    for (let i = 0; i < N; i += 500) for (const id of await rateInPage(page, 500)) made.add(id);
    expect(made.size).toBe(N);
    await ctx.clock.setSystemTime(Date.now()); // eight days pass with the kiosk offline
    await page.reload();
    await page.getByRole('button', { name: /非常满意/ }).waitFor();
    expect((await deviceState(page)).pending).toBe(N); // nothing expired
    await ctx.setOffline(false);
    const s = await waitDrained(page, 90_000);
    const rows = endpointRows(s.kioskId!);
    expect(rows).toHaveLength(N);
    expect(new Set(rows.map((r) => r.id))).toEqual(made);
    // The device clock was right all along: each rating counts when it was made, not when it arrived.
    expect(rows.every((r) => r.counted_at < eightDaysAgo + 86_400_000 && !r.flags.includes('clock_skew'))).toBe(true);
    await ctx.close();
  }, 180_000);
});
