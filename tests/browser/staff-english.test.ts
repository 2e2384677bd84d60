import { describe, it, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { ROOT, saveShot } from './harness';
import { demoSeed, lastMonth, server, signedIn, useStage } from './stage';

const shot = (page: Page, name: string) => saveShot(page, join(ROOT, 'docs/screenshots', `${name}.png`));
const HAN = /\p{Script=Han}/u;

useStage({ seed: demoSeed({ responses: 12_000, days: 62, vetoed: 'w03', reason: 'complaint verified' }), signIn: true });

const page = async (): Promise<Page> => (await signedIn()).page;

/** Text of the page's own words (aside: the toggle's 中文, the way back, and names from data such as staff names): headings, tabs, labels, buttons, table heads (not names or comments from data). */
const chrome = (p: Page) => p.$$eval('h1, h2, nav a, label, button:not(.lang-toggle):not(.linklike), th[scope=col], thead th, caption, .kpi .l, .muted', (els) =>
  els.map((e) => (e.cloneNode(true) as HTMLElement)).map((e) => { e.querySelectorAll('option, select').forEach((o) => o.remove()); return e.textContent ?? ''; }).join('\n'));

describe('staff screens in English', () => {
  it('the dashboard switches to English with the toggle, stays English after a reload, and names grades in English', async () => {
    const p = await page();
    await p.goto(`${server.url}/dashboard`);
    await p.waitForSelector('canvas');
    expect(await p.textContent('nav.tabs')).toContain('每日趋势');
    await p.getByRole('button', { name: 'Switch to English' }).click();
    await p.getByRole('link', { name: 'Daily', exact: true }).waitFor();
    await p.reload();
    await p.getByRole('link', { name: 'Daily', exact: true }).waitFor();
    expect(await p.getAttribute('html', 'lang')).toBe('en');
    await p.waitForSelector('canvas');
    await p.waitForTimeout(200); // charts draw on the next frame
    expect(await p.textContent('.topbar h1')).toContain('Demo District Government Service Centre');
    expect(await chrome(p)).not.toMatch(HAN);
    await p.locator('.rate-comparisons').waitFor();
    expect(await p.locator('.rate-comparisons th[scope=row]').allTextContents()).toEqual(['Satisfaction rate (≥4 / all)', 'Good-review rate (≥3 / all)', 'Bad-review rate (≤2 / all)']);
    await shot(p, 'dashboard-en-daily');

    await p.getByRole('link', { name: 'Ranking', exact: true }).click();
    await p.getByRole('button', { name: 'Last month' }).click();
    await p.waitForSelector('table.rank td.grade');
    const rank = (await p.textContent('table.rank')) ?? '';
    expect(rank).toContain('Vetoed');
    expect(rank).toMatch(/★/);
    expect(rank).toContain('03 '); // windows named by number and English name
    expect(await chrome(p)).not.toMatch(HAN);
    await shot(p, 'dashboard-en-ranking');

    await p.getByRole('link', { name: 'Month report', exact: true }).click();
    await p.fill('input[type=month]', lastMonth);
    await p.waitForFunction((m) => document.querySelector('.month-report h2')?.textContent?.includes(m), lastMonth);
    expect(await p.textContent('.month-report')).toContain('Vetoed');
    expect(await chrome(p)).not.toMatch(HAN);
    await shot(p, 'dashboard-en-month');

    await p.getByRole('link', { name: 'Why', exact: true }).click();
    await p.waitForSelector('.reasons-box canvas');
    await p.waitForSelector('ol.feedback li');
    expect(await chrome(p)).not.toMatch(HAN);
    await shot(p, 'dashboard-en-why');
    await p.context().close();
  }, 90_000);

  it('the insights and follow-up screens change language with the toggle, without a reload', async () => {
    const p = await page();
    await p.goto(`${server.url}/dashboard?view=insights&tab=compare`);
    await p.getByRole('button', { name: '按区间下限排序' }).waitFor();
    await p.getByRole('button', { name: 'Switch to English' }).click();
    await p.getByRole('button', { name: 'Sort by lower bound' }).waitFor();
    expect(await p.textContent('.insights-tabs')).toContain('Comparison');
    await shot(p, 'insights-en-compare');
    await p.getByRole('button', { name: '切换为中文' }).click();
    await p.getByRole('button', { name: '按区间下限排序' }).waitFor();

    await p.goto(`${server.url}/dashboard?view=cases`);
    await p.getByRole('link', { name: '导出案件 (CSV)' }).waitFor();
    await p.getByRole('button', { name: 'Switch to English' }).click();
    await p.getByRole('link', { name: 'Export cases (CSV)' }).waitFor();
    expect(await p.textContent('.case-filters')).toContain('All states');
    await shot(p, 'followup-en-case-list');
    await p.context().close();
  }, 60_000);

  it('the admin screens read in English on every tab', async () => {
    const p = await page();
    await p.goto(`${server.url}/admin`);
    await p.getByRole('button', { name: 'Switch to English' }).click();
    for (const [tab, heading] of [['Kiosks', 'Kiosk fleet'], ['Users', 'Users and roles'], ['Integration keys', 'Integration keys'], ['Exports', 'Export'], ['Audit', 'Audit log']] as const) {
      await p.getByRole('link', { name: tab, exact: true }).click();
      await p.getByRole('heading', { name: heading, exact: true }).waitFor();
      await p.waitForLoadState('networkidle');
      expect(await chrome(p)).not.toMatch(HAN);
      await shot(p, `admin-en-${tab.toLowerCase().replace(/ /g, '-')}`);
    }
    await p.context().close();
  }, 60_000);
});
