import type { Filter } from '../routes/query';
import type { Areas } from '../store';
import { pagesOf, type Pages } from './stream';
import type { Cell } from '../../shared/csv';
import { dailyStats, type DailyPoint } from '../routes/stats';

/** Rates as fractions (0–1); each column names which rate it is. */
export const DAILY_COLUMNS = [
  'site_id', 'day', 'window_id', 'total', 'very_satisfied_5', 'satisfied_4', 'basically_satisfied_3', 'dissatisfied_2', 'very_dissatisfied_1',
  'satisfaction_rate_ge4', 'good_rate_ge3', 'bad_rate_le2', 'suspect_included',
] as const;

/** Daily aggregates over the filter's range (at most 400 rows, so one page). */
export function dailySource(store: Pick<Areas, 'stats'>, f: Filter): Pages<DailyPoint> {
  return pagesOf(dailyStats(store, f).then((d) => d.days));
}

export function dailyCells(f: Filter) {
  return (d: DailyPoint): readonly Cell[] => [
    f.site.id, d.day, f.windowId ?? 'all', d.total, d.counts[4], d.counts[3], d.counts[2], d.counts[1], d.counts[0],
    d.satisfaction, d.good, d.bad, f.includeSuspect,
  ];
}
