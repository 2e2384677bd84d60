import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bellTime } from '../../src/app/dashboard/bell/text';
import { ROOT, saveShot } from './harness';
import { browser, server, session, signedIn, useStage } from './stage';
import { openKiosk } from './kiosk-kit';

const shots = join(ROOT, 'docs/screenshots');

// A stand-in for the chat tools' robots: the endpoint sends robots' messages here (ALERT_ROBOT_ORIGIN), path and token kept.
const robotGot: string[] = [];
const robot = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => { robotGot.push(`${req.url} ${body}`); res.end('{"errcode":0,"errmsg":"ok"}'); });
});
await new Promise<void>((r) => robot.listen(0, '127.0.0.1', r));
afterAll(() => new Promise<void>((r) => robot.close(() => r())));

useStage({ signIn: true, env: { ALERT_ROBOT_ORIGIN: `http://127.0.0.1:${(robot.address() as AddressInfo).port}` } });

/** WCAG contrast of an element's text against the first opaque background behind it (runs in the page). */
function contrastWithBackground(el: Element): number {
  const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
  const lum = ([r, g, b]: number[]) => {
    const lin = (x: number) => { const v = x / 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(b!);
  };
  let bg: number[] = [255, 255, 255];
  for (let n: Element | null = el; n; n = n.parentElement) {
    const c = rgb(getComputedStyle(n).backgroundColor);
    if (c.length === 3 || c[3] === 1) { bg = c.slice(0, 3); break; }
  }
  const [a, b] = [lum(rgb(getComputedStyle(el).color)), lum(bg)];
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

describe('alert bell in Chromium', () => {
  it('a bad review with a phone on the kiosk raises the bell on an open dashboard within 10 s; acknowledging needs a note and is recorded', async () => {
    // The supervisor's browser is on New York time; the hall is in Shanghai, and the bell keeps the hall's clock.
    const { ctx, page: dash } = await signedIn(undefined, { timezoneId: 'America/New_York' });
    await dash.goto(`${server.url}/dashboard?view=overview`);
    await dash.getByRole('button', { name: /未处理提醒/ }).waitFor();
    expect(await dash.getByTestId('bell-count').count()).toBe(0);

    const { context, page } = await openKiosk(browser, server.url, { windowId: 'w02' });
    await page.getByRole('button', { name: '非常不满意', exact: true }).click();
    await page.getByRole('button', { name: '办事效率低' }).click();
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByLabel(/手机号码/).fill('13800138000');
    await page.getByRole('button', { name: '提交' }).click();
    const submitted = Date.now();

    await dash.getByTestId('bell-count').getByText('1').waitFor({ timeout: 10_000 });
    const latency = Date.now() - submitted;
    console.log(`[figures] kiosk submit → bell on the dashboard: ${latency} ms`);
    expect(latency).toBeLessThan(10_000);
    await saveShot(dash.locator('header.topbar'), join(shots, 'alerts-bell.png'));

    await dash.getByRole('button', { name: /未处理提醒/ }).click();
    await dash.getByText('差评留电话').waitFor();
    await dash.locator('.bell-list').getByText(/^02 不动产登记 · 工单 DEMO-\d{4}-\d{2}-\d{4}$/).waitFor(); // which window and case, before opening it
    // The list opens from the red top bar, whose own links and buttons are white: its controls must still read.
    for (const control of [dash.locator('.bell-list').getByRole('link', { name: '查看' }), dash.getByRole('button', { name: '确认处理' })]) {
      expect(await control.evaluate(contrastWithBackground)).toBeGreaterThanOrEqual(4.5);
    }
    await saveShot(dash, join(shots, 'alerts-list.png'));
    const raised = ((await (await fetch(`${server.url}/api/v1/alerts`, { headers: { cookie: session.cookie } })).json()) as { alerts: Array<{ raised_at: number }> }).alerts[0]!.raised_at;
    const shown = await dash.locator('.bell-item h3 small').first().textContent();
    expect(shown).toBe(bellTime(raised, 'Asia/Shanghai'));
    expect(shown).not.toBe(bellTime(raised, 'America/New_York'));

    await dash.getByRole('button', { name: '确认处理' }).click(); // no note yet: refused on the page, nothing sent
    await dash.locator('.bell-list').getByRole('alert').getByText('请填写处理说明（至少 2 个字），写明已做了什么').waitFor();
    expect(await dash.getByTestId('bell-count').textContent()).toBe('1');
    await dash.getByLabel('处理说明').fill('已电话回访，群众表示理解');
    await dash.getByRole('button', { name: '确认处理' }).click();
    await dash.getByText(/已确认：已电话回访/).waitFor();
    await dash.getByRole('button', { name: 'Switch to English' }).click();
    await dash.locator('.bell-list').getByText(/^Acknowledged by admin at .+: 已电话回访/).waitFor(); // English punctuation around the note
    await dash.getByRole('button', { name: '切换为中文' }).click();
    await expect.poll(() => dash.getByTestId('bell-count').count()).toBe(0);

    const list = (await (await fetch(`${server.url}/api/v1/alerts`, { headers: { cookie: session.cookie } })).json()) as { alerts: Array<{ acked_by: string; ack_comment: string }> };
    expect(list.alerts[0]).toMatchObject({ acked_by: 'admin', ack_comment: '已电话回访，群众表示理解' });
    await context.close();
    await ctx.close();
  }, 60_000);

  it('on an endpoint slower than the bell\'s 5 s poll, a dashboard asks for the alerts once at a time instead of piling up requests', async () => {
    const { ctx, page } = await signedIn();
    await ctx.clock.install();
    let asked = 0;
    const held: Array<() => void> = [];
    await page.route(/\/api\/v1\/alerts(\?|$)/, async (route) => {
      asked++;
      await new Promise<void>((ok) => held.push(ok)); // the endpoint has not answered yet
      await route.continue();
    });
    await page.goto(`${server.url}/dashboard?view=overview`);
    await expect.poll(() => asked).toBe(1);
    await page.clock.runFor(30_000); // six polls' time with the first still out
    expect(asked).toBe(1);
    const answered = page.waitForResponse(/\/api\/v1\/alerts(\?|$)/);
    held.shift()!();
    await answered;
    await page.clock.runFor(5_000);
    await expect.poll(() => asked).toBe(2);
    for (const ok of held) ok();
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    await ctx.close();
  }, 60_000);

  it('on a phone the bell\'s list opens under the top bar, however many rows it wraps to, and inside the screen, in both languages', async () => {
    const { ctx, page } = await signedIn({ width: 390, height: 844 });
    await page.goto(`${server.url}/dashboard?view=overview`);
    for (const lang of ['zh', 'en'] as const) {
      if (lang === 'en') await page.getByRole('button', { name: 'Switch to English' }).click();
      const bell = page.locator('.bell-button');
      await bell.click();
      const list = page.locator('.bell-list');
      await list.waitFor();
      const bar = (await page.locator('header.topbar').boundingBox())!;
      const box = (await list.boundingBox())!;
      expect(bar.x + bar.width, `${lang}: the bar stays on the screen`).toBeLessThanOrEqual(390);
      expect(box.y, `${lang}: the list starts under the bar (${bar.y + bar.height})`).toBeGreaterThanOrEqual(bar.y + bar.height);
      expect(box.x, lang).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, lang).toBeLessThanOrEqual(390);
      expect(box.y + box.height, lang).toBeLessThanOrEqual(844);
      await saveShot(page, join(shots, `alerts-list-phone-${lang}.png`));
      await bell.click();
      await list.waitFor({ state: 'detached' });
    }
    await ctx.close();
  }, 60_000);

  it('an admin adds a DingTalk robot on /admin/alerts (an address that is not DingTalk’s is refused beside the field), sends a test and sees the robot’s answer', async () => {
    const { ctx, page } = await signedIn({ width: 1280, height: 900 });
    await page.goto(`${server.url}/admin/alerts`);
    await page.getByRole('heading', { name: '提醒通道与接收人' }).waitFor();
    await page.getByLabel('编号').fill('duty-ding');
    await page.getByLabel('名称').fill('值班群');
    await page.getByLabel('类型').selectOption('dingtalk');
    await page.getByLabel('Webhook 地址').fill('https://robot.example.com/robot/send?access_token=T');
    await page.getByLabel(/签名密钥/).fill('SECtest');
    await page.getByRole('button', { name: '保存通道' }).click();
    const refusal = page.getByRole('alert').getByText('Webhook 地址须为钉钉自定义机器人的地址：https://oapi.dingtalk.com/robot/send?access_token=…');
    await refusal.waitFor();
    expect(await page.getByLabel('Webhook 地址').getAttribute('aria-describedby')).toBe(await refusal.getAttribute('id'));
    expect(await page.getByRole('cell', { name: /钉钉 DingTalk/ }).count()).toBe(0);

    await page.getByLabel('Webhook 地址').fill('https://oapi.dingtalk.com/robot/send?access_token=T');
    await page.getByRole('button', { name: '保存通道' }).click();
    await page.getByRole('cell', { name: /钉钉 DingTalk · 已设密钥/ }).waitFor();
    expect(await refusal.count()).toBe(0);
    await page.getByRole('button', { name: '发送测试' }).click();
    await page.getByRole('status').getByText(/接收方回复：已送达 · 200 \{"errcode":0,"errmsg":"ok"\}/).waitFor();
    expect(robotGot).toHaveLength(1);
    expect(robotGot[0]).toMatch(/^\/robot\/send\?access_token=T&timestamp=\d{13}&sign=/);
    expect(robotGot[0]).toContain('测试消息');
    await saveShot(page, join(shots, 'alerts-channels.png'));

    // the same page in English: labels, the refusal, the robot's answer and the channel's language named
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { name: 'Alert channels and recipients' }).waitFor();
    await page.getByRole('cell', { name: /钉钉 DingTalk · secret set/ }).waitFor();
    await page.getByRole('cell', { name: '中文', exact: true }).waitFor();
    await page.getByLabel('Id', { exact: true }).fill('duty-feishu');
    await page.getByLabel('Name', { exact: true }).fill('Duty group');
    await page.getByLabel('Kind').selectOption('feishu');
    await page.getByLabel('Webhook URL').fill('https://robot.example.com/open-apis/bot/v2/hook/x');
    await page.getByRole('button', { name: 'Save channel' }).click();
    await page.getByRole('alert').getByText(/^The URL must be the Feishu bot webhook/).waitFor();
    await page.getByRole('button', { name: 'Send a test' }).click();
    await page.getByRole('status').getByText(/Receiver answered: delivered · 200/).waitFor();
    expect(await page.getByText(/[\u4e00-\u9fff]/).filter({ hasNotText: /钉钉|企业微信|飞书|邮件|中文|值班群|测试/ }).count()).toBe(0);
    await saveShot(page, join(shots, 'alerts-channels-en.png'));
    await ctx.close();
  }, 60_000);
});
