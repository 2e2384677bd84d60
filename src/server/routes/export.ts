import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../http/context';
import { requireUser } from '../http/guards';
import { parseFilter } from './query';
import { csvStream } from '../export/stream';
import { RESPONSE_COLUMNS, responseCells, responseSource } from '../export/responses';
import { audit } from '../audit';

/** /api/v1/export. Accepts: admin session. */
export function exportRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.use('*', requireUser(deps, ['admin']));

  app.get('/responses.csv', (c) => {
    const f = parseFilter(deps, c);
    const user = c.get('session').user;
    audit(deps.db, user.username, 'export', { what: 'responses', site: f.site.id, from: f.from, to: f.to, window: f.windowId, personalData: false }, deps.now());
    const name = `responses_${f.from}_${f.to}_site-${f.site.id}${f.windowId ? `_window-${f.windowId}` : ''}.csv`;
    const body = csvStream(RESPONSE_COLUMNS, responseSource(deps.db, f), responseCells(deps.config, false));
    return new Response(body, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${name}"`,
        'cache-control': 'no-store',
      },
    });
  });

  return app;
}
