/** Issue 17 goal 5: a kiosk page that takes thousands of ratings keeps its memory flat and throws nothing. */
import { describe, it, expect } from 'vitest';
import { browser, server, useStage } from './stage';
import { openKiosk } from './kiosk-kit';

const RATINGS = Number(process.env.KIOSK_MEMORY_RATINGS ?? 2000);
const WARM_UP = 500; // until the JIT's optimised code and the browser's bounded timing buffers have settled

useStage();

/** Taps "very satisfied", waits for the thank-you, presses "done", `n` times, inside the page (real clicks on the product's buttons). */
const RATE_N = `(async (n) => {
  const until = async (pred) => { while (!pred()) await new Promise((r) => setTimeout(r, 1)); };
  for (let i = 0; i < n; i++) {
    await until(() => document.querySelector('button.face-5') !== null);
    document.querySelector('button.face-5').click();
    await until(() => document.querySelector('[role="status"] button.primary') !== null);
    document.querySelector('[role="status"] button.primary').click();
  }
})`;

describe('one kiosk page over a long day', () => {
  it(`after ${RATINGS} ratings the page's JS objects after a forced GC have grown by less than 200 KB, with no uncaught error`, async () => {
    const { context, page } = await openKiosk(browser, server.url, { windowId: 'w05' });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    const cdp = await context.newCDPSession(page);
    /**
     * The page's JS objects after a forced GC: the heap snapshot without V8's compiled code, which tiers up and
     * is flushed by itself (±130 KB between readings 250 ratings apart) whatever the page keeps.
     */
    const heapAfterGc = async (): Promise<{ objects: number; used: number }> => {
      await page.evaluate(() => new Promise((r) => setTimeout(r, 50))); // let the last sync settle
      for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
      const used = (await cdp.send('Runtime.getHeapUsage')).usedSize;
      let json = '';
      const take = (e: { chunk: string }): void => { json += e.chunk; };
      cdp.on('HeapProfiler.addHeapSnapshotChunk', take);
      await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
      cdp.off('HeapProfiler.addHeapSnapshotChunk', take);
      const snap = JSON.parse(json) as { snapshot: { meta: { node_fields: string[]; node_types: [string[]] } }; nodes: number[] };
      const fields = snap.snapshot.meta.node_fields;
      const [typeAt, sizeAt] = [fields.indexOf('type'), fields.indexOf('self_size')];
      const types = snap.snapshot.meta.node_types[0];
      let objects = 0;
      for (let i = 0; i < snap.nodes.length; i += fields.length) {
        const type = types[snap.nodes[i + typeAt]!];
        if (type !== 'code' && type !== 'native' && type !== 'synthetic') objects += snap.nodes[i + sizeAt]!;
      }
      return { objects, used };
    };
    await page.locator('figure.presence-qr').waitFor();
    await page.evaluate(`${RATE_N}(${WARM_UP})`); // caches, compiled code and the first sync's state settle
    const before = await heapAfterGc();
    await page.evaluate(`${RATE_N}(${RATINGS})`);
    await page.getByRole('button', { name: '非常满意' }).waitFor();
    const after = await heapAfterGc();
    const sign = (n: number): string => `${n >= 0 ? '+' : ''}${n}`;
    console.log(`after ${RATINGS} ratings, after GC: JS objects ${before.objects} → ${after.objects} bytes (${sign(after.objects - before.objects)}); V8 heap used incl. compiled code ${before.used} → ${after.used} (${sign(after.used - before.used)})`);
    expect(after.objects - before.objects).toBeLessThan(200 * 1024);
    expect(errors).toEqual([]);
    expect(await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((ok) => { const r = indexedDB.open('window-feedback'); r.onsuccess = () => ok(r.result); });
      const n = await new Promise<number>((ok) => { const q = db.transaction('responses').objectStore('responses').count(); q.onsuccess = () => ok(q.result); });
      db.close();
      return n;
    })).toBe(WARM_UP + RATINGS);
    await context.close();
  }, 600_000);
});
