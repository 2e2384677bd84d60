/** The early-warning rule run over every window and staff member of a site, and the daily job that reports new warnings. */
import type { ConfigIndex } from '../config/load';
import type { Site } from '../../shared/config';
import type { InsightsStore } from '../store/insights';
import { earlyWarning, type Warning, type WarningRules } from '../../shared/insights/warning';
import type { WarningRow, WarningsReport, WarningView } from '../../shared/insights/wire';
import { addDays, siteDay } from '../../shared/time';
import { reasonLabel, staffLabel, windowLabel } from '../stats/labels';
import { seriesBy, type SubjectKind } from './aggregate';
import type { Scope } from './compare';

function view(site: Site, w: Warning): WarningView {
  if (w.kind === 'too-few') return w;
  if (w.kind === 'steady') return { kind: 'steady', baseline: w.baseline, recent: w.recent, peak: w.peak };
  return {
    kind: 'warning', since: w.since, signalled: w.signalled, statistic: w.statistic, baseline: w.baseline, recent: w.recent,
    pValue: w.test?.pValue ?? null, reasons: w.reasons.map((r) => ({ ...r, label: reasonLabel(site, r.code) })),
    path: w.steps.map((s) => ({ day: s.day, s: s.s })),
  };
}

/** Every window's and staff member's early-warning result as of `asOf` (a site-local day). */
export async function warningsReport(store: InsightsStore, config: ConfigIndex, site: Site, asOf: string, scope: Scope): Promise<WarningsReport> {
  const rules: WarningRules = site.insights.earlyWarning;
  const monitoredFrom = addDays(asOf, -(rules.monitorDays - 1));
  const baselineFrom = addDays(monitoredFrom, -rules.baselineDays);
  const [scores, reasons] = await Promise.all([store.scoreCounts(site.id, baselineFrom, asOf), store.reasonCounts(site.id, baselineFrom, asOf)]);
  const keep = <T extends { windowId: string; staffId: string }>(rows: T[]) =>
    rows.filter((r) => (!scope.windowId || r.windowId === scope.windowId) && (!scope.staffId || r.staffId === scope.staffId));
  const rows: WarningRow[] = [];
  const run = (kind: SubjectKind, ids: string[], label: (id: string) => string) => {
    const series = seriesBy(keep(scores), keep(reasons), kind);
    for (const id of new Set([...ids, ...series.keys()])) {
      rows.push({ subject: kind, id, label: label(id), result: view(site, earlyWarning(series.get(id) ?? [], asOf, rules)) });
    }
  };
  if (!scope.staffId) run('window', config.config.windows.filter((w) => w.siteId === site.id && (!scope.windowId || w.id === scope.windowId)).map((w) => w.id), (id) => windowLabel(config, id));
  run('staff', scope.staffId ? [scope.staffId] : config.config.staff.filter((s) => s.siteId === site.id).map((s) => s.id), (id) => staffLabel(config, id));
  const rank = (r: WarningRow) => (r.result.kind === 'warning' ? 0 : r.result.kind === 'steady' ? 1 : 2);
  rows.sort((x, y) => rank(x) - rank(y) || x.subject.localeCompare(y.subject) || x.id.localeCompare(y.id));
  return { siteId: site.id, asOf, baseline: { from: baselineFrom, to: addDays(monitoredFrom, -1) }, monitored: { from: monitoredFrom, to: asOf }, rules, rows };
}

/** A warning the daily job found: present on `asOf` and absent the day before, so each fall is reported once. */
export interface NewWarning { readonly siteId: string; readonly asOf: string; readonly row: WarningRow & { readonly result: Extract<WarningView, { kind: 'warning' }> } }

/**
 * The daily early-warning job, run by the alerts scheduler once a day after midnight (site time) with a `deliver` that
 * turns each new warning into an alert. A warning is new when the rule raises it for yesterday and did not for the day
 * before, so a window that stays below its baseline is reported once, not every day. `siteIds` limits it to some halls
 * (the scheduler runs one job per hall, in the hall's time zone). Returns what it delivered.
 */
export async function runDailyEarlyWarning(
  store: InsightsStore, config: ConfigIndex, now: number, deliver: (w: NewWarning) => Promise<void>, siteIds?: readonly string[],
): Promise<NewWarning[]> {
  const out: NewWarning[] = [];
  const all = { windowId: null, staffId: null };
  for (const site of config.config.sites.filter((s) => !siteIds || siteIds.includes(s.id))) {
    const asOf = addDays(siteDay(now, site.timeZone), -1);
    const [today, before] = await Promise.all([warningsReport(store, config, site, asOf, all), warningsReport(store, config, site, addDays(asOf, -1), all)]);
    const earlier = new Set(before.rows.filter((r) => r.result.kind === 'warning').map((r) => `${r.subject}:${r.id}`));
    for (const row of today.rows) {
      if (row.result.kind === 'warning' && !earlier.has(`${row.subject}:${row.id}`)) {
        const w = { siteId: site.id, asOf, row: row as NewWarning['row'] };
        await deliver(w);
        out.push(w);
      }
    }
  }
  return out;
}
