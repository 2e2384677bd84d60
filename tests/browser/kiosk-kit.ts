/** Shared steps of the kiosk browser suite: open a kiosk, read the export as records, long-press, axe. */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createRequire } from 'node:module';
import { adminCookie } from './harness';

/** Opens /kiosk/<windowId> in a fresh context (fresh IndexedDB) at tablet size, optionally with a fake clock. */
export async function openKiosk(browser: Browser, url: string, opts: { windowId?: string; clock?: boolean; viewport?: { width: number; height: number } } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: opts.viewport ?? { width: 1280, height: 800 }, serviceWorkers: 'block', bypassCSP: true });
  const page = await context.newPage();
  if (opts.clock) await page.clock.install();
  await page.goto(`${url}/kiosk/${opts.windowId ?? 'w01'}`);
  await page.getByRole('button', { name: /非常满意|Very satisfied/ }).waitFor();
  return { context, page };
}

/** Minimal RFC 4180 reader: quoted fields, doubled quotes, CRLF rows. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') quoted = false; else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(cell); cell = ''; }
    else if (ch === '\n') { row.push(cell.replace(/\r$/, '')); rows.push(row); row = []; cell = ''; }
    else cell += ch;
  }
  if (cell !== '' || row.length > 0) { row.push(cell); rows.push(row); }
  return rows;
}

/** The responses export as objects keyed by column name (suspect ones included when asked). */
export async function exportedResponses(url: string, opts: { suspect?: boolean } = {}): Promise<Record<string, string>[]> {
  const cookie = await adminCookie(url);
  const res = await fetch(`${url}/api/v1/export/responses.csv${opts.suspect ? '?suspect=1' : ''}`, { headers: { cookie } });
  if (!res.ok) throw new Error(`export failed: ${res.status} ${await res.text()}`);
  const [head, ...rows] = parseCsv((await res.text()).replace(/^\uFEFF/, ''));
  return rows.filter((r) => r.length > 1).map((r) => Object.fromEntries(head!.map((h, i) => [h, r[i] ?? ''])));
}

/** Holds the pointer on the window number long enough to open the staff corner. */
/** What the kiosk page's own IndexedDB holds in one store: every row, or just how many. */
export async function inPageStore<T = unknown>(page: Page, store: 'responses' | 'suggestions', read: 'getAll'): Promise<T[]>;
export async function inPageStore(page: Page, store: 'responses' | 'suggestions', read: 'count'): Promise<number>;
export async function inPageStore(page: Page, store: 'responses' | 'suggestions', read: 'getAll' | 'count'): Promise<unknown> {
  return page.evaluate(async ([name, how]) => {
    const req = indexedDB.open('window-feedback');
    const db = await new Promise<IDBDatabase>((ok) => { req.onsuccess = () => ok(req.result); });
    return new Promise<unknown>((ok) => { const r = db.transaction(name).objectStore(name)[how](); r.onsuccess = () => ok(r.result); });
  }, [store, read] as const);
}

export async function longPressWindowNumber(page: Page, ms = 2200): Promise<void> {
  const box = await page.locator('[data-long-press]').boundingBox();
  if (!box) throw new Error('no long-press spot');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.waitForTimeout(ms);
  await page.mouse.up();
}

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** axe-core violations on the current screen (WCAG 2 A/AA rules), as readable lines. */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axePath });
  const out = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return r.violations.map((v) => `${v.id}: ${v.help} @ ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
  });
  return out;
}

/** The buttons a walk through the citizen screens presses, in each language. */
export interface WalkLabels { face: string; bad: string; reason: string; next: string; skip: string; done: string; box: RegExp; cancel: string }
export const ZH: WalkLabels = { face: '非常满意', bad: '不满意', reason: '业务不熟练', next: '下一步', skip: '跳过', done: '完成', box: /意见箱/, cancel: '取消' };
export const EN: WalkLabels = { face: 'Very satisfied', bad: 'Dissatisfied', reason: 'Not competent', next: 'Next', skip: 'Skip', done: 'Done', box: /Suggestion box/, cancel: 'Cancel' };

/**
 * Walks every citizen screen (idle, reasons, comment, thanks, suggestion box), passing each to `each`;
 * `atIdle` runs at the idle screen before the survey and again before the suggestion box.
 */
export async function walkCitizenScreens(page: Page, t: WalkLabels, each: (name: string) => Promise<void>, atIdle: () => Promise<void> = async () => {}): Promise<void> {
  await atIdle();
  await each('idle');
  await page.getByRole('button', { name: t.bad, exact: true }).click();
  await page.getByRole('button', { name: t.reason }).click();
  await each('reasons');
  await page.getByRole('button', { name: t.next }).click();
  await page.locator('#phone').waitFor();
  await each('comment');
  await page.getByRole('button', { name: t.skip }).click();
  await page.getByRole('status').waitFor();
  await each('thanks');
  await page.getByRole('button', { name: t.done }).click();
  await atIdle(); // the kiosk went back to the site's language and text size
  await page.getByRole('button', { name: t.box }).click();
  await page.locator('#suggestion-text').waitFor();
  await each('suggestion');
  await page.getByRole('button', { name: t.cancel }).click();
  await page.getByRole('button', { name: ZH.face }).waitFor();
}
