import type { Filter } from '../routes/query';
import type { Areas } from '../store';
import { pagesOf, type Pages } from './stream';
import type { Cell } from '../../shared/csv';
import { dailyStats, type DailyPoint } from '../routes/stats';

/** Each rate column names which rate it is: fractions (0–1) in JSON Lines, percentages with one decimal in CSV. */
export const DAILY_COLUMNS = [
  'site_id', 'day', 'window_id', 'total', 'very_satisfied_5', 'satisfied_4', 'basically_satisfied_3', 'dissatisfied_2', 'very_dissatisfied_1',
  'satisfaction_rate_ge4', 'good_rate_ge3', 'bad_rate_le2', 'suspect_included',
] as const;

/** The same columns with Chinese headers (CSV `?headers=zh`). */
export const DAILY_COLUMNS_ZH = [
  '大厅', '日期', '窗口', '评价数', '非常满意(5)', '满意(4)', '基本满意(3)', '不满意(2)', '非常不满意(1)', '满意率(≥4)', '好评率(≥3)', '差评率(≤2)', '含可疑评价',
] as const;

/** Daily aggregates over the filter's range (at most 400 rows, so one page). */
export function dailySource(store: Pick<Areas, 'stats'>, f: Filter): Pages<DailyPoint> {
  return pagesOf(dailyStats(store, f).then((d) => d.days));
}

/** `0.9615…` → `96.2%`; a day without ratings has no rate. */
export function percent(rate: number | null): string | null {
  return rate === null ? null : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

export function dailyCells(f: Filter, asPercent = false) {
  const rate = (r: number | null) => (asPercent ? percent(r) : r);
  return (d: DailyPoint): readonly Cell[] => [
    f.site.id, d.day, f.windowId ?? 'all', d.total, d.counts[4], d.counts[3], d.counts[2], d.counts[1], d.counts[0],
    rate(d.satisfaction), rate(d.good), rate(d.bad), f.includeSuspect,
  ];
}
