import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../http/context';
import { requireUser } from '../http/guards';
import { fail } from '../http/errors';
import { jsonBody } from '../http/validate';
import { NewDisplayTokenSchema } from '../../shared/api';
import { audit } from '../audit';
import { displayFigures } from '../stats/display';
import { createDisplayToken, listDisplayTokens, revokeDisplayToken, siteOfDisplayToken } from '../stats/tokens';

/**
 * /api/v1/display/:siteId — the public big screen. Accepts: a live display token for that site
 * (Authorization: Bearer). Answers aggregates only: no citizen, comment or phone ever.
 * /api/v1/display-tokens — Accepts: admin session (+ CSRF on writes).
 */
export function displayRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const admin = requireUser(deps, ['admin']);

  app.get('/display/:siteId', async (c) => {
    const m = c.req.header('authorization')?.match(/^Bearer\s+(\S+)$/i);
    if (!m) throw fail(401, 'no_display_token', 'a display token is required (Authorization: Bearer …)');
    const siteId = c.req.param('siteId');
    if ((await siteOfDisplayToken(deps.store, m[1]!)) !== siteId) throw fail(401, 'bad_display_token', 'the display token is unknown, revoked or for another site');
    const site = deps.config.sites.get(siteId);
    if (!site) throw fail(404, 'unknown_site', `unknown site "${siteId}"`);
    return c.json(await displayFigures(deps.store, deps.config, site, deps.now()));
  });

  app.get('/display-tokens', admin, async (c) => c.json({ tokens: await listDisplayTokens(deps.store), sites: deps.config.config.sites.map((s) => ({ id: s.id, name: s.name })) }));

  app.post('/display-tokens', admin, jsonBody(NewDisplayTokenSchema), async (c) => {
    const body = c.req.valid('json');
    if (!deps.config.sites.get(body.siteId)) throw fail(400, 'invalid', `unknown site "${body.siteId}"`, 'siteId');
    const by = c.get('session').user.username;
    const out = await createDisplayToken(deps.store, body.siteId, body.label, by, deps.now());
    await audit(deps.store, by, 'display_token_created', { id: out.id, site: body.siteId, label: body.label }, deps.now());
    return c.json({ id: out.id, token: out.token, url: `/display/${body.siteId}#token=${out.token}` });
  });

  app.post('/display-tokens/:id/revoke', admin, async (c) => {
    const id = Number(c.req.param('id'));
    if (!Number.isSafeInteger(id) || !(await revokeDisplayToken(deps.store, id, deps.now()))) throw fail(404, 'not_found', 'no live display token with that id');
    await audit(deps.store, c.get('session').user.username, 'display_token_revoked', { id }, deps.now());
    return c.json({ ok: true });
  });
  return app;
}
