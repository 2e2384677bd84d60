/** Shared parsing of the dashboard/export filters (site, date range, window, suspect toggle). */
import type { Context } from 'hono';
import type { AppDeps, AppEnv } from '../http/context';
import { fail } from '../http/errors';
import { visibleSites } from '../http/guards';
import { addDays, siteDay } from '../../shared/time';
import { check } from '../http/validate';
import { FilterQuerySchema } from '../../shared/api';
import type { Site } from '../../shared/config';

export interface Filter {
  site: Site;
  from: string;
  to: string;
  windowId: string | null;
  staffId: string | null;
  includeSuspect: boolean;
}

const MAX_RANGE_DAYS = 400;

/** Reads ?site=&from=&to=&window=&staff=&suspect= ; defaults to the last 30 days of the first visible site. */
export function parseFilter(deps: AppDeps, c: Context<AppEnv>): Filter {
  const q = check(FilterQuerySchema, c.req.query());
  const user = c.get('session').user;
  const sites = visibleSites(deps, user);
  const siteId = q.site ?? sites[0];
  if (!siteId || !sites.includes(siteId)) throw fail(403, 'forbidden_site', `no access to site "${siteId ?? ''}"`, 'site');
  const site = deps.config.sites.get(siteId);
  if (!site) throw fail(404, 'unknown_site', `unknown site "${siteId}"`, 'site');
  const today = siteDay(deps.now(), site.timeZone);
  const to = q.to ?? today;
  const from = q.from ?? addDays(to, -29);
  if (from > to) throw fail(400, 'bad_range', 'from must not be after to', 'from');
  if (addDays(from, MAX_RANGE_DAYS) < to) throw fail(400, 'invalid', `a range of at most ${MAX_RANGE_DAYS} days`, 'to');
  const windowId = q.window || null;
  if (windowId && deps.config.windows.get(windowId)?.siteId !== site.id) {
    throw fail(400, 'invalid', `unknown window "${windowId}" for site "${site.id}"`, 'window');
  }
  const asked = q.staff || null;
  // A staff account sees its own figures only: the filter is pinned to its staff member.
  if (user.role === 'staff' && !user.staffId) throw fail(403, 'no_staff_link', 'this account is not linked to a staff member; ask an admin');
  if (user.role === 'staff' && asked && asked !== user.staffId) throw fail(403, 'forbidden', 'staff see their own figures only', 'staff');
  const staffId = user.role === 'staff' ? user.staffId : asked;
  if (staffId && deps.config.staff.get(staffId)?.siteId !== site.id) {
    throw fail(400, 'invalid', `unknown staff "${staffId}" for site "${site.id}"`, 'staff');
  }
  return { site, from, to, windowId, staffId, includeSuspect: q.suspect === '1' };
}
