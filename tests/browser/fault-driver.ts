/** Drives a kiosk page for the reliability suites: real taps, seeded saves, and reads of its IndexedDB. */
import type { BrowserContext, Page } from 'playwright-core';

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

/**
 * Saves ratings in the page's database exactly as the kiosk's save path does (record, outbox entry and
 * the next sequence number in one transaction), then nudges the page's sync loop. Returns the new ids.
 */
export async function saveInPage(page: Page, count: number, opts: { invalidAt?: number; windowId?: string } = {}): Promise<string[]> {
  const ids = await inDb<string[]>(page, `${REQ}
    const hex = (n, w) => n.toString(16).padStart(w, '0');
    const rnd = (w) => Array.from(crypto.getRandomValues(new Uint8Array(w)), (b) => hex(b, 2)).join('');
    const ids = [];
    for (let i = 0; i < arg.count; i++) {
      const now = Date.now();
      const t = hex(now, 12);
      const r = rnd(10);
      const id = t.slice(0, 8) + '-' + t.slice(8, 12) + '-7' + r.slice(0, 3) + '-' + '89ab'[parseInt(r[3], 16) % 4] + r.slice(4, 7) + '-' + r.slice(8, 20);
      const tx = db.transaction(['responses', 'outbox', 'meta'], 'readwrite');
      const meta = tx.objectStore('meta');
      const seq = ((await req(meta.get('seq'))) ?? 0) + 1;
      meta.put(seq, 'seq');
      tx.objectStore('responses').put({ type: 'response', id, rev: 0, seq, windowId: arg.windowId, staffId: null, score: (i % 5) + 1, scale: 5,
        reasons: i === arg.invalidAt ? ['no-such-reason'] : [], deviceTime: new Date(now).toISOString(), channel: 'kiosk', suspect: false, followUp: false });
      tx.objectStore('outbox').put({ id, type: 'response', queuedAt: now, attempts: 0, nextAttemptAt: 0 });
      await new Promise((ok, fail) => { tx.oncomplete = ok; tx.onerror = () => fail(tx.error); tx.onabort = () => fail(tx.error); });
      ids.push(id);
    }
    return ids;`, { count, invalidAt: opts.invalidAt ?? -1, windowId: opts.windowId ?? 'w01' });
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
