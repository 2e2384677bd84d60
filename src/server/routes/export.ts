import { Hono, type Context } from 'hono';
import type { AppDeps, AppEnv } from '../http/context';
import { fail } from '../http/errors';
import { clientAddress, formFields, requireUser, requireUserForm } from '../http/guards';
import { parseFilter, type Filter } from './query';
import { csvStream, jsonlStream } from '../export/stream';
import { DAILY_COLUMNS, DAILY_COLUMNS_ZH, dailyCells, dailySource } from '../export/daily';
import { exportStream } from '../export/run';
import type { ExportFormat, HeaderLang } from '../export/formats';
import { audit } from '../audit';
import { check } from '../http/validate';
import { flagParam } from '../http/params';
import { PersonalFormSchema } from '../../shared/api';

type Format = ExportFormat;
type What = 'responses' | 'suggestions' | 'daily';

const CONTENT_TYPES: Record<Format, string> = {
  csv: 'text/csv; charset=utf-8',
  jsonl: 'application/x-ndjson; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** A GET asking for personal data is refused: its token and purpose would sit in the URL (history, proxy logs). */
export function refusePersonalGet(c: Context<AppEnv>): void {
  if (flagParam(c, 'personal')) {
    throw fail(400, 'invalid', 'personal data is downloaded by POST, with the reason and the csrf token in the form body, not in the URL', 'personal');
  }
}

/** The purpose of a personal-data download (form posted, CSRF checked by requireUserForm): admins only. */
export async function personalReason(c: Context<AppEnv>): Promise<string> {
  if (c.get('session').user.role !== 'admin') throw fail(403, 'forbidden', 'only an admin may export personal data', 'personal');
  return check(PersonalFormSchema, await formFields(c)).reason;
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

type Personal = { included: false } | { included: true; reason: string };

/** /api/v1/export. Accepts: admin or supervisor session (supervisors: their sites, masked data only). */
export function exportRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const reader = requireUser(deps, ['admin', 'supervisor']);
  const form = requireUserForm(deps, ['admin', 'supervisor']);

  /** The attachment, audited before its first byte. */
  async function download(c: Context<AppEnv>, what: What, format: Format, personal: Personal): Promise<Response> {
    const f = parseFilter(deps, c);
    const gbCode = flagParam(c, 'gb');
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
  }

  for (const what of ['responses', 'suggestions', 'daily'] as const) {
    for (const format of (what === 'daily' ? ['csv', 'jsonl'] : ['csv', 'jsonl', 'xlsx']) as Format[]) {
      // Accepts: admin or supervisor session. Masked; filters in the query.
      app.get(`/${what}.${format}`, reader, async (c) => {
        refusePersonalGet(c);
        return download(c, what, format, { included: false });
      });
      if (what === 'daily') continue; // aggregates hold no personal data
      // Accepts: admin session, CSRF token in the form body. Unmasked, the reason in the body; audited.
      app.post(`/${what}.${format}`, form, async (c) => download(c, what, format, { included: true, reason: await personalReason(c) }));
    }
  }

  return app;
}
