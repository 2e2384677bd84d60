/** 满意率 per site-local day, and the five levels per day, from the daily roll-up. */
import type { Areas } from '../store';
import type { Filter } from '../routes/query';
import { rates, type LevelCounts } from '../../shared/metrics';
import { daysBetween } from '../../shared/time';
import { echo, rollupQuery } from './where';
import type { DailyStats } from './types';

/** Below this many ratings a day's rate is shown but marked as a thin sample. */
export const MIN_DAILY_SAMPLE = 10;

/** Level counts per day, every day of the range present (zero days included). */
export async function dailyStats(store: Pick<Areas, 'stats'>, f: Filter): Promise<DailyStats> {
  const rows = await store.stats.levelCounts(rollupQuery(f, { suspect: 'all' }), ['day']);
  const byDay = new Map<string, [number, number, number, number, number]>();
  let suspectCount = 0;
  for (const r of rows) {
    if (r.suspect) suspectCount += r.n;
    if (r.suspect && !f.includeSuspect) continue;
    const c = byDay.get(r.day) ?? [0, 0, 0, 0, 0];
    c[r.score - 1]! += r.n;
    byDay.set(r.day, c);
  }
  const days = daysBetween(f.from, f.to).map((day) => {
    const counts: LevelCounts = byDay.get(day) ?? [0, 0, 0, 0, 0];
    const r = rates(counts);
    return { day, counts, total: r.total, satisfaction: r.satisfaction, good: r.good, bad: r.bad };
  });
  return { ...echo(f), target: f.site.targetSatisfaction, minDailySample: MIN_DAILY_SAMPLE, suspectCount, days };
}
