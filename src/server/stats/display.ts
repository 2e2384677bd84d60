/** Figures for the public big screen (公示): per window, today and this month; no personal data at all. */
import type { Db } from '../db/sqlite';
import type { ConfigIndex } from '../config/load';
import type { Site } from '../../shared/config';
import { addCounts, rates, starGrade, EMPTY_COUNTS, type LevelCounts } from '../../shared/metrics';
import { siteDay, monthRange } from '../../shared/time';
import { vetoesOf } from './vetoes';
import type { DisplayFigures } from './types';

/** Today's and this month's 满意率 per window, with the month's 星级; suspect ratings left out. */
export function displayFigures(db: Db, config: ConfigIndex, site: Site, now: number): DisplayFigures {
  const day = siteDay(now, site.timeZone);
  const month = day.slice(0, 7);
  const rows = db.prepare(`SELECT window_id, day = ? AS today, score, sum(n) AS n FROM rollup_daily
    WHERE site_id = ? AND day BETWEEN ? AND ? AND suspect = 0 GROUP BY window_id, day = ?, score`)
    .all(day, site.id, monthRange(month).from, day, day) as { window_id: string; today: number; score: number; n: number }[];
  const vetoes = vetoesOf(db, site.id, month);
  const windows = config.config.windows.filter((w) => w.siteId === site.id);
  const todayBy = new Map<string, LevelCounts>();
  const monthBy = new Map<string, LevelCounts>();
  for (const r of rows) {
    const one: [number, number, number, number, number] = [0, 0, 0, 0, 0];
    one[r.score - 1] = r.n;
    monthBy.set(r.window_id, addCounts(monthBy.get(r.window_id) ?? EMPTY_COUNTS, one));
    if (r.today) todayBy.set(r.window_id, addCounts(todayBy.get(r.window_id) ?? EMPTY_COUNTS, one));
  }
  const sum = (m: Map<string, LevelCounts>) => [...m.values()].reduce(addCounts, EMPTY_COUNTS);
  const brief = (c: LevelCounts) => { const r = rates(c); return { total: r.total, satisfaction: r.satisfaction }; };
  return {
    site: { id: site.id, name: site.name },
    day, month, target: site.targetSatisfaction, updatedAt: new Date(now).toISOString(),
    today: brief(sum(todayBy)),
    thisMonth: brief(sum(monthBy)),
    windows: windows.map((w) => {
      const mc = monthBy.get(w.id) ?? EMPTY_COUNTS;
      return {
        number: w.number, name: w.name,
        today: brief(todayBy.get(w.id) ?? EMPTY_COUNTS),
        month: { ...brief(mc), grade: starGrade(mc, vetoes.has(`window:${w.id}`)) },
      };
    }),
  };
}
