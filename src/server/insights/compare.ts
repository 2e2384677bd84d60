/** 环比 / 同比 of 满意率 for a site, its windows and staff, with intervals; rankings by the lower bound. */
import type { ConfigIndex } from '../config/load';
import type { Site } from '../../shared/config';
import type { InsightsStore } from '../store/insights';
import { compareRates, byLowerBound } from '../../shared/insights/compare';
import { lastYear, previousPeriod, type Period } from '../../shared/insights/periods';
import { wilson } from '../../shared/insights/stats';
import type { CompareReport, SubjectComparison } from '../../shared/insights/wire';
import { EMPTY_COUNTS, type LevelCounts } from '../../shared/metrics';
import { staffLabel, windowLabel } from '../stats/labels';
import { countsBy, satisfiedOf, totalCounts } from './aggregate';

export interface Scope { readonly windowId: string | null; readonly staffId: string | null }

/** The comparison report of a period; a staff scope keeps only that staff member. */
export async function compareReport(store: InsightsStore, config: ConfigIndex, site: Site, period: Period, scope: Scope): Promise<CompareReport> {
  const prev = previousPeriod(period), year = lastYear(period);
  const [now, before, yearAgo] = await Promise.all([period, prev, year].map((p) => store.scoreCounts(site.id, p.from, p.to)));
  const inScope = <T extends { windowId: string; staffId: string }>(rows: T[]) =>
    rows.filter((r) => (!scope.windowId || r.windowId === scope.windowId) && (!scope.staffId || r.staffId === scope.staffId));
  const [a, b, c] = [inScope(now!), inScope(before!), inScope(yearAgo!)];
  const rules = site.insights.comparison;
  const row = (subject: SubjectComparison['subject'], id: string, label: string, x: LevelCounts, y: LevelCounts, z: LevelCounts): SubjectComparison => {
    const n = satisfiedOf(x), p = satisfiedOf(y), l = satisfiedOf(z);
    return { subject, id, label, now: wilson(n.k, n.n), previous: compareRates(n.k, n.n, p.k, p.n, rules), lastYear: compareRates(n.k, n.n, l.k, l.n, rules) };
  };
  const subjects = (kind: 'window' | 'staff', ids: string[], label: (id: string) => string) => {
    const [x, y, z] = [countsBy(a, kind), countsBy(b, kind), countsBy(c, kind)];
    const all = new Set([...ids, ...x.keys()]);
    return [...all].map((id) => row(kind, id, label(id), x.get(id) ?? EMPTY_COUNTS, y.get(id) ?? EMPTY_COUNTS, z.get(id) ?? EMPTY_COUNTS))
      .sort((r1, r2) => byLowerBound({ interval: r1.now }, { interval: r2.now }));
  };
  const windowIds = scope.staffId ? [] : config.config.windows.filter((w) => w.siteId === site.id && (!scope.windowId || w.id === scope.windowId)).map((w) => w.id);
  const staffIds = scope.staffId ? [scope.staffId] : config.config.staff.filter((s) => s.siteId === site.id).map((s) => s.id);
  const [ta, tb, tc] = [totalCounts(a), totalCounts(b), totalCounts(c)];
  const rate = (pick: (x: LevelCounts) => number) => {
    const all = (x: LevelCounts) => x[0] + x[1] + x[2] + x[3] + x[4];
    return {
      now: wilson(pick(ta), all(ta)),
      previous: compareRates(pick(ta), all(ta), pick(tb), all(tb), rules),
      lastYear: compareRates(pick(ta), all(ta), pick(tc), all(tc), rules),
    };
  };
  return {
    siteId: site.id, period, previous: prev, lastYear: year, rules,
    total: row('site', site.id, site.name.zh, ta, tb, tc),
    totalRates: { satisfaction: rate((x) => x[3] + x[4]), good: rate((x) => x[2] + x[3] + x[4]), bad: rate((x) => x[0] + x[1]) },
    // A staff member's own view has no window ranking.
    windows: scope.staffId ? [] : subjects('window', windowIds, (id) => windowLabel(config, id)),
    staff: subjects('staff', staffIds, (id) => staffLabel(config, id)),
  };
}
