/** The dashboard's reports made for a calendar month (月度报表, the 通报): their filter card says which month they cover. */
import { describe, it, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { demoSeed, lastMonth, server, signedIn, today, useStage } from './stage';

useStage({ seed: demoSeed({ responses: 3_000, days: 70, vetoed: 'w03', reason: '投诉核实：推诿扯皮' }), signIn: true });

const covered = (page: Page) => page.getByTestId('month-covered');
/** "2026年5月" for 2026-05, as a reader of the card would write it. */
const zhMonth = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;

describe('a month\'s report on the dashboard', () => {
  it('the month report\'s filter card shows the month the report covers, not a 30-day range, and follows the month picked, in Chinese and English', async () => {
    const { ctx, page } = await signedIn();
    await page.goto(`${server.url}/dashboard?view=month`);
    const thisMonth = today.slice(0, 7);
    await page.locator('.month-report h2').getByText(thisMonth).waitFor();
    expect(await covered(page).textContent()).toMatch(new RegExp(`^统计月份：${zhMonth(thisMonth)}（${thisMonth}-01 – ${thisMonth}-\\d\\d）$`));
    const card = page.getByRole('region', { name: '筛选' });
    expect(await card.textContent()).not.toContain('近30天');
    expect(await card.getByRole('button').count()).toBe(0); // no day-range presets, which would not change the report
    expect(await card.locator('input[type=date]').count()).toBe(0);

    await card.getByLabel('月份').fill(lastMonth);
    await page.locator('.month-report h2').getByText(lastMonth).waitFor();
    expect(await covered(page).textContent()).toContain(`统计月份：${zhMonth(lastMonth)}（${lastMonth}-01 – `);

    // A February of a leap year, by the address, ends on the 29th.
    await page.goto(`${server.url}/dashboard?view=month&month=2024-02`);
    await page.locator('.month-report h2').getByText('2024-02').waitFor();
    expect(await covered(page).textContent()).toBe('统计月份：2024年2月（2024-02-01 – 2024-02-29）');
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('region', { name: 'Filters' }).waitFor();
    expect(await covered(page).textContent()).toBe('Month covered: February 2024 (2024-02-01 – 2024-02-29)');

    // Back on a day-range view, the card offers the day range again.
    await page.getByRole('link', { name: 'Daily', exact: true }).click();
    await page.getByRole('button', { name: '30 days' }).waitFor();
    expect(await covered(page).count()).toBe(0);
    await ctx.close();
  }, 60_000);

  it('the 通报 tab\'s filter card shows last month, the month the 通报 is issued for, and a month picked there changes the 通报', async () => {
    const { ctx, page } = await signedIn();
    await page.goto(`${server.url}/dashboard?view=insights&tab=bulletin`);
    await page.locator('.bulletin .b-meta').waitFor();
    expect(await covered(page).textContent()).toContain(`统计月份：${zhMonth(lastMonth)}（${lastMonth}-01 – `);
    expect(await page.locator('.bulletin h1').textContent()).toContain(zhMonth(lastMonth));
    await page.getByRole('region', { name: '筛选' }).getByLabel('月份').fill('2024-02');
    await page.locator('.bulletin h1').getByText('2024年2月').waitFor();
    expect(await covered(page).textContent()).toBe('统计月份：2024年2月（2024-02-01 – 2024-02-29）');
    await ctx.close();
  }, 60_000);

  it('on a portrait tablet the month report\'s tables scroll inside their card, and Chinese names and headings are not broken a character a line', async () => {
    const { ctx, page } = await signedIn({ width: 800, height: 1280 });
    await page.goto(`${server.url}/dashboard?view=month&month=${lastMonth}`);
    await page.locator('table.month').first().waitFor();
    // One line for each word: 一票否决 took four lines and 01 综合受理 three.
    const heights = await page.$$eval('table.month thead tr, table.month tbody th[scope=row]', (els) => els.map((e) => e.getBoundingClientRect().height));
    expect(Math.max(...heights)).toBeLessThan(60);
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.locator('table.month caption').getByText('By window').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(800);
    await ctx.close();
  }, 60_000);
});
