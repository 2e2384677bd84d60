import { Hono, type Context } from 'hono';
import type { AppDeps, AppEnv } from '../http/context';
import { fail } from '../http/errors';
import { clientAddress, requireUser } from '../http/guards';
import { parseFilter, type Filter } from './query';
import { csvStream, jsonlStream } from '../export/stream';
import { DAILY_COLUMNS, DAILY_COLUMNS_ZH, dailyCells, dailySource } from '../export/daily';
import { exportStream } from '../export/run';
import type { ExportFormat, HeaderLang } from '../export/formats';
import { audit } from '../audit';
import { check } from '../http/validate';
import { PersonalQuerySchema } from '../../shared/api';

type Format = ExportFormat;
type What = 'responses' | 'suggestions' | 'daily';

const CONTENT_TYPES: Record<Format, string> = {
  csv: 'text/csv; charset=utf-8',
  jsonl: 'application/x-ndjson; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const MIN_REASON = 4;

/** Personal data (phones, contacts) only for an admin who gives a reason and the session's CSRF token. */
function personalData(c: Context<AppEnv>): { included: false } | { included: true; reason: string } {
  if (c.req.query('personal') !== '1') return { included: false };
  const session = c.get('session');
  if (session.user.role !== 'admin') throw fail(403, 'forbidden', 'only an admin may export personal data', 'personal');
  const reason = (check(PersonalQuerySchema, c.req.query()).reason ?? '').trim();
  if (reason.length < MIN_REASON) throw fail(400, 'invalid', `say why personal data is needed (at least ${MIN_REASON} characters)`, 'reason');
  // A download link cannot carry headers, so the CSRF token rides in the query for this one audited case.
  if (c.req.query('csrf') !== session.csrf) throw fail(403, 'csrf', 'missing or wrong csrf parameter', 'csrf');
  return { included: true, reason: reason.slice(0, 500) };
}

/** `?headers=zh` gives Chinese column headers in CSV and JSON Lines (xlsx always has them). */
function headerLang(c: Context<AppEnv>): HeaderLang {
  const h = c.req.query('headers');
  if (h === undefined || h === 'en') return 'en';
  if (h === 'zh') return 'zh';
  throw fail(400, 'invalid', 'headers must be en or zh', 'headers');
}

function body(deps: AppDeps, what: What, format: Format, f: Filter, unmasked: boolean, gbCode: boolean, lang: HeaderLang): ReadableStream<Uint8Array> {
  if (what === 'daily') {
    const header = lang === 'zh' ? DAILY_COLUMNS_ZH : DAILY_COLUMNS;
    return format === 'csv' ? csvStream(header, dailySource(deps.store, f), dailyCells(f, true)) : jsonlStream(header, dailySource(deps.store, f), dailyCells(f));
  }
  const filter = { siteId: f.site.id, from: f.from, to: f.to, windowId: f.windowId, staffId: f.staffId, includeSuspect: f.includeSuspect };
  return exportStream(deps.store, deps.config.config, { what, format, filter, options: { unmasked, gbCode }, lang });
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
    for (const format of (what === 'daily' ? ['csv', 'jsonl'] : ['csv', 'jsonl', 'xlsx']) as Format[]) {
      // Accepts: admin or supervisor session; ?personal=1 only for admins (with reason + csrf), audited.
      app.get(`/${what}.${format}`, async (c) => {
        const f = parseFilter(deps, c);
        const personal = what === 'daily' ? { included: false as const } : personalData(c);
        const gbCode = c.req.query('gb') === '1';
        const lang = headerLang(c);
        const user = c.get('session').user;
        await audit(deps.store, user.username, 'export', {
          what, format, site: f.site.id, from: f.from, to: f.to, window: f.windowId, suspect: f.includeSuspect, gbCode,
          personalData: personal.included, ...(personal.included ? { reason: personal.reason } : {}),
        }, deps.now(), clientAddress(c));
        return new Response(body(deps, what, format, f, personal.included, gbCode, lang), {
          headers: {
            'content-type': CONTENT_TYPES[format],
            'content-disposition': `attachment; filename="${exportFileName(what, f, format)}"`,
            'cache-control': 'no-store',
          },
        });
      });
    }
  }

  return app;
}
