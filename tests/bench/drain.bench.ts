/**
 * Drain: N responses queued offline in one kiosk (IndexedDB in real Chromium), then drained online by the
 * kiosk's own sync engine to the real endpoint. Baseline in the same run: the same number of records
 * POSTed from Node in the same batch size to a fresh endpoint, with no browser and no IndexedDB.
 * Figures: total seconds, records/s, the endpoint's peak RSS (VmHWM), and the ratio drain / baseline.
 */
import { readFileSync } from 'node:fs';
import { launchBrowser, startServer, type RunningServer } from '../browser/harness';
import { uuidv7 } from '../../src/shared/ids';
import { MAX_BATCH } from '../../src/shared/wire-limits';
import { reportGoal } from './goal';

const N = Number(process.env.BENCH_DRAIN_N ?? 100_000);
const CHUNK = 5_000;
// The endpoint's ingest slows as a window's ratings grow (the alert hook's per-row query): a baseline that takes
// longer than this is stopped with that said, rather than left running for hours.
const BASELINE_LIMIT_MS = Number(process.env.BENCH_DRAIN_BASELINE_MINUTES ?? 20) * 60_000;

function peakRssMiB(server: RunningServer): number {
  const status = readFileSync(`/proc/${server.proc.pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

async function baseline(): Promise<{ seconds: number; rss: number }> {
  const server = await startServer();
  try {
    const { token } = (await (await fetch(`${server.url}/api/v1/enrol`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ windowId: 'w01' }) })).json()) as { token: string };
    const start = Date.now() - 8 * 86_400_000; // the same records as the kiosk's below: one a second over the last days
    const batches: string[] = [];
    for (let b = 0; b < N; b += MAX_BATCH) {
      const records = Array.from({ length: Math.min(MAX_BATCH, N - b) }, (_, k) => ({
        type: 'response', id: uuidv7(start + (b + k) * 1000), rev: 0, seq: b + k + 1, windowId: 'w01', staffId: null, score: ((b + k) % 5) + 1, scale: 5,
        reasons: [], deviceTime: new Date(start + (b + k) * 1000).toISOString(), channel: 'kiosk', suspect: false, followUp: false,
      }));
      batches.push(JSON.stringify(records));
    }
    const t0 = performance.now();
    let stored = 0;
    for (const [i, records] of batches.entries()) {
      if (performance.now() - t0 > BASELINE_LIMIT_MS) {
        throw new Error(`baseline stopped after ${BASELINE_LIMIT_MS / 60_000} min at ${i * MAX_BATCH} of ${N} records: the endpoint's ingest slows as the window's ratings grow`);
      }
      // Each batch says when it was sent, as the kiosk's do (a time fixed in advance would read as a drifting clock).
      const body = `{"sentAt":${Date.now()},"records":${records}}`;
      const res = await fetch(`${server.url}/api/v1/sync`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body });
      stored += ((await res.json()) as { results: { status: string }[] }).results.filter((r) => r.status === 'stored').length;
    }
    const seconds = (performance.now() - t0) / 1000;
    if (stored !== N) throw new Error(`baseline stored ${stored} of ${N}`);
    return { seconds, rss: peakRssMiB(server) };
  } finally {
    await server.stop();
  }
}

async function drain(): Promise<{ seconds: number; rss: number; seedSeconds: number }> {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const ctx = await browser.newContext({ serviceWorkers: 'allow', bypassCSP: true });
    const page = await ctx.newPage();
    await page.goto(`${server.url}/kiosk/w01`);
    await page.getByRole('button', { name: /非常满意/ }).waitFor({ timeout: 20_000 });
    await ctx.setOffline(true);
    const s0 = performance.now();
    for (let done = 0; done < N; done += CHUNK) {
      await page.evaluate(async ([from, n]) => {
        (globalThis as { __name?: unknown }).__name ??= (f: unknown) => f; // tsx names inner functions with a helper the page lacks
        const db = await new Promise<IDBDatabase>((ok, fail) => { const r = indexedDB.open('window-feedback'); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
        const tx = db.transaction(['responses', 'outbox', 'meta'], 'readwrite');
        const hex = (x: number, w: number) => x.toString(16).padStart(w, '0');
        const start = Date.now() - 8 * 86_400_000; // queued over the last days, offline
        for (let i = 0; i < n; i++) {
          const t = start + (from + i) * 1000;
          const r = Array.from(crypto.getRandomValues(new Uint8Array(10)), (b) => hex(b, 2)).join('');
          const th = hex(t, 12);
          const id = `${th.slice(0, 8)}-${th.slice(8, 12)}-7${r.slice(0, 3)}-${'89ab'[parseInt(r[3]!, 16) % 4]}${r.slice(4, 7)}-${r.slice(8, 20)}`;
          tx.objectStore('responses').put({ type: 'response', id, rev: 0, seq: from + i + 1, windowId: 'w01', staffId: null, score: ((from + i) % 5) + 1, scale: 5, reasons: [], deviceTime: new Date(t).toISOString(), channel: 'kiosk', suspect: false, followUp: false });
          tx.objectStore('outbox').put({ id, type: 'response', queuedAt: t, attempts: 0, nextAttemptAt: 0 });
        }
        tx.objectStore('meta').put(from + n, 'seq');
        await new Promise((ok, fail) => { tx.oncomplete = ok; tx.onerror = () => fail(tx.error); });
        db.close();
      }, [done, Math.min(CHUNK, N - done)] as const);
    }
    const seedSeconds = (performance.now() - s0) / 1000;
    const pending = () => page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((ok, fail) => { const r = indexedDB.open('window-feedback'); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
      const n = await new Promise<number>((ok) => { const q = db.transaction('outbox').objectStore('outbox').count(); q.onsuccess = () => ok(q.result); });
      db.close();
      return n;
    });
    if ((await pending()) !== N) throw new Error('the outbox does not hold every seeded record');
    // Polled while the kiosk drains: a count() walks the whole outbox, so the poll asks for one key only.
    const anyLeft = () => page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((ok, fail) => { const r = indexedDB.open('window-feedback'); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
      const keys = await new Promise<IDBValidKey[]>((ok) => { const q = db.transaction('outbox').objectStore('outbox').getAllKeys(null, 1); q.onsuccess = () => ok(q.result); });
      db.close();
      return keys.length > 0;
    });
    const t0 = performance.now();
    await ctx.setOffline(false); // the kiosk's `online` listener starts the drain
    await page.evaluate(() => { dispatchEvent(new Event('online')); });
    const deadline = Date.now() + 15 * 60_000;
    while (await anyLeft()) {
      if (Date.now() > deadline) throw new Error('drain did not finish within 15 minutes');
      await new Promise((r) => setTimeout(r, 250));
    }
    const seconds = (performance.now() - t0) / 1000;
    const cookie = await (await import('../browser/harness')).adminCookie(server.url);
    const csv = await (await fetch(`${server.url}/api/v1/export/responses.csv`, { headers: { cookie } })).text();
    const rows = csv.split('\r\n').filter((l) => l.length > 0).length - 1;
    if (rows !== N) throw new Error(`endpoint holds ${rows} of ${N}`);
    return { seconds, rss: peakRssMiB(server), seedSeconds };
  } finally {
    await browser.close();
    await server.stop();
  }
}

const base = await baseline();
const d = await drain();
console.log(`drain: ${N} responses queued offline in one kiosk (seeded in ${d.seedSeconds.toFixed(1)} s), batches of ${MAX_BATCH}`);
console.log(`  baseline, Node POSTing the same batches: ${base.seconds.toFixed(1)} s, ${(N / base.seconds).toFixed(0)} records/s, endpoint peak RSS ${base.rss.toFixed(0)} MiB`);
console.log(`  kiosk drain in Chromium (IndexedDB → engine → endpoint): ${d.seconds.toFixed(1)} s, ${(N / d.seconds).toFixed(0)} records/s, endpoint peak RSS ${d.rss.toFixed(0)} MiB`);
const ratio = base.seconds / d.seconds;
console.log(`  ratio drain / baseline records/s: ${ratio.toFixed(3)}`);
reportGoal({
  goal: `drain of ${N} ratings queued offline`, figure: `${(N / d.seconds).toFixed(0)} records/s`, baseline: `${(N / base.seconds).toFixed(0)} records/s (Node POSTing the same batches)`,
  ratio, target: '≥ 0.5', met: ratio >= 0.5,
});
