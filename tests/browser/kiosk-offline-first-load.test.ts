import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page, Response } from 'playwright-core';
import { ROOT } from './harness';
import { exportedResponses } from './kiosk-kit';
import { browser, server, useStage } from './stage';

useStage();

const staticDir = process.env.STATIC_DIR ?? join(ROOT, 'dist/app');

/** The built file of one of the kiosk's lazily loaded survey steps. */
function stepFile(step: 'Reasons' | 'Comment'): string {
  const manifest = JSON.parse(readFileSync(join(staticDir, '.vite/manifest.json'), 'utf8')) as Record<string, { file: string }>;
  const chunk = manifest[`kiosk/survey/${step}.tsx`];
  if (!chunk) throw new Error(`no ${step} chunk in the build: build first`);
  return chunk.file;
}

/** A fresh context as on a kiosk's very first visit: empty storage, no service worker controlling the page. */
async function freshKiosk(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
  return { context, page: await context.newPage() };
}

async function open(page: Page, windowId: string): Promise<void> {
  await page.goto(`${server.url}/kiosk/${windowId}`);
  await page.getByRole('button', { name: '非常满意' }).waitFor();
}

const served = (file: string) => (r: Response): boolean => r.url().endsWith(`/${file}`) && r.ok();

describe('a kiosk that loses its network on its very first visit', () => {
  it('a bad rating made offline still asks for reasons, then for a comment: the steps were loaded while the network was there', async () => {
    const { context, page } = await freshKiosk();
    const stepsLoaded = Promise.all([
      page.waitForResponse(served(stepFile('Reasons')), { timeout: 30_000 }),
      page.waitForResponse(served(stepFile('Comment')), { timeout: 30_000 }),
    ]);
    await open(page, 'w04');
    await stepsLoaded;
    await context.setOffline(true);

    await page.getByRole('button', { name: '非常不满意' }).click();
    await page.getByRole('heading', { name: /哪里做得不好/ }).waitFor();
    await page.getByRole('button', { name: '办事效率低' }).click();
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByRole('heading', { name: /还有什么/ }).waitFor();
    await context.close();
  });

  it('when the reasons step cannot be loaded, the citizen is thanked and the kiosk returns to idle, with the rating kept', async () => {
    const { context, page } = await freshKiosk();
    await context.route(`**/${stepFile('Reasons')}`, (route) => route.abort('internetdisconnected'));
    await page.clock.install();
    await open(page, 'w05');
    await context.setOffline(true);

    await page.getByRole('button', { name: '非常不满意' }).click();
    await page.getByRole('status').getByText('感谢您的反馈，我们会认真整改。').waitFor();
    expect(await page.getByRole('button', { name: '补充留言' }).count()).toBe(0);
    await page.clock.runFor(8_500);
    await page.getByRole('button', { name: '非常满意' }).waitFor();

    await context.setOffline(false);
    await page.clock.runFor(31_000); // the sync loop's next round
    await expect.poll(async () => (await exportedResponses(server.url)).filter((r) => r.window_id === 'w05').map((r) => r.score), { timeout: 15_000 }).toEqual(['1']);
    await context.close();
  });
});
