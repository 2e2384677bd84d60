import { describe, it, expect } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { browser, server, useStage } from './stage';

useStage();

interface Manifest { id: string; start_url: string; scope: string; icons: Array<{ src: string; sizes: string; type: string; purpose: string }> }

async function manifestOf(page: Page): Promise<Manifest | null> {
  const href = await page.evaluate(() => document.querySelector('link[rel="manifest"]')?.getAttribute('href') ?? null);
  if (!href) return null;
  const r = await fetch(new URL(href, server.url));
  expect(r.status).toBe(200);
  return (await r.json()) as Manifest;
}

/** Opens the kiosk's entry once, as a tablet does before "Add to Home screen", until the service worker controls it. */
async function installed(context: BrowserContext): Promise<{ page: Page; manifest: Manifest }> {
  const page = await context.newPage();
  await page.goto(`${server.url}/kiosk`);
  await page.getByRole('heading', { name: /终端配对/ }).waitFor();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 20_000 });
  const manifest = await manifestOf(page);
  expect(manifest).not.toBeNull();
  return { page, manifest: manifest! };
}

async function pairingCode(): Promise<string> {
  const login = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'admin-pass' }) });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrf } = (await login.json()) as { csrf: string };
  const r = await fetch(`${server.url}/api/v1/admin/kiosks/pairing-codes`, {
    method: 'POST', headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' }, body: JSON.stringify({ windowId: 'w02' }),
  });
  expect(r.status).toBe(201);
  return ((await r.json()) as { code: string }).code;
}

describe('the installed kiosk app', () => {
  it('declares PNG icons 192 and 512, a maskable icon, an id and an apple-touch-icon', async () => {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto(`${server.url}/kiosk`);
    const m = (await manifestOf(page))!;
    expect(m.id).toBe('/kiosk');
    expect(m.start_url).toBe('/kiosk');
    const sizes = m.icons.map((i) => `${i.type} ${i.sizes} ${i.purpose}`);
    expect(sizes).toEqual(expect.arrayContaining(['image/png 192x192 any', 'image/png 512x512 any', 'image/png 512x512 maskable']));
    for (const icon of m.icons) expect((await fetch(new URL(icon.src, server.url))).headers.get('content-type')).toBe('image/png');
    const touch = await page.locator('link[rel="apple-touch-icon"]').getAttribute('href');
    expect((await fetch(new URL(touch!, server.url))).status).toBe(200);
    await context.close();
  });

  it('the dashboard, admin and phone pages do not install as the kiosk', async () => {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    const found: Record<string, string | null> = {};
    for (const path of ['/dashboard', '/admin', '/q/w01', '/display/demo']) {
      await page.goto(`${server.url}${path}`);
      found[path] = (await manifestOf(page))?.start_url ?? null;
    }
    expect(found).toEqual({ '/dashboard': '/dashboard', '/admin': '/admin', '/q/w01': null, '/display/demo': null });
    await context.close();
  });

  it('start_url reopened after install opens the pairing page, online and offline', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'allow' });
    const { page, manifest } = await installed(context);
    await page.close();

    const online = await context.newPage();
    await online.goto(new URL(manifest.start_url, server.url).href);
    await online.getByRole('heading', { name: /终端配对/ }).waitFor();
    expect(await online.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await online.close();

    await context.setOffline(true);
    const offline = await context.newPage();
    await offline.goto(new URL(manifest.start_url, server.url).href);
    await offline.getByRole('heading', { name: /终端配对/ }).waitFor();
    expect(await offline.getByText('未找到该窗口').count()).toBe(0);
    await context.close();
  }, 60_000);

  it('start_url reopened on a paired tablet opens its window, online and offline', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'allow' });
    const { page, manifest } = await installed(context);
    await page.getByLabel(/配对码/).fill(await pairingCode());
    await page.getByRole('button', { name: /^配对/ }).click();
    await page.waitForURL(/\/kiosk\/w02$/);
    await page.getByRole('button', { name: /非常满意/ }).waitFor();
    await page.close();

    for (const offline of [false, true]) {
      await context.setOffline(offline);
      const again = await context.newPage();
      await again.goto(new URL(manifest.start_url, server.url).href);
      await again.waitForURL(/\/kiosk\/w02$/);
      await again.getByRole('button', { name: /非常满意/ }).waitFor();
      expect(await again.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
      await again.close();
    }
    await context.close();
  }, 60_000);
});
