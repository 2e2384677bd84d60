/**
 * A staff account on the dashboard, in Chromium: its own figures and its own cases, nothing of its colleagues,
 * and a bell for the cases assigned to it.
 */
import { describe, expect, it } from 'vitest';
import { createUser } from '../../src/server/auth/users';
import type { CaseList } from '../../src/shared/api';
import { syncRequest } from '../server/testkit';
import { badReview } from '../server/cases-kit';
import { browser, demoSeed, server, today, useStage } from './stage';

const seed = demoSeed({ responses: 600, days: 7, vetoed: 'w03', reason: '投诉属实' });
useStage({
  seed: async (store) => {
    await seed(store);
    await createUser(store, { username: 'li-na', password: 'staff-pass-1003', role: 'staff', sites: ['demo'], staffId: 's1003' });
    // With a user in the store the endpoint makes no first admin: this one takes steps at another desk.
    await createUser(store, { username: 'admin', password: 'admin-pass', role: 'admin', sites: [] });
  },
});

async function signIn(username: string, password: string) {
  const r = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  expect(r.status).toBe(200);
  return { cookie: (r.headers.get('set-cookie') ?? '').split(';')[0]!, csrf: ((await r.json()) as { csrf: string }).csrf };
}

/** A bad review about li-na (s1003) from window 1, its case number once the endpoint opened it. */
async function caseAboutLiNa(): Promise<string> {
  const enrolled = await fetch(`${server.url}/api/v1/enrol`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ windowId: 'w01' }) });
  const { token } = (await enrolled.json()) as { token: string };
  const review = badReview({ staffId: 's1003' });
  expect((await fetch(`${server.url}/api/v1/sync`, syncRequest(token, { records: [review] }))).status).toBe(200);
  const admin = await signIn('admin', 'admin-pass');
  const { items } = (await (await fetch(`${server.url}/api/v1/cases?site=demo&state=new`, { headers: { cookie: admin.cookie } })).json()) as CaseList;
  return items.find((c) => c.staffId === 's1003')!.number;
}

/** A step taken by the admin through the API, as a supervisor at another desk would. */
async function adminStep(number: string, body: unknown) {
  const admin = await signIn('admin', 'admin-pass');
  const r = await fetch(`${server.url}/api/v1/cases/${number}/steps`, { method: 'POST', headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(r.status).toBe(200);
}

async function staffPage() {
  const r = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'li-na', password: 'staff-pass-1003' }) });
  expect(r.status).toBe(200);
  const [name, value] = (r.headers.get('set-cookie') ?? '').split(';')[0]!.split('=') as [string, string];
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  await ctx.addCookies([{ name, value, url: server.url }]);
  return { ctx, page: await ctx.newPage() };
}

describe('a staff member on the dashboard', () => {
  it('sees the daily figures of their own ratings, not a page that hangs on loading', async () => {
    const { ctx, page } = await staffPage();
    const own = page.waitForResponse((res) => res.url().includes('/api/v1/stats/daily'));
    await page.goto(`${server.url}/dashboard`);
    expect((await own).status()).toBe(200);
    await page.locator('main.page table, main.page canvas').first().waitFor();
    expect(await page.textContent('main.page')).not.toContain('正在加载');
    await page.locator('.bell-button').waitFor(); // the bell of the alerts addressed to them
    await ctx.close();
  });

  it('the follow-up view lists only the cases of their own ratings', async () => {
    // Two bad reviews from a kiosk, one about li-na (s1003) and one about a colleague: each opens a case.
    const enrolled = await fetch(`${server.url}/api/v1/enrol`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ windowId: 'w01' }) });
    const { token } = (await enrolled.json()) as { token: string };
    const synced = await fetch(`${server.url}/api/v1/sync`, syncRequest(token, { records: [badReview({ staffId: 's1003' }), badReview({ staffId: 's1001' })] }));
    expect(synced.status).toBe(200);
    const { ctx, page } = await staffPage();
    const listed = page.waitForResponse((res) => res.url().includes('/api/v1/cases?'));
    await page.goto(`${server.url}/dashboard?view=cases`);
    const answer = await listed;
    expect(answer.status()).toBe(200);
    const { items } = (await answer.json()) as CaseList;
    expect(items.length).toBe(1);
    expect(items.every((c) => c.staffId === 's1003')).toBe(true);
    await ctx.close();
  });

  it('on a case about them that nobody assigned, they are offered the appeal only, and no case export or figures', async () => {
    const number = await caseAboutLiNa();
    const { ctx, page } = await staffPage();
    await page.goto(`${server.url}/dashboard?view=cases`);
    await page.locator('.case-table').waitFor();
    expect(await page.getByRole('link', { name: /导出案件/ }).count()).toBe(0);
    expect(await page.locator('.case-figures').count()).toBe(0);
    await page.getByRole('link', { name: number }).click();
    await page.locator('.case-page .timeline li').first().waitFor();
    const forms = () => page.locator('form.step-form').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
    expect(await forms()).toEqual(['appeal']);
    await page.locator('form.step-form[data-action=appeal] textarea').fill('该群众所述收费为法定工本费，已公示');
    await page.getByRole('button', { name: '提交' }).click();
    await page.locator('.timeline li[data-action=appeal]').waitFor();
    expect(await forms()).toEqual([]); // the decision is the supervisor's
    await ctx.close();
  });

  it('a step the case has moved past is refused in Chinese, the page catches up, and the next step clears the message', async () => {
    const number = await caseAboutLiNa();
    await adminStep(number, { action: 'assign', assignee: 'li-na' });
    const { ctx, page } = await staffPage();
    await page.goto(`${server.url}/dashboard?view=cases&case=${number}`);
    await page.locator('form.step-form[data-action=verify]').waitFor();
    await adminStep(number, { action: 'verify', founded: true, note: '主管已核实' }); // meanwhile, at another desk
    await page.locator('form.step-form[data-action=verify] textarea').fill('调取录像核实');
    await page.locator('form.step-form[data-action=verify]').getByRole('button', { name: '提交' }).click();
    await page.getByRole('alert').getByText('案件当前为“已核实”，不能执行这一步。').waitFor();
    expect(await page.getByRole('alert').textContent()).not.toMatch(/[a-z]{3}/);
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('alert').getByText('This step is not possible while the case is “Verified”.').waitFor();
    await page.getByRole('button', { name: '切换为中文' }).click();
    // The page now shows the case as it is: the call comes next.
    const call = page.locator('form.step-form[data-action=call]');
    await call.locator('textarea').fill('已电话致歉');
    await call.getByRole('button', { name: '提交' }).click();
    await page.locator('.timeline li[data-action=call]').waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    await ctx.close();
  });

  it('the follow-up list asks for the dashboard\'s range and window, and shows none of window 2', async () => {
    const { ctx, page } = await staffPage();
    const listed = page.waitForResponse((res) => res.url().includes('/api/v1/cases?'));
    await page.goto(`${server.url}/dashboard?view=cases&range=7d&window=w02`);
    const q = new URL((await listed).url()).searchParams;
    expect(q.get('window')).toBe('w02');
    expect(q.get('from')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(q.get('to')).toBe(today);
    await page.getByText('没有符合条件的案件').waitFor();
    await page.getByLabel('窗口').selectOption('');
    await page.locator('.case-table').waitFor(); // li-na's cases are all at window 1
    await ctx.close();
  });
});
