import { Hono } from 'hono';
import * as v from 'valibot';
import QRCode from 'qrcode';
import type { AppDeps, AppEnv } from '../http/context';
import { fail, readJson } from '../http/errors';
import { clientAddress, requireUser } from '../http/guards';
import { kioskListing, listKiosks, moveKiosk, revokeKiosk } from '../auth/kiosks';
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
  app.get('/kiosks', async (c) => c.json({
    now: deps.now(),
    kiosks: fleet(await listKiosks(deps.store), deps.config.sites, (id) => deps.config.windows.get(id)?.number ?? id, deps.now()),
  }));

  // Accepts: admin session + CSRF header. The QR code holds the pairing page URL with the code, for a tablet's camera.
  app.post('/kiosks/pairing-codes', async (c) => {
    const { site, windowId } = await windowOf(deps, c.req.raw);
    const user = c.get('session').user.username;
    const p = await createPairingCode(deps.store, site.id, windowId, user, deps.now());
    const url = `${new URL(c.req.url).origin}/kiosk?code=${p.code}`;
    const qrSvg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    await audit(deps.store, user, 'pairing_code_created', { windowId, expiresAt: new Date(p.expiresAt).toISOString() }, deps.now(), clientAddress(c));
    return c.json({ code: formatCode(p.code), windowId, siteId: site.id, expiresAt: p.expiresAt, url, qrSvg }, 201);
  });

  // Accepts: admin session + CSRF header.
  app.post('/kiosks/:id/revoke', async (c) => {
    const id = c.req.param('id');
    if (!(await revokeKiosk(deps.store, id, deps.now()))) throw fail(404, 'not_found', `no active kiosk "${id}"`, 'id');
    await audit(deps.store, c.get('session').user.username, 'kiosk_revoked', { kioskId: id }, deps.now(), clientAddress(c));
    return c.json({ ok: true });
  });

  // Accepts: admin session + CSRF header.
  app.post('/kiosks/:id/move', async (c) => {
    const id = c.req.param('id');
    const { site, windowId } = await windowOf(deps, c.req.raw);
    const before = await kioskListing(deps.store, id);
    // A device token is a hall's: moving a kiosk to another hall's window is a new pairing there, not a move.
    if (before && before.siteId !== site.id) throw fail(409, 'other_site', `kiosk "${id}" belongs to another hall; pair a tablet there instead`, 'windowId');
    if (!before || !(await moveKiosk(deps.store, id, site.id, windowId))) throw fail(404, 'not_found', `no active kiosk "${id}"`, 'id');
    await audit(deps.store, c.get('session').user.username, 'kiosk_moved', { kioskId: id, from: before.windowId, to: windowId }, deps.now(), clientAddress(c));
    return c.json({ ok: true });
  });

  return app;
}
