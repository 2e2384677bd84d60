import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import { ROOT, saveShot } from './harness';
import { openKiosk, exportedResponses, inPageStore } from './kiosk-kit';
import { browser, server, useStage } from './stage';

useStage();

describe('a citizen at the kiosk', () => {
  it('a good rating shows the thank-you, then the kiosk is idle again after 8 s', async () => {
    const { context, page } = await openKiosk(browser, server.url, { windowId: 'w02', clock: true });
    await page.getByRole('button', { name: '满意', exact: true }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('感谢您的评价');
    await page.clock.runFor(7_000);
    expect(await page.getByRole('status').isVisible()).toBe(true);
    await page.clock.runFor(1_500);
    await page.getByRole('button', { name: '非常满意' }).waitFor();
    expect(await page.getByRole('status').count()).toBe(0);
    await expect.poll(async () => (await exportedResponses(server.url)).filter((r) => r.window_id === 'w02').length, { timeout: 15_000 }).toBe(1);
    const [row] = (await exportedResponses(server.url)).filter((r) => r.window_id === 'w02');
    expect(row!.score).toBe('4');
    await context.close();
  });

  it('a bad rating asks for reasons before going on, then a comment and a phone number, and is exported once with both', async () => {
    const { context, page } = await openKiosk(browser, server.url, { windowId: 'w03' });
    await page.getByRole('button', { name: '不满意', exact: true }).click();
    await page.getByRole('heading', { name: /哪里做得不好/ }).waitFor();
    const next = page.getByRole('button', { name: '下一步' });
    expect(await next.isDisabled()).toBe(true);
    await page.getByRole('button', { name: '办事效率低' }).click();
    await page.getByRole('button', { name: '一次性告知不到位' }).click();
    expect(await next.isDisabled()).toBe(false);
    await next.click();

    await page.getByRole('heading', { name: /还有什么/ }).waitFor();
    await page.getByLabel('留言（选填）').fill('排队时间太长');
    await page.getByLabel(/手机号码/).fill('1380013');
    await page.getByRole('button', { name: '提交' }).click();
    await page.getByRole('alert').getByText('请输入正确的 11 位手机号码').waitFor();
    await page.getByLabel(/手机号码/).fill('138 0013 8000');
    await page.getByRole('button', { name: '提交' }).click();
    await page.getByRole('status').getByText(/工作人员将在 1 个工作日内与您联系/).waitFor();

    await expect.poll(async () => (await exportedResponses(server.url)).find((r) => r.window_id === 'w03')?.comment, { timeout: 15_000 }).toBe('排队时间太长');
    const rows = (await exportedResponses(server.url)).filter((r) => r.window_id === 'w03');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.score).toBe('2');
    expect(rows[0]!.reasons).toBe('slow;not_told_once');
    expect(rows[0]!.phone).toBe('138****8000');
    await context.close();
  });

  it('a citizen who walks away mid-survey leaves the kiosk idle after 45 s, with the rating and reasons kept and nothing shown to the next one', async () => {
    const { context, page } = await openKiosk(browser, server.url, { windowId: 'w04', clock: true });
    await page.getByRole('button', { name: '非常不满意' }).click();
    await page.getByRole('button', { name: '服务态度差' }).click();
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByLabel('留言（选填）').fill('没写完的留言');
    await page.clock.runFor(44_000);
    expect(await page.getByLabel('留言（选填）').isVisible()).toBe(true);
    await page.clock.runFor(1_500);
    await page.getByRole('button', { name: '非常满意' }).waitFor();
    expect(await page.getByText('没写完的留言').count()).toBe(0);

    await expect.poll(async () => (await exportedResponses(server.url)).find((r) => r.window_id === 'w04')?.reasons, { timeout: 15_000 }).toBe('attitude');
    const rows = (await exportedResponses(server.url)).filter((r) => r.window_id === 'w04');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.score).toBe('1');
    expect(rows[0]!.comment).toBe('');
    await context.close();
  });

  it('a rapid double tap on one face is one rating', async () => {
    const { context, page } = await openKiosk(browser, server.url, { windowId: 'w05' });
    await page.getByRole('button', { name: '基本满意' }).dblclick();
    await page.getByRole('status').waitFor();
    const count = await inPageStore(page, 'responses', 'count');
    expect(count).toBe(1);
    await context.close();
  });

  it('the suggestion box stores a complaint with its category and shows the limit while typing', async () => {
    const { context, page } = await openKiosk(browser, server.url, { windowId: 'w01' });
    await page.getByRole('button', { name: /意见箱/ }).click();
    await page.getByRole('heading', { name: '意见箱' }).waitFor();
    await page.getByRole('radio', { name: '投诉' }).check();
    await page.getByLabel('内容').fill('大厅空调太冷');
    await page.getByText('还可输入 494 字').waitFor();
    await page.getByRole('button', { name: '提交' }).click();
    await page.getByRole('status').getByText('感谢您的意见！').waitFor();
    const stored = await inPageStore<{ category: string; text: string; contact?: string }>(page, 'suggestions', 'getAll');
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ category: 'complaint', text: '大厅空调太冷' });
    expect(stored[0]!.contact).toBeUndefined();
    await context.close();
  });

  it('a double tap on 提交 in the suggestion box is one complaint', async () => {
    const { context, page } = await openKiosk(browser, server.url, { windowId: 'w05' });
    await page.getByRole('button', { name: /意见箱/ }).click();
    await page.getByRole('radio', { name: '投诉' }).check();
    await page.getByLabel('内容').fill('叫号屏不显示');
    await page.getByRole('button', { name: '提交' }).dblclick();
    await page.getByRole('status').getByText('感谢您的意见！').waitFor();
    const count = await inPageStore(page, 'suggestions', 'count');
    expect(count).toBe(1);
    await context.close();
  });

  it('a citizen copying the tracking code keeps it on screen by touching it, and the code stays on one line on a portrait tablet', async () => {
    const { context, page } = await openKiosk(browser, server.url, { windowId: 'w02', clock: true, viewport: { width: 800, height: 1280 } });
    await page.getByRole('button', { name: /意见箱/ }).click();
    await page.getByRole('radio', { name: '投诉' }).check();
    await page.getByLabel('内容').fill('窗口无人');
    await page.getByRole('button', { name: '提交' }).click();
    const code = page.locator('figure.tracking-code .tracking-code-text');
    // Measured once its QR code has come (the code alone shows until then, and is replaced).
    await page.locator('figure.tracking-code svg').waitFor();
    const box = (await code.boundingBox())!;
    const lineHeight = await code.evaluate((e) => parseFloat(getComputedStyle(e).lineHeight) || parseFloat(getComputedStyle(e).fontSize) * 1.5);
    expect(box.height).toBeLessThan(lineHeight * 1.5);
    await saveShot(page, join(ROOT, 'docs/screenshots/kiosk-complaint-tracking-800x1280.png'));
    for (let i = 0; i < 3; i++) {
      await page.clock.runFor(6_000);
      await page.locator('.thanks h1').click(); // still reading
    }
    expect(await code.isVisible()).toBe(true);
    await page.clock.runFor(8_500);
    await page.getByRole('button', { name: '非常满意' }).waitFor();
    await context.close();
  });
});
