/** 月度通报: the month's rankings with change in rank, windows last two months running (约谈), vetoes, themes and warnings. */
import type { ConfigIndex } from '../config/load';
import type { Site } from '../../shared/config';
import type { Areas } from '../store';
import { vetoesOf } from '../stats/vetoes';
import { compareRates } from '../../shared/insights/compare';
import { wilson } from '../../shared/insights/stats';
import type { Bulletin, BulletinRow } from '../../shared/insights/wire';
import { DEFAULT_GRADE_RULES, EMPTY_COUNTS, gradeText, rates, starGrade, type LevelCounts } from '../../shared/metrics';
import { monthRange, previousMonth, siteDay } from '../../shared/time';
import { staffLabel, windowLabel } from '../stats/labels';
import { countsBy, satisfiedOf, totalCounts } from './aggregate';
import { themesReport } from './themes';
import { warningsReport } from './warnings';

/** Ranks by 满意率 (ties: more ratings first) among subjects with enough ratings for a star grade. */
function ranks(counts: Map<string, LevelCounts>, ids: string[]): Map<string, number> {
  const eligible = ids.map((id) => ({ id, c: counts.get(id) ?? EMPTY_COUNTS }))
    .map((x) => ({ id: x.id, r: rates(x.c) }))
    .filter((x) => x.r.total >= DEFAULT_GRADE_RULES.minRatings)
    .sort((a, b) => b.r.satisfaction! - a.r.satisfaction! || b.r.total - a.r.total);
  return new Map(eligible.map((x, i) => [x.id, i + 1]));
}

function rows(ids: string[], now: Map<string, LevelCounts>, before: Map<string, LevelCounts>, vetoes: Map<string, string>, kind: 'window' | 'staff', label: (id: string) => string): BulletinRow[] {
  const r1 = ranks(now, ids), r0 = ranks(before, ids);
  return ids.map((id) => {
    const c = now.get(id) ?? EMPTY_COUNTS, s = satisfiedOf(c), veto = vetoes.get(`${kind}:${id}`) ?? null;
    return {
      id, label: label(id), total: s.n, satisfaction: rates(c).satisfaction, interval: wilson(s.k, s.n),
      rank: r1.get(id) ?? null, rankBefore: r0.get(id) ?? null, grade: gradeText(starGrade(c, veto !== null)), veto,
    };
  }).sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9) || b.total - a.total);
}

/** The bulletin of `month` for a site, issued on `now`'s site-local day. */
export async function bulletin(areas: Pick<Areas, 'insights' | 'stats'>, config: ConfigIndex, site: Site, month: string, now: number): Promise<Bulletin> {
  const store = areas.insights;
  const before = previousMonth(month);
  const cur = monthRange(month), prev = monthRange(before);
  const [a, b, vetoes] = await Promise.all([store.scoreCounts(site.id, cur.from, cur.to), store.scoreCounts(site.id, prev.from, prev.to), vetoesOf(areas, site.id, month)]);
  const windowIds = config.config.windows.filter((w) => w.siteId === site.id).map((w) => w.id);
  const staffIds = config.config.staff.filter((s) => s.siteId === site.id).map((s) => s.id);
  const wl = (id: string) => windowLabel(config, id), sl = (id: string) => staffLabel(config, id);
  const windows = rows(windowIds, countsBy(a, 'window'), countsBy(b, 'window'), vetoes, 'window', wl);
  const staff = rows(staffIds, countsBy(a, 'staff'), countsBy(b, 'staff'), vetoes, 'staff', sl);
  const lastOf = (r: Map<string, number>) => [...r.entries()].find(([, n]) => n === r.size)?.[0];
  const lastNow = lastOf(ranks(countsBy(a, 'window'), windowIds)), lastBefore = lastOf(ranks(countsBy(b, 'window'), windowIds));
  const t1 = satisfiedOf(totalCounts(a)), t0 = satisfiedOf(totalCounts(b));
  const scope = { windowId: null, staffId: null };
  const [themes, warnings] = await Promise.all([themesReport(store, site, cur, scope, false, 10), warningsReport(store, config, site, cur.to, scope)]);
  return {
    siteId: site.id, siteName: site.name.zh, month, previousMonth: before, issuedOn: siteDay(now, site.timeZone),
    total: { ratings: t1.n, satisfaction: t1.n ? t1.k / t1.n : null, before: t0.n ? t0.k / t0.n : null, comparison: compareRates(t1.k, t1.n, t0.k, t0.n, site.insights.comparison) },
    windows, staff,
    lastTwice: lastNow && lastNow === lastBefore ? [{ id: lastNow, label: wl(lastNow) }] : [],
    vetoes: [...vetoes].map(([key, reason]) => {
      const [subject, id] = key.split(':') as ['window' | 'staff', string];
      return { subject, id, label: subject === 'window' ? wl(id) : sl(id), reason };
    }),
    themes: themes.themes,
    warnings: warnings.rows.filter((r) => r.result.kind === 'warning'),
    minRatings: DEFAULT_GRADE_RULES.minRatings,
  };
}
