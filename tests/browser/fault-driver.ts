/** Drives a kiosk page for the reliability suites: real taps, the kiosk's own recorder, and reads of its IndexedDB. */
import type { BrowserContext, Page } from 'playwright-core';
import { join } from 'node:path';

/** Short timeouts and backoff so a fault row settles in seconds (stored on the device like an installation's tuning). */
export const FAST_POLICY = { timeoutMs: 1_500, backoffBaseMs: 150, backoffCapMs: 800 };

/** Opens the kiosk of a window and waits for the faces; optionally waits for the service worker to control the page. */
export async function openKiosk(context: BrowserContext, base: string, opts: { windowId?: string; controlled?: boolean } = {}): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${base}/kiosk/${opts.windowId ?? 'w01'}`);
  await page.getByRole('button', { name: /非常满意/ }).waitFor({ timeout: 20_000 });
  if (opts.controlled) {
    await page.evaluate(async () => { await navigator.serviceWorker.ready; });
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 20_000 });
  }
  return page;
}

/** Runs `fn` against the kiosk's IndexedDB in the page (the database the page itself opened). */
async function inDb<T>(page: Page, fn: string, arg: unknown): Promise<T> {
  return page.evaluate(async ([body, a]) => {
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const r = indexedDB.open('window-feedback');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    try {
      const f = new Function('db', 'arg', `return (async () => { ${body} })()`) as (db: IDBDatabase, arg: unknown) => Promise<unknown>;
      return (await f(db, a)) as never;
    } finally {
      db.close();
    }
  }, [fn, arg] as const) as Promise<T>;
}

const REQ = 'const req = (r) => new Promise((ok, fail) => { r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });';

export function setPolicy(page: Page, policy: Record<string, number> = FAST_POLICY): Promise<void> {
  return inDb(page, `${REQ} await req(db.transaction('meta', 'readwrite').objectStore('meta').put(arg, 'syncPolicy'));`, policy);
}

let bundled: Promise<string> | null = null;

/** The kiosk's recorder and database module, built from the product's source by the product's own build tool (vite). */
function saveBundle(): Promise<string> {
  bundled ??= (async () => {
    const { build } = await import('vite');
    const out = await build({
      configFile: false, logLevel: 'silent', root: join(import.meta.dirname, '../..'),
      build: { write: false, minify: false, lib: { entry: join(import.meta.dirname, 'kiosk-save-entry.ts'), formats: ['iife'], name: '__kioskSave' } },
    });
    const chunk = (Array.isArray(out) ? out[0]! : out as { output: unknown[] }).output.find((o) => (o as { type: string }).type === 'chunk') as { code: string } | undefined;
    if (!chunk) throw new Error('the save path did not build');
    return chunk.code;
  })();
  return bundled;
}

/**
 * Makes `count` ratings through the kiosk's own recorder (the function a tap on a face calls), in the page, on the
 * page's own database, with the window's real configuration; then nudges the page's sync loop. Returns the new ids.
 * For volumes that taps cannot reach in a test's time (thousands of ratings).
 */
export async function rateInPage(page: Page, count: number, opts: { windowId?: string } = {}): Promise<string[]> {
  if (!(await page.evaluate(() => '__kioskSave' in globalThis))) await page.addScriptTag({ content: await saveBundle() });
  const ids = await page.evaluate(async ({ count, windowId }) => {
    type Saved = { kind: string };
    const k = (globalThis as unknown as { __kioskSave: {
      openKioskDb(): Promise<{ close(): void; getAll(store: string): Promise<Array<{ id: string }>>; get(store: string, key: string): Promise<unknown> }>;
      createRecorder(deps: unknown): { rate(score: number, staffId: string | null): Promise<Saved>; thanked(): void; endSurvey(): void };
    } }).__kioskSave;
    const db = await k.openKioskDb();
    // The configuration the kiosk itself keeps (it works offline), as its own recorder gets it.
    const config = ((await db.get('meta', `config:${windowId}`)) as { value: { site: unknown } } | undefined)?.value;
    if (!config) throw new Error(`the kiosk holds no configuration for ${windowId}`);
    const before = new Set((await db.getAll('responses')).map((r) => r.id));
    const recorder = k.createRecorder({ db, site: config.site, channel: { kind: 'kiosk', windowId, recentRatings: [] }, now: Date.now, afterSave: () => {} });
    for (let i = 0; i < count; i++) {
      const r = await recorder.rate((i % 5) + 1, null);
      if (r.kind !== 'saved') throw new Error(`rating ${i} was not saved: ${r.kind}`);
      recorder.thanked();
      recorder.endSurvey();
    }
    const made = (await db.getAll('responses')).map((r) => r.id).filter((id) => !before.has(id));
    db.close();
    return made;
  }, { count, windowId: opts.windowId ?? 'w01' });
  await page.evaluate(() => { dispatchEvent(new Event('online')); });
  return ids;
}

const GOOD_FACES = ['非常满意', '满意', '基本满意'];

/** One citizen: taps a face, waits for the thank-you, then taps "完成" and waits for the idle screen. */
async function tapOne(page: Page, label: string): Promise<void> {
  await page.getByRole('button', { name: new RegExp(`^${label}`) }).click();
  await page.getByRole('heading', { name: /感谢/ }).waitFor({ timeout: 10_000 });
  await page.getByRole('button', { name: '完成', exact: true }).click();
  await page.getByRole('button', { name: /^非常满意/ }).waitFor({ timeout: 20_000 });
}

/**
 * Makes `count` ratings the way citizens do, through the kiosk's own screens and save path.
 * With `badAt`, that citizen rates 非常不满意 and picks the reason labelled `reason`, then skips the comment.
 */
export async function tapRatings(page: Page, count: number, opts: { badAt?: number; reason?: string } = {}): Promise<void> {
  for (let i = 0; i < count; i++) {
    if (i === opts.badAt && opts.reason) {
      await page.getByRole('button', { name: /^非常不满意/ }).click();
      await page.getByRole('button', { name: opts.reason, exact: true }).click();
      await page.getByRole('button', { name: '下一步', exact: true }).click();
      await page.getByRole('button', { name: '跳过', exact: true }).click();
      await page.getByRole('heading', { name: /感谢/ }).waitFor({ timeout: 10_000 });
      await page.getByRole('button', { name: '完成', exact: true }).click();
      await page.getByRole('button', { name: /^非常满意/ }).waitFor({ timeout: 20_000 });
      continue;
    }
    await tapOne(page, GOOD_FACES[i % GOOD_FACES.length]!);
  }
}

export interface DeviceState { ids: string[]; pending: number; deadLetters: number; kioskId: string | null }

export function deviceState(page: Page): Promise<DeviceState> {
  return inDb<DeviceState>(page, `${REQ}
    const tx = db.transaction(['responses', 'outbox', 'deadLetters', 'meta'], 'readonly');
    const ids = await req(tx.objectStore('responses').getAllKeys());
    const pending = await req(tx.objectStore('outbox').count());
    const deadLetters = await req(tx.objectStore('deadLetters').count());
    const enrolment = await req(tx.objectStore('meta').get('enrolment:w01'));
    return { ids, pending, deadLetters, kioskId: enrolment ? enrolment.deviceId : null };`, null);
}

/** Waits until the page's outbox is empty (every record answered: stored, duplicate or dead letter). */
export async function waitDrained(page: Page, timeoutMs = 45_000): Promise<DeviceState> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = await deviceState(page);
    if (s.pending === 0) return s;
    if (Date.now() > deadline) throw new Error(`outbox still holds ${s.pending} records after ${timeoutMs} ms`);
    await page.evaluate(() => { dispatchEvent(new Event('online')); });
    await page.waitForTimeout(250);
  }
}
