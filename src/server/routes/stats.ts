import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../http/context';
import { requireUser } from '../http/guards';
import { parseFilter, type Filter } from './query';
import { rates, type LevelCounts } from '../../shared/metrics';
import { daysBetween } from '../../shared/time';
import type { Db } from '../db/sqlite';

export interface DailyPoint {
  day: string;
  counts: LevelCounts;
  total: number;
  satisfaction: number | null;
  good: number | null;
  bad: number | null;
}

export interface DailyStats {
  siteId: string;
  timeZone: string;
  from: string;
  to: string;
  windowId: string | null;
  target: number;
  includeSuspect: boolean;
  suspectCount: number;
  days: DailyPoint[];
}

/** Level counts per site-local day, every day of the range present (zero days included). */
export function dailyStats(db: Db, f: Filter): DailyStats {
  const where = ['site_id = @site', 'day BETWEEN @from AND @to'];
  if (f.windowId) where.push('window_id = @window');
  const params = { site: f.site.id, from: f.from, to: f.to, window: f.windowId };
  const rows = db.prepare(`SELECT day, score, suspect, count(*) AS n FROM responses WHERE ${where.join(' AND ')} GROUP BY day, score, suspect`)
    .all(params) as { day: string; score: number; suspect: number; n: number }[];
  const byDay = new Map<string, number[]>();
  let suspectCount = 0;
  for (const r of rows) {
    if (r.suspect) suspectCount += r.n;
    if (r.suspect && !f.includeSuspect) continue;
    const c = byDay.get(r.day) ?? [0, 0, 0, 0, 0];
    c[r.score - 1]! += r.n;
    byDay.set(r.day, c);
  }
  const days = daysBetween(f.from, f.to).map((day) => {
    const counts = (byDay.get(day) ?? [0, 0, 0, 0, 0]) as unknown as LevelCounts;
    const r = rates(counts);
    return { day, counts, total: r.total, satisfaction: r.satisfaction, good: r.good, bad: r.bad };
  });
  return {
    siteId: f.site.id, timeZone: f.site.timeZone, from: f.from, to: f.to, windowId: f.windowId,
    target: f.site.targetSatisfaction, includeSuspect: f.includeSuspect, suspectCount, days,
  };
}

/** /api/v1/stats. Accepts: admin or supervisor session (supervisors: their sites only). */
export function statsRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.use('*', requireUser(deps, ['admin', 'supervisor']));
  app.get('/daily', (c) => c.json(dailyStats(deps.db, parseFilter(deps, c))));
  return app;
}
