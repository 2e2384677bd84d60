/** A tablet an admin moves to another window of the hall follows at its next heartbeat, between citizens. */
import { describe, it, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { adminCookie } from './harness';
import { browser, server, useStage } from './stage';
import { openKiosk, exportedResponses } from './kiosk-kit';

useStage();

/** The admin's Move of the kiosk showing `from` to the window `to` (the fleet page's Move button). */
async function moveKiosk(from: string, to: string): Promise<void> {
  const cookie = await adminCookie(server.url);
  const { csrf } = (await (await fetch(`${server.url}/api/v1/auth/me`, { headers: { cookie } })).json()) as { csrf: string };
  const { kiosks } = (await (await fetch(`${server.url}/api/v1/admin/kiosks`, { headers: { cookie } })).json()) as { kiosks: { id: string; windowId: string }[] };
  const kiosk = kiosks.find((k) => k.windowId === from)!;
  const res = await fetch(`${server.url}/api/v1/admin/kiosks/${kiosk.id}/move`, {
    method: 'POST', headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' }, body: JSON.stringify({ windowId: to }),
  });
  expect(res.status).toBe(200);
}

async function rateAndFinish(page: Page, face: string): Promise<void> {
  await page.getByRole('button', { name: face, exact: true }).click();
  await page.getByRole('status').waitFor();
  await page.getByRole('button', { name: '完成' }).click();
  await page.getByRole('button', { name: '非常满意' }).waitFor();
}

/** The window's ratings in the export, those flagged as too quick after the last thank-you included. */
const ratingsAt = async (windowId: string): Promise<Record<string, string>[]> => (await exportedResponses(server.url, { suspect: true })).filter((r) => r.window_id === windowId);

/** Whether the page's IndexedDB holds an enrolment for `windowId`. */
const enrolledAt = (page: Page, windowId: string): Promise<boolean> => page.evaluate(async (key) => {
  const req = indexedDB.open('window-feedback');
  const db = await new Promise<IDBDatabase>((ok) => { req.onsuccess = () => ok(req.result); });
  return new Promise<boolean>((ok) => { const r = db.transaction('meta').objectStore('meta').get(key); r.onsuccess = () => ok(r.result !== undefined); });
}, `enrolment:${windowId}`);

describe('a kiosk moved by an admin', () => {
  it('shows its new window after its next heartbeat, and a rating tapped there is stored for the new window', async () => {
    const { context, page } = await openKiosk(browser, server.url, { windowId: 'w01', clock: true });
    await rateAndFinish(page, '满意');
    await expect.poll(async () => (await ratingsAt('w01')).length, { timeout: 15_000 }).toBe(1);

    await moveKiosk('w01', 'w02');
    await page.clock.fastForward(5 * 60_000); // the heartbeat interval (its answer arrives after the jump: the page may navigate)
    await page.waitForURL(`${server.url}/kiosk/w02`);
    await expect.poll(() => page.locator('.win-no-num').textContent()).toBe('02');
    expect(await page.title()).toMatch(/^02 不动产登记/);

    await rateAndFinish(page, '非常满意');
    await expect.poll(async () => (await ratingsAt('w02')).map((r) => r.score), { timeout: 15_000 }).toEqual(['5']);
    expect(await ratingsAt('w01')).toHaveLength(1);
    await context.close();
  });

  it('mid-survey it finishes the citizen at the old window, whose rating still arrives, and goes once back at idle', async () => {
    const { context, page } = await openKiosk(browser, server.url, { windowId: 'w03' });
    await rateAndFinish(page, '满意');
    await expect.poll(async () => (await ratingsAt('w03')).length, { timeout: 15_000 }).toBe(1);

    await moveKiosk('w03', 'w05');
    await page.getByRole('button', { name: '基本满意', exact: true }).click(); // saved at once: the drain after it brings a heartbeat
    await page.getByRole('status').waitFor();
    await expect.poll(() => enrolledAt(page, 'w05'), { timeout: 15_000 }).toBe(true);
    expect(new URL(page.url()).pathname).toBe('/kiosk/w03');
    await expect(page.getByRole('button', { name: '完成' }).isVisible()).resolves.toBe(true);

    await page.getByRole('button', { name: '完成' }).click();
    await page.waitForURL(`${server.url}/kiosk/w05`);
    await expect.poll(() => page.locator('.win-no-num').textContent()).toBe('05');
    await expect.poll(async () => (await ratingsAt('w03')).map((r) => r.score).sort(), { timeout: 15_000 }).toEqual(['3', '4']);
    await rateAndFinish(page, '非常满意');
    await expect.poll(async () => (await ratingsAt('w05')).map((r) => r.score), { timeout: 15_000 }).toEqual(['5']);
    await context.close();
  });
});
