import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import { ROOT, saveShot } from './harness';
import { openKiosk, exportedResponses, longPressWindowNumber } from './kiosk-kit';
import { decodeToken } from '../../src/shared/token';
import { decodeQr, openPhone } from './qr-kit';
import { browser, server, useStage } from './stage';

useStage();

describe('the presence QR code on the kiosk idle screen', () => {
  it('decodes to a survey URL that works on a phone, and shows a new code after 60 s', async () => {
    const { context, page } = await openKiosk(browser, server.url, { windowId: 'w03', clock: true });
    const qr = page.locator('figure.presence-qr svg');
    await qr.waitFor();
    // Stop the kiosk's clock here: from now on only runFor moves it.
    // A second ahead: on a loaded machine more than a few milliseconds pass between reading the clock and pausing it.
    await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1_000);
    await saveShot(page, join(ROOT, 'docs/screenshots/kiosk-idle-presence-qr.png'));
    const first = decodeQr(await qr.screenshot());
    expect(first).toMatch(new RegExp(`^${server.url}/q/w03\\?t=`));

    const phone = await openPhone(browser, first!);
    await phone.page.getByRole('button', { name: '满意', exact: true }).click();
    await phone.page.getByRole('heading', { name: '感谢您的评价！' }).waitFor();
    await expect.poll(async () => (await exportedResponses(server.url)).filter((r) => r.window_id === 'w03').map((r) => [r.channel, r.token_kind]), { timeout: 15_000 })
      .toEqual([['qr', 'presence']]);
    await phone.context.close();

    await page.clock.runFor(50_000);
    expect(decodeQr(await qr.screenshot())).toBe(first);
    await page.clock.runFor(10_000);
    await expect.poll(async () => decodeQr(await qr.screenshot()), { timeout: 5_000 }).not.toBe(first);
    const second = decodeQr(await qr.screenshot());
    expect(second).toMatch(new RegExp(`^${server.url}/q/w03\\?t=`));
    await context.close();
  });

  it('a phone rating from the idle-screen QR code goes to the staff member signed in at the kiosk, not the window\'s usual one', async () => {
    const { context, page } = await openKiosk(browser, server.url, { windowId: 'w01' }); // w01's usual staff is 1001
    await longPressWindowNumber(page);
    await page.getByLabel('工号').fill('1002');
    await page.getByLabel('PIN 码').fill('246002');
    await page.getByRole('button', { name: '登录接管窗口' }).click();
    await page.getByRole('button', { name: '返回评价界面' }).click();
    await page.locator('.staff-card').getByText('陈建国').waitFor();
    const qr = page.locator('figure.presence-qr svg');
    // The code shown before the sign-in may still be on screen for a moment: wait for the one naming 1002.
    await expect.poll(async () => decodeToken(new URL(decodeQr(await qr.screenshot()) ?? 'http://x/').searchParams.get('t') ?? '')?.s, { timeout: 10_000 }).toBe('s1002');

    const phone = await openPhone(browser, decodeQr(await qr.screenshot())!);
    await phone.page.getByRole('button', { name: '满意', exact: true }).click();
    await phone.page.getByRole('heading', { name: '感谢您的评价！' }).waitFor();
    await expect.poll(async () => (await exportedResponses(server.url)).filter((r) => r.window_id === 'w01').map((r) => [r.channel, r.staff_id]), { timeout: 15_000 })
      .toEqual([['qr', 's1002']]);
    await phone.context.close();
    await context.close();
  }, 60_000);
});
