import { describe, it, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { saveShot, ROOT } from './harness';
import { browser, server, useStage } from './stage';
import { openKiosk, walkCitizenScreens, ZH, EN } from './kiosk-kit';

useStage();

/** What does not fit the screen: page scroll, and visible controls, headings or the promise outside the viewport or clipped by a scroll box. */
async function misfits(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const { scrollHeight, scrollWidth } = document.documentElement;
    if (scrollHeight > innerHeight + 1) out.push(`page is ${scrollHeight} px tall in ${innerHeight}`);
    if (scrollWidth > innerWidth + 1) out.push(`page is ${scrollWidth} px wide in ${innerWidth}`);
    for (const el of document.querySelectorAll<HTMLElement>('button, input, textarea, h1, label, .kiosk-foot, figure')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.bottom > innerHeight + 1 || r.right > innerWidth + 1 || r.top < -1 || r.left < -1) out.push(`${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 24)}" at ${Math.round(r.left)},${Math.round(r.top)}–${Math.round(r.right)},${Math.round(r.bottom)}`);
    }
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      if (el.matches('textarea, input')) continue;
      const style = getComputedStyle(el);
      if (/(auto|scroll|hidden)/.test(style.overflowY) && el.scrollHeight > el.clientHeight + 1) out.push(`${el.className || el.tagName} clips ${el.scrollHeight - el.clientHeight} px`);
    }
    return out;
  });
}

const TABLETS = [{ width: 1280, height: 800 }, { width: 800, height: 1280 }];

describe('every citizen screen fits the tablet', () => {
  for (const viewport of TABLETS) {
    for (const lang of ['zh', 'en'] as const) {
      for (const large of [false, true]) {
        const name = `${viewport.width}×${viewport.height}, ${lang === 'zh' ? 'Chinese' : 'English'}, ${large ? 'large' : 'normal'} text`;
        it(`${name}: idle, reasons, comment, thanks and suggestion box (also sent empty) need no scrolling`, async () => {
          // The window whose words run longest in the language: its name and promise wrap in the header.
          const { context, page } = await openKiosk(browser, server.url, { viewport, windowId: lang === 'en' ? 'w05' : 'w01' });
          const t = lang === 'zh' ? ZH : EN;
          const found: Record<string, string[]> = {};
          await walkCitizenScreens(page, t, async (screen) => {
            if (screen === 'idle') await page.locator('figure.presence-qr').waitFor(); // the phone-survey code is part of the idle screen
            found[screen] = await misfits(page);
            if (screen === 'suggestion') {
              // sent empty: the message that asks for the text must fit too
              await page.getByRole('button', { name: lang === 'zh' ? '提交' : 'Submit', exact: true }).click();
              await page.locator('#text-error').waitFor();
              found['suggestion sent empty'] = await misfits(page);
            }
            if (large && (screen === 'idle' || screen === 'suggestion')) {
              await saveShot(page, join(ROOT, 'docs/screenshots', `kiosk-fit-${viewport.width}x${viewport.height}-${lang}${large ? '-large' : ''}-${screen}.png`));
            }
          }, async () => {
            if (lang === 'en') await page.getByRole('button', { name: 'Switch to English' }).click();
            if (large) await page.getByRole('button', { name: lang === 'en' ? 'Large text' : '大字模式' }).click();
          });
          expect(found).toEqual({ idle: [], reasons: [], comment: [], thanks: [], suggestion: [], 'suggestion sent empty': [] });
          await context.close();
        });
      }
    }
  }
});
