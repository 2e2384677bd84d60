/**
 * Tap → IndexedDB committed on the kiosk, in headless Chromium: 200 taps on a face, each timed from the click
 * until the thank-you shows (it shows only after the record and its outbox entry committed), against a bare
 * IndexedDB put of the same record measured in the same page in the same run.
 */
import { launchBrowser, startServer } from '../browser/harness';
import { barePutTimes } from './page-kit';

const TAPS = Number(process.env.BENCH_TAPS ?? 200);
/** Taps before the counted ones: the first run each code path cold (compilation, the engine chunk's first load). */
const WARMUP = Number(process.env.BENCH_TAPS_WARMUP ?? 10);
const PAUSE_MS = 100;

function stats(xs: number[]): { median: number; p95: number } {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number): number => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { median: at(0.5), p95: at(0.95) };
}

const server = await startServer();
const browser = await launchBrowser();
try {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' })).newPage();
  await page.goto(`${server.url}/kiosk/w01`);
  await page.getByRole('button', { name: '非常满意' }).waitFor();

  // In-page code is given as text: the TypeScript loader would otherwise add helpers the page does not have.
  const taps = (await page.evaluate(`(async (n, warmup) => {
    const frame = () => new Promise((r) => requestAnimationFrame(r));
    const until = async (pred) => { while (!pred()) await new Promise((r) => setTimeout(r, 0)); };
    const out = [];
    for (let i = 0; i < warmup + n; i++) {
      await until(() => document.querySelector('button.face-5') !== null);
      // Citizens are seconds apart: let the sync started by the previous tap settle, as it would.
      await new Promise((r) => setTimeout(r, ${PAUSE_MS}));
      await frame();
      const face = document.querySelector('button.face-5');
      // A MutationObserver sees the thank-you in the same task it is rendered in, unlike polling timers.
      const shown = new Promise((ok) => {
        const obs = new MutationObserver(() => {
          if (document.querySelector('[role="status"]')) { obs.disconnect(); ok(performance.now()); }
        });
        obs.observe(document.body, { childList: true, subtree: true });
      });
      const t0 = performance.now();
      face.click();
      const at = await shown;
      if (i >= warmup) out.push(at - t0);
      document.querySelector('[role="status"] button.primary').click();
    }
    return out;
  })(${TAPS}, ${WARMUP})`)) as number[];

  const baseline = (await page.evaluate(barePutTimes(TAPS))) as number[];

  const t = stats(taps);
  const b = stats(baseline);
  console.log(`tap → IndexedDB committed: ${TAPS} taps (after ${WARMUP} not counted) on the kiosk in headless Chromium, ${PAUSE_MS} ms apart, sync running`);
  console.log(`  bare IndexedDB put, same page (baseline): median ${b.median.toFixed(2)} ms, p95 ${b.p95.toFixed(2)} ms`);
  console.log(`  tap → record + outbox committed → thank-you shown: median ${t.median.toFixed(2)} ms, p95 ${t.p95.toFixed(2)} ms`);
  console.log(`  ratio tap / bare put: median ${(t.median / b.median).toFixed(2)}, p95 ${(t.p95 / b.p95).toFixed(2)}`);
} finally {
  await browser.close();
  await server.stop();
}
