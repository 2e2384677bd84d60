import { describe, it, expect } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { browser, server, useStage } from './stage';
import { openKiosk, exportedResponses, longPressWindowNumber } from './kiosk-kit';

useStage();

async function signIn(page: Page, staffNumber: string, pin: string): Promise<void> {
  await longPressWindowNumber(page);
  await page.getByRole('heading', { name: '工作人员' }).waitFor();
  await page.getByLabel('工号').fill(staffNumber);
  await page.getByLabel('PIN 码').fill(pin);
  await page.getByRole('button', { name: '登录接管窗口' }).click();
}

/** A pairing code an admin makes for `windowId`, as on the admin's kiosk page. */
async function pairingCode(url: string, windowId: string): Promise<string> {
  const login = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'admin-pass' }) });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrf } = (await login.json()) as { csrf: string };
  const made = await fetch(`${url}/api/v1/admin/kiosks/pairing-codes`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' }, body: JSON.stringify({ windowId }) });
  return ((await made.json()) as { code: string }).code;
}

/** A device token from the demo hall's open enrolment, as a kiosk gets it without a pairing code. */
async function openEnrolmentToken(): Promise<string> {
  const r = await fetch(`${server.url}/api/v1/enrol`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ windowId: 'w01' }) });
  return ((await r.json()) as { token: string }).token;
}

async function rateAndFinish(page: Page, face: string): Promise<void> {
  await page.getByRole('button', { name: face, exact: true }).click();
  await page.getByRole('button', { name: '完成' }).click();
  await page.getByRole('button', { name: '非常满意' }).waitFor();
}

/** A kiosk at window 03 that synced once and then had its enrolment revoked by the admin. */
async function revokedKiosk(viewport?: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }> {
  const { context, page } = await openKiosk(browser, server.url, { windowId: 'w03', viewport });
  await rateAndFinish(page, '满意'); // enrolled and heard from
  await revokeNewestAtW03();
  return { context, page };
}

/** The admin revokes the kiosk enrolled last at window 03. */
async function revokeNewestAtW03(): Promise<void> {
  const login = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'admin-pass' }) });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrf } = (await login.json()) as { csrf: string };
  const { kiosks } = (await (await fetch(`${server.url}/api/v1/admin/kiosks`, { headers: { cookie } })).json()) as { kiosks: { id: string; windowId: string; createdAt: number }[] };
  // This tablet is the window's newest kiosk (other tests enrolled tablets at window 03 before it).
  const kiosk = kiosks.filter((k) => k.windowId === 'w03').sort((a, b) => b.createdAt - a.createdAt)[0]!;
  const revoked = await fetch(`${server.url}/api/v1/admin/kiosks/${kiosk.id}/revoke`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' }, body: '{}' });
  expect(revoked.status).toBe(200);
}

