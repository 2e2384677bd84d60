/** Follow-up figures, the case CSV export and 一票否决 (list, lift). */
import { Hono, type Context } from 'hono';
import type { AppDeps, AppEnv } from '../http/context';
import { clientAddress, requireUser, requireUserForm, visibleSites } from '../http/guards';
import { fail, readJson } from '../http/errors';
import { audit } from '../audit';
import { LiftVetoSchema } from '../../shared/cases/wire';
import { addDays, monthRange, siteDay } from '../../shared/time';
import { check } from '../http/validate';
import { CaseRangeQuerySchema } from '../../shared/api';
import { startOfLocalDay } from '../../shared/cases/calendar';
import { caseFiguresReport } from '../cases/figures';
import { caseCsvStream } from '../export/cases';
import { parseBody } from './cases';
import { personalReason, refusePersonalGet } from './export';
import { monthParam } from '../http/params';
import type { Site } from '../../shared/config';

/** ?site=&from=&to= or ?site=&month= (site-local days; default: this month), checked against the reader's halls. */
function range(deps: AppDeps, c: Context<AppEnv>): { site: Site; from: string; to: string } {
  const q = check(CaseRangeQuerySchema, c.req.query());
  const sites = visibleSites(deps, c.get('session').user);
  const siteId = q.site ?? sites[0];
  const site = siteId && sites.includes(siteId) ? deps.config.sites.get(siteId) : undefined;
  if (!site) throw fail(403, 'forbidden_site', `no access to site "${siteId ?? ''}"`, 'site');
  if (q.month !== undefined && (q.from !== undefined || q.to !== undefined)) throw fail(400, 'invalid', 'give a month or a from/to range, not both', 'month');
  const month = monthRange(monthParam(c, 'month', () => siteDay(deps.now(), site.timeZone).slice(0, 7)));
  const from = q.from ?? month.from;
  const to = q.to ?? month.to;
  if (to < from) {
    // The date at fault is the one given: `from` (as the stats name it), unless `to` alone ends before the month starts.
    if (q.from === undefined) throw fail(400, 'bad_range', `to (${to}) must not be before from (${from}, the start of this month)`, 'to');
    throw fail(400, 'bad_range', `from (${from}) must not be after to (${to}${q.to === undefined ? ', the end of this month' : ''})`, 'from');
  }
  return { site, from, to };
}

export function caseFigureRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const supervisor = requireUser(deps, ['admin', 'supervisor']);
  const admin = requireUser(deps, ['admin']);
  const form = requireUserForm(deps, ['admin', 'supervisor']);

  // Accepts: admin or supervisor session (their halls). 回访率, 核实率, 整改率, 按期办结率, overdue, medians.
  app.get('/case-figures', supervisor, async (c) => {
    const r = range(deps, c);
    return c.json(await caseFiguresReport(deps.store, deps.config, r.site, r.from, r.to, deps.now()));
  });

  /** The case CSV, audited before its first byte; phones unmasked when `reason` is given. */
  async function casesCsv(c: Context<AppEnv>, reason: string | null): Promise<Response> {
    const r = range(deps, c);
    const user = c.get('session').user;
    const personal = reason !== null;
    const now = deps.now();
    await audit(deps.store, user.username, 'export', { what: 'cases', format: 'csv', site: r.site.id, from: r.from, to: r.to, personalData: personal, ...(personal ? { reason } : {}) }, now, clientAddress(c));
    const body = caseCsvStream(deps.store, deps.config, {
      siteId: r.site.id, from: startOfLocalDay(r.from, r.site.timeZone), to: startOfLocalDay(addDays(r.to, 1), r.site.timeZone), personal, now,
    });
    return new Response(body, { headers: {
      'content-type': 'text/csv; charset=utf-8', 'cache-control': 'no-store',
      'content-disposition': `attachment; filename="cases_${r.from}_${r.to}_site-${r.site.id}.csv"`,
    } });
  }

  // Accepts: admin or supervisor session (their halls). Cases opened in the range, phones masked.
  app.get('/cases.csv', supervisor, async (c) => {
    refusePersonalGet(c);
    return casesCsv(c, null);
  });

  // Accepts: admin session, CSRF token in the form body. The same cases with phones unmasked; the reason, in the
  // body, is audited like the other exports'.
  app.post('/cases.csv', form, async (c) => casesCsv(c, await personalReason(c)));

  // Accepts: admin or supervisor session (their halls). 一票否决 of a month (?month=YYYY-MM) or all months.
  app.get('/vetoes', supervisor, async (c) => {
    const month = c.req.query('month') === undefined ? null : monthParam(c, 'month', () => '');
    const rows = await deps.store.cases.vetoList(visibleSites(deps, c.get('session').user), month);
    return c.json({ items: rows.map((v) => ({
      id: v.id, siteId: v.site_id, subject: v.subject, subjectId: v.subject_id, month: v.month, reason: v.reason, caseNumber: v.case_id,
      createdBy: v.created_by, createdAt: new Date(v.created_at).toISOString(),
      lifted: v.lifted_at === null ? null : { at: new Date(v.lifted_at).toISOString(), by: v.lifted_by, reason: v.lift_reason },
    })) });
  });

  // Accepts: admin session. Lifts a veto with a reason; audited. The month's grade comes back.
  app.post('/vetoes/:id/lift', admin, async (c) => {
    const body = parseBody(LiftVetoSchema, await readJson(c.req.raw));
    const id = Number(c.req.param('id'));
    const veto = Number.isSafeInteger(id) ? await deps.store.cases.vetoById(id) : null;
    if (!veto) throw fail(404, 'unknown_veto', `no veto ${c.req.param('id')}`);
    const by = c.get('session').user.username;
    const lifted = await deps.store.tx(async (t) => {
      const ok = await t.cases.liftVeto(id, by, body.reason, deps.now());
      if (ok) await audit(t, by, 'veto.lifted', { veto: id, site: veto.site_id, subject: `${veto.subject}:${veto.subject_id}`, month: veto.month, reason: body.reason }, deps.now(), clientAddress(c));
      return ok;
    });
    if (!lifted) throw fail(409, 'already_lifted', 'this veto was already lifted');
    return c.json({ id, lifted: true });
  });
  return app;
}
