/**
 * Real Chromium: the admin's fleet page says why a kiosk's records were refused (from its heartbeat, in the admin's
 * language) and warns of a kiosk that cannot save ratings.
 */
import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import { ROOT, saveShot } from './harness';
import { server, session, signedIn, useStage } from './stage';

useStage({ signIn: true });

const ANDROID_UA = 'Mozilla/5.0 (Linux; Android 13; SM-X200 Build/TP1A.220624.014) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.230 Safari/537.36';

/** A tablet enrolled at window `windowId` (the demo hall's open enrolment) that reports `heartbeat` as this version's kiosk does. */
async function tabletReports(windowId: string, heartbeat: Record<string, unknown>): Promise<void> {
  const enrolled = await fetch(`${server.url}/api/v1/enrol`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ windowId }) });
  const { token } = (await enrolled.json()) as { token: string };
  const res = await fetch(`${server.url}/api/v1/heartbeat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'user-agent': ANDROID_UA },
    body: JSON.stringify({ appVersion: '1.0.0', pending: 0, lastSyncAt: Date.now(), storageUsage: 52_000_000, storageQuota: 60_000_000, clockOffsetMs: 200, ...heartbeat }),
  });
  expect(res.status).toBe(200);
}

describe('the fleet page', () => {
  it('an admin sees why a kiosk\'s records were refused, in Chinese and in English, and that a kiosk cannot save ratings', async () => {
    await tabletReports('w03', {
      deadLetters: 3,
      lastSaveError: 'QuotaExceededError: The quota has been exceeded.',
      deadLetterReasons: [
        { id: 'r1', reason: 'unknown window "w09"', code: 'unknown_window', field: 'windowId' },
        { id: 'r2', reason: 'unknown window "w09"', code: 'unknown_window', field: 'windowId' },
        { id: 'r3', reason: 'unknown reason "queue"', code: 'unknown_reason', field: 'reasons.0' },
      ],
    });
    const { ctx, page } = await signedIn();
    await page.goto(`${server.url}/admin/kiosks`);
    const row = page.locator('table.fleet tbody tr', { hasText: 'SM-X200' });
    await row.getByTestId('save-failed').waitFor();
    expect(await row.getByTestId('save-failed').textContent()).toBe('无法保存评价');
    expect(await row.getByTestId('save-failed').getAttribute('title')).toContain('QuotaExceededError');
    await row.getByText('被拒原因').click();
    const why = row.locator('details.refusals li');
    expect(await why.allTextContents()).toEqual(['窗口不存在（配置已变更）（窗口） × 2', '差评原因不在本厅配置中（第 1 个原因） × 1']);
    await saveShot(page, join(ROOT, 'docs/screenshots/admin-fleet-refusals.png'));

    await page.getByRole('button', { name: 'Switch to English' }).click();
    await row.getByTestId('save-failed').getByText('Cannot save ratings').waitFor();
    expect(await why.first().textContent()).toBe('Unknown window (the configuration changed) (window) × 2');
    await saveShot(page, join(ROOT, 'docs/screenshots/admin-fleet-refusals-en.png'));
    await ctx.close();
  });

  it('a kiosk moves to another window only once the admin confirms; dismissed, it stays and the list shows its window again', async () => {
    await tabletReports('w05', { deadLetters: 0 });
    const { ctx, page } = await signedIn();
    await page.goto(`${server.url}/admin/kiosks`);
    const list = page.getByLabel(/^移至窗口（05 /);
    await list.waitFor();
    page.once('dialog', (d) => { expect(d.message()).toContain('移至 04 号窗口'); void d.dismiss(); });
    await list.selectOption('w04');
    expect(await list.inputValue()).toBe('w05');
    page.once('dialog', (d) => void d.accept());
    await list.selectOption('w04');
    await expect.poll(async () => {
      const r = await fetch(`${server.url}/api/v1/admin/kiosks`, { headers: { cookie: session.cookie } });
      return ((await r.json()) as { kiosks: { windowId: string }[] }).kiosks.map((k) => k.windowId).sort();
    }).toContain('w04');
    await ctx.close();
  });
  it('when the fleet or the audit log cannot be loaded the page says so, and the message goes once a later request succeeds', async () => {
    await tabletReports('w02', { deadLetters: 0 });
    const { ctx, page } = await signedIn();
    let failNext = true;
    // The endpoint answers 500 once for each list, as during a restart.
    await page.route(/\/api\/v1\/admin\/(kiosks|audit)\?|\/api\/v1\/admin\/kiosks$/, async (route) => {
      if (!failNext) return route.continue();
      failNext = false;
      await route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ error: 'internal', message: 'internal error' }) });
    });
    await page.goto(`${server.url}/admin/kiosks`);
    const alert = page.locator('main').getByRole('alert');
    await alert.waitFor();
    await page.getByRole('button', { name: /刷新/ }).click();
    await page.locator('table.fleet tbody tr', { hasText: 'SM-X200' }).first().waitFor();
    await alert.waitFor({ state: 'detached' });

    failNext = true;
    await page.getByRole('link', { name: '审计', exact: true }).click();
    await alert.waitFor();
    await page.getByLabel('操作').selectOption({ index: 1 }); // another filter: a new request, which succeeds
    await alert.waitFor({ state: 'detached' });
    await ctx.close();
  });
});
