/** The case page's assign step as a supervisor meets it on a tablet: whom the case can go to, and controls a finger can use. */
import { beforeAll, describe, it, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { server, session, signedIn, useStage } from './stage';
import { syncRequest } from '../server/testkit';
import { badReview } from '../server/cases-kit';
import type { CaseList } from '../../src/shared/cases/wire';

useStage({ signIn: true });

let number = '';

beforeAll(async () => {
  const asAdmin = (path: string, body: unknown) => fetch(`${server.url}${path}`, {
    method: 'POST', headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  for (const user of [
    { username: 'zhang', password: 'supervisor-pass', role: 'supervisor', sites: ['demo'] },
    { username: 'wangli', password: 'staff-pass-01', role: 'staff', staffId: 's1001' },
  ]) expect((await asAdmin('/api/v1/admin/users', user)).status).toBe(201);
  // A kiosk at window 01 sends a bad review with a phone number: it opens a case.
  const enrolled = await fetch(`${server.url}/api/v1/enrol`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ windowId: 'w01' }) });
  const { token } = (await enrolled.json()) as { token: string };
  expect((await fetch(`${server.url}/api/v1/sync`, syncRequest(token, { records: [badReview()] }))).status).toBe(200);
  const { items } = (await (await fetch(`${server.url}/api/v1/cases?site=demo`, { headers: { cookie: session.cookie } })).json()) as CaseList;
  number = items[0]!.number;
});

/** Each offered person as "username | what the list says beside it". */
const offered = (page: Page) => page.locator('#case-assignees option').evaluateAll((os) => os.map((o) => `${o.getAttribute('value')} | ${o.textContent}`));

describe('assigning a case', () => {
  it('the list of people a case can go to says who each one is — role, and the staff member\'s name — without the username twice, in Chinese and English', async () => {
    const { ctx, page } = await signedIn({ width: 800, height: 1280 });
    await page.goto(`${server.url}/dashboard?view=cases&case=${encodeURIComponent(number)}`);
    await expect.poll(() => offered(page)).toEqual(['admin | 管理员', 'wangli | 王丽（1001） · 工作人员', 'zhang | 主管']);
    expect(await page.locator('input[name=assignee]').getAttribute('placeholder')).toBe('从列表中选，或输入用户名');
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await expect.poll(() => offered(page)).toEqual(['admin | Administrator', 'wangli | 王丽 (1001) · Staff', 'zhang | Supervisor']);
    expect(await page.locator('input[name=assignee]').getAttribute('placeholder')).toBe('Pick from the list or type a username');
    await ctx.close();
  });

  it('on a tablet the assignee field and every step\'s button are a finger\'s size, and a person from the list takes the case', async () => {
    const { ctx, page } = await signedIn({ width: 1280, height: 800 });
    await page.goto(`${server.url}/dashboard?view=cases&case=${encodeURIComponent(number)}`);
    const form = page.locator('form.step-form[data-action="assign"]');
    await form.waitFor();
    const heights = await page.locator('form.step-form').evaluateAll((forms) => forms.flatMap((f) =>
      [...f.querySelectorAll('input:not([type=radio]), select, button')].map((e) => `${f.getAttribute('data-action')} ${e.tagName} ${Math.round(e.getBoundingClientRect().height)}`)));
    expect(heights.length).toBeGreaterThan(3);
    expect(heights.filter((h) => Number(h.split(' ')[2]) < 44)).toEqual([]);
    await expect.poll(() => offered(page)).toContain('zhang | 主管');
    await form.getByLabel('承办人').fill('zhang');
    await form.getByRole('button', { name: '提交' }).click();
    await page.getByTestId('assignee').getByText('zhang').waitFor();
    await ctx.close();
  });
});
