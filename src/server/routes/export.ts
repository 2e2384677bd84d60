import { Hono, type Context } from 'hono';
import type { AppDeps, AppEnv } from '../http/context';
import { fail } from '../http/errors';
import { clientAddress, requireUser } from '../http/guards';
import { parseFilter, type Filter } from './query';
import { csvStream, jsonlStream, type Pages } from '../export/stream';
import { responseCells, responseColumns, responseSource } from '../export/responses';
import { SUGGESTION_COLUMNS, suggestionCells, suggestionSource } from '../export/suggestions';
import { DAILY_COLUMNS, dailyCells, dailySource } from '../export/daily';
import type { Cell } from '../../shared/csv';
import { audit } from '../audit';

type Format = 'csv' | 'jsonl';
type What = 'responses' | 'suggestions' | 'daily';

interface Plan<Row = never> { header: readonly string[]; source: Pages<Row>; cells: (r: Row) => readonly Cell[] }

const MIN_REASON = 4;

/** Personal data (phones, contacts) only for an admin who gives a reason and the session's CSRF token. */
function personalData(c: Context<AppEnv>): { included: false } | { included: true; reason: string } {
  if (c.req.query('personal') !== '1') return { included: false };
  const session = c.get('session');
  if (session.user.role !== 'admin') throw fail(403, 'forbidden', 'only an admin may export personal data', 'personal');
  const reason = (c.req.query('reason') ?? '').trim();
  if (reason.length < MIN_REASON) throw fail(400, 'invalid', `say why personal data is needed (at least ${MIN_REASON} characters)`, 'reason');
  // A download link cannot carry headers, so the CSRF token rides in the query for this one audited case.
  if (c.req.query('csrf') !== session.csrf) throw fail(403, 'csrf', 'missing or wrong csrf parameter', 'csrf');
  return { included: true, reason: reason.slice(0, 500) };
}

function plan(deps: AppDeps, what: What, f: Filter, unmasked: boolean, gbCode: boolean): Plan<unknown> {
  switch (what) {
    case 'responses': return { header: responseColumns({ gbCode }), source: responseSource(deps.store, f), cells: responseCells(deps.config, { unmasked, gbCode }) } as Plan<unknown>;
    case 'suggestions': return { header: SUGGESTION_COLUMNS, source: suggestionSource(deps.store, f), cells: suggestionCells(deps.config, unmasked) } as Plan<unknown>;
    case 'daily': return { header: DAILY_COLUMNS, source: dailySource(deps.store, f), cells: dailyCells(f) } as Plan<unknown>;
  }
}

/** `responses_2026-11-01_2026-11-30_site-demo[_window-w01].csv` */
export function exportFileName(what: What, f: Filter, format: Format): string {
  return `${what}_${f.from}_${f.to}_site-${f.site.id}${f.windowId ? `_window-${f.windowId}` : ''}.${format}`;
}

/** /api/v1/export. Accepts: admin or supervisor session (supervisors: their sites, masked data only). */
export function exportRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.use('*', requireUser(deps, ['admin', 'supervisor']));

  for (const what of ['responses', 'suggestions', 'daily'] as const) {
    for (const format of ['csv', 'jsonl'] as const) {
      // Accepts: admin or supervisor session; ?personal=1 only for admins (with reason + csrf), audited.
      app.get(`/${what}.${format}`, async (c) => {
        const f = parseFilter(deps, c);
        const personal = what === 'daily' ? { included: false as const } : personalData(c);
        const gbCode = c.req.query('gb') === '1';
        const user = c.get('session').user;
        await audit(deps.store, user.username, 'export', {
          what, format, site: f.site.id, from: f.from, to: f.to, window: f.windowId, suspect: f.includeSuspect, gbCode,
          personalData: personal.included, ...(personal.included ? { reason: personal.reason } : {}),
        }, deps.now(), clientAddress(c));
        const p = plan(deps, what, f, personal.included, gbCode);
        const body = format === 'csv' ? csvStream(p.header, p.source, p.cells) : jsonlStream(p.header, p.source, p.cells);
        return new Response(body, {
          headers: {
            'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
            'content-disposition': `attachment; filename="${exportFileName(what, f, format)}"`,
            'cache-control': 'no-store',
          },
        });
      });
    }
  }

  return app;
}
