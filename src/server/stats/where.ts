/** What a dashboard filter asks of the roll-ups, and the filter echoed in every answer. */
import type { Filter } from '../routes/query';
import type { RollupQuery } from '../store';
import type { FilterEcho } from './types';

/** Site, day range, window, staff and (unless asked, or `suspect: 'all'`) no suspect rows. */
export function rollupQuery(f: Filter, opts: { suspect?: 'filter' | 'all' } = {}): RollupQuery {
  return {
    siteId: f.site.id, from: f.from, to: f.to, windowId: f.windowId, staffId: f.staffId,
    suspect: (opts.suspect ?? 'filter') === 'all' || f.includeSuspect,
  };
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
