/** Real Chromium: an admin pairs a tablet by code, the tablet rates, the admin downloads the export; screenshots of /admin. */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { ROOT, saveShot } from './harness';
import { browser, server, useStage } from './stage';

// Production mode: open enrolment is refused, so the tablet can only pair with a code.
useStage({ env: { NODE_ENV: 'production' } });

const shot = (page: Page, name: string) => saveShot(page, join(ROOT, 'docs/screenshots', `${name}.png`));

async function signInAsAdmin(page: Page): Promise<void> {
  await page.goto(`${server.url}/admin`);
  await page.getByLabel(/用户名/).fill('admin');
  await page.getByLabel(/密码/).fill('admin-pass');
  await page.getByRole('button', { name: /登录/ }).click();
  await page.getByRole('navigation').waitFor();
}

describe('administration in real Chromium', () => {
  it('a tablet opening /kiosk pairs with the code an admin made for window 3, rates, and the admin downloads the export, phone numbers in clear only by posting a reason', async () => {
    const adminCtx = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    const admin = await adminCtx.newPage();
    await signInAsAdmin(admin);
    await admin.getByLabel(/^窗口/).first().selectOption('w03');
    await admin.getByLabel('终端名称').fill('3号窗口左侧平板');
    await admin.getByRole('button', { name: /生成配对码/ }).click();
    const code = (await admin.getByTestId('pairing-code').textContent())!;
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    await shot(admin, 'admin-kiosks-pairing');

    const tabletCtx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const tablet = await tabletCtx.newPage();
    await tablet.goto(`${server.url}/kiosk`);
    expect((await tablet.locator('.lang-toggle').boundingBox())!.height).toBeGreaterThanOrEqual(44); // a finger's size, as the form's own controls
    await tablet.getByLabel(/配对码/).fill(code.toLowerCase().replace('-', ' ')); // as read out: lower case, a space for the dash
    await shot(tablet, 'admin-pair-tablet');
    await tablet.getByRole('button', { name: /^配对/ }).click();
    await tablet.waitForURL(`${server.url}/kiosk/w03`);
    await tablet.getByRole('button', { name: /^非常满意/ }).click();
    await tablet.getByRole('status').getByText(/感谢/).waitFor();

    await admin.getByRole('link', { name: '终端', exact: true }).click();
    await admin.getByRole('button', { name: /刷新/ }).click();
    await admin.locator('table.fleet tbody tr').first().waitFor();
    expect(await admin.locator('table.fleet tbody tr').count()).toBe(1);
    // The name given at pairing, and the model and browser from the tablet's heartbeat, tell tablets apart.
    await expect.poll(async () => {
      await admin.getByRole('button', { name: /刷新/ }).click();
      return admin.locator('table.fleet tbody tr').first().textContent();
    }, { timeout: 20_000, interval: 1000 }).toMatch(/3号窗口左侧平板.*Linux.*Chrome \d+/);
    await admin.getByRole('link', { name: '导出', exact: true }).click();
    const today = new Date();
    const from = new Date(today.getTime() - 2 * 86_400_000).toISOString().slice(0, 10);
    await admin.getByLabel(/开始日期/).fill(from);
    let rows: Record<string, string>[] = [];
    await expect.poll(async () => {
      const [download] = await Promise.all([admin.waitForEvent('download'), admin.getByRole('link', { name: '评价明细', exact: true }).click()]);
      expect(download.suggestedFilename()).toMatch(/^responses_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}_site-demo\.csv$/);
      const bytes = readFileSync((await download.path())!);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      rows = parse(bytes, { bom: true, columns: true }) as Record<string, string>[];
      return rows.length;
    }, { timeout: 20_000, interval: 1000 }).toBe(1);
    expect(rows[0]).toMatchObject({ window_id: 'w03', score: '5', score_label_zh: '非常满意' });
    await shot(admin, 'admin-exports');

    // For Excel users: the same responses as a workbook; the daily aggregates, which have no workbook, stay CSV.
    await admin.getByLabel('格式').selectOption({ label: 'Excel 工作簿（.xlsx）' });
    expect(await admin.getByRole('link', { name: /每日汇总/ }).getAttribute('href')).toMatch(/\/daily\.csv\?/);
    const [xlsx] = await Promise.all([admin.waitForEvent('download'), admin.getByRole('link', { name: '评价明细', exact: true }).click()]);
    expect(xlsx.suggestedFilename()).toMatch(/^responses_.*_site-demo\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync((await xlsx.path())!) as unknown as ArrayBuffer); // exceljs types a Buffer that Node 20 no longer matches
    const sheet = book.worksheets[0]!;
    expect(sheet.rowCount).toBe(2); // the header and the tablet's one rating
    expect(sheet.getRow(2).values).toContain('非常满意');

    // A citizen leaves a bad rating with a phone number at the same tablet.
    await tablet.goto(`${server.url}/kiosk/w03`);
    await tablet.getByRole('button', { name: '不满意', exact: true }).click();
    await tablet.getByRole('button', { name: '办事效率低' }).click();
    await tablet.getByRole('button', { name: '下一步' }).click();
    await tablet.getByLabel(/手机号码/).fill('138 0013 8000');
    await tablet.getByRole('button', { name: '提交' }).click();
    await tablet.getByRole('status').getByText(/工作人员将在 1 个工作日内与您联系/).waitFor();

    // Personal data needs a purpose: until one is written the page says why the downloads are shut.
    await admin.getByLabel('格式').selectOption('csv');
    await admin.getByLabel(/包含个人信息/).check();
    await admin.getByText('含个人信息的导出须写明用途（至少 4 个字）', { exact: false }).waitFor();
    const personalResponses = admin.getByRole('button', { name: '评价明细', exact: true });
    expect(await personalResponses.isDisabled()).toBe(true);
    const reason = '回访差评核对';
    await admin.getByLabel(/导出原因/).fill(reason);
    expect(await admin.getByText('含个人信息的导出须写明用途', { exact: false }).count()).toBe(0);

    // The download is posted: the phone comes in clear, while neither the page's URL nor the download's holds the
    // session's CSRF token or the reason (they would stay in history, the download list and proxy logs).
    const exportsPage = admin.url();
    const csrf = await admin.evaluate(async () => ((await (await fetch('/api/v1/auth/me')).json()) as { csrf: string }).csrf);
    expect(csrf.length).toBeGreaterThan(8);
    await expect.poll(async () => {
      const [download] = await Promise.all([admin.waitForEvent('download'), personalResponses.click()]);
      expect(download.suggestedFilename()).toMatch(/^responses_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}_site-demo\.csv$/);
      for (const url of [admin.url(), download.url()]) {
        for (const secret of [csrf, reason, encodeURIComponent(reason)]) expect(url).not.toContain(secret);
      }
      expect(admin.url()).toBe(exportsPage);
      rows = parse(readFileSync((await download.path())!), { bom: true, columns: true }) as Record<string, string>[];
      return rows.map((r) => r.phone).filter(Boolean);
    }, { timeout: 20_000, interval: 1000 }).toEqual(['13800138000']);
    // The case that bad rating opened, for the supervisor's call list: the phone in clear the same way.
    await expect.poll(async () => {
      const [download] = await Promise.all([admin.waitForEvent('download'), admin.getByRole('button', { name: '回访整改案件（全部窗口）', exact: true }).click()]);
      expect(download.suggestedFilename()).toMatch(/^cases_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}_site-demo\.csv$/);
      expect(download.url()).not.toContain(csrf);
      rows = parse(readFileSync((await download.path())!), { bom: true, columns: true }) as Record<string, string>[];
      return rows.map((r) => [r.window, r.phone]);
    }, { timeout: 20_000, interval: 1000 }).toEqual([[expect.stringContaining('03'), '13800138000']]);

    // Signed out meanwhile (the session ended): the page stays and says the download was not given.
    await adminCtx.clearCookies();
    await admin.getByRole('button', { name: '意见箱', exact: true }).click();
    await admin.getByRole('alert').filter({ hasText: '登录已过期' }).waitFor();
    expect(admin.url()).toBe(exportsPage);
    await tabletCtx.close();
    await adminCtx.close();
  }, 120_000);

  it('the users and audit pages show the accounts and the log of what happened', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await ctx.newPage();
    await signInAsAdmin(page);
    await page.getByRole('link', { name: '用户', exact: true }).click();
    await page.getByLabel(/^用户名/).fill('li.supervisor');
    await page.getByLabel(/初始密码/).fill('supervisor-pass-1');
    await page.getByLabel(/^角色/).first().selectOption('supervisor');
    // A supervisor with no hall would see an empty dashboard: the form says so in Chinese and adds nobody.
    await page.getByLabel('示范区政务服务中心').uncheck();
    await page.getByRole('button', { name: '添加', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('大厅有误：主管至少要分配一个大厅，且只能选择已配置的大厅。');
    await page.getByLabel('示范区政务服务中心').check();
    await page.getByRole('button', { name: '添加', exact: true }).click();
    await page.getByRole('cell', { name: 'li.supervisor' }).waitFor();
    // The hall column names the hall, not its id.
    await expect.poll(() => page.getByRole('row', { name: /li\.supervisor/ }).textContent()).toContain('示范区政务服务中心');
    await shot(page, 'admin-users');

    // An admin made supervisor is asked for the halls first; the answer shows beside the table, not under the form.
    await page.getByLabel(/^用户名/).fill('chen.admin');
    await page.getByLabel(/初始密码/).fill('admin-pass-chen-1');
    await page.getByLabel(/^角色/).first().selectOption('admin');
    await page.getByRole('button', { name: '添加', exact: true }).click();
    await page.getByRole('cell', { name: 'chen.admin' }).waitFor();
    await page.getByLabel('chen.admin 的角色').selectOption('supervisor');
    const halls = page.getByRole('form', { name: /chen\.admin/ });
    await halls.getByText('将 chen.admin 改为主管：请先选择其负责的大厅，再保存。').waitFor();
    await halls.getByRole('button', { name: '保存' }).click();
    await page.locator('section.card', { hasText: '用户与角色' }).getByRole('status').waitFor();
    await expect.poll(() => page.getByRole('row', { name: /chen\.admin/ }).textContent()).toContain('示范区政务服务中心');
    expect(await page.getByLabel('chen.admin 的角色').inputValue()).toBe('supervisor');
    // The last admin cannot be demoted, and the page says so, beside the table.
    await page.getByLabel('admin 的角色', { exact: true }).selectOption('staff');
    await page.getByRole('form', { name: /^admin 的大厅/ }).getByRole('button', { name: '保存' }).click();
    await expect.poll(() => page.locator('section.card', { hasText: '用户与角色' }).getByRole('alert').textContent()).toBe('不能停用或降级最后一位管理员。');

    await page.getByRole('link', { name: '审计', exact: true }).click();
    // Actions read as words, with the code beside them.
    await page.getByRole('cell', { name: '添加用户 user_created' }).first().waitFor();
    await expect.poll(() => page.locator('table.audit tbody tr').count()).toBeGreaterThan(3);
    await shot(page, 'admin-audit');
    await page.getByRole('link', { name: '终端', exact: true }).click();
    await page.locator('table.fleet tbody tr').first().waitFor();
    await shot(page, 'admin-kiosks');
    await ctx.close();
  }, 60_000);

  it('on a phone an admin reads the pairing code whole, is told an export\'s dates are the wrong way round instead of getting nothing, and is warned that a staff account needs its staff member', async () => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true });
    const page = await ctx.newPage();
    await signInAsAdmin(page);
    await page.getByRole('button', { name: /生成配对码/ }).click();
    const code = page.getByTestId('pairing-code');
    await code.waitFor();
    // The code was 44 px type on one line: its second half ran past the card's edge, hidden.
    const [codeBox, cardBox] = await Promise.all([code.boundingBox(), page.locator('.pairing').boundingBox()]);
    expect(codeBox!.x + codeBox!.width).toBeLessThanOrEqual(cardBox!.x + cardBox!.width);
    expect(await code.evaluate((e) => e.scrollWidth <= e.clientWidth)).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(390);

    await page.getByRole('link', { name: '导出', exact: true }).click();
    await page.getByLabel(/开始日期/).fill('2026-12-07');
    await page.getByLabel(/结束日期/).fill('2026-12-01');
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('开始日期不能晚于结束日期。');
    expect(await page.locator('.downloads a[download]').count()).toBe(1); // the month report, which takes the end date's month
    await page.getByLabel(/结束日期/).fill('2026-12-08');
    await expect.poll(() => page.getByRole('alert').count()).toBe(0);
    expect(await page.locator('.downloads a[download]').count()).toBeGreaterThan(1);

    await page.getByRole('link', { name: '用户', exact: true }).click();
    await page.getByLabel(/^角色/).first().selectOption('staff');
    await page.getByTestId('staff-unlinked').waitFor();
    await page.getByLabel(/^关联工作人员/).first().selectOption({ index: 1 });
    await expect.poll(() => page.getByTestId('staff-unlinked').count()).toBe(0);
    await ctx.close();
  }, 60_000);
});
