/** /api/v1/insights: comparisons, early warnings, categorised comments and their corrections, themes, the monthly 通报. */
import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import type { AppDeps, AppEnv } from '../http/context';
import { clientAddress, requireUser, visibleSites } from '../http/guards';
import { fail, readJson } from '../http/errors';
import { parseFilter, type Filter } from './query';
import { compareReport, type Scope } from '../insights/compare';
import { warningsReport } from '../insights/warnings';
import { commentsReport } from '../insights/comments';
import { themesReport } from '../insights/themes';
import { bulletin } from '../insights/bulletin';
import { categorise } from '../../shared/insights/categories';
import { staffRefs } from '../../shared/insights/site';
import { CorrectionBodySchema } from '../../shared/insights/wire';
import { previousMonth, siteDay } from '../../shared/time';
import { monthParam } from '../http/params';
import { check } from '../http/validate';
import { WarningsQuerySchema } from '../../shared/api';
import { audit } from '../audit';

/** A staff member sees only their own figures; supervisors and admins what the filter asks. */
function scopeOf(c: Context<AppEnv>, f: Filter): Scope {
  const user = c.get('session').user;
  if (user.role !== 'staff') return { windowId: f.windowId, staffId: f.staffId };
  if (!user.staffId) throw fail(403, 'no_staff_link', 'this account is not linked to a staff member');
  if (f.staffId && f.staffId !== user.staffId) throw fail(403, 'forbidden_staff', 'staff see their own results only', 'staff');
  return { windowId: f.windowId, staffId: user.staffId };
}

/**
 * Accepts: a session. GET compare, warnings, comments, themes: admin, supervisor (their sites), staff (their own
 * figures); POST corrections and GET bulletin: admin or supervisor.
 */
export function insightsRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const store = deps.store.insights;
  const anyone = requireUser(deps, ['admin', 'supervisor', 'staff']);
  const managers = requireUser(deps, ['admin', 'supervisor']);
  const isAdmin = (c: Context<AppEnv>) => c.get('session').user.role === 'admin';

  app.get('/compare', anyone, async (c) => {
    const f = parseFilter(deps, c);
    return c.json(await compareReport(store, deps.config, f.site, f, scopeOf(c, f)));
  });
  app.get('/warnings', anyone, async (c) => {
    const f = parseFilter(deps, c);
    const asOf = check(WarningsQuerySchema, c.req.query()).asOf ?? siteDay(deps.now(), f.site.timeZone);
    return c.json(await warningsReport(store, deps.config, f.site, asOf, scopeOf(c, f)));
  });
  app.get('/comments', anyone, async (c) => {
    const f = parseFilter(deps, c);
    return c.json(await commentsReport(store, deps.config, f.site, f, scopeOf(c, f), isAdmin(c)));
  });
  app.get('/themes', anyone, async (c) => {
    const f = parseFilter(deps, c);
    return c.json(await themesReport(store, f.site, f, scopeOf(c, f), isAdmin(c)));
  });
  app.post('/corrections', managers, async (c) => {
    const parsed = v.safeParse(CorrectionBodySchema, await readJson(c.req.raw));
    if (!parsed.success) {
      const issue = parsed.issues[0]!;
      throw fail(400, 'invalid', issue.message, v.getDotPath(issue) ?? undefined);
    }
    const body = parsed.output;
    const user = c.get('session').user;
    if (!visibleSites(deps, user).includes(body.site)) throw fail(403, 'forbidden_site', `no access to site "${body.site}"`, 'site');
    const site = deps.config.sites.get(body.site)!;
    const known = new Set(site.insights.categories.map((r) => r.code));
    const unknown = body.categories.find((code) => !known.has(code));
    if (unknown) throw fail(400, 'invalid', `unknown category "${unknown}"`, 'categories');
    const comment = await store.comment(site.id, body.commentId);
    if (!comment) throw fail(404, 'unknown_comment', `no comment "${body.commentId}" at site "${site.id}"`, 'commentId');
    const previous = categorise(comment.text, site.insights.categories, staffRefs(deps.config.config, site)).codes;
    const at = deps.now();
    // The correction and its audit entry commit together.
    await deps.store.tx(async (t) => {
      await t.insights.addCorrection({ siteId: site.id, commentId: comment.id, categories: [...new Set(body.categories)], previous, by: user.username, at });
      await audit(t, user.username, 'insights.correct', { site: site.id, commentId: comment.id, categories: body.categories, previous }, at, clientAddress(c));
    });
    return c.json({ commentId: comment.id, categories: [...new Set(body.categories)], previous });
  });
  app.get('/bulletin', managers, async (c) => {
    const sites = visibleSites(deps, c.get('session').user);
    const siteId = c.req.query('site') ?? sites[0];
    if (!siteId || !sites.includes(siteId)) throw fail(403, 'forbidden_site', `no access to site "${siteId ?? ''}"`, 'site');
    const site = deps.config.sites.get(siteId)!;
    const month = monthParam(c, 'month', () => previousMonth(siteDay(deps.now(), site.timeZone).slice(0, 7)));
    return c.json(await bulletin(deps.store, deps.config, site, month, deps.now()));
  });
  return app;
}
