import { describe, it, expect } from 'vitest';
import { openKiosk, exportedResponses, inPageStore } from './kiosk-kit';
import { adminCookie } from './harness';
import { browser, server, useStage } from './stage';

useStage();

/** What the kiosk keeps of a rating in its IndexedDB. */
interface StoredRating { id: string; rev: number; score: number; reasons: string[]; suspect: boolean; trackingCode?: string }

describe('a citizen who tapped the wrong face', () => {
  it('a citizen who taps 非常不满意 by mistake changes it to 非常满意 on the reasons screen, and the kiosk stores one rating, score 5, not suspect; after sync the endpoint holds one response with score 5', async () => {
    const { context, page } = await openKiosk(browser, server.url, { windowId: 'w02' });
    await page.getByRole('button', { name: '非常不满意' }).click();
    await page.getByRole('heading', { name: /哪里做得不好/ }).waitFor();
    const [first] = await inPageStore<StoredRating>(page, 'responses', 'getAll');
    expect(first).toMatchObject({ rev: 0, score: 1 });

    await page.getByRole('button', { name: '改选评价' }).click();
    await page.getByRole('heading', { name: '请对本次服务进行评价' }).waitFor();
    expect(await page.getByRole('button', { name: /意见箱/ }).count()).toBe(0); // mid-survey: no idle extras
    await page.getByRole('button', { name: '非常满意' }).click();
    await page.getByRole('status').getByText('感谢您的评价！').waitFor();
    expect(await page.locator('.tracking-code-text').count()).toBe(0);

    const stored = await inPageStore<StoredRating>(page, 'responses', 'getAll');
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ id: first!.id, rev: 1, score: 5, reasons: [], suspect: false });

    // The plain export leaves suspect ratings out; with them included there is still only the one.
    await expect.poll(async () => (await exportedResponses(server.url)).find((r) => r.window_id === 'w02')?.score, { timeout: 15_000 }).toBe('5');
    expect((await exportedResponses(server.url, { suspect: true })).filter((r) => r.window_id === 'w02')).toHaveLength(1);
    // Whether or not the first tap reached the endpoint alone and opened a case, no case is left open for the supervisor.
    const open = await fetch(`${server.url}/api/v1/cases?state=open&window=w02`, { headers: { cookie: await adminCookie(server.url) } });
    expect(await open.json()).toMatchObject({ total: 0 });
    await context.close();
  });

  it('a bad rating can still be changed on the comment step, by keyboard alone, and the new face replaces score and reasons', async () => {
    const { context, page } = await openKiosk(browser, server.url, { windowId: 'w03' });
    const focused = () => page.evaluate(() => document.activeElement?.textContent ?? '');
    /** Each step moves the focus to its heading once it has painted (for screen readers): keys go on from there. */
    const stepFocused = () => expect.poll(() => page.evaluate(() => /^H[1-6]$/.test(document.activeElement?.tagName ?? ''))).toBe(true);
    await page.getByRole('button', { name: '不满意', exact: true }).focus();
    await page.keyboard.press('Enter');
    await stepFocused();
    await page.getByRole('button', { name: '办事效率低' }).focus();
    await page.keyboard.press('Space');
    for (let i = 0; i < 12 && !(await focused()).includes('下一步'); i++) await page.keyboard.press('Tab');
    expect(await focused()).toContain('下一步');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /还有什么/ }).waitFor();
    await stepFocused();
    for (let i = 0; i < 6 && !(await focused()).includes('改选评价'); i++) await page.keyboard.press('Tab');
    expect(await focused()).toContain('改选评价');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: '请对本次服务进行评价' }).waitFor();
    await stepFocused();
    expect(await focused()).toContain('请对本次服务进行评价');
    await page.getByRole('button', { name: '满意', exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('status').getByText('感谢您的评价！').waitFor();

    const stored = await inPageStore<StoredRating>(page, 'responses', 'getAll');
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ rev: 2, score: 4, reasons: [], suspect: false });
    await context.close();
  });

  it('a citizen who chooses to change the rating and walks away leaves the kiosk idle after 45 s, and the next citizen\'s tap is a rating of its own', async () => {
    const { context, page } = await openKiosk(browser, server.url, { windowId: 'w04', clock: true });
    await page.getByRole('button', { name: '不满意', exact: true }).click();
    await page.getByRole('button', { name: '改选评价' }).click();
    await page.getByRole('heading', { name: '请对本次服务进行评价' }).waitFor();
    await page.clock.runFor(46_000);
    await page.getByRole('button', { name: /意见箱/ }).waitFor(); // idle again

    await page.getByRole('button', { name: '非常满意' }).click();
    await page.getByRole('status').getByText('感谢您的评价！').waitFor();
    const stored = await inPageStore<StoredRating>(page, 'responses', 'getAll');
    expect(stored.map((r) => `score ${r.score} rev ${r.rev}`).sort()).toEqual(['score 2 rev 0', 'score 5 rev 0']);
    await context.close();
  });
});
