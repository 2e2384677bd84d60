/** The WHERE clause a dashboard filter puts on the roll-up tables. */
import type { Filter } from '../routes/query';
import type { FilterEcho } from './types';

export interface Where {
  sql: string;
  params: Record<string, string | number | null>;
}

/** Site, day range, window, staff and (unless asked) no suspect rows. */
export function rollupWhere(f: Filter, opts: { suspect?: 'filter' | 'all' } = {}): Where {
  const parts = ['site_id = @site', 'day BETWEEN @from AND @to'];
  if (f.windowId) parts.push('window_id = @window');
  if (f.staffId) parts.push('staff_id = @staff');
  if ((opts.suspect ?? 'filter') === 'filter' && !f.includeSuspect) parts.push('suspect = 0');
  return { sql: parts.join(' AND '), params: { site: f.site.id, from: f.from, to: f.to, window: f.windowId, staff: f.staffId } };
}

/** The filter as the client asked it, echoed in every answer. */
export function echo(f: Filter): FilterEcho {
  return { siteId: f.site.id, timeZone: f.site.timeZone, from: f.from, to: f.to, windowId: f.windowId, staffId: f.staffId, includeSuspect: f.includeSuspect };
}

/** Level counts from (score, n) rows. */
export function countsOf(rows: Iterable<{ score: number; n: number }>): [number, number, number, number, number] {
  const c: [number, number, number, number, number] = [0, 0, 0, 0, 0];
  for (const r of rows) c[r.score - 1]! += r.n;
  return c;
}