describe('window staff at the kiosk', () => {
  it('the public window configuration carries no PIN verifiers', async () => {
    const text = await (await fetch(`${server.url}/api/v1/config/w01`)).text();
    expect(text).not.toMatch(/pinHash|pbkdf2/);
  });

  it('PIN verifiers are given only to an enrolled kiosk', async () => {
    expect((await fetch(`${server.url}/api/v1/staff/verifiers`)).status).toBe(401);
  });

  it('a short tap on the window number does nothing; a wrong PIN is refused', async () => {
    const { context, page } = await openKiosk(browser, server.url);
    await page.locator('[data-long-press]').click();
    expect(await page.getByRole('heading', { name: '工作人员' }).count()).toBe(0);
    const checked = page.waitForResponse((r) => r.url().endsWith('/api/v1/staff/sign-in'));
    await signIn(page, '1004', '000000');
    expect(await (await checked).json()).toEqual({ kind: 'wrong' }); // online, the endpoint checked it
    await page.getByRole('alert').getByText('工号或 PIN 码不正确').waitFor();
    await context.close();
  });

  it('an open-enrolment kiosk does not ask for PIN verifiers (it would be refused), yet staff sign in while it is online', async () => {
    expect((await fetch(`${server.url}/api/v1/staff/verifiers`, { headers: { authorization: `Bearer ${await openEnrolmentToken()}` } })).status).toBe(403);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
    const page = await context.newPage();
    const asked: string[] = [];
    page.on('request', (r) => { if (r.url().endsWith('/api/v1/staff/verifiers')) asked.push(r.url()); });
    await page.goto(`${server.url}/kiosk/w01`);
    await signIn(page, '1001', '246001');
    await page.locator('[data-fact="staff"]').getByText('王丽').waitFor();
    expect(asked).toEqual([]);
    await context.close();
  });

  it('a staff sign-in changes the staff id carried by the next rating, and a sign-out clears it', async () => {
    const { context, page } = await openKiosk(browser, server.url, { windowId: 'w02', clock: true });
    await rateAndFinish(page, '非常满意');

    await signIn(page, '1004', '246004');
    await page.locator('[data-fact="staff"]').getByText('张伟').waitFor();
    await page.clock.fastForward(3_100); // not within the misuse window after the last thank-you
    await page.getByRole('button', { name: '返回评价界面' }).click();
    await page.locator('.staff-card').getByText('张伟').waitFor();
    await rateAndFinish(page, '满意');

    await signIn(page, '1005', '246005');
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.locator('[data-fact="staff"]').getByText('无人登录').waitFor();
    await page.getByRole('button', { name: '返回评价界面' }).click();
    expect(await page.locator('.staff-card').count()).toBe(0);
    await page.clock.fastForward(3_100);
    await rateAndFinish(page, '基本满意');

    await expect.poll(async () => (await exportedResponses(server.url, { suspect: true })).filter((r) => r.window_id === 'w02').length, { timeout: 15_000 }).toBe(3);
    const rows = (await exportedResponses(server.url, { suspect: true })).filter((r) => r.window_id === 'w02');
    const byScore = Object.fromEntries(rows.map((r) => [r.score, r.staff_id]));
    expect(byScore).toEqual({ '5': 's1002', '4': 's1004', '3': '' });
    await context.close();
  }, 60_000);

  it('staff can sign in while a paired kiosk is offline, with the PIN checked on the kiosk itself', async () => {
    // As on a real kiosk, the service worker holds the app (the staff corner included) once it has been online.
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'allow' });
    const page = await context.newPage();
    // Only a kiosk paired with an admin's code is given the verifiers that check PINs offline.
    const code = await pairingCode(server.url, 'w04');
    await page.goto(`${server.url}/kiosk`);
    await page.getByLabel(/配对码/).fill(code);
    const verifiersFetched = page.waitForResponse((r) => r.url().endsWith('/api/v1/staff/verifiers') && r.ok());
    await page.getByRole('button', { name: /^配对/ }).click();
    await page.waitForURL(`${server.url}/kiosk/w04`);
    await verifiersFetched;
    await page.getByRole('button', { name: '非常满意' }).waitFor();
    await page.evaluate(async () => { await navigator.serviceWorker.ready; });
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 15_000 });
    await context.setOffline(true);
    await signIn(page, '1002', '246002');
    await page.locator('[data-fact="staff"]').getByText('陈建国').waitFor();
    await context.close();
  });

  it('the staff corner shows pending and refused counts and today\'s figures from the kiosk itself', async () => {
    const { context, page } = await openKiosk(browser, server.url, { windowId: 'w03' });
    await rateAndFinish(page, '满意');
    await signIn(page, '1003', '246003');
    await page.locator('[data-fact="today"]').getByText(/评价数 1/).waitFor();
    await page.locator('[data-fact="dead"]').getByText('0').waitFor();
    await page.getByRole('button', { name: '立即同步' }).click();
    await page.locator('[data-fact="pending"]').getByText('0').waitFor();
    await context.close();
  });

  it('the staff corner says in its language why each record was refused, with the field at fault; a letter kept before codes were keeps the endpoint\'s words', async () => {
    const { context, page } = await openKiosk(browser, server.url, { windowId: 'w03' });
    await page.evaluate(async () => {
      const req = indexedDB.open('window-feedback');
      const db = await new Promise<IDBDatabase>((ok) => { req.onsuccess = () => ok(req.result); });
      const tx = db.transaction('deadLetters', 'readwrite');
      const record = (id: string) => ({ type: 'response', id, rev: 0, seq: 1, windowId: 'w03', staffId: null, score: 1, scale: 5, reasons: ['queue_machine'], deviceTime: new Date().toISOString(), channel: 'kiosk' });
      tx.objectStore('deadLetters').put({ id: '019ae000-0000-7000-8000-000000000001', type: 'response', reason: 'unknown reason "queue_machine"', field: 'reasons.0', code: 'unknown_reason', at: Date.now(), record: record('019ae000-0000-7000-8000-000000000001') });
      tx.objectStore('deadLetters').put({ id: '019ae000-0000-7000-8000-000000000002', type: 'response', reason: 'window "w09" is not this kiosk\'s window', at: Date.now() - 1000, record: record('019ae000-0000-7000-8000-000000000002') });
      await new Promise((ok) => { tx.oncomplete = ok; });
    });
    await signIn(page, '1003', '246003');
    await page.getByRole('heading', { name: '被拒记录明细' }).waitFor();
    const items = page.locator('.dead-letters li');
    await expect.poll(() => items.allTextContents()).toEqual([
      '019ae000-0000 评价 · 差评原因不在本厅配置中（第 1 个原因）',
      '019ae000-0000 评价 · window "w09" is not this kiosk\'s window',
    ]);
    expect(await items.first().getAttribute('title')).toBe('unknown reason "queue_machine"'); // the endpoint's words, for the administrator
    await context.close();
  });

  it('a rating made right after the previous thank-you is stored but flagged suspect', async () => {
    const { context, page } = await openKiosk(browser, server.url, { windowId: 'w05' });
    await rateAndFinish(page, '满意');
    await rateAndFinish(page, '非常满意');
    await expect.poll(async () => (await exportedResponses(server.url, { suspect: true })).filter((r) => r.window_id === 'w05').length, { timeout: 15_000 }).toBe(2);
    const rows = (await exportedResponses(server.url, { suspect: true })).filter((r) => r.window_id === 'w05');
    expect(Object.fromEntries(rows.map((r) => [r.score, r.suspect]))).toEqual({ '4': 'false', '5': 'true' });
    expect((await exportedResponses(server.url)).filter((r) => r.window_id === 'w05').map((r) => r.score)).toEqual(['4']);
    await context.close();
  });

  it('on a kiosk an admin revoked, staff signing in are told the kiosk must be paired again, with the way to do it, not that the network is down', async () => {
    const { context, page } = await revokedKiosk();
    await signIn(page, '1003', '246003');
    await page.getByRole('alert').getByText('本机已解除配对，请向管理员要一个配对码，重新配对。评价仍保存在本机，配对后自动上传。').waitFor();
    expect(await page.getByRole('link', { name: '重新配对' }).getAttribute('href')).toBe('/kiosk?pair&window=w03&lang=zh-CN');
    await context.close();
  }, 60_000);

  it('staff signed in when the admin revoked the kiosk are told in the staff corner that it is unpaired, with 重新配对 among its buttons', async () => {
    const { context, page } = await openKiosk(browser, server.url, { windowId: 'w03' });
    await rateAndFinish(page, '满意'); // enrolled and heard from
    await signIn(page, '1003', '246003');
    await page.getByRole('button', { name: '返回评价界面' }).click();
    await page.route('**/api/v1/sync', (r) => r.abort()); // the next rating waits on the kiosk
    await rateAndFinish(page, '满意');
    await signIn(page, '1003', '246003');
    await page.locator('[data-fact="pending"]').getByText('1').waitFor();
    await revokeNewestAtW03();
    await page.unroute('**/api/v1/sync');
    await page.getByRole('button', { name: '立即同步' }).click();
    await page.getByRole('alert').getByText('本机已解除配对，请向管理员要一个配对码，重新配对。评价仍保存在本机，配对后自动上传。').waitFor();
    const pair = page.locator('.staff-corner .actions').getByRole('link', { name: '重新配对' });
    expect(await pair.getAttribute('href')).toBe('/kiosk?pair&window=w03&lang=zh-CN');
    expect((await pair.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await context.close();
  }, 60_000);

  it('on a revoked kiosk in English, the staff dialog says the kiosk is unpaired and its way to pairing is a button as large as Cancel, on a tablet either way round', async () => {
    for (const viewport of [{ width: 1280, height: 800 }, { width: 800, height: 1280 }]) {
      const { context, page } = await revokedKiosk(viewport);
      await page.getByRole('button', { name: 'Switch to English' }).click();
      await page.getByRole('button', { name: 'Very satisfied' }).waitFor();
      await longPressWindowNumber(page);
      await page.getByLabel('Staff No.').fill('1003');
      await page.getByLabel('PIN').fill('246003');
      await page.getByRole('button', { name: 'Sign in and take the window' }).click();
      await page.getByRole('alert').getByText(/^This kiosk is no longer paired: ask the administrator for a pairing code/).waitFor();
      const pair = page.getByRole('link', { name: 'Pair again' });
      expect(await pair.getAttribute('href')).toBe('/kiosk?pair&window=w03&lang=en');
      // No sign-in is offered that cannot work until the kiosk is paired again.
      expect(await page.getByRole('button', { name: 'Sign in and take the window' }).count()).toBe(0);
      const [link, cancel] = [await pair.boundingBox(), await page.getByRole('button', { name: 'Cancel' }).boundingBox()];
      expect(link!.height).toBeGreaterThanOrEqual(cancel!.height);
      expect(link!.height).toBeGreaterThanOrEqual(44);
      expect(Math.abs(link!.width - cancel!.width)).toBeLessThan(2);
      // The pairing page it opens speaks the kiosk's language, not the staff screens' default.
      await pair.click();
      await page.getByRole('heading', { name: 'Pair this kiosk' }).waitFor();
      await context.close();
    }
  }, 90_000);
});
