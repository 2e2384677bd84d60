import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../http/context';
import { requireUser, visibleSites } from '../http/guards';
import { fail } from '../http/errors';
import { parseFilter } from './query';
import { intParam, monthParam as month } from '../http/params';
import { check } from '../http/validate';
import { FeedbackQuerySchema } from '../../shared/api';
import { dailyStats } from '../stats/daily';
import { ranking } from '../stats/ranking';
import { heatmap } from '../stats/heatmap';
import { reasons } from '../stats/reasons';
import { feedback, parseCursor } from '../stats/feedback';
import { feedbackRecord } from '../stats/feedback-item';
import { monthReport, monthCells, ownRows, MONTH_CSV_HEADER } from '../stats/month';
import { csvStream, pagesOf } from '../export/stream';
import { siteDay } from '../../shared/time';
import { SUGGESTION_CATEGORIES, type SuggestionCategory } from '../../shared/wire';
import type { Context } from 'hono';
import type { MonthRow, Subjects } from '../stats/types';

export type { DailyStats, DailyPoint } from '../stats/types';
export { dailyStats } from '../stats/daily';


/** ?month=YYYY-MM, within the years a day filter may name (2000–2099); the site's current month by default. */
function monthParam(deps: AppDeps, c: Context<AppEnv>, timeZone: string): string {
  return month(c, 'month', () => siteDay(deps.now(), timeZone).slice(0, 7));
}

/** /api/v1/stats. Accepts: admin, supervisor (their sites) or staff session (their own figures: the filter is pinned to them). */
export function statsRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.use('*', requireUser(deps, ['admin', 'supervisor', 'staff']));
  app.get('/subjects', (c) => {
    const user = c.get('session').user;
    const sites = new Set(visibleSites(deps, user));
    const cfg = deps.config.config;
    return c.json({
      sites: cfg.sites.filter((s) => sites.has(s.id)).map((s) => ({ id: s.id, name: s.name, timeZone: s.timeZone, reasons: s.reasons })),
      windows: cfg.windows.filter((w) => sites.has(w.siteId)).map((w) => ({ id: w.id, siteId: w.siteId, number: w.number, name: w.name })),
      staff: cfg.staff.filter((s) => sites.has(s.siteId) && (user.role !== 'staff' || s.id === user.staffId)).map((s) => ({ id: s.id, siteId: s.siteId, name: s.name, staffNumber: s.staffNumber })),
    } satisfies Subjects);
  });
  app.get('/daily', async (c) => c.json(await dailyStats(deps.store, parseFilter(deps, c))));
  app.get('/ranking', async (c) => c.json(await ranking(deps.store, deps.config, parseFilter(deps, c), deps.now())));
  app.get('/heatmap', async (c) => c.json(await heatmap(deps.store, parseFilter(deps, c))));
  app.get('/reasons', async (c) => c.json(await reasons(deps.store, parseFilter(deps, c))));
  app.get('/feedback', async (c) => {
    const f = parseFilter(deps, c);
    const score = intParam(c, 'score', 1, 5);
    const fq = check(FeedbackQuerySchema, c.req.query());
    const category = fq.category || null;
    if (category !== null && !(SUGGESTION_CATEGORIES as readonly string[]).includes(category)) {
      throw fail(400, 'invalid', `category must be one of ${SUGGESTION_CATEGORIES.join(', ')}`, 'category');
    }
    const text = (fq.q ?? '').trim().slice(0, 100);
    const cursor = fq.cursor || null;
    if (cursor !== null && !parseCursor(cursor)) throw fail(400, 'invalid', 'cursor must be a nextCursor this route gave', 'cursor');
    return c.json(await feedback(deps.store, deps.config, f, { text, score, category: category as SuggestionCategory | null, limit: 100, cursor }));
  });
  // Accepts: admin, supervisor (their sites) or staff (their own records). One item of the list in full.
  app.get('/feedback/:kind/:id', async (c) => {
    const kind = c.req.param('kind');
    if (kind !== 'response' && kind !== 'suggestion') throw fail(400, 'invalid', 'kind must be response or suggestion', 'kind');
    const user = c.get('session').user;
    const rec = await feedbackRecord(deps.store, deps.config, kind, c.req.param('id'));
    const mine = user.role !== 'staff' || (rec !== null && rec.staffId === user.staffId);
    if (!rec || !visibleSites(deps, user).includes(rec.siteId) || !mine) throw fail(404, 'unknown_record', `no ${kind} "${c.req.param('id')}"`, 'id');
    return c.json(rec);
  });
  app.get('/month', async (c) => {
    const f = parseFilter(deps, c);
    return c.json(ownRows(await monthReport(deps.store, deps.config, f.site, monthParam(deps, c, f.site.timeZone), f.includeSuspect), c.get('session').user));
  });
  app.get('/month.csv', async (c) => {
    const f = parseFilter(deps, c);
    const month = monthParam(deps, c, f.site.timeZone);
    const report = ownRows(await monthReport(deps.store, deps.config, f.site, month, f.includeSuspect), c.get('session').user);
    // A month report is small (one row per window and staff member): page through it in memory.
    const body = csvStream<MonthRow>(MONTH_CSV_HEADER, pagesOf([...report.windows, ...report.staff, report.total]), (r) => monthCells(month, r));
    return new Response(body, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="month-report_${f.site.id}_${month}.csv"`,
        'cache-control': 'no-store',
      },
    });
  });
  return app;
}
