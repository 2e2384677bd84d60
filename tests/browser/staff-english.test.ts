import { describe, it, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { ROOT, saveShot } from './harness';
import { demoSeed, lastMonth, server, session, signedIn, useStage } from './stage';
import { syncRequest } from '../server/testkit';
import { badReview } from '../server/cases-kit';
import type { CaseList } from '../../src/shared/cases/wire';

const shot = (page: Page, name: string) => saveShot(page, join(ROOT, 'docs/screenshots', `${name}.png`));
const HAN = /\p{Script=Han}/u;

useStage({ seed: demoSeed({ responses: 12_000, days: 62, vetoed: 'w03', reason: 'complaint verified' }), signIn: true });

const page = async (): Promise<Page> => (await signedIn()).page;

/** A record sent by a kiosk enrolled at `windowId`; the number of the case it opened. */
async function caseFrom(windowId: string, record: { id: string }): Promise<string> {
  const enrolled = await fetch(`${server.url}/api/v1/enrol`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ windowId }) });
  const { token } = (await enrolled.json()) as { token: string };
  expect((await fetch(`${server.url}/api/v1/sync`, syncRequest(token, { records: [record] }))).status).toBe(200);
  const { items } = (await (await fetch(`${server.url}/api/v1/cases?site=demo&window=${windowId}`, { headers: { cookie: session.cookie } })).json()) as CaseList;
  return items[0]!.number;
}

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

  it('the case list and a case page name the window and the reasons in English, and in Chinese again after the toggle', async () => {
    const comment = '等了一个小时，材料还要再跑一趟';
    const number = await caseFrom('w03', badReview({ windowId: 'w03', staffId: 's1003', reasons: ['slow', 'not_told_once'], comment }));
    const p = await page();
    await p.goto(`${server.url}/dashboard?view=cases`);
    await p.getByRole('button', { name: 'Switch to English' }).click();
    const row = p.locator(`tr[data-case="${number}"]`);
    await row.getByText('03 Social & Medical Insurance', { exact: true }).waitFor();
    const cells = await row.locator('td').allTextContents();
    expect(cells[3]).toBe('李娜 (1003)'); // a person's name has no English
    expect(cells.filter((_, i) => i !== 3).join('\n')).not.toMatch(HAN);

    await row.getByRole('link', { name: number }).click();
    const facts = p.locator('.case-page');
    const fact = (term: string) => facts.locator(`dt:text-is("${term}") + dd`);
    await fact('Window').getByText('03 Social & Medical Insurance', { exact: true }).waitFor();
    expect(await fact('Reasons').textContent()).toBe('Slow service, Not told everything at once');
    expect(await fact('Staff').textContent()).toBe('李娜 (1003)');
    // Chinese is left only in the citizen's own words and the staff member's name.
    const text = (await facts.innerText()).replace(comment, '').replaceAll('李娜', '');
    expect(text).not.toMatch(HAN);
    await shot(p, 'followup-en-case-page');

    await p.getByRole('button', { name: '切换为中文' }).click();
    await fact('窗口').getByText('03 社保医保', { exact: true }).waitFor();
    expect(await fact('原因').textContent()).toBe('办事效率低、一次性告知不到位');
    expect(await fact('工作人员').textContent()).toBe('李娜（1003）');
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
