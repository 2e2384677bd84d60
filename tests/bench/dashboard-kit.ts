/** What the dashboard benches share: the 30-day query set the dashboard runs, and median timings. */
import type { Store } from '../../src/server/store';
import type { ConfigIndex } from '../../src/server/config/load';
import type { Filter } from '../../src/server/routes/query';
import { dailyStats } from '../../src/server/stats/daily';
import { ranking } from '../../src/server/stats/ranking';
import { heatmap } from '../../src/server/stats/heatmap';
import { reasons } from '../../src/server/stats/reasons';

/** The dashboard's reads for one filter: daily figures, ranking, heatmap, reasons (all from the roll-ups). */
export async function dashboardQuerySet(store: Store, config: ConfigIndex, filter: Filter): Promise<void> {
  await dailyStats(store, filter);
  await ranking(store, config, filter);
  await heatmap(store, filter);
  await reasons(store, filter);
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** The median time of `runs` calls of `f`, in ms. */
export async function time(runs: number, f: () => Promise<unknown> | unknown): Promise<number> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await f();
    out.push(performance.now() - t0);
  }
  return median(out);
}
