/** Ratings and bad ratings by weekday × hour of day (site-local), from the hourly roll-up. */
import type { Areas } from '../store';
import type { Filter } from '../routes/query';
import { echo, rollupQuery } from './where';
import type { Heatmap } from './types';

/** A 7 × 24 grid, Monday first. */
export async function heatmap(store: Pick<Areas, 'stats'>, f: Filter): Promise<Heatmap> {
  const rows = await store.stats.hourCounts(rollupQuery(f));
  const ratings = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  const bad = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  for (const r of rows) {
    ratings[r.weekday]![r.hour] = r.n;
    bad[r.weekday]![r.hour] = r.bad;
  }
  return { ...echo(f), ratings, bad };
}
