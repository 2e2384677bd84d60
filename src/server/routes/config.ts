import { Hono } from 'hono';
import { createHash } from 'node:crypto';
import type { AppDeps, AppEnv } from '../http/context';
import { fail } from '../http/errors';
import type { WindowConfig } from '../../shared/config';

/**
 * Public window configuration (what the idle screen shows anyway); no secrets, and none of the hall's internal
 * settings: whom alerts go to (they may name users), the comment rules and staff aliases, the follow-up calendar.
 */
export function windowConfig(deps: AppDeps, windowId: string): WindowConfig | null {
  const window = deps.config.windows.get(windowId);
  const hall = window && deps.config.sites.get(window.siteId);
  if (!window || !hall) return null;
  const { alerts: _alerts, insights: _insights, followUp: _followUp, ...site } = hall;
  const staff = deps.config.config.staff
    .filter((s) => s.siteId === hall.id)
    .map(({ pinHash: _omit, ...rest }) => rest);
  return { site, window, staff };
}

/** /api/v1/config and /api/v1/windows. Accepts: anyone (public data). */
export function configRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  app.get('/config/:windowId', (c) => {
    const cfg = windowConfig(deps, c.req.param('windowId'));
    if (!cfg) throw fail(404, 'unknown_window', `unknown window "${c.req.param('windowId')}"`, 'windowId');
    const body = JSON.stringify(cfg);
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
    // Weak comparison (RFC 9110): the tag a browser kept from a gzipped answer is the weak W/"…" of this one.
    const held = (c.req.header('if-none-match') ?? '').split(',').map((t) => t.trim().replace(/^W\//, ''));
    if (held.includes(etag) || held.includes('*')) return c.body(null, 304, { etag });
    return c.body(body, 200, { etag, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-cache' });
  });

  app.get('/windows', (c) => c.json({
    sites: deps.config.config.sites.map((s) => ({ id: s.id, name: s.name, timeZone: s.timeZone })),
    windows: deps.config.config.windows.map((w) => ({ id: w.id, siteId: w.siteId, number: w.number, name: w.name })),
  }));

  return app;
}
