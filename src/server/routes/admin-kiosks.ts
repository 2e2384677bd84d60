import { Hono } from 'hono';
import * as v from 'valibot';
import QRCode from 'qrcode';
import type { AppDeps, AppEnv } from '../http/context';
import { fail, readJson } from '../http/errors';
import { clientAddress, requireUser } from '../http/guards';
import { listKiosks, moveKiosk, revokeKiosk } from '../auth/kiosks';
import { createPairingCode, formatCode } from '../auth/pairing';
import { fleet } from '../auth/fleet';
import { audit } from '../audit';

const WindowBody = v.object({ windowId: v.pipe(v.string(), v.minLength(1), v.maxLength(64)) });

async function windowOf(deps: AppDeps, req: Request) {
  const r = v.safeParse(WindowBody, await readJson(req));
  if (!r.success) throw fail(400, 'invalid', 'windowId is required', 'windowId');
  const site = deps.config.siteOfWindow(r.output.windowId);
  if (!site) throw fail(404, 'unknown_window', `unknown window "${r.output.windowId}"`, 'windowId');
  return { site, windowId: r.output.windowId };
}

/** /api/v1/admin/kiosks. Accepts: admin session (+ CSRF header on writes). */
export function adminKioskRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.use('*', requireUser(deps, ['admin']));

  // Accepts: admin session.
  app.get('/kiosks', (c) => c.json({
    now: deps.now(),
    kiosks: fleet(listKiosks(deps.db), deps.config.sites, (id) => deps.config.windows.get(id)?.number ?? id, deps.now()),
  }));

  // Accepts: admin session + CSRF header. The QR code holds the pairing page URL with the code, for a tablet's camera.
  app.post('/kiosks/pairing-codes', async (c) => {
    const { site, windowId } = await windowOf(deps, c.req.raw);
    const user = c.get('session').user.username;
    const p = createPairingCode(deps.db, site.id, windowId, user, deps.now());
    const url = `${new URL(c.req.url).origin}/kiosk?code=${p.code}`;
    const qrSvg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    audit(deps.db, user, 'pairing_code_created', { windowId, expiresAt: new Date(p.expiresAt).toISOString() }, deps.now(), clientAddress(c));
    return c.json({ code: formatCode(p.code), windowId, siteId: site.id, expiresAt: p.expiresAt, url, qrSvg }, 201);
  });

  // Accepts: admin session + CSRF header.
  app.post('/kiosks/:id/revoke', (c) => {
    const id = c.req.param('id');
    if (!revokeKiosk(deps.db, id, deps.now())) throw fail(404, 'not_found', `no active kiosk "${id}"`, 'id');
    audit(deps.db, c.get('session').user.username, 'kiosk_revoked', { kioskId: id }, deps.now(), clientAddress(c));
    return c.json({ ok: true });
  });

  // Accepts: admin session + CSRF header.
  app.post('/kiosks/:id/move', async (c) => {
    const id = c.req.param('id');
    const { site, windowId } = await windowOf(deps, c.req.raw);
    const before = listKiosks(deps.db).find((k) => k.id === id);
    if (!before || !moveKiosk(deps.db, id, site.id, windowId)) throw fail(404, 'not_found', `no active kiosk "${id}"`, 'id');
    audit(deps.db, c.get('session').user.username, 'kiosk_moved', { kioskId: id, from: before.windowId, to: windowId }, deps.now(), clientAddress(c));
    return c.json({ ok: true });
  });

  return app;
}
