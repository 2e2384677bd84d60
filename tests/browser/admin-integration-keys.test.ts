/** Real Chromium: an admin gives a queue system an integration key, the system issues a case code with it, the admin revokes it. */
import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import { ROOT, saveShot } from './harness';
import { server, session, signedIn, useStage } from './stage';

useStage({ signIn: true });

const HAN = /\p{Script=Han}/u;

/** What a queue system sends to print a case code for window 01. */
const issueCase = (key: string, caseNo: string) => fetch(`${server.url}/api/v1/qr/case`, {
  method: 'POST',
  headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
  body: JSON.stringify({ windowId: 'w01', caseNo }),
});

const auditActions = async (): Promise<string[]> => {
  const r = await fetch(`${server.url}/api/v1/admin/audit`, { headers: { cookie: session.cookie } });
  expect(r.status).toBe(200);
  return ((await r.json()) as { entries: { action: string }[] }).entries.map((e) => e.action);
};

describe('integration keys in the admin screens', () => {
  it('an admin creates a key that is shown once, a queue system issues a case code with it, and after revoking it the key is refused', async () => {
    const { ctx, page } = await signedIn();
    await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await page.goto(`${server.url}/admin`);
    await page.getByRole('link', { name: '对接密钥', exact: true }).click();
    await page.waitForURL(`${server.url}/admin/integrations`);
    await page.getByText('本大厅尚无对接密钥').waitFor();

    await page.getByLabel('名称').fill('一楼叫号机');
    await page.getByRole('button', { name: '生成密钥' }).click();
    const shown = page.getByTestId('new-integration-key');
    const key = (await shown.textContent())!;
    expect(key).toMatch(/^ik_\S{20,}$/);
    expect(await page.getByRole('region', { name: '新密钥：一楼叫号机' }).textContent()).toContain('仅显示这一次');
    await page.getByRole('button', { name: '复制密钥' }).click();
    await page.getByText('已复制到剪贴板').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
    const row = page.locator('table.integration-keys tbody tr', { hasText: '一楼叫号机' });
    expect(await row.textContent()).toMatch(/admin.*有效/);
    await saveShot(page, join(ROOT, 'docs/screenshots', 'admin-integration-keys.png'));

    const issued = await issueCase(key, 'BJ-2026-000123');
    expect(issued.status).toBe(200);
    const code = (await issued.json()) as { caseNo: string; windowId: string; url: string };
    expect(code).toMatchObject({ caseNo: 'BJ-2026-000123', windowId: 'w01' });
    expect(code.url).toContain('/q/w01?t=');

    // Shown once: after a reload the list names the key, but the key itself is nowhere on the page.
    await page.reload();
    await row.waitFor();
    expect(await page.getByTestId('new-integration-key').count()).toBe(0);
    expect(await page.content()).not.toContain(key);

    page.once('dialog', (d) => {
      expect(d.message()).toContain('一楼叫号机');
      void d.accept();
    });
    await row.getByRole('button', { name: /吊销/ }).click();
    await page.getByRole('status').getByText('“一楼叫号机”已吊销').waitFor();
    expect(await row.textContent()).toContain('已吊销');
    expect(await row.getByRole('button').count()).toBe(0);

    const refused = await issueCase(key, 'BJ-2026-000124');
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: string }).error).toBe('bad_integration_key');
    expect(await auditActions()).toEqual(expect.arrayContaining(['integration_key_created', 'integration_key_revoked']));
    await ctx.close();
  }, 60_000);

  it('a double-clicked 生成密钥 makes one key, the one shown', async () => {
    const { ctx, page } = await signedIn();
    await page.goto(`${server.url}/admin/integrations`);
    await page.getByLabel('名称').fill('三楼叫号机');
    await page.getByRole('button', { name: '生成密钥' }).dblclick();
    await page.getByTestId('new-integration-key').waitFor();
    await page.locator('table.integration-keys tbody tr', { hasText: '三楼叫号机' }).first().waitFor();
    const r = await fetch(`${server.url}/api/v1/admin/integration-keys`, { headers: { cookie: session.cookie } });
    const keys = ((await r.json()) as { keys: Array<{ label: string }> }).keys.filter((k) => k.label === '三楼叫号机');
    expect(keys).toHaveLength(1);
    await ctx.close();
  }, 60_000);

  it('a new key\'s row shows even when the page\'s first list, read before the key was made, answers after it', async () => {
    const { ctx, page } = await signedIn();
    let release!: () => void;
    const held = new Promise<void>((ok) => { release = ok; });
    let first = true;
    await page.route('**/api/v1/admin/integration-keys', async (route) => {
      if (route.request().method() !== 'GET' || !first) return route.continue();
      first = false;
      const stale = await route.fetch(); // read now, before the key exists; answered once the key is shown
      await held;
      await route.fulfill({ response: stale });
    });
    await page.goto(`${server.url}/admin/integrations`);
    await page.getByLabel('名称').fill('四楼叫号机');
    await page.getByRole('button', { name: '生成密钥' }).click();
    await page.getByTestId('new-integration-key').waitFor();
    await page.locator('table.integration-keys tbody tr', { hasText: '四楼叫号机' }).first().waitFor();
    release();
    await page.waitForResponse((r) => r.url().endsWith('/api/v1/admin/integration-keys') && r.request().method() === 'GET' && !first);
    await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)))); // the stale answer handled
    expect(await page.locator('table.integration-keys tbody tr', { hasText: '四楼叫号机' }).count()).toBe(1);
    await ctx.close();
  }, 60_000);

  it('a revoke the admin cancels leaves the key working', async () => {
    const { ctx, page } = await signedIn();
    await page.goto(`${server.url}/admin/integrations`);
    await page.getByLabel('名称').fill('二楼取号机');
    await page.getByRole('button', { name: '生成密钥' }).click();
    const key = (await page.getByTestId('new-integration-key').textContent())!;
    const row = page.locator('table.integration-keys tbody tr', { hasText: '二楼取号机' });
    await row.waitFor();
    page.once('dialog', (d) => void d.dismiss());
    await row.getByRole('button', { name: /吊销/ }).click();
    expect(await row.textContent()).toContain('有效');
    expect((await issueCase(key, 'BJ-2026-000200')).status).toBe(200);
    await ctx.close();
  }, 60_000);

  it('the integration keys screen reads in English', async () => {
    const { ctx, page } = await signedIn();
    await page.goto(`${server.url}/admin/integrations`);
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { name: 'Integration keys', exact: true }).waitFor();
    await page.getByLabel('Label').fill('queue system');
    await page.getByRole('button', { name: 'Create key' }).click();
    await page.getByText('This key is shown only once', { exact: false }).waitFor();
    const words = await page.$$eval('h2, h3, nav a, label, button:not(.lang-toggle), thead th, .muted, .warn, .pill', (els) =>
      els.map((e) => { const c = e.cloneNode(true) as HTMLElement; c.querySelectorAll('option, select').forEach((o) => o.remove()); return c.textContent ?? ''; }).join('\n'));
    expect(words).not.toMatch(HAN);
    await ctx.close();
  }, 60_000);
});
