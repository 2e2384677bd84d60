import { describe, it, expect } from 'vitest';
import { adminCookie } from './harness';
import { browser, server, useStage } from './stage';

useStage();

async function exportRows(): Promise<string[]> {
  const cookie = await adminCookie(server.url);
  const res = await fetch(`${server.url}/api/v1/export/responses.csv`, { headers: { cookie } });
  if (!res.ok) throw new Error(`export failed: ${res.status} ${await res.text()}`);
  const text = (await res.text()).replace(/^\uFEFF/, '');
  return text.split('\r\n').filter((l) => l.length > 0).slice(1);
}

describe('the whole loop in real Chromium', () => {
  it('ratings made offline after one online visit arrive exactly once when the kiosk is back online', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'allow' });
    const page = await context.newPage();
    await page.goto(`${server.url}/kiosk/w01`);
    await page.getByRole('button', { name: /非常满意/ }).waitFor();
    // The service worker must have precached the shell before the Wi-Fi drops.
    await page.evaluate(async () => { await navigator.serviceWorker.ready; });
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 15_000 });

    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await context.setOffline(true);
    await page.reload();
    for (const label of ['非常满意', '满意', '不满意']) {
      await page.getByRole('button', { name: new RegExp(`^${label}`) }).click();
      await page.getByRole('status').waitFor();
      await page.getByRole('status').getByText(/感谢/).waitFor();
      await page.waitForTimeout(50);
      await page.reload(); // back to the idle screen at once, still offline
      await page.getByRole('button', { name: /非常满意/ }).waitFor();
    }
    expect(await exportRows()).toHaveLength(0);
    expect(errors).toEqual([]); // a start offline throws nothing the page did not catch (the early configuration request)
    await page.close();

    await context.setOffline(false);
    const again = await context.newPage();
    await again.goto(`${server.url}/kiosk/w01`);
    await again.getByRole('button', { name: /非常满意/ }).waitFor();
    await expect.poll(async () => (await exportRows()).length, { timeout: 15_000 }).toBe(3);
    const rows = await exportRows();
    expect(rows.map((r) => r.split(',')[5]).sort()).toEqual(['2', '4', '5']);
    await context.close();
  }, 90_000);
});
