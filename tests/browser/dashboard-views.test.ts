import { describe, it, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { ROOT, saveShot } from './harness';
import { browser, demoSeed, lastMonth, server, session, signedIn, useStage } from './stage';

const shots = join(ROOT, 'docs/screenshots');

useStage({ seed: demoSeed({ responses: 40_000, days: 75, vetoed: 'w03', reason: '投诉核实：推诿扯皮' }), signIn: true });

/** True when a canvas has drawn pixels (not blank). */
const painted = (page: Page, sel: string) => page.$$eval(sel, (els) => els.map((c) => {
  const cv = c as HTMLCanvasElement;
  const data = cv.getContext('2d')!.getImageData(0, 0, cv.width, cv.height).data;
  let n = 0;
  for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
  return n;
}));

describe('dashboard in Chromium', () => {
  it('renders every view and chart from seeded data', async () => {
    const { ctx, page } = await signedIn();
    await page.goto(`${server.url}/dashboard?view=overview`);
    await page.waitForSelector('canvas');
    await page.waitForFunction(() => document.querySelectorAll('canvas').length === 2);
    await page.waitForTimeout(300);
    expect((await painted(page, 'canvas')).every((n) => n > 1000)).toBe(true);
    expect(await page.textContent('.kpis')).toContain('满意率');
    await saveShot(page, join(shots, 'dashboard-daily.png'));

    await page.click('text=排名与星级');
    await page.click('button.chip:has-text("上月")');
    await page.waitForSelector('table.rank td.grade');
    expect(await page.$$eval('table.rank', (t) => t.length)).toBe(2);
    expect(await page.$$eval('table.rank >> nth=0 >> tbody tr', (r) => r.length)).toBe(5);
    expect(await page.textContent('table.rank')).toContain('一票否决');
    expect(await page.textContent('table.rank')).toMatch(/★/);
    await saveShot(page, join(shots, 'dashboard-ranking.png'));

    await page.click('text=时段分布');
    await page.waitForSelector('table.heat');
    expect(await page.$$eval('table.heat', (t) => t.length)).toBe(2);
    expect(await page.$$eval('table.heat >> nth=0 >> td', (cells) => cells.filter((c) => Number(c.textContent) > 0).length)).toBeGreaterThan(40);
    await saveShot(page, join(shots, 'dashboard-when.png'));

    await page.click('text=原因与留言');
    await page.waitForSelector('.reasons-box canvas');
    await page.waitForSelector('ol.feedback li');
    await page.waitForTimeout(300);
    expect((await painted(page, '.reasons-box canvas'))[0]).toBeGreaterThan(1000);
    const phones = await page.$$eval('.feedback .phone', (els) => els.map((e) => e.textContent ?? ''));
    expect(phones.length).toBeGreaterThan(0);
    expect(phones.every((p) => /\d{3}\*{4}\d{4}/.test(p))).toBe(true);
    await page.fill('input[type=search]', '排队');
    await page.keyboard.press('Tab');
    await page.waitForFunction(() => [...document.querySelectorAll('.feedback .text')].every((e) => e.textContent!.includes('排队')));
    await page.fill('input[type=search]', '');
    await page.keyboard.press('Tab');
    await page.waitForTimeout(300);
    await page.evaluate(() => scrollTo(0, 0));
    await saveShot(page, join(shots, 'dashboard-why.png'));
    await page.evaluate(() => document.querySelector('#fb-h')!.scrollIntoView());
    await saveShot(page, join(shots, 'dashboard-comments.png'));

    await page.click('text=月度报表');
    await page.fill('input[type=month]', lastMonth);
    await page.waitForFunction((m) => document.querySelector('.month-report h2')?.textContent?.includes(m), lastMonth);
    expect(await page.$$eval('table.month', (t) => t.length)).toBe(2);
    expect(await page.textContent('.month-report')).toContain('一票否决');
    const csv = await page.getAttribute('a[download]', 'href');
    expect(csv).toContain(`month=${lastMonth}`);
    const res = await fetch(`${server.url}${csv}`, { headers: { cookie: session.cookie } });
    expect(res.headers.get('content-type')).toContain('text/csv');
    await saveShot(page, join(shots, 'dashboard-month.png'));
    await page.emulateMedia({ media: 'print' });
    expect(await page.isVisible('.topbar')).toBe(false);
    await ctx.close();
  });

  it('on a phone or an upright tablet no staff page scrolls sideways: every dashboard view and admin tab at 390×844 and 800×1280, in both languages, is as wide as the screen (wide tables scroll inside their card)', async () => {
    const { ctx, page } = await signedIn({ width: 390, height: 844 });
    const wider: string[] = [];
    const look = async (path: string, lang: string) => {
      await page.goto(`${server.url}${path}`);
      await page.locator('main .card').first().waitFor();
      await page.waitForLoadState('networkidle');
      const [width, screen] = await page.evaluate(() => [document.documentElement.scrollWidth, innerWidth]);
      if (width > screen!) wider.push(`${screen}px ${lang} ${path}: ${width}px`);
    };
    const paths = [...['overview', 'ranking', 'when', 'why', 'month', 'insights', 'insights&tab=themes', 'insights&tab=bulletin', 'cases'].map((v) => `/dashboard?view=${v}`),
      ...['kiosks', 'users', 'integrations', 'exports', 'audit', 'alerts'].map((t) => `/admin/${t}`)];
    for (const path of paths) await look(path, 'zh');
    await page.getByRole('button', { name: 'Switch to English' }).click();
    for (const path of paths) await look(path, 'en');
    await page.setViewportSize({ width: 800, height: 1280 });
    for (const path of paths) await look(path, 'en');
    await page.getByRole('button', { name: '切换为中文' }).click();
    for (const path of paths) await look(path, 'zh');
    expect(wider).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    // The ranking's columns stay readable: its table scrolls in its card instead of squeezing the top reasons into a sliver.
    await page.goto(`${server.url}/dashboard?view=ranking`);
    await page.locator('table.rank tbody tr').first().waitFor();
    const tallest = await page.$$eval('table.rank tbody tr', (rows) => Math.max(...rows.map((r) => r.getBoundingClientRect().height)));
    expect(tallest).toBeLessThan(90);
    // A comment's window, staff member and 查看详情 are a finger's height to tap (they were 19 px).
    await page.goto(`${server.url}/dashboard?view=why`);
    await page.locator('ol.feedback li').first().waitFor();
    const heights = await page.$$eval('ol.feedback .linklike', (els) => els.map((e) => Math.round(e.getBoundingClientRect().height)));
    expect(heights.length).toBeGreaterThan(3);
    expect(heights.filter((h) => h < 44)).toEqual([]);
    await ctx.close();
  }, 120_000);

  it('the filter kept in the URL survives a reload', async () => {
    const { ctx, page } = await signedIn();
    await page.goto(`${server.url}/dashboard`);
    await page.waitForSelector('canvas');
    await page.click('button.chip:has-text("近7天")');
    await page.selectOption('select >> nth=0', 'w03');
    await page.check('.toggle input');
    await page.click('button.chip:has-text("差评率")');
    await page.waitForFunction(() => location.search.includes('suspect=1') && location.search.includes('rate=bad'));
    const url = page.url();
    expect(url).toContain('range=7d');
    expect(url).toContain('window=w03');
    await page.reload();
    await page.waitForSelector('canvas');
    expect(page.url()).toBe(url);
    expect(await page.inputValue('select >> nth=0')).toBe('w03');
    expect(await page.isChecked('.toggle input')).toBe(true);
    expect(await page.getAttribute('button.chip:has-text("近7天")', 'aria-pressed')).toBe('true');
    expect(await page.getAttribute('button.chip:has-text("差评率")', 'aria-pressed')).toBe('true');
    await ctx.close();
  });

  it('the public display fills a 1920×1080 screen with the hall figures and no personal data', async () => {
    const made = await fetch(`${server.url}/api/v1/display-tokens`, {
      method: 'POST', headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/json' }, body: JSON.stringify({ siteId: 'demo', label: '大厅大屏' }),
    });
    const { url } = (await made.json()) as { url: string };
    // The screen's computer keeps UTC; the hall is in Shanghai, and the screen says the hall's time.
    const ctx = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN', timezoneId: 'UTC' });
    const page = await ctx.newPage();
    await page.goto(`${server.url}${url}`);
    await page.waitForSelector('.win');
    const shanghai = new Intl.DateTimeFormat('zh-CN', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Asia/Shanghai' });
    const around = [Date.now() - 60_000, Date.now(), Date.now() + 60_000].map((t) => `更新于 ${shanghai.format(t)}`);
    const shown = (await page.textContent('body')) ?? '';
    expect(around.some((x) => shown.includes(x)), `${around.join(' / ')} in the page`).toBe(true);
    // A window's rate of fewer than 10 ratings is shown for reference only, neither alarm-red nor as a verdict.
    const figs = await page.$$eval('.win .fig', (els) => els.map((e) => ({ n: Number(/\d+/.exec(e.querySelector('.cnt')?.textContent ?? '')?.[0] ?? 0), cls: e.querySelector('.rate')?.className ?? '' })));
    for (const f of figs) expect(f.cls.includes('few'), JSON.stringify(f)).toBe(f.n > 0 && f.n < 10);
    expect(await page.$$eval('.win', (w) => w.length)).toBe(5);
    expect(page.url()).not.toContain('token='); // the token leaves the address bar
    const text = (await page.textContent('body')) ?? '';
    expect(text).toContain('今日满意率');
    for (const name of ['王丽', '陈建国', '李娜', '张伟', '刘洋']) expect(text).not.toContain(name);
    expect(text).not.toMatch(/1[3-9]\d\*{4}\d{4}|1[3-9]\d{9}/);
    await saveShot(page, join(shots, 'display-1920.png'));
    const fits = await page.evaluate(() => document.documentElement.scrollHeight <= innerHeight && document.documentElement.scrollWidth <= innerWidth);
    expect(fits).toBe(true);
    await page.reload(); // the token is remembered by this screen
    await page.waitForSelector('.win');
    await ctx.close();
  });
});
