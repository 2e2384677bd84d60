import { describe, it, expect } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, saveShot } from './harness';
import { exportedResponses, openKiosk } from './kiosk-kit';
import { decodeQr, openPhone, posterUrl, PHONE } from './qr-kit';
import { browser, server, useStage } from './stage';

const SHOTS = join(ROOT, 'docs/screenshots');
mkdirSync(SHOTS, { recursive: true });

useStage();

/** Every rating of a window the endpoint holds, suspect ones included. */
const rowsOf = async (windowId: string) => (await exportedResponses(server.url, { suspect: true })).filter((r) => r.window_id === windowId);

describe('a phone that reloads in the middle of its survey', () => {
  it('a citizen whose phone reloads after the first tap goes on with the same rating: one record, with the reasons and comment, counted, not suspect', async () => {
    const kiosk = await openKiosk(browser, server.url, { windowId: 'w02' });
    const qr = kiosk.page.locator('figure.presence-qr svg');
    await qr.waitFor();
    const url = decodeQr(await qr.screenshot());
    expect(url).toMatch(new RegExp(`^${server.url}/q/w02\\?t=`));

    const { context, page } = await openPhone(browser, url!);
    await page.getByRole('button', { name: '不满意', exact: true }).click();
    await page.getByRole('heading', { name: /哪里做得不好/ }).waitFor();
    // The bare rating reached the endpoint before the reload, as on a phone with a network.
    await expect.poll(async () => (await rowsOf('w02')).map((r) => [r.score, r.reasons]), { timeout: 15_000 }).toEqual([['2', '']]);

    await page.reload();
    await page.getByRole('heading', { name: /哪里做得不好/ }).waitFor();
    expect(await page.getByRole('status').getByText('感谢您的评价，已为您记录。').isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: '不满意', exact: true }).count()).toBe(0); // no second rating asked for
    expect(page.viewportSize()).toEqual(PHONE);
    await saveShot(page, join(SHOTS, 'phone-resumed-reasons.png'));

    await page.getByRole('button', { name: '办事效率低' }).click();
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByLabel('留言（选填）').fill('同一份材料让我交了两次。');
    await page.getByRole('button', { name: '提交' }).click();
    await page.getByRole('heading', { name: '感谢您的评价！' }).waitFor();

    await expect.poll(async () => (await rowsOf('w02')).map((r) => [r.score, r.comment]), { timeout: 15_000 })
      .toEqual([['2', '同一份材料让我交了两次。']]);
    const [row] = await rowsOf('w02');
    expect(row).toMatchObject({ channel: 'qr', token_kind: 'presence', suspect: 'false', flags: '' });
    expect(row!.reasons).toMatch(/slow/);
    expect((await exportedResponses(server.url)).filter((r) => r.window_id === 'w02').map((r) => r.id)).toEqual([row!.id]); // counted
    await context.close();
    await kiosk.context.close();
  }, 60_000);

  it('after a reload a citizen who tapped the wrong bad face can still change it (改选评价): the face chosen then revises the same rating', async () => {
    const url = await posterUrl(server.url, 'w03');
    const { context, page } = await openPhone(browser, url);
    await page.getByRole('button', { name: '非常不满意', exact: true }).click();
    await page.getByRole('heading', { name: /哪里做得不好/ }).waitFor();
    await expect.poll(async () => (await rowsOf('w03')).map((r) => r.score), { timeout: 15_000 }).toEqual(['1']);

    await page.reload();
    await page.getByRole('heading', { name: /哪里做得不好/ }).waitFor();
    await page.getByRole('button', { name: '改选评价' }).click();
    await page.getByRole('button', { name: '满意', exact: true }).click();
    await page.getByRole('heading', { name: '感谢您的评价！' }).waitFor();

    await expect.poll(async () => (await rowsOf('w03')).map((r) => [r.score, r.reasons, r.suspect]), { timeout: 15_000 }).toEqual([['4', '', 'false']]);
    await context.close();
  }, 60_000);

  it('the same code opened again after the thank-you says the window was rated on this phone, and a comment added there revises that rating', async () => {
    const url = await posterUrl(server.url, 'w04');
    const { context, page } = await openPhone(browser, url);
    await page.getByRole('button', { name: '满意', exact: true }).click();
    await page.getByRole('heading', { name: '感谢您的评价！' }).waitFor();
    await page.getByRole('button', { name: '完成' }).click();
    await expect.poll(async () => (await rowsOf('w04')).length, { timeout: 15_000 }).toBe(1);

    const again = await context.newPage();
    await again.goto(url);
    await again.getByRole('heading', { name: '感谢您的评价，已为您记录。' }).waitFor();
    expect(await again.getByText('满意 · 评价已完成，您可以关闭本页面。').isVisible()).toBe(true);
    expect(await again.getByRole('button', { name: '满意', exact: true }).count()).toBe(0);
    await saveShot(again, join(SHOTS, 'phone-resumed-rated.png'));
    await again.getByRole('button', { name: '补充留言' }).click();
    await again.getByLabel('留言（选填）').fill('窗口人员很耐心。');
    await again.getByRole('button', { name: '提交' }).click();
    await again.getByRole('heading', { name: '感谢您的评价！' }).waitFor();

    await expect.poll(async () => (await rowsOf('w04')).map((r) => [r.score, r.comment, r.suspect]), { timeout: 15_000 })
      .toEqual([['4', '窗口人员很耐心。', 'false']]);
    await context.close();
  }, 60_000);

  it('a visit more than ten minutes later starts afresh with the faces', async () => {
    const url = await posterUrl(server.url, 'w05');
    const { context, page } = await openPhone(browser, url);
    await page.getByRole('button', { name: '不满意', exact: true }).click();
    await page.getByRole('heading', { name: /哪里做得不好/ }).waitFor();

    const later = await context.newPage();
    await later.clock.install({ time: Date.now() + 11 * 60_000 });
    await later.goto(url);
    await later.getByRole('button', { name: '不满意', exact: true }).waitFor();
    expect(await later.getByRole('heading', { name: /哪里做得不好/ }).count()).toBe(0);
    await context.close();
  }, 60_000);
});
