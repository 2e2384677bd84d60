/**
 * A staff account on the dashboard, in Chromium: its own figures and its own cases, nothing of its colleagues,
 * and a bell for the cases assigned to it.
 */
import { describe, expect, it } from 'vitest';
import { createUser } from '../../src/server/auth/users';
import type { CaseList } from '../../src/shared/api';
import { syncRequest } from '../server/testkit';
import { badReview } from '../server/cases-kit';
import { browser, demoSeed, server, useStage } from './stage';

const seed = demoSeed({ responses: 600, days: 7, vetoed: 'w03', reason: '投诉属实' });
useStage({
  seed: async (store) => {
    await seed(store);
    await createUser(store, { username: 'li-na', password: 'staff-pass-1003', role: 'staff', sites: ['demo'], staffId: 's1003' });
  },
});

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
});
