/** Windows and staff members ranked by 满意率 over the range, with 差评 counts, top reasons and (for a month) the 星级. */
import type { Areas, RollupQuery } from '../store';
import type { ConfigIndex } from '../config/load';
import type { Filter } from '../routes/query';
import { rates, starGrade, type LevelCounts } from '../../shared/metrics';
import { monthRange, siteDay } from '../../shared/time';
import { echo, rollupQuery } from './where';
import { reasonLabel, staffLabel, windowLabel } from './labels';
import { vetoesOf } from './vetoes';
import type { RankRow, Ranking } from './types';

type Key = 'window_id' | 'staff_id';

type Stats = Pick<Areas, 'stats'>;

async function group(store: Stats, q: RollupQuery, key: Key): Promise<Map<string, [number, number, number, number, number]>> {
  const rows = await store.stats.levelCounts(q, [key]);
  const out = new Map<string, [number, number, number, number, number]>();
  for (const r of rows) {
    const k = r[key];
    const c = out.get(k) ?? [0, 0, 0, 0, 0];
    c[r.score - 1]! += r.n;
    out.set(k, c);
  }
  return out;
}

async function topReasons(store: Stats, q: RollupQuery, key: Key): Promise<Map<string, { code: string; n: number }[]>> {
  const rows = await store.stats.reasonCounts(q, key);
  const out = new Map<string, { code: string; n: number }[]>();
  for (const r of rows) {
    const list = out.get(r.k) ?? [];
    if (list.length < 3) list.push({ code: r.reason, n: r.n });
    out.set(r.k, list);
  }
  return out;
}

/** Best 满意率 first; subjects without ratings last. */
function byRate(a: RankRow, b: RankRow): number {
  return (b.satisfaction ?? -1) - (a.satisfaction ?? -1) || b.total - a.total;
}

/**
 * The month a range is graded as: one that starts on the 1st and runs to the month's end, or — for the month in
 * progress — to today or later, since no rating of that month lies after today (本月 asks for the 1st to today).
 * A range that stops before today in a month shows part of it only: no grade.
 */
export function gradedMonth(from: string, to: string, today: string): string | null {
  const month = from.slice(0, 7);
  const whole = monthRange(month);
  if (from !== whole.from || to.slice(0, 7) !== month) return null;
  return to === whole.to || (to >= today && from <= today) ? month : null;
}

/** The ranking of windows and staff over the filter's range, graded when the range is a month (see gradedMonth). */
export async function ranking(store: Stats, config: ConfigIndex, f: Filter, now: number = Date.now()): Promise<Ranking> {
  const month = gradedMonth(f.from, f.to, siteDay(now, f.site.timeZone));
  const q = rollupQuery(f);
  const vetoes = month ? await vetoesOf(store, f.site.id, month) : new Map<string, string>();
  const build = async (key: Key, subject: 'window' | 'staff', label: (id: string) => string, ids: string[]): Promise<RankRow[]> => {
    const [counts, reasons] = await Promise.all([group(store, q, key), topReasons(store, q, key)]);
    const all = new Set([...ids, ...counts.keys()]);
    return [...all].map((id) => {
      const c: LevelCounts = counts.get(id) ?? [0, 0, 0, 0, 0];
      const r = rates(c);
      return {
        id, label: label(id), counts: c, total: r.total, satisfaction: r.satisfaction, badCount: r.badCount,
        topReasons: (reasons.get(id) ?? []).map((x) => ({ ...x, label: reasonLabel(f.site, x.code).zh })),
        grade: month ? starGrade(c, vetoes.has(`${subject}:${id}`)) : null,
      };
    }).sort(byRate);
  };
  const windowIds = config.config.windows.filter((w) => w.siteId === f.site.id && (!f.windowId || w.id === f.windowId)).map((w) => w.id);
  const staffIds = f.staffId ? [f.staffId] : [];
  return {
    ...echo(f), month,
    windows: await build('window_id', 'window', (id) => windowLabel(config, id), windowIds),
    staff: await build('staff_id', 'staff', (id) => staffLabel(config, id), staffIds),
  };
}
