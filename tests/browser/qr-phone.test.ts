import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adminCookie, ROOT, saveShot } from './harness';
import { exportedResponses } from './kiosk-kit';
import { decodeQr, openPhone, posterUrl, PHONE } from './qr-kit';
import { browser, server, useStage } from './stage';

const SHOTS = join(ROOT, 'docs/screenshots');
mkdirSync(SHOTS, { recursive: true });

useStage();

describe('a citizen rating on their phone', () => {
  it('from a poster, with the network cut before submitting: nothing is lost, and the export shows channel=qr and the poster token', async () => {
    const { context, page } = await openPhone(browser, await posterUrl(server.url, 'w04'));
    await page.getByRole('button', { name: '不满意', exact: true }).waitFor();
    await saveShot(page, join(SHOTS, 'phone-faces.png'));

    await context.setOffline(true);
    await page.getByRole('button', { name: '不满意', exact: true }).click();
    await page.getByRole('heading', { name: /哪里做得不好/ }).waitFor();
    await page.getByRole('button', { name: '办事效率低' }).click();
    await page.getByRole('button', { name: '一次性告知不到位' }).click();
    await saveShot(page, join(SHOTS, 'phone-reasons.png'));
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByLabel('留言（选填）').fill('材料清单没有一次说清楚，跑了两趟。');
    await page.getByLabel('手机号码（选填，用于回访）').fill('13812345678');
    await saveShot(page, join(SHOTS, 'phone-comment.png'));
    await page.getByRole('button', { name: '提交' }).click();
    await page.getByRole('heading', { name: '感谢您的评价！' }).waitFor();
    await saveShot(page, join(SHOTS, 'phone-thanks.png'));
    await page.waitForTimeout(500);
    expect((await exportedResponses(server.url)).filter((r) => r.window_id === 'w04')).toEqual([]);

    await context.setOffline(false);
    await expect.poll(async () => (await exportedResponses(server.url)).filter((r) => r.window_id === 'w04').length, { timeout: 20_000 }).toBe(1);
    const [row] = (await exportedResponses(server.url)).filter((r) => r.window_id === 'w04');
    expect(row).toMatchObject({ channel: 'qr', token_kind: 'poster', score: '2', comment: '材料清单没有一次说清楚，跑了两趟。' });
    expect(row!.reasons).toMatch(/slow|办事效率低/);
    await context.close();
  }, 60_000); // the file's first phone: a cold browser on a loaded machine took over 20 s

  it('a phone that loaded the page once opens it offline, rates, and sends the rating when the page is reopened online', async () => {
    const url = await posterUrl(server.url, 'w03');
    const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
    const first = await context.newPage();
    await first.goto(url);
    await first.getByRole('button', { name: '非常满意' }).waitFor();
    await first.evaluate(async () => { await navigator.serviceWorker.ready; });
    await first.close();

    await context.setOffline(true);
    const offline = await context.newPage();
    await offline.goto(url);
    await offline.getByRole('button', { name: '基本满意' }).click();
    await offline.getByRole('heading', { name: '感谢您的评价！' }).waitFor();
    await offline.close();
    expect((await exportedResponses(server.url)).filter((r) => r.window_id === 'w03')).toEqual([]);

    await context.setOffline(false);
    const again = await context.newPage();
    await again.goto(url);
    await expect.poll(async () => (await exportedResponses(server.url)).filter((r) => r.window_id === 'w03').map((r) => [r.score, r.channel, r.token_kind]), { timeout: 20_000 })
      .toEqual([['3', 'qr', 'poster']]);
    await context.close();
  });

  it('the phone survey switches to English and large text, and the suggestion box is reachable', async () => {
    const { context, page } = await openPhone(browser, await posterUrl(server.url, 'w05'));
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('button', { name: 'Large text' }).click();
    await page.getByRole('heading', { name: 'Please rate the service you received' }).waitFor();
    await saveShot(page, join(SHOTS, 'phone-english-large.png'));
    await page.getByRole('button', { name: /Suggestion box/ }).click();
    await page.getByRole('heading', { name: 'Suggestion box' }).waitFor();
    await saveShot(page, join(SHOTS, 'phone-suggestion.png'));
    await context.close();
  });

  it('in large text, a bad rating\'s tracking code fits the phone: the page never scrolls sideways on the thank-you', async () => {
    const { context, page } = await openPhone(browser, await posterUrl(server.url, 'w04'));
    await page.getByRole('button', { name: '大字模式' }).click();
    await page.getByRole('button', { name: '非常不满意', exact: true }).click();
    await page.getByRole('button', { name: '办事效率低' }).click();
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByRole('button', { name: '跳过' }).click();
    await page.locator('.tracking-code svg').waitFor({ state: 'attached' }); // the code with its (hidden) QR code: the code alone shows until it comes
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    // Measured once it is laid out (the thank-you may render again as the rating's sync answers).
    await expect.poll(async () => { const b = await page.locator('.tracking-code-text').boundingBox(); return b ? b.x + b.width : Infinity; })
      .toBeLessThanOrEqual(PHONE.width);
    // On one line, so it is not copied down half.
    const lines = await page.locator('.tracking-code-text').evaluate((el) => { const r = document.createRange(); r.selectNodeContents(el); return r.getClientRects().length; });
    expect(lines).toBe(1);
    await saveShot(page, join(SHOTS, 'phone-thanks-tracking-large.png'));
    await context.close();
  });

  it('an expired code shows the friendly message instead of a form, without asking the network', async () => {
    const url = await posterUrl(server.url, 'w01');
    const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.clock.install({ time: Date.now() + 800 * 86_400_000 }); // posters are valid two years
    await page.goto(url);
    await page.getByRole('heading', { name: '此二维码已过期，请扫描窗口处的二维码' }).waitFor();
    expect(await page.getByText('This QR code has expired. Please scan the code at the window.').isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: '非常满意' }).count()).toBe(0);
    await saveShot(page, join(SHOTS, 'phone-expired.png'));
    await context.close();
  });

  it('a suggestion written until the code expired is kept on the phone, and is in the suggestion box after the next scan', async () => {
    const url = await posterUrl(server.url, 'w03');
    const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.clock.install({ time: Date.now() });
    await page.goto(url);
    await page.getByRole('button', { name: /意见箱/ }).click();
    await page.getByLabel('投诉').check();
    await page.getByLabel('内容').fill('大厅空调太冷，老人等候时受不了');
    await page.clock.setSystemTime(Date.now() + 800 * 86_400_000); // still writing when the poster's code ran out
    await page.getByRole('button', { name: '提交' }).click();
    await page.getByRole('heading', { name: '此二维码已过期，请扫描窗口处的二维码' }).waitFor();
    await page.getByText('您写的意见已保存在本手机上').waitFor();
    // Scanned again: the box opens with what was written, sent as a complaint.
    await page.clock.setSystemTime(Date.now());
    await page.goto(url);
    await page.getByRole('button', { name: /意见箱/ }).click();
    expect(await page.getByLabel('内容').inputValue()).toBe('大厅空调太冷，老人等候时受不了');
    expect(await page.getByLabel('投诉').isChecked()).toBe(true);
    await page.getByRole('button', { name: '提交' }).click();
    await page.locator('.tracking-code-text').waitFor();
    await page.goto(url);
    await page.getByRole('button', { name: /意见箱/ }).click();
    expect(await page.getByLabel('内容').inputValue()).toBe(''); // sent: not offered again
    await context.close();
  }, 60_000);

  it('a case code admits one rating: the second scan on the same phone says it was already rated', async () => {
    const cookie = await adminCookie(server.url);
    const me = (await (await fetch(`${server.url}/api/v1/auth/me`, { headers: { cookie } })).json()) as { csrf: string };
    const res = await fetch(`${server.url}/api/v1/qr/case`, {
      method: 'POST', headers: { cookie, 'x-csrf-token': me.csrf, 'content-type': 'application/json' }, body: JSON.stringify({ windowId: 'w02', caseNo: 'SB-20261123-0007' }),
    });
    const { url } = (await res.json()) as { url: string };
    const { context, page } = await openPhone(browser, url);
    await page.getByText('办件编号：SB-20261123-0007').waitFor();
    await saveShot(page, join(SHOTS, 'phone-case.png'));
    await page.getByRole('button', { name: '非常满意' }).click();
    await page.getByRole('heading', { name: '感谢您的评价！' }).waitFor();
    await page.goto(url);
    await page.getByRole('heading', { name: '您已评价过本次办件，感谢您的参与' }).waitFor();
    await expect.poll(async () => (await exportedResponses(server.url)).filter((r) => r.case_no === 'SB-20261123-0007').map((r) => r.token_kind), { timeout: 15_000 }).toEqual(['case']);
    await context.close();
  });
});

