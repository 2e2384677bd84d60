/** Windows and staff members ranked by 满意率 over the range, with 差评 counts, top reasons and (for a month) the 星级. */
import type { Db } from '../db/sqlite';
import type { ConfigIndex } from '../config/load';
import type { Filter } from '../routes/query';
import { rates, starGrade, type LevelCounts } from '../../shared/metrics';
import { wholeMonth } from '../../shared/time';
import { echo, rollupWhere } from './where';
import { reasonLabel, staffLabel, windowLabel } from './labels';
import { vetoesOf } from './vetoes';
import type { RankRow, Ranking } from './types';

type Key = 'window_id' | 'staff_id';

function group(db: Db, f: Filter, key: Key): Map<string, [number, number, number, number, number]> {
  const w = rollupWhere(f);
  const rows = db.prepare(`SELECT ${key} AS k, score, sum(n) AS n FROM rollup_daily WHERE ${w.sql} GROUP BY ${key}, score`)
    .all(w.params) as { k: string; score: number; n: number }[];
  const out = new Map<string, [number, number, number, number, number]>();
  for (const r of rows) {
    const c = out.get(r.k) ?? [0, 0, 0, 0, 0];
    c[r.score - 1]! += r.n;
    out.set(r.k, c);
  }
  return out;
}

function topReasons(db: Db, f: Filter, key: Key): Map<string, { code: string; n: number }[]> {
  const w = rollupWhere(f);
  const rows = db.prepare(`SELECT ${key} AS k, reason, sum(n) AS n FROM rollup_reasons WHERE ${w.sql} GROUP BY ${key}, reason HAVING sum(n) > 0 ORDER BY n DESC`)
    .all(w.params) as { k: string; reason: string; n: number }[];
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

/** The ranking of windows and staff over the filter's range. */
export function ranking(db: Db, config: ConfigIndex, f: Filter): Ranking {
  const month = wholeMonth(f.from, f.to);
  const vetoes = month ? vetoesOf(db, f.site.id, month) : new Map<string, string>();
  const build = (key: Key, subject: 'window' | 'staff', label: (id: string) => string, ids: string[]): RankRow[] => {
    const counts = group(db, f, key);
    const reasons = topReasons(db, f, key);
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
    windows: build('window_id', 'window', (id) => windowLabel(config, id), windowIds),
    staff: build('staff_id', 'staff', (id) => staffLabel(config, id), staffIds),
  };
}
