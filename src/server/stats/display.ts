/** Figures for the public big screen (公示): per window, today and this month; no personal data at all. */
import { MIN_DAILY_SAMPLE } from './daily';
import type { Areas } from '../store';
import type { ConfigIndex } from '../config/load';
import type { Site } from '../../shared/config';
import { addCounts, rates, starGrade, EMPTY_COUNTS, type LevelCounts } from '../../shared/metrics';
import { siteDay, monthRange } from '../../shared/time';
import { vetoesOf } from './vetoes';
import type { DisplayFigures } from './types';

/** Today's and this month's 满意率 per window, with the month's 星级; suspect ratings left out. */
export async function displayFigures(store: Pick<Areas, 'stats'>, config: ConfigIndex, site: Site, now: number): Promise<DisplayFigures> {
  const day = siteDay(now, site.timeZone);
  const month = day.slice(0, 7);
  const q = { siteId: site.id, from: monthRange(month).from, to: day, windowId: null, staffId: null, suspect: false };
  const [levels, vetoes] = await Promise.all([store.stats.levelCounts(q, ['window_id', 'day']), vetoesOf(store, site.id, month)]);
  const rows = levels.map((l) => ({ window_id: l.window_id, today: l.day === day, score: l.score, n: l.n }));
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
    site: { id: site.id, name: site.name, timeZone: site.timeZone },
    minSample: MIN_DAILY_SAMPLE,
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
