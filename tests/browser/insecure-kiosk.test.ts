/**
 * A kiosk opened over plain HTTP on the hall network: staff are told what is missing, the fleet view marks it,
 * and the idle screen still shows a phone-survey QR code, signed by the endpoint, while online.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { join } from 'node:path';
import { CHROMIUM, ROOT, saveShot } from './harness';
import { longPressWindowNumber } from './kiosk-kit';
import { parse } from 'csv-parse/sync';
import { decodeQr, openPhone } from './qr-kit';
import { startEndpoint, adminSession, type Endpoint } from '../server/deploy-kit';
import { FleetSchema } from '../../src/shared/api';
import * as v from 'valibot';

const HOST = 'hall-server.lan';
let plain: Endpoint;
let browser: Browser;

beforeAll(async () => {
  plain = await startEndpoint();
  browser = await chromium.launch({
    executablePath: CHROMIUM, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
      `--host-resolver-rules=MAP ${HOST} 127.0.0.1`],
  });
});
afterAll(async () => {
  await browser?.close();
  await plain?.stop();
});

/** A tablet-sized page opened at `path` on the hall's plain-HTTP name, with the given cookie if any. */
async function onHall(path: string, cookie?: string) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  if (cookie) {
    const [name, value] = cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: `http://${HOST}:${plain.port}` }]);
  }
  const page = await context.newPage();
  await page.goto(`http://${HOST}:${plain.port}${path}`);
  return { context, page };
}

describe('a kiosk on plain HTTP', () => {
  it('the staff corner says there is no offline mode, no offline QR code and no offline PIN check without HTTPS, points to the README, and the endpoint still checks PINs online', async () => {
    const { context, page } = await onHall('/kiosk/w01');
    await page.getByRole('button', { name: /^满意/ }).click();
    await page.getByRole('status').getByText(/感谢/).waitFor();
    await page.reload();
    await page.getByRole('button', { name: /^非常满意/ }).waitFor();
    await longPressWindowNumber(page);
    const notice = page.getByTestId('insecure-notice');
    await notice.waitFor();
    const text = (await notice.textContent()) ?? '';
    expect(text).toMatch(/没有离线模式/);
    expect(text).toMatch(/二维码/);
    expect(text).toMatch(/PIN/);
    expect(text).toMatch(/README[\s\S]*Deploy in a hall/);
    expect(text).toContain(`http://${HOST}:${plain.port}/setup`);
    // Without WebCrypto the kiosk cannot check a PIN itself; online, the endpoint checks it.
    await page.getByLabel('工号').fill('1001');
    await page.getByLabel('PIN 码').fill('000000');
    const checked = page.waitForResponse((r) => r.url().endsWith('/api/v1/staff/sign-in'));
    await page.getByRole('button', { name: '登录接管窗口' }).click();
    expect(await (await checked).json()).toEqual({ kind: 'wrong' });
    await page.getByRole('alert').getByText('工号或 PIN 码不正确').waitFor();
    await saveShot(page, join(ROOT, 'docs/screenshots/kiosk-insecure-staff.png'));
    await context.close();
  }, 90_000);

  it('the fleet view marks the kiosk that reports it is not on HTTPS', async () => {
    const { context: tablet, page: kiosk } = await onHall('/kiosk/w02');
    await kiosk.getByRole('button', { name: /^非常满意/ }).click();
    await kiosk.getByRole('status').getByText(/感谢/).waitFor();
    const { cookie } = await adminSession(plain.url);
    const fleet = async () => {
      const r = await fetch(`${plain.url}/api/v1/admin/kiosks`, { headers: { cookie } });
      return v.parse(FleetSchema, await r.json()).kiosks.map((k) => ({ window: k.windowId, secure: k.secureContext }));
    };
    await expect.poll(fleet, { timeout: 30_000 }).toContainEqual({ window: 'w02', secure: false });
    await tablet.close();
    const { context, page } = await onHall('/admin/kiosks', cookie);
    const mark = page.getByTestId('not-https');
    await mark.first().waitFor();
    expect(await mark.first().textContent()).toBe('无离线：非 HTTPS');
    // window 02's tablet, named once the page has the hall's windows (they may come after the fleet)
    await expect.poll(() => page.locator('tr', { has: mark }).filter({ hasText: '不动产登记' }).count()).toBe(1);
    await saveShot(page, join(ROOT, 'docs/screenshots/fleet-not-https.png'));
    await context.close();
  }, 90_000);

  it('the idle screen shows a QR code signed by the endpoint that a phone rates with; offline it says why there is none', async () => {
    const { context, page } = await onHall('/kiosk/w03');
    expect(await page.evaluate(() => isSecureContext && crypto.subtle !== undefined)).toBe(false);
    const qr = page.locator('figure.presence-qr svg');
    await qr.waitFor();
    const url = decodeQr(await qr.screenshot());
    expect(url).toMatch(new RegExp(`^http://${HOST.replace(/\./g, '\\.')}:${plain.port}/q/w03\\?t=`));

    const phone = await openPhone(browser, url!);
    await phone.page.getByRole('button', { name: '满意', exact: true }).click();
    await phone.page.getByRole('heading', { name: '感谢您的评价！' }).waitFor();
    const { cookie } = await adminSession(plain.url);
    const stored = async () => {
      const csv = await (await fetch(`${plain.url}/api/v1/export/responses.csv`, { headers: { cookie } })).text();
      return (parse(csv, { bom: true, columns: true }) as Array<Record<string, string>>).filter((r) => r.window_id === 'w03').map((r) => [r.channel, r.token_kind, r.score]);
    };
    await expect.poll(stored, { timeout: 20_000 }).toEqual([['qr', 'presence', '4']]);
    await phone.context.close();

    await context.setOffline(true);
    await page.getByRole('note').getByText('未联网且不是 HTTPS').waitFor();
    expect(await qr.count()).toBe(0);
    await context.setOffline(false);
    await qr.waitFor(); // back online: a fresh code at once, not at the next minute
    expect(decodeQr(await qr.screenshot())).toMatch(new RegExp(`/q/w03\\?t=`));
    await context.close();
  }, 90_000);
});
