/** Issue 14 finding 11: a kiosk whose token was revoked stops every drain path until it is paired again. */
import { describe, it, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { adminCookie } from './harness';
import { browser, server, useStage } from './stage';
import { openKiosk, exportedResponses } from './kiosk-kit';

useStage();

/** An admin's API call with session cookie and CSRF header. */
async function asAdmin(path: string, body?: unknown): Promise<Response> {
  const cookie = await adminCookie(server.url);
  const { csrf } = (await (await fetch(`${server.url}/api/v1/auth/me`, { headers: { cookie } })).json()) as { csrf: string };
  return fetch(`${server.url}${path}`, body === undefined ? { headers: { cookie } } : { method: 'POST', headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

async function rateAndFinish(page: Page, face: string): Promise<void> {
  await page.getByRole('button', { name: face, exact: true }).click();
  await page.getByRole('status').waitFor();
  await page.getByRole('button', { name: '完成' }).click();
  await page.getByRole('button', { name: '非常满意' }).waitFor();
}

describe('a revoked kiosk', () => {
  it('sends one refused sync and then nothing — on saves, on the interval, on online events — until it is paired again, then delivers what it kept', async () => {
    const { context, page } = await openKiosk(browser, server.url, { windowId: 'w04', clock: true });
    const sent = { sync: 0, heartbeat: 0 };
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (path === '/api/v1/sync') sent.sync++;
      if (path === '/api/v1/heartbeat') sent.heartbeat++;
    });
    await rateAndFinish(page, '满意');
    await expect.poll(async () => (await exportedResponses(server.url)).filter((r) => r.window_id === 'w04').length, { timeout: 15_000 }).toBe(1);

    const { kiosks } = (await (await asAdmin('/api/v1/admin/kiosks')).json()) as { kiosks: { id: string; windowId: string }[] };
    const kiosk = kiosks.find((k) => k.windowId === 'w04')!;
    expect((await asAdmin(`/api/v1/admin/kiosks/${kiosk.id}/revoke`, {})).status).toBe(200);
    const before = { ...sent };

    await rateAndFinish(page, '非常满意'); // the save's drain meets the 401
    await expect.poll(() => sent.sync, { timeout: 15_000 }).toBe(before.sync + 1);
    await rateAndFinish(page, '基本满意');
    await rateAndFinish(page, '满意');
    for (let i = 0; i < 3; i++) await page.evaluate(() => { dispatchEvent(new Event('online')); });
    await page.clock.runFor(11 * 60_000); // 22 sync intervals and two heartbeat intervals
    await page.evaluate(() => new Promise((r) => setTimeout(r, 0)));
    expect(sent.sync - before.sync).toBe(1);
    expect(sent.heartbeat - before.heartbeat).toBe(0);

    // Paired again with a code an admin made: the kept ratings go out.
    const { code } = (await (await asAdmin('/api/v1/admin/kiosks/pairing-codes', { windowId: 'w04' })).json()) as { code: string };
    await page.goto(`${server.url}/kiosk`);
    await page.getByLabel(/配对码/).fill(code);
    await page.getByRole('button', { name: /^配对/ }).click();
    await page.waitForURL(`${server.url}/kiosk/w04`);
    await expect.poll(async () => (await exportedResponses(server.url, { suspect: true })).filter((r) => r.window_id === 'w04').length, { timeout: 20_000 }).toBe(4);
    await context.close();
  });
});
