import { describe, it, expect } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, saveShot } from './harness';
import { demoSeed, lastMonth, server, session, signedIn, useStage } from './stage';

const shots = join(ROOT, 'docs/screenshots');
const tmp = mkdtempSync(join(tmpdir(), 'fk-insights-'));

// The seed makes window 03 slip over the last 45 days up to today.
useStage({ seed: demoSeed({ responses: 40_000, days: 120, vetoed: 'w02', reason: '投诉核实：推诿扯皮' }), signIn: true });

/** A signed-in page at `/dashboard?{query}` once `ready` shows; the insights screens are taller than the dashboard's default view. */
async function opened(query: string, ready: string, height = 900): Promise<{ ctx: BrowserContext; page: Page }> {
  const { ctx, page } = await signedIn({ width: 1280, height });
  await page.goto(`${server.url}/dashboard?${query}`);
  await page.waitForSelector(ready);
  return { ctx, page };
}

describe('insights on the dashboard, in Chromium', () => {
  it('shows the daily view\'s three rates with intervals, 环比 and 同比', async () => {
    const { ctx, page } = await opened('view=overview&range=30d&window=w03', '.rate-comparisons .badge');
    const rows = await page.$$eval('.rate-comparisons tr', (r) => r.map((x) => x.textContent ?? ''));
    expect(rows).toHaveLength(3);
    expect(rows[0]).toContain('满意率');
    expect(rows[2]).toContain('差评率');
    expect(await page.$$eval('.rate-comparisons .badge.down', (b) => b.length)).toBeGreaterThanOrEqual(2); // 满意率 falls, 差评率 rises: both bad news
    await saveShot(page, join(shots, 'insights-overview-compare.png'));
    await ctx.close();
  }, 60_000);

  it('compares each window with last month with intervals, the slipping window last, and can sort by rate', async () => {
    const { ctx, page } = await opened('view=insights&range=30d', 'table.compare tbody tr');
    const names = await page.$$eval('table.compare >> nth=0 >> tbody tr td:nth-child(2)', (tds) => tds.map((t) => t.textContent ?? ''));
    expect(names).toHaveLength(5);
    expect(names.at(-1)).toContain('03');
    expect(await page.textContent('table.compare')).toContain('环比');
    expect(await page.$$eval('.badge.down', (b) => b.length)).toBeGreaterThan(0);
    expect(await page.$$eval('.interval .range', (b) => b.length)).toBeGreaterThan(5);
    await saveShot(page, join(shots, 'insights-compare.png'));
    await page.click('button.chip:has-text("按满意率排序")');
    expect(await page.getAttribute('button.chip:has-text("按满意率排序")', 'aria-pressed')).toBe('true');
    await ctx.close();
  }, 60_000);

  it('shows the warning card for the slipping window with its evidence', async () => {
    const { ctx, page } = await opened('view=insights&tab=warnings', '.warning-card', 1_150);
    const card = (await page.textContent('.warning-card:has-text("03")')) ?? '';
    for (const word of ['起始日期', '基线', '起始以来', '增多的原因']) expect(card).toContain(word);
    expect(await page.$$eval('.warning-card svg.cusum polyline', (p) => p.length)).toBeGreaterThan(0);
    await saveShot(page, join(shots, 'insights-warning.png'));
    await ctx.close();
  }, 60_000);

  it('lists comments with their categories and keeps a supervisor\'s correction', async () => {
    const { ctx, page } = await opened('view=insights&tab=categories', '.insights-categories .feedback li', 1_500);
    expect(await page.textContent('table.categories')).toContain('等候与效率');
    const first = page.locator('.insights-categories .feedback li').first();
    await first.locator('button:has-text("更正分类")').click();
    await first.locator('label:has-text("紧急") input').check();
    await first.locator('button:has-text("保存")').dblclick(); // saved once: one correction, one audit line
    await page.waitForSelector('.insights-categories .feedback li:has-text("已更正")');
    const audit = await (await fetch(`${server.url}/api/v1/admin/audit?action=insights.correct`, { headers: { cookie: session.cookie } })).json() as { entries: unknown[] };
    expect(audit.entries).toHaveLength(1);
    await saveShot(page, join(shots, 'insights-categories.png'));
    await ctx.close();
  }, 60_000);

  it('ranks the themes of the period with counts, change and examples', async () => {
    const { ctx, page } = await opened('view=insights&tab=themes', '.themes li');
    expect(await page.$$eval('.themes li', (l) => l.length)).toBeGreaterThan(5);
    await saveShot(page, join(shots, 'insights-themes.png'));
    await ctx.close();
  }, 60_000);

  it('prints last month\'s 通报 on A4 with title, tables, 约谈, vetoes, themes, warnings and the signature line', async () => {
    const { ctx, page } = await opened(`view=insights&tab=bulletin&month=${lastMonth}`, '.bulletin .b-sign');
    const text = (await page.textContent('.bulletin')) ?? '';
    for (const part of ['情况通报', '窗口排名', '工作人员排名', '约谈', '一票否决', '群众留言热点', '满意率下降预警', '签发', '（盖章）']) expect(text).toContain(part);
    expect(text).toContain('投诉核实：推诿扯皮');
    await page.emulateMedia({ media: 'print' });
    const pdf = join(tmp, 'bulletin.pdf');
    writeFileSync(pdf, await page.pdf({ format: 'A4', printBackground: true }));
    const info = execFileSync('pdfinfo', [pdf]).toString();
    expect(info).toMatch(/Page size:\s+59[56](\.\d+)? x 84[12](\.\d+)? pts \(A4\)/); // portrait
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    expect(pages).toBeLessThanOrEqual(2);
    const printed = execFileSync('pdftotext', ['-layout', pdf, '-']).toString();
    expect(printed).toContain('情况通报');
    expect(printed).not.toContain('打印'); // the print button stays off paper
    execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', String(pages), pdf, join(tmp, 'bulletin')]);
    if (process.env.SCREENSHOTS === '1') {
      for (let i = 1; i <= pages; i++) copyFileSync(join(tmp, `bulletin-${i}.png`), join(shots, `insights-bulletin-${i}.png`));
    }
    await ctx.close();
  }, 120_000);
});
