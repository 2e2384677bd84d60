/**
 * A case QR code (一事一评) opened on a second phone, in real Chromium against the real endpoint: online, the
 * refusal comes before the form; a refusal that only arrived after the thank-you is shown on the next visit.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, startServer, type RunningServer } from './harness';
import { exportedResponses } from './kiosk-kit';
import { openPhone } from './qr-kit';

let browser: Browser;
let server: RunningServer;
let queueKey: string;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  // The hall's queue system prints case codes with its own integration key, as in a real hall.
  const login = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'admin-pass' }) });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrf } = (await login.json()) as { csrf: string };
  const made = await fetch(`${server.url}/api/v1/admin/integration-keys`, {
    method: 'POST', headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' }, body: JSON.stringify({ siteId: 'demo', label: '叫号机' }),
  });
  queueKey = ((await made.json()) as { key: string }).key;
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The survey URL on a receipt the queue system printed for `caseNo` at window `windowId`. */
async function receiptUrl(windowId: string, caseNo: string): Promise<string> {
  const res = await fetch(`${server.url}/api/v1/qr/case`, {
    method: 'POST', headers: { authorization: `Bearer ${queueKey}`, 'content-type': 'application/json' }, body: JSON.stringify({ windowId, caseNo }),
  });
  if (!res.ok) throw new Error(`case code: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { url: string }).url;
}

/** Taps a face and finishes; resolves with the phone's sync answer for that rating. */
async function rateVerySatisfied(page: Page): Promise<Array<{ status: string; reason?: string }>> {
  const synced = page.waitForResponse((r) => r.url().endsWith('/api/v1/q/sync') && r.request().method() === 'POST');
  await page.getByRole('button', { name: '非常满意' }).click();
  await page.getByRole('heading', { name: '感谢您的评价！' }).waitFor();
  return ((await (await synced).json()) as { results: Array<{ status: string; reason?: string }> }).results;
}

/**
 * Two phones open a new case code while the case is still open (both are shown the form), and the one opened second
 * rates it first; `late` still shows its form.
 */
async function ratedWhileOpenElsewhere(windowId: string, caseNo: string) {
  const url = await receiptUrl(windowId, caseNo);
  const late = await openPhone(browser, url);
  await late.page.getByRole('button', { name: '非常满意' }).waitFor();
  const early = await openPhone(browser, url);
  expect((await rateVerySatisfied(early.page)).map((r) => r.status)).toEqual(['stored']);
  return { url, late, early };
}

describe('a case code on a second phone', () => {
  it('online, the second phone is told the case was already rated before any form is shown', async () => {
    const url = await receiptUrl('w02', 'SB-20261204-0101');
    const first = await openPhone(browser, url);
    expect((await rateVerySatisfied(first.page)).map((r) => r.status)).toEqual(['stored']);

    const second = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, serviceWorkers: 'block' });
    const page = await second.newPage();
    const asked = page.waitForResponse((r) => r.url().includes('/api/v1/q/case-status'));
    await page.goto(url);
    expect(await (await asked).json()).toEqual({ state: 'rated' });
    await page.getByRole('heading', { name: '本次办件已有评价，每件事只能评价一次。如有疑问，请联系窗口工作人员。' }).waitFor();
    expect(await page.getByRole('button', { name: '非常满意' }).count()).toBe(0); // no form to fill for nothing
    expect((await exportedResponses(server.url, { suspect: true })).filter((r) => r.case_no === 'SB-20261204-0101')).toHaveLength(1);
    await first.context.close();
    await second.close();
  });

  it('a rating refused after its thank-you (the case was rated first elsewhere) is shown on the phone\'s next visit', async () => {
    const { url, late, early } = await ratedWhileOpenElsewhere('w03', 'SB-20261204-0102');

    // The second rating is thanked (saved on the phone first), then refused by the endpoint.
    expect(await rateVerySatisfied(late.page)).toEqual([expect.objectContaining({ status: 'rejected', reason: 'duplicate_case' })]);

    // Next visit: the refusal is told first, in both languages, and the phone does not claim the rating counted.
    await late.page.goto(url);
    await late.page.getByRole('heading', { name: '您此前提交的一条评价未被接受 · A rating you sent earlier was not accepted' }).waitFor();
    await late.page.getByText('该办件已有评价（一事一评）').waitFor();
    await late.page.getByRole('button', { name: '继续 · Continue' }).click();
    await late.page.getByRole('heading', { name: '本次办件已有评价，每件事只能评价一次。如有疑问，请联系窗口工作人员。' }).waitFor();

    // Told once: the visit after that does not repeat it.
    await late.page.goto(url);
    await late.page.getByRole('alert').waitFor();
    expect(await late.page.getByText('您此前提交的一条评价未被接受').count()).toBe(0);
    expect((await exportedResponses(server.url, { suspect: true })).filter((r) => r.case_no === 'SB-20261204-0102')).toHaveLength(1);
    await early.context.close();
    await late.context.close();
  });

  it('a refusal the phone did not live to keep (it left the page just as the endpoint answered) is still told first on the next visit', async () => {
    const { url, late, early } = await ratedWhileOpenElsewhere('w04', 'SB-20261204-0103');

    // The late phone's rating reaches the endpoint and is refused, but the answer never reaches the page.
    let answered!: (results: unknown) => void;
    const refusal = new Promise((ok) => { answered = ok; });
    await late.page.route('**/api/v1/q/sync', async (route) => {
      answered(((await (await route.fetch()).json()) as { results: unknown }).results);
    });
    await late.page.getByRole('button', { name: '非常满意' }).click();
    await late.page.getByRole('heading', { name: '感谢您的评价！' }).waitFor();
    expect(await refusal).toEqual([expect.objectContaining({ status: 'rejected', reason: 'duplicate_case' })]);
    await late.page.unrouteAll({ behavior: 'ignoreErrors' });

    // The next visit sends it again, hears the refusal, and says so before "you have rated this case".
    await late.page.goto(url);
    await late.page.getByRole('heading', { name: '您此前提交的一条评价未被接受 · A rating you sent earlier was not accepted' }).waitFor();
    await late.page.getByRole('button', { name: '继续 · Continue' }).click();
    await late.page.getByRole('heading', { name: '本次办件已有评价，每件事只能评价一次。如有疑问，请联系窗口工作人员。' }).waitFor();
    expect((await exportedResponses(server.url, { suspect: true })).filter((r) => r.case_no === 'SB-20261204-0103')).toHaveLength(1);
    await early.context.close();
    await late.context.close();
  });
});