describe('a complaint from the phone\'s suggestion box', () => {
  async function complain(page: import('playwright-core').Page, text: string): Promise<void> {
    await page.getByRole('button', { name: /意见箱/ }).click();
    await page.getByRole('radio', { name: '投诉' }).check();
    await page.getByLabel('内容').fill(text);
    await page.getByRole('button', { name: '提交' }).click();
    await page.getByRole('status').getByText('感谢您的意见！').waitFor();
  }

  it('online: says it was sent and gives the tracking code with a link to its progress page, which follows another code opened in the same tab', async () => {
    const { context, page } = await openPhone(browser, await posterUrl(server.url, 'w02'));
    await complain(page, '材料被退回三次');
    await page.getByRole('status').getByText('已提交').waitFor();
    expect(await page.getByText('网络恢复后将自动提交').count()).toBe(0);
    const code = await page.locator('.tracking-code-text').getAttribute('data-code');
    expect(code).toMatch(/^[0-9A-Z]{16}$/);
    await saveShot(page, join(SHOTS, 'phone-complaint-tracking.png'));
    await page.getByRole('link', { name: '办理进度查询' }).click();
    await page.waitForURL(`**/track?lang=zh-CN#${code}`);
    await page.getByTestId('case-number').waitFor();
    await saveShot(page, join(SHOTS, 'track-phone.png'));
    // In the language of the survey the citizen just used, though this phone's browser is in English.
    expect(await page.locator('.code-echo').textContent()).toMatch(/^查询码：/);
    await page.locator('.track .lang').click();
    expect(await page.locator('.code-echo').textContent()).toMatch(/^Tracking code: /);
    await page.locator('.track .lang').click();
    expect(await page.locator('.progress dd').nth(2).textContent()).toMatch(/^02 \S/); // the window's number and name
    await page.evaluate(() => { location.hash = 'ZZZZZZZZ'; }); // not a code at all: what one looks like
    await page.getByRole('alert').getByText('查询码为 16 位字母和数字（如 4287-QX9E-1A25-A7MN），请核对后再试。').waitFor();
    expect(await page.getByTestId('case-number').count()).toBe(0);
    await page.evaluate(() => { location.hash = 'ZZZZZZZZZZZZZZZZ'; }); // a well-formed code no case has
    await page.getByRole('alert').getByText('未找到该查询码，请核对后再试。').waitFor();
    // A mistyped code looked up on a slow network, then the right one: the right one's answer stays on the page.
    let release!: () => void;
    const held = new Promise<void>((ok) => { release = ok; });
    await page.route('**/api/v1/track/YYYYYYYYYYYYYYYY', async (route) => { await held; await route.continue(); });
    const wrongAnswered = page.waitForResponse((r) => r.url().endsWith('/api/v1/track/YYYYYYYYYYYYYYYY'));
    await page.evaluate(() => { location.hash = 'YYYYYYYYYYYYYYYY'; });
    await page.evaluate((c) => { location.hash = c; }, code!);
    await page.getByTestId('case-number').waitFor();
    release();
    await wrongAnswered;
    await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
    expect(await page.getByTestId('case-number').count()).toBe(1);
    expect(await page.locator('.code-echo').textContent()).toContain(code!.slice(0, 4));
    await context.close();
  });

  it('offline: says it will be sent when the network is back', async () => {
    const { context, page } = await openPhone(browser, await posterUrl(server.url, 'w03'));
    await page.getByRole('button', { name: /意见箱/ }).waitFor();
    await context.setOffline(true);
    await complain(page, '排队叫号系统故障');
    await page.getByRole('status').getByText('网络恢复后将自动提交').waitFor();
    expect(await page.locator('.tracking-code-text').count()).toBe(1);
    await context.close();
  });
});

