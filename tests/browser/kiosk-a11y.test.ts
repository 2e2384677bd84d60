import { describe, it, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { ROOT } from './harness';
import { browser, server, useStage } from './stage';
import { openKiosk, axeViolations, longPressWindowNumber, walkCitizenScreens as walk, ZH, EN } from './kiosk-kit';

// Set KIOSK_SCREENSHOTS=1 to refresh docs/screenshots/kiosk-*.png from this walk.
const shots = process.env.KIOSK_SCREENSHOTS === '1' || process.env.SCREENSHOTS === '1';
async function snap(page: Page, name: string): Promise<void> {
  if (!shots) return;
  await page.mouse.move(0, 0);
  await page.screenshot({ path: join(ROOT, 'docs/screenshots', `kiosk-${name}.png`) });
}

useStage();

describe('accessibility and languages', () => {
  it('every citizen screen passes axe with no violations, in Chinese at normal size', async () => {
    const { context, page } = await openKiosk(browser, server.url);
    const found: Record<string, string[]> = {};
    await walk(page, ZH, async (name) => {
      await snap(page, name);
      found[name] = await axeViolations(page);
    });
    expect(found).toEqual({ idle: [], reasons: [], comment: [], thanks: [], suggestion: [] });
    await context.close();
  });

  it('every citizen screen passes axe in English with large text', async () => {
    const { context, page } = await openKiosk(browser, server.url);
    const found: Record<string, string[]> = {};
    await walk(page, EN, async (name) => {
      if (name === 'idle') await snap(page, 'idle-en-large');
      found[name] = await axeViolations(page);
    }, async () => {
      await page.getByRole('button', { name: 'Switch to English' }).click();
      await page.getByRole('button', { name: 'Large text' }).click();
    });
    expect(found).toEqual({ idle: [], reasons: [], comment: [], thanks: [], suggestion: [] });
    await context.close();
  });

  it('the language and large-text choices return to the site defaults once the citizen is done', async () => {
    const { context, page } = await openKiosk(browser, server.url);
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('button', { name: 'Large text' }).click();
    expect(await page.locator('.kiosk').getAttribute('lang')).toBe('en');
    expect(await page.getByRole('button', { name: /Large text/ }).getAttribute('aria-pressed')).toBe('true');
    await page.getByRole('button', { name: 'Satisfied', exact: true }).click();
    await page.getByRole('status').getByText('Thank you for your feedback!').waitFor();
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('button', { name: '非常满意' }).waitFor();
    expect(await page.locator('.kiosk').getAttribute('lang')).toBe('zh-CN');
    expect(await page.locator('.kiosk').getAttribute('class')).toBe('kiosk');
    await context.close();
  });

  it('the whole survey works by keyboard alone, and focus moves to each new screen\'s heading', async () => {
    const { context, page } = await openKiosk(browser, server.url);
    const focused = () => page.evaluate(() => document.activeElement?.textContent ?? '');
    /** The focused element is a heading (not the page's body, whose text holds every heading) saying `text`. */
    const headingFocused = (text: string) => expect.poll(() => page.evaluate(() => {
      const el = document.activeElement;
      return el && /^H[1-6]$/.test(el.tagName) ? el.textContent ?? '' : `not a heading: ${el?.tagName}`;
    })).toContain(text); // moved there once the screen has painted
    await headingFocused('请对本次服务进行评价');
    await page.getByRole('button', { name: '非常不满意' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /哪里做得不好/ }).waitFor();
    await headingFocused('哪里做得不好');
    await page.getByRole('button', { name: '推诿扯皮' }).focus();
    await page.keyboard.press('Space');
    for (let i = 0; i < 12 && !(await focused()).includes('下一步'); i++) await page.keyboard.press('Tab');
    expect(await focused()).toContain('下一步');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /还有什么/ }).waitFor();
    await headingFocused('还有什么');
    await page.keyboard.press('Tab');
    await page.keyboard.type('窗口人员推给别的窗口');
    for (let i = 0; i < 6 && !(await focused()).includes('提交'); i++) await page.keyboard.press('Tab');
    expect(await focused()).toContain('提交');
    await page.keyboard.press('Enter');
    await page.getByRole('status').waitFor();
    await headingFocused('感谢您的评价');
    await context.close();
  });

  it('the staff corner and the portrait idle screen look right (screenshots)', async () => {
    const { context, page } = await openKiosk(browser, server.url);
    await longPressWindowNumber(page);
    await page.getByLabel('工号').fill('1001');
    await page.getByLabel('PIN 码').fill('246001');
    await page.getByRole('button', { name: '登录接管窗口' }).click();
    await page.locator('[data-fact="today"]').getByText(/评价数/).waitFor();
    await snap(page, 'staff-corner');
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
    const portrait = await openKiosk(browser, server.url, { windowId: 'w04', viewport: { width: 800, height: 1280 } });
    await snap(portrait.page, 'idle-portrait');
    expect(await axeViolations(portrait.page)).toEqual([]);
    await portrait.context.close();
  });
});
