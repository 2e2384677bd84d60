import { Hono, type Context } from 'hono';
import type { AppDeps, AppEnv } from '../http/context';
import { fail } from '../http/errors';
import { clientAddress, requireUser } from '../http/guards';
import { AUDIT_COLUMNS, audit, type AuditQuery, type AuditRow } from '../audit';
import { csvStream, PAGE } from '../export/stream';
import { addDays, dayStartUtc, siteDay } from '../../shared/time';
import { intParam } from '../http/params';
import { check } from '../http/validate';
import { AuditQuerySchema } from '../../shared/api';
import { purgePersonalData } from '../retention';

/** ?tz= an IANA time zone (the admin's browser sends its own, so the days match the times it shows); UTC without one. */
function zoneParam(c: Context<AppEnv>): string {
  const tz = c.req.query('tz') || 'UTC';
  try {
    if (tz.length > 64) throw new RangeError('too long');
    new Intl.DateTimeFormat('en', { timeZone: tz });
  } catch {
    throw fail(400, 'invalid', 'tz must be an IANA time zone such as Asia/Shanghai', 'tz');
  }
  return tz;
}

/** ?from=&to= (days in ?tz=, inclusive), ?action=, ?actor= ; defaults to the last 30 days. */
function auditQuery(deps: AppDeps, c: Context<AppEnv>): AuditQuery & { fromDay: string; toDay: string; timeZone: string } {
  const q = check(AuditQuerySchema, c.req.query());
  const timeZone = zoneParam(c);
  const toDay = q.to ?? siteDay(deps.now(), timeZone);
  const fromDay = q.from ?? addDays(toDay, -29);
  return {
    from: dayStartUtc(fromDay, timeZone), to: dayStartUtc(addDays(toDay, 1), timeZone), fromDay, toDay, timeZone,
    action: q.action || null, actor: q.actor || null,
  };
}

/** /api/v1/admin/audit and /api/v1/admin/purge. Accepts: admin session (+ CSRF header on writes). */
export function adminAuditRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.use('*', requireUser(deps, ['admin']));

  // Accepts: admin session. Newest first, 100 a page; ?before=<id> pages back.
  app.get('/audit', async (c) => {
    const q = auditQuery(deps, c);
    const before = intParam(c, 'before', 1, Number.MAX_SAFE_INTEGER);
    const rows = await deps.store.audit.list(q, 100, before);
    return c.json({ entries: rows.map((r) => ({ ...r, detail: JSON.parse(r.detail) as unknown })), more: rows.length === 100 });
  });

  // Accepts: admin session. The export of the log is itself logged.
  app.get('/audit.csv', async (c) => {
    const q = auditQuery(deps, c);
    const user = c.get('session').user.username;
    await audit(deps.store, user, 'export', { what: 'audit', from: q.fromDay, to: q.toDay, timeZone: q.timeZone, action: q.action, actor: q.actor, personalData: false }, deps.now(), clientAddress(c));
    const body = csvStream(AUDIT_COLUMNS, deps.store.audit.pages(q, PAGE), (r: AuditRow) => [r.id, new Date(r.at).toISOString(), r.actor, r.action, r.detail, r.address]);
    return new Response(body, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="audit_${q.fromDay}_${q.toDay}.csv"`,
        'cache-control': 'no-store',
      },
    });
  });

  // Accepts: admin session + CSRF header. Runs the retention purge now (the daily job does the same).
  app.post('/purge', async (c) => {
    const result = await purgePersonalData(deps.store, deps.config, deps.now(), c.get('session').user.username);
    return c.json(result);
  });

  return app;
}
