/**
 * /api/v1/admin/integration-keys — keys of queue or receipt systems that issue case codes (POST /api/v1/qr/case)
 * for one hall. Accepts: admin session (+ CSRF on writes). Every key made or revoked is audited.
 * Answers follow the shared schemas of src/shared/api (IntegrationKeyList, IntegrationKeyCreated, IntegrationKeyRevoked).
 */
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../http/context';
import { clientAddress, requireUser } from '../http/guards';
import { fail } from '../http/errors';
import { jsonBody } from '../http/validate';
import { NewIntegrationKeySchema, type IntegrationKeyCreated, type IntegrationKeyList, type IntegrationKeyRevoked } from '../../shared/api';
import { audit } from '../audit';
import { createIntegrationKey, listIntegrationKeys, revokeIntegrationKey } from '../auth/integrations';

export function integrationKeyRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const admin = requireUser(deps, ['admin']);

  app.get('/integration-keys', admin, async (c) => c.json({ keys: await listIntegrationKeys(deps.store) } satisfies IntegrationKeyList));

  // The key is in this answer once; only its hash is kept.
  app.post('/integration-keys', admin, jsonBody(NewIntegrationKeySchema), async (c) => {
    const body = c.req.valid('json');
    if (!deps.config.sites.get(body.siteId)) throw fail(400, 'invalid', `unknown site "${body.siteId}"`, 'siteId');
    const by = c.get('session').user.username;
    const now = deps.now();
    const out = await createIntegrationKey(deps.store, body.siteId, body.label, by, now);
    await audit(deps.store, by, 'integration_key_created', { id: out.id, site: body.siteId, label: body.label }, now, clientAddress(c));
    return c.json({ id: out.id, key: out.key, siteId: body.siteId, label: body.label } satisfies IntegrationKeyCreated, 201);
  });

  app.post('/integration-keys/:id/revoke', admin, async (c) => {
    const id = Number(c.req.param('id'));
    const now = deps.now();
    if (!Number.isSafeInteger(id) || !(await revokeIntegrationKey(deps.store, id, now))) throw fail(404, 'unknown_key', `no live integration key ${c.req.param('id')}`, 'id');
    await audit(deps.store, c.get('session').user.username, 'integration_key_revoked', { id }, now, clientAddress(c));
    return c.json({ id, revoked: true } satisfies IntegrationKeyRevoked);
  });
  return app;
}
