/** Follow-up figures of a hall from its stored cases, grouped by window, staff member and month. */
import type { ConfigIndex } from '../config/load';
import type { Store } from '../store';
import type { FollowupCaseRow } from '../store/cases';
import type { Site } from '../../shared/config';
import { caseFigures, type CaseFact } from '../../shared/cases/figures';
import type { CaseFiguresReport } from '../../shared/cases/wire';
import { startOfLocalDay } from '../../shared/cases/calendar';
import { addDays, localParts } from '../../shared/time';
import { staffLabel, windowLabel } from '../stats/labels';

function fact(r: FollowupCaseRow): CaseFact {
  return {
    needsCallback: r.needs_callback === 1, openedAt: r.opened_at, calledBackAt: r.called_back_at, verifiedAt: r.verified_at,
    founded: r.founded === null ? null : r.founded === 1, rectifiedAt: r.rectified_at, closedAt: r.closed_at, dueAt: r.due_at,
    callbackDueAt: r.callback_due_at,
  };
}

function grouped(rows: FollowupCaseRow[], key: (r: FollowupCaseRow) => string, label: (k: string) => string, now: number) {
  const groups = new Map<string, CaseFact[]>();
  for (const r of rows) {
    const k = key(r);
    groups.set(k, [...(groups.get(k) ?? []), fact(r)]);
  }
  return [...groups].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, facts]) => caseFigures(k, label(k), facts, now));
}

/**
 * Figures of the cases a site opened between two site-local days (both included). A case the citizen withdrew (the bad
 * rating taken back before anyone worked it) had nothing to follow up, so no figure counts it.
 */
export async function caseFiguresReport(store: Pick<Store, 'cases'>, config: ConfigIndex, site: Site, from: string, to: string, now: number): Promise<CaseFiguresReport> {
  const rows = (await store.cases.opened([site.id], startOfLocalDay(from, site.timeZone), startOfLocalDay(addDays(to, 1), site.timeZone)))
    .filter((r) => r.state !== 'withdrawn');
  return {
    siteId: site.id, from, to,
    total: caseFigures(site.id, site.name.zh, rows.map(fact), now),
    windows: grouped(rows, (r) => r.window_id, (k) => windowLabel(config, k), now),
    staff: grouped(rows.filter((r) => r.staff_id !== null), (r) => r.staff_id!, (k) => staffLabel(config, k), now),
    months: grouped(rows, (r) => localParts(r.opened_at, site.timeZone).day.slice(0, 7), (k) => k, now),
  };
}
