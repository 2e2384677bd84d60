/** Ratings and bad ratings by weekday × hour of day (site-local), from the hourly roll-up. */
import type { Db } from '../db/sqlite';
import type { Filter } from '../routes/query';
import { echo, rollupWhere } from './where';
import type { Heatmap } from './types';

/** A 7 × 24 grid, Monday first. */
export function heatmap(db: Db, f: Filter): Heatmap {
  const w = rollupWhere(f);
  const rows = db.prepare(`SELECT weekday, hour, sum(n) AS n, sum(bad) AS bad FROM rollup_hourly WHERE ${w.sql} GROUP BY weekday, hour`)
    .all(w.params) as { weekday: number; hour: number; n: number; bad: number }[];
  const ratings = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  const bad = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  for (const r of rows) {
    ratings[r.weekday]![r.hour] = r.n;
    bad[r.weekday]![r.hour] = r.bad;
  }
  return { ...echo(f), ratings, bad };
}