describe('print posters', () => {
  it('/admin/posters prints one A4 page per window whose QR code opens that window\'s survey', async () => {
    const cookie = (await adminCookie(server.url)).split('=');
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addCookies([{ name: cookie[0]!, value: cookie.slice(1).join('='), url: server.url }]);
    const page = await context.newPage();
    await page.goto(`${server.url}/admin/posters`);
    await page.locator('.poster').first().waitFor();
    expect(await page.locator('.poster').count()).toBe(5);
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    const dir = mkdtempSync(join(tmpdir(), 'fk-poster-'));
    writeFileSync(join(dir, 'posters.pdf'), pdf);
    execFileSync('pdftoppm', ['-png', '-r', '100', join(dir, 'posters.pdf'), join(dir, 'page')]);
    const first = readFileSync(join(dir, 'page-1.png'));
    if (process.env.SCREENSHOTS === '1') writeFileSync(join(SHOTS, 'poster-a4.png'), first);
    const pages = readFileSync(join(dir, 'posters.pdf')).toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
    expect(pages.length).toBe(5);
    const decoded = decodeQr(first);
    expect(decoded).toMatch(new RegExp(`^${server.url}/q/w01\\?t=`));
    const phone = await openPhone(browser, decoded!);
    await phone.page.getByRole('button', { name: '非常满意' }).waitFor();
    await phone.context.close();
    await context.close();
  });
});
